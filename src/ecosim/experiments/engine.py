"""The one engine that runs jobs: local processes or a Dask cluster.

A job is ``(run_id, payload)``; a module-level function ``fn(payload)`` does the work.
Jobs travel in chunks (one task per chunk, not per run, so task overhead stays small) and
results come back as chunks finish, for the caller to stream to disk. Seeds travel inside
the payloads, so results never depend on the engine, the number of workers or the order
in which chunks finish.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any

__all__ = ["DaskEngine", "Engine", "EngineError", "LocalEngine", "chunked", "make_engine"]


class EngineError(Exception):
    """The engine cannot start (no Dask installed, scheduler unreachable)."""


Job = tuple[int, Any]
"""A run id and the payload ``fn`` needs (scenario, seed, ...)."""

BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""Worker processes run one BLAS thread each: with one per core already, BLAS threads
only compete (measured on 2 cores: 2 workers took 9.4 s for 8 runs with default BLAS
threading and 3.5 s with one thread each, against 4.7 s on one worker)."""


def _one_blas_thread_in_children() -> None:
    """Make processes started from now on use one BLAS thread, unless the user chose."""
    for name in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


def _run_chunk(fn: Callable[[Any], Any], chunk: Sequence[Job]) -> list[tuple[int, Any]]:
    return [(run_id, fn(payload)) for run_id, payload in chunk]


CHUNKS_PER_WORKER = 8
"""Chunks per worker: enough to balance runs of unequal length at the end of a sweep, few
enough that per-task overhead stays negligible (4, 8 and 16 per worker timed the same on
the 64-run benchmark, within 0.5 s of 22 s)."""


IN_FLIGHT_PER_WORKER = 2
"""Chunks submitted ahead per worker: workers never wait, and the parent never holds more
than a few chunks of payloads or results, however long the sweep."""


def chunk_size(total: int, workers: int, max_size: int | None = None) -> int:
    """Jobs per chunk: about ``CHUNKS_PER_WORKER`` chunks per worker, at most ``max_size``."""
    size = max(1, math.ceil(total / (max(workers, 1) * CHUNKS_PER_WORKER)))
    return min(size, max_size) if max_size else size


def chunked(jobs: Sequence[Job], workers: int, max_size: int | None = None) -> list[list[Job]]:
    """Split a list of jobs into chunks (see :func:`chunk_size`)."""
    size = chunk_size(len(jobs), workers, max_size)
    return [list(jobs[k : k + size]) for k in range(0, len(jobs), size)]


def lazy_chunks(jobs: Iterable[Job], size: int) -> Iterator[list[Job]]:
    """Chunks of ``size`` jobs, drawn from ``jobs`` only as they are needed."""
    chunk: list[Job] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Engine:
    """Runs chunks of jobs; yields ``(run_id, result)`` lists as chunks finish."""

    workers: int = 1

    def map_chunks(
        self, fn: Callable[[Any], Any], chunks: Iterable[list[Job]]
    ) -> Iterator[list[tuple[int, Any]]]:
        """Yield each chunk's results as soon as it is done (any order).

        Chunks are drawn from ``chunks`` only as workers free up (at most
        ``IN_FLIGHT_PER_WORKER`` per worker ahead), so an iterator of chunks keeps the
        parent's memory flat.
        """
        raise NotImplementedError

    def close(self, abort: bool = False) -> None:
        """Release workers; ``abort``: stop them now, without waiting for their chunks."""

    def worker_versions(self) -> dict[str, dict[str, str]]:
        """Package versions of each worker, checked against this process's (local: none).

        Raises:
            EngineError: a worker runs other versions of what shapes results.
        """
        return {}

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.close(abort=kind is not None)


PARENT_CHECK_SECONDS = 1.0
"""How often a worker checks that the process that started it still runs."""


def _watch_parent(parent: int) -> None:
    """Worker initialiser: exit when the parent process is gone (killed with SIGKILL).

    A killed ``ecosim`` cannot stop its pool, and the pool's forkserver and workers would
    otherwise wait forever. A daemon thread checks the parent every second and, once it
    is gone, ends the forkserver (this worker's parent) and the worker itself.
    """
    import threading

    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_SECONDS)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                server = os.getppid()
                if server not in (1, parent):
                    with contextlib.suppress(OSError):
                        os.kill(server, signal.SIGTERM)
                os._exit(1)
            except PermissionError:
                pass

    threading.Thread(target=watch, name="ecosim-parent-watch", daemon=True).start()


