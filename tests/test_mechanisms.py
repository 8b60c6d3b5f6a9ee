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


def test_shared_measurement_builds_a_data_consortium_that_raises_data_access():
    silo = run_model(small())
    shared = run_model(small(collective_impact={"shared_measurement": 1.0}))
    assert silo.consortia.member_count("data_sharing") == 0
    assert shared.consortia.member_count("data_sharing") > 0
    n = shared.n_orgs
    members = shared.consortia.members["data_sharing"][:n]
    own = shared.caps[:n, 4]
    access = shared.consortia.data_access(own)  # what next quarter's data access will be
    assert np.all(access[members] > own[members])
    assert np.all(access[~members] == own[~members])


def test_cross_border_restriction_removes_the_data_gain():
    m = run_model(
        small(collective_impact={"shared_measurement": 1.0, "data_sharing_restriction": 1.0})
    )
    n = m.n_orgs
    assert np.allclose(m.data_access[:n], m.caps[:n, 4])


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


def test_common_agenda_steers_members_towards_neglected_subtypes():
    """The agenda raises a member's scores of neglected subtypes, not a non-member's."""
    from ecosim.targets import target_scores

    m = EcosystemModel(
        small(collective_impact={"common_agenda": 1.0}, initiative={"founding_share": 0.5}), rng=2
    )
    firms = m.live_indices("pharma", "biotech")
    member = next(int(f) for f in firms if m.initiative.member[f])
    outsider = next(int(f) for f in firms if not m.initiative.member[f])
    for who, moved in ((member, True), (outsider, False)):
        org = m.org(who)
        with_agenda, _ = target_scores(m, org)
        m.initiative.member[who] = False  # the same organisation outside the initiative
        without, _ = target_scores(m, org)
        m.initiative.member[who] = moved
        assert np.any(with_agenda > without) == moved
        assert np.all(with_agenda >= without)


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
