"""Patients beyond one course: lines of treatment, progression and retesting.

Patients leave a line at the hazard its median sets, a share starts the next line, and
every line start runs the cascade again: the untested can be tested, the negative
retested, the found matched to a therapy covered since (ecosim.course).
"""

import numpy as np
import pytest

from ecosim.course import Line, LinePool, State
from ecosim.model import EcosystemModel
from ecosim.patients import PatientCohort

from .conftest import small

NO_LINES = {"second_line_share": 0.0}


def _cohort(**course) -> PatientCohort:
    return PatientCohort(small(course=course), np.random.default_rng(3))


def _quarters(cohort, n, testing, covered, retest_uptake=1.0):
    n_r, n_s = cohort.n_regions, cohort.n_subtypes
    rate = np.full(n_r, testing)
    return [
        cohort.cascade(rate, np.full(n_s, covered), np.zeros(n_s), retest_uptake) for _ in range(n)
    ]


def test_half_the_patients_have_left_a_line_after_its_median():
    pool = LinePool(small(course={"first_line_years": 1.0}).course, 1, 1)
    pool.pool[Line.first, State.untested] = 100.0
    for _ in range(4):
        pool.progress()
    assert pool.pool[Line.first].sum() == pytest.approx(50.0)


def test_a_share_of_those_leaving_a_line_start_the_next_and_the_rest_leave():
    pool = LinePool(small(course={"second_line_share": 0.4, "later_line_share": 0.5}).course, 1, 1)
    pool.pool[Line.first, State.untested] = 100.0
    starts = pool.progress()
    left_first = 100.0 - pool.pool[Line.first].sum()
    assert starts[Line.second].sum() == pytest.approx(0.4 * left_first)
    assert starts[Line.first].sum() == 0.0  # new patients come from incidence only


def test_patients_untested_at_diagnosis_are_tested_when_they_progress():
    """Nobody is tested in the first year; once testing starts, starters of later lines
    who were never tested are tested too, so more positives are found than among the
    new patients alone."""
    with_lines, without = _cohort(), _cohort(**NO_LINES)
    for cohort in (with_lines, without):
        _quarters(cohort, 4, testing=0.0, covered=0.0)
    later = _quarters(with_lines, 1, testing=1.0, covered=1.0)[0]
    first = _quarters(without, 1, testing=1.0, covered=1.0)[0]
    assert later.starting.sum() > first.starting.sum()
    assert later.matched.sum() > first.matched.sum() * 1.05
    assert later.tests.sum() > first.tests.sum()
    assert later.incident_aware.sum() == pytest.approx(first.incident_aware.sum())


def test_positives_found_before_a_therapy_is_covered_are_matched_at_their_next_line():
    """Against the same cohort with its waiting positives removed, the quarter a therapy
    is covered matches exactly the waiting positives who start their next line."""
    waiting, cleared = _cohort(retest_share=0.0), _cohort(retest_share=0.0)
    for cohort in (waiting, cleared):
        _quarters(cohort, 8, testing=1.0, covered=0.0)
    found = waiting.course.pool[:, State.found].copy()
    assert found.sum() > 0
    cleared.course.pool[:, State.found] = 0.0
    cleared.course.entered -= found.sum()  # keep its books
    with_found = _quarters(waiting, 1, testing=1.0, covered=1.0)[0]
    without = _quarters(cleared, 1, testing=1.0, covered=1.0)[0]
    course = waiting.course
    starting = (found * course.leave[:, None, None])[:-1] * course.onward[:-1, None, None]
    extra = with_found.matched.sum() - without.matched.sum()
    assert extra == pytest.approx(starting.sum())
    # the others wait on their line: they are matched when they start the next one
    assert 0 < course.pool[:, State.found].sum() < found.sum()


def test_retesting_finds_positives_the_first_test_missed_and_costs_tests():
    results = {}
    for share in (0.0, 1.0):
        cohort = _cohort(retest_share=share)
        results[share] = _quarters(cohort, 12, testing=1.0, covered=0.0)[-1]
    assert results[1.0].tests.sum() > results[0.0].tests.sum()
    assert results[1.0].eligible.sum() > results[0.0].eligible.sum()


def test_patients_who_pay_for_a_retest_themselves_are_retested_less():
    tests = {}
    for uptake in (1.0, 0.35):
        cohort = _cohort(retest_share=1.0)
        tests[uptake] = _quarters(cohort, 12, 1.0, 0.0, retest_uptake=uptake)[-1].tests.sum()
    assert tests[0.35] < tests[1.0]


def test_a_therapy_gains_less_in_later_lines():
    cohort = _cohort()
    _quarters(cohort, 8, testing=1.0, covered=0.0)
    c = _quarters(cohort, 1, testing=1.0, covered=1.0)[0]
    years = cohort.course.years
    assert np.all(c.gain < 1.0)
    assert np.all(c.gain > years[Line.later] / years[Line.first])


def test_a_run_carries_patients_across_lines_and_keeps_the_cascade_consistent():
    """Invariants (ECOSIM_CHECK) hold every quarter; later lines add line starts and
    trial candidates, not new patients."""
    m = EcosystemModel(small(), rng=2)
    for _ in range(12):
        m.step()
    c = m.last_cascade
    assert c.starting.sum() > c.incident.sum() * 1.1
    on_lines = m.patients.course.on_lines()
    assert on_lines[Line.second] > 0 and on_lines[Line.later] > 0
