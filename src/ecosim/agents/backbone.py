"""The backbone organisation of a collective-impact initiative.

Exists only when ``collective_impact.backbone > 0``. It costs money
(``backbone_cost_musd_per_year`` times intensity, recorded as spend). Its coordination
work is read from the same intensity where it happens: faster consortium invitations
(:meth:`ecosim.consortia.Consortia.convene`), extra matchmaking rounds
(:meth:`ecosim.model.EcosystemModel.matchmaking_rounds`), early regulatory engagement
for programmes entering phase III (:func:`ecosim.development.enter_phase`) and
coordinated patient outreach (:class:`ecosim.agents.patient_org.PatientOrg`). Whether
it pays for itself is an outcome, not an assumption.
"""

from __future__ import annotations

from ecosim.agents.base import Organisation

__all__ = ["Backbone"]


class Backbone(Organisation):
    """A backbone organisation."""

    sector = "backbone"

    def step(self) -> None:
        """Pay this quarter's cost (its coordination acts where it happens)."""
        m = self.model_
        ci = m.params.collective_impact
        cost = ci.backbone_cost_musd_per_year * ci.backbone / 4.0
        m.record_spend("backbone", cost)
        m.transfer("backbone_funders", "backbone", cost)
