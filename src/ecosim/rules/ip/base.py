"""The IP protocol: who owns a discovery, where it flows, what deals cost, disputes.

An IP regime is one class, registered by name, that says:

- :meth:`IPRule.biomarker_discovered`: who may use a new biomarker (ownership and
  knowledge flow: the discoverer, its partners, a licensee or everyone);
- :meth:`IPRule.target_discovered`: what an academic centre does with a new target
  (license it, co-develop it, publish it);
- :meth:`IPRule.royalties`: whether a licensor may take a royalty (terms are
  bargained, :mod:`ecosim.bargaining`);
- :meth:`IPRule.shared_ownership` and :meth:`IPRule.dispute_probability`: whether
  a partnership's results are owned jointly and how often that leads to a dispute;
- :meth:`IPRule.protects`: whether what a firm brings to a partnership stays its own,
  or it withholds its proprietary share (:mod:`ecosim.contribution`);
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

from ecosim.parameters import Section
from ecosim.registry import Option, Registry

if TYPE_CHECKING:
    from ecosim.agents.base import Organisation
    from ecosim.model import EcosystemModel

__all__ = ["REGISTRY", "IPCommon", "IPRule", "register"]

REGISTRY = Registry("IP regime", "ecosim.rules.ip", default="exclusive")
register = REGISTRY.register


class IPCommon(Section):
    """How discoveries are owned, licensed and shared.

    Deal terms are not parameters: they are bargained (:mod:`ecosim.bargaining`); the
    regime says only whether a licensor may take a royalty (:meth:`IPRule.royalties`).
    """


class IPRule(Option, ABC):
    """Base of every IP regime; ``params`` is the scenario's ``ip`` section.

    Attributes as for :class:`ecosim.registry.Option`.
    """

    def royalties(self, academic_licensor: bool) -> bool:
        """Whether a licensor can take a royalty on sales. Default: yes."""
        return True

    def shared_ownership(self, kind: str) -> bool:
        """Whether a partnership of this kind owns its results jointly. Default: no."""
        return False

    def dispute_probability(self) -> float:
        """Quarterly chance of an IP dispute in a jointly owning partnership. Default: 0."""
        return 0.0

    def protects(self, kind: str) -> bool:
        """Whether a firm's proprietary contribution to a partnership stays its own.

        Default: yes (ownership is settled: the owner owns, a licensee holds a licence).
        """
        return True

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
