"""Sections of organisations' resources and rules: firms, providers, regulators, funders."""

from __future__ import annotations

from ecosim.parameters import INHERIT, Section, param, section

__all__ = ["Firms", "PhaseCounts", "Providers", "PublicFunding", "Regulation"]


class PhaseCounts(Section):
    """Mean number of a firm's programmes in each phase at the start (Poisson means)."""

    discovery: float = param(0.0, "programmes", "In discovery.", source=INHERIT, ge=0, le=100)
    preclinical: float = param(0.0, "programmes", "In preclinical.", source=INHERIT, ge=0, le=100)
    phase1: float = param(0.0, "programmes", "In phase I.", source=INHERIT, ge=0, le=100)
    phase2: float = param(0.0, "programmes", "In phase II.", source=INHERIT, ge=0, le=100)
    phase3: float = param(0.0, "programmes", "In phase III.", source=INHERIT, ge=0, le=100)
    review: float = param(0.0, "programmes", "In regulatory review.", source=INHERIT, ge=0, le=100)


def _counts(*means: float):
    """A factory of default initial pipeline counts (discovery ... review)."""
    return lambda: PhaseCounts(**dict(zip(PhaseCounts.model_fields, means, strict=True)))


class InitialPipeline(Section):
    """Programmes firms hold when the run starts, near the model's steady state."""

    pharma: PhaseCounts = section(
        _counts(6, 4, 3, 3, 1, 0.4),
        "A pharma firm's initial pipeline.",
        assumption="near the baseline's steady state, so that year 0 looks like a "
        "running ecosystem; the pipeline of a long warm-up run would inform it",
    )
    biotech: PhaseCounts = section(
        _counts(0.6, 0.5, 0.3, 0.2, 0.05, 0),
        "A biotech firm's initial pipeline.",
        assumption="near the baseline's steady state, so that year 0 looks like a "
        "running ecosystem; the pipeline of a long warm-up run would inform it",
    )


class Firms(Section):
    """Resources and decision rules of pharma and biotech firms."""

    pharma_budget_musd_per_year: float = param(
        500,
        "million USD/year",
        "Oncology R&D budget of a large pharma firm in this ecosystem; unspent budget "
        "does not carry over beyond a year.",
        assumption="a share of a large firm's oncology R&D attributed to this ecosystem; "
        "company reports would inform it",
        ge=0,
        le=100_000,
    )
    biotech_initial_cash_musd: float = param(
        120,
        "million USD",
        "Cash of a newly founded biotech firm.",
        assumption="seed plus series A financing; venture-financing data would inform it",
        ge=0,
        le=10_000,
    )
    biotech_raise_probability: float = param(
        0.12,
        "per quarter",
        "Chance a biotech with a promising pipeline raises a round in a quarter.",
        assumption="tuned with entry to a roughly stationary biotech population",
        ge=0,
        le=1,
    )
    biotech_round_musd: float = param(
        90,
        "million USD",
        "Size of a financing round.",
        assumption="venture rounds of oncology biotechs would inform it",
        ge=0,
        le=10_000,
    )
    biotech_overhead_musd_per_year: float = param(
        8,
        "million USD/year",
        "Running cost of a biotech firm.",
        assumption="general and administrative costs of small biotechs would inform it",
        ge=0,
        le=1_000,
    )
    biotech_runway_years: float = param(
        1.0,
        "years",
        "A biotech looks for a partner when its cash covers less than this much of its burn.",
        assumption="firms partner a year or so before cash runs out; financing surveys "
        "would inform it",
        ge=0,
        le=20,
    )
    raise_stage_base: float = param(
        0.5,
        "ratio",
        "Relative chance of raising a round with a pipeline at preclinical stage at most.",
        assumption="investors pay for clinical data; financing by stage would inform it",
        ge=0,
        le=10,
    )
    raise_stage_step: float = param(
        0.25,
        "ratio per phase",
        "Added relative chance per phase beyond preclinical of the most advanced programme.",
        assumption="investors pay for clinical data; financing by stage would inform it",
        ge=0,
        le=10,
    )
    pharma_new_programmes_per_year: float = param(
        2.0,
        "programmes/year",
        "Internal discovery programmes a pharma firm starts.",
        assumption="tuned with the phase success rates to the pipeline's steady state",
        ge=0,
        le=50,
    )
    biotech_new_programmes_per_year: float = param(
        0.5,
        "programmes/year",
        "Programmes a biotech firm starts from its platform.",
        assumption="tuned with the phase success rates to the pipeline's steady state",
        ge=0,
        le=20,
    )
    in_licensing_share: float = param(
        0.5,
        "fraction",
        "Share of a pharma firm's clinical entries it seeks to source externally.",
        source="About half of big-pharma clinical assets are sourced externally.",
        ge=0,
        le=1,
    )
    max_programmes_pharma: int = param(
        40,
        "programmes",
        "Active programmes a pharma firm can manage.",
        assumption="oncology portfolios of large firms would inform it",
        ge=1,
        le=500,
    )
    max_programmes_biotech: int = param(
        4,
        "programmes",
        "Active programmes a biotech firm can manage.",
        assumption="small firms run a few programmes; pipelines of venture-backed "
        "oncology biotechs would inform it",
        ge=1,
        le=100,
    )
    valuation_sales_years: float = param(
        8.0,
        "years",
        "Years of sales a firm counts when valuing a programme (undiscounted).",
        assumption="about the effective exclusivity of a new drug; exclusivity studies "
        "would inform it",
        ge=0,
        le=50,
    )
    initial_pipeline: InitialPipeline = section(
        InitialPipeline, "Programmes each firm holds at the start, by phase."
    )


