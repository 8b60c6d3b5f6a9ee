"""Patient organisations: outreach for testing and trials in their region.

Outreach raises awareness of genomic testing and trial enrolment ("Right Team, Right
Tests, Right Treatments").
"""

from __future__ import annotations

from ecosim.agents.base import Organisation
from ecosim.sectors import Sector

__all__ = ["PatientOrg"]


class PatientOrg(Organisation):
    """A patient organisation."""

    sector = Sector.patient_org

    def step(self) -> None:
        """Add this quarter's outreach effort to the home region.

        A backbone organisation coordinates campaigns (:mod:`ecosim.conditions.backbone`).
        """
        m = self.model_
        effort = m.params.outreach.intensity * m.conditions.backbone.outreach_factor()
        m.outreach_effort[self.region] += effort