class LocalEngine(Engine):
    """A process pool on this machine (no pool at all for one worker).

    With more than one worker the pool starts processes with ``forkserver`` (``spawn``
    off Linux): a script using it must guard its top level with
    ``if __name__ == "__main__":``.
    """

    def __init__(self, workers: int | None = None):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None
        self._others: set[multiprocessing.process.BaseProcess] = set()

    def map_chunks(self, fn, chunks):
        """Yield each chunk's results as soon as it is done."""
        if self.workers == 1:
            for chunk in chunks:
                yield _run_chunk(fn, chunk)
            return
        if self._pool is None:
            _one_blas_thread_in_children()
            self._others = set(multiprocessing.active_children())
            method = "forkserver" if sys.platform.startswith("linux") else "spawn"
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context(method),
                initializer=_watch_parent,
                initargs=(os.getpid(),),
            )
        source = iter(chunks)
        pending = set()
        try:
            for chunk in itertools.islice(source, self.workers * IN_FLIGHT_PER_WORKER):
                pending.add(self._pool.submit(_run_chunk, fn, chunk))
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    nxt = next(source, None)
                    if nxt is not None:
                        pending.add(self._pool.submit(_run_chunk, fn, nxt))
                    yield future.result()
        finally:
            for future in pending:
                future.cancel()

    def close(self, abort: bool = False) -> None:
        """Shut the pool down; ``abort`` (an error or Ctrl-C) also stops its workers.

        A Ctrl-C can arrive while the pool starts a worker and before the pool's manager
        thread runs; nothing would then tell that worker to stop, and Python waits for
        its child processes at exit: the command would hang. Stopping the workers the
        pool started (the children this process did not have before) avoids that.
        """
        if self._pool is None:
            return
        if abort:
            for worker in set(multiprocessing.active_children()) - self._others:
                worker.terminate()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None


class DaskEngine(Engine):
    """A Dask distributed cluster: a scheduler address, or a local cluster for testing.

    Dask is an optional extra (``pip install 'ecosim[cluster]'``). On a cluster managed
    by SLURM, start workers with dask-jobqueue and pass the scheduler address (see
    docs/researchers.md).
    """

    def __init__(self, address: str | None = None, workers: int | None = None):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - depends on the environment
            raise EngineError(
                "the Dask engine needs the optional extra: pip install 'ecosim[cluster]'"
            ) from None
        self._cluster = None
        if address:
            try:
                self.client = Client(address, timeout="15s")
            except OSError as exc:
                raise EngineError(
                    f"--scheduler {address}: cannot reach the Dask scheduler ({exc})"
                ) from None
        else:
            _one_blas_thread_in_children()
            self._cluster = LocalCluster(
                n_workers=max(1, workers or 2),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                host="127.0.0.1",
            )
            self.client = Client(self._cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or 1)

    def map_chunks(self, fn, chunks):
        """Yield each chunk's results as soon as it is done.

        The number of chunks in flight follows the workers present, counted again at every
        completion: workers that join later (the usual SLURM case) get work at once.

        Raises:
            EngineError: the scheduler was lost (finished chunks are kept: ``--resume``).
        """
        from dask.distributed import as_completed as dask_completed

        source = iter(chunks)
        queue = dask_completed()
        try:
            self._top_up(queue, source, fn)
            for future in queue:
                result = future.result()
                future.release()
                self._top_up(queue, source, fn)
                yield result
        except _lost_scheduler_errors() as exc:
            raise EngineError(
                f"lost the Dask scheduler ({type(exc).__name__}: {exc}); every finished "
                "chunk is saved: start the scheduler and workers again and rerun the command "
                "with --resume"
            ) from None
        finally:
            queue.clear()

    def worker_versions(self) -> dict[str, dict[str, str]]:
        """Package versions of each worker, checked against this process's.

        Raises:
            EngineError: a worker runs other versions of Python or of a package that
                shapes results (results would not be reproducible).
        """
        from ecosim.experiments.storage import versions

        mine = versions()
        found = self.client.run(versions)
        shaping = [k for k in mine if k != "platform"]
        differ = [
            f"{address}: "
            + ", ".join(f"{k} {v.get(k)} (here {mine[k]})" for k in shaping if v.get(k) != mine[k])
            for address, v in found.items()
            if any(v.get(k) != mine[k] for k in shaping)
        ]
        if differ:
            raise EngineError(
                "Dask workers run other versions than this process, so results would not be "
                "reproducible: " + "; ".join(differ) + ". Install the same environment on "
                "the workers."
            )
        return found

    def current_workers(self) -> int:
        """Worker threads connected now (at least 1)."""
        return max(1, sum(self.client.nthreads().values()))

    def _top_up(self, queue, source, fn) -> None:
        """Submit chunks until ``IN_FLIGHT_PER_WORKER`` per current worker are in flight."""
        self.workers = self.current_workers()
        while queue.count() < self.workers * IN_FLIGHT_PER_WORKER:
            chunk = next(source, None)
            if chunk is None:
                return
            queue.add(self.client.submit(_run_chunk, fn, chunk, pure=False))

    def close(self, abort: bool = False) -> None:
        """Close the client and any local cluster."""
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def _lost_scheduler_errors() -> tuple[type[BaseException], ...]:
    """What distributed raises when the scheduler or the connection to it is gone."""
    from distributed.comm.core import CommClosedError

    errors: tuple[type[BaseException], ...] = (CommClosedError, OSError, TimeoutError)
    try:
        from distributed.client import FutureCancelledError

        errors += (FutureCancelledError,)
    except ImportError:  # older distributed: a plain CancelledError
        from concurrent.futures import CancelledError

        errors += (CancelledError,)
    return errors


def make_engine(workers: int | None = None, scheduler: str | None = None) -> Engine:
    """The local engine, or Dask when a scheduler address (or ``"local"``) is given."""
    if scheduler:
        return DaskEngine(None if scheduler == "local" else scheduler, workers)
    return LocalEngine(workers)
