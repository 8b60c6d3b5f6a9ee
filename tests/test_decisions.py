"""Decision hooks for the participatory mode: a person can take one organisation's choices.

Without a person the run is the run the model always made; a person's choice goes the
same way as the agent's (a refused therapy is not paid for, an asset not approached is
not negotiated).
"""

import numpy as np
import pandas as pd
import pytest

from ecosim import records
from ecosim.bargaining import OUTCOMES
from ecosim.coverage_status import CoverageStatus
from ecosim.decisions import PERSON_REFUSED, Decisions
from ecosim.library import library
from ecosim.model import EcosystemModel
from ecosim.partnerships import KINDS
from ecosim.scenario import Scenario, load_scenario
from ecosim.sectors import Sector

QUARTERS = 40
SEED = 2026


class Person(Decisions):
    """Plays one organisation: counts the questions, answers ``cover`` / ``asset`` if set."""

    def __init__(self, controls: int, cover: bool | None = None, asset: str = "default"):
        super().__init__([controls])
        self.asked = {"cover": 0, "asset": 0}
        self._cover, self._asset = cover, asset

    def cover(self, view, default):
        self.asked["cover"] += 1
        assert view.payer in self.controls
        assert view.price_usd > 0 and view.threshold_usd_per_qaly > 0
        return default if self._cover is None else self._cover

    def choose_asset(self, firm, options, default):
        assert firm in self.controls
        self.asked["asset"] += 1
        assert [o.gain_musd for o in options] == sorted(
            (o.gain_musd for o in options), reverse=True
        )
        assert default == (options[0].programme if options else None)
        return default if self._asset == "default" else None


