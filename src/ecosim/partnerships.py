"""Bilateral partnerships: their register and their life.

A partnership joins two organisations (``a`` and ``b``) in one of the kinds below,
usually around one programme. Each quarter each side delivers a share of what it agreed
and the other side sees it with noise (:mod:`ecosim.contribution`); where the IP regime
makes partners own results jointly without a framework, disputes arise too. Each side
updates its trust in the other on what it saw (the trust rule, :mod:`ecosim.rules.trust`).
A partnership ends by completion (its programme is approved or fails, or a fixed term
runs out), termination (trust below
``trust.termination_threshold``, an escalated dispute, or a strategic stop of its
programme) or the exit of a partner.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

import numpy as np

from ecosim import contribution
from ecosim.columns import ColumnStore
from ecosim.reputation import acquaint
from ecosim.rules.trust import pair_experience
from ecosim.units import HALF, QUARTERS_PER_YEAR

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["KINDS", "PARTNERSHIP_END", "TERMINATIONS", "PartnershipEnd", "Partnerships"]

KINDS = ("licence", "co_development", "academic_collaboration", "outcome_based")
"""Kinds of bilateral partnership (index stored in ``Partnerships.kind``)."""


class PartnershipEnd(IntEnum):
    """State of a partnership: active, or why it ended (``Partnerships.status``)."""

    active = 0
    completed = 1
    low_trust = 2
    dispute = 3
    exit = 4
    strategic = 5


PARTNERSHIP_END = tuple(e.name for e in PartnershipEnd)
TERMINATIONS = (PartnershipEnd.low_trust, PartnershipEnd.dispute, PartnershipEnd.strategic)
"""Endings that count as early termination (the rest are completion or a partner's exit)."""


class Partnerships(ColumnStore):
    """Column store of all bilateral partnerships in a run."""

    COLUMNS = {
        "a": (np.int64, 0, 0),
        "b": (np.int64, 0, 0),
        "kind": (np.int64, 0, 0),
        "programme": (np.int64, -1, 0),
        "start": (np.int64, 0, 0),
        "end_step": (np.int64, -1, 0),
        "status": (np.int64, PartnershipEnd.active, 0),
        "shared_ip": (bool, False, 0),
    }

    def __init__(self, model: EcosystemModel):
        super().__init__()
        self.model = model
        self.formed_this_step = 0
        self.ended_this_step = np.zeros(len(PartnershipEnd), dtype=np.int64)

    def form(self, a: int, b: int, kind: str, programme: int = -1) -> int:
        """Register a new partnership and return its id."""
        i = self._new_row()
        self.a[i], self.b[i] = a, b
        self.kind[i] = KINDS.index(kind)
        self.programme[i] = programme
        self.start[i] = self.model.steps
        self.status[i] = PartnershipEnd.active
        self.shared_ip[i] = self.model.ip.shared_ownership(kind)
        acquaint(self.model, a, b)
        self.formed_this_step += 1
        return i

    def active(self) -> np.ndarray:
        """Ids of active partnerships."""
        return np.flatnonzero(self.status[: self.n] == PartnershipEnd.active)

    def protected(self, ids: np.ndarray) -> np.ndarray:
        """Whether the IP terms keep what a firm brings to partnerships ``ids`` its own."""
        by_kind = np.array([self.model.ip.protects(k) for k in KINDS])
        return by_kind[self.kind[ids]]

    def partners_of(self, idx: int) -> np.ndarray:
        """Organisations in an active partnership with ``idx``."""
        act = self.active()
        a, b = self.a[act], self.b[act]
        return np.unique(np.concatenate([b[a == idx], a[b == idx]]))

    def end(self, ids: np.ndarray, reason: PartnershipEnd) -> None:
        """End partnerships ``ids`` for ``reason``."""
        ids = np.asarray(ids, dtype=np.int64)
        ids = ids[self.status[ids] == PartnershipEnd.active]
        if len(ids) == 0:
            return
        self.status[ids] = reason
        self.end_step[ids] = self.model.steps
        self.ended_this_step[reason] += len(ids)
        # a co-developer or collaborator that leaves stops working on the programme
        progs = self.programme[ids]
        m = self.model
        for pid, partner in zip(progs, self.b[ids], strict=True):
            if pid >= 0 and m.programmes.partner[pid] == partner:
                m.programmes.partner[pid] = -1

    def end_for_programmes(
        self,
        pids: np.ndarray,
        reason: PartnershipEnd = PartnershipEnd.completed,
        keep: tuple[str, ...] = (),
    ) -> None:
        """End the partnerships around programmes that ended or were approved.

        Partnerships of the kinds in ``keep`` go on (an outcome-based agreement on a
        therapy marketed under accelerated approval outlives its full approval).
        """
        if len(pids) == 0:
            return
        act = self.active()
        progs = self.programme[act]
        ending = np.zeros(self.model.programmes.n, dtype=bool)
        ending[pids] = True
        kept = np.isin(self.kind[act], [KINDS.index(k) for k in keep])
        hit = act[(progs >= 0) & ending[progs] & ~kept]
        self.end(hit, reason)

    def end_for_organisation(self, idx: int) -> None:
        """End every partnership of an organisation that exits."""
        act = self.active()
        self.end(act[(self.a[act] == idx) | (self.b[act] == idx)], PartnershipEnd.exit)

    def live(self) -> None:
        """One quarter of partnership life: progress or friction, trust, endings."""
        m = self.model
        act = self.active()
        # biomarker licences and outcome-based agreements complete at the end of their term
        term = round(m.params.partnerships.licence_term_years * QUARTERS_PER_YEAR)
        termed = (self.programme[act] < 0) | (self.kind[act] == KINDS.index("outcome_based"))
        due = termed & (m.steps - self.start[act] >= term)
        self.end(act[due], PartnershipEnd.completed)
        act = self.active()
        if len(act) == 0:
            return
        self._experience(act)

    def _experience(self, act: np.ndarray) -> None:
        """Each side sees what the other delivered; trust moves; disputes; endings."""
        m = self.model
        a, b = self.a[act], self.b[act]
        tp = m.params.trust
        share_a, share_b = contribution.delivered(m, a, b, self.programme[act], self.protected(act))
        looks = contribution.hold_meetings(m, a, b)
        sd = contribution.observation_sd(m, a, b, looks)
        p_dispute = m.ip.dispute_probability() * self.shared_ip[act]
        dispute = m.rng.random(len(act)) < p_dispute
        a_sees_bad = dispute | contribution.falls_short(m, share_b, sd)
        b_sees_bad = dispute | contribution.falls_short(m, share_a, sd)
        obs, seen, bad = pair_experience(
            np.concatenate([a, b]), np.concatenate([b, a]), np.concatenate([a_sees_bad, b_sees_bad])
        )
        m.trust[obs, seen] = m.trust_rule.update(m.trust[obs, seen], ~bad)
        new = np.minimum(m.trust[a, b], m.trust[b, a])
        m.disputes_this_step += int(dispute.sum())
        escalate = dispute & (m.rng.random(len(act)) < m.ip.escalation_probability())
        self.end(act[escalate], PartnershipEnd.dispute)
        low = ~escalate & (new < tp.termination_threshold)
        self.end(act[low], PartnershipEnd.low_trust)

    def pair_trust(self, pids: np.ndarray) -> np.ndarray:
        """Mutual trust of the owner and partner of each programme (NaN if none)."""
        m = self.model
        owner, partner = m.programmes.owner[pids], m.programmes.partner[pids]
        has = partner >= 0
        out = np.full(len(pids), np.nan)
        if has.any():
            o, q = owner[has], partner[has]
            out[has] = HALF * (m.trust[o, q] + m.trust[q, o])
        return out
