"""The comparison as payers and HTA bodies read it: ICER, net monetary benefit, CEAC.

Everything is paired by replicate (common random numbers): replicate ``i`` of a scenario
and of the base share a seed, so their difference is one draw of the scenario's effect.

- **Costs** are a health system's: payer spend (instalments owed at the horizon
  included) plus the backbone's cost. R&D spend is private and is shown apart, in
  :func:`cost_split`, as the cost of an extra approval falls on all three.
- **ICER**: mean incremental cost over mean incremental QALYs, with a paired bootstrap
  interval (percentile, :func:`scipy.stats.bootstrap`). When the QALY gain is not clearly
  above zero the ratio is not reported as a number (it can change sign), the net monetary
  benefit is (Glick et al., *Economic Evaluation in Clinical Trials*, 2014, ch. 7).
- **Net monetary benefit** at threshold lambda: ``lambda x dQALY - dCost`` per replicate,
  mean and 95 % t interval.
- **Cost-effectiveness acceptability curve**: per threshold, the share of replicates whose
  net monetary benefit is positive; over the posterior as well when the comparison drew
  parameter sets from the calibration's posterior (then each replicate is one seed and
  one parameter set, so the curve carries both kinds of uncertainty).

Run totals are undiscounted sums over the horizon (the model's outcomes), in USD as the
sources give them (not re-based to one price year).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ecosim.analysis.statistics import mean_interval
from ecosim.experiments.compare import Comparison
from ecosim.units import MUSD_PER_BUSD, USD_PER_MUSD

__all__ = [
    "CEAC_THRESHOLDS",
    "COST_PARTS",
    "THRESHOLDS",
    "acceptability",
    "cost_split",
    "icer",
    "increments",
    "net_benefit",
]

THRESHOLDS = (50_000, 100_000, 150_000)
"""Thresholds at which net monetary benefit is stated (USD per QALY): the US ICER's value
framework range of 100-150 k USD and a lower bound of 50 k USD often quoted for the US."""

CEAC_THRESHOLDS = np.linspace(0, 300_000, 61)
"""Willingness to pay at which the acceptability curve is drawn (USD per QALY)."""

USD_PER_BUSD = USD_PER_MUSD * MUSD_PER_BUSD

COST_PARTS = {
    "payer_spend_busd": "payers",
    "backbone_spend_busd": "backbone",
    "rd_spend_busd": "R&D (firms)",
}
"""Who pays: run-total spend outcome -> payer, in the order shown."""

HEALTH_SYSTEM_COSTS = ("payer_spend_busd", "backbone_spend_busd")
"""The costs of the ICER and net monetary benefit (a health system's perspective)."""

BOOTSTRAP_RESAMPLES = 2000
"""Resamples of the paired bootstrap of the ICER (a report setting, not model behaviour)."""

GAINS = ("approvals", "patients_matched", "qalys")
"""What the spend buys: run-total outcomes whose increments costs are divided by."""


def increments(comp: Comparison, name: str, posterior: bool = False) -> pd.DataFrame:
    """Per replicate, ``name`` minus the base: costs in USD, gains in their own units.

    Columns: every :data:`COST_PARTS` outcome (in USD), ``cost_usd`` (health system),
    and every :data:`GAINS` outcome.
    """
    source = comp.with_posterior if posterior else comp
    if source is None:
        raise ValueError("this comparison drew no parameter sets from a posterior")
    base = source.results[source.base].summary.set_index("replicate")
    other = source.results[name].summary.set_index("replicate")
    other = other.loc[base.index]
    out = pd.DataFrame(index=base.index)
    for col in COST_PARTS:
        out[col] = (other[col] - base[col]) * USD_PER_BUSD
    out["cost_usd"] = out[list(HEALTH_SYSTEM_COSTS)].sum(axis=1)
    for col in GAINS:
        out[col] = other[col] - base[col]
    return out


def icer(inc: pd.DataFrame, seed: int) -> dict[str, float | bool]:
    """Incremental cost per QALY (USD) with a paired bootstrap 95 % interval.

    ``defined`` is False when the QALY gain's 95 % interval includes zero: the ratio and
    its interval are then NaN and the report states the net monetary benefit instead.
    """
    cost, qaly = inc["cost_usd"].to_numpy(), inc["qalys"].to_numpy()
    mean_q, half_q = mean_interval(qaly)
    out: dict[str, float | bool] = {
        "cost_usd": float(np.mean(cost)),
        "qalys": mean_q,
        "qalys_half": half_q,
        "defined": bool(np.isfinite(half_q) and mean_q - half_q > 0),
        "icer": float("nan"),
        "low": float("nan"),
        "high": float("nan"),
    }
    if not out["defined"]:
        return out
    out["icer"] = float(np.mean(cost) / mean_q)
    boot = stats.bootstrap(
        (cost, qaly),
        lambda c, q: np.mean(c) / np.mean(q),
        paired=True,
        vectorized=False,
        n_resamples=BOOTSTRAP_RESAMPLES,
        method="percentile",
        rng=np.random.default_rng(seed),
    )
    out["low"], out["high"] = map(float, boot.confidence_interval)
    return out


def net_benefit(inc: pd.DataFrame, thresholds=THRESHOLDS) -> pd.DataFrame:
    """Mean net monetary benefit (USD) and its 95 % interval at each threshold."""
    rows = []
    for lam in thresholds:
        nmb = lam * inc["qalys"].to_numpy() - inc["cost_usd"].to_numpy()
        mean, half = mean_interval(nmb)
        rows.append(
            {
                "threshold_usd_per_qaly": float(lam),
                "nmb_usd": mean,
                "low": mean - half,
                "high": mean + half,
                "share_positive": float(np.mean(nmb > 0)),
            }
        )
    return pd.DataFrame(rows)


def acceptability(inc: pd.DataFrame, thresholds=CEAC_THRESHOLDS) -> pd.DataFrame:
    """The CEAC: per threshold (USD/QALY), the share of replicates with positive NMB."""
    q, c = inc["qalys"].to_numpy(), inc["cost_usd"].to_numpy()
    share = [(lam * q - c > 0).mean() for lam in thresholds]
    return pd.DataFrame({"threshold_usd_per_qaly": thresholds, "probability": share})


def cost_split(inc: pd.DataFrame) -> pd.DataFrame:
    """Mean extra spend by who pays, per extra approval, patient matched and QALY.

    One row per payer (:data:`COST_PARTS`) plus "all"; columns ``extra_usd`` (mean, with
    ``low``/``high``) and ``per_<gain>`` (NaN where the gain is not clearly above zero:
    a cost per nothing is not a number to quote).
    """
    gains = {}
    for col in GAINS:
        mean, half = mean_interval(inc[col].to_numpy())
        gains[col] = mean if np.isfinite(half) and mean - half > 0 else float("nan")
    rows = []
    parts = {**COST_PARTS, "all": "all"}
    for col, who in parts.items():
        values = (
            inc[list(COST_PARTS)].sum(axis=1).to_numpy() if col == "all" else inc[col].to_numpy()
        )
        mean, half = mean_interval(values)
        row = {"who": who, "extra_usd": mean, "low": mean - half, "high": mean + half}
        row.update({f"per_{g}": mean / gains[g] for g in GAINS})
        rows.append(row)
    return pd.DataFrame(rows)
