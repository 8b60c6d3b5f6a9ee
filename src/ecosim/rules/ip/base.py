"""The IP protocol: who owns a discovery, where it flows, what deals cost, disputes.

An IP regime is one class, registered by name, that says:

- :meth:`IPRule.biomarker_discovered`: who may use a new biomarker (ownership and
  knowledge flow: the discoverer, its partners, a licensee or everyone);
- :meth:`IPRule.target_discovered`: what an academic centre does with a new target
  (license it, co-develop it, publish it);
- :meth:`IPRule.terms`: upfront, milestone and royalty of a deal;
- :meth:`IPRule.shared_ownership` and :meth:`IPRule.dispute_probability`: whether
  a partnership's results are owned jointly and how often that leads to a dispute;
- :meth:`IPRule.appropriability`: the share of a programme's private value a firm
  keeps (it scales expected values and fundraising).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ecosim.parameters import Section, param
from ecosim.registry import Option, Registry

if TYPE_CHECKING:
    from ecosim.agents.base import Organisation
    from ecosim.model import EcosystemModel

__all__ = ["REGISTRY", "DealTerms", "IPCommon", "IPRule", "register"]

REGISTRY = Registry("IP regime", "ecosim.rules.ip", default="exclusive")
register = REGISTRY.register


class IPCommon(Section):
    """How discoveries are owned, licensed and shared."""

    royalty_rate: float = param(
        0.06,
        "fraction of sales",
        "Royalty on sales paid to a firm licensor.",
        source="Deal data: 4.5-8 % early-stage, 9-13 % late-stage; universities about 3 %.",
        ge=0,
        le=0.5,
    )
    academic_royalty_factor: float = param(
        0.5,
        "ratio",
        "University royalties relative to firm-to-firm royalties.",
        source="Deal data: universities about 3 % of sales against 4.5-8 % early-stage "
        "between firms.",
        ge=0,
        le=2,
    )
    upfront_share: float = param(
        0.10,
        "fraction of deal value",
        "Upfront payment as a share of deal value.",
        source="Deal data: 6-13 %.",
        ge=0,
        le=1,
    )
    milestone_multiple: float = param(
        2.0,
        "ratio",
        "Approval milestone as a multiple of the upfront payment.",
        assumption="milestones usually exceed upfronts; deal databases would inform it",
        ge=0,
        le=50,
    )


@dataclass(frozen=True)
class DealTerms:
    """Money terms of a licence or co-development deal (million USD, share of sales)."""

    upfront_musd: float
    milestone_musd: float
    royalty_rate: float


class IPRule(Option, ABC):
    """Base of every IP regime; ``params`` is the scenario's ``ip`` section.

    Attributes as for :class:`ecosim.registry.Option`.
    """

    def appropriability(self) -> float:
        """Share of a programme's private value a firm keeps. Default: all of it."""
        return 1.0

    def royalty(self, academic_licensor: bool) -> float:
        """Royalty rate on sales owed to a licensor."""
        factor = self.common.academic_royalty_factor if academic_licensor else 1.0
        return self.common.royalty_rate * factor

    def terms(self, value_musd: float, academic_licensor: bool) -> DealTerms:
        """Terms of a deal worth ``value_musd``: upfront share of value, milestone, royalty."""
        upfront = max(0.0, value_musd) * self.common.upfront_share
        return DealTerms(
            upfront, upfront * self.common.milestone_multiple, self.royalty(academic_licensor)
        )

    def shared_ownership(self, kind: str) -> bool:
        """Whether a partnership of this kind owns its results jointly. Default: no."""
        return False

    def dispute_probability(self) -> float:
        """Quarterly chance of an IP dispute in a jointly owning partnership. Default: 0."""
        return 0.0

    def escalation_probability(self) -> float:
        """Chance that a dispute ends the partnership at once. Default: 0."""
        return 0.0

    @abstractmethod
    def biomarker_discovered(self, model: EcosystemModel, org: Organisation, slot: int) -> None:
        """Give access to a biomarker ``org`` just discovered on ``slot``."""

    @abstractmethod
    def target_discovered(
        self, model: EcosystemModel, centre: Organisation, subtype: int, target: int
    ) -> None:
        """Hand on a target an academic centre just discovered."""
