"""The siloed baseline reproduces the published figures C1-C10 (mean of 20 replicates)."""

import pytest

from ecosim import load_scenario, run_replicates
from ecosim.analysis.calibration import TARGETS, lowest_transition_is_phase2

from .conftest import SCENARIOS

REPLICATES = 20
SEED = 2026


@pytest.fixture(scope="module")
def baseline():
    scenario = load_scenario(SCENARIOS / "siloed.yaml")
    return run_replicates(scenario, REPLICATES, seed=SEED).summary


@pytest.mark.slow
@pytest.mark.parametrize("target", TARGETS, ids=[t.code for t in TARGETS])
def test_calibration_target(baseline, target):
    mean = baseline[target.outcome].mean()
    assert target.low <= mean <= target.high, (
        f"{target.code} {target.metric}: model {mean:.4g}, target {target.low}-{target.high} "
        f"({target.source})"
    )


@pytest.mark.slow
def test_c3_phase2_is_the_lowest_transition(baseline):
    assert lowest_transition_is_phase2(baseline)
