"""Backbone organisation: a coordinator with staff and a budget.

Present while the intensity is above 0 (:class:`ecosim.agents.Backbone`); it costs
``cost_musd_per_year x intensity`` a year, paid from outside the ecosystem. Its work:

- *Matchmaking* (:mod:`ecosim.deals`): an extra partner search with chance ``intensity x
  matchmaking_chance`` (a pharma's asset search; a phase-I programme's search for an
  academic collaborator).
- *Convening* (:mod:`ecosim.consortia`): invitations to the consortia rise by ``1 +
  intensity x invitation_boost``.
- *Early regulatory engagement* (:mod:`ecosim.regulation`): it prepares and convenes
  ``intensity x advice_slots_per_year`` extra advice meetings a year, which the agency
  allocates with its own slots.
- *Coordinated outreach* (:mod:`ecosim.outreach`): it directs a share ``intensity`` of
  patient organisations' effort to the regions with the most unaware patients.
"""

from __future__ import annotations

import numpy as np

from ecosim.conditions.base import Condition, ConditionParams, register
from ecosim.parameters import param
from ecosim.units import QUARTERS_PER_YEAR

__all__ = ["Backbone"]


class BackboneParams(ConditionParams):
    """Backbone organisation: coordination, matchmaking, early regulatory engagement."""

    cost_musd_per_year: float = param(
        25.0,
        "million USD/year",
        "Cost of the backbone organisation at full intensity.",
        assumption="a coordinating organisation with a few dozen staff and its platform; "
        "budgets of backbone organisations would inform it",
        ge=0,
        le=10_000,
    )
    matchmaking_chance: float = param(
        1.0,
        "probability",
        "Chance of an extra partner search per search occasion at full intensity.",
        assumption="the backbone brokers about one extra contact per occasion; records of "
        "brokered partnerships in collective-impact initiatives would inform it",
        ge=0,
        le=1,
    )
    invitation_boost: float = param(
        1.0,
        "ratio",
        "Relative rise of consortium invitations at full intensity.",
        assumption="convening doubles recruitment into consortia; membership growth with "
        "and without a coordinating secretariat would inform it",
        ge=0,
        le=10,
    )
    advice_slots_per_year: float = param(
        1.0,
        "programmes/year",
        "Extra early-engagement meetings a year the backbone prepares and convenes at full "
        "intensity.",
        assumption="a backbone arranges advice for about half of the programmes entering "
        "phase III (about 2 a year in the baseline); the uptake of regulatory advice "
        "through intermediaries would inform it",
        ge=0,
        le=1_000,
    )


@register
class Backbone(Condition):
    """A coordinating organisation that costs money."""

    name = "backbone"
    Params = BackboneParams

    def quarterly_cost_musd(self) -> float:
        """What the backbone costs this quarter (million USD)."""
        return self.params.cost_musd_per_year * self.level / QUARTERS_PER_YEAR

    def matchmaking_rounds(self, rng: np.random.Generator, member: bool) -> int:
        """Extra partner searches arranged now for a member (0 or 1).

        One draw whatever the intensity or membership, so the draws do not shift.
        """
        return int(rng.random() < self.level * member * self.params.matchmaking_chance)

    def invitation_factor(self) -> float:
        """Multiplier of consortium invitations."""
        return 1.0 + self.params.invitation_boost * self.level

    def advice_slots_per_year(self) -> float:
        """Extra early-engagement meetings a year it prepares."""
        return self.params.advice_slots_per_year * self.level

    def coordinated_share(self, member: bool) -> float:
        """Share of a patient organisation's outreach effort it coordinates (0-1; members)."""
        return self.level * member
