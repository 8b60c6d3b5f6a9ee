"""Shared measurement is a data platform: its value grows from what members contribute."""

import numpy as np
import pytest

from ecosim.model import EcosystemModel
from ecosim.pipeline import Phase
from ecosim.sectors import Capability

from .conftest import small

FREE = {
    "founding_share": 1.0,
    "fee_firm_musd_per_year": 0.0,
    "fee_nonprofit_musd_per_year": 0.0,
    "effort_musd_per_year": 0.0,
}
"""Everyone founds the initiative and stays (only data curation costs anything)."""


def platform_model(steps=4, seed=3, restriction=0.0, **shared) -> EcosystemModel:
    sm = {"intensity": 1.0, "data_sharing_restriction": restriction, **shared}
    m = EcosystemModel(
        small(
            collective_impact={"shared_measurement": sm},
            initiative=FREE,
            consortia={"join_rate": 1.0},
        ),
        rng=seed,
        check=True,
    )
    for _ in range(steps):
        m.step()
    return m


def contributors(m) -> np.ndarray:
    return np.flatnonzero(m.consortia.platform.holdings > 0)


def test_members_contribute_and_the_pool_is_worth_something():
    m = platform_model()
    pf = m.consortia.platform
    assert len(contributors(m)) > 0
    assert np.all(pf.value_by_region > 0) and np.all(pf.value_by_region < 1)
    m.consortia.refresh_data_access()  # as next quarter starts, with this quarter's joiners
    n = m.n_orgs
    own = m.caps[:n, Capability.data]
    members = m.consortia.members["data_sharing"][:n]
    assert np.all(m.data_access[:n][members] > own[members])
    assert np.all(m.data_access[:n][~members] == own[~members])


def test_no_data_contributed_no_effect():
    """Every member free-rides: nothing is pooled, so the platform does nothing."""
    m = platform_model()
    n = m.n_orgs
    m.initiative.free_rider[:n] = True
    m.consortia.refresh_data_access()
    pf = m.consortia.platform
    assert not pf.holdings.any()
    assert np.all(pf.value_by_region == 0)
    assert np.array_equal(m.data_access[:n], m.caps[:n, Capability.data])
    assert np.all(pf.routing() == 0)
    assert pf.outcome_data() == 0.0
    assert all(pf.matchable_trials(int(r)) == 0 for r in m.live_indices("provider"))


def test_the_pool_grows_with_what_is_contributed_with_diminishing_returns():
    m = platform_model()
    sm = m.conditions.shared_measurement
    pools = np.linspace(0.0, 40.0, 9)
    value = sm.pool_value(pools)
    assert value[0] == 0.0
    assert np.all(np.diff(value) > 0)
    assert np.all(np.diff(value, 2) < 0)  # each unit adds less than the one before


def test_more_contributors_more_value_for_everyone():
    m = platform_model()
    pf = m.consortia.platform
    full = pf.value_by_region.copy()
    half = contributors(m)[::2]
    m.initiative.free_rider[half] = True
    pf.refresh()
    assert np.all(pf.value_by_region < full)


@pytest.mark.parametrize("restriction", [0.0, 1.0])
def test_cross_border_restriction_cuts_only_other_regions_data(restriction):
    m = platform_model(restriction=restriction)
    pf = m.consortia.platform
    before = pf.value_by_region.copy()
    abroad = contributors(m)[pf.regions_of(contributors(m)) == 0]
    m.initiative.free_rider[abroad] = True  # region 0's contributors stop
    pf.refresh()
    assert pf.value_by_region[0] < before[0]
    if restriction == 1.0:  # region 1 used none of region 0's data
        assert pf.value_by_region[1] == pytest.approx(before[1])
    else:
        assert pf.value_by_region[1] < before[1]


def test_restriction_lowers_data_access():
    open_ = platform_model(restriction=0.0)
    closed = platform_model(restriction=0.8)
    assert np.all(
        closed.consortia.platform.value_by_region < open_.consortia.platform.value_by_region
    )


def test_contributors_pay_for_curation_and_free_riders_do_not():
    m = platform_model(steps=5, curation_cost_musd_per_year=4.0)  # no review next quarter
    rider = int(contributors(m)[0])
    m.initiative.free_rider[rider] = True
    m.step()  # the platform is read at the start of the quarter, then paid for
    payers = contributors(m)
    assert rider not in payers
    cost = m.consortia.platform.yearly_cost(payers) / 4
    assert cost.sum() > 0
    assert m.ledger.account_in["data_contribution"] == pytest.approx(cost.sum())


def test_a_member_provider_counts_trials_it_can_match_patients_to():
    m = platform_model(steps=12)
    pf = m.consortia.platform
    assert pf.trial_options > 0
    providers = m.live_indices("provider")
    inside = [int(r) for r in providers if m.consortia.members["data_sharing"][r]]
    assert inside
    org = m.org(inside[0])
    with_platform = org.target_testing()
    assert pf.matchable_trials(org.idx) > 0
    m.consortia.members["data_sharing"][org.idx] = False
    assert pf.matchable_trials(org.idx) == 0
    assert org.target_testing() <= with_platform


def test_firms_expect_more_from_a_platform_with_more_contributors():
    m = platform_model(steps=0)
    firm = next(
        int(f)
        for f in m.live_indices("pharma")
        if (m.programmes.phase[m.programmes.active_of(int(f))] <= Phase.PHASE2).any()
    )
    many = m.initiative._firm_gain(firm)
    others = np.flatnonzero(m.initiative.members())
    m.initiative.free_rider[others[others != firm]] = True
    few = m.initiative._firm_gain(firm)
    assert many > few > 0
