"""Bilateral partnerships: their register and their life.

A partnership joins two organisations (``a`` and ``b``) in one of the kinds below,
usually around one programme. Each quarter it brings progress or friction: friction
comes from differences of culture between sectors, unequal contribution and, under
shared IP without an agreed framework, disputes. Partners update their trust in each
other after every quarter (:func:`ecosim.rules.trust.update`). A partnership ends by
completion (its programme is approved or fails, or a licence term runs out), termination
(trust below ``trust.termination_threshold``, an escalated dispute, or a strategic stop of
its programme) or the exit of a partner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.rules import ip as ip_rules
from ecosim.rules import trust as trust_rules

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["KINDS", "PARTNERSHIP_END", "TERMINATIONS", "Partnerships"]

KINDS = ("licence", "co_development", "academic_collaboration", "outcome_based")
PARTNERSHIP_END = ("active", "completed", "low_trust", "dispute", "exit", "strategic")
TERMINATIONS = ("low_trust", "dispute", "strategic")
"""Endings that count as early termination (the rest are completion or a partner's exit)."""

CULTURE_FRICTION = 0.5
"""Extra relative friction when partners come from different sectors."""

DISPUTE_ESCALATION = 0.3
"""Chance that an IP dispute ends the partnership at once (halved at full continuous
communication)."""

COMMUNICATION_FRICTION_CUT = 0.5
"""Share of friction that continuous communication removes at full intensity."""

LICENCE_TERM_QUARTERS = 16
"""Term of a biomarker licence (no programme attached) and of an outcome-based payment
agreement (quarters)."""


class Partnerships:
    """Column store of all bilateral partnerships in a run."""

    def __init__(self, model: EcosystemModel, capacity: int = 512):
        self.model = model
        self.n = 0
        self._cap = capacity
        self.a = np.zeros(capacity, dtype=np.int64)
        self.b = np.zeros(capacity, dtype=np.int64)
        self.kind = np.zeros(capacity, dtype=np.int64)
        self.programme = np.full(capacity, -1, dtype=np.int64)
        self.start = np.zeros(capacity, dtype=np.int64)
        self.status = np.zeros(capacity, dtype=np.int64)
        self.shared_ip = np.zeros(capacity, dtype=bool)
        self.formed_this_step = 0
        self.ended_this_step = np.zeros(len(PARTNERSHIP_END), dtype=np.int64)

    def _grow(self) -> None:
        for name in ("a", "b", "kind", "programme", "start", "status", "shared_ip"):
            old = getattr(self, name)
            new = np.zeros(self._cap * 2, dtype=old.dtype)
            new[: self._cap] = old
            setattr(self, name, new)
        self._cap *= 2

    def form(self, a: int, b: int, kind: str, programme: int = -1) -> int:
        """Register a new partnership and return its id."""
        if self.n == self._cap:
            self._grow()
        i = self.n
        self.n += 1
        self.a[i], self.b[i] = a, b
        self.kind[i] = KINDS.index(kind)
        self.programme[i] = programme
        self.start[i] = self.model.steps
        self.status[i] = 0
        self.shared_ip[i] = self.model.params.ip.regime == "shared" and kind != "outcome_based"
        self.formed_this_step += 1
        return i

    def active(self) -> np.ndarray:
        """Ids of active partnerships."""
        return np.flatnonzero(self.status[: self.n] == 0)

    def partners_of(self, idx: int) -> np.ndarray:
        """Organisations in an active partnership with ``idx``."""
        act = self.active()
        a, b = self.a[act], self.b[act]
        return np.unique(np.concatenate([b[a == idx], a[b == idx]]))

    def end(self, ids: np.ndarray, reason: str) -> None:
        """End partnerships ``ids`` for ``reason`` (one of ``PARTNERSHIP_END``)."""
        ids = np.asarray(ids, dtype=np.int64)
        ids = ids[self.status[ids] == 0]
        if len(ids) == 0:
            return
        code = PARTNERSHIP_END.index(reason)
        self.status[ids] = code
        self.ended_this_step[code] += len(ids)
        # a co-developer or collaborator that leaves stops working on the programme
        progs = self.programme[ids]
        m = self.model
        for pid, partner in zip(progs, self.b[ids], strict=True):
            if pid >= 0 and m.programmes.partner[pid] == partner:
                m.programmes.partner[pid] = -1

    def end_for_programmes(self, pids: np.ndarray, reason: str = "completed") -> None:
        """Complete the partnerships around programmes that ended or were approved."""
        if len(pids) == 0:
            return
        act = self.active()
        hit = act[np.isin(self.programme[act], pids)]
        self.end(hit, reason)

    def end_for_organisation(self, idx: int) -> None:
        """End every partnership of an organisation that exits."""
        act = self.active()
        self.end(act[(self.a[act] == idx) | (self.b[act] == idx)], "exit")

    def live(self) -> None:
        """One quarter of partnership life: progress or friction, trust, endings."""
        m = self.model
        act = self.active()
        # biomarker licences and outcome-based agreements complete at the end of their term
        termed = (self.programme[act] < 0) | (self.kind[act] == KINDS.index("outcome_based"))
        due = termed & (m.steps - self.start[act] >= LICENCE_TERM_QUARTERS)
        self.end(act[due], "completed")
        act = self.active()
        if len(act) == 0:
            return
        a, b = self.a[act], self.b[act]
        ci, tp = m.params.collective_impact, m.params.trust
        comm = ci.continuous_communication
        culture = np.where(m.sector_code[a] != m.sector_code[b], CULTURE_FRICTION, 0.0)
        unequal = np.abs(m.caps[a].mean(axis=1) - m.caps[b].mean(axis=1))
        p_friction = (
            tp.friction_base * (1.0 - COMMUNICATION_FRICTION_CUT * comm) * (1.0 + culture + unequal)
        )
        p_dispute = ip_rules.dispute_probability(m.params.ip, comm) * self.shared_ip[act]
        u = m.rng.random((2, len(act)))
        dispute = u[0] < p_dispute
        bad = dispute | (u[1] < p_friction)
        pa, pb, pair_bad = trust_rules.pair_experience(a, b, bad)
        m.trust[pa, pb] = trust_rules.update(m.trust[pa, pb], ~pair_bad, tp, comm)
        m.trust[pb, pa] = trust_rules.update(m.trust[pb, pa], ~pair_bad, tp, comm)
        new = np.minimum(m.trust[a, b], m.trust[b, a])
        m.disputes_this_step += int(dispute.sum())
        escalate = dispute & (
            m.rng.random(len(act)) < DISPUTE_ESCALATION * (1 - COMMUNICATION_FRICTION_CUT * comm)
        )
        self.end(act[escalate], "dispute")
        low = ~escalate & (new < tp.termination_threshold)
        self.end(act[low], "low_trust")

    def pair_trust(self, pids: np.ndarray) -> np.ndarray:
        """Mutual trust of the owner and partner of each programme (NaN if none)."""
        m = self.model
        owner, partner = m.programmes.owner[pids], m.programmes.partner[pids]
        has = partner >= 0
        out = np.full(len(pids), np.nan)
        if has.any():
            o, p = owner[has], partner[has]
            out[has] = 0.5 * (m.trust[o, p] + m.trust[p, o])
        return out
