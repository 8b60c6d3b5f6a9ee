"""Patient organisations: outreach for testing and trials in their region.

Outreach raises awareness of genomic testing and trial enrolment ("Right Team, Right
Tests, Right Treatments").
"""

from __future__ import annotations

from ecosim.agents.base import Organisation

__all__ = ["BACKBONE_OUTREACH_BOOST", "PatientOrg"]

BACKBONE_OUTREACH_BOOST = 0.5
"""Relative rise of outreach effort when a backbone coordinates campaigns (full intensity)."""


class PatientOrg(Organisation):
    """A patient organisation."""

    sector = "patient_org"

    def step(self) -> None:
        """Add this quarter's outreach effort to the home region.

        A backbone organisation coordinates campaigns: effort rises by half at full
        backbone intensity.
        """
        m = self.model_
        backbone = m.params.collective_impact.backbone
        effort = m.params.outreach.intensity * (1.0 + BACKBONE_OUTREACH_BOOST * backbone)
        m.outreach_effort[self.region] += effort
