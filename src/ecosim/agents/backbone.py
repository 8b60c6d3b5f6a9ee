"""The backbone organisation of a collective-impact initiative.

Exists only when ``collective_impact.backbone > 0``. It costs money
(``backbone_cost_musd_per_year`` times intensity, recorded as spend) and, in return,
coordinates: it runs matchmaking rounds between firms and external assets, convenes the
data-sharing consortium and the trial network, and arranges early regulatory
engagement for programmes entering phase III. Whether it pays for itself is an outcome,
not an assumption.
"""

from __future__ import annotations

from ecosim.agents.base import Organisation

__all__ = ["Backbone"]


class Backbone(Organisation):
    """A backbone organisation."""

    sector = "backbone"

    def step(self) -> None:
        """Pay this quarter's cost and convene the consortia."""
        m = self.model_
        ci = m.params.collective_impact
        cost = ci.backbone_cost_musd_per_year * ci.backbone / 4.0
        m.record_spend("backbone", cost)
        m.consortia.convene(self)
