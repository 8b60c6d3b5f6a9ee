"""Regulatory decisions: the review queue, priority review and early engagement.

Agencies (:class:`ecosim.agents.Regulator`) add review and advice slots every quarter,
their capacities per year over four; unused slots carry over up to one slot plus a
quarter's capacity, so a capacity of less than four a year still serves a submission
now and then. Both capacities can bind: submissions wait in a queue, and programmes
entering phase III that do not get an advice slot go without early engagement.

*Priority*: a programme qualifies for priority when it addresses an unmet need (no
therapy on the market for its subtype) or is biomarker-selected (a validated biomarker
that makes the benefit likely large), as the FDA's criterion of a significant
improvement in a serious condition. Priority programmes come first in both queues, then
by arrival; a priority review lasts ``regulation.priority_review_ratio`` of a standard
one (FDA goals: 6 against 10 months of review, each after 60 days of filing).

*Early engagement* (intensive advice on the design of phase III, as breakthrough
designation gives) is the agency's decision with its capacity
(``regulation.advice_slots_per_year`` per agency); a backbone organisation adds the
meetings it prepares and convenes (regulatory liaison it buys,
:mod:`ecosim.conditions.backbone`), for the programmes of the initiative's members only:
members' programmes take the liaison slots first, and whoever is left competes for the
agency's own. An engaged programme's
phase III is shorter by ``pipeline.early_engagement_time_cut`` (Miller, Stern et al. 2023).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.pipeline import Phase
from ecosim.units import QUARTERS_PER_YEAR

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["admit_to_review", "engage", "priority", "quarterly_capacity", "take_review_slots"]


def quarterly_capacity(m: EcosystemModel) -> tuple[float, float]:
    """Review and advice slots all agencies add per quarter."""
    reg = m.params.regulation
    agencies = m.params.population.regulators
    review = agencies * reg.review_capacity_per_year
    advice = agencies * reg.advice_slots_per_year
    return review / QUARTERS_PER_YEAR, advice / QUARTERS_PER_YEAR


def priority(m: EcosystemModel, ids: np.ndarray) -> np.ndarray:
    """Whether programmes ``ids`` qualify for priority (unmet need or a biomarker)."""
    p = m.programmes
    mk = m.market
    served = np.zeros(m.params.population.subtypes, dtype=bool)
    if mk.n:
        served[mk.columns["subtype"][mk.on_market()]] = True
    return p.precision[ids] | ~served[p.subtype[ids]]


def _order(m: EcosystemModel, ids: np.ndarray) -> np.ndarray:
    """``ids`` in the agency's order: priority first, then by arrival, then by id."""
    p = m.programmes
    first = ~priority(m, ids)  # False (priority) sorts first
    return ids[np.lexsort((ids, p.phase_step[ids], first))]


def admit_to_review(m: EcosystemModel, run: np.ndarray) -> np.ndarray:
    """Admit queued submissions while review slots last; priority reviews are shorter.

    Returns the programmes that run this quarter (queued submissions do not).
    """
    p = m.programmes
    queued = run[(p.phase[run] == Phase.REVIEW) & (p.enrolled[run] < 1)]
    admit = _order(m, queued)[: max(0, int(m.review_slots))]
    p.enrolled[admit] = 1.0
    fast = admit[priority(m, admit)]
    p.planned[fast] = np.maximum(1.0, p.planned[fast] * m.params.regulation.priority_review_ratio)
    p.priority_review[fast] = True
    m.review_slots = min(m.review_slots - len(admit), 1.0 + m.review_capacity_quarter)
    m.review_queue = len(queued) - len(admit)
    return run[(p.phase[run] != Phase.REVIEW) | (p.enrolled[run] >= 1)]


def take_review_slots(m: EcosystemModel, ids: np.ndarray) -> np.ndarray:
    """Reviews of ``ids`` that start now (in the agency's order, while slots last)."""
    granted = _order(m, ids)[: max(0, int(m.review_slots))]
    m.review_slots -= len(granted)
    return granted


def engage(m: EcosystemModel, ids: np.ndarray) -> None:
    """Programmes entering phase III ask for early engagement; slots go by priority."""
    p = m.programmes
    order = _order(m, ids)
    members = order[m.initiative.member[p.owner[order]]]
    liaison = members[: max(0, int(m.liaison_slots))]
    liaison_capacity = m.initiative.services.liaison / QUARTERS_PER_YEAR
    m.liaison_slots = min(m.liaison_slots - len(liaison), 1.0 + liaison_capacity)
    rest = order[~np.isin(order, liaison)]
    granted = rest[: max(0, int(m.advice_slots))]
    m.advice_slots = min(m.advice_slots - len(granted), 1.0 + m.advice_capacity_quarter)
    granted = np.concatenate([liaison, granted])
    p.early_engagement[ids] = False
    p.early_engagement[granted] = True
    p.planned[granted] *= 1.0 - m.params.pipeline.early_engagement_time_cut
