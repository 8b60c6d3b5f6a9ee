"""Patient organisations: awareness campaigns and trial navigation where they are needed.

Each organisation splits its outreach effort between awareness campaigns and trial
navigation by the need in the region it serves, and a backbone organisation directs a
share of it to the regions with the most unaware patients (:mod:`ecosim.outreach`;
"Right Team, Right Tests, Right Treatments").
"""

from __future__ import annotations

from ecosim.agents.base import Organisation
from ecosim.outreach import awareness_share, need_weights
from ecosim.sectors import Sector

__all__ = ["PatientOrg"]


class PatientOrg(Organisation):
    """A patient organisation."""

    sector = Sector.patient_org

    def step(self) -> None:
        """Put this quarter's outreach effort where it is needed.

        The share a backbone coordinates (:mod:`ecosim.conditions.backbone`) goes to
        regions by their unaware patients, the rest to the home region; in each region the
        effort is split between awareness and navigation by need.
        """
        m = self.model_
        effort = m.params.outreach.intensity
        awareness = m.patients.awareness
        member = bool(m.initiative.member[self.idx])
        coordinated = effort * m.initiative.services.coordinated * member
        by_region = coordinated * need_weights(awareness, m.patients.incidence.sum(axis=1))
        by_region[self.region] += effort - coordinated
        to_awareness = awareness_share(awareness, m.params.patients.trial_acceptance)
        m.outreach_awareness += by_region * to_awareness
        m.outreach_navigation += by_region * (1.0 - to_awareness)
