"""Pharma: large firms with clinical, regulatory and commercial capability.

A pharma firm's cash is its oncology R&D account. Its parent company sets the R&D
budget from revenue (``firms.rd_intensity``, adjusting by
``firms.budget_adjustment_per_year``), funds a quarter of it each quarter and takes back
cash beyond ``firms.reserve_years`` of budget. Decisions (:mod:`ecosim.portfolio`): a
yearly portfolio review, starts and gates by value within its headroom, in-licensing
(:mod:`ecosim.deals`), and cutting the quarter's spend to its cash.
"""

from __future__ import annotations

from ecosim import portfolio
from ecosim.agents.firm import Firm
from ecosim.sectors import Sector
from ecosim.units import MUSD_PER_BUSD, QUARTERS_PER_YEAR

__all__ = ["Pharma"]


class Pharma(Firm):
    """A large pharmaceutical company."""

    sector = Sector.pharma

    def __init__(self, model, region: int):
        firms = model.params.firms
        super().__init__(model, region, cash=firms.pharma_initial_cash_musd)
        self.rd_budget = firms.pharma_initial_cash_musd
        """Yearly R&D budget (million USD), moving towards R&D intensity x revenue."""
        self.overdraft = 0.0
        """What the parent advanced to honour commitments beyond the cash (million USD)."""

    def settle(self) -> None:
        """At the end of a quarter the parent covers commitments beyond the R&D cash.

        Milestones, co-development shares and trials that outran the plan are honoured;
        the advance is repaid from the next quarters' budget funding.
        """
        if self.cash < 0:
            self.overdraft -= self.cash
            self.model_.transfer("parent", self.idx, -self.cash)

    def max_programmes(self) -> int:
        """Capacity from the scenario (``firms.max_programmes_pharma``)."""
        return self.model_.params.firms.max_programmes_pharma

    def set_budget(self) -> None:
        """Once a year, move the R&D budget towards R&D intensity x last year's revenue.

        Revenue is the firm's sales and royalties in this ecosystem plus the group's
        revenue from elsewhere (``firms.pharma_other_revenue_musd_per_year``).
        """
        m = self.model_
        firms = m.params.firms
        revenue = m.yearly_revenue(self.idx) + firms.pharma_other_revenue_musd_per_year
        target = firms.rd_intensity * revenue
        self.rd_budget += firms.budget_adjustment_per_year * (target - self.rd_budget)

    def step(self) -> None:
        """Budget, review the portfolio, start programmes, seek assets, allocate cash.

        Once a year the firm sets its budget and reviews its portfolio
        (:func:`ecosim.portfolio.review`). Each quarter the parent funds a quarter of the
        budget and takes back cash beyond the reserve; research yields ideas in
        proportion to the budget (``firms.pharma_ideas_per_busd``); business development
        seeks external assets; and spending is cut to the cash
        (:func:`ecosim.portfolio.allocate`).
        """
        m = self.model_
        firms = m.params.firms
        if m.steps % QUARTERS_PER_YEAR == 1:  # a new year
            if m.steps > 1:
                self.set_budget()
            portfolio.review(m, self)
        # the parent funds a quarter of the budget, less what it advanced last quarter
        funding = self.rd_budget / QUARTERS_PER_YEAR
        repaid = min(self.overdraft, funding)
        self.overdraft -= repaid
        m.transfer("parent", self.idx, funding - repaid)
        excess = self.cash - firms.reserve_years * self.rd_budget
        if excess > 0:
            m.transfer(self.idx, "parent", excess)  # R&D cash beyond the reserve lapses
        self.start_programmes(firms.pharma_ideas_per_busd * self.rd_budget / MUSD_PER_BUSD)
        searches = m.rng.poisson(firms.pharma_searches_per_year / QUARTERS_PER_YEAR)
        introduced = int(bool(m.initiative.member[self.idx]) and m.introductions >= 1.0)
        m.introductions -= introduced  # the backbone's introduction (ecosim.agents.Backbone)
        for _ in range(searches + introduced):
            m.deals.seek_asset(self)
        portfolio.allocate(m, self)
