"""Shared IP: partners own results jointly, by contribution.

The discoverer and its active partners may use a new biomarker; a centre co-develops a
new target with a firm (an academic collaboration, no payment). Partnerships (other than
outcome-based payment agreements) own their results jointly; without a framework agreed
up front (``framework_agreed``) that leads to disputes with ``dispute_probability`` a
quarter, of which ``dispute_escalation`` end the partnership at once, and firms withhold
the proprietary share of what they bring (:meth:`Shared.protects`).
"""

from __future__ import annotations

from ecosim.parameters import Section, param
from ecosim.rules.ip.base import IPRule, register

__all__ = ["Shared"]


class SharedParams(Section):
    """Parameters of shared IP."""

    framework_agreed: bool = param(
        True,
        "",
        "Whether shared-IP partners agree an IP framework up front.",
        assumption="a policy choice of the scenario",
    )
    dispute_probability: float = param(
        0.06,
        "per quarter",
        "Chance of an IP dispute in a shared-IP partnership without an agreed framework.",
        assumption="dispute rates in academic-industry collaborations would inform it",
        ge=0,
        le=1,
    )
    dispute_escalation: float = param(
        0.3,
        "probability",
        "Chance that an IP dispute ends the partnership at once.",
        assumption="how often disputes end alliances; alliance-termination studies would inform it",
        ge=0,
        le=1,
    )


@register
class Shared(IPRule):
    """Joint ownership by contribution."""

    name = "shared"
    Params = SharedParams

    def biomarker_discovered(self, model, org, slot):
        """The discoverer and its active partners may use it."""
        model.knowledge.grant(org.idx, slot)
        for other in model.partnerships.partners_of(org.idx):
            model.knowledge.grant(int(other), slot)

    def target_discovered(self, model, centre, subtype, target):
        """Co-develop the target with a firm (published if none agrees or has room)."""
        model.deals.academic_target_deal(centre, subtype, target, "academic_collaboration")

    def shared_ownership(self, kind: str) -> bool:
        """Every partnership but an outcome-based payment agreement owns jointly."""
        return kind != "outcome_based"

    def protects(self, kind: str) -> bool:
        """Joint ownership protects what a partner brings only under an agreed framework."""
        return self.own.framework_agreed or not self.shared_ownership(kind)

    def dispute_probability(self) -> float:
        """Disputes arise only without a framework agreed up front."""
        return 0.0 if self.own.framework_agreed else self.own.dispute_probability

    def escalation_probability(self) -> float:
        """Share of disputes that end the partnership at once."""
        return self.own.dispute_escalation
