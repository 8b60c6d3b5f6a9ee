"""The Dask engine uses the cluster it is given: workers that join during a sweep get work,
and a lost scheduler ends with a clear message and the --resume hint."""

import contextlib
import time

import pytest

pytest.importorskip("distributed")

from ecosim.experiments.engine import DaskEngine, EngineError  # noqa: E402
from ecosim.experiments.testfunctions import where_run  # noqa: E402


def test_workers_that_join_later_get_work():
    engine = DaskEngine(None, workers=1)
    try:
        chunks = [[(k, 0.3)] for k in range(24)]
        used = set()
        for n, results in enumerate(engine.map_chunks(where_run, chunks)):
            used.update(address for _, address in results)
            if n == 0:
                engine._cluster.scale(3)
                engine.client.wait_for_workers(3, timeout=60)
        assert len(used) == 3, used
        assert engine.workers == 3
    finally:
        engine.close()


def test_a_lost_scheduler_is_a_clear_error_with_the_resume_hint():
    engine = DaskEngine(None, workers=1)
    chunks = [[(k, 0.5)] for k in range(20)]
    started = time.time()
    with pytest.raises(EngineError, match="--resume"):
        for n, _ in enumerate(engine.map_chunks(where_run, chunks)):
            if n == 0:
                engine._cluster.close()  # the scheduler goes away mid-sweep
    assert time.time() - started < 120
    with contextlib.suppress(Exception):  # the client may be gone already
        engine.client.close()


def test_the_slurm_recipe_in_the_docs_builds_a_sound_job_script():
    pytest.importorskip("dask_jobqueue")
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs/researchers.md").read_text()
    (recipe,) = [b for b in re.findall(r"```python\n(.*?)```", doc, re.S) if "SLURMCluster" in b]
    code = recipe.replace('interface="ib0"', 'interface="lo"')  # the test machine's network
    code = "\n".join(
        line for line in code.splitlines() if not line.startswith(("cluster.scale", "input("))
    )
    space: dict = {}
    exec(code, space)  # noqa: S102 - our own documentation
    cluster = space["cluster"]
    try:
        script = cluster.job_script()
    finally:
        cluster.close()
    assert script.count("--cpus-per-task") == 1
    assert "#SBATCH --mem=" in script and "source /path/to/ecosim/.venv/bin/activate" in script
    assert "OPENBLAS_NUM_THREADS=1" in script
    assert "127.0.0.1" in script  # the workers are told the scheduler on the chosen interface


def test_workers_with_other_versions_are_refused():
    from ecosim.experiments.storage import versions

    class Client:
        def __init__(self, numpy):
            self.numpy = numpy

        def run(self, fn):
            return {"tcp://w1:1": fn(), "tcp://w2:1": fn() | {"numpy": self.numpy}}

    engine = DaskEngine.__new__(DaskEngine)
    engine.client = Client(versions()["numpy"])
    assert set(engine.worker_versions()) == {"tcp://w1:1", "tcp://w2:1"}
    engine.client = Client("0.0.1")
    with pytest.raises(EngineError, match=r"tcp://w2:1: numpy 0\.0\.1"):
        engine.worker_versions()


def test_a_dask_sweep_records_its_workers_versions(tmp_path):
    import json

    from ecosim import cli

    from .test_sweep import make_experiment

    out = tmp_path / "d"
    exp = make_experiment(tmp_path)
    assert (
        cli.main(["sweep", str(exp), "-o", str(out), "-q", "--scheduler", "local", "-w", "2"]) == 0
    )
    recorded = json.loads((out / "manifest.json").read_text())["worker_versions"]
    assert len(recorded) == 2 and all("ecosim" in v for v in recorded.values())


def test_a_dask_calibration_records_its_workers_versions(tmp_path):
    import json

    from ecosim import cli

    from .test_calibrate import write_calibration

    out = tmp_path / "c"
    file = write_calibration(tmp_path, prior=", range: [0.15, 0.4]")
    args = ["calibrate", str(file), "-q", "-o", str(out), "--scheduler", "local", "-w", "2"]
    assert cli.main(args) == 0
    recorded = json.loads((out / "manifest.json").read_text())["worker_versions"]
    assert len(recorded) == 2 and all("ecosim" in v for v in recorded.values())
