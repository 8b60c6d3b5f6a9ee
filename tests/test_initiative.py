"""The collective-impact initiative: membership, its costs, free-riding and its boundary."""

import numpy as np
import pytest

from ecosim import contribution
from ecosim.model import EcosystemModel
from ecosim.pipeline import Phase
from ecosim.records import entity_tables

from .conftest import small

ALL_IN = {
    "founding_share": 1.0,
    "fee_firm_musd_per_year": 0.0,
    "fee_nonprofit_musd_per_year": 0.0,
    "effort_musd_per_year": 0.0,
}
"""Every eligible organisation founds the initiative and stays (membership costs nothing)."""

NOBODY = {
    "founding_share": 0.0,
    "fee_firm_musd_per_year": 1_000.0,
    "fee_nonprofit_musd_per_year": 1_000.0,
}
"""No founders, and a fee nobody would pay: the conditions have no members to act on."""

EVERY_CONDITION = {
    "common_agenda": 1.0,
    "shared_measurement": 1.0,
    "mutually_reinforcing": 1.0,
    "continuous_communication": 1.0,
    "backbone": 1.0,
}


def model(initiative=None, steps=0, seed=3, **sections) -> EcosystemModel:
    sections.setdefault("collective_impact", EVERY_CONDITION)
    m = EcosystemModel(small(initiative=initiative or {}, **sections), rng=seed, check=True)
    for _ in range(steps):
        m.step()
    return m


def sectors_of(m, rows):
    names = list(m.SECTOR_CODES)
    return {names[int(m.sector_code[r])] for r in rows}


def test_there_is_no_initiative_without_a_condition():
    m = model(collective_impact={}, steps=5)
    assert not m.initiative.exists
    assert m.initiative.members().sum() == 0
    assert m.recorder.frame()["initiative_spend_musd"].sum() == 0.0


def test_founders_come_from_the_eligible_sectors():
    everyone = model(initiative={"founding_share": 1.0})
    members = np.flatnonzero(everyone.initiative.members())
    assert sectors_of(everyone, members) == {
        "pharma",
        "biotech",
        "academia",
        "payer",
        "provider",
        "patient_org",
    }
    eligible = len(everyone.live_indices("pharma", "biotech", "academia", "payer"))
    eligible += len(everyone.live_indices("provider", "patient_org"))
    assert len(members) == eligible
    # each eligible organisation founds with probability founding_share: over eight
    # worlds (200 draws, binomial sd 0.035) the share founding lies near a half
    half = [model(initiative={"founding_share": 0.5}, seed=s) for s in range(8)]
    share = sum(m.initiative.members().sum() for m in half) / (8 * eligible)
    assert 0.35 < share < 0.65


def test_members_pay_fees_and_effort_and_the_money_is_accounted_for():
    m = model(initiative={"founding_share": 1.0}, steps=4)  # check=True: books balance
    rows = np.flatnonzero(m.initiative.members())
    ip = m.params.initiative
    fee = np.where(m.is_firm[rows], ip.fee_firm_musd_per_year, ip.fee_nonprofit_musd_per_year)
    effort = np.where(m.initiative.free_rider[rows], 0.0, ip.effort_musd_per_year)
    curation = m.consortia.platform.yearly_cost(np.flatnonzero(m.consortia.platform.holdings))
    assert curation.sum() > 0  # members contribute data to the platform, and pay for it
    assert m.ledger.account_in["data_contribution"] == pytest.approx(curation.sum() / 4)
    meetings = m.ledger.account_in["meetings"]  # member partners' meetings, both sides
    assert meetings > 0
    expected = (fee.sum() + effort.sum() + curation.sum()) / 4 + meetings
    assert m.spend["initiative"] == pytest.approx(expected)
    assert m.ledger.account_in["initiative_fees"] == pytest.approx(fee.sum() / 4)


def test_members_leave_when_membership_does_not_pay():
    m = model(initiative={**NOBODY, "founding_share": 1.0}, steps=1)  # the first review
    assert m.initiative.members().sum() == 0
    spells = entity_tables(m)["memberships"]
    left = spells[spells["consortium"] == "initiative"]
    assert len(left) > 0 and set(left["reason"]) == {"cost"}
    # who leaves the initiative leaves its platforms
    platforms = spells[spells["consortium"].isin(["data_sharing", "trial_network"])]
    assert set(platforms["reason"]) <= {"initiative", "exit", "low_trust"}
    assert (platforms["reason"] == "member").sum() == 0


