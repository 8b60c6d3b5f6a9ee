"""ecosim.ema with the real EMA Workbench: replications carry distinct seeds, outcomes come
with their direction, the model is picklable for the MultiprocessingEvaluator, and PRIM
runs on the results."""

import pickle

import numpy as np
import pytest

ew = pytest.importorskip("ema_workbench")

import ecosim  # noqa: E402
import ecosim.ema  # noqa: E402
from ecosim.scenario import ScenarioError  # noqa: E402

from .conftest import write_tiny  # noqa: E402


@pytest.fixture
def tiny(tmp_path):
    return write_tiny(tmp_path / "t.yaml", "t", "years: 1\n")


def test_replications_differ_and_outcomes_know_their_direction(tiny):
    model = ecosim.ema.model(
        tiny, ["trust.gain_rate", "ip.regime"], ["patients_tested", "qalys"], replications=3, seed=5
    )
    assert [u.name for u in model.uncertainties] == ["trust__gain_rate", "ip__regime"]
    kinds = {o.name: o.kind for o in model.outcomes}
    assert kinds["qalys"] == ew.ScalarOutcome.MAXIMIZE
    assert model.uncertainties["ip__regime"].categories.keys() >= {"exclusive", "open"}
    seeds = [rep["seed"] for rep in model.replications]
    assert len({str(s) for s in seeds}) == 3
    runs = [model.function(seed=s, trust__gain_rate=0.05) for s in seeds]
    assert np.std([r["patients_tested"] for r in runs]) > 0  # not three copies of one run
    direct = ecosim.run(tiny, seed=seeds[1], trust__gain_rate=0.05)
    assert runs[1] == {k: direct[k] for k in runs[1]}  # replication i is ecosim.run at seed i
    clone = pickle.loads(pickle.dumps(model.function))
    assert clone(seed=seeds[0]) == model.function(seed=seeds[0])


def test_bad_uncertainties_and_outcomes_are_named(tiny):
    with pytest.raises(ScenarioError, match="trust.gain_rat"):
        ecosim.ema.model(tiny, ["trust.gain_rat"])
    with pytest.raises(ScenarioError, match="'approval'"):
        ecosim.ema.model(tiny, ["trust.gain_rate"], ["approval"])


def test_multiprocessing_evaluator_and_prim(tiny):
    from ema_workbench.analysis import prim

    model = ecosim.ema.model(
        tiny,
        {"patients.baseline_testing": (0.05, 0.6), "trust.gain_rate": None},
        ["patients_tested"],
        replications=2,
        seed=1,
    )
    kwargs = {"uncertainty_sampling_kwargs": {"rng": 42}} if _takes_rng() else {}
    with ew.MultiprocessingEvaluator(model, n_processes=2) as evaluator:
        experiments, outcomes = ew.perform_experiments(model, 16, evaluator=evaluator, **kwargs)
    tested = outcomes["patients_tested"]
    assert len(tested) == 16 and np.all(np.isfinite(tested))
    again = [
        np.mean(
            [
                model.function(seed=r["seed"], **_point(experiments, i))["patients_tested"]
                for r in model.replications
            ]
        )
        for i in (0, 7)
    ]
    assert again == pytest.approx([tested[0], tested[7]])  # same seeds in the worker processes
    x = experiments[["patients__baseline_testing", "trust__gain_rate"]]
    search = prim.Prim(x, tested > np.median(tested), mass_min=0.1)
    box = search.find_box()
    limits = box.box_lims[box._cur_box]
    restricted = [c for c in x.columns if (limits[c] != search.box_init[c]).any()]
    assert "patients__baseline_testing" in restricted  # testing drives patients tested
    assert box.density > 0.5


def _point(experiments, i):
    row = experiments.iloc[i]
    return {k: row[k] for k in ("patients__baseline_testing", "trust__gain_rate")}


def _takes_rng():
    import inspect

    from ema_workbench.em_framework.samplers import LHSSampler

    return "rng" in inspect.signature(LHSSampler.generate_samples).parameters
