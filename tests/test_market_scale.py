"""One market scale: world sales, shared markets, loss of exclusivity, sales that fund R&D."""

import numpy as np
import pytest

from ecosim import uptake, world_sales
from ecosim.model import EcosystemModel
from ecosim.perspectives import sales_factor
from ecosim.sectors import Capability, Sector
from ecosim.units import QUARTERS_PER_YEAR

from .conftest import small


def run(seed=2, **sections):
    s = small(**sections)
    m = EcosystemModel(s, rng=seed)
    for _ in range(s.steps):
        m.step()
    return m


def test_the_rest_of_the_world_is_the_country_scaled_by_its_share():
    m = EcosystemModel(small(market={"country_share": 0.1}), rng=1)
    mp = m.params.market
    base = 0.9 / 0.1 * mp.rest_of_world_treated_share
    assert world_sales.world_multiplier(m, False) == pytest.approx(base)
    # a biomarker-selected therapy reaches only the patients tested abroad
    assert world_sales.world_multiplier(m, True) == pytest.approx(base * mp.rest_of_world_testing)


def test_later_entrants_share_a_market_instead_of_winner_take_all():
    m = EcosystemModel(small(), rng=1)
    rank = np.array([1, 2, 3])
    attraction = uptake.attraction(m, rank, np.full(3, 0.5), 0.5)
    split = uptake.split(
        np.zeros(3, dtype=np.int64), attraction, np.ones((3, 1)), np.ones(1), np.ones((3, 1)), 1
    )
    assert (split.volume > 0).all()
    assert split.volume[0] > split.volume[1] > split.volume[2]
    a = m.params.market.order_of_entry_exponent
    assert split.volume[1] / split.volume[0] == pytest.approx(2.0**-a)
    assert split.fraction[0] == pytest.approx(1.0)


def test_commercial_capability_speeds_uptake_and_raises_the_value_of_sales():
    m = EcosystemModel(small(), rng=1)
    quarters = np.arange(8)
    slow, fast = uptake.uptake_curve(quarters, 0.1), uptake.uptake_curve(quarters, 0.4)
    assert (fast[1:] > slow[1:]).all()
    rate = m.params.valuation.pharma_discount_rate
    assert sales_factor(m, 0.4, rate) > sales_factor(m, 0.1, rate)
    pharma, biotech = m.live_indices(Sector.pharma)[0], m.live_indices(Sector.biotech)[0]
    reach = uptake.conversion(m, np.array([pharma, biotech]))
    caps = m.caps[[pharma, biotech], Capability.commercial]
    assert reach[0] / reach[1] == pytest.approx(caps[0] / caps[1])


def test_a_lost_patent_cuts_revenue_and_the_rd_budget_it_feeds():
    long = run(years=8, market={"exclusivity_years": 50})
    short = run(years=8, market={"exclusivity_years": 1})
    assert any(short.market.generic) and not any(long.market.generic)
    assert short.ledger.account_in["generic_makers"] > 0
    firms = long.live_indices(Sector.pharma)
    assert short.revenue[firms].sum() < long.revenue[firms].sum()
    budget = [sum(m.org(int(f)).rd_budget for f in firms) for m in (short, long)]
    assert budget[0] < budget[1]


def test_sales_feed_the_rd_budget_through_the_rd_intensity_rule():
    m = EcosystemModel(small(), rng=1)
    m.step()
    pharma = m.org(int(m.live_indices(Sector.pharma)[0]))
    firms = m.params.firms
    m.revenue[pharma.idx] = 1_000.0 / QUARTERS_PER_YEAR  # 1 bn USD over the last year
    before = pharma.rd_budget
    pharma.set_budget()
    target = firms.rd_intensity * (1_000.0 + firms.pharma_other_revenue_musd_per_year)
    assert pharma.rd_budget == pytest.approx(
        before + firms.budget_adjustment_per_year * (target - before)
    )


def test_payer_spend_stops_growing_once_therapies_lose_exclusivity():
    s = small(years=30, market={"exclusivity_years": 5, "product_life_years": 10})
    m = EcosystemModel(s, rng=3)
    for _ in range(s.steps):
        m.step()
    market = m.market
    age = (m.steps - np.array(market.approved)) / QUARTERS_PER_YEAR
    generic, on_market = np.array(market.generic), market.on_market()
    assert (age > 10).any()  # the run is long enough to see therapies age out
    # exclusivity ends after 5 years and the therapy leaves after 10: nothing piles up
    assert generic[age >= 5].all() and not generic[age < 5].any()
    assert not on_market[age >= 10].any()
    assert market.on_patent_count() == int(np.count_nonzero(on_market & (age < 5)))
    assert (market.committed[~on_market] == 0).all()  # payers owe nothing for them
