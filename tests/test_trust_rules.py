import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecosim.model import EcosystemModel
from ecosim.rules import trust
from ecosim.scenario import scenario_from_dict

from .conftest import small

unit = st.floats(0, 1, allow_nan=False)


def rule(**params):
    return trust.create(scenario_from_dict({"trust": params}).trust)


@given(t=unit, good=st.booleans(), gain=unit, loss=unit)
def test_trust_stays_in_bounds_and_moves_the_right_way(t, good, gain, loss):
    r = rule(gain_rate=gain, asymmetric={"loss_rate": loss})
    new = r.update(np.array([t]), np.array([good]))[0]
    assert 0.0 <= new <= 1.0
    assert (new >= t) if good else (new <= t)


def test_asymmetric_trust_falls_faster_than_it_grows():
    r, t = rule(), np.array([0.5])
    up = r.update(t, np.array([True]))[0] - 0.5
    down = 0.5 - r.update(t, np.array([False]))[0]
    assert down > 3 * up


def test_symmetric_rule_loses_what_it_would_gain():
    r, t = rule(rule="symmetric", gain_rate=0.1), np.array([0.5])
    up = r.update(t, np.array([True]))[0] - 0.5
    down = 0.5 - r.update(t, np.array([False]))[0]
    assert up == pytest.approx(down) == pytest.approx(0.05)


def test_the_model_starts_trust_from_the_sector_pair_table():
    s = small(trust={"initial_within_industry": 0.6, "initial_industry_payer": 0.2})
    m = EcosystemModel(s, rng=1)
    pharma, biotech = m.live_indices("pharma")[0], m.live_indices("biotech")[0]
    payer = m.live_indices("payer")[0]
    assert m.trust[pharma, biotech] == 0.6 == m.trust[biotech, pharma]
    assert m.trust[pharma, payer] == 0.2 == m.trust[payer, biotech]
    assert m.trust[payer, m.live_indices("academia")[0]] == s.trust.initial_other
    assert np.all(np.diag(m.trust[: m.n_orgs, : m.n_orgs]) == 1)


def test_agreement_rises_with_trust_and_is_half_at_the_midpoint():
    r = rule(negotiation_midpoint=0.4)
    assert r.agreement_probability(0.8) > r.agreement_probability(0.3)
    assert r.agreement_probability(0.4) == pytest.approx(0.5)


def test_one_experience_per_observer_and_partner_per_quarter():
    a, b = np.array([0, 1, 0, 2, 0]), np.array([1, 0, 1, 3, 1])
    bad = np.array([False, True, True, False, False])
    pa, pb, pair_bad = trust.pair_experience(a, b, bad)
    assert list(zip(pa, pb, pair_bad, strict=True)) == [(0, 1, True), (1, 0, True), (2, 3, False)]
    # direction matters: 1's bad experience of 0 is not 0's experience of 1
    _, _, one_way = trust.pair_experience(a[:2], b[:2], np.array([False, True]))
    assert one_way.tolist() == [False, True]
