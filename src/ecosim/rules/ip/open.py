"""Open (pre-competitive) IP: discoveries go to a commons that every firm can use.

New biomarkers become public and new targets go to the commons (firms start programmes
from them, :mod:`ecosim.targets`). Nothing is licensed, so no royalties are due. Private
appropriation is weaker: firms keep ``appropriability`` of a programme's value, which
lowers expected values and biotech fundraising.
"""

from __future__ import annotations

from ecosim.parameters import Section, param
from ecosim.rules.ip.base import IPRule, register

__all__ = ["Open"]


class OpenParams(Section):
    """Parameters of open IP."""

    appropriability: float = param(
        0.6,
        "fraction",
        "Share of a programme's private value a firm keeps under open IP.",
        assumption="first-mover advantage without exclusivity; returns of firms "
        "developing on open targets would inform it",
        ge=0,
        le=1,
    )


@register
class Open(IPRule):
    """A commons of targets and biomarkers."""

    name = "open"
    Params = OpenParams

    def appropriability(self) -> float:
        """Share of value a firm keeps without exclusivity."""
        return self.own.appropriability

    def royalty(self, academic_licensor: bool) -> float:
        """Nothing to license: no royalty (partners share costs instead)."""
        return 0.0

    def biomarker_discovered(self, model, org, slot):
        """Every firm may use it."""
        model.knowledge.make_public(slot)

    def target_discovered(self, model, centre, subtype, target):
        """Publish it to the commons."""
        model.knowledge.publish_target(subtype, target)
