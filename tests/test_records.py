"""Entity records: one row per entity, consistent with the run outcomes and the steps."""

import numpy as np
import pandas as pd
import pytest

from ecosim import run_once, run_replicates
from ecosim.records import ENTITY_TABLES

from .conftest import small


@pytest.fixture(scope="module")
def run():
    scenario = small(years=20, collective_impact={"shared_measurement": 1.0})
    return run_once(scenario, 4)


def test_every_table_is_there_with_one_row_per_entity(run):
    ent = run.entities
    assert set(ent) == set(ENTITY_TABLES)
    assert ent["programmes"]["programme"].is_unique and len(ent["programmes"]) > 0
    assert ent["partnerships"]["partnership"].is_unique and len(ent["partnerships"]) > 0
    assert len(ent["memberships"]) > 0  # the data-sharing consortium
    n_payers = (ent["organisations"]["sector"] == "payer").sum()
    assert len(ent["coverage"]) == len(ent["therapies"]) * n_payers


def test_run_outcomes_agree_with_the_records(run):
    ent, s = run.entities, run.summary
    progs = ent["programmes"]
    in_run = ent["therapies"][ent["therapies"]["approval_step"] >= 1]
    approved = (progs["outcome"] == "approved") & ~progs["marketed_at_start"]
    assert s["approvals"] == approved.sum() == len(in_run)
    assert s["approvals_precision"] == in_run["precision"].sum()
    ps = ent["partnerships"]
    ended = ps[ps["end_reason"] != "active"]
    early = ended["end_reason"].isin(["low_trust", "dispute", "strategic"]).mean()
    assert s["partnership_termination_rate"] == pytest.approx(early)
    assert s["firm_exits"] == (ent["organisations"]["exit_step"] >= 1).sum()
    timed = progs[(progs["outcome"] == "approved") & (progs["entered_phase1"] >= 1)]
    years = ((timed["end_step"] - timed["entered_phase1"]) / 4).mean()
    assert len(timed) > 0 and s["phase1_to_approval_years"] == pytest.approx(years)


def test_per_step_outcomes_agree_with_the_records(run):
    ent, steps = run.entities, run.steps
    ps = ent["partnerships"]
    assert steps["partnerships_formed"].sum() == (ps["start_step"] >= 1).sum()
    assert steps["partnerships_active"].iloc[-1] == (ps["end_reason"] == "active").sum()
    in_run = ent["therapies"].loc[ent["therapies"]["approval_step"] >= 1, "therapy"]
    assert steps["approvals"].sum() == len(in_run)
    covered = ent["coverage"].groupby("therapy")["covered_from"].max() >= 0
    assert steps["therapies_reimbursed"].sum() == covered[in_run].sum()
    assert steps["firm_entries"].sum() == (ent["organisations"]["entry_step"] >= 1).sum()
    joins = ent["memberships"]["join_step"]
    assert steps["consortium_joins"].sum() == (joins >= 1).sum()
    spent = ent["programmes"]["spent_musd"].sum()
    by_phase = ent["programmes"].filter(like="spent_").drop(columns="spent_musd").sum().sum()
    assert by_phase == pytest.approx(spent) == pytest.approx(steps["rd_spend_musd"].sum())


def test_records_tell_a_consistent_history(run):
    ent = run.entities
    progs = ent["programmes"]
    entered = progs.filter(like="entered_").to_numpy()
    for row in entered:  # phases are entered in order, never twice
        steps = row[row >= 0]
        assert np.all(np.diff(steps) >= 0)
    ended = progs[progs["outcome"] != "active"]
    assert np.all(ended["end_step"] >= ended["start_step"])
    ps = ent["partnerships"]
    done = ps[ps["end_reason"] != "active"]
    assert np.all(done["end_step"] >= done["start_step"]) and np.all(done["end_step"] >= 0)
    cov = ent["coverage"]
    covered = cov[cov["covered_from"] >= 0].merge(ent["therapies"], on=["therapy", "programme"])
    assert np.all(covered["covered_from"] >= covered["approval_step"])
    assert set(cov.loc[cov["decision"] == "covered", "mode"]) <= {
        "threshold",
        "ced",
        "outcome_based",
    }
    mem = ent["memberships"]
    left = mem[mem["reason"] != "member"]
    assert np.all(left["leave_step"] >= left["join_step"])
    assert set(mem["reason"]) <= {"member", "low_trust", "exit", "cost", "initiative"}


def test_replicates_return_their_records_with_a_replicate_key():
    res = run_replicates(small(years=3), replicates=2, seed=1, workers=1)
    assert set(res.entities) == set(ENTITY_TABLES)
    progs = res.entities["programmes"]
    assert list(progs.columns[:2]) == ["replicate", "programme"]
    assert set(progs["replicate"]) == {0, 1}
    for r in (0, 1):
        n = res.summary.loc[res.summary["replicate"] == r, "approvals"].item()
        mine = progs[(progs["replicate"] == r) & ~progs["marketed_at_start"]]
        assert (mine["outcome"] == "approved").sum() == n


def test_a_run_can_leave_its_records_out():
    res = run_once(small(years=2), 1, entities=False)
    assert res.entities == {} and isinstance(res.steps, pd.DataFrame)
    steps, summary, network = res  # unpacks as before
    assert summary is res.summary and "nodes" in network
