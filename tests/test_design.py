"""Experiment files and the construction of each design's samples."""

import numpy as np
import pytest

from ecosim.experiments.design import (
    DesignSpec,
    Parameter,
    build_design,
    load_experiment,
    n_points,
)
from ecosim.scenario import ScenarioError

from .conftest import SCENARIOS, function_experiment

ROOT = SCENARIOS.parent


experiment = function_experiment


def test_factorial_is_every_combination():
    exp = experiment(
        "factorial", [Parameter(path="a", levels=[1, 2, 3]), Parameter(path="b", levels=["x", "y"])]
    )
    pts = build_design(exp).points
    assert len(pts) == 6 == n_points(exp)
    assert set(map(tuple, pts.to_numpy())) == {(a, b) for a in (1, 2, 3) for b in ("x", "y")}


def test_latin_hypercube_has_one_point_per_stratum():
    exp = experiment(
        "lhs",
        [Parameter(path="a", range=(0, 10)), Parameter(path="b", range=(-1, 1))],
        samples=20,
        seed=3,
    )
    d = build_design(exp)
    assert len(d.points) == 20
    for j in range(2):
        strata = np.floor(d.unit[:, j] * 20).astype(int)
        assert sorted(strata) == list(range(20))
    assert d.points["a"].between(0, 10).all() and d.points["b"].between(-1, 1).all()


def test_sobol_sample_size_and_power_of_two():
    params = [Parameter(path=f"p{i}", range=(0, 1)) for i in range(3)]
    assert len(build_design(experiment("sobol", params, samples=16)).points) == 16 * 5
    assert (
        len(build_design(experiment("sobol", params, samples=16, second_order=True)).points)
        == 16 * 8
    )
    with pytest.raises(ValueError, match="power of two"):
        DesignSpec(method="sobol", samples=24)


def test_morris_trajectories_on_a_grid():
    params = [Parameter(path=f"p{i}", range=(0, 1)) for i in range(4)]
    d = build_design(experiment("morris", params, samples=5, levels=4, seed=1))
    assert len(d.points) == 5 * 5
    grid = {round(k / 3, 6) for k in range(4)}  # 4 levels: 0, 1/3, 2/3, 1
    assert set(np.round(d.unit.ravel(), 6)) <= grid
    # within a trajectory consecutive points differ in exactly one parameter
    u = d.unit.reshape(5, 5, 4)
    assert (np.count_nonzero(np.diff(u, axis=1), axis=2) == 1).all()


def test_levels_in_a_sampled_design_are_drawn_evenly():
    exp = experiment("lhs", [Parameter(path="a", levels=["x", "y", "z"])], samples=300)
    counts = build_design(exp).points["a"].value_counts()
    assert set(counts.index) == {"x", "y", "z"} and counts.min() == 100


def test_the_same_design_seed_gives_the_same_points():
    params = [Parameter(path="a", range=(0, 1))]
    a = build_design(experiment("sobol", params, samples=8, seed=5)).points
    b = build_design(experiment("sobol", params, samples=8, seed=5)).points
    assert a.equals(b)


@pytest.mark.parametrize(
    "name", ["factorial_ip_reimbursement_trust", "sobol_collective_impact", "morris_screening"]
)
def test_bundled_experiments_load(name):
    exp, base = load_experiment(ROOT / "experiments" / f"{name}.yaml")
    assert len(build_design(exp).points) == n_points(exp)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "  - {path: trust.gain_rat, range: [0, 1]}",
            "unknown scenario field 'trust.gain_rat' (did you mean 'trust.gain_rate'?)",
        ),
        ("  - {path: trust.gain_rate, range: [0, 3]}", "field 'parameters.0': value 3"),
        ("  - {path: ip.regime, levels: [exclusive, closed]}", "value 'closed'"),
        ("  - {path: ip.regime, range: [0, 1]}", "not numeric; use 'levels'"),
        ("  - {path: trust.gain_rate}", "exactly one of 'range' and 'levels'"),
    ],
)
def test_bad_experiments_name_file_and_field(tmp_path, body, message):
    path = tmp_path / "bad.yaml"
    path.write_text(
        f"base: {SCENARIOS / 'siloed.yaml'}\ndesign: {{method: lhs}}\nparameters:\n{body}\n"
    )
    with pytest.raises(ScenarioError) as err:
        load_experiment(path)
    assert message in str(err.value) and str(path) in str(err.value)


def test_unknown_outcome_and_design_are_errors(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        f"base: {SCENARIOS / 'siloed.yaml'}\ndesign: {{method: sobl}}\n"
        "parameters:\n  - {path: trust.gain_rate, range: [0, 0.1]}\n"
        "outcomes: [aprovals]\n"
    )
    with pytest.raises(ScenarioError) as err:
        load_experiment(path)
    text = str(err.value)
    assert "field 'design.method'" in text
    assert "unknown outcome 'aprovals' (did you mean 'approvals'?)" in text


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "  - {path: population.pharma, levels: [2.5, 3.5]}\noutcomes: [approvals]",
            "takes whole numbers",
        ),
        (
            "  - {path: trust.gain_rate, levels: [[0.1, 0.2]]}\noutcomes: [approvals]",
            "levels must be single values",
        ),
        ("  - {path: trust.gain_rate, range: [0, 0.1]}\noutcomes: []", "field 'outcomes'"),
    ],
)
def test_values_that_would_mislabel_or_break_the_analysis(tmp_path, body, message):
    path = tmp_path / "bad.yaml"
    path.write_text(
        f"base: {SCENARIOS / 'siloed.yaml'}\ndesign: {{method: factorial}}\nparameters:\n{body}\n"
    )
    with pytest.raises(ScenarioError, match=message):
        load_experiment(path)


def test_factorial_points_hold_the_values_that_run():
    exp = experiment("factorial", [Parameter(path="population.pharma", range=(2, 4.0))])
    assert list(build_design(exp).points["population.pharma"]) == [2, 4]
