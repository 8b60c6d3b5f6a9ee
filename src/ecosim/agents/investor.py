"""Venture funds: finite capital that flows in with past returns and founds biotechs.

Each quarter a fund may invest ``investors.deployment_per_year`` / 4 of its dry powder
(its cash); a follow-on round may draw up to a year of that pace ahead, which later
quarters make up. Biotechs of its portfolio short of cash ask it first for a follow-on round
(:meth:`Investor.fund_round`): it invests when it values the biotech's pipeline, at
``investors.discount_rate`` and with the option to sell programmes
(:func:`ecosim.valuation.seller_value`), at more than nothing, buying a share of the
firm at that value. What is left of the quarter's deployment founds new biotechs
(:func:`found_biotechs`), each with ``firms.biotech_initial_cash_musd``: entry follows
capital. Biotechs return cash beyond their needs to their shareholders
(:meth:`ecosim.agents.biotech.Biotech.distribute`).

Once a year limited partners commit new capital: ``investors.commitments_musd_per_year``
shared among the funds, times ``(multiple / reference_multiple)^flow_elasticity`` where
the multiple is distributions over paid-in capital of the fund over the last
``investors.return_window_years`` (with ``prior_years`` of investment at the reference
multiple as a prior). Distributions pass on to limited partners. So the IP regime, the
payers and the market reach investors through the revenues their biotechs earn.
"""

from __future__ import annotations

from collections import deque

from ecosim.agents.base import Organisation
from ecosim.agents.biotech import Biotech
from ecosim.sectors import Sector
from ecosim.units import QUARTERS_PER_YEAR, TINY

__all__ = ["Investor", "found_biotechs"]


class Investor(Organisation):
    """A venture fund."""

    sector = Sector.investor

    def __init__(self, model, region: int):
        inv = model.params.investors
        super().__init__(model, region, cash=inv.initial_capital_musd)
        window = max(1, round(inv.return_window_years * QUARTERS_PER_YEAR))
        self.paid_in: deque[float] = deque([0.0] * window, maxlen=window)
        self.returned: deque[float] = deque([0.0] * window, maxlen=window)
        self.budget = 0.0
        """What the fund may still invest this quarter (million USD)."""

    def multiple(self) -> float:
        """Realised multiple: distributions over paid-in capital, with the prior."""
        inv = self.model_.params.investors
        prior = inv.prior_years * inv.commitments_musd_per_year / inv.funds
        paid = prior + sum(self.paid_in)
        back = prior * inv.reference_multiple + sum(self.returned)
        return back / paid if paid > TINY else inv.reference_multiple

    def step(self) -> None:
        """Raise capital once a year; set the quarter's deployment; pass on distributions."""
        m = self.model_
        inv = m.params.investors
        if m.steps % QUARTERS_PER_YEAR == 1:
            flow = (self.multiple() / inv.reference_multiple) ** inv.flow_elasticity
            m.transfer(
                "limited_partners", self.idx, inv.commitments_musd_per_year / inv.funds * flow
            )
        self.paid_in.append(0.0)
        self.returned.append(0.0)
        # unspent pace does not carry over; pace drawn ahead by a round is made up
        self.budget = min(self.budget, 0.0) + self.pace() / QUARTERS_PER_YEAR

    def pace(self) -> float:
        """What the fund invests in a year at its deployment rate (million USD)."""
        return max(self.cash, 0.0) * self.model_.params.investors.deployment_per_year

    def invest(self, biotech: Organisation, musd: float, stake: float) -> None:
        """Pay ``musd`` into ``biotech`` for a share ``stake`` of it (others dilute)."""
        m = self.model_
        m.transfer(self.idx, biotech.idx, musd)
        self.budget -= musd
        self.paid_in[-1] += musd
        holders = biotech.stakes
        for k in holders:
            holders[k] *= 1.0 - stake
        holders[self.idx] = holders.get(self.idx, 0.0) + stake

    def receive(self, biotech: Organisation, musd: float) -> None:
        """A distribution from a portfolio firm, passed on to the limited partners."""
        m = self.model_
        m.transfer(biotech.idx, self.idx, musd)
        self.returned[-1] += musd
        m.transfer(self.idx, "limited_partners", musd)

    def fund_round(self, biotech: Organisation, musd: float, pipeline_value: float) -> bool:
        """Invest a round of ``musd`` if the pipeline is worth something and the pace allows.

        A round may draw up to a year of the fund's pace ahead (:meth:`pace`).
        """
        if pipeline_value <= 0 or self.budget + self.pace() < musd or self.cash < musd:
            return False
        pre = pipeline_value + max(biotech.cash, 0.0)
        self.invest(biotech, musd, musd / (pre + musd))
        return True


def found_biotechs(m) -> None:
    """Funds spend what is left of their quarter's deployment founding new biotechs.

    Each fund founds at most ``investors.foundings_per_year`` / 4 a quarter.
    """
    seed = m.params.firms.biotech_initial_cash_musd
    capacity = m.params.investors.foundings_per_year / QUARTERS_PER_YEAR
    funds = [m.org(int(i)) for i in m.live_indices(Sector.investor)]
    if seed <= 0:
        return
    for fund in funds:
        # the budget buys budget / seed companies: the fraction as a chance of one more
        expected = min(max(min(fund.budget, fund.cash), 0.0) / seed, capacity)
        for _ in range(int(expected) + int(m.rng.random() < expected - int(expected))):
            if fund.cash < seed:
                break
            firm = Biotech(m, int(m.rng.integers(m.params.population.regions)), cash=0.0)
            fund.invest(firm, seed, 1.0)
            m.tally["firm_entries"] += 1
