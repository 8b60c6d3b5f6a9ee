"""Sections of how firms value programmes and decide on their portfolios."""

from __future__ import annotations

from ecosim.parameters import INHERIT, Section, param, section

__all__ = ["PriorSuccess", "Valuation"]


class PriorSuccess(Section):
    """Published probabilities of success by phase: what a firm believes before any record."""

    discovery: float = param(0.51, "probability", "Discovery.", source=INHERIT, ge=0, le=1)
    preclinical: float = param(0.69, "probability", "Preclinical.", source=INHERIT, ge=0, le=1)
    phase1: float = param(0.52, "probability", "Phase I.", source=INHERIT, ge=0, le=1)
    phase2: float = param(0.289, "probability", "Phase II.", source=INHERIT, ge=0, le=1)
    phase3: float = param(0.578, "probability", "Phase III.", source=INHERIT, ge=0, le=1)
    review: float = param(0.906, "probability", "Regulatory review.", source=INHERIT, ge=0, le=1)


class Valuation(Section):
    """Risk-adjusted NPV: the discount rates, beliefs and horizons firms value with.

    A firm's belief in a phase's success is a Beta posterior: ``prior_strength`` pseudo-
    programmes at the published rate, every result in the public record (trial
    registries) and the firm's own results counted ``own_weight`` times
    (:mod:`ecosim.beliefs`).
    """

    prior_success: PriorSuccess = section(
        PriorSuccess,
        "Published success rates firms start from.",
        source="Clinical phases: BIO, Informa and QLS 2021 (52.0, 28.9, 57.8, 90.6 %); "
        "discovery (target to lead) and preclinical: Paul et al. 2010, Nat Rev Drug "
        "Discov 9:203 (0.8 x 0.75 x 0.85 and 0.69).",
    )
    prior_strength: float = param(
        20.0,
        "programmes",
        "Weight of the published rate in a firm's belief, in programmes' worth of evidence.",
        assumption="firms trust industry benchmarks like a few dozen observed results; "
        "how portfolio managers update benchmark rates would inform it",
        ge=0,
        le=10_000,
    )
    own_weight: float = param(
        3.0,
        "ratio",
        "Weight of one of the firm's own results relative to a result of another firm.",
        assumption="firms learn more from their own programmes (their capabilities); "
        "studies of organisational learning in R&D would inform it",
        ge=0,
        le=100,
    )
    pharma_discount_rate: float = param(
        0.105,
        "per year",
        "Real cost of capital at which a pharma firm discounts cash flows.",
        source="DiMasi, Grabowski, Hansen 2016, J Health Econ 47:20 (10.5 %).",
        ge=0,
        le=1,
    )
    biotech_discount_rate: float = param(
        0.15,
        "per year",
        "Cost of capital of a biotech firm (small firms pay more for capital).",
        assumption="above large firms' 10.5 %, below venture hurdle rates of 20-40 %; "
        "cost-of-capital estimates for small biotechs would inform it",
        ge=0,
        le=1,
    )
    quadrature_nodes: int = param(
        7,
        "nodes",
        "Quantiles of a therapy's uncertain QALY gain at which a firm asks each payer's "
        "rule what it would decide (the expected coverage and price).",
        assumption="a numerical choice: seven quantiles resolve a threshold decision to "
        "a few per cent",
        ge=1,
        le=50,
    )
    outlook_grid: int = param(
        4,
        "points",
        "Grid points per dimension (biomarker strength, market size) at which the yearly "
        "outlook asks payers' rules; values in between are interpolated.",
        assumption="a numerical choice: the payer value is smooth in both",
        ge=2,
        le=50,
    )
    choice_scale_musd: float = param(
        50.0,
        "million USD",
        "Value difference between two targets that multiplies the odds of choosing the "
        "better one by e (the spread of what a firm cannot see about a target).",
        assumption="firms' target choice is noisy relative to differences in value; "
        "portfolio-selection studies would inform it",
        gt=0,
        le=100_000,
    )
