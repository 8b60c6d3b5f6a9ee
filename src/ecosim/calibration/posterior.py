"""A weighted posterior sample: quantiles and reproducible draws.

Used by the calibration's outputs and by comparisons and sweeps that carry parameter
uncertainty (``--posterior``): draw i of :func:`posterior_draws` goes with replicate i.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["posterior_draws", "weighted_quantile"]


def weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """The q-quantile of a weighted sample (inverse of the weighted empirical CDF)."""
    order = np.argsort(values, kind="stable")
    v, w = np.asarray(values)[order], np.asarray(weights)[order]
    cdf = np.cumsum(w) / np.sum(w)
    return float(v[min(int(np.searchsorted(cdf, q)), len(v) - 1)])


def posterior_draws(posterior: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """``n`` particles drawn with replacement by ``weight``, reproducibly from ``seed``."""
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    w = posterior["weight"].to_numpy(dtype=float)
    picks = rng.choice(len(posterior), size=n, replace=True, p=w / w.sum())
    return posterior.iloc[picks].reset_index(drop=True)
