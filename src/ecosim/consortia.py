"""Multi-party consortia: data sharing, a trial network, and a public-private partnership.

- The *data-sharing consortium* exists while shared measurement is in place: it runs
  the data platform (:mod:`ecosim.data_platform`) that members contribute to and use.
- The *trial network* exists while mutually reinforcing activities are
  (:mod:`ecosim.conditions.mutually_reinforcing`): member providers open sites to
  members' trials, which share them, widening each trial's reach.
- The *public-private partnership* exists when ``public_funding.budget_musd_per_year >
  0``: a public funder co-funds members' pre-competitive (discovery and preclinical) work.

Organisations consider joining at ``consortia.join_rate`` a quarter, or for sure when the
backbone invites them (a service it buys, :mod:`ecosim.conditions.backbone`); one that
considers it joins with chance intensity x the trust rule's agreement curve of its mean
trust in the members. Every quarter each member works with one other member: each sees
what the other delivered (:mod:`ecosim.contribution`) and updates its trust. A member
leaves when its mean trust in the members it has worked with falls below
``trust.termination_threshold``: with trust too low, consortia do not hold. Every spell
of membership is recorded (join and leave step, reason) for the entity tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ecosim import contribution
from ecosim.data_platform import DataPlatform
from ecosim.reputation import acquaint
from ecosim.rules.trust import pair_experience
from ecosim.sectors import FIRMS, Capability, Sector

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["CONSORTIUM_SECTORS", "Consortia", "Spell"]

CONSORTIUM_SECTORS = {
    "initiative": (*FIRMS, Sector.academia, Sector.payer, Sector.provider, Sector.patient_org),
    "data_sharing": (*FIRMS, Sector.academia, Sector.payer, Sector.provider, Sector.patient_org),
    "trial_network": (*FIRMS, Sector.academia, Sector.provider, Sector.patient_org),
    "public_private": (*FIRMS, Sector.academia),
}
"""Sectors that may join each consortium."""

INITIATIVE_PLATFORMS = ("data_sharing", "trial_network")
"""Consortia only members of the collective-impact initiative join (:mod:`ecosim.initiative`)."""


@dataclass
class Spell:
    """One organisation's membership of one consortium, from joining to leaving.

    ``reason`` is ``member`` while it lasts, then ``low_trust``, ``exit``, ``cost`` (the
    initiative did not pay), ``chosen`` (a person playing it left where its agent would
    have stayed) or ``initiative`` (its member left the initiative).
    """

    organisation: int
    consortium: str
    join: int
    leave: int = -1
    reason: str = "member"


class Consortia:
    """Membership and life of the consortia."""

    def __init__(self, model: EcosystemModel, capacity: int):
        self.model = model
        self.members = {k: np.zeros(capacity, dtype=bool) for k in CONSORTIUM_SECTORS}
        self.joined_this_step = 0
        self.left_this_step = 0
        self.spells: list[Spell] = []
        self._open: dict[tuple[str, int], Spell] = {}
        self.platform = DataPlatform(model)  # what the data-sharing consortium pools

    def grow(self, capacity: int) -> None:
        """Make room for more organisations."""
        for k, arr in self.members.items():
            new = np.zeros(capacity, dtype=bool)
            new[: len(arr)] = arr
            self.members[k] = new

    def intensity(self, kind: str) -> float:
        """Intensity of a consortium kind (0-1)."""
        m = self.model
        if kind == "public_private":  # exists whenever a public funder does
            return 1.0 if m.params.public_funding.budget_musd_per_year > 0 else 0.0
        if kind == "initiative":  # members work together; the initiative decides who is in
            return 1.0 if m.initiative.exists else 0.0
        if kind == "data_sharing":
            return m.conditions.shared_measurement.consortium_level()
        return m.conditions.mutually_reinforcing.consortium_level()

    def join(self, kind: str, ids: np.ndarray) -> None:
        """Organisations ``ids`` join consortium ``kind``."""
        self.members[kind][ids] = True
        for i in ids.tolist():
            spell = Spell(i, kind, self.model.steps)
            self._open[(kind, i)] = spell
            self.spells.append(spell)
        self.joined_this_step += len(ids)

    def leave(self, kind: str, ids: np.ndarray, reason: str) -> None:
        """Members ``ids`` leave consortium ``kind`` for ``reason``.

        Who leaves the initiative leaves its platforms too (reason ``initiative``).
        """
        ids = ids[self.members[kind][ids]]
        self.members[kind][ids] = False
        for i in ids.tolist():
            spell = self._open.pop((kind, i))
            spell.leave, spell.reason = self.model.steps, reason
        if kind == "initiative" and reason != "exit":  # an exit leaves each one itself
            for platform in INITIATIVE_PLATFORMS:
                self.leave(platform, ids, "initiative")

    def leave_all(self, idx: int) -> None:
        """An organisation that exits leaves every consortium."""
        for kind, mem in self.members.items():
            if mem[idx]:
                self._leave(kind, np.array([idx]), "exit")

    def _leave(self, kind: str, ids: np.ndarray, reason: str) -> None:
        """Leave ``kind``; leaving the initiative also clears the member's record there.

        Free-riding and pledges go with membership (:meth:`ecosim.initiative.Initiative.leave`).
        """
        if kind == "initiative":
            self.model.initiative.leave(ids, reason)
        else:
            self.leave(kind, ids, reason)

    def _candidates(self, kind: str) -> np.ndarray:
        """Organisations that may join consortium ``kind`` and are not in it."""
        m = self.model
        n = m.n_orgs
        codes = [m.SECTOR_CODES[s] for s in CONSORTIUM_SECTORS[kind]]
        eligible = m.alive[:n] & np.isin(m.sector_code[:n], codes)
        if kind in INITIATIVE_PLATFORMS:  # the initiative's platforms serve its members
            eligible &= m.initiative.member[:n]
        return np.flatnonzero(eligible & ~self.members[kind][:n])

    def platform_candidates(self) -> int:
        """Members of the initiative not yet in a platform they may join (live ones)."""
        return sum(
            len(self._candidates(kind)) for kind in INITIATIVE_PLATFORMS if self.intensity(kind) > 0
        )

    def _invited(self, cands: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Which candidates the backbone invites this quarter (its invitations, at random)."""
        m = self.model
        pairs = [(kind, i) for kind in INITIATIVE_PLATFORMS if kind in cands for i in cands[kind]]
        count = min(int(m.invitations), len(pairs))
        invited = {kind: np.zeros(len(c), bool) for kind, c in cands.items()}
        if count <= 0:
            return invited
        m.invitations -= count
        for k in m.rng.choice(len(pairs), count, replace=False):
            kind, i = pairs[k]
            invited[kind][np.searchsorted(cands[kind], i)] = True
        return invited

    def convene(self) -> None:
        """Invite, let members work together, and let unhappy members leave.

        Organisations consider joining at ``consortia.join_rate`` a quarter, or for sure
        when the backbone invites them (:mod:`ecosim.conditions.backbone`).
        """
        m = self.model
        if self.intensity("initiative") > 0:  # first: who leaves it leaves its platforms
            self._work_together("initiative")
        cands = {
            kind: self._candidates(kind)
            for kind in CONSORTIUM_SECTORS
            if kind != "initiative" and self.intensity(kind) > 0
        }
        invited = self._invited(cands)
        for kind, cand in cands.items():
            if len(cand):
                ids = np.flatnonzero(self.members[kind][: m.n_orgs])
                mean_trust = (
                    m.trust[np.ix_(cand, ids)].mean(axis=1)
                    if len(ids)
                    else np.full(len(cand), m.params.trust.initial_other)
                )
                agree = np.array([m.trust_rule.agreement_probability(t) for t in mean_trust])
                consider = np.where(invited[kind], 1.0, m.params.consortia.join_rate)
                p = self.intensity(kind) * consider * agree
                self.join(kind, cand[m.rng.random(len(cand)) < p])
            self._work_together(kind)

    def _work_together(self, kind: str) -> None:
        """Each member works with one other member; both see what the other delivered."""
        m = self.model
        tp = m.params.trust
        mem = self.members[kind][: m.n_orgs]
        ids = np.flatnonzero(mem & m.alive[: len(mem)])
        if len(ids) <= 1:
            return
        others = len(ids) - 1
        other = ids[(np.arange(len(ids)) + 1 + m.rng.integers(0, others, len(ids))) % len(ids)]
        effort = contribution.spread(m) * ~m.initiative.free_rider[: m.n_orgs]
        sd = contribution.observation_sd(m, ids, other, contribution.hold_meetings(m, ids, other))
        sees_bad = contribution.falls_short(m, effort[other], sd)
        seen_bad = contribution.falls_short(m, effort[ids], sd)
        obs, seen, bad = pair_experience(
            np.concatenate([ids, other]),
            np.concatenate([other, ids]),
            np.concatenate([sees_bad, seen_bad]),
        )
        m.trust[obs, seen] = m.trust_rule.update(m.trust[obs, seen], ~bad)
        acquaint(m, ids, other)
        known = m.acquainted[np.ix_(ids, ids)]
        np.fill_diagonal(known, False)
        count = known.sum(axis=1)
        mean = np.where(known, m.trust[np.ix_(ids, ids)], 0.0).sum(axis=1) / np.maximum(count, 1)
        leave = ids[(count > 0) & (mean < tp.termination_threshold)]
        self._leave(kind, leave, "low_trust")
        self.left_this_step += len(leave)

    def refresh_data_access(self) -> None:
        """At the start of a quarter: read the data platform, set everyone's data access."""
        m = self.model
        self.platform.refresh()
        m.data_access[: m.n_orgs] = self.platform.data_access(m.caps[: m.n_orgs, Capability.data])

    def trial_reach(self, owners: np.ndarray, recruiting: np.ndarray) -> np.ndarray:
        """Extra site reach of this quarter's trials (every one running, by owner).

        The member trials still recruiting share the sites the network's live member
        providers open; a trial that needs no more patients takes none.

        Args:
            owners: owner of every trial running this quarter (industry and academic).
            recruiting: True for the trials that still need patients.
        """
        m = self.model
        member = self.members["trial_network"][owners] & recruiting
        if not member.any():
            return np.zeros(len(owners))
        providers = m.live_indices(Sector.provider)
        member_providers = int(self.members["trial_network"][providers].sum())
        reach = m.conditions.mutually_reinforcing.network_reach(member_providers, int(member.sum()))
        return member * reach

    def member_count(self, kind: str) -> int:
        """Live members of a consortium."""
        mem = self.members[kind]
        return int((mem[: self.model.n_orgs] & self.model.alive[: self.model.n_orgs]).sum())
