import numpy as np
import pandas as pd
import pytest

from ecosim import run_once
from ecosim.agents import Backbone
from ecosim.market import CoverageStatus
from ecosim.model import EcosystemModel
from ecosim.payments import pay_sales
from ecosim.pipeline import EndReason, Phase

from .conftest import small


def run_model(scenario, seed=1):
    m = EcosystemModel(scenario, rng=np.random.default_rng(seed))
    for _ in range(scenario.steps):
        m.step()
    return m


def test_same_seed_same_results(small_scenario):
    a, sa, _ = run_once(small_scenario, 5)
    b, sb, _ = run_once(small_scenario, 5)
    pd.testing.assert_frame_equal(a, b)
    assert sa == pytest.approx(sb, nan_ok=True)


def test_different_seeds_differ(small_scenario):
    a, _, _ = run_once(small_scenario, 1)
    b, _, _ = run_once(small_scenario, 2)
    assert not a.equals(b)


def test_invariants_hold_every_step(small_scenario):
    m = EcosystemModel(small_scenario, rng=np.random.default_rng(3))
    for _ in range(small_scenario.steps):
        m.step()
        n = m.n_orgs
        assert np.all((m.trust[:n, :n] >= 0) & (m.trust[:n, :n] <= 1))
        p = m.programmes
        assert np.all((p.view("phase") >= 0) & (p.view("phase") <= Phase.ENDED))
        ended = p.view("phase") == Phase.ENDED
        assert np.all(p.view("end_reason")[ended] > 0)
        assert np.all(p.view("spent") >= 0)
    df = m.recorder.frame()
    cascade = [
        "patients_incident",
        "patients_aware",
        "patients_tested",
        "patients_eligible",
        "patients_matched",
    ]
    vals = df[cascade].to_numpy()
    assert np.all(np.diff(vals, axis=1) <= 1e-9), "cascade must narrow at every stage"
    assert not df.drop(columns=["trust_partners"]).isna().any().any()
    assert np.isfinite(df.select_dtypes("number").fillna(0).to_numpy()).all()


def test_steps_and_rows_match_horizon():
    s = small(years=2.5)
    steps, _, _ = run_once(s, 0)
    assert len(steps) == 10 and steps["year"].iloc[-1] == 2.5


@pytest.mark.parametrize(
    "population",
    [
        {"payers": 0},
        {"academia": 0},
        {"regulators": 0},
        {"patient_orgs": 0},
        {"pharma": 0},
        {"biotech": 0, "pharma": 1},
        {"regions": 1, "subtypes": 1},
    ],
)
def test_extreme_populations_run(population):
    steps, summary, _ = run_once(small(population=population), 0)
    assert len(steps) == 24
    assert summary["approvals"] >= 0


def test_without_regulators_nothing_is_approved():
    _, summary, _ = run_once(small(population={"regulators": 0}, years=10), 0)
    assert summary["approvals"] == 0


def test_backbone_exists_only_with_collective_impact_and_spends_within_its_budget():
    silo = run_model(small())
    assert Backbone not in silo.agents_by_type
    budget = {"backbone": 1.0, "backbone_cost_musd_per_year": 40}  # an old name of the budget
    ci = run_model(small(collective_impact=budget))
    assert ci.params.collective_impact.backbone.budget_musd_per_year == 40
    assert len(ci.agents_by_type[Backbone]) == 1
    spend = ci.recorder.frame()["backbone_spend_musd"]
    overhead = ci.params.collective_impact.backbone.overhead_musd_per_year
    # its staff every year, services as members need them, never beyond budget and fees
    assert overhead * ci.params.years <= spend.sum() < 40 * ci.params.years


def test_pharma_cuts_spending_to_its_budget():
    poor = {"pharma_initial_cash_musd": 20, "pharma_other_revenue_musd_per_year": 0}
    tight = run_model(small(firms=poor, years=4))
    reasons = tight.programmes.view("end_reason")
    assert (reasons == EndReason.strategic).sum() > 0
    rich = {"pharma_initial_cash_musd": 100_000, "pharma_other_revenue_musd_per_year": 500_000}
    loose = run_model(small(firms=rich, years=4))
    assert (loose.programmes.view("end_reason") == EndReason.strategic).sum() == 0


