"""Payers: a budget, a cost-effectiveness threshold and a reimbursement rule.

Each payer covers an equal share of the population. Every quarter it decides on the
approved therapies whose decision delay has passed (see
:mod:`ecosim.rules.reimbursement`) and re-evaluates provisional cover. At the start of
each year its budget for new therapies is reset to the annual budget less the expected
yearly spend on the therapies it already covers, so a budget cap binds across years.
"""

from __future__ import annotations

from ecosim.agents.base import Organisation

__all__ = ["Payer"]


class Payer(Organisation):
    """A health-insurance payer."""

    sector = "payer"

    def __init__(self, model, region: int):
        super().__init__(model, region)
        self.budget_left_usd = model.params.reimbursement.annual_budget_musd * 1e6
        self.share = 1.0  # set by the model once all payers exist

    def step(self) -> None:
        """Reset the yearly budget and decide on pending therapies."""
        m = self.model_
        if m.steps % 4 == 1:  # a new year: the budget less what covered therapies cost
            budget = m.params.reimbursement.annual_budget_musd * 1e6
            self.budget_left_usd = budget - m.market.committed_usd(self)
        m.market.decide(self)
