"""Deal terms come from Nash bargaining over the deal's value, so deals can fail for a reason."""

import numpy as np
import pytest

from ecosim.bargaining import split_value
from ecosim.model import EcosystemModel
from ecosim.perspectives import perspective
from ecosim.pipeline import Phase
from ecosim.valuation import net_value, new_programmes, prospects

from .conftest import small


@pytest.fixture(scope="module")
def model():
    s = small()
    m = EcosystemModel(s, rng=3)
    m.step()
    return m


def deal(m, phase, keeps=0.0, need=0.0, royalties=True):
    c = new_programmes(m, np.array([True]), np.array([0]), np.array([0.7]), phase)
    buyer = int(m.live_indices("pharma")[0])
    return c, buyer, split_value(m, c, keeps, buyer, 1.0, 1.0, need, royalties)


def test_the_seller_gets_its_outside_option_and_its_share_of_the_surplus(model):
    c, buyer, t = deal(model, Phase.PHASE2, keeps=20.0)
    b = model.params.bargaining
    surplus = t.buyer_value - 20.0 - b.deal_cost_musd
    assert t.price == pytest.approx(20.0 + b.seller_power * surplus)
    # the terms are worth the price: upfront + milestones + royalty, in present value
    pr = prospects(model, buyer, c)
    worth = t.upfront + t.milestone * pr.events_pv[0] + t.royalty * pr.sales_pv[0]
    assert worth == pytest.approx(t.price)
    assert t.upfront >= b.sure_share * t.price - 1e-9


def test_no_surplus_no_deal(model):
    c, buyer, t = deal(model, Phase.PHASE2)
    assert t is not None
    _, _, none = deal(model, Phase.PHASE2, keeps=t.buyer_value + 1.0)
    assert none is None


def test_a_seller_short_of_cash_takes_more_upfront(model):
    _, _, calm = deal(model, Phase.PRECLINICAL)
    _, _, short = deal(model, Phase.PRECLINICAL, need=calm.price * 0.8)
    assert short.upfront > calm.upfront
    assert short.price == pytest.approx(calm.price)


def test_later_deals_carry_higher_royalties_than_early_ones(model):
    # fewer milestone events are left in a late deal, so more is paid as royalty
    early = deal(model, Phase.PRECLINICAL)[2]
    late = deal(model, Phase.PHASE3)[2]
    assert late.events < early.events
    assert late.royalty > early.royalty


def test_without_royalties_milestones_carry_the_contingent_value(model):
    c, buyer, t = deal(model, Phase.PHASE2, royalties=False)
    assert t.royalty == 0
    pr = prospects(model, buyer, c)
    assert t.upfront + t.milestone * pr.events_pv[0] == pytest.approx(t.price)


def test_the_buyer_value_is_its_risk_adjusted_npv(model):
    c, buyer, t = deal(model, Phase.PHASE1)
    assert t.buyer_value == pytest.approx(net_value(model, prospects(model, buyer, c))[0])
    assert perspective(model, buyer).rate == model.params.valuation.pharma_discount_rate


def test_every_negotiation_is_logged_with_its_outcome():
    s = small(years=8)
    m = EcosystemModel(s, rng=5)
    for _ in range(s.steps):
        m.step()
    log = m.deals.log
    outcome = log.view("outcome")
    assert len(outcome) > 0
    agreed = outcome == 0
    assert agreed.any() and (~agreed).any()  # some fail (no surplus, budget, trust)
    assert (log.view("upfront_musd")[agreed] >= 0).all()
    royalty = log.view("royalty")[agreed]
    assert ((royalty >= 0) & (royalty <= 0.5)).all()


def test_every_failed_negotiation_counts(monkeypatch):
    # regression: failed out-licensing, exit sales and academic no-surplus went uncounted
    from ecosim import academic_deals, deals

    monkeypatch.setattr(deals, "sign", lambda m, a, b: False)  # nobody ever signs
    monkeypatch.setattr(academic_deals, "sign", lambda m, a, b: False)
    s = small(years=6)
    m = EcosystemModel(s, rng=5)
    partnerships = []
    negotiate = m.deals._negotiate
    monkeypatch.setattr(
        m.deals, "_negotiate", lambda a, b, *k: partnerships.append(a) or negotiate(a, b, *k)
    )
    for _ in range(s.steps):
        m.step()
    outcome = m.deals.log.view("outcome")
    assert len(outcome) > 0 and (outcome != 0).all()  # every deal failed
    counted = sum(m.recorder.rows["negotiations_failed"])
    assert counted == len(outcome) + len(partnerships)
