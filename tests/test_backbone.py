"""The backbone is what it costs: a budget buys a finite supply of services for members."""

import numpy as np
import pytest

from ecosim.agents import Backbone
from ecosim.conditions.backbone import Services
from ecosim.model import EcosystemModel
from ecosim.scenario import scenario_from_dict

from .conftest import small


def backbone_model(steps=1, seed=3, fees=True, **backbone) -> EcosystemModel:
    bb = {"intensity": 1.0, **backbone}
    initiative = {"founding_share": 1.0}
    if not fees:
        initiative.update(fee_firm_musd_per_year=0.0, fee_nonprofit_musd_per_year=0.0)
    m = EcosystemModel(
        small(collective_impact={"backbone": bb}, initiative=initiative),
        rng=seed,
        check=True,
    )
    for _ in range(steps):
        m.step()
    return m


def condition(**params):
    return scenario_from_dict(
        {"collective_impact": {"backbone": {"intensity": 1.0, **params}}}
    ).collective_impact.backbone


def test_zero_budget_buys_nothing():
    from ecosim.conditions.backbone import Backbone as Condition

    bb = Condition(condition(budget_musd_per_year=0.0))
    assert bb.buy(bb.budget(fees=0.0), np.array([10.0, 3.0, 5.0]), 2) == Services()


def test_services_grow_with_the_budget_until_needs_are_met():
    from ecosim.conditions.backbone import Backbone as Condition

    need = np.array([20.0, 4.0, 10.0])
    bought = []
    for budget in (1.0, 2.0, 2.5, 3.0, 4.0, 8.0, 100.0):
        bb = Condition(condition(budget_musd_per_year=budget, overhead_musd_per_year=2.0))
        s = bb.buy(bb.budget(fees=0.0), need, 3)
        bought.append((s.introductions, s.liaison, s.invitations, s.coordinated, s.spend))
    arr = np.array(bought)
    assert np.all(np.diff(arr, axis=0) >= 0)  # more budget, never fewer services
    assert np.all(arr[:2, :4] == 0)  # below the overhead: staff only, no service
    assert arr[-1, :4].tolist() == [20.0, 4.0, 10.0, 1.0]  # needs met
    assert arr[-1, 4] == arr[-2, 4] < 100.0  # the rest of the budget is not spent


def test_members_funding_limits_the_budget_to_the_fees():
    from ecosim.conditions.backbone import Backbone as Condition

    bb = Condition(condition(funding="members", budget_musd_per_year=8.0))
    assert bb.budget(fees=1.5) == 1.5
    assert bb.budget(fees=50.0) == 8.0
    outside = Condition(condition(budget_musd_per_year=8.0))
    assert outside.budget(fees=1.5) == 9.5


def test_the_backbone_spends_its_plan_and_the_books_balance():
    """It plans after the first review and spends a quarter of the plan a quarter."""
    m = backbone_model(steps=3)  # check=True: money is conserved every quarter
    agent = next(iter(m.agents_by_type[Backbone]))
    s = agent.services
    assert s.spend > 0
    assert m.spend["backbone"] == pytest.approx(s.spend / 4)
    frame = m.recorder.frame()
    assert frame["backbone_spend_musd"].tolist() == pytest.approx([0.0] + [s.spend / 4] * 2)


def test_an_unfunded_backbone_does_nothing():
    m = backbone_model(steps=8, fees=False, budget_musd_per_year=0.0)  # no funder, no fees
    assert m.recorder.frame()["backbone_spend_musd"].sum() == 0.0
    assert m.initiative.services == Services()
    assert m.introductions == 0.0 and m.liaison_slots == 0.0 and m.invitations == 0.0


def test_introductions_give_member_pharmas_extra_searches():
    rich = backbone_model(steps=8, budget_musd_per_year=100.0)
    poor = backbone_model(steps=8, fees=False, budget_musd_per_year=2.0)  # the overhead only
    assert rich.initiative.services.introductions > 0
    assert poor.initiative.services.introductions == 0
    deals = lambda m: len(m.deals.log.view("kind"))  # noqa: E731
    assert deals(rich) >= deals(poor)


