"""Trust from behaviour: what partners deliver, how it is seen, reputation along ties."""

import numpy as np
import pytest
from scipy.stats import norm

from ecosim import contribution, reputation
from ecosim.model import EcosystemModel
from ecosim.partnerships import KINDS, PartnershipEnd

from .conftest import small


def _model(**sections) -> EcosystemModel:
    return EcosystemModel(small(**sections), rng=3)


def test_a_partner_who_delivers_in_full_disappoints_at_the_noise_rate():
    m = _model()
    sd = np.full(40_000, m.params.trust.observation_sd)
    short = contribution.falls_short(m, np.ones(len(sd)), sd)
    expected = norm.cdf(-m.params.trust.shortfall_tolerance / m.params.trust.observation_sd)
    assert short.mean() == pytest.approx(expected, abs=0.01)
    assert expected == pytest.approx(0.12, abs=0.005)  # the old within-sector friction rate
    # a partner who delivers half is almost always seen to fall short
    assert contribution.falls_short(m, np.full(len(sd), 0.5), sd).mean() > 0.85


def test_meetings_and_shared_culture_sharpen_what_partners_see():
    m = _model()
    pharma, biotech = m.live_indices("pharma")[:1], m.live_indices("biotech")[:1]
    centre = m.live_indices("academia")[:1]
    same = contribution.observation_sd(m, pharma, biotech, looks=0.0)
    across = contribution.observation_sd(m, pharma, centre, looks=0.0)
    assert across > same  # another sector's work is harder to read
    assert contribution.observation_sd(m, pharma, biotech, looks=3.0) == pytest.approx(same / 2)


def test_an_over_committed_organisation_spreads_its_effort():
    m = _model(partnerships={"capacity_academia": 2.0})
    centre = int(m.live_indices("academia")[0])
    firms = m.live_indices("pharma", "biotech")[:4]
    for f in firms:
        m.partnerships.form(int(f), centre, "academic_collaboration")
    act = m.partnerships.active()
    a, b = m.partnerships.a[act], m.partnerships.b[act]
    share_a, share_b = contribution.delivered(
        m, a, b, m.partnerships.programme[act], m.partnerships.protected(act)
    )
    on_centre = b == centre
    load = np.count_nonzero(on_centre) + np.count_nonzero(a == centre)
    assert load >= 4
    assert np.allclose(share_b[on_centre], 2.0 / load)  # capacity 2 over its partnerships
    small_firms = np.bincount(np.concatenate([a, b]))[a[on_centre]] <= 4
    assert np.all(share_a[on_centre][small_firms] == 1.0)  # firms within their capacity


def test_a_rival_holds_back_on_a_partners_programme():
    m = _model(partnerships={"rival_holdback": 0.4})
    m.step()
    p = m.programmes
    act = p.active_ids()
    owner, other = int(p.owner[act[0]]), None
    for pid in act[1:]:
        if p.owner[pid] != owner:
            other = int(pid)
            break
    assert other is not None
    rival = int(p.owner[other])
    p.subtype[act[0]] = p.subtype[other]  # the rival owns a programme in the same subtype
    share_owner, share_rival = contribution.delivered(
        m, np.array([owner]), np.array([rival]), np.array([act[0]]), np.array([True])
    )
    spread = contribution.spread(m)
    assert share_rival[0] == pytest.approx(0.6 * spread[rival])
    assert share_owner[0] == pytest.approx(spread[owner])


def test_trust_falls_only_in_the_partner_that_under_delivers():
    m = _model(partnerships={"capacity_academia": 0.2}, trust={"termination_threshold": 0.0})
    centre = int(m.live_indices("academia")[0])
    firms = m.live_indices("biotech")[:4]
    for f in firms:
        m.partnerships.form(int(f), centre, "academic_collaboration")
    start = m.trust[firms, centre].mean()
    for _ in range(12):
        m.partnerships._experience(m.partnerships.active())
    in_centre, in_firms = m.trust[firms, centre].mean(), m.trust[centre, firms].mean()
    assert in_centre < start / 3  # the centre gives a twentieth of what it agreed to each
    assert in_firms > 2 * in_centre  # the firms deliver in full: only noise disappoints


