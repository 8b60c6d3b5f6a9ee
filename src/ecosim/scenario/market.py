"""Sections of what approved therapies are worth, and of what a run reports."""

from __future__ import annotations

from ecosim.parameters import Section, param

__all__ = ["Observation", "Therapies"]


class Therapies(Section):
    """What an approved therapy is worth to patients and what it costs.

    A therapy's QALY gain relative to the scenario mean is ``benefit_base +
    benefit_quality x molecule quality (+ benefit_strength x biomarker strength if
    biomarker-selected)``, times a mean-one log-normal of sigma ``qaly_spread``.
    """

    benefit_base: float = param(
        0.6,
        "ratio",
        "QALY gain of a therapy of average quality relative to the scenario mean, before "
        "biomarker strength.",
        assumption="with the strength term, about the scenario mean on average; QALY "
        "gains in HTA appraisals would inform it",
        ge=0,
        le=10,
    )
    benefit_quality: float = param(
        0.4,
        "ratio per logit",
        "Added relative QALY gain per unit of latent molecule quality.",
        assumption="better molecules help patients more; the link between trial effect "
        "sizes and appraised QALY gains would inform it",
        ge=0,
        le=10,
    )
    benefit_strength: float = param(
        0.3,
        "ratio",
        "Added relative QALY gain of a biomarker-selected therapy at full biomarker strength.",
        assumption="better selection, bigger benefit per treated patient; gains of "
        "biomarker-selected against unselected therapies in HTA appraisals would inform it",
        ge=0,
        le=10,
    )
    qaly_spread: float = param(
        0.5,
        "log-sd",
        "Log-normal sigma of a therapy's QALY gain around its expected value.",
        assumption="the spread of incremental QALYs in HTA appraisals would inform it",
        ge=0,
        le=3,
    )
    price_spread: float = param(
        0.3,
        "log-sd",
        "Log-normal sigma of a therapy's list price around the scenario price.",
        assumption="the spread of oncology launch prices would inform it",
        ge=0,
        le=3,
    )


class Observation(Section):
    """Windows over which the run outcomes are measured."""

    late_window_years: float = param(
        10.0,
        "years",
        "Window at the end of the run for the precision share of approvals (C9).",
        source="Stylized fact C9: share of approvals that are personalised, recent decade "
        "(Personalized Medicine Coalition).",
        gt=0,
        le=200,
    )
    cost_cohort_share: float = param(
        0.5,
        "fraction of the run",
        "Programmes started in this first share of the run form the cohort whose spend "
        "per approval is the R&D cost per approval (C6); later ones have not all ended.",
        assumption="a measurement choice: half the run leaves time for the cohort to end",
        gt=0,
        le=1,
    )
    end_window_years: float = param(
        1.0,
        "years",
        "Window at the end of the run over which end-of-run outcomes are averaged.",
        assumption="a reporting choice: the last year smooths quarter-to-quarter noise",
        gt=0,
        le=200,
    )
