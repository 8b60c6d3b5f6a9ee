"""Multi-party consortia: data sharing, a trial network, and a public-private partnership.

- The *data-sharing consortium* exists when ``collective_impact.shared_measurement > 0``.
  Members pool data: their data access rises towards 1 in proportion to the intensity,
  less any cross-border restriction (``data_sharing_restriction``). Pooled outcome data
  also make outcome-based payment possible.
- The *trial network* exists when ``collective_impact.mutually_reinforcing > 0``: member
  sites recruit for members' trials (division of labour), widening a trial's reach.
- The *public-private partnership* exists when ``public_funding.budget_musd_per_year >
  0``: a public funder co-funds members' pre-competitive (discovery and preclinical) work.

Organisations join by invitation: the chance rises with intensity, with a backbone
organisation convening, and with the candidate's trust in the current members. Members
work together every quarter (progress or friction, updating trust) and leave when their
mean trust in the other members falls below ``trust.termination_threshold``: with trust
too low, consortia do not hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.partnerships import COMMUNICATION_FRICTION_CUT
from ecosim.rules import partnering
from ecosim.rules import trust as trust_rules

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["Consortia"]

JOIN_RATE = 0.15
"""Quarterly chance that an invited organisation considers joining (at intensity 1)."""

POOL_GAIN = 0.8
"""Share of the gap to full data access that pooled data closes at full intensity."""

TRIAL_NETWORK_REACH = 0.6
"""Extra relative site reach of a member's trial at full intensity."""

SECTORS = {
    "data_sharing": ("pharma", "biotech", "academia", "payer", "provider", "patient_org"),
    "trial_network": ("pharma", "biotech", "academia", "provider", "patient_org"),
    "public_private": ("pharma", "biotech", "academia"),
}


class Consortia:
    """Membership and life of the two consortia."""

    def __init__(self, model: EcosystemModel, capacity: int):
        self.model = model
        self.members = {k: np.zeros(capacity, dtype=bool) for k in SECTORS}
        self.joined_this_step = 0
        self.left_this_step = 0

    def grow(self, capacity: int) -> None:
        """Make room for more organisations."""
        for k, arr in self.members.items():
            new = np.zeros(capacity, dtype=bool)
            new[: len(arr)] = arr
            self.members[k] = new

    def intensity(self, kind: str) -> float:
        """Scenario intensity of a consortium kind (0-1)."""
        params = self.model.params
        ci = params.collective_impact
        if kind == "public_private":  # exists whenever a public funder does
            return 1.0 if params.public_funding.budget_musd_per_year > 0 else 0.0
        return ci.shared_measurement if kind == "data_sharing" else ci.mutually_reinforcing

    def convene(self) -> None:
        """Invite, let members work together, and let unhappy members leave.

        A backbone organisation (``collective_impact.backbone``) doubles the invitation
        rate at full intensity.
        """
        m = self.model
        ci = m.params.collective_impact
        n = m.n_orgs
        for kind, sectors in SECTORS.items():
            level = self.intensity(kind)
            mem = self.members[kind][:n]
            if level <= 0:
                continue
            mem &= m.alive[:n]  # members that exited are no longer members
            eligible = m.alive[:n] & np.isin(
                m.sector_code[:n], [m.SECTOR_CODES[s] for s in sectors]
            )
            cand = np.flatnonzero(eligible & ~mem)
            if len(cand):
                ids = np.flatnonzero(mem)
                mean_trust = (
                    m.trust[np.ix_(cand, ids)].mean(axis=1)
                    if len(ids)
                    else np.full(len(cand), m.params.trust.initial_other)
                )
                agree = np.array([partnering.agreement_probability(t) for t in mean_trust])
                p = level * JOIN_RATE * (1.0 + ci.backbone) * agree
                join = cand[m.rng.random(len(cand)) < p]
                mem[join] = True
                self.joined_this_step += len(join)
            self._work_together(mem, ci.continuous_communication)

    def _work_together(self, mem: np.ndarray, comm: float) -> None:
        m = self.model
        tp = m.params.trust
        ids = np.flatnonzero(mem & m.alive[: len(mem)])
        if len(ids) < 2:
            return
        other = ids[
            (np.arange(len(ids)) + 1 + m.rng.integers(0, len(ids) - 1, len(ids))) % len(ids)
        ]
        bad = m.rng.random(len(ids)) < tp.friction_base * (1.0 - COMMUNICATION_FRICTION_CUT * comm)
        pa, pb, pair_bad = trust_rules.pair_experience(ids, other, bad)
        m.trust[pa, pb] = trust_rules.update(m.trust[pa, pb], ~pair_bad, tp, comm)
        m.trust[pb, pa] = trust_rules.update(m.trust[pb, pa], ~pair_bad, tp, comm)
        sub = m.trust[np.ix_(ids, ids)]
        mean = (sub.sum(axis=1) - 1.0) / (len(ids) - 1)
        leave = ids[mean < tp.termination_threshold]
        mem[leave] = False
        self.left_this_step += len(leave)

    def data_access(self, own: np.ndarray) -> np.ndarray:
        """Data access of every organisation given its own data capability."""
        ci = self.model.params.collective_impact
        mem = self.members["data_sharing"][: len(own)]
        gain = ci.shared_measurement * (1.0 - ci.data_sharing_restriction) * POOL_GAIN
        return own + mem * gain * (1.0 - own)

    def trial_reach(self, owners: np.ndarray) -> np.ndarray:
        """Extra site reach of trials run by ``owners`` through the trial network."""
        level = self.intensity("trial_network")
        return self.members["trial_network"][owners] * level * TRIAL_NETWORK_REACH

    def member_count(self, kind: str) -> int:
        """Live members of a consortium."""
        mem = self.members[kind]
        return int((mem[: self.model.n_orgs] & self.model.alive[: self.model.n_orgs]).sum())
