"""What a sweep's analysis can and cannot say: dropped outcomes and unreliable indices.

An outcome that is undefined at some points (``cost_per_approval_busd`` in a run with no
approval) or constant across points cannot enter Sobol or Morris estimators; it is left out
*with a reason*, never silently. Sobol and Morris indices whose 95 % interval is wider than
the index, or total indices above 1 (which only estimation noise produces), get a warning
with the sample size that would narrow them: interval half-widths shrink as 1/sqrt(N).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = ["NEGLIGIBLE_INDEX", "reliability_warnings", "usable_outcomes"]

NEGLIGIBLE_INDEX = 0.05
"""A Sobol index (share of variance) whose 95 % interval lies within this of zero is read
as negligible, not as unreliable."""

MIN_POINTS = 4
"""Fewest points with a value for a rank correlation or a level mean to be computed."""

MAX_GROWTH = 16
"""The largest sample growth suggested (16 times the sample); beyond it the advice says
"more than", since the interval estimate itself is then too rough to extrapolate."""


def usable_outcomes(y: pd.DataFrame, method: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The outcomes of ``y`` (point means) the analysis can use, and the others with why.

    Sobol and Morris need a value at every point of the design; Spearman correlations
    (``lhs``) and factorial level means leave out the points without one (said in the
    reason, the outcome stays).
    """
    kept: list[str] = []
    notes: list[tuple[str, str]] = []
    n = len(y)
    for outcome in y.columns:
        values = y[outcome].to_numpy(dtype=float)
        finite = np.isfinite(values)
        missing = int(n - finite.sum())
        if finite.sum() and np.ptp(values[finite]) == 0:
            notes.append((outcome, "dropped: the same value at every point (no variance)"))
        elif missing and method in ("sobol", "morris"):
            notes.append(
                (
                    outcome,
                    f"dropped: undefined at {missing} of {n} points (no replicate could "
                    f"measure it there); {method} needs a value at every point; more "
                    "replicates or a longer horizon would define it",
                )
            )
        elif finite.sum() < MIN_POINTS:
            notes.append((outcome, f"dropped: a value at only {int(finite.sum())} points"))
        else:
            kept.append(outcome)
            if missing:
                notes.append((outcome, f"kept: {missing} of {n} points without a value left out"))
    return kept, notes


def _advice(samples: int, ratio: float, power_of_two: bool) -> str:
    """The sample size at which an interval ``ratio`` times too wide would fit (1/sqrt(N))."""
    growth = ratio**2
    capped = growth > MAX_GROWTH
    need = math.ceil(samples * min(growth, MAX_GROWTH))
    if power_of_two:
        need = 2 ** math.ceil(math.log2(need))
    return f"{'more than ' if capped else 'about '}{need}"


def reliability_warnings(table: pd.DataFrame, method: str, samples: int) -> list[str]:
    """One sentence per outcome whose Sobol or Morris indices are not yet readable."""
    if method not in ("sobol", "morris") or table.empty:
        return []
    out = []
    for outcome, t in table.groupby("outcome", sort=False):
        if method == "sobol":
            t = t[t["index"].isin(["S1", "ST"])]
            wide = t[(t["conf"] > t["value"].abs()) & (t["conf"] > NEGLIGIBLE_INDEX)]
            over = t[(t["index"] == "ST") & (t["value"] > 1)]
            if wide.empty and over.empty:
                continue
            ratios = [*(wide["conf"] / wide["value"].abs().clip(lower=NEGLIGIBLE_INDEX))]
            ratios += [*(over["conf"] / (over["conf"] - (over["value"] - 1)).clip(lower=0))]
            what = []
            if not wide.empty:
                what.append(f"{len(wide)} indices with an interval wider than the index")
            if not over.empty:
                what.append(f"{len(over)} total indices above 1 (estimation noise)")
            out.append(
                f"{outcome}: {' and '.join(what)} at N = {samples}; "
                f"N = {_advice(samples, max(ratios), True)} would make them readable"
            )
        else:
            mu = t[(t["index"] == "mu_star") & (t["value"] > 0)]
            wide = mu[mu["conf"] > mu["value"]]
            if wide.empty:
                continue
            ratio = float((wide["conf"] / wide["value"]).max())
            out.append(
                f"{outcome}: mu* of {len(wide)} parameters has an interval wider than itself "
                f"at {samples} trajectories; {_advice(samples, ratio, False)} trajectories "
                "would narrow it"
            )
    return out
