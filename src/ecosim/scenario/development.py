"""Sections of drug development: phases, success, science, target choice, academia."""

from __future__ import annotations

from ecosim.parameters import INHERIT, Section, param, section

__all__ = ["Academia", "PhaseParams", "Pipeline", "Science", "Targets"]


class PhaseParams(Section):
    """Duration, cost, success and size of one development phase."""

    duration_years: float = param(
        1.0, "years", "Planned duration of the phase.", source=INHERIT, gt=0, le=20
    )
    cost_musd: float = param(
        10.0, "million USD", "Out-of-pocket cost of the phase.", source=INHERIT, ge=0, le=100_000
    )
    success: float = param(
        0.5, "probability", "Base probability of success on completion.", source=INHERIT, ge=0, le=1
    )
    enrolment: int = param(
        0,
        "patients",
        "Patients to enrol (0 = no trial in this phase).",
        source=INHERIT,
        ge=0,
        le=100_000,
    )


def _phase(duration: float, cost: float, success: float, enrolment: int):
    """A factory of a phase's default parameters."""
    return lambda: PhaseParams(
        duration_years=duration, cost_musd=cost, success=success, enrolment=enrolment
    )


_CLINICAL = (
    "Cost Fernando et al. 2021; duration Paul et al. 2010; success calibrated (posterior "
    "median of calibration/baseline.yaml, ABC-SMC) to the realised transition rates of BIO, "
    "Informa and QLS 2021 (C2)."
)