def _run(decisions: Decisions | None = None) -> EcosystemModel:
    m = EcosystemModel(Scenario(years=QUARTERS // 4), rng=SEED, decisions=decisions)
    for _ in range(QUARTERS):
        m.step()
    return m


@pytest.fixture(scope="module")
def agents_only() -> EcosystemModel:
    return _run()


def _payer(m: EcosystemModel) -> int:
    return m.payers[0].idx


def _pharma(m: EcosystemModel) -> int:
    return int(m.live_indices(Sector.pharma)[0])


def test_a_person_who_agrees_with_the_agent_changes_nothing(agents_only):
    payer = Person(_payer(agents_only))
    with_payer = _run(payer)
    pharma = Person(_pharma(agents_only))
    with_pharma = _run(pharma)
    assert payer.asked["cover"] > 0 and pharma.asked["asset"] > 0  # the hooks are reached
    for m in (with_payer, with_pharma):
        pd.testing.assert_frame_equal(m.recorder.frame(), agents_only.recorder.frame())


def test_a_payer_who_refuses_pays_for_nothing_it_decided(agents_only):
    k = 0
    decided = agents_only.market.decided_at[: agents_only.market.n, k] >= 1
    status = agents_only.market.status[: agents_only.market.n, k]
    assert np.any(decided & (status == CoverageStatus.covered))  # the rule covered some
    m = _run(Person(_payer(agents_only), cover=False))
    mk = m.market
    mine = mk.decided_at[: mk.n, k] >= 1
    assert np.any(mine)
    assert not np.any(mk.status[: mk.n, k][mine] == CoverageStatus.covered)
    assert PERSON_REFUSED in set(mk.mode[: mk.n, k][mine])
    assert np.all(mk.paid[: mk.n, k][mine] == 0)


def test_a_pharma_firm_that_approaches_no_one_negotiates_less(agents_only):
    firm = _pharma(agents_only)
    m = _run(Person(firm, asset="none"))
    before = np.count_nonzero(agents_only.deals.log.view("buyer") == firm)
    after = np.count_nonzero(m.deals.log.view("buyer") == firm)
    assert after < before


class Member(Decisions):
    """Plays some organisations at the initiative's review; records what it was shown."""

    def __init__(self, controls, choice: str | None = None, sign: bool = True):
        super().__init__(controls)
        self.shown: list = []
        self._choice, self._sign = choice, sign
        self.offers = 0

    def membership(self, view, default):
        assert default in view.choices
        self.shown.append(view)
        if self._choice == "leave":  # and stay out
            return "leave" if view.member else "stay_out"
        return default

    def accept_deal(self, offer, default):
        self.offers += 1
        assert offer.upfront_musd >= 0 and offer.commitment_musd >= 0
        return self._sign


def _collective(decisions: Decisions | None = None) -> EcosystemModel:
    scenario = load_scenario(library()["collective_impact"]).model_copy(
        update={"years": QUARTERS // 4}
    )
    m = EcosystemModel(scenario, rng=SEED, decisions=decisions)
    for _ in range(QUARTERS):
        m.step()
    return m


@pytest.fixture(scope="module")
def collective() -> EcosystemModel:
    return _collective()


def _reviewed(m: EcosystemModel) -> list[int]:
    """A few organisations the review weighs: founding members and others."""
    members = np.flatnonzero(m.initiative.member[: m.n_orgs])
    patient_org = int(m.live_indices(Sector.patient_org)[0])
    return [int(r) for r in members[:3]] + [_pharma(m), _payer(m), patient_org]


def test_members_who_agree_with_their_agents_change_nothing(collective):
    person = Member(_reviewed(collective))
    m = _collective(person)
    assert person.shown and person.offers > 0  # both hooks are reached
    pd.testing.assert_frame_equal(m.recorder.frame(), collective.recorder.frame())
    nonprofit = [v for v in person.shown if v.budget_musd < np.inf]
    for v in nonprofit:  # a non-profit is offered nothing it cannot pay for
        full, fee = v.fee_musd + v.effort_musd <= v.budget_musd, v.fee_musd <= v.budget_musd
        assert ("stay" in v.choices) == (v.member and full)
        assert ("join" in v.choices) == (not v.member and fee)


def test_members_who_leave_stay_out(collective):
    rows = [r for r in _reviewed(collective) if collective.initiative.member[r]]
    m = _collective(Member(rows, choice="leave"))
    assert not np.any(m.initiative.member[rows])
    spells = records.memberships(m)
    left = spells[spells["organisation"].isin(rows) & (spells["consortium"] == "initiative")]
    assert (left["leave_step"] >= 0).all()


def test_a_firm_that_declines_every_offer_signs_none(collective):
    firm = _pharma(collective)
    person = Member([firm], sign=False)
    m = _collective(person)
    log = m.deals.log
    mine = (log.view("buyer") == firm) | (log.view("seller") == firm)
    outcome = np.array(OUTCOMES)[log.view("outcome")]
    assert person.offers > 0 and np.any(outcome[mine] == "declined")
    assert set(outcome[mine]) - {"declined", "budget", "no_surplus"} == set()
    ps = m.partnerships  # nothing signed since the start: only payers' outcome-based deals
    formed = ps.view("start") >= 1
    with_firm = (ps.view("a") == firm) | (ps.view("b") == firm)
    kinds = set(np.array(KINDS)[ps.view("kind")[formed & with_firm]])
    assert kinds <= {"outcome_based"}


class Outreach(Decisions):
    """Plays patient organisations and sends their own outreach to region ``to``."""

    def __init__(self, controls, to: int | None):
        super().__init__(controls)
        self.to, self.asked = to, 0

    def outreach_region(self, view, default):
        assert default == view.home and len(view.unaware) == len(view.patients_per_quarter)
        self.asked += 1
        return default if self.to is None else self.to


def _outreach_run(to: int | None, reach: float) -> tuple[EcosystemModel, Outreach]:
    scenario = Scenario(years=QUARTERS // 4)
    scenario = scenario.model_copy(
        update={"outreach": scenario.outreach.model_copy(update={"away_reach": reach})}
    )
    probe = EcosystemModel(scenario, rng=SEED)
    orgs = probe.live_indices(Sector.patient_org)
    person = Outreach(orgs, to)
    m = EcosystemModel(scenario, rng=SEED, decisions=person)
    for _ in range(QUARTERS // 4):
        m.step()
    return m, person


def test_outreach_away_from_home_reaches_fewer_patients(agents_only):
    home, person = _outreach_run(None, 0.0)
    assert person.asked > 0
    last = len(home.patients.awareness) - 1
    away, _ = _outreach_run(last, 0.0)
    # the effort sent away reaches no one at away_reach 0: awareness rises less
    assert away.patients.awareness.sum() < home.patients.awareness.sum()
    full, _ = _outreach_run(last, 1.0)
    assert full.patients.awareness.sum() > away.patients.awareness.sum()


def test_the_peoples_stream_is_not_the_models():
    model = np.random.default_rng(np.random.SeedSequence(SEED)).random(4)
    assert not np.allclose(Decisions(seed=SEED).rng.random(4), model)


def test_outreach_to_no_region_stays_home():
    home, _ = _outreach_run(None, 0.0)
    nowhere, _ = _outreach_run(-1, 0.0)  # -1 would wrap to the last region
    np.testing.assert_array_equal(nowhere.patients.awareness, home.patients.awareness)


class Signer(Decisions):
    """Plays some organisations, signs what its agents would and records every offer."""

    def __init__(self, controls):
        super().__init__(controls)
        self.offers: list = []

    def accept_deal(self, offer, default):
        self.offers.append(offer)
        return default


def test_both_sides_of_a_deal_are_asked_when_both_are_played(collective):
    log = collective.deals.log
    playable = collective.live_indices(Sector.pharma, Sector.academia)  # students' roles
    both = np.isin(log.view("seller"), playable) & np.isin(log.view("buyer"), playable)
    signing = [OUTCOMES.index(x) for x in ("agreed", "trust")]  # reached the signing
    both &= np.isin(log.view("outcome"), signing)
    assert np.any(both), "no deal between two playable organisations"
    i = int(np.flatnonzero(both)[0])
    seller, buyer = int(log.view("seller")[i]), int(log.view("buyer")[i])
    person = Signer([seller, buyer])
    m = _collective(person)
    pd.testing.assert_frame_equal(m.recorder.frame(), collective.recorder.frame())
    sides = {}
    for o in person.offers:
        sides.setdefault((o.kind, o.programme, o.seller, o.buyer), set()).add(o.asked)
    assert {seller, buyer} in sides.values()
    assert all(asked <= {o_seller, o_buyer} for (_, _, o_seller, o_buyer), asked in sides.items())


def test_an_academic_centre_is_asked_about_its_deals_and_a_refusal_counts(collective):
    centres = [int(r) for r in collective.live_indices(Sector.academia)]
    person = Signer(centres)
    _collective(person)
    kinds = {o.kind for o in person.offers}
    assert kinds & {"academic_licence", "academic_collaboration"}, kinds
    declining = Member(centres, sign=False)
    m = _collective(declining)
    log = m.deals.log
    academic = np.isin(log.view("seller"), centres)
    outcome = np.array(OUTCOMES)[log.view("outcome")[academic]]
    assert "declined" in outcome and "agreed" not in outcome
    ps = m.partnerships
    with_centre = np.isin(ps.view("a"), centres) | np.isin(ps.view("b"), centres)
    assert not np.any((ps.view("start") >= 1) & with_centre)


def test_a_person_who_leaves_against_the_agent_is_recorded_as_chosen(collective):
    stayers = [r for r in _reviewed(collective) if collective.initiative.member[r]]
    m = _collective(Member(stayers, choice="leave"))
    spells = records.memberships(m)
    mine = spells[spells["organisation"].isin(stayers) & (spells["consortium"] == "initiative")]
    agents = records.memberships(collective)
    theirs = agents[agents["organisation"].isin(stayers) & (agents["consortium"] == "initiative")]
    founders = theirs[theirs["join_step"] == 0]  # members when the person took over
    stayed = set(founders.loc[founders["leave_step"] < 0, "organisation"])
    assert stayed, "every reviewed founder left on its own"
    chosen = set(mine.loc[mine["reason"] == "chosen", "organisation"])
    assert stayed <= chosen
