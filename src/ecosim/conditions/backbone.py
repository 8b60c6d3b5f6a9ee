"""Backbone organisation: a coordinator with a budget that buys services for members.

Present while the intensity is above 0 (:class:`ecosim.agents.Backbone`). Its budget is
``budget_musd_per_year x intensity`` a year, paid by outside funders (a public funder or
a foundation, ``funding: outside``) on top of the initiative's fees, or by the fees alone
(``funding: members``). What is not funded is not spent. The budget first pays the
backbone's own staff (``overhead_musd_per_year``), then buys services for the members of
the initiative (:mod:`ecosim.initiative`) at unit costs, up to what the members need
(more money buys nothing more: diminishing returns), pro rata when it cannot buy all:

- *Introductions* (:mod:`ecosim.deals`): each gives a member pharma an extra asset search,
  or a member's programme entering phase I an extra chance to find an academic
  collaborator; need: the members' searches and phase I entries a year.
- *Regulatory liaison* (:mod:`ecosim.regulation`): each prepares one member programme's
  early-engagement meeting with the agency, used by members' programmes entering phase
  III before the agency's own slots; need: members' programmes expected to enter phase III.
- *Outreach coordination* (:mod:`ecosim.outreach`): directs one member patient
  organisation's effort to the regions with the most unaware patients for a year.
- *Convening* (:mod:`ecosim.consortia`): each invitation asks one member that is not yet
  in one of the initiative's platforms (data sharing, the trial network) to join it; an
  invited member considers it that quarter (without one, at ``consortia.join_rate``).
  Need: the members eligible for a platform they are not in.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from ecosim.conditions.base import Condition, ConditionParams, register
from ecosim.parameters import param

__all__ = ["Backbone", "Funding", "Services"]


class Funding(StrEnum):
    """Who pays the backbone."""

    outside = "outside"
    members = "members"


class BackboneParams(ConditionParams):
    """Backbone organisation: a budget that buys coordination services for members."""

    budget_musd_per_year: float = param(
        8.0,
        "million USD/year",
        "Budget of the backbone organisation at full intensity (the most it may spend).",
        assumption="a coordinating organisation with a few dozen staff; budgets of "
        "collective-impact backbones and disease consortia secretariats would inform it",
        ge=0,
        le=10_000,
    )
    funding: Funding = param(
        Funding.outside,
        "",
        "Who pays the backbone: outside funders (a public funder or a foundation; the "
        "members' fees add to it) or the members' fees alone.",
        assumption="a scenario choice",
    )
    overhead_musd_per_year: float = param(
        2.0,
        "million USD/year",
        "The backbone's own running cost (leadership, office, governance), paid before "
        "any service.",
        assumption="a core team of about eight at loaded cost; backbone budgets would inform it",
        ge=0,
        le=10_000,
    )
    introduction_cost_musd: float = param(
        0.05,
        "million USD",
        "Cost of one brokered introduction (scouting, a briefing, a meeting).",
        assumption="about a week of a business-development professional's time; "
        "brokerage fees of technology-transfer intermediaries would inform it",
        ge=0,
        le=100,
    )
    liaison_cost_musd: float = param(
        0.25,
        "million USD",
        "Cost of preparing and convening one programme's early-engagement meeting with the "
        "agency (regulatory liaison).",
        assumption="a few months of a regulatory scientist's time with the meeting "
        "package; regulatory consultancy fees would inform it",
        ge=0,
        le=100,
    )
    coordination_cost_musd_per_year: float = param(
        0.1,
        "million USD/year",
        "Cost of coordinating one patient organisation's outreach for a year (shared "
        "need data, joint campaigns).",
        assumption="a part-time coordinator per organisation; budgets of patient-advocacy "
        "coalitions would inform it",
        ge=0,
        le=100,
    )
    invitation_cost_musd: float = param(
        0.02,
        "million USD",
        "Cost of inviting one member to one of the initiative's platforms (a briefing, "
        "the data-use or site agreement, onboarding).",
        assumption="a few days of staff time with legal review of a standard agreement; "
        "onboarding costs of data-sharing consortia and trial networks would inform it",
        ge=0,
        le=100,
    )


@dataclass(frozen=True)
class Services:
    """What the backbone buys for a year (counts a year; coordination as a share)."""

    introductions: float = 0.0
    liaison: float = 0.0
    invitations: float = 0.0
    coordinated: float = 0.0
    spend: float = 0.0
    spare: float = 0.0
    """Budget left unspent this year (million USD): what a newcomer's needs could use."""


@register
class Backbone(Condition):
    """A coordinating organisation whose budget buys services for members."""

    name = "backbone"
    Params = BackboneParams

    def budget(self, fees: float) -> float:
        """What the backbone may spend this year (million USD), given last year's fees."""
        outside = self.params.budget_musd_per_year * self.level
        if self.params.funding == Funding.members:
            return min(outside, fees)
        return outside + fees

    def buy(self, budget: float, need: np.ndarray, patient_orgs: int) -> Services:
        """Services a year for ``budget``: staff first, then members' needs pro rata.

        Args:
            budget: million USD this year.
            need: introductions, liaisons and invitations the members would use this year.
            patient_orgs: member patient organisations (each could be coordinated).
        """
        p = self.params
        if budget < p.overhead_musd_per_year or self.level <= 0:
            return Services(spend=min(budget, p.overhead_musd_per_year))
        left = budget - p.overhead_musd_per_year
        units = np.array(
            [
                p.introduction_cost_musd,
                p.liaison_cost_musd,
                p.invitation_cost_musd,
                p.coordination_cost_musd_per_year,
            ]
        )
        wanted = np.array([*need, float(patient_orgs)])
        cost = float((wanted * units).sum())
        bought = wanted * (1.0 if cost <= left else left / cost)
        spend = p.overhead_musd_per_year + float(np.dot(bought, units))
        introductions, liaison, invitations, orgs = bought
        coordinated = orgs / patient_orgs if patient_orgs else 0.0
        return Services(
            introductions, liaison, invitations, coordinated, spend, max(0.0, budget - spend)
        )

    def liaison_offer(self, services: Services) -> float:
        """Liaisons a year the backbone could give: those bought and what is spare buys."""
        if self.params.liaison_cost_musd <= 0:
            return services.liaison
        return services.liaison + services.spare / self.params.liaison_cost_musd
