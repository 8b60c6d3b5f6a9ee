"""The annuity reimbursement rule: threshold decisions, payment in instalments."""

import numpy as np
import pytest

from ecosim import run_once
from ecosim.model import EcosystemModel
from ecosim.rules import reimbursement
from ecosim.rules.reimbursement import CoverageCase
from ecosim.scenario import load_scenario, scenario_from_dict

from .conftest import SCENARIOS, small


def rule(**annuity):
    params = scenario_from_dict({"reimbursement": {"rule": "annuity", "annuity": annuity}})
    return reimbursement.create(params.reimbursement)


def test_instalments_are_equal_and_worth_the_price_at_the_interest_rate():
    shares = rule(years=5, interest_rate_per_year=0.035).payment_schedule()
    assert len(shares) == 20 and np.allclose(shares, shares[0])
    quarterly = 1.035**0.25 - 1
    assert np.sum(shares / (1 + quarterly) ** np.arange(20)) == pytest.approx(1.0)
    assert shares.sum() > 1.0  # the payer pays for the time it takes
    assert rule(years=2, interest_rate_per_year=0.0).payment_schedule().tolist() == [0.125] * 8


def test_decisions_are_the_threshold_rules():
    threshold = reimbursement.create(scenario_from_dict({}).reimbursement)
    annuity = rule()
    for price in (90_000, 120_000, 200_000):
        case = CoverageCase(price, 1.0, 0.0, 100, 1e12, 150_000)
        a, t = annuity.decide(case), threshold.decide(case)
        assert (a.covered, a.paid_per_patient, a.delay_quarters) == (
            t.covered,
            t.paid_per_patient,
            t.delay_quarters,
        )
    assert annuity.budget_impact(100.0, 10.0) == pytest.approx(
        1000.0 * rule().payment_schedule()[:4].sum()
    )


def test_money_is_owed_then_paid_and_what_is_owed_at_the_horizon_counts():
    # a generous threshold, so that unselected therapies are covered in this small world
    s = small(years=12, reimbursement={"rule": "annuity", "threshold_usd_per_qaly": 500_000})
    m = EcosystemModel(s, rng=3)  # ECOSIM_CHECK: money is conserved every quarter
    for _ in range(s.steps):
        m.step()
    steps = m.recorder.frame()
    assert steps["payer_outstanding_musd"].iloc[-1] > 0, "the scenario must treat patients"
    owed = m.instalments.view("musd").sum()
    paid = m.instalments.view("musd")[m.instalments.view("paid")].sum()
    assert paid == pytest.approx(steps["payer_spend_musd"].sum() - _tests(m, steps))
    assert owed - paid == pytest.approx(steps["payer_outstanding_musd"].iloc[-1])


def _tests(m, steps) -> float:
    return steps["tests_done"].sum() * m.params.patients.test_cost_usd / 1e6


def test_run_outcomes_count_the_instalments_still_owed():
    scenario = small(years=12, reimbursement={"rule": "annuity"}, firms={"initial_marketed": 3.0})
    steps, summary, _ = run_once(scenario, 4)
    outstanding = steps["payer_outstanding_musd"].iloc[-1]
    assert outstanding > 0 and summary["qalys"] > 0  # the run has something to check
    assert summary["payer_outstanding_busd"] == pytest.approx(outstanding / 1000)
    total = (steps["payer_spend_musd"].sum() + outstanding) / 1000
    assert summary["payer_spend_busd"] == pytest.approx(total)
    assert summary["cost_per_qaly_usd"] == pytest.approx(total * 1e9 / summary["qalys"])


def test_the_bundled_annuity_scenario_differs_from_siloed_only_in_its_rule():
    a, b = load_scenario(SCENARIOS / "annuity.yaml"), load_scenario(SCENARIOS / "siloed.yaml")
    assert a.reimbursement.rule == "annuity"
    exclude = {"name", "description", "extends", "reimbursement"}
    assert a.model_dump(exclude=exclude) == b.model_dump(exclude=exclude)
    early = run_once(a.model_copy(update={"years": 8}), 1).steps
    assert early["payer_outstanding_musd"].iloc[-1] > 0
