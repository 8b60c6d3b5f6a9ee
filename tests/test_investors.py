"""Venture funds: finite capital that follows returns, rounds by value, entry by capital."""

import pytest

from ecosim.agents import Biotech, Investor
from ecosim.model import EcosystemModel
from ecosim.sectors import Sector

from .conftest import small


def entries(**investors):
    s = small(years=6, investors=investors)
    m = EcosystemModel(s, rng=4)
    for _ in range(s.steps):
        m.step()
    return int((m.entry_step[: m.n_orgs] >= 1).sum())


def test_new_biotechs_enter_only_with_capital_to_found_them():
    assert entries(initial_capital_musd=0, commitments_musd_per_year=0) == 0
    assert entries() > 0
    assert entries(commitments_musd_per_year=3_000) > entries(commitments_musd_per_year=200)


def test_limited_partners_commit_more_after_good_returns():
    m = EcosystemModel(small(), rng=1)
    fund = m.org(int(m.live_indices(Sector.investor)[0]))
    inv = m.params.investors
    assert fund.multiple() == pytest.approx(inv.reference_multiple)  # no record: the prior
    fund.paid_in.append(100.0)
    fund.returned.append(400.0)
    assert fund.multiple() > inv.reference_multiple
    m.steps = 1  # a new year: the fund raises capital
    before = fund.cash
    fund.step()
    raised = fund.cash - before
    flow = (fund.multiple() / inv.reference_multiple) ** inv.flow_elasticity
    assert raised == pytest.approx(inv.commitments_musd_per_year / inv.funds * flow)
    assert flow > 1


def test_a_fund_invests_in_a_round_only_in_a_pipeline_worth_something():
    m = EcosystemModel(small(), rng=1)
    fund: Investor = m.org(int(m.live_indices(Sector.investor)[0]))
    biotech: Biotech = m.org(int(m.live_indices(Sector.biotech)[0]))
    fund.budget = fund.pace()
    assert not fund.fund_round(biotech, 10.0, pipeline_value=0.0)
    cash = biotech.cash
    assert fund.fund_round(biotech, 10.0, pipeline_value=50.0)
    assert biotech.cash == pytest.approx(cash + 10.0)
    assert biotech.stakes[fund.idx] > 0
    fund.budget = -fund.pace()  # a year of pace already drawn ahead
    assert not fund.fund_round(biotech, 10.0, pipeline_value=50.0)


def test_biotechs_return_cash_beyond_their_needs_to_their_investors():
    m = EcosystemModel(small(), rng=1)
    m.step()
    biotech: Biotech = m.org(int(m.live_indices(Sector.biotech)[0]))
    fund = m.org(next(iter(biotech.stakes)))
    m.transfer("limited_partners", biotech.idx, 1_000.0)  # a windfall
    lp_before = m.ledger.account_in["limited_partners"]
    biotech.distribute(biotech.burn(biotech.active_programmes()))
    assert biotech.cash < 1_000.0
    assert m.ledger.account_in["limited_partners"] > lp_before  # passed on by the fund
    assert fund.returned[-1] > 0
