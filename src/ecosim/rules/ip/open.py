"""Open (pre-competitive) IP: discoveries go to a commons that every firm can use.

New biomarkers become public and new targets go to the commons (firms start programmes
from them, :mod:`ecosim.agents.firm`). No royalties are due. Private appropriation is
weaker through behaviour, not a factor: rivals build on the same open targets and
biomarkers, so markets are more crowded and each entrant's expected share, and with it
the value of programmes, deal terms and investors' returns, is lower; and firms withhold
the proprietary share of what they bring to a partnership whose results go to the
commons (:meth:`Open.protects`).
"""

from __future__ import annotations

from ecosim.rules.ip.base import IPRule, register

__all__ = ["Open"]


@register
class Open(IPRule):
    """A commons of targets and biomarkers."""

    name = "open"

    def royalties(self, academic_licensor: bool) -> bool:
        """Nothing exclusive to license: no royalties (milestones and cost sharing)."""
        return False

    def protects(self, kind: str) -> bool:
        """No: what a partnership finds goes to the commons, rivals included.

        A payment agreement on a marketed therapy (outcome-based) creates no IP.
        """
        return kind == "outcome_based"

    def biomarker_discovered(self, model, org, slot):
        """Every firm may use it."""
        model.knowledge.make_public(slot)

    def target_discovered(self, model, centre, subtype, target):
        """Publish it to the commons."""
        model.knowledge.publish_target(subtype, target)
