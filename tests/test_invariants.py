"""The invariants hold on every bundled scenario, and each check catches what it claims."""

import numpy as np
import pytest

from ecosim.cli import main
from ecosim.invariants import InvariantError, checking, verify, violations
from ecosim.model import EcosystemModel
from ecosim.scenario import load_scenario

from .conftest import SCENARIOS, small, write_tiny


def test_checks_are_on_in_every_test_run():
    assert checking()
    assert EcosystemModel(small(), rng=1).check


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_bundled_scenarios_keep_every_invariant(path):
    scenario = load_scenario(path).model_copy(update={"years": 4})
    m = EcosystemModel(scenario, rng=3, check=True)
    for _ in range(scenario.steps):
        m.step()  # verify() raises on the first broken invariant
    assert violations(m) == []


@pytest.fixture
def stepped():
    m = EcosystemModel(small(), rng=7, check=False)
    for _ in range(6):
        m.step()
    assert violations(m) == []
    return m


def _breaks(m, words: str) -> None:
    found = violations(m)
    assert any(words in v for v in found), found
    with pytest.raises(InvariantError) as err:
        verify(m)
    assert words in str(err.value)


def test_cash_that_appears_from_nowhere_is_caught(stepped):
    firm = next(o for o in stepped.orgs if o.sector == "pharma")
    firm.cash += 5.0  # not through the ledger
    _breaks(stepped, f"organisation {firm.idx} (pharma) cash moved")


def test_spend_nobody_paid_is_caught(stepped):
    stepped.spend["rd"] += 1.0
    _breaks(stepped, "rd spend recorded")


def test_payer_money_that_reaches_nobody_is_caught(stepped):
    stepped.recorder.rows["payer_spend_musd"][-1] += 3.0
    _breaks(stepped, "payers spent")


def test_patients_outside_the_cascade_are_caught(stepped):
    c = stepped.last_cascade
    c.aware = c.starting * 1.1  # more aware than starting a line
    _breaks(stepped, "negative count in state 'not aware'")


def test_patients_lost_from_the_lines_of_treatment_are_caught(stepped):
    stepped.patients.course.pool[1, 0, 0, 0] += 5.0
    _breaks(stepped, "lines of treatment lost or gained patients")


def test_a_negative_count_on_a_line_of_treatment_is_caught(stepped):
    stepped.patients.course.pool[1, 0, 0, 0] = -1.0
    _breaks(stepped, "negative count on a line of treatment")


def test_active_programme_with_an_end_reason_is_caught(stepped):
    p = stepped.programmes
    active = np.flatnonzero(p.active_mask())
    p.end_reason[active[0]] = 1
    _breaks(stepped, "active with an end reason")


def test_trust_out_of_bounds_is_caught(stepped):
    stepped.trust[0, 1] = 1.5
    _breaks(stepped, "trust outside [0, 1]")


def test_nan_outcome_is_caught(stepped):
    stepped.recorder.rows["qalys"][-1] = float("nan")
    _breaks(stepped, "outcome qalys is nan")


def test_run_check_mode(tmp_path, capsys):
    path = write_tiny(tmp_path / "tiny.yaml", "tiny")
    out = tmp_path / "out"
    code = main(["run", str(path), "-n", "2", "--check", "--out", str(out), "-w", "1"])
    assert code == 0, capsys.readouterr().err
    assert (out / "manifest.json").exists()


def test_invariant_error_survives_pickling():
    import pickle

    err = pickle.loads(pickle.dumps(InvariantError(12, ["trust outside [0, 1]"])))
    assert str(err) == "step 12: trust outside [0, 1]"
