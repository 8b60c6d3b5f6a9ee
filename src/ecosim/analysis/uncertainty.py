"""How much of a difference is luck, and how much is what we do not know about the world.

A comparison run with ``--posterior`` has two sets of paired differences per outcome: on
the scenarios as given (seeds only: the calibrated parameters at the posterior median) and
with replicate ``i`` at posterior draw ``i`` (seeds and parameters). This module puts the
two intervals side by side and counts the replicates whose difference has the other sign
than the mean difference, so that the report can say in words when a conclusion depends on
the parameters.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecosim.analysis.comparison import comparison_table
from ecosim.analysis.outcomes import KEY_OUTCOMES, OUTCOMES
from ecosim.experiments.compare import Comparison

__all__ = ["DEPENDS_SHARE", "uncertainty_sentences", "uncertainty_table"]

DEPENDS_SHARE = 0.1
"""Share of posterior draws with the other sign from which a conclusion is said to depend on
the parameters (reporting convention, not a model parameter)."""


def _other_sign(base: pd.DataFrame, other: pd.DataFrame, col: str) -> float:
    """Share of replicates whose paired difference has the sign opposite to the mean's."""
    merged = base[["replicate", col]].merge(other[["replicate", col]], on="replicate")
    diff = (merged[f"{col}_y"] - merged[f"{col}_x"]).to_numpy(dtype=float)
    diff = diff[np.isfinite(diff)]
    if not len(diff) or diff.mean() == 0:
        return float("nan")
    return float(np.mean(np.sign(diff) == -np.sign(diff.mean())))


def uncertainty_table(comp: Comparison) -> pd.DataFrame:
    """Seeds-only and seeds-plus-posterior differences of every other scenario, side by side.

    Returns:
        One row per scenario and outcome: ``diff``, ``diff_low``, ``diff_high`` (seeds only),
        ``post_diff``, ``post_low``, ``post_high`` (seeds and posterior), ``other_sign`` and
        ``post_other_sign`` (share of replicates whose paired difference has the other sign).
        Empty without a posterior.
    """
    post = comp.with_posterior
    if post is None or len(comp.names) < 2:
        return pd.DataFrame()
    seeds, both = comparison_table(comp), comparison_table(post)
    table = seeds[["scenario", "outcome", "label", "diff", "diff_low", "diff_high"]].copy()
    table["post_diff"] = both["diff"].to_numpy()
    table["post_low"] = both["diff_low"].to_numpy()
    table["post_high"] = both["diff_high"].to_numpy()
    table["other_sign"] = [
        _other_sign(comp.results[comp.base].summary, comp.results[s].summary, c)
        for s, c in zip(table["scenario"], table["outcome"], strict=True)
    ]
    table["post_other_sign"] = [
        _other_sign(post.results[post.base].summary, post.results[s].summary, c)
        for s, c in zip(table["scenario"], table["outcome"], strict=True)
    ]
    return table


def uncertainty_sentences(table: pd.DataFrame, name: str) -> list[str]:
    """For one scenario, a sentence per key outcome on what the parameters add."""
    out = []
    rows = table[(table["scenario"] == name) & table["outcome"].isin(KEY_OUTCOMES)]
    for _, r in rows.iterrows():
        show = OUTCOMES[r["outcome"]].show
        seeds = f"{show(r['diff_low'])} to {show(r['diff_high'])}"
        both = f"{show(r['post_low'])} to {show(r['post_high'])}"
        share = r["post_other_sign"]
        if not np.isfinite(share):
            continue
        width = r["diff_high"] - r["diff_low"]
        wider = ""
        if width > 0:  # a zero-width seeds interval (the same value in every run) has no ratio
            wider = f" (an interval {(r['post_high'] - r['post_low']) / width:.1f} times as wide)"
        text = (
            f"{r['label']}: difference {seeds} with seeds only, {both} with the posterior{wider}; "
        )
        if share >= DEPENDS_SHARE and share <= r["other_sign"]:
            text += (
                f"the sign of the difference changes in {share:.0%} of draws and in "
                f"{r['other_sign']:.0%} of runs with seeds alone: luck, more than the "
                "parameters, makes this conclusion uncertain (more replicates would tell)."
            )
        elif share >= DEPENDS_SHARE:
            text += (
                f"the sign of the difference changes across the posterior in {share:.0%} of "
                f"draws ({r['other_sign']:.0%} of seeds alone), so the conclusion depends on "
                f"parameters the targets do not pin down."
            )
        else:
            text += f"the sign holds in {1 - share:.0%} of draws."
        out.append(text)
    return out
