"""Payers: a size, a budget, a cost-effectiveness threshold and an appraisal capacity.

Payers differ: their shares of the population are drawn from a Dirichlet distribution
(``reimbursement.payer_share_concentration``), their thresholds from a log-normal around
the scenario's median (``reimbursement.threshold_spread``), and each one's budget for new
therapies is the average payer's budget scaled by its share. Each follows the scenario's
reimbursement rule (:mod:`ecosim.rules.reimbursement`), or, for a share
``reimbursement.second_rule_payers`` of them, ``second_rule``: it decides, prices, pays
and reviews by its own rule.

Each quarter a payer adds ``reimbursement.appraisals_per_year / 4`` appraisal slots
(unused ones carry over up to one plus a quarter's worth), starts appraisals of the
approved therapies waiting, in order of approval, while slots last, decides on those
whose appraisal has run its course (:meth:`ecosim.market.Market.decide`) and reviews
provisional cover. The delay from approval to a decision is therefore the queue plus
the appraisal, and it lengthens when many therapies arrive at once.

At the start of each year its budget for new therapies is reset to its annual budget
less the expected yearly spend on the therapies it already covers, so a budget cap binds
across years; it also decides whether it covers the companion test
(:func:`ecosim.diagnostics.decide_coverage`), whose yearly spend then leaves the budget.
"""

from __future__ import annotations

from ecosim import diagnostics
from ecosim.agents.base import Organisation
from ecosim.sectors import Sector
from ecosim.units import QUARTERS_PER_YEAR, USD_PER_MUSD

__all__ = ["Payer"]


class Payer(Organisation):
    """A health-insurance payer.

    Attributes:
        share: its share of the population (set with :meth:`set_size`).
        threshold_usd: its cost-effectiveness threshold (USD/QALY).
        budget_left_usd: what is left of this year's budget for new therapies.
        appraisal_slots: appraisals it can start now.
        covers_test: whether it pays for the companion test this year.
        rule: its coverage rule (:mod:`ecosim.rules.reimbursement`).
    """

    sector = Sector.payer

    def __init__(self, model, region: int):
        super().__init__(model, region)
        reimb = model.params.reimbursement
        self.share = 1.0
        self._n_payers = 1
        self.rule = model.coverage
        """Its reimbursement rule (the scenario's ``rule``, or ``second_rule``)."""
        self.threshold_usd = reimb.threshold_usd_per_qaly
        self.budget_left_usd = self.annual_budget_usd()
        self.appraisal_slots = 0.0
        # until its first appraisal, a payer that appraises the test does not cover it
        self.covers_test = reimb.companion_test_reimbursed and not reimb.test_appraisal

    def set_size(self, share: float, n_payers: int, threshold_usd: float) -> None:
        """Its population share (of ``n_payers``) and threshold, drawn by the world."""
        self.share = share
        self._n_payers = n_payers
        self.threshold_usd = threshold_usd
        self.budget_left_usd = self.annual_budget_usd()

    def annual_budget_usd(self) -> float:
        """Its yearly budget for new therapies: the average payer's, scaled by its share."""
        reimb = self.model_.params.reimbursement
        return reimb.annual_budget_musd * USD_PER_MUSD * self.share * self._n_payers

    def step(self) -> None:
        """Renew the yearly budget, start appraisals, decide on therapies appraised."""
        m = self.model_
        reimb = m.params.reimbursement
        if m.steps % QUARTERS_PER_YEAR == 1:  # a new year: the budget less what is committed
            self.budget_left_usd = self.annual_budget_usd() - m.market.committed_usd(self)
            self.covers_test = diagnostics.decide_coverage(m, self)
            if self.covers_test:
                tests = m.last_tests_per_year * self.share
                self.budget_left_usd -= tests * m.params.patients.test_cost_usd
        quarter = reimb.appraisals_per_year / QUARTERS_PER_YEAR
        self.appraisal_slots = min(self.appraisal_slots + quarter, 1.0 + quarter)
        m.market.decide(self)
