"""Accelerated approval: marketed on phase II evidence while phase III confirms it.

A programme entering phase III qualifies when the scenario allows it
(``regulation.accelerated_approval``), it is biomarker-selected, its subtype is small
(biomarker-positive new patients a year in the country at most
``regulation.accelerated_max_patients``: a randomised trial is hard to run) and its
single-arm phase II evidence clears the agency's bar (biomarker strength at least
``regulation.accelerated_min_strength``). The agency reviews the phase II evidence
when it has a review slot (in its usual order, :mod:`ecosim.regulation`); the therapy is
marketed a priority review later, while the phase III runs as the confirmatory trial at
its usual cost. When the phase III succeeds, the programme goes through its full review
and is approved as usual (the therapy stays on the market); if the programme ends before
that (the confirmatory trial fails, closes for poor accrual, or is stopped), the
approval is withdrawn: the therapy leaves the market and the payers' cover ends.
Firms' valuations do not anticipate the route (a known simplification).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim import regulation
from ecosim.pipeline import Phase
from ecosim.units import QUARTERS_PER_YEAR

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["eligible", "grant", "launch_due", "withdraw"]


def eligible(m: EcosystemModel, ids: np.ndarray) -> np.ndarray:
    """Whether programmes ``ids`` may seek accelerated approval."""
    reg = m.params.regulation
    p = m.programmes
    if not reg.accelerated_approval:
        return np.zeros(len(ids), dtype=bool)
    pat = m.patients
    positives = pat.incidence.sum(axis=0) * QUARTERS_PER_YEAR * pat.prevalence
    small = positives[p.subtype[ids]] <= reg.accelerated_max_patients
    return p.precision[ids] & small & (p.strength[ids] >= reg.accelerated_min_strength)


def grant(m: EcosystemModel, ids: np.ndarray) -> None:
    """Programmes ``ids`` enter phase III: eligible ones ask for accelerated approval.

    The agency reviews their phase II evidence while it has review slots; those granted
    are marketed after a priority review.
    """
    ids = np.asarray(ids, dtype=np.int64)
    asking = ids[eligible(m, ids)]
    if len(asking) == 0:
        return
    granted = regulation.take_review_slots(m, asking)
    p = m.programmes
    review = m.phase_tables["duration"][Phase.REVIEW] * m.params.regulation.priority_review_ratio
    p.accelerated[granted] = True
    p.accelerated_step[granted] = m.steps + max(1, round(float(review)))


def launch_due(m: EcosystemModel) -> None:
    """Therapies whose accelerated review ends now reach the market."""
    p = m.programmes
    act = p.active_ids()
    due = act[p.accelerated[act] & (p.accelerated_step[act] == m.steps)]
    for pid in due.tolist():
        m.market.add(int(pid))
        m.tally["accelerated_approvals"] += 1


def withdraw(m: EcosystemModel, ids: np.ndarray) -> None:
    """Programmes ``ids`` end before full approval: withdraw the accelerated ones' approval."""
    p = m.programmes
    marketed = ids[p.accelerated[ids] & (p.accelerated_step[ids] >= 0)]
    for pid in marketed.tolist():
        if p.accelerated_step[pid] <= m.steps:
            m.market.revoke(int(pid))
            m.tally["accelerated_withdrawn"] += 1
