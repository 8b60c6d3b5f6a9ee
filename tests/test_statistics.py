"""The comparison statistics, on synthetic data with known answers."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ecosim.analysis.statistics import (
    mean_interval,
    paired_comparison,
    replicates_needed,
    time_to_benefit,
)


def frames(a, b):
    rep = np.arange(len(a))
    return pd.DataFrame({"replicate": rep, "x": a}), pd.DataFrame({"replicate": rep, "x": b})


def test_paired_difference_removes_common_noise():
    rng = np.random.default_rng(0)
    common = rng.normal(100, 20, 30)  # large seed-to-seed noise shared by both
    base, other = frames(common, common + 5 + rng.normal(0, 0.5, 30))
    row = paired_comparison(base, other, ["x"]).iloc[0]
    assert row["diff"] == pytest.approx(5, abs=0.3)
    assert row["diff_low"] > 4 and row["diff_high"] < 6  # paired: narrow
    assert row["p_ttest"] < 1e-10
    assert row["rel"] == pytest.approx(row["diff"] / row["base_mean"])


def test_interval_matches_scipy():
    d = np.array([1.0, 2.0, 4.0, 3.0, 0.5])
    mean, half = mean_interval(d)
    lo, hi = stats.t.interval(0.95, len(d) - 1, loc=d.mean(), scale=stats.sem(d))
    assert mean - half == pytest.approx(lo) and mean + half == pytest.approx(hi)


def test_coverage_of_the_interval_is_about_95_percent():
    rng = np.random.default_rng(1)
    hits = 0
    for _ in range(400):
        base, other = frames(rng.normal(10, 1, 12), rng.normal(11, 1, 12))
        row = paired_comparison(base, other, ["x"]).iloc[0]
        hits += row["diff_low"] <= 1.0 <= row["diff_high"]
    assert 0.92 <= hits / 400 <= 0.98


def test_no_difference_gives_a_large_p_value():
    rng = np.random.default_rng(2)
    x = rng.normal(50, 5, 40)
    base, other = frames(x, x + rng.normal(0, 1, 40))
    row = paired_comparison(base, other, ["x"]).iloc[0]
    assert row["diff_low"] < 0 < row["diff_high"]
    assert row["p_ttest"] > 0.05


def test_identical_scenarios_differ_by_nothing():
    x = np.arange(10.0)
    base, other = frames(x, x)
    row = paired_comparison(base, other, ["x"]).iloc[0]
    assert row["diff"] == 0 and row["p_ttest"] == 1.0 and not row["imprecise"]


def test_imprecise_outcomes_say_how_many_replicates_would_do():
    rng = np.random.default_rng(3)
    base, other = frames(np.full(10, 100.0), 100 + rng.normal(0, 40, 10))
    row = paired_comparison(base, other, ["x"]).iloc[0]
    assert row["imprecise"]
    sd = (other["x"] - base["x"]).std(ddof=1)
    n = row["replicates_needed"]
    # with n replicates the half-width is at most 10 % of the base mean
    assert stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n) <= 10.0
    assert stats.t.ppf(0.975, n - 2) * sd / np.sqrt(n - 1) > 10.0


def test_replicates_needed_edge_cases():
    assert replicates_needed(0.0, 1.0) == 2
    assert replicates_needed(float("nan"), 1.0) == 0


@pytest.mark.parametrize(("sd", "half"), [(1, 2), (1, 1), (1, 0.5), (3, 0.7), (10, 1)])
def test_replicates_needed_is_the_smallest_that_works(sd, half):
    n = replicates_needed(sd, half)
    assert stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n) <= half
    assert n == 2 or stats.t.ppf(0.975, n - 2) * sd / np.sqrt(n - 1) > half
    assert replicates_needed(1, 2) == 4  # regression: the one-step estimate said 41


def test_relative_change_is_against_the_size_of_a_negative_base():
    base, other = frames(np.full(5, -10.0), np.full(5, -7.5) + np.arange(5) * 1e-3)
    row = paired_comparison(base, other, ["x"]).iloc[0]
    assert row["diff"] > 0 and row["rel"] == pytest.approx(0.25, abs=0.01)


def steps(values_by_rep):
    rows = []
    for rep, values in enumerate(values_by_rep):
        for k, v in enumerate(values):
            rows.append({"replicate": rep, "year": (k + 1) / 4, "x": v})
    return pd.DataFrame(rows)


def test_time_to_benefit_finds_the_crossing_year():
    years = 40
    # the other scenario costs more for 3 years, then gains: cumulative crossing later
    base = steps([np.ones(years)] * 5)
    gain = np.r_[np.full(12, 0.5), np.full(years - 12, 1.5)]
    other = steps([gain + 0.01 * r for r in range(5)])
    ttb = time_to_benefit(base, other, "x")
    # cumulative difference: -0.5 per quarter for 12 quarters (-6), then +0.5 per quarter
    # (plus tiny replicate offsets): zero after quarter 24, positive from quarter 24 on
    assert ttb["ahead_from"] == 6.0
    assert ttb["sure_from"] >= ttb["ahead_from"]


def test_time_to_benefit_is_the_year_it_stays_ahead_not_the_first_lead():
    base = steps([np.zeros(12)] * 3)
    # ahead in quarter 1, behind in quarters 2-5, ahead again from quarter 6 on
    path = np.r_[1.0, -1.0, -1.0, -1.0, -1.0, 5.0, np.ones(6)]
    other = steps([path + 0.01 * r for r in range(3)])
    assert time_to_benefit(base, other, "x", cumulative=False)["ahead_from"] == 1.5


def test_time_to_benefit_never():
    base = steps([np.ones(8)] * 3)
    other = steps([np.ones(8) * 0.5] * 3)
    assert np.isnan(time_to_benefit(base, other, "x")["ahead_from"])
    assert time_to_benefit(base, other, "x", higher_is_better=False)["ahead_from"] == 0.25
