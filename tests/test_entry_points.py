"""Every entry point runs the same model from the same seed: ecosim.run, run_once, the Mesa
path (EcosystemModel and mesa.batch_run), a SALib study and a manifest's seed record, which
reproduces any run of a sweep."""

import json
import math

import mesa
import numpy as np
import pandas as pd
import pytest

import ecosim
from ecosim import EcosystemModel, cli
from ecosim.metrics import summarise
from ecosim.records import entity_tables
from ecosim.seeds import seed_sequence

from .conftest import write_tiny


def same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(
        a[k] == b[k] or (math.isnan(a[k]) and math.isnan(b[k])) for k in a
    )


def test_the_mesa_path_is_ecosim_run_with_the_same_seed(tmp_path):
    path = write_tiny(tmp_path / "t.yaml", "t")
    model = EcosystemModel(str(path), rng=7)
    while model.running:
        model.step()
    assert model.steps == model.params.steps  # running turned False at the horizon
    summary = summarise(model.recorder.frame(), entity_tables(model), model.params)
    assert same(summary, ecosim.run(path, seed=7))
    again = EcosystemModel(str(path), seed=7)  # Mesa's batch_run passes seed=
    for _ in range(3):
        again.step()
    first = EcosystemModel(str(path), rng=7)
    for _ in range(3):
        first.step()
    pd.testing.assert_frame_equal(first.recorder.frame(), again.recorder.frame())
    with pytest.raises(ValueError, match="not both"):
        EcosystemModel(str(path), rng=1, seed=1)


def test_a_manifest_seed_record_reproduces_a_sweep_run(tmp_path):
    base = write_tiny(tmp_path / "base.yaml", "base")
    exp = tmp_path / "exp.yaml"
    exp.write_text(
        f"base: {base}\ndesign: {{method: factorial}}\n"
        "parameters:\n  - {path: trust.gain_rate, levels: [0.02, 0.08]}\n"
        "replicates: 2\nseed: 11\nyears: 2\noutcomes: [approvals, patients_tested]\n"
    )
    out = tmp_path / "s"
    assert cli.main(["sweep", str(exp), "-o", str(out), "-q", "-w", "1"]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    data = ecosim.read_sweep(out)
    row = data.summary.iloc[3]  # point 1, replicate 1
    record = manifest["replicate_seeds"][int(row["replicate"])]
    again = ecosim.run(base, seed=record, years=2, trust__gain_rate=row["trust.gain_rate"])
    assert again["patients_tested"] == row["patients_tested"]
    assert again["approvals"] == row["approvals"]


def test_seeds_are_checked():
    assert seed_sequence({"entropy": "5", "spawn_key": [2]}).spawn_key == (2,)
    assert seed_sequence(np.int64(3)).entropy == 3
    for bad in (1.5, "7", -1, True, {"spawn_key": [1]}):
        with pytest.raises(TypeError, match="seed"):
            seed_sequence(bad)


def test_run_returns_the_steps_when_asked(tmp_path):
    path = write_tiny(tmp_path / "t.yaml", "t")
    outcomes, steps = ecosim.run(path, seed=3, steps=True, years=1)
    assert len(steps) == 4 and "approvals" in steps.columns
    assert same(outcomes, ecosim.run(path, seed=3, years=1))


@pytest.mark.parametrize("processes", [1, 2])
def test_mesa_batch_run_is_reproducible_with_dotted_or_underscored_names(tmp_path, processes):
    path = write_tiny(tmp_path / "t.yaml", "t")
    params = {"params": str(path), "years": 1, "trust.gain_rate": [0.02, 0.08]}
    kwargs = dict(rng=[1, 2], max_steps=1000, display_progress=False)
    runs = mesa.batch_run(EcosystemModel, params, number_processes=processes, **kwargs)
    assert len(runs) == 4 and {r["Step"] for r in runs} == {4}
    underscored = {"params": str(path), "years": 1, "trust__gain_rate": [0.02, 0.08]}
    again = mesa.batch_run(EcosystemModel, underscored, number_processes=1, **kwargs)
    key = lambda r: (r["seed"], r.get("trust.gain_rate", r.get("trust__gain_rate")))  # noqa: E731
    for a, b in zip(sorted(runs, key=key), sorted(again, key=key), strict=True):
        assert a["patients_tested"] == b["patients_tested"]
    # a batch_run row is the last quarter of ecosim.run with that seed and value
    row = next(r for r in runs if r["seed"] == 2 and r["trust.gain_rate"] == 0.08)
    _, steps = ecosim.run(path, seed=2, steps=True, years=1, trust__gain_rate=0.08)
    assert row["patients_tested"] == steps["patients_tested"].iloc[-1]


def test_a_salib_study_calls_ecosim_run_and_reproduces(tmp_path):
    from SALib.analyze import sobol
    from SALib.sample import sobol as saltelli

    path = write_tiny(tmp_path / "t.yaml", "t")
    problem = {
        "num_vars": 2,
        "names": ["trust__gain_rate", "outreach__intensity"],
        "bounds": [[0.01, 0.1], [0.0, 1.0]],
    }
    x = saltelli.sample(problem, 8, calc_second_order=False, seed=1)  # 8 x (2 + 2) rows

    def tested(row, seed=3):
        overrides = dict(zip(problem["names"], map(float, row), strict=True))
        return ecosim.run(path, seed=seed, years=1, **overrides)["patients_tested"]

    y = np.array([tested(row) for row in x])
    assert [tested(row) for row in x[:3]] == list(y[:3])  # one seed, one answer
    assert tested(x[0], seed=4) != y[0]  # another seed, another history
    res = sobol.analyze(problem, y, calc_second_order=False, seed=1)
    # outreach decides who is aware of testing; trust's growth rate barely touches it
    assert res["ST"][1] > res["ST"][0]
