"""Sweeps: determinism across engines and workers, resume after a kill, and the analysis
on a model with a known answer through the same code path."""

import math
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from ecosim import cli
from ecosim.analysis.sensitivity import analyze_sweep
from ecosim.experiments.design import Parameter, build_design
from ecosim.experiments.engine import DaskEngine, LocalEngine
from ecosim.experiments.sweep import SweepStore, run_sweep
from ecosim.experiments.testfunctions import ISHIGAMI_INDICES, ishigami

from .conftest import function_experiment, write_tiny

EXPERIMENT = """\
name: tiny_sweep
base: {base}
design: {{method: lhs, samples: {samples}, seed: 2}}
parameters:
  - {{path: trust.gain_rate, range: [0.01, 0.1]}}
  - {{path: ip.regime, levels: [exclusive, open]}}
replicates: 2
seed: 9
years: {years}
outcomes: [approvals, loa_phase1, patients_matched]
step_outcomes: [approvals]
record_every: 4
"""


def make_experiment(tmp_path, samples=4, years=3):
    base = write_tiny(tmp_path / "base.yaml", "base")
    path = tmp_path / "exp.yaml"
    path.write_text(EXPERIMENT.format(base=base, samples=samples, years=years))
    return path


def sweep(tmp_path, name, *extra):
    out = tmp_path / name
    assert cli.main(["sweep", str(make_experiment(tmp_path)), "-o", str(out), "-q", *extra]) == 0
    return SweepStore(out)


def test_sweep_writes_parts_and_a_manifest(tmp_path):
    store = sweep(tmp_path, "one", "-w", "1")
    summary = store.summary()
    assert list(summary["run"]) == list(range(8))
    assert set(summary.columns) >= {"point", "replicate", "approvals", "patients_matched"}
    steps = store.steps()
    assert set(steps["step"]) == {4, 8, 12} and set(steps["outcome"]) == {"approvals"}
    info = store.manifest()
    assert info["runs"] == 8 and "completed" in info and len(info["replicate_seeds"]) == 2


def test_results_do_not_depend_on_workers_or_engine(tmp_path):
    stores = [
        sweep(tmp_path, "w1", "-w", "1"),
        sweep(tmp_path, "w2", "-w", "2"),
        sweep(tmp_path, "dask", "-w", "2", "--scheduler", "local"),
    ]
    first = stores[0]
    for other in stores[1:]:
        pd.testing.assert_frame_equal(first.summary(), other.summary())
        pd.testing.assert_frame_equal(sorted_steps(first), sorted_steps(other))


def sorted_steps(store):
    return store.steps().sort_values(["run", "step", "outcome"]).reset_index(drop=True)


def test_dask_engine_runs_chunks():
    chunks = [[(2 * k, -2 * k), (2 * k + 1, -2 * k - 1)] for k in range(6)]
    with DaskEngine(workers=1) as engine:  # 6 chunks, 2 in flight: the queue is refilled
        out = [r for chunk in engine.map_chunks(abs, iter(chunks)) for r in chunk]
    assert sorted(out) == [(i, i) for i in range(12)]


