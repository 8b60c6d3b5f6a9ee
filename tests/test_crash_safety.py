"""Kill ``ecosim run``, ``compare`` and ``sweep`` at random moments and check nothing is lost.

Each cycle starts the command as a separate process, kills it after a random delay
(SIGINT, as Ctrl-C, or SIGKILL, which gives no chance to clean up), then checks:

- no file under a final name is corrupt: a results folder either does not exist or is
  complete (its manifest lists every file with a matching SHA-256), and every sweep
  part on disk reads;
- a rerun (``run``, ``compare``) or ``--resume`` (``sweep``) completes the work, with
  results identical to an uninterrupted run.

``ECOSIM_KILL_REPEATS`` sets the cycles per command (default 4; docs/reliability.md
quotes a long campaign).
"""

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from .bad_inputs import TINY
from .conftest import write_artifact

REPEATS = int(os.environ.get("ECOSIM_KILL_REPEATS", "4"))
TALLY = {"kills": 0, "lost": 0}
EXPERIMENT = """name: crash
base: tiny.yaml
design: {method: factorial}
parameters:
  - {path: trust.gain_rate, levels: [0.02, 0.06, 0.1]}
  - {path: outreach.intensity, levels: [0.0, 1.0]}
replicates: 4
seed: 5
outcomes: [approvals, patients_matched]
record_every: 4
"""


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "ecosim.cli", *args]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _orphans(workdir: Path) -> list[int]:
    """Processes still running from a killed command started in ``workdir`` (pool workers)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            cwd = str((proc / "cwd").resolve())
        except OSError:
            continue
        if "forkserver" in cmd and cwd == str(workdir):
            found.append(int(proc.name))
    return found


def _no_orphans_left(workdir: Path) -> None:
    deadline = time.monotonic() + 20
    while _orphans(workdir) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _orphans(workdir) == [], "worker processes outlived their killed parent"


def _complete_or_absent(out: Path) -> bool:
    """True when ``out`` is a complete run; False when absent; fails if it is partial."""
    if not out.exists():
        return False
    manifest = json.loads((out / "manifest.json").read_text())
    for name, digest in manifest["files"].items():
        assert _sha(out / name) == digest, f"{out / name} does not match its manifest"
    return True


def _ctrl_c_acts() -> None:
    """In the child: Ctrl-C (SIGINT) acts, even if whoever started the tests ignores it
    (a background job of a non-interactive shell does), as it does in a terminal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _kill_at_random(cmd: list[str], cwd: Path, rng: random.Random) -> None:
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=_ctrl_c_acts,
    )
    time.sleep(rng.uniform(0.3, 6.0))
    sig = rng.choice([signal.SIGINT, signal.SIGKILL])
    if proc.poll() is None:
        proc.send_signal(sig)
        TALLY["kills"] += 1
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail(f"{cmd[3]} did not stop after {sig.name}")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    d = tmp_path_factory.mktemp("crash")
    (d / "tiny.yaml").write_text(TINY.replace("years: 1", "years: 3"))
    (d / "other.yaml").write_text(
        TINY.replace("name: tiny", "name: other").replace("years: 1", "years: 3")
        + "outreach: {intensity: 1.0}\n"
    )
    (d / "crash.yaml").write_text(EXPERIMENT)
    return d


