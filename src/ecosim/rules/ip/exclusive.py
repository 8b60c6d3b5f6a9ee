"""Exclusive IP: the discoverer owns a discovery and licenses it to one firm.

A centre licenses a new biomarker exclusively to one firm (published if no firm agrees)
and a new target to a firm that starts a preclinical programme with the centre as
licensor. A firm's own biomarker stays private (until it diffuses). No spill-over.
"""

from __future__ import annotations

from ecosim.rules.ip.base import IPRule, register
from ecosim.sectors import Sector

__all__ = ["Exclusive"]


@register
class Exclusive(IPRule):
    """The discoverer owns and licenses."""

    name = "exclusive"

    def biomarker_discovered(self, model, org, slot):
        """Private to a firm discoverer; a centre licenses it to one firm or publishes."""
        if org.sector == Sector.academia:
            if model.deals.license_biomarker(org, slot) < 0:
                model.knowledge.make_public(slot)
        else:
            model.knowledge.grant(org.idx, slot)

    def target_discovered(self, model, centre, subtype, target):
        """License the target to a firm (published if none agrees or has room)."""
        model.deals.academic_target_deal(centre, subtype, target, "licence")
