"""Payers: a budget, a cost-effectiveness threshold and a reimbursement rule.

Each payer covers an equal share of the population. Every quarter it decides on the
approved therapies whose decision delay has passed (see
:mod:`ecosim.rules.reimbursement`) and re-evaluates provisional cover. At the start of
each year its budget for new therapies is reset to the annual budget less the expected
yearly spend on the therapies it already covers, so a budget cap binds across years.
"""

from __future__ import annotations

from ecosim.agents.base import Organisation
from ecosim.sectors import Sector
from ecosim.units import QUARTERS_PER_YEAR, USD_PER_MUSD

__all__ = ["Payer"]


class Payer(Organisation):
    """A health-insurance payer."""

    sector = Sector.payer

    def __init__(self, model, region: int):
        super().__init__(model, region)
        self.budget_left_usd = model.params.reimbursement.annual_budget_musd * USD_PER_MUSD
        self.share = 1.0  # set by the model once all payers exist

    def step(self) -> None:
        """Reset the yearly budget and decide on pending therapies."""
        m = self.model_
        if m.steps % QUARTERS_PER_YEAR == 1:  # a new year: the budget less what is committed
            budget = m.params.reimbursement.annual_budget_musd * USD_PER_MUSD
            self.budget_left_usd = budget - m.market.committed_usd(self)
        m.market.decide(self)