def test_biotech_firms_exit_when_cash_runs_out():
    m = run_model(
        small(
            firms={"biotech_initial_cash_musd": 1},
            investors={"initial_capital_musd": 0, "commitments_musd_per_year": 0},
            years=3,
        )
    )
    assert m.recorder.frame()["firm_exits"].sum() > 0
    assert m.live_indices("biotech").size < 8


def test_duplicates_are_flagged_across_owners():
    m = run_model(small(years=3))
    p = m.programmes
    act = np.flatnonzero(p.active_mask())
    from ecosim.development import mark_duplicates

    mark_duplicates(m)
    k = m.params.science.targets_per_subtype
    key = p.subtype[act] * k + p.target[act]
    for pid in act[p.duplicate[act]]:
        same = act[(key == p.subtype[pid] * k + p.target[pid]) & (p.owner[act] != p.owner[pid])]
        assert len(same) > 0


def test_a_world_without_patients_runs():
    steps, summary, _ = run_once(small(patients={"incidence_per_year": 0}), 0)
    assert steps["patients_in_trials"].sum() == 0
    assert summary["trial_enrolment_share"] != summary["trial_enrolment_share"]  # NaN: 0/0


def test_awareness_at_start_is_the_input():
    steps, summary, _ = run_once(small(patients={"initial_awareness": 0.17}), 0)
    assert summary["awareness_start"] == pytest.approx(0.17)


def test_budget_cap_holds_across_years():
    s = small(years=20, reimbursement={"rule": "budget_cap", "annual_budget_musd": 30})
    m = run_model(s, seed=2)
    budget = 30e6
    assert np.all(m.market.committed.sum(axis=0) <= budget + 1e-6)
    loose = run_model(
        small(years=20, reimbursement={"rule": "budget_cap", "annual_budget_musd": 1e6}), seed=2
    )
    covered = CoverageStatus.covered
    assert (loose.market.status == covered).sum() >= (m.market.status == covered).sum()


def _marketed_therapy(m, owner: int) -> int:
    """Give ``owner`` an approved therapy (as if its programme had passed review)."""
    pid = m.programmes.add(
        owner=owner, subtype=0, target=0, precision=False, strength=0.0, quality=0.0, step=0
    )
    m.approve(np.array([pid]))
    return pid


def test_an_exiting_biotech_hands_its_therapies_to_a_pharma_firm_that_earns_from_them():
    m = EcosystemModel(small(years=3), rng=np.random.default_rng(2))
    m.step()
    biotech = m.org(int(m.live_indices("biotech")[0]))
    pid = _marketed_therapy(m, biotech.idx)
    biotech.exit()
    new_owner = m.programmes.owner[pid]
    assert not m.alive[biotech.idx] and m.alive[new_owner]
    assert m.org(int(new_owner)).sector == "pharma"
    revenue = m.yearly_revenue(int(new_owner))
    pay_sales(m, pid, 10.0)  # revenue of a pharma firm goes to its parent, which sets the budget
    assert m.yearly_revenue(int(new_owner)) == pytest.approx(revenue + 10.0)


def test_sales_of_a_therapy_nobody_took_over_reach_nobody():
    m = EcosystemModel(small(years=3, population={"pharma": 0, "biotech": 3}), rng=1)
    m.step()
    biotech = m.org(int(m.live_indices("biotech")[0]))
    pid = _marketed_therapy(m, biotech.idx)
    biotech.exit()  # no pharma firm to take the therapy over
    assert m.programmes.owner[pid] == biotech.idx
    before = m.ledger.account_in["unclaimed_sales"]
    pay_sales(m, pid, 5.0)
    assert m.ledger.account_in["unclaimed_sales"] == before + 5.0
