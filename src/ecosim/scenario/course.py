"""The course of a patient's disease: lines of therapy, progression, retesting."""

from __future__ import annotations

from ecosim.parameters import Section, param

__all__ = ["Course"]

_LINE_YEARS = (
    "real-world and pivotal-trial medians of progression-free survival or time to next "
    "treatment by line would inform it (for example first-line PFS of about 12 months "
    "and second-line 5.5-9.4 months in HER2-negative metastatic breast cancer, "
    "GIM13-AMBRA; second-line real-world PFS of 4.4 months in NSCLC; about 3 months on "
    "third-line treatment in metastatic colorectal cancer, TRACC registry)"
)


class Course(Section):
    """Lines of therapy: how long patients stay on a line and who starts the next.

    Every line start is a decision point where the cascade runs again
    (:mod:`ecosim.course`): untested patients can be tested, negative ones retested, and
    found patients matched to a therapy covered since.
    """

    first_line_years: float = param(
        0.6,
        "years",
        "Median time on the first line of treatment (half of the patients have left it "
        "after this long).",
        assumption="first-line median across advanced solid tumours, prior range "
        "0.3-1.2; " + _LINE_YEARS,
        gt=0,
        le=10,
    )
    second_line_years: float = param(
        0.35,
        "years",
        "Median time on the second line of treatment.",
        assumption="prior range 0.2-0.6; " + _LINE_YEARS,
        gt=0,
        le=10,
    )
    later_line_years: float = param(
        0.25,
        "years",
        "Median time on the third and any later line (one line, '3+').",
        assumption="prior range 0.15-0.4; " + _LINE_YEARS,
        gt=0,
        le=10,
    )
    second_line_share: float = param(
        0.25,
        "fraction",
        "Share of the patients leaving their first line who start a second one (the "
        "others are cured, stay in remission without treatment, or die).",
        assumption="of all new cancer patients, about a third have or develop metastatic "
        "disease (Netherlands Cancer Registry 2024: about 22,000 de novo and 18,000 later "
        "metastatic cases a year), and about half of patients on a first line for "
        "metastatic disease receive a second (Hess et al. 2019, Flatiron, metastatic "
        "colorectal cancer: 48.9 %); prior range 0.12-0.4; registry data on lines of "
        "treatment for all cancers would inform it",
        ge=0,
        le=1,
    )
    later_line_share: float = param(
        0.45,
        "fraction",
        "Share of the patients leaving their second line who start a third.",
        assumption="TRACC registry, metastatic colorectal cancer: 43 % of patients who "
        "progressed after two lines received a third; prior range 0.3-0.6; registry data on "
        "lines of treatment across cancers would inform it",
        ge=0,
        le=1,
    )
    retest_share: float = param(
        0.3,
        "fraction",
        "Share of patients with a negative test who are tested again when they start a "
        "new line (a new biopsy or a liquid biopsy at progression).",
        assumption="Flatiron, EGFR-mutant NSCLC 2015-2017 (BMC Cancer 2020): 29.9 % were "
        "tested for T790M before the next line; prior range 0.15-0.6; rates of panel "
        "testing at progression across cancers would inform it",
        ge=0,
        le=1,
    )