def test_reputation_is_what_the_choosers_acquaintances_say():
    m = _model()
    i, k1, k2, stranger, j = (int(x) for x in m.live_indices("pharma", "biotech")[:5])
    m.trust[k1, j], m.trust[k2, j], m.trust[stranger, j] = 0.9, 0.5, 0.0
    reputation.acquaint(m, i, k1)
    reputation.acquaint(m, i, k2)
    reputation.acquaint(m, k1, j)
    reputation.acquaint(m, stranger, j)  # knows j, but the chooser does not know it
    assert reputation.seen_by(m, i, np.array([j]))[0] == pytest.approx(0.9)
    reputation.acquaint(m, k2, j)
    assert reputation.seen_by(m, i, np.array([j]))[0] == pytest.approx(0.7)
    reputation.acquaint(m, i, j)  # what j says of itself does not count
    assert reputation.seen_by(m, i, np.array([j]))[0] == pytest.approx(0.7)
    lonely = int(m.live_indices("regulator")[0])  # has worked with nobody
    assert reputation.seen_by(m, lonely, np.array([j]))[0] == m.params.trust.reputation_prior


def test_forming_a_partnership_acquaints_the_partners():
    m = _model()
    a, b = (int(x) for x in m.live_indices("pharma", "biotech")[:2])
    assert not m.acquainted[a, b]
    m.partnerships.form(a, b, "licence")
    assert m.acquainted[a, b] and m.acquainted[b, a]


@pytest.mark.parametrize("known_trust, leaves", [(0.9, False), (0.05, True)])
def test_consortium_members_leave_on_their_own_experience(known_trust, leaves):
    m = _model(collective_impact={"shared_measurement": 1.0}, consortia={"join_rate": 1.0})
    m.step()
    mem = np.flatnonzero(m.consortia.members["data_sharing"][: m.n_orgs])
    assert len(mem) > 3
    sub = np.ix_(mem, mem)
    # every member has met every other (a member who meets a stranger this round judges
    # by that stranger too, so a prior of strangers would decide the test, not experience)
    m.acquainted[sub] = True
    m.trust[sub] = known_trust
    m.trust[mem, mem] = 1.0
    m.consortia._work_together("data_sharing")
    spells = [s for s in m.consortia.spells if s.reason == "low_trust"]
    assert len(spells) == (len(mem) if leaves else 0)


def test_low_trust_ends_a_partnership_with_a_partner_who_gives_nothing():
    m = _model(partnerships={"capacity_biotech": 0.01})
    a, b = (int(x) for x in m.live_indices("pharma", "biotech")[:2])
    b = int(m.live_indices("biotech")[0])
    pid = m.partnerships.form(a, b, "licence")
    for _ in range(40):
        m.partnerships._experience(m.partnerships.active())
        if m.partnerships.status[pid] != PartnershipEnd.active:
            break
    assert m.partnerships.status[pid] == PartnershipEnd.low_trust
    assert KINDS[m.partnerships.kind[pid]] == "licence"


@pytest.mark.parametrize(
    ("ip", "withheld"),
    [
        ({"regime": "exclusive"}, False),
        ({"regime": "shared", "shared": {"framework_agreed": True}}, False),
        ({"regime": "shared", "shared": {"framework_agreed": False}}, True),
        ({"regime": "open"}, True),
    ],
)
def test_firms_withhold_what_the_ip_terms_leave_unprotected(ip, withheld):
    m = _model(ip=ip, partnerships={"proprietary_share": 0.25})
    firm, centre = int(m.live_indices("biotech")[0]), int(m.live_indices("academia")[0])
    pid = m.partnerships.form(firm, centre, "academic_collaboration")
    ids = np.array([pid])
    share_firm, share_centre = contribution.delivered(
        m, np.array([firm]), np.array([centre]), np.array([-1]), m.partnerships.protected(ids)
    )
    spread = contribution.spread(m)
    assert share_firm[0] == pytest.approx(spread[firm] * (0.75 if withheld else 1.0))
    assert share_centre[0] == pytest.approx(spread[centre])  # a centre publishes anyway