def test_free_riders_pay_the_fee_give_no_effort_and_lose_their_partners_trust():
    cheap_fee = {
        "founding_share": 1.0,
        "fee_nonprofit_musd_per_year": 0.1,
        "effort_musd_per_year": 1.0,
        "nonprofit_budget_musd_per_year": 0.5,
    }
    m = model(initiative=cheap_fee, steps=13)
    members = np.flatnonzero(m.initiative.members())
    riders = members[m.initiative.free_rider[members]]
    assert len(riders) > 0
    full = members[~m.initiative.free_rider[members]]
    known = m.acquainted[np.ix_(full, riders)]
    trust_riders = m.trust[np.ix_(full, riders)][known].mean()
    known_full = m.acquainted[np.ix_(full, full)] & ~np.eye(len(full), dtype=bool)
    trust_full = m.trust[np.ix_(full, full)][known_full].mean()
    assert trust_riders < trust_full - 0.1


def test_firms_value_the_services_they_would_receive():
    data = model(collective_impact={"shared_measurement": 1.0})
    none = model(collective_impact={"common_agenda": 1.0})
    firm = next(
        int(f)
        for f in data.live_indices("pharma")
        if (data.programmes.phase[data.programmes.active_of(int(f))] <= Phase.PHASE2).any()
    )
    assert data.initiative._firm_gain(firm) > 0  # the data platform raises success
    assert none.initiative._firm_gain(firm) == 0.0  # an agenda alone gives it no service
    liaison = model(collective_impact={"backbone": 1.0}, steps=1)  # the backbone has planned
    p = liaison.programmes
    in_p2 = [
        int(f)
        for f in liaison.live_indices("pharma")
        if (p.phase[p.active_of(int(f))] == Phase.PHASE2).any()
    ]
    assert liaison.initiative._firm_gain(in_p2[0]) > 0  # a shorter phase III, sooner sales


@pytest.mark.parametrize("who", ["members", "nobody"])
def test_the_data_platform_and_trial_network_serve_members_only(who):
    m = model(initiative=ALL_IN if who == "members" else NOBODY, steps=6)
    n = m.n_orgs
    data, trials = (m.consortia.members[k][:n] for k in ("data_sharing", "trial_network"))
    inside = m.initiative.member[:n]
    assert not (data & ~inside).any() and not (trials & ~inside).any()
    own = m.caps[:n, 4]
    m.consortia.refresh_data_access()  # next quarter's access
    if who == "nobody":
        assert np.allclose(m.data_access[:n], own)
        assert np.all(m.consortia.trial_reach(np.arange(n), np.ones(n, bool)) == 0)
    else:
        assert (m.data_access[:n] > own).any()


@pytest.mark.parametrize("who", ["members", "nobody"])
def test_meetings_only_between_members_and_paid_for(who):
    m = model(initiative=ALL_IN if who == "members" else NOBODY, steps=5)
    ps = m.partnerships
    act = ps.active()
    both = m.initiative.take_part(ps.a[act]) & m.initiative.take_part(ps.b[act])
    looks = m.conditions.continuous_communication.looks(both)
    assert np.all(looks[~both] == 0)
    assert (looks > 0).any() == (who == "members")
    paid = m.ledger.account_in["meetings"]
    assert (paid > 0) == (who == "members")  # this quarter's meetings, both sides


def test_no_meetings_no_information_and_nothing_paid():
    talk = {
        **EVERY_CONDITION,
        "continuous_communication": {"intensity": 1.0, "meetings_per_quarter": 0},
    }
    m = model(initiative=ALL_IN, steps=3, collective_impact=talk)
    assert m.ledger.account_in["meetings"] == 0.0
    ps = m.partnerships
    act = ps.active()
    both = m.initiative.take_part(ps.a[act]) & m.initiative.take_part(ps.b[act])
    assert both.any()
    assert np.all(m.conditions.continuous_communication.looks(both) == 0)


