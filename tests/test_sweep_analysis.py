"""The sweep analysis does not mislead: numeric levels in numeric order, nominal levels not
joined, every outcome drawn with its label and unit, outcomes it cannot use named with a
reason, and indices that need a larger sample flagged with the size that would help."""

import math

import pandas as pd
import pytest

from ecosim.analysis import sweep_plots
from ecosim.analysis.sensitivity import analyze_sweep
from ecosim.analysis.sweep_checks import reliability_warnings, usable_outcomes
from ecosim.experiments.design import Parameter, build_design
from ecosim.experiments.engine import LocalEngine
from ecosim.experiments.sweep import run_sweep
from ecosim.experiments.testfunctions import ishigami_with_gaps

from .conftest import function_experiment


@pytest.fixture
def figures(monkeypatch, tmp_path):
    """The figures the plots would save, kept open for inspection."""
    kept = []

    def keep(fig, stem):
        kept.append(fig)
        return [tmp_path / "x.png"]

    monkeypatch.setattr(sweep_plots, "save_figure", keep)
    return kept


def test_numeric_levels_are_in_numeric_order_and_nominal_levels_are_not_joined(figures):
    points = pd.DataFrame(
        {"a.rate": [0.5, 1.83, 2.49, 1.16] * 2, "b.rule": ["x", "y", "z", "w"] * 2}
    )
    y = pd.DataFrame({"approvals": [1.0, 4.0, 5.0, 2.0] * 2})
    assert sweep_plots.level_order(points["a.rate"]) == [0.5, 1.16, 1.83, 2.49]
    assert sweep_plots.level_order(points["b.rule"]) == ["x", "y", "z", "w"]
    sweep_plots.plot_main_effects(points, y, None)
    numeric, nominal = figures[0].axes
    (line,) = [ln for ln in numeric.get_lines() if ln.get_marker() == "o"]
    assert list(line.get_xdata()) == [0.5, 1.16, 1.83, 2.49]
    assert list(line.get_ydata()) == [1.0, 2.0, 4.0, 5.0]
    (points_only,) = [ln for ln in nominal.get_lines() if ln.get_marker() == "o"]
    assert points_only.get_linestyle() == "None"
    assert "Therapies approved" in numeric.get_ylabel() and "(" in numeric.get_ylabel()
    assert nominal.get_xlabel() == "b.rule"  # the full dotted name


def test_every_outcome_gets_a_panel(figures):
    rows = [
        (f"out{k}", p, key, 0.3, 0.05)
        for k in range(6)
        for p in ("a.x", "b.y")
        for key in ("S1", "ST")
    ]
    table = pd.DataFrame(rows, columns=["outcome", "parameter", "index", "value", "conf"])
    sweep_plots.plot_indices(table, "sobol", None)
    visible = [ax for ax in figures[0].axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == [f"out{k}" for k in range(6)]


def test_unusable_outcomes_are_named_with_a_reason():
    y = pd.DataFrame({"y": [1.0, 2, 3, 4, 5], "gap": [1.0, None, 3, 4, 5], "flat": [2.0] * 5})
    kept, notes = usable_outcomes(y, "sobol")
    assert kept == ["y"]
    reasons = dict(notes)
    assert "undefined at 1 of 5 points" in reasons["gap"] and "no variance" in reasons["flat"]
    kept, notes = usable_outcomes(y, "lhs")
    assert kept == ["y", "gap"] and "1 of 5 points without a value left out" in dict(notes)["gap"]


def test_wide_intervals_and_total_indices_above_one_are_flagged_with_a_sample_size():
    table = pd.DataFrame(
        [
            ("a", "p", "S1", 0.10, 0.20),  # interval twice the index: N x 4
            ("a", "p", "ST", 0.30, 0.10),
            ("b", "p", "S1", 0.01, 0.02),  # negligible: not flagged
            ("b", "p", "ST", 0.02, 0.03),
            ("c", "p", "S1", 0.50, 0.10),
            ("c", "p", "ST", 1.20, 0.40),  # above 1
        ],
        columns=["outcome", "parameter", "index", "value", "conf"],
    )
    warnings = reliability_warnings(table, "sobol", 64)
    assert len(warnings) == 2
    assert (
        warnings[0].startswith("a: 1 indices with an interval wider")
        and "N = about 256" in warnings[0]
    )
    assert warnings[1].startswith("c: 1 total indices above 1")
    morris = pd.DataFrame(
        [("a", "p", "mu_star", 1.0, 3.0), ("a", "q", "mu_star", 2.0, 0.5)],
        columns=["outcome", "parameter", "index", "value", "conf"],
    )
    (text,) = reliability_warnings(morris, "morris", 10)
    assert "mu* of 1 parameters" in text and "about 90 trajectories" in text


def test_analysis_says_which_outcomes_it_left_out(tmp_path):
    params = [Parameter(path=f"x{i}", range=(-math.pi, math.pi)) for i in (1, 2, 3)]
    exp = function_experiment("morris", params, samples=10, levels=4, seed=2)
    exp.outcomes = ["y", "y_gap", "y_flat"]
    folder = tmp_path / "m"
    with LocalEngine(1) as engine:
        run_sweep(exp, None, build_design(exp), folder, engine, fn=ishigami_with_gaps)
    written = analyze_sweep(folder)
    notes = written["notes"].read_text()
    assert "- y_gap: dropped: undefined at" in notes and "- y_flat: dropped:" in notes
    table = pd.read_csv(written["indices"])
    assert set(table["outcome"]) == {"y"}
