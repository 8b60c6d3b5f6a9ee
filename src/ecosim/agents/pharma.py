"""Pharma: large firms with clinical, regulatory and commercial capability.

Decision rule each quarter:

1. start internal discovery programmes (``firms.pharma_new_programmes_per_year``);
2. in-license or co-develop external assets (about half of clinical assets are sourced
   externally): pick a biotech programme by partner score, negotiate by trust;
3. fund by expected value: when the quarter's planned spend exceeds the R&D budget,
   stop the programmes with the lowest expected value (risk-adjusted sales less
   remaining cost) until it fits.
"""

from __future__ import annotations

import numpy as np

from ecosim.agents.firm import Firm
from ecosim.pipeline import EndReason, Phase
from ecosim.sectors import Sector
from ecosim.units import QUARTERS_PER_YEAR
from ecosim.valuation import expected_value, quarterly_cost

__all__ = ["Pharma"]


class Pharma(Firm):
    """A large pharmaceutical company."""

    sector = Sector.pharma

    def __init__(self, model, region: int):
        super().__init__(model, region, cash=model.params.firms.pharma_budget_musd_per_year)

    def max_programmes(self) -> int:
        """Capacity from the scenario (``firms.max_programmes_pharma``)."""
        return self.model_.params.firms.max_programmes_pharma

    def step(self) -> None:
        """Start programmes, source external assets, and fund by expected value."""
        m = self.model_
        firms = m.params.firms
        # the R&D budget is set yearly: unspent budget does not pile up beyond a year's
        budget = firms.pharma_budget_musd_per_year
        topped_up = min(self.cash + budget / QUARTERS_PER_YEAR, budget)
        m.transfer("parent_budget", self.idx, topped_up - self.cash)  # negative: budget lapses
        self.start_programmes(firms.pharma_new_programmes_per_year)
        # in-licensing: searches in proportion to the share of assets sourced externally;
        # about half of searches end in a deal (negotiation), so roughly half of the
        # clinical pipeline ends up external, as in the deal data
        searches = m.rng.poisson(
            firms.pharma_new_programmes_per_year * firms.in_licensing_share / QUARTERS_PER_YEAR
        )
        for _ in range(searches + m.conditions.backbone.matchmaking_rounds(m.rng)):
            m.deals.seek_asset(self)
        self.fund_by_expected_value()

    def fund_by_expected_value(self) -> None:
        """Stop the lowest-value programmes while planned spend exceeds the budget."""
        m = self.model_
        ids = self.active_programmes()
        if len(ids) == 0:
            return
        spend = quarterly_cost(m, ids)
        budget = max(self.cash, 0.0)
        if spend.sum() <= budget:
            return
        value = expected_value(m, ids)
        order = np.argsort(value, kind="stable")
        cum = spend.sum()
        stop = []
        for k in order:
            if cum <= budget:
                break
            # stopping a pausing programme saves nothing this quarter, and a programme in
            # review costs little and is nearly done
            if spend[k] <= 0 or m.programmes.phase[ids[k]] == Phase.REVIEW:
                continue
            stop.append(ids[k])
            cum -= spend[k]
        m.end_programmes(np.array(stop, dtype=np.int64), EndReason.strategic)