class Pipeline(Section):
    """Therapy programmes: phases, their durations, costs and success probabilities."""

    discovery: PhaseParams = section(
        _phase(1.5, 4, 0.55, 0),
        "Target validation and lead discovery.",
        assumption="near Paul et al. 2010's target-to-lead stages, compressed; tuned with "
        "the clinical phases to C1 and C6",
    )
    preclinical: PhaseParams = section(
        _phase(1.5, 8, 0.6, 0),
        "Preclinical development (IND-enabling studies).",
        assumption="near Paul et al. 2010's preclinical stage; tuned to C1 and C6",
    )
    phase1: PhaseParams = section(_phase(1.5, 30, 0.55, 40), "Phase I.", source=_CLINICAL)
    phase2: PhaseParams = section(_phase(2.5, 70, 0.257, 150), "Phase II.", source=_CLINICAL)
    phase3: PhaseParams = section(_phase(2.5, 310, 0.548, 700), "Phase III.", source=_CLINICAL)
    review: PhaseParams = section(
        _phase(1.5, 3, 0.906, 0),
        "Submission and regulatory review.",
        source="BIO, Informa and QLS 2021: 90.6 % of submissions approved; Paul et al. "
        "2010: 1.5 years.",
    )
    gap_years: float = param(
        0.376,
        "years",
        "Mean pause between phases (planning, financing).",
        assumption="posterior median of calibration/baseline.yaml (ABC-SMC; C5, years "
        "from phase I to approval; the targets barely constrain it)",
        ge=0,
        le=5,
    )
    duration_cv: float = param(
        0.25,
        "ratio",
        "Coefficient of variation of phase durations.",
        assumption="the spread of trial durations in registries would inform it",
        ge=0,
        le=2,
    )
    precision_logit_effect: float = param(
        1.66,
        "logit",
        "Gain in log-odds of phase II/III success from biomarker selection at full "
        "biomarker strength (enriched responders).",
        source="Calibrated (posterior median of calibration/baseline.yaml, ABC-SMC) to BIO "
        "2021: biomarker-selected LOA 15.9 % vs about 7 % (C4).",
        ge=0,
        le=5,
    )
    precision_enrolment_factor: float = param(
        0.486,
        "ratio",
        "Trial size of a biomarker-selected programme relative to an unselected one "
        "(enriched populations need fewer patients).",
        assumption="enrichment shrinks trials; posterior median of calibration/baseline.yaml "
        "(C4, C8; weakly constrained); enrolment of biomarker-selected vs other oncology "
        "trials in registries would inform it",
        ge=0.05,
        le=1,
    )
    capability_logit_effect: float = param(
        1.0,
        "logit per unit",
        "Gain in log-odds of success per unit of team capability above the reference.",
        assumption="differences in success rates between sponsors would inform it",
        ge=0,
        le=5,
    )
    capability_reference: float = param(
        0.6,
        "0-1",
        "Team capability at which the capability effect on success is zero.",
        assumption="about the mean capability of a developing team, so that the phase "
        "success rates hold on average; it moves with the capability profiles",
        ge=0,
        le=1,
    )
    trust_logit_effect: float = param(
        0.6,
        "logit per unit",
        "Gain in log-odds of success per unit of partner trust above the reference.",
        assumption="studies of alliance performance and relationship quality would inform it",
        ge=0,
        le=5,
    )
    trust_reference: float = param(
        0.5,
        "0-1",
        "Mutual trust of partners at which the trust effect on success is zero.",
        assumption="the middle of the trust scale, so that neutral trust changes nothing; "
        "surveys of alliance partners' trust would place it",
        ge=0,
        le=1,
    )
    data_logit_effect: float = param(
        0.4,
        "logit per unit",
        "Gain in log-odds of success in discovery, preclinical and phase II per unit of "
        "data access above the reference.",
        assumption="evidence on data-driven target and patient selection would inform it",
        ge=0,
        le=5,
    )
    data_reference: float = param(
        0.45,
        "0-1",
        "Data access at which the data effect on success is zero.",
        assumption="about the mean data access of firms without pooled data, so that base "
        "rates hold in the siloed baseline; it moves with the data capabilities",
        ge=0,
        le=1,
    )
    quality_sd: float = param(
        0.5,
        "logit",
        "Sd of a programme's latent molecule quality (normal, mean 0).",
        assumption="spread of intrinsic quality between molecules; tuned with the success rates",
        ge=0,
        le=5,
    )
    quality_logit_effect: float = param(
        1.0,
        "logit per unit",
        "Log-odds effect of one unit of latent molecule quality on each phase's success.",
        assumption="quality carries through every phase (correlated phase outcomes); the "
        "correlation of success across phases in the BIO data would inform it",
        ge=0,
        le=5,
    )
    per_patient_cost_share: float = param(
        0.6,
        "fraction",
        "Share of a trial's cost that scales with its number of patients (the rest is "
        "fixed: protocol, sites, regulatory work), so smaller enriched trials cost less.",
        assumption="per-patient costs dominate late trials; trial cost breakdowns (e.g. "
        "Sertkaya et al. 2016) would inform it",
        ge=0,
        le=1,
    )
    academic_trial_reach: float = param(
        0.3,
        "ratio",
        "Extra relative site reach of an industry trial with an academic collaborator.",
        assumption="academic networks add sites; site counts of trials with and without "
        "academic partners would inform it",
        ge=0,
        le=5,
    )
    trial_recruitment_spread: float = param(
        0.785,
        "log-sd",
        "Spread of a trial's recruiting power relative to its plan (log-normal, median "
        "1): sites often enrol slower than projected.",
        source="Calibrated (posterior median of calibration/baseline.yaml, ABC-SMC) to Korn "
        "et al. 2010 and Bennette et al. 2015 (C8).",
        ge=0,
        le=3,
    )
    accrual_grace_years: float = param(
        1.0,
        "years",
        "Time before a slow trial can be closed for poor accrual.",
        assumption="sponsors review accrual yearly; trial-monitoring practice would inform it",
        gt=0,
        le=20,
    )
    accrual_close_threshold: float = param(
        0.5,
        "fraction",
        "A trial closes when enrolment falls below this share of plan after the grace.",
        assumption="closure rules of cooperative groups (Korn et al. 2010) would inform it",
        ge=0,
        le=1,
    )
    max_accrual_extension: float = param(
        2.0,
        "ratio",
        "A trial closes when it has run this many times its plan.",
        assumption="extensions beyond twice the plan are rare; trial registries would inform it",
        ge=1,
        le=10,
    )
    early_engagement_time_cut: float = param(
        0.30,
        "fraction",
        "Cut in phase III duration with early regulatory engagement.",
        source="Miller, Stern et al. 2023 (about 30 %).",
        ge=0,
        le=0.9,
    )


