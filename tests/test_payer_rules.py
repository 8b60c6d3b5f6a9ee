"""Payers that differ in rule: a share of the payers follows a second rule.

Each payer decides, prices, pays and reviews by its own rule; firms' outlook asks each
payer by its rule.
"""

import numpy as np
import pytest

from ecosim.model import EcosystemModel
from ecosim.outlook import _payer_values

from .conftest import small

MARKETED = {"years": 8, "firms": {"initial_marketed": 3.0}, "population": {"payers": 4}}


def _run(rule: str, second: str, share: float, seed: int = 5) -> EcosystemModel:
    """A run where payers cover most therapies (a high threshold)."""
    reimbursement = {
        "rule": rule,
        "second_rule": second,
        "second_rule_payers": share,
        "threshold_usd_per_qaly": 1_000_000,
    }
    scenario = small(**MARKETED, reimbursement=reimbursement)
    m = EcosystemModel(scenario, rng=seed)
    for _ in range(scenario.steps):
        m.step()
    return m


def test_the_last_payers_follow_the_second_rule():
    m = EcosystemModel(
        small(
            population={"payers": 4},
            reimbursement={"second_rule": "budget_cap", "second_rule_payers": 0.5},
        ),
        rng=1,
    )
    assert [p.rule.name for p in m.payers] == ["threshold", "threshold", "budget_cap", "budget_cap"]


def test_only_payers_under_coverage_with_evidence_cover_provisionally():
    m = _run("threshold", "coverage_with_evidence", 0.5)
    modes = np.asarray(m.market.mode)
    assert (modes[:, 2:] == "ced").any()  # the second rule's payers
    assert not (modes[:, :2] == "ced").any()


def test_only_payers_under_an_annuity_pay_in_instalments():
    """With half the payers on annuities, instalments are owed, but less than when every
    payer pays by annuity; the other payers pay at once."""
    owed = {
        share: _run("threshold", "annuity", share).instalments.outstanding_musd()
        for share in (0.0, 0.5, 1.0)
    }
    assert owed[0.0] == 0.0
    assert 0.0 < owed[0.5] < owed[1.0]


def test_firms_ask_each_payer_by_its_rule():
    """A payer with no budget under budget_cap covers nothing, so firms expect less from
    a country where half the payers cap their budgets at zero."""
    values = {}
    for share in (0.0, 0.5, 1.0):
        scenario = small(
            population={"payers": 4},
            reimbursement={
                "second_rule": "budget_cap",
                "second_rule_payers": share,
                "annual_budget_musd": 0.0,
                "threshold_spread": 0.0,
            },
        )
        m = EcosystemModel(scenario, rng=2)
        values[share] = _payer_values(m, np.array([0.0, 1.0]), np.array([100.0]), np.zeros(2)).sum()
    assert values[1.0] == pytest.approx(0.0)
    assert values[1.0] < values[0.5] < values[0.0]
