"""Continuous communication: structured meetings between member partners, at a cost.

- *Information* (:mod:`ecosim.contribution`): every meeting is one more look at what a
  partner delivers, so partners see each other's contributions with less noise (the sd
  falls by sqrt(1 + looks), looks = intensity x ``meetings_per_quarter``); fewer honest
  partners look like shirkers, and real shortfalls are seen sooner. Each side pays
  ``meeting_cost_musd`` a meeting (:func:`ecosim.contribution.hold_meetings`).
- *Transparency* (:mod:`ecosim.outlook`): members' programmes before the clinic are
  visible.

Meetings act only between members (:mod:`ecosim.initiative`); disputes follow the IP
rule for everyone.
"""

from __future__ import annotations

import numpy as np

from ecosim.conditions.base import Condition, ConditionParams, register
from ecosim.parameters import param

__all__ = ["ContinuousCommunication"]


class ContinuousCommunicationParams(ConditionParams):
    """Continuous communication: member partners meet and see each other's work."""

    meetings_per_quarter: float = param(
        3.0,
        "meetings/quarter",
        "Structured meetings between partners a quarter at full intensity; each is one "
        "more look at what the partner delivers.",
        assumption="monthly joint steering meetings, a common alliance-governance practice; "
        "governance records of alliances would inform it",
        ge=0,
        le=100,
    )
    meeting_cost_musd: float = param(
        0.003,
        "million USD per meeting per side",
        "What a structured partner meeting costs each side (staff time and preparation).",
        assumption="three staff for half a day each (preparation and the meeting) at about "
        "2,000 USD a day loaded cost; alliance-management budgets and time-use records "
        "of consortium members would inform it (prior range 0.001-0.01)",
        ge=0,
        le=10,
    )


@register
class ContinuousCommunication(Condition):
    """Regular, structured communication between organisations."""

    name = "continuous_communication"
    Params = ContinuousCommunicationParams

    def transparency(self) -> float:
        """Communication shows who is working on what."""
        return self.level

    def meetings_per_pair(self) -> float:
        """Meetings a quarter between two members that take part."""
        return self.params.meetings_per_quarter * self.level

    def looks(self, members: np.ndarray) -> np.ndarray:
        """Extra looks a quarter at what a partner delivers (meetings, between members)."""
        return self.meetings_per_pair() * members
