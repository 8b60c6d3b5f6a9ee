"""Biotech: discovery and platform firms with little cash and a runway.

Decision rule each quarter: start programmes from the platform; pay overheads; raise a
financing round when the pipeline is promising (less likely when open IP weakens
appropriation); license out or co-develop with pharma when the runway is short; exit
when cash runs out (programmes are sold to a pharma partner if one agrees, otherwise
stopped). New firms enter at ``population.biotech_entry_per_year``.
"""

from __future__ import annotations

from ecosim.agents.firm import Firm
from ecosim.pipeline import Phase

__all__ = ["Biotech"]

RUNWAY_QUARTERS = 4
"""A biotech looks for a partner when its cash covers fewer quarters than this."""

STAGE_FACTOR_PRECLINICAL = 0.5
"""Relative chance of raising a round with a pipeline at preclinical stage at most."""

STAGE_FACTOR_STEP = 0.25
"""Added relative chance per phase beyond preclinical (investors pay for clinical data)."""


class Biotech(Firm):
    """A biotech firm."""

    sector = "biotech"

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
        overhead = firms.biotech_overhead_musd_per_year / 4.0
        m.transfer(self.idx, "overhead", overhead)
        m.record_spend("overhead", overhead)
        ids = self.active_programmes()
        burn = overhead + float(m.quarterly_cost(ids).sum())
        if len(ids) and m.rng.random() < self.raise_probability(ids):
            m.transfer("investors", self.idx, firms.biotech_round_musd)
        if self.cash < burn * RUNWAY_QUARTERS and len(ids):
            m.deals.seek_pharma_partner(self)
        if self.cash < 0:
            self.exit()

    def raise_probability(self, ids) -> float:
        """Chance of closing a round this quarter: pipeline stage, IP appropriability."""
        m = self.model_
        stage = m.programmes.phase[ids].max()
        stage_factor = STAGE_FACTOR_PRECLINICAL + STAGE_FACTOR_STEP * max(
            0, int(stage) - int(Phase.PRECLINICAL)
        )
        return min(
            1.0,
            m.params.firms.biotech_raise_probability * stage_factor * m.appropriability,
        )

    def exit(self) -> None:
        """Leave the ecosystem: sell programmes if a pharma agrees, stop the rest."""
        m = self.model_
        for pid in self.active_programmes():
            if not m.deals.sell_programme(self, pid):
                m.end_programmes([pid], "owner_exit")
        m.deals.hand_over_therapies(self)
        m.organisation_exit(self)
