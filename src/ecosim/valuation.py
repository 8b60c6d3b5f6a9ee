"""What a programme costs its owner now, and what it is worth to the owner.

These are the firm's own estimates, used for funding decisions, runway and deal value;
they do not move money (:mod:`ecosim.development` charges the actual cost).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.pipeline import Phase
from ecosim.units import QUARTERS_PER_YEAR, USD_PER_MUSD

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["expected_value", "quarterly_burn", "quarterly_cost"]

_REVIEW = int(Phase.REVIEW)


def quarterly_cost(m: EcosystemModel, ids: np.ndarray) -> np.ndarray:
    """Cost of each programme to its owner this quarter (million USD).

    Nothing while pausing or queued for review; the owner's share when a firm
    co-develops it.
    """
    p = m.programmes
    phase = p.phase[ids]
    cost = p.phase_cost[ids] / m.phase_tables["duration"][np.minimum(phase, _REVIEW)]
    running = (p.gap[ids] <= 0) & ((phase != _REVIEW) | (p.enrolled[ids] >= 1))
    partner = p.partner[ids]
    co_dev = (partner >= 0) & m.is_firm[partner]  # partner -1 is masked by the first test
    share = 1.0 - m.params.partnering.co_development_share * co_dev
    return cost * share * running


def quarterly_burn(m: EcosystemModel, ids: np.ndarray) -> float:
    """The sum of :func:`quarterly_cost` over ``ids``, added in order (million USD).

    A biotech holds a few programmes and asks every quarter: a plain loop is several times
    faster than array operations on so few elements.
    """
    p = m.programmes
    durations = m.phase_tables["duration"]
    share = m.params.partnering.co_development_share
    total = 0.0
    for pid in ids.tolist():
        phase = int(p.phase[pid])
        if p.gap[pid] > 0 or (phase == _REVIEW and p.enrolled[pid] < 1):
            continue  # pausing or queued: costs nothing this quarter (adds 0.0)
        cost = float(p.phase_cost[pid]) / float(durations[min(phase, _REVIEW)])
        partner = int(p.partner[pid])
        total += cost * (1.0 - share) if partner >= 0 and m.is_firm[partner] else cost
    return total


def expected_value(m: EcosystemModel, ids: np.ndarray) -> np.ndarray:
    """Risk-adjusted value of programmes to their owner (million USD).

    P(approval from the current phase, base rates) x sales - base cost of the current and
    later phases; sales = yearly incidence x (prevalence if precision, else the
    indication share) x list price x ``firms.valuation_sales_years`` x appropriability.
    """
    p = m.programmes
    tab = m.phase_tables
    ph = np.minimum(p.phase[ids], Phase.REVIEW)
    rev_prob = np.cumprod(tab["success"][::-1])[::-1]  # P(approval | start of phase)
    remaining = np.cumsum(tab["cost"][::-1])[::-1]
    inc = m.patients.incidence.sum(axis=0)[p.subtype[ids]] * QUARTERS_PER_YEAR
    share = np.where(
        p.precision[ids],
        m.patients.prevalence[p.subtype[ids]],
        m.params.patients.indication_share,
    )
    price = m.params.reimbursement.price_usd_per_patient
    years = m.params.firms.valuation_sales_years
    sales = inc * share * price * years / USD_PER_MUSD * m.ip.appropriability()
    return rev_prob[ph] * sales - remaining[ph]
