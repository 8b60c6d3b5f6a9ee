"""Accelerated approval: marketed on phase II evidence while phase III confirms it.

A programme entering phase III qualifies when the scenario allows it
(``regulation.accelerated_approval``), it is biomarker-selected, its subtype is small
(biomarker-positive new patients a year in the country at most
``regulation.accelerated_max_patients``: a randomised trial is hard to run) and its
single-arm phase II evidence clears the agency's bar (biomarker strength at least
``regulation.accelerated_min_strength``). The agency reviews the phase II evidence
with the review slots queued submissions left this quarter (in its usual order,
:mod:`ecosim.regulation`; a programme asks once, at phase III entry); the therapy is
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

from ecosim import regulation, world_sales
from ecosim.pipeline import Phase
from ecosim.units import QUARTERS_PER_YEAR

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["eligible", "grant", "launch_due", "share_sales", "withdraw"]


def eligible(m: EcosystemModel, ids: np.ndarray) -> np.ndarray:
    """Whether programmes ``ids`` (programme ids) may seek accelerated approval."""
    reg = m.params.regulation
    p = m.programmes
    if not reg.accelerated_approval:
        return np.zeros(len(ids), dtype=bool)
    positives = world_sales.addressable(m, True) * QUARTERS_PER_YEAR
    small = positives[p.subtype[ids]] <= reg.accelerated_max_patients
    return p.precision[ids] & small & (p.strength[ids] >= reg.accelerated_min_strength)


def grant(m: EcosystemModel, ids: np.ndarray) -> None:
    """Programmes ``ids`` enter phase III: eligible ones ask for accelerated approval.

    The agency reviews their phase II evidence with the review slots left this quarter
    (after the queued submissions; a programme asks once, at phase III entry); those
    granted are marketed after a priority review (``accelerated_step``, a quarter).
    """
    ids = np.asarray(ids, dtype=np.int64)
    asking = ids[eligible(m, ids)]
    if len(asking) == 0:
        return
    granted = regulation.take_review_slots(m, asking)
    p = m.programmes
    review = m.phase_tables["duration"][Phase.REVIEW] * m.params.regulation.priority_review_ratio
    p.accelerated_step[granted] = m.steps + max(1, round(float(review)))


def launch_due(m: EcosystemModel) -> None:
    """Therapies whose accelerated review ends now reach the market."""
    p = m.programmes
    act = p.active_ids()
    due = act[p.accelerated_step[act] == m.steps]
    for pid in due.tolist():
        m.market.add(pid)
        share_sales(m, pid)
        m.tally["accelerated_approvals"] += 1


def share_sales(m: EcosystemModel, pid: int) -> None:
    """A firm co-developing programme ``pid`` when it reaches the market co-owns its sales."""
    p = m.programmes
    partner = p.partner[pid]
    if partner >= 0 and m.is_firm[partner]:
        p.co_owner[pid] = partner


def withdraw(m: EcosystemModel, ids: np.ndarray) -> None:
    """Programmes ``ids`` end before full approval: withdraw the accelerated ones' approval.

    One granted but not yet launched simply never reaches the market.
    """
    p = m.programmes
    for pid in ids[p.accelerated_step[ids] >= 0].tolist():
        if pid in m.market:
            m.market.revoke(int(pid))
            m.tally["accelerated_withdrawn"] += 1
