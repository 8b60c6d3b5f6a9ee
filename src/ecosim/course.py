"""Patients beyond one course: lines of therapy, progression and retesting.

A patient who is diagnosed starts a first line of treatment. While on a line, they leave
it at a constant hazard set by the line's median duration (``course.first_line_years``,
``second_line_years``, ``later_line_years``: half of those on the line have left it
after that many years); of those who leave a line, a share starts the next one
(``course.second_line_share``, ``later_line_share``) and the rest leave the cascade
(cured, in remission without further treatment, or dead). Lines three and beyond are
one line ("3+"): whoever leaves it leaves the cascade.

Every line start is a new decision point: the patient passes the cascade again
(:meth:`ecosim.patients.PatientCohort.cascade`). A patient not yet tested can be
tested now; a patient whose test was negative is retested with probability
``course.retest_share`` (a new biopsy or a liquid biopsy at progression; only a
false negative can turn positive); a patient found positive when no covered matched
therapy existed is matched if one is covered now. A patient who was matched has had
their precision course and leaves the pool. So patients the system missed once get
further chances, and those chances shrink with each line.

The pool is an array ``[line, state, region, subtype]`` of expected counts (never
objects). States are what the system knows about the patient: untested, tested
negative (truly negative), missed (positive, the test said negative), found (positive,
not yet matched), and falsely found (negative, the test said positive, not yet matched).

A therapy gains in proportion to the time left on the line it is given in: with the
same hazard ratio at every line, the time it adds is proportional to the line's median
duration. So a matched therapy started in line ``l`` gains ``years[l] / years[first]``
of its first-line gain (:attr:`LinePool.gain`).
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from ecosim.scenario.course import Course
from ecosim.units import QUARTERS_PER_YEAR

__all__ = ["Line", "LinePool", "State"]


class Line(IntEnum):
    """Lines of therapy; the value is the first axis of the pool."""

    first = 0
    second = 1
    later = 2


class State(IntEnum):
    """What the system knows about a patient; the value is the second axis."""

    untested = 0
    negative = 1
    missed = 2
    found = 3
    falsely_found = 4


class LinePool:
    """Patients on each line of therapy, by what is known about them (expected counts).

    Args:
        course: the scenario's ``course`` section.
        n_regions: regions.
        n_subtypes: molecular subtypes.
    """

    def __init__(self, course: Course, n_regions: int, n_subtypes: int):
        years = np.array(
            [course.first_line_years, course.second_line_years, course.later_line_years]
        )
        self.years = years
        """Median years on each line."""
        self.leave = 1.0 - np.exp2(-1.0 / (QUARTERS_PER_YEAR * years))
        """Probability of leaving each line in a quarter (constant hazard)."""
        self.onward = np.array([course.second_line_share, course.later_line_share, 0.0])
        """Share of those leaving each line who start the next one."""
        self.gain = years / years[Line.first]
        """A matched therapy's gain in each line, relative to the first line."""
        self.retest = course.retest_share
        self.pool = np.zeros((len(Line), len(State), n_regions, n_subtypes))
        self.entered = 0.0
        """New patients who started a first line (cumulative, while the pool is active)."""
        self.left = 0.0
        """Patients who left the cascade: no further line (cumulative)."""
        self.matched = 0.0
        """Patients matched to a precision therapy at a line start (cumulative)."""

    @property
    def active(self) -> bool:
        """True if anyone ever starts a second line (else the pool stays empty)."""
        return bool(self.onward[Line.first] > 0)

    def progress(self) -> np.ndarray:
        """Move one quarter on: who leaves each line and who starts the next one.

        Returns:
            Patients starting each line this quarter, ``[line, state, region, subtype]``
            (the first line's starts are zero: incident patients are added by the caller).
        """
        starts = np.zeros_like(self.pool)
        if not self.active:
            return starts
        leaving = self.pool * self.leave[:, None, None, None]
        self.pool -= leaving
        starts[1:] = leaving[:-1] * self.onward[:-1, None, None, None]
        self.left += float(leaving.sum() - starts.sum())
        return starts

    def settle(self, staying: np.ndarray, incident: float, matched: float) -> None:
        """Add the line starters not matched; count the new and the matched patients."""
        if self.active:
            self.pool += staying
            self.entered += incident
            self.matched += matched

    def mean_gain(self, found: np.ndarray) -> np.ndarray:
        """Per subtype, the mean line gain factor over ``found`` ``[line, subtype]`` (1 if none)."""
        total = found.sum(axis=0)
        weighted = (found * self.gain[:, None]).sum(axis=0)
        return np.divide(weighted, total, out=np.ones_like(total), where=total > 0)

    def unaccounted(self) -> float:
        """Patients in the pool minus those who entered and did not leave or match (0)."""
        return float(self.pool.sum()) - (self.entered - self.left - self.matched)

    def on_lines(self) -> np.ndarray:
        """Patients on each line now (not counting those matched), per line."""
        return self.pool.reshape(len(Line), -1).sum(axis=1)
