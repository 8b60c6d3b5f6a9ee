"""Continuous communication: regular, structured contact between partners.

- *Trust* (:mod:`ecosim.partnerships`, :mod:`ecosim.consortia`): the gain rate is
  multiplied by ``1 + intensity x trust_gain_boost``.
- *Friction*: partnership and consortium friction fall by ``intensity x friction_cut``.
- *Disputes*: IP disputes fall by ``intensity x dispute_cut``, and escalation of a
  dispute to the end of the partnership by ``intensity x escalation_cut``.
- *Transparency* (:mod:`ecosim.targets`): programmes before the clinic are visible.
"""

from __future__ import annotations

from ecosim.conditions.base import Condition, ConditionParams, register
from ecosim.parameters import param

__all__ = ["ContinuousCommunication"]


class ContinuousCommunicationParams(ConditionParams):
    """Continuous communication: faster trust growth, fewer disputes, transparency."""

    trust_gain_boost: float = param(
        1.0,
        "ratio",
        "Relative rise of the trust gain rate at full intensity.",
        assumption="regular contact builds trust faster; evaluations of collective-impact "
        "initiatives would inform it",
        ge=0,
        le=10,
    )
    friction_cut: float = param(
        0.5,
        "fraction",
        "Share of friction removed at full intensity.",
        assumption="alliance-management practice would inform it",
        ge=0,
        le=1,
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

    def trust_gain_factor(self) -> float:
        """Multiplier of the trust gain rate."""
        return 1.0 + self.params.trust_gain_boost * self.level

    def friction_factor(self) -> float:
        """Multiplier of the chance of friction."""
        return 1.0 - self.params.friction_cut * self.level

    def dispute_factor(self) -> float:
        """Multiplier of the chance of an IP dispute."""
        return 1.0 - self.params.dispute_cut * self.level

    def escalation_factor(self) -> float:
        """Multiplier of the chance that a dispute ends a partnership."""
        return 1 - self.params.escalation_cut * self.level