def test_a_killed_sweep_resumes_to_the_same_results(tmp_path):
    exp = make_experiment(tmp_path, samples=12, years=4)
    clean = tmp_path / "clean"
    assert cli.main(["sweep", str(exp), "-o", str(clean), "-q", "-w", "1"]) == 0
    killed = tmp_path / "killed"
    proc = subprocess.Popen(
        [sys.executable, "-m", "ecosim.cli", "sweep", str(exp), "-o", str(killed), "-q", "-w", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    parts = killed / "summary"
    while time.time() < deadline and len(list(parts.glob("part-*.parquet"))) < 2:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    saved = SweepStore(killed).done_runs()
    assert 0 < len(saved) < 24, "the kill should land mid-sweep"
    for part in killed.rglob("*.parquet"):  # whatever has a final name is complete
        pd.read_parquet(part)
    assert cli.main(["sweep", str(exp), "-o", str(killed), "-q"]) == 2  # needs --resume
    assert cli.main(["sweep", str(exp), "-o", str(killed), "-q", "--resume"]) == 0
    pd.testing.assert_frame_equal(SweepStore(clean).summary(), SweepStore(killed).summary())
    pd.testing.assert_frame_equal(sorted_steps(SweepStore(clean)), sorted_steps(SweepStore(killed)))


def test_resume_drops_steps_whose_summary_never_came(tmp_path):
    exp = make_experiment(tmp_path)
    out = tmp_path / "s"
    assert cli.main(["sweep", str(exp), "-o", str(out), "-q", "-w", "1"]) == 0
    store = SweepStore(out)
    clean = sorted_steps(store)
    summary_part = sorted(store.table_dir("summary").glob("part-*.parquet"))[0]
    summary_part.unlink()  # killed between writing the steps part and the summary part
    assert cli.main(["sweep", str(exp), "-o", str(out), "-q", "--resume", "-w", "1"]) == 0
    pd.testing.assert_frame_equal(clean, sorted_steps(store))  # no duplicated rows


def test_analyze_and_sweep_reject_folders_that_are_not_sweeps(tmp_path, capsys):
    not_sweep = tmp_path / "run"
    not_sweep.mkdir()
    (not_sweep / "manifest.json").write_text('{"scenario": "siloed"}')
    assert cli.main(["analyze", str(not_sweep)]) == 2
    assert "not the manifest of a sweep" in capsys.readouterr().err
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert cli.main(["sweep", str(make_experiment(tmp_path)), "-o", str(a_file), "-q"]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_resume_refuses_a_different_experiment(tmp_path, capsys):
    exp = make_experiment(tmp_path)
    out = tmp_path / "s"
    assert cli.main(["sweep", str(exp), "-o", str(out), "-q", "-w", "1"]) == 0
    exp.write_text(exp.read_text().replace("seed: 9", "seed: 10"))
    assert cli.main(["sweep", str(exp), "-o", str(out), "-q", "--resume"]) == 2
    assert "holds a different sweep" in capsys.readouterr().err


def test_analyze_refuses_an_incomplete_sweep(tmp_path, capsys):
    store = sweep(tmp_path, "full", "-w", "1")
    first = sorted(store.table_dir("summary").glob("part-*.parquet"))[0]
    first.unlink()
    assert cli.main(["analyze", str(store.folder)]) == 2
    assert "--resume" in capsys.readouterr().err


def test_ishigami_indices_through_the_sweep_and_analysis_path(tmp_path):
    params = [Parameter(path=f"x{i}", range=(-math.pi, math.pi)) for i in (1, 2, 3)]
    exp = function_experiment("sobol", params, samples=2048, seed=1)
    design = build_design(exp)
    folder = tmp_path / "ishigami"
    with LocalEngine(1) as engine:
        run_sweep(exp, None, design, folder, engine, fn=ishigami)
    analyze_sweep(folder)
    table = pd.read_csv(folder / "analysis" / "indices.csv")
    for key in ("S1", "ST"):
        for name, expected in ISHIGAMI_INDICES[key].items():
            row = table[(table["parameter"] == name) & (table["index"] == key)].iloc[0]
            assert row["value"] == pytest.approx(expected, abs=0.06), (key, name)
            assert row["value"] - 2 * row["conf"] - 0.02 <= expected


def test_morris_ranks_the_ishigami_inputs(tmp_path):
    params = [Parameter(path=f"x{i}", range=(-math.pi, math.pi)) for i in (1, 2, 3)]
    exp = function_experiment("morris", params, samples=40, levels=4, seed=2)
    folder = tmp_path / "morris"
    with LocalEngine(1) as engine:
        run_sweep(exp, None, build_design(exp), folder, engine, fn=ishigami)
    analyze_sweep(folder)
    t = pd.read_csv(folder / "analysis" / "indices.csv")
    mu = t[t["index"] == "mu_star"].set_index("parameter")["value"]
    sigma = t[t["index"] == "sigma"].set_index("parameter")["value"]
    # x2 has the largest elementary effects; x3 acts only through its interaction with x1,
    # so its effects vary in sign and size (sigma large relative to mu*)
    assert mu["x2"] > mu["x1"] > 0
    assert sigma["x3"] > 0.5 * mu["x3"] > 0


def test_factorial_analysis_gives_cells_with_intervals(tmp_path):
    base = write_tiny(tmp_path / "base.yaml", "base")
    path = tmp_path / "fact.yaml"
    path.write_text(
        f"base: {base}\ndesign: {{method: factorial}}\nparameters:\n"
        "  - {path: reimbursement.companion_test_reimbursed, levels: [true, false]}\n"
        "  - {path: outreach.intensity, levels: [0.0, 1.0]}\n"
        "replicates: 3\nyears: 3\noutcomes: [patients_tested, approvals]\n"
    )
    out = tmp_path / "f"
    assert cli.main(["sweep", str(path), "-o", str(out), "-q", "-w", "1"]) == 0
    assert cli.main(["analyze", str(out)]) == 0
    cells = pd.read_csv(out / "analysis" / "cells.csv")
    tested = cells[cells["outcome"] == "patients_tested"]
    assert len(tested) == 4 and (tested["runs"] == 3).all()
    assert (tested["ci95"] > 0).all() and tested["ci95"].notna().all()
    paid = tested[tested["reimbursement.companion_test_reimbursed"]]["mean"].mean()
    unpaid = tested[~tested["reimbursement.companion_test_reimbursed"]]["mean"].mean()
    assert paid > unpaid
    assert (out / "analysis" / "interactions.png").exists()


def test_chunks_cover_every_job_once_and_stay_small():
    from ecosim.experiments.engine import chunked

    jobs = [(i, None) for i in range(1000)]
    chunks = chunked(jobs, workers=2, max_size=16)
    assert [j for c in chunks for j in c] == jobs
    assert max(len(c) for c in chunks) == 16
    assert len(chunked(jobs[:3], workers=8)) == 3  # never an empty chunk


def test_bad_experiment_exits_2_before_running(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "base: nowhere.yaml\ndesign: {method: lhs}\n"
        "parameters:\n  - {path: trust.gain_rate, range: [0, 0.1]}\n"
    )
    out = tmp_path / "never"
    assert cli.main(["sweep", str(path), "-o", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert "field 'base'" in err and "file not found" in err and "Traceback" not in err
    assert not out.exists()


def test_a_sweep_keeps_entity_records_when_asked(tmp_path):
    path = make_experiment(tmp_path, samples=2)
    path.write_text(path.read_text() + "record: {entities: true}\n")
    out = tmp_path / "with_entities"
    assert cli.main(["sweep", str(path), "-o", str(out), "-q", "-w", "2"]) == 0
    store = SweepStore(out)
    progs = store.entities("programmes")
    assert list(progs.columns[:4]) == ["run", "point", "replicate", "programme"]
    assert set(progs["run"]) == set(range(4))
    summary = store.summary().set_index("run")
    approved = progs[(progs["outcome"] == "approved") & ~progs["marketed_at_start"]]
    approved = approved.groupby("run").size()
    assert approved.reindex(summary.index, fill_value=0).tolist() == summary["approvals"].tolist()
    assert sweep(tmp_path, "without", "-w", "1").entities("programmes").empty
    with pytest.raises(ValueError, match="no entity table"):
        store.entities("nonsense")


def test_command_line_overrides_replace_the_files_values(tmp_path, capsys):
    store = sweep(tmp_path, "o", "-w", "1", "--replicates", "1", "--samples", "3", "--years", "2")
    info = store.manifest()
    assert info["runs"] == 3 and len(info["replicate_seeds"]) == 1
    assert info["experiment"]["years"] == 2 and info["experiment"]["design"]["samples"] == 3
    assert set(store.steps()["step"]) == {4, 8}  # two years of quarters, every 4th kept
    # the same checks as the file's own values, naming the field
    exp = make_experiment(tmp_path)
    assert cli.main(["sweep", str(exp), "-o", str(tmp_path / "x"), "--replicates", "0"]) == 2
    assert "field 'replicates'" in capsys.readouterr().err


def test_the_obvious_read_of_a_sweep_folder_is_right(tmp_path):
    import ecosim

    store = sweep(tmp_path, "r", "-w", "1")
    summary = pd.read_parquet(store.folder / "summary")  # one table, nothing mixed in
    assert len(summary) == 8 and not summary.isna().all().any()
    steps = pd.read_parquet(store.folder / "steps")
    assert set(steps.columns) == {"run", "point", "replicate", "step", "outcome", "value"}
    data = ecosim.read_sweep(store.folder)
    assert data.complete and len(data.summary) == 8
    assert {"trust.gain_rate", "ip.regime", "approvals"} <= set(data.summary.columns)
    points = store.points()
    joined = data.summary.set_index("run")["trust.gain_rate"]
    expected = points.loc[data.summary["point"], "trust.gain_rate"].to_numpy()
    assert (joined.to_numpy() == expected).all()  # joined by point
    assert "ip.regime" in data.steps().columns
    with pytest.raises(FileNotFoundError, match="not a sweep folder"):
        ecosim.read_sweep(tmp_path)


def test_duckdb_reads_a_sweep_as_documented(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    store = sweep(tmp_path, "d", "-w", "1")
    folder = store.folder
    rows = duckdb.sql(
        f"""SELECT p."ip.regime" AS regime, avg(s.approvals) AS approvals, count(*) AS runs
            FROM read_parquet('{folder}/summary/*.parquet') s
            JOIN read_parquet('{folder}/points.parquet') p USING (point)
            GROUP BY regime ORDER BY regime"""
    ).fetchall()
    expected = ecosim_means(store)
    assert [(r[0], r[2]) for r in rows] == [(k, n) for k, (_, n) in expected.items()]
    assert [r[1] for r in rows] == pytest.approx([m for m, _ in expected.values()])


def ecosim_means(store):
    import ecosim

    data = ecosim.read_sweep(store.folder).summary
    grouped = data.groupby("ip.regime")["approvals"]
    return {k: (grouped.mean()[k], grouped.size()[k]) for k in sorted(grouped.groups)}


def test_a_sweep_in_the_old_layout_is_still_read_and_resumed(tmp_path):
    store = sweep(tmp_path, "old", "-w", "1")
    clean = store.summary()
    parts = store.folder / "parts"
    parts.mkdir()
    for table in ("summary", "steps"):
        for part in (store.folder / table).glob("part-*.parquet"):
            part.rename(parts / part.name.replace("part", table))
        (store.folder / table).rmdir()
    old = SweepStore(store.folder)
    assert old.legacy
    pd.testing.assert_frame_equal(old.summary(), clean)
    next(parts.glob("summary-*.parquet")).unlink()
    exp = store.folder.parent / "exp.yaml"
    assert cli.main(["sweep", str(exp), "-o", str(store.folder), "-q", "--resume"]) == 0
    pd.testing.assert_frame_equal(SweepStore(store.folder).summary(), clean)
    assert not (store.folder / "summary").exists()
