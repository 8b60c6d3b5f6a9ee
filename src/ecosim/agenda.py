"""The common agenda: priorities the members agree, and each member's choice to keep them.

- **Agreeing.** Once a year, after the initiative's review (:mod:`ecosim.initiative`),
  the members agree which subtypes are the priorities. Firms rank subtypes by their
  market (the subtype's share of incident patients); non-profits (academic centres,
  payers, providers, patient organisations) by unmet need (the share divided by one plus
  the therapies any payer covers for it and the programmes in development on it). The
  rankings are aggregated by a Borda count, one ranking per member, so who is in the
  initiative sets the agenda; the top ``common_agenda.agenda_share`` of subtypes are on
  it.
- **Pledge.** A member pledges a share ``intensity`` of its new targets to the agenda:
  while fewer than that share of what it has started since joining was on the agenda, its
  next choice is an agenda choice.
- **Compliance, a choice with a cost.** At an agenda choice the member takes its best
  agenda slot instead of its best slot if the value it forgoes is at most
  ``common_agenda.compliance_tolerance`` of the best slot's value; a firm whose best
  agenda slot is worth nothing then starts nothing (a programme not started). Members
  report on their pledges each year: the members that know one that broke its pledge
  see it, a bad turn in their trust in it (:mod:`ecosim.rules.trust`).
- **Research.** A member centre gives a share ``intensity`` of its biomarker research to
  agenda subtypes' slots that have no public biomarker yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.coverage_status import CoverageStatus

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["Agenda"]


class Agenda:
    """The agreed priorities and every organisation's record against its pledge."""

    def __init__(self, model: EcosystemModel, capacity: int):
        self.model = model
        self.priority = np.zeros(model.params.population.subtypes, dtype=bool)
        self.started = np.zeros(capacity, dtype=np.int64)  # choices since joining
        self.on_agenda = np.zeros(capacity, dtype=np.int64)  # of which on the agenda
        self.broke = np.zeros(capacity, dtype=bool)  # broke its pledge since the last report
        self.broken = 0  # pledges broken this run

    def grow(self, capacity: int) -> None:
        """Make room for more organisations."""
        for name in ("started", "on_agenda", "broke"):
            old = getattr(self, name)
            new = np.zeros(capacity, dtype=old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)

    @property
    def agreed(self) -> bool:
        """Whether the members have agreed an agenda."""
        return bool(self.priority.any())

    # ------------------------------------------------------------------ agreeing
    def agree(self) -> None:
        """Members report on last year's pledges and agree the priorities (Borda count)."""
        m = self.model
        self._report()
        rows = np.flatnonzero(m.initiative.members())
        if not m.conditions.common_agenda.present() or len(rows) == 0:
            self.priority[:] = False
            return
        share = m.patients.subtype_share()
        firms = int(m.is_firm[rows].sum())
        points = firms * _borda(share) + (len(rows) - firms) * _borda(self._need(share))
        order = np.argsort(-points, kind="stable")
        size = int(np.ceil(m.params.collective_impact.common_agenda.agenda_share * len(share)))
        self.priority[:] = False
        self.priority[order[:size]] = True

    def _need(self, share: np.ndarray) -> np.ndarray:
        """Unmet need by subtype: its patients per therapy covered or on the way.

        The subtype's patient share over one plus the therapies any payer covers for it
        plus the programmes in development on it: a large subtype that many firms work
        on is served; a smaller one nobody works on is not.
        """
        m = self.model
        mk = m.market
        k = m.params.science.targets_per_subtype
        p = m.programmes
        served = (p.early + p.clinical).reshape(-1, k).sum(axis=1).astype(float)
        if mk.n:
            anywhere = (mk.status == CoverageStatus.covered).any(axis=1) & mk.on_market()
            np.add.at(served, mk.columns["subtype"], anywhere.astype(float))
        return share / (1.0 + served)

    def leave(self, rows: np.ndarray) -> None:
        """Members who leave take their record with them (a pledge starts on joining)."""
        self.started[rows] = 0
        self.on_agenda[rows] = 0
        self.broke[rows] = False

    # ------------------------------------------------------------------ keeping it
    def due(self, org: int) -> bool:
        """Whether ``org``'s next choice is an agenda choice (a member behind its pledge)."""
        m = self.model
        if not self.agreed or not m.initiative.member[org]:
            return False
        level = m.conditions.common_agenda.pledge()
        return bool(self.on_agenda[org] < level * (self.started[org] + 1))

    def steer(self, org: int, noisy: np.ndarray, worth: np.ndarray) -> int:
        """The slot ``org`` chooses, given its noisy scores and values by slot.

        Off an agenda choice, its best slot. At one, its best agenda slot if complying
        forgoes at most the tolerated share of the best slot's value; otherwise it breaks
        its pledge, which the members it knows see.
        """
        best = int(np.argmax(noisy))
        if not self.due(org):
            return best
        k = self.model.params.science.targets_per_subtype
        on = np.repeat(self.priority, k)
        if on[best]:
            return best
        agenda_best = int(np.flatnonzero(on)[np.argmax(noisy[on])])
        tolerance = self.model.params.collective_impact.common_agenda.compliance_tolerance
        if worth[best] - worth[agenda_best] <= tolerance * max(float(worth[best]), 0.0):
            return agenda_best
        self.broke[org] = True
        self.broken += 1
        return best

    def record(self, org: int, subtype: int) -> None:
        """``org`` started work on ``subtype``: count it against its pledge."""
        if self.agreed and self.model.initiative.member[org]:
            self.started[org] += 1
            self.on_agenda[org] += int(self.priority[subtype])

    def _report(self) -> None:
        """Each year members report their pledges: who broke one is seen by who knows it.

        Every member that has worked with a member that broke its pledge since the last
        report has one bad turn in its trust in it (:mod:`ecosim.rules.trust`).
        """
        m = self.model
        n = m.n_orgs
        members = m.initiative.members()
        for org in np.flatnonzero(self.broke[:n] & members).tolist():
            seen_by = np.flatnonzero(members & m.acquainted[:n, org])
            seen_by = seen_by[seen_by != org]
            bad = np.zeros(len(seen_by), dtype=bool)
            m.trust[seen_by, org] = m.trust_rule.update(m.trust[seen_by, org], bad)
        self.broke[:] = False

    def research_weights(self, pull: np.ndarray, public: np.ndarray, centre: int) -> np.ndarray:
        """Weights of each slot for a centre's next biomarker discovery (unnormalised).

        Research follows the market (``pull``) except the pledged share of a member
        centre's, which goes to agenda subtypes' slots without a public biomarker.
        """
        m = self.model
        if not self.agreed or not m.initiative.member[centre]:
            return pull
        k = m.params.science.targets_per_subtype
        weight = m.params.collective_impact.common_agenda.public_slot_weight
        unmet = np.repeat(self.priority, k) * ((~public).astype(float) + weight)
        level = m.conditions.common_agenda.pledge()
        return (1 - level) * pull / pull.sum() + level * unmet / unmet.sum()


def _borda(value: np.ndarray) -> np.ndarray:
    """Borda points of each item ranked by ``value`` (highest first): n - 1 down to 0."""
    ranks = np.empty(len(value), dtype=np.int64)
    ranks[np.argsort(-value, kind="stable")] = np.arange(len(value))
    return (len(value) - 1 - ranks).astype(float)
