"""Biotech: discovery and platform firms with little cash and a runway.

Decision rule each quarter: start programmes from the platform; pay overheads; raise a
financing round when the pipeline is promising (less likely when open IP weakens
appropriation); license out or co-develop with pharma when the runway is short; exit
when cash runs out (programmes are sold to a pharma partner if one agrees, otherwise
stopped). New firms enter at ``population.biotech_entry_per_year``.
"""

from __future__ import annotations

from ecosim.agents.firm import Firm
from ecosim.pipeline import EndReason, Phase
from ecosim.sectors import Sector
from ecosim.units import QUARTERS_PER_YEAR
from ecosim.valuation import quarterly_burn

__all__ = ["Biotech"]


class Biotech(Firm):
    """A biotech firm."""

    sector = Sector.biotech

    def __init__(self, model, region: int):
        super().__init__(model, region, cash=model.params.firms.biotech_initial_cash_musd)

    def max_programmes(self) -> int:
        """Capacity from the scenario (``firms.max_programmes_biotech``)."""
        return self.model_.params.firms.max_programmes_biotech

    def step(self) -> None:
        """Start programmes, finance the firm, partner when short of cash, or exit."""
        m = self.model_
        firms = m.params.firms
        self.start_programmes(firms.biotech_new_programmes_per_year)
        overhead = firms.biotech_overhead_musd_per_year / QUARTERS_PER_YEAR
        m.transfer(self.idx, "overhead", overhead)
        m.record_spend("overhead", overhead)
        ids = self.active_programmes()
        burn = overhead + quarterly_burn(m, ids)
        if len(ids) and m.rng.random() < self.raise_probability(ids):
            m.transfer("investors", self.idx, firms.biotech_round_musd)
        runway = firms.biotech_runway_years * QUARTERS_PER_YEAR
        if self.cash < burn * runway and len(ids):
            m.deals.seek_pharma_partner(self)
        if self.cash < 0:
            self.exit()

    def raise_probability(self, ids) -> float:
        """Chance of closing a round this quarter: pipeline stage, IP appropriability."""
        m = self.model_
        firms = m.params.firms
        stage = m.programmes.phase[ids].max()
        stage_factor = firms.raise_stage_base + firms.raise_stage_step * max(
            0, int(stage) - int(Phase.PRECLINICAL)
        )
        return min(1.0, firms.biotech_raise_probability * stage_factor * m.ip.appropriability())

    def exit(self) -> None:
        """Leave the ecosystem: sell programmes if a pharma agrees, stop the rest."""
        m = self.model_
        for pid in self.active_programmes():
            if not m.deals.sell_programme(self, pid):
                m.end_programmes([pid], EndReason.owner_exit)
        m.deals.hand_over_therapies(self)
        m.organisation_exit(self)
