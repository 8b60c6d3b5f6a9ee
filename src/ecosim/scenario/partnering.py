"""Sections of partnering: choosing partners, the life of partnerships, consortia."""

from __future__ import annotations

from ecosim.parameters import Section, param

__all__ = ["Consortia", "Partnering", "Partnerships"]


class Partnering(Section):
    """How organisations choose partners and what standard deals look like."""

    noise_sd: float = param(
        0.25,
        "score units",
        "Sd of the fit between partners that a chooser cannot see (siloed).",
        assumption="partner choice is noisy without a matchmaker; surveys of alliance "
        "selection would inform it",
        ge=0,
        le=5,
    )
    co_development_share: float = param(
        0.5,
        "fraction",
        "Share of a co-developed programme's cost a firm partner pays (and of its sales "
        "it receives).",
        assumption="50:50 cost and profit sharing is a common co-development structure; "
        "deal databases would inform it",
        ge=0,
        le=1,
    )
    academic_collaboration_chance: float = param(
        0.5,
        "probability",
        "Chance that a programme entering phase I looks for an academic collaborator.",
        assumption="share of industry oncology trials with academic investigators would inform it",
        ge=0,
        le=1,
    )
    academic_licence_value_musd: float = param(
        20.0,
        "million USD",
        "Deal value of an academic target licence, the base of its upfront payment.",
        assumption="university licence deal values (technology-transfer surveys) would inform it",
        ge=0,
        le=10_000,
    )


class Partnerships(Section):
    """The life of a bilateral partnership: friction and fixed terms."""

    culture_friction: float = param(
        0.5,
        "ratio",
        "Extra relative friction when partners come from different sectors.",
        assumption="cross-sector alliances fail more often; studies of academic-industry "
        "collaboration would inform it",
        ge=0,
        le=10,
    )
    licence_term_years: float = param(
        4.0,
        "years",
        "Term of a biomarker licence (no programme attached) and of an outcome-based "
        "payment agreement.",
        assumption="typical terms of such agreements would inform it",
        gt=0,
        le=50,
    )


class Consortia(Section):
    """How organisations join the multi-party consortia."""

    join_rate: float = param(
        0.15,
        "per quarter",
        "Quarterly chance that an eligible organisation considers joining a consortium "
        "at full intensity.",
        assumption="membership growth of data-sharing consortia (e.g. AACR GENIE) would inform it",
        ge=0,
        le=1,
    )
