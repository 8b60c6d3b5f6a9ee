"""Annuity payment: cover as under the threshold rule, but pay over several years.

Proposed for expensive one-off therapies, an annuity spreads a treated patient's price
over ``years`` in equal quarterly instalments that include interest at
``interest_rate_per_year`` (so their present value at that rate is the negotiated
price). The decision is the threshold rule's. Instalments are paid when due to whoever
holds the therapy then; at the horizon the instalments still owed are counted in payer
spend and in cost per QALY (:mod:`ecosim.payments`). The payer's yearly budget impact
is what falls due in the first year.
"""

from __future__ import annotations

import numpy as np

from ecosim.parameters import Section, param
from ecosim.rules.reimbursement.base import CoverageCase, CoverageRule, Decision, register
from ecosim.units import QUARTERS_PER_YEAR

__all__ = ["Annuity"]


class AnnuityParams(Section):
    """Parameters of annuity payment."""

    years: float = param(
        5.0,
        "years",
        "Years over which a treated patient's price is paid.",
        source="Annuity proposals for one-off therapies spread payment over about five "
        "years (Jørgensen and Kefalas 2017, J Mark Access Health Policy 5:1355203).",
        gt=0,
        le=30,
    )
    interest_rate_per_year: float = param(
        0.035,
        "per year",
        "Interest included in the instalments (the rate at which they are worth the price).",
        source="NICE reference-case discount rate of 3.5 % a year (NICE 2022 health "
        "technology evaluations manual).",
        ge=0,
        le=0.5,
    )


@register
class Annuity(CoverageRule):
    """Threshold decision, payment in instalments over several years."""

    name = "annuity"
    Params = AnnuityParams

    def decide(self, case: CoverageCase) -> Decision:
        """Cover at the negotiated price after the full delay, or reject."""
        return self.threshold_decision(case, self.name)

    def payment_schedule(self) -> np.ndarray:
        """Equal quarterly instalments whose present value is the price."""
        n = max(1, round(self.own.years * QUARTERS_PER_YEAR))
        rate = (1.0 + self.own.interest_rate_per_year) ** (1.0 / QUARTERS_PER_YEAR) - 1.0
        if rate <= 0:
            return np.full(n, 1.0 / n)
        # the first instalment is due at treatment (an annuity due)
        discount = (1.0 + rate) ** -np.arange(n)
        return np.full(n, 1.0 / discount.sum())

    def budget_impact(self, paid_per_patient: float, yearly_patients: float) -> float:
        """What falls due in the first year for one year's patients (USD)."""
        first_year = self.payment_schedule()[:QUARTERS_PER_YEAR].sum()
        return paid_per_patient * yearly_patients * first_year