class Science(Section):
    """The state of knowledge: biomarkers and targets."""

    initial_biomarker_share: float = param(
        0.07,
        "fraction",
        "Share of (subtype, target) slots with a known, public biomarker at the start.",
        assumption="a minority of targets has a validated biomarker; OncoKB would inform it",
        ge=0,
        le=1,
    )
    initial_strength: tuple[float, float] = param(
        (0.4, 0.8),
        "0-1",
        "Range (uniform) of the predictive strength of biomarkers public at the start.",
        assumption="known biomarkers predict response moderately to well; response rates "
        "in biomarker-positive vs negative patients would inform it",
    )
    targets_per_subtype: int = param(
        6,
        "targets",
        "Distinct drug targets per subtype (duplication is same target).",
        assumption="a handful of druggable targets per subtype; the druggable genome "
        "per tumour type (e.g. OncoKB) would inform it",
        ge=1,
        le=50,
    )
    private_diffusion_per_year: float = param(
        0.03,
        "per year",
        "Chance a privately held biomarker becomes public (publication, patent expiry).",
        assumption="slow leakage; time from discovery to publication would inform it",
        ge=0,
        le=1,
    )
    biomarker_strength_gain: float = param(
        0.5,
        "0-1",
        "How much a new discovery closes the gap to a fully predictive biomarker, at "
        "full data access.",
        assumption="successive discoveries refine a biomarker; the history of biomarker "
        "refinement (e.g. EGFR, ALK) would inform it",
        ge=0,
        le=1,
    )
    data_weight: float = param(
        0.7,
        "fraction",
        "Share of a discovery's strength gain that depends on the discoverer's data access.",
        assumption="biomarker validation needs data; studies of data-rich vs data-poor "
        "discovery would inform it",
        ge=0,
        le=1,
    )


class Targets(Section):
    """What new programmes build on (target choice itself is by value: ``valuation``)."""

    open_target_uptake: float = param(
        0.5,
        "fraction",
        "Share of new programmes that start from a published target when the commons has one.",
        assumption="how much firms build on open science; citation of open targets would inform it",
        ge=0,
        le=1,
    )


class Academia(Section):
    """Academic science and investigator-initiated trials, per academic centre."""

    biomarker_discoveries_per_year: float = param(
        0.02,
        "per centre-year",
        "Biomarker discoveries of a centre at its sector's mean data access.",
        assumption="tuned with the initial share to C9 (precision share of approvals)",
        ge=0,
        le=20,
    )
    target_discoveries_per_year: float = param(
        0.6,
        "per centre-year",
        "Drug targets a centre discovers at its sector's mean discovery capability.",
        assumption="academic origins of oncology targets would inform it",
        ge=0,
        le=20,
    )
    trials_per_centre: int = param(
        8,
        "trials",
        "Investigator-initiated trials a centre keeps open.",
        assumption="tuned with industry trials to C7 (share of patients in trials)",
        ge=0,
        le=100,
    )
    trial_enrolment: int = param(
        250,
        "patients",
        "Patients an investigator-initiated trial enrols.",
        assumption="trial registries would inform it",
        ge=1,
        le=100_000,
    )
    trial_duration_years: float = param(
        3.0,
        "years",
        "Planned duration of an investigator-initiated trial.",
        assumption="trial registries would inform it",
        gt=0,
        le=20,
    )
