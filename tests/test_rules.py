import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from ecosim.rules import ip, partnering, reimbursement, trust
from ecosim.scenario import IP, Reimbursement, Trust

unit = st.floats(0, 1, allow_nan=False)


@given(t=unit, good=st.booleans(), comm=unit, gain=unit, loss=unit)
def test_trust_stays_in_bounds(t, good, comm, gain, loss):
    params = Trust(gain_rate=gain, loss_rate=loss)
    new = trust.update(np.array([t]), np.array([good]), params, comm)[0]
    assert 0.0 <= new <= 1.0
    assert (new >= t) if good else (new <= t)


def test_trust_falls_faster_than_it_grows():
    params = Trust()
    t = np.array([0.5])
    up = trust.update(t, np.array([True]), params, 0.0)[0] - 0.5
    down = 0.5 - trust.update(t, np.array([False]), params, 0.0)[0]
    assert down > 3 * up


def test_communication_speeds_trust_growth():
    params, t = Trust(), np.array([0.4])
    slow = trust.update(t, np.array([True]), params, 0.0)[0]
    fast = trust.update(t, np.array([True]), params, 1.0)[0]
    assert fast > slow


def test_initial_trust_by_sector_pair():
    params = Trust(initial_within_industry=0.6, initial_industry_payer=0.2)
    m = trust.initial_matrix(["pharma", "biotech", "payer"], params)
    assert m[0, 1] == 0.6 and m[0, 2] == 0.2 and m[2, 1] == 0.2
    assert np.all(np.diag(m) == 1)


def test_reputation_is_mean_trust_of_others():
    t = np.array([[1, 0.2, 0.4], [0.6, 1, 0.8], [0.0, 0.4, 1]])
    rep = trust.reputation(t, np.array([True, True, True]))
    assert np.allclose(rep, [0.3, 0.3, 0.6])


def test_ip_regimes():
    assert ip.dispute_probability(IP(regime="exclusive"), 0) == 0
    assert ip.dispute_probability(IP(regime="shared", framework_agreed=True), 0) == 0
    no_framework = IP(regime="shared", framework_agreed=False, dispute_probability=0.1)
    assert ip.dispute_probability(no_framework, 0) == 0.1
    assert ip.dispute_probability(no_framework, 1) < 0.1
    assert ip.appropriability(IP(regime="open", open_appropriability=0.5)) == 0.5
    assert ip.deal_terms(IP(regime="open"), 100, False).royalty_rate == 0
    uni = ip.deal_terms(IP(royalty_rate=0.06), 100, academic_licensor=True)
    firm = ip.deal_terms(IP(royalty_rate=0.06), 100, academic_licensor=False)
    assert uni.royalty_rate < firm.royalty_rate and firm.upfront_musd == 10


def decide(params, price=100_000, qaly=1.0, od=0.0, patients=100, budget=1e12):
    return reimbursement.decide(
        params,
        price=price,
        qaly_gain=qaly,
        outcome_data=od,
        yearly_patients=patients,
        budget_left_usd=budget,
    )


def test_threshold_rule_with_negotiation():
    p = Reimbursement(threshold_usd_per_qaly=100_000)
    assert decide(p, price=90_000).covered
    cut = decide(p, price=120_000)  # within the 30 % discount
    assert cut.covered and cut.paid_per_patient == 100_000
    assert not decide(p, price=200_000).covered
    assert decide(p).delay_quarters == round(p.decision_delay_years * 4)


def test_outcome_based_needs_outcome_data():
    p = Reimbursement(rule="outcome_based", threshold_usd_per_qaly=100_000, responder_share=0.5)
    without = decide(p, price=180_000, od=0.0)
    with_data = decide(p, price=180_000, od=1.0)
    assert not without.covered
    assert with_data.covered and with_data.mode == "outcome_based"
    assert with_data.paid_per_patient == 90_000


def test_budget_cap_rejects_what_does_not_fit():
    p = Reimbursement(rule="budget_cap")
    assert decide(p, budget=1e9).covered
    assert not decide(p, patients=1000, budget=1e6).covered


def test_coverage_with_evidence_is_provisional_and_faster():
    p = Reimbursement(rule="coverage_with_evidence", threshold_usd_per_qaly=100_000)
    d = decide(p, price=140_000)
    assert d.covered and d.mode == "ced"
    assert d.delay_quarters < round(p.decision_delay_years * 4)
    assert reimbursement.ced_withdrawn(p, 140_000, 1.0, 0.0, draw=0.0)
    assert not reimbursement.ced_withdrawn(p, 90_000, 1.0, 0.0, draw=0.0)


def test_partner_choice_uses_complementarity_when_reinforcing():
    rng = np.random.default_rng(0)
    own = np.array([0.9, 0.1, 0.1])
    cands = np.array([[0.9, 0.1, 0.1], [0.1, 0.9, 0.9]])
    picks = [
        partnering.choose_partner(
            rng,
            own,
            cands,
            np.array([0.5, 0.5]),
            np.array([0.5, 0.5]),
            0.3,
            reinforcing=1.0,
        )
        for _ in range(50)
    ]
    assert all(p == 1 for p in picks)


def test_agreement_rises_with_trust():
    assert partnering.agreement_probability(0.8) > partnering.agreement_probability(0.3)


def test_one_experience_per_pair_per_quarter():
    a, b = np.array([0, 1, 0, 2]), np.array([1, 0, 1, 3])
    bad = np.array([False, True, False, False])
    pa, pb, pair_bad = trust.pair_experience(a, b, bad)
    assert list(zip(pa, pb, pair_bad, strict=True)) == [(0, 1, True), (2, 3, False)]
