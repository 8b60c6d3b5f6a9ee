"""Portfolio decisions: gates, reviews, out-licensing and outside options act on value."""

import numpy as np
import pytest

from ecosim import portfolio
from ecosim.model import EcosystemModel
from ecosim.pipeline import EndReason, Phase
from ecosim.sectors import Sector

from .conftest import small


def test_nothing_worth_nothing_is_started_or_continued():
    # at a price of 1 USD no programme is worth its costs: firms stop at every gate
    s = small(years=4, reimbursement={"price_usd_per_patient": 1})
    m = EcosystemModel(s, rng=2)
    seeded = len(m.programmes.active_ids())
    for _ in range(s.steps):
        m.step()
    p = m.programmes
    assert seeded == 0  # firms hold nothing they value at less than nothing
    assert ((p.view("start_step") >= 1) & (p.view("open_ip") == 0)).sum() == 0


def test_a_negative_value_at_the_gate_stops_the_programme_for_no_go():
    m = EcosystemModel(small(years=2), rng=2)
    m.step()
    p = m.programmes
    biotech = int(m.live_indices(Sector.biotech)[0])
    ids = np.array([pid for pid in p.active_ids() if p.owner[pid] == biotech])
    if len(ids) == 0:
        pytest.skip("no biotech programme in this world")
    collapse_prices(m)
    went = portfolio.gate(m, ids, int(p.phase[ids[0]]) + 1)
    assert len(went) == 0
    assert (p.end_reason[ids] == EndReason.no_go).all()


def test_a_pharma_firm_out_licenses_what_another_values_instead_of_stopping_it():
    m = EcosystemModel(small(years=2), rng=3)
    m.step()
    p = m.programmes
    pharmas = m.live_indices(Sector.pharma)
    seller = int(pharmas[0])
    mine = [pid for pid in p.active_ids() if p.owner[pid] == seller and p.partner[pid] < 0]
    mine = np.array([pid for pid in mine if Phase.PHASE1 <= p.phase[pid] < Phase.REVIEW])
    assert len(mine) > 0
    cash = m.cash[seller]
    left = m.deals.out_license(seller, mine)
    placed = np.setdiff1d(mine, left)
    assert len(placed) > 0
    for pid in placed:
        assert p.owner[pid] != seller and p.licensor[pid] == seller
        assert m.sector_code[p.owner[pid]] == m.SECTOR_CODES[Sector.pharma]
        assert p.royalty[pid] > 0
    assert m.cash[seller] > cash  # upfront payments


def test_a_seller_without_the_cash_to_develop_has_no_outside_option():
    m = EcosystemModel(small(years=2), rng=2)
    m.step()
    p = m.programmes
    biotech = int(m.live_indices(Sector.biotech)[0])
    pid = int(p.active_ids()[0])
    m.cash[biotech] = 0.0
    assert portfolio.waiting_value(m, biotech, pid) == -np.inf or p.phase[pid] >= Phase.PHASE2
    assert portfolio.outside_option(m, biotech, pid) == 0.0
    m.cash[biotech] = 1e9  # rich enough to develop it to the market
    assert portfolio.outside_option(m, biotech, pid) >= 0.0


def collapse_prices(m):
    """Make every therapy worth (almost) nothing from now on (the outlook is rebuilt)."""
    m.params.reimbursement.__dict__["price_usd_per_patient"] = 1.0
    m.market_outlook = None


def test_the_yearly_review_stops_what_is_worth_less_than_nothing():
    m = EcosystemModel(small(years=2), rng=2)
    m.step()
    p = m.programmes
    pharma = m.org(int(m.live_indices(Sector.pharma)[0]))
    own = pharma.active_programmes()
    own = own[p.phase[own] < Phase.REVIEW]
    assert len(own) > 0
    collapse_prices(m)
    portfolio.review(m, pharma)
    assert (p.end_reason[own] == EndReason.no_go).all()  # nobody takes them either
