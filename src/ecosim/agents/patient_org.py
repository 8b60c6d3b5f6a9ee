"""Patient organisations: awareness campaigns and trial navigation where they are needed.

Each organisation splits its outreach effort between awareness campaigns and trial
navigation by the need in the region it serves, and a backbone organisation directs a
share of it to the regions with the most unaware patients (:mod:`ecosim.outreach`;
"Right Team, Right Tests, Right Treatments").
"""

from __future__ import annotations

from ecosim.agents.base import Organisation
from ecosim.decisions import OutreachView
from ecosim.outreach import awareness_share, need_weights
from ecosim.sectors import Sector

__all__ = ["PatientOrg"]


class PatientOrg(Organisation):
    """A patient organisation."""

    sector = Sector.patient_org

    def _own_outreach(self, own: float) -> tuple[int, float]:
        """Where the organisation's own effort ``own`` goes, and how much of it reaches patients.

        Home, all of it, unless a person plays the organisation and sends it elsewhere,
        where the ``outreach.away_reach`` share of it reaches patients.
        """
        m = self.model_
        if self.idx not in m.decisions.controls:
            return self.region, own
        view = OutreachView(
            row=self.idx,
            home=self.region,
            effort=float(own),
            away_reach=m.params.outreach.away_reach,
            unaware=tuple(float(1 - a) for a in m.patients.awareness),
            patients_per_quarter=tuple(float(x) for x in m.patients.incidence.sum(axis=1)),
        )
        region = int(m.decisions.outreach_region(view, self.region))
        if not 0 <= region < len(view.unaware):  # not a region: the effort stays home
            region = self.region
        return region, own if region == self.region else own * view.away_reach

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
        region, reach = self._own_outreach(effort - coordinated)
        by_region[region] += reach
        to_awareness = awareness_share(awareness, m.params.patients.trial_acceptance)
        m.outreach_awareness += by_region * to_awareness
        m.outreach_navigation += by_region * (1.0 - to_awareness)
