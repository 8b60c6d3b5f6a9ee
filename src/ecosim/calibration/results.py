"""What a calibration reports: posterior, posterior median, fit per target, identifiability.

- ``posterior.parquet``: the last generation's particles (parameters by dotted path,
  normalised ``weight``, ``distance``); ``populations.parquet``: every generation.
- ``posterior-median.yaml``: the base scenario with every calibrated parameter at its
  weighted posterior median.
- ``fit.csv``: per target the observed value, the tolerance, the model's noise, and the
  posterior predictive mean and 90 % interval over ``predictive`` fresh runs at draws from
  the posterior (each with its own seed).
- ``identifiability.csv``: per parameter the prior and posterior standard deviations and the
  contraction 1 - var_post / var_prior (Schälte and Hasenauer 2020 use the same ratio):
  above :data:`CONSTRAINED` the targets constrain it, below :data:`AT_PRIOR` it stays where
  the prior put it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecosim.calibration.posterior import weighted_quantile
from ecosim.calibration.smc import CalibrationRun, prior_sd
from ecosim.calibration.spec import Calibration
from ecosim.experiments.design import point_scenario
from ecosim.scenario import Scenario

__all__ = [
    "AT_PRIOR",
    "CONSTRAINED",
    "fit_table",
    "identifiability",
    "posterior_median",
]

CONSTRAINED = 0.5
"""Contraction above which a parameter counts as constrained by the targets."""
AT_PRIOR = 0.2
"""Contraction below which a parameter counts as left at its prior."""

PREDICTIVE_QUANTILES = (0.05, 0.95)
"""The posterior predictive interval reported per target (90 %)."""


def _weighted_sd(values: np.ndarray, weights: np.ndarray) -> float:
    mean = np.sum(weights * values) / np.sum(weights)
    return float(np.sqrt(np.sum(weights * (values - mean) ** 2) / np.sum(weights)))


def identifiability(run: CalibrationRun) -> pd.DataFrame:
    """Which parameters the targets constrain and which stay at their prior."""
    post = run.posterior
    rows = []
    for p in run.calibration.parameters:
        v, w = post[p.path].to_numpy(), post["weight"].to_numpy()
        sd0, sd1 = prior_sd(p), _weighted_sd(v, w)
        contraction = 1 - (sd1 / sd0) ** 2
        verdict = (
            "constrained"
            if contraction > CONSTRAINED
            else ("weakly constrained" if contraction >= AT_PRIOR else "at its prior")
        )
        rows.append(
            {
                "parameter": p.path,
                "prior_low": p.range[0],
                "prior_high": p.range[1],
                "prior_sd": sd0,
                "posterior_median": weighted_quantile(v, w, 0.5),
                "posterior_q05": weighted_quantile(v, w, 0.05),
                "posterior_q95": weighted_quantile(v, w, 0.95),
                "posterior_sd": sd1,
                "contraction": contraction,
                "verdict": verdict,
            }
        )
    return pd.DataFrame(rows)


def posterior_median(run: CalibrationRun, base: Scenario) -> Scenario:
    """The base scenario with each calibrated parameter at its weighted posterior median."""
    post = run.posterior
    values = {
        p.path: weighted_quantile(post[p.path].to_numpy(), post["weight"].to_numpy(), 0.5)
        for p in run.calibration.parameters
    }
    scenario = point_scenario(base, pd.Series(values, dtype=object))
    return scenario.model_copy(
        update={
            "description": f"{base.description} Posterior median of calibration "
            f"'{run.calibration.name}'."
        }
    )


def fit_table(cal: Calibration, noise: dict[str, float], predictive: pd.DataFrame) -> pd.DataFrame:
    """Observed against posterior predictive, per target."""
    low_q, high_q = PREDICTIVE_QUANTILES
    rows = []
    for t in cal.targets:
        sims = predictive[t.code].dropna() if t.code in predictive else pd.Series(dtype=float)
        rows.append(
            {
                "code": t.code,
                "outcome": t.outcome,
                "observed": t.value,
                "low": t.range[0] if t.range else t.value - t.scale,
                "high": t.range[1] if t.range else t.value + t.scale,
                "tolerance": t.scale,
                "noise_sd": noise.get(t.code, 0.0),
                "predictive_mean": float(sims.mean()) if len(sims) else float("nan"),
                "predictive_q05": float(sims.quantile(low_q)) if len(sims) else float("nan"),
                "predictive_q95": float(sims.quantile(high_q)) if len(sims) else float("nan"),
                "within_tolerance": float(((sims - t.value).abs() <= t.scale).mean())
                if len(sims)
                else float("nan"),
                "source": t.source,
            }
        )
    return pd.DataFrame(rows)
