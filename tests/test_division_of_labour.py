"""Mutually reinforcing activities: capacity limits; members matched by comparative advantage."""

import numpy as np

from ecosim import contribution
from ecosim.model import EcosystemModel
from ecosim.rules.partnering import complementarity

from .conftest import small

MAPPED = {"mutually_reinforcing": {"intensity": 1.0, "noise_cut": 1.0}}
FREE = {
    "founding_share": 1.0,
    "fee_firm_musd_per_year": 0.0,
    "fee_nonprofit_musd_per_year": 0.0,
    "effort_musd_per_year": 0.0,
}


def test_a_full_partner_declines():
    m = EcosystemModel(small(partnerships={"capacity_academia": 20.0}), rng=3)
    full, free = (int(c) for c in m.live_indices("academia")[:2])
    firm_rows = m.live_indices("pharma", "biotech")
    while contribution.load(m)[full] < 20:
        m.partnerships.form(int(firm_rows[0]), full, "academic_collaboration")
    assert not contribution.has_room(m, np.array([full]))[0]
    assert contribution.has_room(m, np.array([free]))[0]
    firm = m.org(int(m.live_indices("pharma")[0]))
    picks = {m.deals._choose(firm, np.array([full, free])) for _ in range(20)}
    assert picks == {free}
    assert m.deals._choose(firm, np.array([full])) == -1


def test_members_choose_members_by_comparative_advantage():
    """With the map, a member picks the specialist in what it lacks; outside, the all-rounder."""
    m = EcosystemModel(small(collective_impact=MAPPED, initiative=FREE), rng=3)
    m.step()  # the first review: everyone is a member
    firm = int(m.live_indices("pharma")[0])
    a, b = (int(c) for c in m.live_indices("academia")[:2])
    assert m.initiative.member[[firm, a, b]].all()
    m.caps[firm] = [0.8, 0.8, 0.8, 0.8, 0.2]  # weak only at data
    m.caps[a] = [0.9, 0.9, 0.9, 0.9, 0.9]  # the best all-rounder
    m.caps[b] = [0.3, 0.3, 0.3, 0.3, 0.9]  # a data specialist
    m.trust[firm, [a, b]] = 0.5
    m.acquainted[firm, [a, b]] = False
    options = np.array([a, b])
    org = m.org(firm)
    assert all(m.deals._choose(org, options) == b for _ in range(20))
    m.initiative.member[firm] = False  # the same firm outside sees only complementarity
    picks = [m.deals._choose(org, options) for _ in range(200)]
    assert picks.count(a) > picks.count(b)


def test_without_members_the_map_changes_nothing():
    m = EcosystemModel(small(collective_impact=MAPPED), rng=3)
    matching = m.conditions.mutually_reinforcing
    own, others = m.caps[0], m.caps[1:6]
    unmatched = np.zeros(5, dtype=bool)
    assert np.array_equal(matching.fit(own, others, unmatched), complementarity(own, others))
    assert np.all(matching.noise_factor(unmatched) == 1.0)


def _network_model(**mutually_reinforcing) -> EcosystemModel:
    mr = {"intensity": 1.0, **mutually_reinforcing}
    scenario = small(collective_impact={"mutually_reinforcing": mr}, initiative=FREE)
    m = EcosystemModel(scenario, rng=3)
    m.step()  # everyone is a member
    return m


def _reach(m: EcosystemModel, owners: list[int], recruiting: list[bool] | None = None) -> list:
    flags = np.ones(len(owners), bool) if recruiting is None else np.array(recruiting)
    return m.consortia.trial_reach(np.array(owners), flags).tolist()


def test_the_trial_network_is_the_sites_its_member_providers_open():
    """No member provider, no extra sites; recruiting member trials share the sites."""
    m = _network_model(network_capacity_per_provider=1.0, max_network_reach=10.0)
    net = m.consortia.members["trial_network"]
    providers = m.live_indices("provider")
    firm, outsider = (int(f) for f in m.live_indices("pharma")[:2])
    net[:] = False
    net[firm] = True
    assert _reach(m, [firm, firm]) == [0.0, 0.0]
    net[providers[:3]] = True  # three providers open one trial's worth of sites each
    assert _reach(m, [firm, outsider]) == [3.0, 0.0]
    assert _reach(m, [firm] * 6) == [0.5] * 6  # shared
    # a full trial takes no sites, so the others share them
    assert _reach(m, [firm] * 6, [True, True, True, False, False, False]) == [1.0] * 3 + [0.0] * 3
    m.alive[providers[0]] = False  # a provider that is gone opens no sites
    assert _reach(m, [firm]) == [2.0]


def test_network_sites_scale_with_the_committed_share_and_are_capped():
    half = _network_model(intensity=0.5, network_capacity_per_provider=1.0, max_network_reach=10.0)
    firm = int(half.live_indices("pharma")[0])
    net = half.consortia.members["trial_network"]
    net[:] = False
    net[[firm, *half.live_indices("provider")[:4]]] = True
    assert _reach(half, [firm]) == [2.0]  # four providers commit half their capacity
    capped = _network_model(network_capacity_per_provider=1.0, max_network_reach=0.4)
    firm = int(capped.live_indices("pharma")[0])
    capped.consortia.members["trial_network"][[firm, *capped.live_indices("provider")]] = True
    assert _reach(capped, [firm]) == [0.4]


def test_a_network_without_committed_capacity_adds_nothing():
    m = _network_model(network_capacity_per_provider=0.0)
    firm = int(m.live_indices("pharma")[0])
    m.consortia.members["trial_network"][:] = True
    assert _reach(m, [firm]) == [0.0]
