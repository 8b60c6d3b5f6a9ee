"""The collective-impact initiative: who is in it, what membership costs, who stays.

Collective impact is an initiative with a boundary. It exists while any of the five
conditions is in place (:mod:`ecosim.conditions`). Pharma, biotech, academic centres,
payers, providers and patient organisations may be members; every condition acts on
members and on how members deal with each other, and leaves non-members untouched.

- **Founding**: at the start a share ``initiative.founding_share`` of the eligible
  organisations, drawn at random, founds it.
- **Cost**: every quarter a member pays its fee (``initiative.fee_firm_musd_per_year`` or
  ``fee_nonprofit_musd_per_year``) and, unless it free-rides, its effort
  (``initiative.effort_musd_per_year``: staff time for committees and meetings) and the
  curation of the data it contributes to the data platform (:mod:`ecosim.data_platform`).
  All leave the member's cash; the fees go to the initiative's account, the rest is
  spent.
- **Yearly review**: each eligible live organisation decides to join, stay, free-ride or
  leave. A firm weighs what membership adds to the value of its own programmes (the data
  access the data platform gives it, through the development model's effect of data on
  success, and the backbone's regulatory liaison, through a shorter phase III; valued by
  its own rNPV: :mod:`ecosim.valuation`) against ``commitment_years`` of fee and effort;
  it free-rides (pays the fee, gives no effort) when the gain covers the fee but not the
  effort. The effort it weighs includes its data curation and the meetings it expects
  to sit in (a free-rider sits in none). A non-profit joins for its mission when fee and
  effort fit ``initiative.nonprofit_budget_musd_per_year``, free-rides when only the fee
  does. A newcomer also needs the trust rule's agreement with the members it knows. A
  member leaves when membership no longer pays (``cost``), or, in any quarter, when its mean trust
  in the members it has worked with falls below ``trust.termination_threshold``
  (``low_trust``, :mod:`ecosim.consortia`).

Members work together every quarter (working groups: :mod:`ecosim.consortia`); a
free-rider gives its fellow members nothing there, which they see, so trust in it falls.
Every spell of membership is recorded (``memberships`` table, consortium ``initiative``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy.special import expit, logit

from ecosim.agenda import Agenda
from ecosim.conditions.backbone import Services
from ecosim.consortia import CONSORTIUM_SECTORS, INITIATIVE_PLATFORMS
from ecosim.membership_choices import membership_views, people_choose
from ecosim.perspectives import discount, discount_rate
from ecosim.pipeline import Phase
from ecosim.sectors import Capability, Sector
from ecosim.units import QUARTERS_PER_YEAR
from ecosim.valuation import candidates, value

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["ELIGIBLE", "Initiative"]

ELIGIBLE = CONSORTIUM_SECTORS["initiative"]
"""Sectors that may join the initiative."""

_DATA_PHASES = (Phase.DISCOVERY, Phase.PRECLINICAL, Phase.PHASE2)
"""Phases whose success depends on data access (:mod:`ecosim.development`)."""


class Initiative:
    """Membership of the collective-impact initiative, its costs and its reviews.

    Membership is the ``initiative`` consortium of :class:`ecosim.consortia.Consortia`
    (its spells, its members' joint work); this class decides who is in it.
    """

    def __init__(self, model: EcosystemModel, capacity: int):
        self.model = model
        self.exists = any(c.present() for c in model.conditions.all)
        self.free_rider = np.zeros(capacity, dtype=bool)
        self.services = Services()  # what the backbone buys this year (ecosim.agents.Backbone)
        self.agenda = Agenda(model, capacity)  # the common agenda the members agree

    def grow(self, capacity: int) -> None:
        """Make room for more organisations."""
        new = np.zeros(capacity, dtype=bool)
        new[: len(self.free_rider)] = self.free_rider
        self.free_rider = new
        self.agenda.grow(capacity)

    # ------------------------------------------------------------------ who
    @property
    def member(self) -> np.ndarray:
        """Membership flag by organisation row (live or not)."""
        return self.model.consortia.members["initiative"]

    def members(self) -> np.ndarray:
        """Live members, as a mask over the organisations' rows."""
        m = self.model
        return self.member[: m.n_orgs] & m.alive[: m.n_orgs]

    def take_part(self, rows: np.ndarray) -> np.ndarray:
        """Whether organisations ``rows`` are members that give the initiative staff time.

        A free-rider pays its fee only: it sits in no meeting (:mod:`ecosim.contribution`).
        """
        return self.member[rows] & ~self.free_rider[rows]

    def fees_per_year(self) -> float:
        """What the live members' fees add up to in a year (million USD)."""
        rows = np.flatnonzero(self.members())
        return float(self._costs(rows)[0].sum()) if self.exists else 0.0

    def _eligible(self) -> np.ndarray:
        return self.model.live_indices(*ELIGIBLE)

    def _join(self, ids: np.ndarray) -> None:
        self.model.consortia.join("initiative", ids)

    def leave(self, ids: np.ndarray, reason: str) -> None:
        """Members ``ids`` leave for ``reason``; they leave the initiative's platforms too."""
        self.free_rider[ids] = False
        self.agenda.leave(ids)
        self.model.consortia.leave("initiative", ids, reason)

    # ------------------------------------------------------------------ when
    def found(self) -> None:
        """The founders join at the start."""
        if not self.exists:
            return
        cand = self._eligible()
        self._join(
            cand[self.model.rng.random(len(cand)) < self.model.params.initiative.founding_share]
        )

    def quarter(self) -> None:
        """Members pay this quarter's fees and effort; once a year everyone reviews."""
        if not self.exists:
            return
        m = self.model
        if m.steps % QUARTERS_PER_YEAR == 1:
            self._review()
            for idx in m.live_indices(Sector.backbone):  # it plans for the members as they are
                m.org(int(idx)).plan()
        rows = np.flatnonzero(self.members())
        if len(rows) == 0:
            return
        fee, effort = self._costs(rows)
        effort = np.where(self.free_rider[rows], 0.0, effort)
        m.pay_costs(rows, "initiative_fees", fee / QUARTERS_PER_YEAR)
        m.pay_costs(rows, "initiative_effort", effort / QUARTERS_PER_YEAR)
        m.record_spend("initiative", float((fee + effort).sum()) / QUARTERS_PER_YEAR)
        m.consortia.platform.pay()  # contributors curate and share their data

    # ------------------------------------------------------------------ why
    def _costs(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Yearly fee and effort of organisations ``rows`` (million USD)."""
        m, ip = self.model, self.model.params.initiative
        fee = np.where(m.is_firm[rows], ip.fee_firm_musd_per_year, ip.fee_nonprofit_musd_per_year)
        return fee, np.full(len(rows), ip.effort_musd_per_year)

    def _review_costs(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Yearly fee and full effort as a newcomer or member weighs them (million USD).

        The effort includes curating and sharing its data with the platform, if there is
        one (:mod:`ecosim.data_platform`), and the meetings it expects to sit in
        (:meth:`_meeting_costs`); a free-rider saves all three.
        """
        fee, effort = self._costs(rows)
        extra = self.model.consortia.platform.yearly_cost(rows) + self._meeting_costs(rows)
        return fee, effort + extra

    def _meeting_costs(self, rows: np.ndarray) -> np.ndarray:
        """What organisations ``rows`` expect the initiative's meetings to cost them a year.

        Each working group it would sit in (the initiative's, and each platform its sector
        may join) pairs it with about two members a quarter (the one it works with and the
        one that works with it), and each of its active partnerships with a member that
        takes part is one more pair; every pair meets ``meetings_per_quarter`` x intensity
        times a quarter at ``meeting_cost_musd`` a side (million USD a year).
        """
        m = self.model
        talk = m.conditions.continuous_communication
        per_pair = talk.meetings_per_pair() * talk.params.meeting_cost_musd
        if per_pair <= 0:
            return np.zeros(len(rows))
        groups = np.ones(len(rows))
        for kind in INITIATIVE_PLATFORMS:
            if m.consortia.intensity(kind) > 0:
                codes = [m.SECTOR_CODES[s] for s in CONSORTIUM_SECTORS[kind]]
                groups += np.isin(m.sector_code[rows], codes)
        ps = m.partnerships
        act = ps.active()
        a, b = ps.a[act], ps.b[act]
        with_member = np.zeros(m.n_orgs)
        np.add.at(with_member, a, self.take_part(b))
        np.add.at(with_member, b, self.take_part(a))
        picked = groups  # each member is picked by one other a quarter, on average
        pairs = groups + picked + with_member[rows]
        return QUARTERS_PER_YEAR * per_pair * pairs

    def _review(self) -> None:
        """Each eligible organisation decides: join or stay, free-ride, or leave."""
        m, ip = self.model, self.model.params.initiative
        rows = self._eligible()
        fee, effort = self._review_costs(rows)
        firm = m.is_firm[rows]
        gain = np.array(
            [self._firm_gain(int(r)) if f else 0.0 for r, f in zip(rows, firm, strict=True)]
        )
        years = ip.commitment_years
        budget = ip.nonprofit_budget_musd_per_year
        full = np.where(firm, gain >= (fee + effort) * years, fee + effort <= budget)
        some = np.where(firm, gain >= fee * years, fee <= budget)
        inside = self.member[rows]
        leave, ask, free = inside & ~some, ~inside & some, some & ~full
        views = membership_views(m, rows, fee, effort, gain)
        asks, left, free = people_choose(m.decisions, views, ask, leave, free)
        self.leave(rows[left & leave], "cost")
        if np.any(left & ~leave):  # a person left where the agent would have stayed
            self.leave(rows[left & ~leave], "chosen")
        willing = rows[ask]  # the agents' own askers: their agreement draws are always taken
        joined = willing[m.rng.random(len(willing)) < self._agreement(willing)]
        joined = joined[np.isin(joined, rows[asks])]
        extra = rows[asks & ~ask]  # a person asks where the agent would not: own stream
        picked = extra[m.decisions.rng.random(len(extra)) < self._agreement(extra)]
        self._join(np.concatenate([joined, picked]))
        self.free_rider[rows] = self.member[rows] & free
        self.agenda.agree()  # the members as they now are agree the year's priorities

    def _firm_gain(self, firm: int) -> float:
        """What membership adds to the rNPV of a firm's programmes (million USD).

        Two services the firm can value from what it knows: the data platform's data
        access (:meth:`_data_lift`) and the backbone's regulatory liaison
        (:meth:`_liaison_lift`). Each scales the programmes' value (only positive values:
        a programme worth nothing gains nothing).
        """
        m = self.model
        pids = m.programmes.active_of(firm)
        if len(pids) == 0:
            return 0.0
        lift = self._data_lift(firm, pids) * self._liaison_lift(firm, pids)
        if np.all(lift == 1.0):
            return 0.0
        worth = value(m, firm, candidates(m, pids))
        return float(np.sum(np.maximum(worth, 0.0) * (lift - 1.0)))

    def _data_lift(self, firm: int, pids: np.ndarray) -> np.ndarray:
        """Relative rise of each programme's chance of approval with the platform's data.

        The platform raises the firm's data access by ``pool_gain`` times the value of the
        pool in its region (once the members all contribute) on the gap to full access; the
        firm knows how data raise the success of the phases that use them
        (:mod:`ecosim.development`) and applies it to the phases still ahead.
        """
        m = self.model
        value = m.consortia.platform.prospective_value(firm)
        gain = m.conditions.shared_measurement.params.pool_gain * value
        ratio = np.ones(len(pids))
        if gain <= 0:
            return ratio
        shift = m.params.pipeline.data_logit_effect * gain * (1.0 - m.caps[firm, Capability.data])
        now = m.programmes.phase[pids]
        for ph in _DATA_PHASES:
            s = float(m.phase_tables["success"][ph])
            lift = float(expit(logit(s) + shift)) / s if 0 < s < 1 else 1.0
            ratio *= np.where(now <= ph, lift, 1.0)
        return ratio

    def _liaison_lift(self, firm: int, pids: np.ndarray) -> np.ndarray:
        """Relative rise of the value of programmes in phase II from regulatory liaison.

        Members' programmes in phase II share the liaison the backbone could give (what it
        buys and what its spare budget would buy) over the time they take to reach phase
        III (the chance of a slot); an engaged phase III is
        shorter by ``pipeline.early_engagement_time_cut``, so sales come earlier, worth
        the firm's cost of capital over the time saved.
        """
        m = self.model
        p = m.programmes
        slots = m.conditions.backbone.liaison_offer(self.services)
        in_p2 = p.phase[pids] == Phase.PHASE2
        if slots <= 0 or not in_p2.any():
            return np.ones(len(pids))
        tab = m.phase_tables["duration"]
        act = p.active_ids()
        rivals = (p.phase[act] == Phase.PHASE2) & (
            self.member[p.owner[act]] | (p.owner[act] == firm)
        )
        years_to_ask = float(tab[Phase.PHASE2]) / QUARTERS_PER_YEAR
        chance = min(1.0, slots * years_to_ask / max(int(rivals.sum()), 1))
        saved = m.params.pipeline.early_engagement_time_cut * float(tab[Phase.PHASE3])
        earlier = 1.0 / float(discount(discount_rate(m, firm), saved))
        return np.where(in_p2, 1.0 + chance * (earlier - 1.0), 1.0)

    def _known_trust(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mean trust of each of ``rows`` in the members it has worked with, and how many."""
        m = self.model
        mem = np.flatnonzero(self.members())
        known = m.acquainted[np.ix_(rows, mem)] & (rows[:, None] != mem[None, :])
        count = known.sum(axis=1)
        total = np.where(known, m.trust[np.ix_(rows, mem)], 0.0).sum(axis=1)
        return total / np.maximum(count, 1), count

    def _agreement(self, rows: np.ndarray) -> np.ndarray:
        """Chance that newcomers agree to join, from their trust in the members they know."""
        m = self.model
        mean, count = self._known_trust(rows)
        trust = np.where(count > 0, mean, m.params.trust.initial_other)
        return np.array([m.trust_rule.agreement_probability(float(t)) for t in trust])
