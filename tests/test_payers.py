"""Payers that differ: sizes, thresholds, budgets, and an appraisal queue.

Payers' population shares and thresholds are drawn per seed; a payer with a lower
threshold covers fewer therapies; an appraisal capacity that binds lengthens the delay
from approval to coverage.
"""

import numpy as np
import pytest

from ecosim.api import run_once, with_overrides
from ecosim.model import EcosystemModel
from ecosim.pipeline import Phase

from .conftest import small

BUSY = {"years": 10, "population": {"pharma": 4, "biotech": 14}}


def test_payers_differ_in_size_threshold_and_budget():
    m = EcosystemModel(small(population={"payers": 4}), rng=3)
    shares = np.array([p.share for p in m.payers])
    assert shares.sum() == pytest.approx(1.0)
    assert np.ptp(shares) > 0
    assert len({p.threshold_usd for p in m.payers}) == 4
    budget = m.params.reimbursement.annual_budget_musd * 1e6
    for p in m.payers:  # the average payer's budget, scaled by size
        assert p.budget_left_usd == pytest.approx(budget * p.share * 4)


def test_one_threshold_without_spread():
    m = EcosystemModel(small(reimbursement={"threshold_spread": 0.0}), rng=3)
    assert {p.threshold_usd for p in m.payers} == {m.params.reimbursement.threshold_usd_per_qaly}


def test_a_payer_with_a_lower_threshold_covers_fewer_therapies():
    scenario = with_overrides(
        small(**BUSY, firms={"initial_marketed": 3.0}),
        **{"reimbursement.threshold_spread": 1.0, "population.payers": 4},
    )
    covered, thresholds = [], []
    for seed in range(3):
        m = EcosystemModel(scenario, rng=seed)
        for _ in range(scenario.steps):
            m.step()
        status = m.market.status == 1  # CoverageStatus.covered
        covered += status.sum(axis=0).tolist()
        thresholds += [p.threshold_usd for p in m.payers]
    order = np.argsort(thresholds)
    low, high = np.array(covered)[order[:4]], np.array(covered)[order[-4:]]
    assert low.mean() < high.mean()


def test_a_binding_appraisal_capacity_delays_coverage():
    def delay(capacity: float) -> float:
        scenario = with_overrides(
            small(**BUSY),
            **{
                "reimbursement.appraisals_per_year": capacity,
                "reimbursement.threshold_usd_per_qaly": 1e7,  # every therapy is covered
            },
        )
        runs = [run_once(scenario, seed) for seed in range(2)]
        return float(np.nanmean([r.summary["years_to_reimbursement"] for r in runs]))

    assert delay(0.3) > delay(100.0) + 0.5


def test_appraisals_start_in_order_of_approval_while_slots_last():
    m = EcosystemModel(small(reimbursement={"appraisals_per_year": 4.0}), rng=1)
    p = m.programmes
    new = [int(i) for i in np.flatnonzero(p.view("phase") < Phase.APPROVED)[:3]]
    for step, pid in zip((3, 1, 2), new, strict=True):  # approved out of id order
        m.market.add(pid, approved_step=step)
    payer = m.payers[0]
    waiting = [m.market.index_of(pid) for pid in new]
    started = []
    for _ in range(3):
        before = m.market.in_appraisal[waiting, 0].copy()
        payer.step()  # one slot a quarter
        after = m.market.in_appraisal[waiting, 0]
        started.append([w for w, b, a in zip(waiting, before, after, strict=True) if a and not b])
    assert [len(s) for s in started] == [1, 1, 1]
    assert [s[0] for s in started] == [waiting[1], waiting[2], waiting[0]]