COMMANDS = {
    "run": ("run", "tiny.yaml", "-n", "8", "--seed", "3", "-w", "2"),
    "compare": ("compare", "tiny.yaml", "other.yaml", "-n", "6", "--seed", "3", "-w", "2"),
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_killed_run_or_compare_loses_nothing(command, workdir):
    args = COMMANDS[command]
    reference = workdir / f"{command}-reference"
    subprocess.run(
        _cli(*args, "--out", str(reference)), cwd=workdir, check=True, capture_output=True
    )
    want = _sha(reference / "summary.parquet")
    rng = random.Random(f"{command}-kills")
    for k in range(REPEATS):
        out = workdir / f"{command}-{k}"
        _kill_at_random(_cli(*args, "--out", str(out)), workdir, rng)
        if not _complete_or_absent(out):  # killed before the end: a rerun completes it
            subprocess.run(
                _cli(*args, "--out", str(out)), cwd=workdir, check=True, capture_output=True
            )
            assert _complete_or_absent(out)
        if _sha(out / "summary.parquet") != want:
            TALLY["lost"] += 1
        assert _sha(out / "summary.parquet") == want
        # the temporary folders of killed attempts are gone after the rerun
        assert not list(workdir.glob(f".{out.name}.partial-*"))
    _no_orphans_left(workdir)


def test_killed_sweep_resumes_to_identical_results(workdir):
    reference = workdir / "sweep-reference"
    subprocess.run(
        _cli("sweep", "crash.yaml", "--out", str(reference), "-w", "2", "-q"),
        cwd=workdir,
        check=True,
        capture_output=True,
    )
    from ecosim.experiments.sweep import SweepStore

    want = SweepStore(reference).summary()
    want_steps = SweepStore(reference).steps().sort_values(["run", "outcome", "step"])
    rng = random.Random("sweep-kills")
    for k in range(REPEATS):
        out = workdir / f"sweep-{k}"
        for _ in range(3):  # kill it up to three times, resuming each time
            resume = ("--resume",) if out.exists() else ()
            _kill_at_random(
                _cli("sweep", "crash.yaml", "--out", str(out), "-w", "2", "-q", *resume),
                workdir,
                rng,
            )
            for part in out.rglob("*.parquet") if out.exists() else []:
                pq.read_table(part)  # every file under a final name reads
        resume = ("--resume",) if out.exists() else ()
        done = subprocess.run(
            _cli("sweep", "crash.yaml", "--out", str(out), "-w", "2", "-q", *resume),
            cwd=workdir,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        got = SweepStore(out).summary()
        got_steps = SweepStore(out).steps().sort_values(["run", "outcome", "step"])
        if len(got) != len(want):
            TALLY["lost"] += 1
        pd.testing.assert_frame_equal(got, want)
        pd.testing.assert_frame_equal(
            got_steps.reset_index(drop=True), want_steps.reset_index(drop=True)
        )
    _no_orphans_left(workdir)


CTRL_C_AT_WORKER_START = """
import time
import concurrent.futures.process as cfp
from pathlib import Path

import ecosim.experiments.engine as engine_module
from ecosim.experiments.engine import LocalEngine

READY = Path("worker-ready")
watch_parent = engine_module._watch_parent


def _ready_then_watch(parent):
    READY.touch()  # this worker is up and about to wait for work
    watch_parent(parent)


def _ctrl_c_before_the_manager_thread(pool):
    deadline = time.monotonic() + 60
    while not READY.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    raise KeyboardInterrupt


def work(x):
    return x


if __name__ == "__main__":
    engine_module._watch_parent = _ready_then_watch
    cfp.ProcessPoolExecutor._start_executor_manager_thread = _ctrl_c_before_the_manager_thread
    try:
        with LocalEngine(2) as engine:
            list(engine.map_chunks(work, [[(0, 1)], [(1, 2)]]))
    except KeyboardInterrupt:
        print("interrupted", flush=True)
"""


def test_ctrl_c_while_the_pool_starts_a_worker_does_not_hang(tmp_path):
    """A Ctrl-C between a worker's start and the pool's manager thread (the window a
    killed sweep once hung in: the idle worker never heard to stop, and Python waits for
    its children at exit) ends the command."""
    script = tmp_path / "ctrl_c.py"
    script.write_text(CTRL_C_AT_WORKER_START)
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=90
    )
    assert done.stdout.strip() == "interrupted", done.stderr
    assert done.returncode == 0


@pytest.fixture(scope="module", autouse=True)
def _report_kills():
    """Write the number of kills and of results lost to test-artifacts/ (quoted in the docs)."""
    yield
    write_artifact("kills.txt", f"kills {TALLY['kills']}\nlost {TALLY['lost']}\n")
