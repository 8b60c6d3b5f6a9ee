"""Models with known answers, for checking the sweep and analysis machinery.

They take the same payloads as :func:`ecosim.experiments.sweep.evaluate_ecosim` (a point's
parameter values and a seed) and return the same shape of result, so they go through
the same engine, storage and analysis code.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = [
    "BOX",
    "ISHIGAMI_INDICES",
    "in_box",
    "ishigami",
    "ishigami_with_gaps",
    "normal_mean",
    "where_run",
]

A, B = 7.0, 0.1
"""The usual Ishigami constants."""


def _analytic() -> dict[str, dict[str, float]]:
    v1 = 0.5 * (1 + B * math.pi**4 / 5) ** 2
    v2 = A**2 / 8
    v13 = B**2 * math.pi**8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return {
        "S1": {"x1": v1 / v, "x2": v2 / v, "x3": 0.0},
        "ST": {"x1": (v1 + v13) / v, "x2": v2 / v, "x3": v13 / v},
    }


ISHIGAMI_INDICES = _analytic()
"""Analytic first-order and total Sobol indices of the Ishigami function."""


def ishigami(payload: tuple) -> dict[str, Any]:
    """Y = sin x1 + A sin^2 x2 + B x3^4 sin x1 (inputs uniform on [-pi, pi])."""
    values = payload[1]
    x1, x2, x3 = values["x1"], values["x2"], values["x3"]
    y = math.sin(x1) + A * math.sin(x2) ** 2 + B * x3**4 * math.sin(x1)
    return {"summary": {"y": y}}


BOX = {"x1": (0.6, 1.0), "x2": (0.0, 0.4)}
"""The region where :func:`in_box` is 1 (``x3`` does not matter): a known answer for
scenario discovery (inputs uniform on [0, 1])."""


def in_box(payload: tuple) -> dict[str, Any]:
    """``y`` = 1 inside :data:`BOX`, else 0; ``x3`` changes nothing."""
    values = payload[1]
    inside = all(lo <= values[k] <= hi for k, (lo, hi) in BOX.items())
    return {"summary": {"y": float(inside)}}


def ishigami_with_gaps(payload: tuple) -> dict[str, Any]:
    """Ishigami's ``y``, with ``y_gap`` and ``y_flat`` for the analysis checks.

    ``y_gap`` is undefined where x1 > 2 (as a cost per approval is in a run without
    approvals); ``y_flat`` is the same everywhere.
    """
    y = ishigami(payload)["summary"]["y"]
    gap = y if payload[1]["x1"] <= 2 else float("nan")
    return {"summary": {"y": y, "y_gap": gap, "y_flat": 1.0}}


def normal_mean(payload: tuple) -> dict[str, float]:
    """One draw y ~ N(mu, 1); ``nuisance`` changes nothing (a calibration test model).

    With a flat prior on mu and y observed, the posterior of mu is N(y_obs, 1) as the ABC
    threshold goes to zero, and ``nuisance`` keeps its prior. Takes the payload of
    :func:`ecosim.calibration.smc.simulate_targets`.
    """
    values, seed = payload[2], payload[3]
    rng = np.random.default_rng(seed)
    return {"y": float(values["mu"] + rng.normal())}


def where_run(payload: float) -> str:
    """Sleep ``payload`` seconds and return the Dask worker's address (engine tests)."""
    import time

    from distributed import get_worker

    time.sleep(payload)
    return get_worker().address
