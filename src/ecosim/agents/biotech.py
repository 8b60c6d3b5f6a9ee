"""Biotech: discovery and platform firms with little cash and a runway.

A biotech is owned by venture funds (``stakes``: fund row -> share). Decision rule each
quarter: review its portfolio once a year (:func:`ecosim.portfolio.review`); start
programmes from the platform that are worth starting; pay overheads; when its cash
covers less than ``firms.biotech_runway_years`` of its burn, ask its investors (largest
holder first, then the other funds) for a round of ``firms.biotech_round_musd``
(:meth:`ecosim.agents.investor.Investor.fund_round`) and, failing that, offer a
programme to pharma (:mod:`ecosim.deals`); return cash beyond its needs to its
shareholders; exit when cash runs out or after ``firms.biotech_idle_years`` without a
programme (programmes are sold to a pharma firm if one
gains from them, otherwise stopped; what cash is left goes to the shareholders). New
biotechs are founded by the funds (:func:`ecosim.agents.investor.found_biotechs`).
"""

from __future__ import annotations

import numpy as np

from ecosim import portfolio
from ecosim.agents.firm import Firm
from ecosim.perspectives import make, sales_factor, team_beliefs, typical_buyer
from ecosim.pipeline import EndReason
from ecosim.sectors import Capability, Sector
from ecosim.units import QUARTERS_PER_YEAR
from ecosim.valuation import candidates, quarterly_burn, seller_value, value

__all__ = ["Biotech"]


class Biotech(Firm):
    """A biotech firm."""

    sector = Sector.biotech

    def __init__(self, model, region: int, cash: float | None = None):
        initial = model.params.firms.biotech_initial_cash_musd if cash is None else cash
        super().__init__(model, region, cash=initial)
        self.stakes: dict[int, float] = {}
        """Share of the firm each venture fund holds (fund row -> share)."""
        self.busy_at = model.steps
        """Last quarter the firm had a programme in development."""

    def max_programmes(self) -> int:
        """Capacity from the scenario (``firms.max_programmes_biotech``)."""
        return self.model_.params.firms.max_programmes_biotech

    def burn(self, ids: np.ndarray) -> float:
        """Quarterly spend: overhead and the firm's share of its programmes (million USD)."""
        overhead = self.model_.params.firms.biotech_overhead_musd_per_year / QUARTERS_PER_YEAR
        return overhead + quarterly_burn(self.model_, ids)

    def step(self) -> None:
        """Review, start programmes, finance the firm, partner when short, distribute, exit."""
        m = self.model_
        firms = m.params.firms
        if m.steps % QUARTERS_PER_YEAR == 1:  # the yearly portfolio review
            portfolio.review(m, self)
        self.start_programmes(firms.biotech_new_programmes_per_year)
        overhead = firms.biotech_overhead_musd_per_year / QUARTERS_PER_YEAR
        m.transfer(self.idx, "overhead", overhead)
        m.record_spend("overhead", overhead)
        ids = self.active_programmes()
        if len(ids):
            self.busy_at = m.steps
        elif m.steps - self.busy_at >= firms.biotech_idle_years * QUARTERS_PER_YEAR:
            self.exit()  # its investors wind up a platform that produces nothing
            return
        burn = self.burn(ids)
        runway = firms.biotech_runway_years * QUARTERS_PER_YEAR
        if len(ids) and self.cash < burn * runway:
            self.raise_round(ids)
            if self.cash < burn * runway:
                m.deals.seek_pharma_partner(self)
        self.distribute(burn)
        if self.cash < 0:
            self.exit()

    def pipeline_value(self, ids: np.ndarray) -> float:
        """What investors think the programmes are worth (their rate, the option to sell)."""
        m = self.model_
        if len(ids) == 0:
            return 0.0
        rate = m.params.investors.discount_rate
        reach = float(
            m.params.market.detailing_reach_per_quarter * self.caps[Capability.commercial]
        )
        team = team_beliefs(m, m.track_record.public(), self.caps)
        own = make(m, rate, team, sales_factor(m, reach, rate))
        c = candidates(m, ids)
        cost, sales, royalty = portfolio.terms_of(m, self.idx, ids)
        mine = value(m, own, c, cost, sales, royalty)
        sold = value(m, typical_buyer(m), c, cost, sales, royalty)
        return float(seller_value(m, mine, sold).sum())

    def raise_round(self, ids: np.ndarray) -> bool:
        """Ask the funds for a round, the largest holder first; whether one invested."""
        m = self.model_
        funds = m.live_indices(Sector.investor)
        if len(funds) == 0:
            return False
        held = sorted(self.stakes, key=lambda k: -self.stakes[k])
        others = [int(f) for f in m.rng.permutation(funds) if int(f) not in self.stakes]
        worth = self.pipeline_value(ids)
        size = m.params.firms.biotech_round_musd
        for fund in held + others:
            if m.alive[fund] and m.org(fund).fund_round(self, size, worth):
                return True
        return False

    def distribute(self, burn: float, everything: bool = False) -> None:
        """Return cash to the shareholders beyond what the firm needs.

        It keeps ``investors.distribution_years`` of burn; on exit, nothing. A biotech
        that wants more (a new programme, a trial) raises a round.
        """
        m = self.model_
        years = m.params.investors.distribution_years * QUARTERS_PER_YEAR
        keep = years * burn
        excess = self.cash - (0.0 if everything else keep)
        holders = {k: s for k, s in self.stakes.items() if m.alive[k] and s > 0}
        total = sum(holders.values())
        if excess <= 0 or total <= 0:
            return
        for fund, share in holders.items():
            m.org(fund).receive(self, excess * share / total)

    def exit(self) -> None:
        """Leave the ecosystem: sell programmes if a pharma agrees, stop the rest."""
        m = self.model_
        for pid in self.active_programmes():
            if not m.deals.sell_programme(self, pid):
                m.end_programmes([pid], EndReason.owner_exit)
        m.deals.hand_over_therapies(self)
        self.distribute(0.0, everything=True)
        m.organisation_exit(self)
