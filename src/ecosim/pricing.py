"""Launch prices: the firm sets the country's list price against what its payers pay.

At approval a therapy has a reference price, what the world market pays for a therapy of
its kind (``reimbursement.price_usd_per_patient`` x a mean-one log-normal,
``therapies.price_spread``); the rest of the world pays
``market.rest_of_world_price_ratio`` times it (:mod:`ecosim.world_sales`). For this
country the owner sets a list price at or below the reference price that maximises its
expected revenue per patient, sum over payers of share_k x paid_k(p), where paid_k(p) is
what payer k's own rule would decide at list price p on the trial's estimate of the QALY
gain, with the payer's threshold, the budget it has left and the outcome data of the day
(:meth:`ecosim.rules.reimbursement.CoverageRule.decide`, as payers decide). The prices
worth trying are the reference price and, below it, the prices at which a payer's
decision changes, as its rule reports them (:meth:`ecosim.rules.reimbursement.
CoverageRule.price_points`: for the threshold rule the highest price accepted without a
discount, threshold x the estimate, and with the largest one, that divided by
``1 - reimbursement.max_discount``; a relaxed threshold under coverage with evidence
development, the share of the price paid under an outcome-based agreement, the budget
left under a budget cap); ties go to the higher price.

Where other markets reference the country's price (``market.reference_pricing_share``
of the rest-of-world sales, :mod:`ecosim.world_sales`), each USD of list price is also
worth that share of the therapy's rest-of-world patients per patient here, so the firm
weighs the coverage a lower price buys here against what it loses abroad.

So a firm asks less where low thresholds would leave its therapy uncovered, and keeps
its price, and stays unavailable to some payers, when the payers who pay it are worth
more than those who would not (the W.A.I.T. pattern of partial availability). Prices
are public and firms know the payers' thresholds and rules (they are published); the
firm does not foresee later changes of budgets or of the evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecosim import world_sales
from ecosim.rules.reimbursement import CoverageCase
from ecosim.units import QUARTERS_PER_YEAR, TOLERANCE

if TYPE_CHECKING:
    from ecosim.agents.payer import Payer
    from ecosim.model import EcosystemModel

__all__ = ["expected_revenue", "launch_price", "referenced_revenue"]


def expected_revenue(
    payers: list[Payer], price: float, estimate: float, outcome_data: float, yearly: float
) -> float:
    """Expected revenue per patient (USD) at list ``price``: payers' shares x what each pays.

    Args:
        payers: the country's payers.
        price: list price per treated patient (USD).
        estimate: the trial's estimate of the QALY gain per patient.
        outcome_data: coverage of shared outcome data, 0-1.
        yearly: patients a year the therapy would treat across the whole population.
    """
    total = 0.0
    for payer in payers:
        d = payer.rule.decide(_case(payer, price, estimate, outcome_data, yearly))
        if d.covered:
            total += payer.share * d.paid_per_patient
    return total


def _case(
    payer: Payer, price: float, estimate: float, outcome_data: float, yearly: float
) -> CoverageCase:
    """What payer ``payer`` would know about the therapy at list ``price``."""
    budget, threshold = payer.budget_left_usd, payer.threshold_usd
    return CoverageCase(price, estimate, outcome_data, yearly * payer.share, budget, threshold)


def launch_price(
    payers: list[Payer],
    reference: float,
    estimate: float,
    outcome_data: float,
    yearly: float,
    max_discount: float,
    referenced: float = 0.0,
) -> float:
    """The list price (USD per patient) that maximises expected revenue, at most ``reference``.

    Args:
        payers: the country's payers.
        reference: the therapy's reference (world) price.
        estimate: the trial's estimate of the QALY gain per patient.
        outcome_data: coverage of shared outcome data, 0-1.
        yearly: patients a year the therapy would treat across the whole population.
        max_discount: the largest discount a firm grants (``reimbursement.max_discount``).
        referenced: rest-of-world revenue per patient here that moves with each USD of the
            list price (international reference pricing; 0 when nobody references it).
    """
    candidates = {reference}
    for payer in payers:
        case = _case(payer, reference, estimate, outcome_data, yearly)
        for point in payer.rule.price_points(case):
            price = point * (1.0 - TOLERANCE)  # just below, so rounding keeps its side
            if 0 < price < reference:
                candidates.add(price)
    best, value = reference, -1.0
    for price in sorted(candidates, reverse=True):  # ties go to the higher price
        revenue = expected_revenue(payers, price, estimate, outcome_data, yearly)
        revenue += referenced * price
        if revenue > value:
            best, value = price, revenue
    return best


def referenced_revenue(m: EcosystemModel, precision: bool, subtype: int, yearly: float) -> float:
    """Rest-of-world revenue per patient here per USD of the country's list price.

    The share ``market.reference_pricing_share`` of the therapy's rest-of-world patients
    (:func:`ecosim.world_sales.world_multiplier` per addressable patient) pays
    ``market.rest_of_world_price_ratio`` times the country's price; ``yearly`` is the
    patients a year it would treat here.
    """
    mp = m.params.market
    abroad = world_sales.addressable(m, precision)[subtype] * QUARTERS_PER_YEAR
    abroad *= world_sales.world_multiplier(m, precision)
    return mp.reference_pricing_share * mp.rest_of_world_price_ratio * abroad / yearly
