"""Statistics for comparing scenarios run with common random numbers.

Replicate ``i`` of every scenario uses the same seed, so differences are *paired*: the
difference of scenario B from base A is computed replicate by replicate, and its mean
and interval come from the paired differences (far narrower than comparing two
independent means). All functions are pure functions of pandas/numpy data.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
from scipy import stats

__all__ = [
    "PRECISION",
    "mean_interval",
    "paired_comparison",
    "replicates_needed",
    "time_to_benefit",
]

PRECISION = 0.10
"""Half-width of the 95 % interval of a difference, as a share of the base mean, above
which an outcome is flagged as imprecise."""


def mean_interval(values: np.ndarray, level: float = 0.95) -> tuple[float, float]:
    """Mean and half-width of its ``level`` t interval (NaNs dropped)."""
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    if len(x) == 0:
        return float("nan"), float("nan")
    if len(x) == 1:
        return float(x[0]), float("nan")
    t = stats.t.ppf(0.5 + level / 2, len(x) - 1)
    return float(x.mean()), float(t * x.std(ddof=1) / math.sqrt(len(x)))


def replicates_needed(sd: float, target_half_width: float, level: float = 0.95) -> int:
    """The smallest number of replicates whose t interval has at most this half-width.

    The normal approximation is a lower bound (t > z); n grows from there until the t
    interval is narrow enough.
    """
    if not np.isfinite(sd) or target_half_width <= 0 or not np.isfinite(target_half_width):
        return 0
    if sd == 0:
        return 2
    z = stats.norm.ppf(0.5 + level / 2)
    n = max(2, math.ceil((z * sd / target_half_width) ** 2))
    while stats.t.ppf(0.5 + level / 2, n - 1) * sd / math.sqrt(n) > target_half_width:
        n += 1
    return n


def _p_values(diff: np.ndarray) -> tuple[float, float]:
    """Paired t-test and Wilcoxon signed-rank p-values of differences against zero."""
    if len(diff) < 2 or np.allclose(diff, 0):
        return (1.0, 1.0) if len(diff) >= 2 else (float("nan"), float("nan"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # constant differences
        p_t = float(stats.ttest_1samp(diff, 0.0).pvalue)
        try:
            p_w = float(stats.wilcoxon(diff).pvalue)
        except ValueError:
            p_w = float("nan")
    return p_t, p_w


def paired_comparison(
    base: pd.DataFrame,
    other: pd.DataFrame,
    outcomes: list[str],
    key: str = "replicate",
    level: float = 0.95,
) -> pd.DataFrame:
    """Compare per-replicate outcomes of ``other`` against ``base``, paired on ``key``.

    Args:
        base: one row per replicate of the base scenario.
        other: one row per replicate of the other scenario (same replicate keys).
        outcomes: columns to compare.
        key: column identifying the replicate (its seed).
        level: confidence level.

    Returns:
        One row per outcome: ``base_mean``, ``other_mean``, ``diff``, ``diff_low``,
        ``diff_high``, ``rel``, ``rel_low``, ``rel_high`` (the difference divided by the
        absolute base mean, so that a rise is positive whatever the base's sign; the
        interval ignores the base mean's own uncertainty),
        ``p_ttest``, ``p_wilcoxon``, ``n``, ``imprecise`` and ``replicates_needed``.
    """
    merged = base[[key, *outcomes]].merge(
        other[[key, *outcomes]], on=key, how="inner", suffixes=("_base", "_other")
    )
    rows = []
    for col in outcomes:
        a = merged[f"{col}_base"].to_numpy(dtype=float)
        b = merged[f"{col}_other"].to_numpy(dtype=float)
        ok = np.isfinite(a) & np.isfinite(b)
        a, b = a[ok], b[ok]
        diff = b - a
        d_mean, half = mean_interval(diff, level)
        base_mean = float(a.mean()) if len(a) else float("nan")
        scale = abs(base_mean) if base_mean else float("nan")
        p_t, p_w = _p_values(diff)
        sd = float(diff.std(ddof=1)) if len(diff) > 1 else float("nan")
        target = PRECISION * scale if np.isfinite(scale) else float("nan")
        imprecise = bool(np.isfinite(half) and np.isfinite(target) and half > target)
        rows.append(
            {
                "outcome": col,
                "base_mean": base_mean,
                "other_mean": float(b.mean()) if len(b) else float("nan"),
                "diff": d_mean,
                "diff_low": d_mean - half,
                "diff_high": d_mean + half,
                "rel": d_mean / scale,
                "rel_low": (d_mean - half) / scale,
                "rel_high": (d_mean + half) / scale,
                "p_ttest": p_t,
                "p_wilcoxon": p_w,
                "n": int(len(diff)),
                "imprecise": imprecise,
                "replicates_needed": replicates_needed(sd, target, level) if imprecise else 0,
            }
        )
    return pd.DataFrame(rows)


def time_to_benefit(
    base: pd.DataFrame,
    other: pd.DataFrame,
    outcome: str,
    higher_is_better: bool = True,
    cumulative: bool = True,
    level: float = 0.95,
) -> dict[str, float]:
    """Year from which ``other`` stays ahead of ``base`` on an outcome.

    Args:
        base: per-step outcomes (wide) with ``replicate``, ``year`` and ``outcome``.
        other: the same for the other scenario (same replicates and years).
        outcome: column to compare.
        higher_is_better: direction of benefit.
        cumulative: compare totals up to each year (benefits accumulate) rather than
            the value in each quarter.
        level: confidence level for the interval criterion.

    Returns:
        ``ahead_from``: first year from which the mean paired difference is favourable
        at every later step (NaN if never); ``sure_from``: first year from which the
        lower end of its interval is favourable at every later step (NaN if never).
    """
    wa = base.pivot(index="year", columns="replicate", values=outcome)
    wb = other.pivot(index="year", columns="replicate", values=outcome)
    common = wa.columns.intersection(wb.columns)
    wa, wb = wa[common], wb[common]
    if cumulative:
        wa, wb = wa.cumsum(), wb.cumsum()
    diff = (wb - wa) * (1.0 if higher_is_better else -1.0)
    n = diff.shape[1]
    mean = diff.mean(axis=1)
    if n > 1:
        t = stats.t.ppf(0.5 + level / 2, n - 1)
        half = t * diff.std(axis=1, ddof=1) / math.sqrt(n)
    else:
        half = pd.Series(np.inf, index=diff.index)
    return {
        "ahead_from": _stays_true_from(mean > 0),
        "sure_from": _stays_true_from((mean - half) > 0),
    }


def _stays_true_from(flags: pd.Series) -> float:
    """First index value from which ``flags`` is True to the end (NaN if the last is False)."""
    values = flags.to_numpy()
    if len(values) == 0 or not values[-1]:
        return float("nan")
    false_at = np.flatnonzero(~values)
    start = 0 if len(false_at) == 0 else false_at[-1] + 1
    return float(flags.index[start])
