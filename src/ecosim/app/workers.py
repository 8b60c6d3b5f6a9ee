"""Worker processes that own the classroom's worlds and step them off the page's thread.

The Solara server is one Python process: if it stepped every student's worlds itself, a
class would share one core and every page would wait for every other student's step. Here
each session's pair of worlds lives in one of a few worker processes
(one per core by default), and the page only asks "open these worlds", "the next k
quarters" or "close" and gets back a small data frame (:func:`ecosim.app.frames.frame`).

A request waits only for its own worker, so a slow session cannot hold up the others on
another worker; a worker serves its sessions one request at a time, in arrival order.
Workers are fresh interpreters (the server has threads, so ``fork`` is unsafe), run with
one BLAS thread, and end when the server does (their input closes).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from ecosim.scenario import Scenario

__all__ = ["PoolClosedError", "WorkerError", "WorldHandle", "WorldPool", "default_pool"]

WORKERS_ENV = "ECOSIM_APP_WORKERS"
"""Environment variable that sets the number of worker processes (default: the cores)."""


class PoolClosedError(RuntimeError):
    """The pool has been shut down (the server is stopping)."""


class WorkerError(RuntimeError):
    """A request failed inside a worker; the message is the worker's error."""


@dataclass(frozen=True)
class WorldHandle:
    """A session's pair of worlds: which worker holds it and under which key."""

    worker: int
    key: int


def _serve(conn_in: Connection, conn: Connection) -> None:
    """A worker's loop: answer requests until the pipe closes or ``stop`` arrives."""
    from threadpoolctl import threadpool_limits

    from ecosim.app.shared import Session, WorldCache

    cache = WorldCache()
    pairs: dict[int, Session] = {}
    with threadpool_limits(limits=1):
        while True:
            try:
                op, key, args = conn_in.recv()
            except (EOFError, OSError, KeyboardInterrupt):
                return
            try:
                if op == "stop":
                    conn.send(("ok", None))
                    return
                if op == "open":
                    baseline, chosen, seed, names = args
                    pairs[key] = cache.open(baseline, chosen, seed, names)
                    result: Any = pairs[key].frame()
                elif op == "step":
                    result = pairs[key].step(args)
                elif op == "csv":
                    result = pairs[key].to_csv()
                elif op == "close":
                    if key in pairs:
                        cache.close(pairs.pop(key))
                    result = len(cache.worlds)
                else:
                    raise ValueError(f"unknown request {op!r}")
                conn.send(("ok", result))
            except KeyboardInterrupt:
                return
            except Exception as exc:  # sent back to the page, which shows it
                conn.send(("error", f"{type(exc).__name__}: {exc}"))


class _Worker:
    """One worker process (``python -m ecosim.app.workers``) and the lock ordering its requests.

    The worker is a plain subprocess talking over its stdin and stdout, not a
    ``multiprocessing`` child: that would re-import the server's main module
    (``solara``) in every worker.
    """

    def __init__(self) -> None:
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
        env["MKL_NUM_THREADS"] = "1"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ecosim.app.workers"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        self._send = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self._recv = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()
        self.lock = threading.Lock()
        self.sessions: set[int] = set()

    def call(self, op: str, key: int, args: Any = None) -> Any:
        with self.lock:
            try:
                self._send.send((op, key, args))
                status, result = self._recv.recv()
            except (EOFError, OSError, BrokenPipeError) as exc:
                raise PoolClosedError("the app's worker process has stopped") from exc
        if status == "error":
            raise WorkerError(result)
        return result


class WorldPool:
    """Worker processes that hold the sessions' worlds.

    Args:
        workers: number of processes (default: ``ECOSIM_APP_WORKERS`` or the cores).
    """

    def __init__(self, workers: int | None = None) -> None:
        n = workers or int(os.environ.get(WORKERS_ENV, "0") or 0) or os.cpu_count() or 1
        self._workers = [_Worker() for _ in range(n)]
        self._keys = itertools.count(1)
        self._homes: dict[str, int] = {}  # settings -> the worker holding their worlds
        self._configs: dict[WorldHandle, str] = {}
        self._lock = threading.Lock()
        self._closed = False

    @property
    def size(self) -> int:
        """Number of worker processes."""
        return len(self._workers)

    def sessions(self) -> int:
        """Pairs of worlds now held."""
        return sum(len(w.sessions) for w in self._workers)

    def _worker(self, handle: WorldHandle) -> _Worker:
        if self._closed:
            raise PoolClosedError("the app is stopping")
        return self._workers[handle.worker]

    def open(
        self, baseline: Scenario, chosen: Scenario, seed: int, names: tuple[str, str]
    ) -> tuple[WorldHandle, dict]:
        """Open a pair of worlds; return its handle and first frame.

        Settings already open somewhere go to that worker (their worlds are shared,
        :mod:`ecosim.app.shared`); new settings go to the least-busy worker.
        """
        config = f"{seed}:{baseline.model_dump_json()}:{chosen.model_dump_json()}"
        with self._lock:
            if self._closed:
                raise PoolClosedError("the app is stopping")
            # the same settings go where their worlds already are, so they are stepped once
            index = self._homes.get(config)
            if index is None:
                index = min(range(self.size), key=lambda i: len(self._workers[i].sessions))
            handle = WorldHandle(index, next(self._keys))
            self._workers[index].sessions.add(handle.key)
            self._homes[config] = index
            self._configs[handle] = config
        try:
            first = self._workers[index].call("open", handle.key, (baseline, chosen, seed, names))
        except Exception:
            self._workers[index].sessions.discard(handle.key)
            raise
        return handle, first

    def step(self, handle: WorldHandle, quarters: int = 1) -> dict:
        """Advance a pair by up to ``quarters``; return its new frame."""
        return self._worker(handle).call("step", handle.key, int(quarters))

    def csv(self, handle: WorldHandle) -> str:
        """The pair's data so far as CSV text (see :meth:`Lockstep.to_csv`)."""
        return self._worker(handle).call("csv", handle.key)

    def close(self, handle: WorldHandle | None) -> None:
        """Free a pair's worlds (a new run, a closed tab). Safe to call twice."""
        if handle is None or self._closed:
            return
        worker = self._workers[handle.worker]
        with self._lock:
            config = self._configs.pop(handle, None)
            if config is not None and config not in self._configs.values():
                self._homes.pop(config, None)
        if handle.key in worker.sessions:
            worker.sessions.discard(handle.key)
            with contextlib.suppress(PoolClosedError):
                worker.call("close", handle.key)

    def shutdown(self, timeout: float = 2.0) -> None:
        """Stop every worker within ``timeout`` seconds; requests waiting on one fail."""
        self._closed = True
        for w in self._workers:
            w.process.terminate()  # a request in flight ends too: its caller gets PoolClosedError
        for w in self._workers:
            try:
                w.process.wait(timeout)
            except subprocess.TimeoutExpired:
                w.process.kill()
                w.process.wait(timeout)
            w._send.close()
            w._recv.close()


_DEFAULT: WorldPool | None = None
_DEFAULT_LOCK = threading.Lock()


def default_pool() -> WorldPool:
    """The server's pool, started on first use."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None or _DEFAULT._closed:
            _DEFAULT = WorldPool()
        return _DEFAULT


def _main() -> None:
    """Entry point of a worker process: requests on stdin, answers on stdout."""
    out = os.dup(1)
    os.dup2(2, 1)  # anything printed by a library goes to the server's log, not the pipe
    _serve(Connection(0, writable=False), Connection(out, readable=False))


if __name__ == "__main__":
    _main()
