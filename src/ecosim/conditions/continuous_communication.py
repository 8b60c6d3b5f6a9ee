"""Continuous communication: regular, structured contact between partners.

- *Information* (:mod:`ecosim.contribution`): every meeting is one more look at what a
  partner delivers, so partners see each other's contributions with less noise (the sd
  falls by sqrt(1 + looks), looks = intensity x ``meetings_per_quarter``); fewer honest
  partners look like shirkers, and real shortfalls are seen sooner.
- *Disputes*: IP disputes fall by ``intensity x dispute_cut``, and escalation of a
  dispute to the end of the partnership by ``intensity x escalation_cut``.
- *Transparency* (:mod:`ecosim.targets`): programmes before the clinic are visible.
"""

from __future__ import annotations

import numpy as np

from ecosim.conditions.base import Condition, ConditionParams, register
from ecosim.parameters import param

__all__ = ["ContinuousCommunication"]


class ContinuousCommunicationParams(ConditionParams):
    """Continuous communication: partners see each other's work, fewer disputes, transparency."""

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
    dispute_cut: float = param(
        0.7,
        "fraction",
        "Share of IP disputes prevented at full intensity.",
        assumption="early conversation defuses most disputes; dispute rates in "
        "alliances with and without governance committees would inform it",
        ge=0,
        le=1,
    )
    escalation_cut: float = param(
        0.5,
        "fraction",
        "Share of dispute escalations prevented at full intensity.",
        assumption="partners who talk settle more disputes; how alliance disputes end "
        "would inform it",
        ge=0,
        le=1,
    )


@register
class ContinuousCommunication(Condition):
    """Regular, structured communication between organisations."""

    name = "continuous_communication"
    Params = ContinuousCommunicationParams

    def transparency(self) -> float:
        """Communication shows who is working on what."""
        return self.level

    def looks(self, members: np.ndarray) -> np.ndarray:
        """Extra looks a quarter at what a partner delivers (meetings, between members)."""
        return self.params.meetings_per_quarter * self.level * members

    def dispute_factor(self, members: np.ndarray) -> np.ndarray:
        """Multiplier of the chance of an IP dispute (between members)."""
        return 1.0 - self.params.dispute_cut * self.level * members

    def escalation_factor(self, members: np.ndarray) -> np.ndarray:
        """Multiplier of the chance that a dispute ends a partnership (between members)."""
        return 1 - self.params.escalation_cut * self.level * members
