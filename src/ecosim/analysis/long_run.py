"""The long-run check: the siloed baseline over twice its horizon should be stationary.

For each quantity of :data:`LONG_RUN_QUANTITIES` (per-step outcomes, or sums of them),
the mean over replicates of its average over the ``window`` years before the middle of
the run (year 30 of 60) is compared with the same before the end (year 60). The change
comes with a 95 % bootstrap interval over replicates: cash is heavy-tailed (a few large
deals), so with 20 replicates its change has a standard error of about 10 points, and a
drift is established only when the whole interval lies outside the band. Used by
``tools/long_run.py`` and the calibration tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecosim.experiments.replicates import run_replicates
from ecosim.library import library_dir
from ecosim.scenario import load_scenario
from ecosim.seeds import DEFAULT_SEED
from ecosim.units import QUARTERS_PER_YEAR

__all__ = ["LONG_RUN_QUANTITIES", "long_run_markdown", "long_run_table"]

LONG_RUN_QUANTITIES = {
    "biotechs_alive": "live biotechs",
    "firms_alive": "live firms",
    "pipeline": "programmes in development",
    "clinical": "programmes in the clinic",
    "pharma_cash_musd": "pharma R&D cash (million USD)",
    "biotech_cash_musd": "biotech cash (million USD)",
    "payer_spend_musd": "payer spend per quarter (million USD)",
    "firm_revenue_musd": "firm revenue per quarter (million USD)",
    "rd_spend_musd": "R&D spend per quarter (million USD)",
}
"""Quantities of the check and their labels."""

_PHASES = ("discovery", "preclinical", "phase1", "phase2", "phase3", "review")

BASELINE = library_dir("scenarios") / "siloed.yaml"


def _quantities(steps: pd.DataFrame) -> pd.DataFrame:
    out = steps.copy()
    out["pipeline"] = steps[[f"programmes_{k}" for k in _PHASES]].sum(axis=1)
    out["clinical"] = steps[[f"programmes_{k}" for k in _PHASES[2:5]]].sum(axis=1)
    return out


def long_run_table(
    replicates: int = 20,
    seed: int = DEFAULT_SEED,
    years: float = 60.0,
    window: float = 2.0,
    workers: int | None = None,
    scenario=None,
    resamples: int = 2000,
) -> pd.DataFrame:
    """Mean of each quantity before the middle and before the end of a long run.

    Returns:
        One row per quantity: ``mid``, ``end``, ``change`` (end / mid - 1) and the 95 %
        bootstrap interval of the change over replicates (``low``, ``high``; the
        resampling is seeded with ``seed``).
    """
    base = scenario if scenario is not None else load_scenario(BASELINE)
    scn = base.model_copy(update={"years": years})
    steps = run_replicates(scn, replicates, seed, workers).steps
    w = round(window * QUARTERS_PER_YEAR)
    half = scn.steps // 2
    mids, ends = [], []
    for _, one in steps.groupby("replicate"):
        q = _quantities(one.reset_index(drop=True))
        mids.append(q.iloc[half - w : half][list(LONG_RUN_QUANTITIES)].mean())
        ends.append(q.iloc[-w:][list(LONG_RUN_QUANTITIES)].mean())
    mid_all, end_all = pd.concat(mids, axis=1), pd.concat(ends, axis=1)  # [quantity, replicate]
    mid, end = mid_all.mean(axis=1), end_all.mean(axis=1)
    change = np.where(mid != 0, end / mid.where(mid != 0, 1.0) - 1.0, 0.0)
    low, high = _interval(mid_all.to_numpy(), end_all.to_numpy(), seed, resamples)
    return pd.DataFrame({"mid": mid, "end": end, "change": change, "low": low, "high": high})


def _interval(mid: np.ndarray, end: np.ndarray, seed: int, resamples: int):
    """95 % percentile bootstrap interval of ``mean(end) / mean(mid) - 1`` per row."""
    rng = np.random.default_rng(seed)
    n = mid.shape[1]
    pick = rng.integers(0, n, size=(resamples, n))
    m, e = mid[:, pick].mean(axis=2), end[:, pick].mean(axis=2)  # [quantity, resample]
    ratio = np.divide(e, m, out=np.ones_like(e), where=m != 0) - 1.0
    lo, hi = np.percentile(ratio, [2.5, 97.5], axis=1)
    return lo, hi


def long_run_markdown(table: pd.DataFrame) -> str:
    """The long-run table as Markdown (one row per quantity, with its label)."""
    lines = [
        "| quantity | year 30 | year 60 | change | 95 % interval |",
        "|---|---|---|---|---|",
    ]
    for key, label in LONG_RUN_QUANTITIES.items():
        row = table.loc[key]
        lines.append(
            f"| {label} | {row['mid']:.4g} | {row['end']:.4g} | {row['change']:+.1%} "
            f"| {row['low']:+.1%} to {row['high']:+.1%} |"
        )
    return "\n".join(lines)
