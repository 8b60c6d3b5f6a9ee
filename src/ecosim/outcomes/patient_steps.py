"""Per-step outcomes of patient care: the cascade of the patients starting a line."""

from __future__ import annotations

from ecosim.outcomes.base import step_outcome as _step

__all__ = ["PATIENT_STEPS"]

PATIENT_STEPS = (
    _step("patients_incident", "patients", "new patients", "New patients this quarter."),
    _step(
        "patients_starting_line",
        "patients",
        "patients starting a line",
        "Patients starting a line of treatment this quarter: the new patients and those "
        "who progress to a further line (the cascade runs for each).",
    ),
    _step(
        "patients_aware",
        "patients",
        "patients aware of testing",
        "Patients starting a line who are aware of genomic testing (or already tested).",
        better=1,
    ),
    _step(
        "patients_tested",
        "patients",
        "patients tested",
        "Patients starting a line who have a test result (from now or earlier).",
        better=1,
    ),
    _step(
        "tests_done",
        "tests",
        "genomic tests done",
        "Genomic tests done this quarter: first tests and retests at progression.",
    ),
    _step(
        "patients_eligible",
        "patients",
        "patients biomarker-positive",
        "Patients starting a line whom a test found positive for their subtype's biomarker.",
    ),
    _step(
        "patients_matched",
        "patients",
        "patients matched to a precision therapy",
        "Patients starting a line who are matched to a covered precision therapy.",
        better=1,
    ),
    _step(
        "patients_treated",
        "patients",
        "patients treated with a new therapy",
        "Patients treated with a new therapy (matched or not biomarker-selected).",
        better=1,
    ),
    _step(
        "patients_in_trials",
        "patients",
        "patients enrolled in trials",
        "Patients enrolled in trials this quarter.",
        better=1,
    ),
    _step(
        "qalys", "QALYs", "QALYs gained", "QALYs gained by patients treated this quarter.", better=1
    ),
)
"""Patients, tests, trials and QALYs this quarter (:class:`ecosim.metrics.Recorder`)."""
