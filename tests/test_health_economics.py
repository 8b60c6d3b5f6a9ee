"""The report's payer view and first-screen sentences (issue 16), on hand-made increments."""

import numpy as np
import pandas as pd
import pytest

from ecosim.analysis.health_economics import acceptability, cost_split, icer, net_benefit
from ecosim.analysis.summary import finding, p_text


def _increments(cost, qalys, approvals=None) -> pd.DataFrame:
    n = len(cost)
    approvals = approvals if approvals is not None else [2.0] * n
    return pd.DataFrame(
        {
            "payer_spend_busd": np.asarray(cost, float) * 0.75,
            "backbone_spend_busd": np.asarray(cost, float) * 0.25,
            "rd_spend_busd": np.full(n, 1e9),
            "cost_usd": np.asarray(cost, float),
            "approvals": np.asarray(approvals, float),
            "patients_matched": np.full(n, 100.0),
            "qalys": np.asarray(qalys, float),
        }
    )


def test_icer_is_mean_cost_over_mean_qalys_with_an_interval_around_it():
    inc = _increments([1.0e9, 1.2e9, 0.8e9, 1.1e9, 0.9e9], [10_000, 12_000, 8_000, 9_000, 11_000])
    out = icer(inc, seed=2026)
    assert out["defined"] and out["icer"] == pytest.approx(1e9 / 10_000)
    assert out["low"] < out["icer"] < out["high"]
    assert icer(inc, seed=2026) == out  # the bootstrap is seeded: the same report twice


def test_icer_is_not_a_number_when_the_qaly_gain_may_be_zero():
    out = icer(_increments([1e9, 1e9, 1e9, 1e9], [5_000, -5_000, 4_000, -3_000]), seed=1)
    assert not out["defined"] and np.isnan(out["icer"])


def test_net_benefit_and_acceptability_follow_the_threshold():
    inc = _increments([1e9, 2e9, 3e9, 4e9], [10_000, 10_000, 10_000, 10_000])
    nmb = net_benefit(inc, thresholds=(100_000, 250_000))
    assert nmb["nmb_usd"].tolist() == pytest.approx([1e9 - 2.5e9, 2.5e9 - 2.5e9])
    ceac = acceptability(inc, thresholds=np.array([0.0, 150_000, 250_000, 500_000]))
    # cost-effective once lambda x 10,000 QALYs exceeds each replicate's cost
    assert ceac["probability"].tolist() == [0.0, 0.25, 0.5, 1.0]


def test_cost_per_extra_approval_is_split_by_who_pays():
    inc = _increments([4e9] * 4, [10_000] * 4, approvals=[2.0, 2.0, 2.0, 2.0])
    split = cost_split(inc).set_index("who")
    assert split.loc["payers", "per_approvals"] == pytest.approx(1.5e9)
    assert split.loc["backbone", "per_approvals"] == pytest.approx(0.5e9)
    assert split.loc["all", "extra_usd"] == pytest.approx(5e9)  # R&D included in "all"
    none = cost_split(_increments([4e9] * 4, [10_000] * 4, approvals=[1.0, -1.0, 2.0, -2.0]))
    assert none["per_approvals"].isna().all()  # no clear extra approval: no cost per one


def _row(outcome, base, other, low, high, p, imprecise=False):
    return pd.Series(
        {
            "outcome": outcome,
            "base_mean": base,
            "other_mean": other,
            "diff": other - base,
            "diff_low": low,
            "diff_high": high,
            "rel": (other - base) / base,
            "rel_low": low / base,
            "rel_high": high / base,
            "p_ttest": p,
            "imprecise": imprecise,
            "replicates_needed": 40,
        }
    )


def test_a_share_moves_in_percentage_points_and_names_are_plain():
    text = finding("collective_impact", _row("accrual_closure_share", 0.2, 0.1, -0.12, -0.08, 1e-6))
    assert "down 10.0 points (95 % interval -12.0 to -8.0 points), better" in text
    assert "with Collective impact" in text and "collective_impact" not in text
    assert "e-0" not in text


def test_imprecision_and_unclear_differences_are_said_in_the_sentence():
    wide = finding("open_ip", _row("qalys", 100.0, 130.0, 1.0, 59.0, 0.04, imprecise=True))
    assert "up 30 %" in wide and "imprecise" in wide
    unclear = finding("open_ip", _row("qalys", 100.0, 110.0, -5.0, 25.0, 0.08))
    assert "no clear difference" in unclear and "better" not in unclear


def test_p_values_are_never_in_scientific_notation():
    assert [p_text(p) for p in (3e-9, 0.004, 0.0449, 0.5)] == [
        "p < 0.001",
        "p = 0.004",
        "p = 0.04",
        "p = 0.50",
    ]


def _icer_words(cost: float, qalys: float, half: float) -> str:
    from ecosim.analysis.report_summary import _icer_sentence
    from ecosim.analysis.summary import Summary

    defined = qalys - half > 0
    value = cost / qalys if defined else float("nan")
    i = {"cost_usd": cost, "qalys": qalys, "qalys_half": half, "defined": defined}
    i |= {"icer": value, "low": value, "high": value}
    return _icer_sentence(Summary("x", [], pd.DataFrame(), i, pd.DataFrame()))


def test_the_icer_sentence_tells_a_loss_a_saving_and_an_unclear_gain_apart():
    assert "clear loss of health" in _icer_words(1e9, -6_000, 2_000)
    assert "not clear" in _icer_words(1e9, 1_000, 2_000)
    dominant = _icer_words(-1e9, 5_000, 1_000)
    assert dominant.startswith("Dominant") and "1.0 bn USD saved" in dominant
    assert "100,000 USD per QALY" in _icer_words(1e9, 10_000, 1_000)
