"""Companion diagnostics as products: performance, development cost, payers' decision.

An uncovered test is paid out of pocket and lowers testing; a payer that appraises the
test covers it only when test-and-treat pays at its threshold; false positives are
treated and paid for without benefit; a biomarker-selected phase III pays for its test.
"""

import numpy as np
import pytest

from ecosim import development
from ecosim.market import CoverageStatus
from ecosim.model import EcosystemModel
from ecosim.pipeline import Phase

from .conftest import small

MARKETED = {"firms": {"initial_marketed": 4.0}}


def _run(seed: int = 2, **sections) -> EcosystemModel:
    m = EcosystemModel(small(**sections), rng=seed)
    for _ in range(m.params.steps):
        m.step()
    return m


def test_an_uncovered_test_is_paid_out_of_pocket_and_lowers_testing():
    covered = _run().recorder.frame()
    uncovered = _run(reimbursement={"companion_test_reimbursed": False}).recorder.frame()
    assert covered["out_of_pocket_musd"].sum() == 0.0
    assert (covered["test_coverage"] == 1.0).all()
    assert (uncovered["test_coverage"] == 0.0).all()
    assert uncovered["patients_tested"].sum() < covered["patients_tested"].sum()
    price = small().patients.test_cost_usd
    paid = uncovered["tests_done"].sum() * price / 1e6
    assert uncovered["out_of_pocket_musd"].sum() == pytest.approx(paid)


def _matched_run(**sections) -> EcosystemModel:
    """A run (seed 3) in which a payer covers a matched therapy."""
    m = _run(3, **sections, **MARKETED)
    mk = m.market
    covered = (np.asarray(mk.status) == CoverageStatus.covered).any(axis=1)
    assert (covered & mk.columns["precision"]).any(), "the run needs a covered matched therapy"
    return m


def _coverage(test_cost_usd: float) -> float:
    m = _matched_run(
        reimbursement={"test_appraisal": True}, patients={"test_cost_usd": test_cost_usd}
    )
    return float(m.recorder.frame()["test_coverage"].max())


def test_a_payer_that_appraises_covers_only_a_test_that_pays_at_its_threshold():
    assert _coverage(1.0) == 1.0  # a nearly free test: any covered matched therapy pays
    assert _coverage(90_000.0) == 0.0  # too dear for what it finds


def test_appraising_payers_start_without_covering_the_test():
    m = EcosystemModel(small(reimbursement={"test_appraisal": True}), rng=1)
    assert not any(p.covers_test for p in m.payers)


def test_false_positives_are_paid_for_without_benefit():
    exact = _matched_run(diagnostics={"specificity": 1.0})
    loose = _matched_run(diagnostics={"specificity": 0.5})
    spend = [m.recorder.frame()["payer_spend_musd"].sum() for m in (exact, loose)]
    qalys = [m.recorder.frame()["qalys"].sum() for m in (exact, loose)]
    assert spend[1] / qalys[1] > spend[0] / qalys[0]


def test_cascade_finds_positives_by_sensitivity_and_misses_by_specificity():
    m = EcosystemModel(small(diagnostics={"sensitivity": 0.8, "specificity": 0.9}), rng=1)
    m.step()
    c = m.last_cascade
    prev = m.patients.prevalence[None, :]
    assert np.allclose(c.eligible, c.tested * prev * 0.8)
    assert np.allclose(c.false_positive, c.tested * (1 - prev) * 0.1)


def test_a_biomarker_selected_phase3_pays_for_its_companion_test():
    costs = []
    for dev_cost in (0.0, 50.0):
        m = EcosystemModel(small(diagnostics={"development_cost_musd": dev_cost}), rng=1)
        p = m.programmes
        pid = int(np.flatnonzero(p.view("precision"))[0])
        development.enter_phase(m, np.array([pid]), Phase.PHASE3)
        costs.append(float(p.phase_cost[pid]))
    assert costs[1] - costs[0] == pytest.approx(50.0)
