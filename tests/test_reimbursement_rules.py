import pytest

from ecosim.rules import reimbursement
from ecosim.rules.reimbursement import CoverageCase
from ecosim.scenario import scenario_from_dict


def rule(**params):
    return reimbursement.create(scenario_from_dict({"reimbursement": params}).reimbursement)


THRESHOLD = 100_000  # the payer's threshold in these cases, USD/QALY


def case(price=100_000, qaly=1.0, od=0.0, patients=100, budget=1e12, threshold=THRESHOLD):
    return CoverageCase(price, qaly, od, patients, budget, threshold)


def test_the_schema_lists_every_registered_rule():
    names = set(reimbursement.REGISTRY.names())
    assert {"threshold", "outcome_based", "coverage_with_evidence", "budget_cap"} <= names
    assert {r.value for r in reimbursement.ReimbursementRule} == names


def test_threshold_rule_with_negotiation():
    r = rule(threshold_usd_per_qaly=100_000)
    assert r.decide(case(price=90_000)).covered
    cut = r.decide(case(price=120_000))  # within the 30 % discount
    assert cut.covered and cut.paid_per_patient == 100_000
    assert not r.decide(case(price=200_000)).covered
    assert r.decide(case()).delay_quarters == round(1.5 * 4)
    assert not rule(threshold_usd_per_qaly=100_000, max_discount=0.1).decide(case(120_000)).covered


def test_outcome_based_needs_outcome_data():
    r = rule(
        rule="outcome_based",
        threshold_usd_per_qaly=100_000,
        outcome_based={"responder_share": 0.5},
    )
    without = r.decide(case(price=180_000, od=0.0))
    with_data = r.decide(case(price=180_000, od=1.0))
    assert not without.covered
    assert with_data.covered and with_data.mode == "outcome_based" and with_data.agreement
    assert with_data.paid_per_patient == 90_000
    assert with_data.delay_quarters < without.delay_quarters


def test_outcome_based_pays_per_responder_only_where_outcomes_are_recorded():
    r = rule(
        rule="outcome_based",
        threshold_usd_per_qaly=1_000_000,
        outcome_based={"responder_share": 0.5, "outcome_data_required": 0.5},
    )
    # 60 % of outcomes recorded: half of those patients paid, the other 40 % at full price
    assert r.decide(case(price=100_000, od=0.6)).paid_per_patient == pytest.approx(70_000)
    assert r.decide(case(price=100_000, od=1.0)).paid_per_patient == pytest.approx(50_000)


def test_budget_cap_rejects_what_does_not_fit():
    r = rule(rule="budget_cap")
    assert r.decide(case(budget=1e9)).covered
    assert not r.decide(case(patients=1000, budget=1e6)).covered


def test_coverage_with_evidence_is_provisional_faster_and_reviewed():
    r = rule(rule="coverage_with_evidence", threshold_usd_per_qaly=100_000)
    d = r.decide(case(price=140_000))
    assert d.covered and d.mode == "ced" and d.provisional
    assert d.delay_quarters < round(1.5 * 4)
    assert r.review_after_quarters() == 12
    assert r.withdraws(140_000, 1.0, THRESHOLD)  # on the gain the payer believes
    assert not r.withdraws(90_000, 1.0, THRESHOLD)
    assert not rule().withdraws(140_000, 1.0, THRESHOLD)  # only CED reviews


def test_rules_pay_at_treatment_by_default():
    for name in ("threshold", "outcome_based", "coverage_with_evidence", "budget_cap"):
        r = rule(rule=name)
        assert r.payment_schedule().tolist() == [1.0]
        assert r.budget_impact(100.0, 10.0) == pytest.approx(1000.0)