class Providers(Section):
    """Care providers: how their testing propensity follows what testing is worth."""

    adoption_speed: float = param(
        0.1,
        "per quarter",
        "Share of the gap to its target testing propensity a provider closes per quarter.",
        assumption="practice changes over a few years; diffusion of testing guidelines "
        "would inform it",
        ge=0,
        le=1,
    )
    therapies_for_full_adoption: float = param(
        8,
        "therapies",
        "Covered matched therapies at which testing is fully worthwhile to a provider.",
        assumption="testing pays once several actionable therapies exist; testing rates "
        "against the number of approved targeted drugs would inform it",
        gt=0,
        le=1_000,
    )
    base_usefulness: float = param(
        0.6,
        "fraction",
        "Share of the baseline testing rate a provider keeps when no matched therapy exists.",
        assumption="testing also guides prognosis and trials; testing rates before "
        "targeted drugs existed would inform it",
        ge=0,
        le=1,
    )


class Regulation(Section):
    """Regulatory agencies: capacity, evidence bar and companion diagnostics."""

    review_capacity_per_year: float = param(
        60,
        "reviews/year",
        "Submissions an agency can review per year.",
        assumption="an agency's oncology approvals per year would inform it",
        gt=0,
        le=10_000,
    )
    co_approve_diagnostic: bool = param(
        True,
        "",
        "Whether a companion diagnostic is approved together with its therapy.",
        assumption="a policy choice of the scenario (FDA practice is co-approval)",
    )
    diagnostic_lag_years: float = param(
        1.0,
        "years",
        "Delay of companion-test availability when not co-approved.",
        assumption="the lag between drug and test availability in Europe would inform it",
        ge=0,
        le=10,
    )
    early_engagement_base: float = param(
        0.15,
        "probability",
        "Chance a programme entering phase III has early regulatory engagement without a backbone.",
        assumption="use of scientific advice by sponsors would inform it",
        ge=0,
        le=1,
    )


class PublicFunding(Section):
    """A public funder co-funding pre-competitive research in a public-private partnership.

    Modelled on the Innovative Medicines Initiative (IMI).
    """

    budget_musd_per_year: float = param(
        0.0,
        "million USD/year",
        "Public money for co-funding per year (0 = no public funder, no PPP consortium).",
        source="IMI1 and IMI2: about 5 bn EUR in all, half public cash, half industry in-kind.",
        ge=0,
        le=100_000,
    )
    cofunding_share: float = param(
        0.5,
        "fraction",
        "Share of a member's discovery and preclinical costs the funder pays.",
        source="IMI: half public cash, half industry in-kind.",
        ge=0,
        le=1,
    )