def test_more_budget_more_liaison_more_early_engagement():
    """Outcomes follow the services bought: members' programmes engaged early.

    The agency gives no advice slots of its own here, so every early engagement is the
    backbone's liaison. Past the members' needs more money buys nothing more.
    """

    def run(budget):
        engaged = bought = 0.0
        for seed in (1, 2, 3):
            bb = {"intensity": 1.0, "budget_musd_per_year": budget}
            free = {"fee_firm_musd_per_year": 0.0, "fee_nonprofit_musd_per_year": 0.0}
            scenario = small(
                collective_impact={"backbone": bb},
                initiative={"founding_share": 1.0, **free},
                regulation={"advice_slots_per_year": 0.0},
            )
            m = EcosystemModel(scenario, rng=seed)
            for _ in range(24):
                m.step()
                bought += m.initiative.services.liaison
            engaged += int(m.programmes.early_engagement.sum())
        return bought, engaged

    results = [run(budget) for budget in (2.0, 2.2, 2.5, 10.0, 50.0)]  # staff cost 2.0
    bought, engaged = (np.array(x) for x in zip(*results, strict=True))
    assert bought[0] == 0 and engaged[0] == 0  # the budget pays the staff, buys nothing
    assert np.all(np.diff(bought) >= 0) and np.all(np.diff(engaged) >= 0)
    assert engaged[-1] > 0
    assert bought[-1] == bought[-2] and engaged[-1] == engaged[-2]  # members' needs met


def platform_model(join_rate: float, seed: int, **backbone) -> EcosystemModel:
    """Every organisation a member for free; a data platform, a trial network, a backbone."""
    ci = {
        "backbone": {"intensity": 1.0, **backbone},
        "shared_measurement": {"intensity": 1.0},
        "mutually_reinforcing": {"intensity": 1.0},
    }
    free = {"fee_firm_musd_per_year": 0.0, "fee_nonprofit_musd_per_year": 0.0}
    scenario = small(
        collective_impact=ci,
        initiative={"founding_share": 1.0, **free},
        consortia={"join_rate": join_rate},
    )
    return EcosystemModel(scenario, rng=seed)


def test_invitations_bring_members_into_the_platforms_sooner():
    """Convening is what the backbone pays for: without invitations members join at the
    base rate; with them, invited members consider joining at once."""

    def platform_members(budget, seeds=(1, 2, 3)):
        joined = invitations = 0.0
        for seed in seeds:
            m = platform_model(0.02, seed, budget_musd_per_year=budget)
            for _ in range(4):
                m.step()
            joined += sum(m.consortia.member_count(k) for k in ("data_sharing", "trial_network"))
            invitations += m.initiative.services.invitations
        return joined, invitations

    staff_only = platform_members(2.0)  # the budget pays the staff, buys no invitation
    funded = platform_members(50.0)
    assert staff_only[1] == 0 and funded[1] > 0
    assert funded[0] > staff_only[0]


def test_invitations_go_to_members_not_yet_in_a_platform_and_carry_over_a_part():
    """With no joining on one's own, only invited members join; each invitation is used
    once, and what is left below one invitation carries over."""
    m = platform_model(0.0, 4)
    m.step()  # the founders are in; no invitation has been delivered yet
    platforms = ("data_sharing", "trial_network")
    before = {k: m.consortia.members[k][: m.n_orgs].copy() for k in platforms}
    assert not any(b.any() for b in before.values())
    assert m.consortia.platform_candidates() > 3
    m.invitations = 3.5
    m.consortia.convene()
    joined = [np.flatnonzero(m.consortia.members[k][: m.n_orgs] & ~before[k]) for k in platforms]
    count = sum(len(j) for j in joined)
    assert 1 <= count <= 3  # at most the three invited join (each as its trust allows)
    assert all(m.initiative.member[j].all() for j in joined)
    assert m.invitations == pytest.approx(0.5)
