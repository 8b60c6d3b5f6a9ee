"""The backbone organisation of a collective-impact initiative.

Exists only while the backbone condition is in place. Once a year, right after the
members' yearly review (:mod:`ecosim.initiative`), it plans: it sees its budget (outside
funders and the members' fees, :mod:`ecosim.conditions.backbone`) and what the
initiative's members, newcomers included, would use (introductions, regulatory liaison, invitations
to its platforms, outreach coordination), and buys services for the year; each quarter
it spends a quarter of the plan and delivers a quarter of the services. Whether it pays
for itself is an outcome, not an assumption.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.agents.base import Organisation
from ecosim.conditions.backbone import Services
from ecosim.pipeline import Phase
from ecosim.sectors import Sector
from ecosim.units import QUARTERS_PER_YEAR

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["Backbone"]


class Backbone(Organisation):
    """A backbone organisation.

    Attributes:
        services: what it buys this year (:class:`ecosim.conditions.backbone.Services`).
    """

    sector = Sector.backbone

    def __init__(self, model: EcosystemModel, region: int):
        super().__init__(model, region)
        self.services = Services()

    def step(self) -> None:
        """Spend and deliver a quarter of the year's plan (nothing before the first plan)."""
        m = self.model_
        s = self.services
        fees = min(s.spend, m.initiative.fees_per_year()) / QUARTERS_PER_YEAR
        outside = s.spend / QUARTERS_PER_YEAR - fees
        m.record_spend("backbone", s.spend / QUARTERS_PER_YEAR)
        m.transfer("initiative_fees", "backbone", fees)
        m.transfer("backbone_funders", "backbone", outside)
        m.liaison_slots += s.liaison / QUARTERS_PER_YEAR
        m.introductions = min(m.introductions, 1.0) + s.introductions / QUARTERS_PER_YEAR
        m.invitations = min(m.invitations, 1.0) + s.invitations / QUARTERS_PER_YEAR

    def need(self) -> np.ndarray:
        """Introductions, liaisons and invitations the members would use in a year."""
        m = self.model_
        p = m.programmes
        members = m.initiative.member
        pharma = m.live_indices(Sector.pharma)
        searches = members[pharma].sum() * m.params.firms.pharma_searches_per_year
        act = p.active_ids()
        mine = members[p.owner[act]]
        years = m.phase_tables["duration"] / QUARTERS_PER_YEAR
        to_phase1 = (mine & (p.phase[act] == Phase.PRECLINICAL)).sum() / years[Phase.PRECLINICAL]
        to_phase3 = (mine & (p.phase[act] == Phase.PHASE2)).sum() / years[Phase.PHASE2]
        chance = m.params.partnering.academic_collaboration_chance
        invitations = m.consortia.platform_candidates()
        return np.array([searches + chance * to_phase1, to_phase3, invitations])

    def plan(self) -> None:
        """Buy this year's services with this year's budget."""
        m = self.model_
        bb = m.conditions.backbone
        orgs = int(m.initiative.members()[m.live_indices(Sector.patient_org)].sum())
        self.services = bb.buy(bb.budget(m.initiative.fees_per_year()), self.need(), orgs)
        m.initiative.services = self.services
