"""Launch prices: the owner sets the country's list price against what its payers pay.

A firm cuts its price to be covered where that raises its revenue, keeps it where the
payers who pay it are worth more, and keeps it when other markets reference the price
(international reference pricing), so availability follows from the firms' choice.
"""

import numpy as np
import pytest

from ecosim import pricing
from ecosim.model import EcosystemModel

from .conftest import small

REFERENCE = 120_000.0


def _payers(thresholds, shares):
    m = EcosystemModel(
        small(population={"payers": len(thresholds)}, reimbursement={"max_discount": 0.3}),
        rng=1,
    )
    for payer, threshold, share in zip(m.payers, thresholds, shares, strict=True):
        payer.threshold_usd, payer.share = threshold, share
    return m.payers


def _price(payers, qaly, referenced=0.0):
    return pricing.launch_price(payers, REFERENCE, qaly, 0.0, 1_000.0, 0.3, referenced)


def test_a_firm_cuts_its_price_to_be_covered_when_that_pays():
    payers = _payers([100_000, 100_000], [0.5, 0.5])
    # at 0.5 QALY the payers accept 50,000, or 71,400 with the largest discount
    price = _price(payers, 0.5)
    assert price == pytest.approx(50_000 / 0.7)
    assert pricing.expected_revenue(payers, price, 0.5, 0.0, 1_000.0) == pytest.approx(50_000)


def test_a_firm_keeps_its_price_when_the_payers_who_pay_it_are_worth_more():
    # a large payer pays the reference price; covering the small one would cost too much
    payers = _payers([400_000, 50_000], [0.9, 0.1])
    assert _price(payers, 0.5) == REFERENCE
    # with the shares reversed the firm prices for the large, cheaper payer
    payers = _payers([400_000, 50_000], [0.1, 0.9])
    assert _price(payers, 0.5) < REFERENCE


def test_reference_pricing_abroad_keeps_the_price_up():
    payers = _payers([100_000, 100_000], [0.5, 0.5])
    assert _price(payers, 0.5, referenced=0.0) < REFERENCE
    assert _price(payers, 0.5, referenced=2.0) == REFERENCE


def test_the_price_never_exceeds_the_reference_price():
    payers = _payers([1_000_000, 1_000_000], [0.5, 0.5])
    assert _price(payers, 2.0) == REFERENCE


def _available(irp: float) -> float:
    scenario = small(
        years=10,
        population={"payers": 4},
        firms={"initial_marketed": 4.0},
        reimbursement={"threshold_usd_per_qaly": 70_000, "threshold_spread": 0.5},
        market={"reference_pricing_share": irp},
    )
    covered, approved = 0, 0
    for seed in range(3):
        m = EcosystemModel(scenario, rng=seed)
        for _ in range(scenario.steps):
            m.step()
        status = np.asarray(m.market.status)
        covered += int((status == 1).any(axis=1).sum())
        approved += len(status)
    return covered / approved


def test_reference_pricing_leaves_more_therapies_uncovered():
    assert _available(0.05) < _available(0.0)


@pytest.mark.parametrize(
    ("rule", "outcome_data", "budget"),
    [
        ("threshold", 0.0, 1e12),
        ("annuity", 0.0, 1e12),
        ("coverage_with_evidence", 0.0, 1e12),
        ("outcome_based", 0.9, 1e12),
        ("budget_cap", 0.0, 2e7),
    ],
)
def test_the_launch_price_earns_as_much_as_any_price_under_every_rule(rule, outcome_data, budget):
    """The rule's price points find the best price: no price on a fine grid earns more."""
    m = EcosystemModel(
        small(population={"payers": 2}, reimbursement={"rule": rule, "max_discount": 0.3}), rng=1
    )
    for payer, threshold in zip(m.payers, (100_000, 60_000), strict=True):
        payer.threshold_usd, payer.share, payer.budget_left_usd = threshold, 0.5, budget
    yearly = 1_000.0
    best = pricing.launch_price(m.payers, REFERENCE, 0.5, outcome_data, yearly, 0.3)
    earned = pricing.expected_revenue(m.payers, best, 0.5, outcome_data, yearly)
    grid = np.arange(500.0, REFERENCE + 1.0, 500.0)
    top = max(pricing.expected_revenue(m.payers, p, 0.5, outcome_data, yearly) for p in grid)
    assert earned >= top * (1 - 1e-6)
