"""Each collective-impact condition and rule option acts through its own mechanism."""

import numpy as np

from ecosim.model import EcosystemModel

from .conftest import small

ALL_IN = {
    "founding_share": 1.0,
    "fee_firm_musd_per_year": 0.0,
    "fee_nonprofit_musd_per_year": 0.0,
    "effort_musd_per_year": 0.0,
}
"""Every eligible organisation founds the initiative and stays (membership costs nothing)."""


def run_model(scenario, seed=4):
    m = EcosystemModel(scenario, rng=np.random.default_rng(seed))
    for _ in range(scenario.steps):
        m.step()
    return m


def test_low_trust_keeps_consortia_from_holding():
    low = {
        "initial_within_industry": 0.05,
        "initial_industry_academia": 0.05,
        "initial_industry_payer": 0.05,
        "initial_other": 0.05,
    }
    m = run_model(small(collective_impact={"shared_measurement": 1.0}, trust=low))
    ok = run_model(small(collective_impact={"shared_measurement": 1.0}))
    assert m.consortia.member_count("data_sharing") < ok.consortia.member_count("data_sharing")


def test_continuous_communication_raises_trust_between_partners():
    silo = run_model(small(years=10)).recorder.frame()["trust_partners"].tail(8).mean()
    comm = run_model(
        small(years=10, collective_impact={"continuous_communication": 1.0}, initiative=ALL_IN)
    )
    assert comm.recorder.frame()["trust_partners"].tail(8).mean() > silo


def test_shared_ip_without_framework_causes_disputes_and_terminations():
    agreed = run_model(small(years=10, ip={"regime": "shared", "framework_agreed": True}))
    none = run_model(
        small(
            years=10,
            ip={"regime": "shared", "framework_agreed": False, "dispute_probability": 0.2},
        )
    )
    assert agreed.recorder.frame()["ip_disputes"].sum() == 0
    frame = none.recorder.frame()
    assert frame["ip_disputes"].sum() > 0
    assert frame["partnerships_terminated"].sum() > 0


def test_open_ip_puts_discoveries_in_the_commons():
    m = run_model(small(years=10, ip={"regime": "open"}))
    assert m.knowledge.known.sum() == 0  # nothing private
    assert m.programmes.view("open_ip").any()


def test_unreimbursed_companion_test_lowers_testing():
    paid = run_model(small()).recorder.frame()["patients_tested"].sum()
    unpaid = run_model(small(reimbursement={"companion_test_reimbursed": False}))
    assert unpaid.recorder.frame()["patients_tested"].sum() < paid


def test_outreach_raises_awareness():
    none = run_model(small(outreach={"intensity": 0.0})).patients.awareness.mean()
    full = run_model(small(outreach={"intensity": 1.0})).patients.awareness.mean()
    assert full > none


def test_backbone_arranges_early_regulatory_engagement():
    def share(b):
        m = run_model(small(years=10, collective_impact={"backbone": b}, initiative=ALL_IN), seed=1)
        p = m.programmes
        entered = p.view("phase") >= 4
        return p.view("early_engagement")[entered].mean()

    assert share(1.0) > share(0.0)


def test_public_funder_co_funds_members_pre_competitive_work():
    none = run_model(small(years=6))
    assert none.public_funder is None
    ppp = run_model(
        small(years=6, public_funding={"budget_musd_per_year": 30, "cofunding_share": 0.5})
    )
    frame = ppp.recorder.frame()
    assert ppp.consortia.member_count("public_private") > 0
    assert frame["public_funding_musd"].sum() > 0
    # never more than the yearly budget
    yearly = frame.groupby((frame["step"] - 1) // 4)["public_funding_musd"].sum()
    assert (yearly <= 30 + 1e-9).all()