def test_only_members_programmes_get_the_backbones_liaison():
    sections = {
        "collective_impact": {"backbone": {"intensity": 1.0, "budget_musd_per_year": 100.0}},
        "regulation": {"advice_slots_per_year": 0.0},
    }
    m = model(initiative={"founding_share": 0.5}, steps=24, seed=1, **sections)
    p = m.programmes
    entered = np.flatnonzero(p.view("phase") >= Phase.PHASE3)
    engaged = entered[p.early_engagement[entered]]
    assert len(engaged) > 0
    nobody = model(initiative=NOBODY, steps=24, seed=1, **sections)
    q = nobody.programmes
    assert not q.early_engagement[: q.n].any()


def test_only_members_see_members_early_programmes():
    from ecosim import outlook
    from ecosim.pipeline import Phase

    m = model(initiative={"founding_share": 0.5}, steps=4)
    outside, inside = outlook.competitors(m, False), outlook.competitors(m, True)
    early = slice(None, int(Phase.PHASE1))
    clinical = slice(int(Phase.PHASE1), None)
    assert outside.pipeline[..., early].sum() == 0.0  # an outsider sees the clinic only
    assert inside.pipeline[..., early].sum() > 0.0
    assert np.array_equal(outside.pipeline[..., clinical], inside.pipeline[..., clinical])


def test_a_member_that_leaves_for_low_trust_or_exits_takes_its_record_with_it():
    """Free-riding and the pledge record belong to membership: leaving in a working group
    for low trust, or exiting, clears them (as leaving at the review does)."""
    m = model(initiative=ALL_IN, steps=1)
    members = np.flatnonzero(m.initiative.members())
    unhappy, gone = int(members[0]), int(members[1])
    for i in (unhappy, gone):
        m.initiative.free_rider[i] = True
        m.initiative.agenda.broke[i] = True
    m.trust[unhappy, members] = 0.0  # it trusts none of the members it knows
    m.acquainted[unhappy, members] = m.acquainted[members, unhappy] = True
    m.consortia._work_together("initiative")
    assert not m.initiative.member[unhappy]
    m.consortia.leave_all(gone)
    assert not m.initiative.member[gone]
    for i in (unhappy, gone):
        assert not m.initiative.free_rider[i] and not m.initiative.agenda.broke[i]


@pytest.mark.parametrize("meetings", [0.0, 3.0])
def test_members_weigh_the_meetings_they_expect(meetings):
    # the budget covers the staff time (0.1; no fee, no curation) with 0.05 to spare; three
    # working groups' meetings (6 pairs x 3 meetings x 4 quarters x 0.003) cost 0.216 more
    tight = {
        "founding_share": 1.0,
        "fee_nonprofit_musd_per_year": 0.0,
        "effort_musd_per_year": 0.1,
        "nonprofit_budget_musd_per_year": 0.15,
    }
    talk = {
        **EVERY_CONDITION,
        "continuous_communication": {"intensity": 1.0, "meetings_per_quarter": meetings},
        "shared_measurement": {"intensity": 1.0, "curation_cost_musd_per_year": 0.0},
    }
    m = model(initiative=tight, steps=1, collective_impact=talk)
    rows = m.live_indices("provider")
    assert m.initiative.member[rows].all()
    expected = m.initiative._meeting_costs(rows)
    if meetings == 0:
        assert np.all(expected == 0) and not m.initiative.free_rider[rows].any()
    else:
        assert np.all(expected >= 0.216 - 1e-9)
        assert m.initiative.free_rider[rows].all()  # the staff time fits, the meetings not


def test_free_riders_sit_in_no_meeting():
    m = model(initiative=ALL_IN, steps=2)
    members = np.flatnonzero(m.initiative.members())
    rider, a, b = members[:3]
    m.initiative.free_rider[rider] = True
    cash = m.cash.copy()
    looks = contribution.hold_meetings(m, np.array([rider, a]), np.array([a, b]))
    assert looks[0] == 0 and looks[1] > 0  # the free-rider's pair does not meet
    cost = looks[1] * m.params.collective_impact.continuous_communication.meeting_cost_musd
    assert cash[rider] - m.cash[rider] == 0.0
    assert cash[b] - m.cash[b] == pytest.approx(cost)
