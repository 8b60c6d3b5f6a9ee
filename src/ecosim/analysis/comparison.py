"""Tables and sentences comparing scenarios against a base.

Everything here is a pure function of a :class:`~ecosim.experiments.compare.Comparison`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ecosim.analysis.outcomes import KEY_OUTCOMES, OUTCOMES, TIME_TO_BENEFIT
from ecosim.analysis.statistics import mean_interval, paired_comparison, time_to_benefit
from ecosim.experiments.compare import Comparison

__all__ = [
    "comparison_table",
    "findings",
    "imprecise_notes",
    "is_share",
    "plain_name",
    "scenario_table",
    "time_to_benefit_table",
]

SIGNIFICANCE = 0.05
"""Level below which a difference is called clear (paired t-test)."""


def scenario_table(comp: Comparison) -> pd.DataFrame:
    """Mean and 95 % interval of every outcome in every scenario (long format)."""
    rows = []
    for name, res in comp.results.items():
        for col, info in OUTCOMES.items():
            mean, half = mean_interval(res.summary[col].to_numpy())
            rows.append(
                {"scenario": name, "outcome": col, "label": info.label, "mean": mean, "ci95": half}
            )
    return pd.DataFrame(rows)


def comparison_table(comp: Comparison) -> pd.DataFrame:
    """Paired differences of every other scenario from the base, one row per outcome."""
    base = comp.results[comp.base].summary
    frames = []
    for name in comp.names[1:]:
        table = paired_comparison(base, comp.results[name].summary, list(OUTCOMES))
        table.insert(0, "scenario", name)
        table.insert(2, "label", [OUTCOMES[c].label for c in table["outcome"]])
        frames.append(table)
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def time_to_benefit_table(comp: Comparison) -> pd.DataFrame:
    """For each other scenario and main outcome, the year it pulls ahead for good."""
    base = comp.results[comp.base].steps
    rows = []
    for name in comp.names[1:]:
        other = comp.results[name].steps
        for col, (label, higher) in TIME_TO_BENEFIT.items():
            ttb = time_to_benefit(base, other, col, higher_is_better=higher)
            rows.append({"scenario": name, "outcome": col, "label": label, **ttb})
    return pd.DataFrame(rows)


def is_share(outcome: str) -> bool:
    """Whether an outcome is a share (its differences are told in percentage points)."""
    return OUTCOMES[outcome].unit == "fraction"


def plain_name(identifier: str) -> str:
    """A scenario's name as people say it: ``collective_impact`` -> "Collective impact"."""
    words = identifier.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def _fmt(col: str, value: float) -> str:
    return OUTCOMES[col].show(value)


def sentence(name: str, row: pd.Series) -> str:
    """One finding in words, e.g. "raises therapies approved by 27 % (95 % CI 18 to 36 %)"."""
    col, label, name = row["outcome"], row["label"], plain_name(name)
    base, other = _fmt(col, row["base_mean"]), _fmt(col, row["other_mean"])
    clear = np.isfinite(row["p_ttest"]) and row["p_ttest"] < SIGNIFICANCE
    rel_ok = np.isfinite(row["rel"]) and abs(row["base_mean"]) > 0
    if not clear:
        return (
            f"{name} shows no clear difference in {label} ({base} in the base, {other} in "
            f"{name}; p = {row['p_ttest']:.2f}; 95 % CI of the difference "
            f"{_fmt(col, row['diff_low'])} to {_fmt(col, row['diff_high'])})."
        )
    verb = "raises" if row["diff"] > 0 else "lowers"
    if is_share(col):  # a share moves in percentage points
        lo, hi = sorted((abs(100 * row["diff_low"]), abs(100 * row["diff_high"])))
        size = f"by {abs(100 * row['diff']):.1f} points (95 % CI {lo:.1f} to {hi:.1f} points)"
    elif rel_ok:
        lo, hi = sorted((abs(row["rel_low"]), abs(row["rel_high"])))
        size = f"by {abs(row['rel']) * 100:.0f} % (95 % CI {lo * 100:.0f} to {hi * 100:.0f} %)"
    else:
        size = f"by {_fmt(col, abs(row['diff']))}"
    better = OUTCOMES[col].better * math.copysign(1, row["diff"])
    judgement = {1: " an improvement", -1: " a worsening", 0: ""}[int(better)]
    tail = f"; this is{judgement}" if judgement else ""
    if row.get("imprecise", False):
        tail += " (imprecise: the interval is wide; more replicates would narrow it)"
    p = "p < 0.001" if row["p_ttest"] < 0.001 else f"p = {row['p_ttest']:.3f}"
    return f"{name} {verb} {label} {size}, from {base} to {other} ({p}){tail}."


def findings(comp: Comparison, table: pd.DataFrame) -> dict[str, list[str]]:
    """Sentences for the key outcomes of each other scenario.

    Clear differences come first, the largest relative change first.
    """
    out: dict[str, list[str]] = {}
    for name in comp.names[1:]:
        rows = table[(table["scenario"] == name) & table["outcome"].isin(KEY_OUTCOMES)].copy()
        rows["clear"] = rows["p_ttest"] < SIGNIFICANCE
        rows["size"] = rows["rel"].abs().fillna(0)
        rows = rows.sort_values(["clear", "size"], ascending=[False, False])
        out[name] = [sentence(name, r) for _, r in rows.iterrows()]
    return out


def imprecise_notes(table: pd.DataFrame) -> list[str]:
    """Outcomes whose interval is too wide, with the replicates that would narrow it."""
    notes = []
    for _, r in table[table["imprecise"]].iterrows():
        notes.append(
            f"{r['scenario']}: {r['label']}: the 95 % interval of the difference "
            f"({_fmt(r['outcome'], r['diff_low'])} to {_fmt(r['outcome'], r['diff_high'])}) "
            f"has a half-width above 10 % of the base value; about {r['replicates_needed']} "
            f"replicates would bring the half-width down to 10 % (now {r['n']})."
        )
    return notes
