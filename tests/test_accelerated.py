"""Accelerated approval: a small biomarker-selected subtype with strong phase II evidence
is marketed while its phase III confirms it, and loses the market if it does not.

(ecosim.accelerated)
"""

import numpy as np
import pytest

from ecosim.accelerated import eligible
from ecosim.coverage_status import CoverageStatus
from ecosim.model import EcosystemModel
from ecosim.pipeline import EndReason, Phase

from .conftest import small

OPEN_DOOR = {  # every biomarker-selected programme qualifies; reviews never queue
    "accelerated_max_patients": 10_000_000,
    "accelerated_min_strength": 0.0,
    "review_capacity_per_year": 1_000,
}


def _run(years: int = 14, phase3: float | None = None, **regulation) -> EcosystemModel:
    sections = {"regulation": {**OPEN_DOOR, **regulation}}
    if phase3 is not None:
        sections["pipeline"] = {"phase3": {"success": phase3}}
    m = EcosystemModel(small(years=years, **sections), rng=4)
    for _ in range(years * 4):
        m.step()
    return m


def test_only_small_strong_biomarker_selected_programmes_qualify():
    m = EcosystemModel(small(regulation={"accelerated_min_strength": 0.5}), rng=1)
    p = m.programmes
    ids = np.arange(p.n)
    p.strength[ids] = 0.8
    positives = m.patients.incidence.sum(axis=0) * 4 * m.patients.prevalence
    m.params.regulation.accelerated_max_patients = float(np.median(positives))
    small_subtype = positives[p.subtype[ids]] <= np.median(positives)
    assert (eligible(m, ids) == (p.precision[ids] & small_subtype)).all()
    p.strength[ids] = 0.4  # below the evidence bar
    assert not eligible(m, ids).any()
    m.params.regulation.accelerated_approval = False
    p.strength[ids] = 0.8
    assert not eligible(m, ids).any()


def test_an_accelerated_therapy_is_marketed_while_its_phase3_runs():
    m = _run(years=18, phase3=1.0)  # long enough for confirmatory trials to finish
    p = m.programmes
    fast = np.flatnonzero(p.accelerated_step[: p.n] >= 0)
    assert len(fast) >= 2
    for pid in fast.tolist():
        launched = p.accelerated_step[pid]
        assert p.entered[pid, Phase.PHASE3] < launched
        if p.phase[pid] == Phase.APPROVED:  # confirmed later, on the market from launch
            assert p.approved_step[pid] > launched
            assert m.market.columns["approved"][m.market.index_of(pid)] == launched
    confirmed = p.phase[fast] == Phase.APPROVED
    assert confirmed.any()  # confirmatory trials that succeed keep the therapy
    assert m.market.on_market()[[m.market.index_of(pid) for pid in fast[confirmed]]].all()


def test_a_failed_confirmatory_trial_withdraws_the_approval_and_its_cover():
    m = _run(phase3=0.0)
    steps = m.recorder.frame()
    assert steps["accelerated_approvals"].sum() >= 2
    assert steps["accelerated_withdrawn"].sum() >= 2
    mk = m.market
    gone = np.flatnonzero(mk.revoked)
    assert len(gone) == steps["accelerated_withdrawn"].sum()
    assert not mk.on_market()[gone].any()
    assert not (mk.status[gone] == CoverageStatus.covered).any()
    p = m.programmes
    assert (p.phase[np.asarray(mk.programme)[gone]] == Phase.ENDED).all()


def test_without_the_route_nothing_is_marketed_early():
    m = _run(accelerated_approval=False)
    assert not (m.programmes.accelerated_step[: m.programmes.n] >= 0).any()
    assert m.recorder.frame()["accelerated_approvals"].sum() == pytest.approx(0)


def test_a_programme_stopped_before_its_launch_never_reaches_the_market():
    m = EcosystemModel(small(), rng=2)
    p = m.programmes
    pid = int(p.active_ids()[0])
    p.accelerated_step[pid] = m.steps + 1  # granted, launching next quarter
    m.end_programmes(np.array([pid]), EndReason.strategic)
    m.step()
    assert pid not in m.market
    assert m.recorder.frame()["accelerated_withdrawn"].sum() == 0
