"""The backbone organisation of a collective-impact initiative.

Exists only while the backbone condition is in place. It costs money
(``collective_impact.backbone.cost_musd_per_year`` times intensity, recorded as spend,
paid from outside the ecosystem). What its coordination does is said in one place,
:mod:`ecosim.conditions.backbone`. Whether it pays for itself is an outcome, not an
assumption.
"""

from __future__ import annotations

from ecosim.agents.base import Organisation
from ecosim.sectors import Sector
from ecosim.units import QUARTERS_PER_YEAR

__all__ = ["Backbone"]


class Backbone(Organisation):
    """A backbone organisation."""

    sector = Sector.backbone

    def step(self) -> None:
        """Pay this quarter's cost; prepare this quarter's early-engagement meetings.

        Its other coordination acts where it happens.
        """
        m = self.model_
        cost = m.conditions.backbone.quarterly_cost_musd()
        m.record_spend("backbone", cost)
        m.transfer("backbone_funders", "backbone", cost)
        m.liaison_slots += m.conditions.backbone.advice_slots_per_year() / QUARTERS_PER_YEAR
