"""Typed scenario schema and YAML loading.

A scenario is one YAML file validated by :class:`Scenario`. Every parameter has a type,
a range, a unit and a description (and, where one exists, the source of its default);
``ecosim schema`` exports the JSON Schema so that editors can complete and check files.

A file may say ``extends: siloed.yaml`` to inherit another scenario and override some of
its values (deep merge, paths relative to the extending file). Cycles are an error.

Loading errors never escape as tracebacks: :func:`load_scenario` raises
:class:`ScenarioError`, whose message names the file and the dotted field path.
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

__all__ = [
    "CollectiveImpact",
    "IPRegime",
    "ReimbursementRule",
    "Scenario",
    "ScenarioError",
    "load_scenario",
    "scenario_from_dict",
]

SECTORS = (
    "pharma",
    "biotech",
    "academia",
    "payer",
    "regulator",
    "patient_org",
    "provider",
    "public_funder",
)
"""Sector names used in trust tables and outputs."""


def _f(default: Any, unit: str, description: str, source: str = "", **kw: Any) -> Any:
    """Declare a field with its unit and source kept in the JSON Schema."""
    extra = {"unit": unit}
    if source:
        extra["source"] = source
    return Field(default, description=description, json_schema_extra=extra, **kw)


class _Section(BaseModel):
    """Base of every scenario section: unknown keys are errors, values are checked."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


class Population(_Section):
    """How many organisations of each kind, and how the world is divided."""

    pharma: int = _f(10, "firms", "Large pharmaceutical companies.", ge=0, le=100)
    biotech: int = _f(40, "firms", "Biotech firms at the start.", ge=0, le=500)
    academia: int = _f(15, "centres", "Academic medical and research centres.", ge=0, le=200)
    payers: int = _f(3, "payers", "Health-insurance payers.", ge=0, le=50)
    regulators: int = _f(1, "agencies", "Regulatory agencies.", ge=0, le=5)
    patient_orgs: int = _f(5, "organisations", "Patient organisations.", ge=0, le=100)
    care_providers: int = _f(
        30, "providers", "Care providers (hospitals and clinics).", ge=1, le=500
    )
    regions: int = _f(4, "regions", "Regions of the country (for equity).", ge=1, le=20)
    subtypes: int = _f(16, "subtypes", "Molecular subtypes of cancer.", ge=1, le=200)
    biotech_entry_per_year: float = _f(
        1.5,
        "firms/year",
        "Mean number of new biotech firms founded per year (about the baseline's exit "
        "rate, so the population is roughly stationary).",
        ge=0,
        le=200,
    )


class Patients(_Section):
    """The patient cohort and its cascade: incident, aware, tested, matched, treated."""

    incidence_per_year: float = _f(
        200_000,
        "patients/year",
        "New cancer patients per year in the country.",
        "Brief: a country-sized burden of hundreds of thousands a year.",
        ge=0,
        le=5_000_000,
    )
    subtype_concentration: float = _f(
        1.0,
        "exponent",
        "Zipf exponent of incidence across subtypes (0 = all subtypes equal).",
        ge=0,
        le=3,
    )
    biomarker_prevalence: tuple[float, float] = _f(
        (0.03, 0.30),
        "fraction",
        "Range of the share of a subtype's patients who carry its actionable biomarker.",
        "Actionable alterations range from a few per cent (ALK, ROS1) to about 30 %.",
    )
    initial_awareness: float = _f(
        0.20,
        "fraction",
        "Share of new patients aware of genomic testing at the start.",
        "Seed document: more than 80 % of surveyed patients unfamiliar (C10).",
        ge=0,
        le=1,
    )
    baseline_testing: float = _f(
        0.50,
        "fraction",
        "Probability that an aware patient with a reimbursed test is tested.",
        "Sadik et al. 2022: about half of eligible patients are lost at the testing step.",
        ge=0,
        le=1,
    )
    unreimbursed_test_uptake: float = _f(
        0.35,
        "fraction",
        "Relative testing when the companion test is not reimbursed (out-of-pocket).",
        ge=0,
        le=1,
    )
    awareness_drift: float = _f(
        0.004,
        "per quarter",
        "Background rise of awareness towards 1 (clinician education, media).",
        ge=0,
        le=0.2,
    )
    trial_eligibility: float = _f(
        0.49,
        "fraction",
        "Share of patients offered a trial who meet its eligibility criteria.",
        "Unger et al. 2019: 21.5 % ineligible out of 44 % with a trial available.",
        ge=0,
        le=1,
    )
    trial_acceptance: float = _f(
        0.55,
        "fraction",
        "Share of eligible patients offered a trial who agree to enrol.",
        "Unger et al. 2021 (about 55 %).",
        ge=0,
        le=1,
    )
    academic_care_share: float = _f(
        0.25,
        "fraction",
        "Share of patients treated at academic sites; the rest at community sites.",
        ge=0,
        le=1,
    )
    community_trial_access: float = _f(
        0.30,
        "fraction",
        "Probability a community-site patient has a trial site within reach.",
        "Unger et al. 2019: for 56 % of patients no trial is available.",
        ge=0,
        le=1,
    )
    academic_enrolment_ratio: float = _f(
        2.0,
        "ratio",
        "Trial access at academic sites relative to community sites.",
        "Brief: academic sites enrol about twice the share of community sites.",
        ge=1,
        le=5,
    )
    region_access_spread: float = _f(
        0.5,
        "fraction",
        "Spread of care access between the best- and worst-served region (0 = equal).",
        ge=0,
        le=0.95,
    )
    qaly_gain_matched: float = _f(
        0.9,
        "QALY/patient",
        "QALYs gained by a patient treated with a matched precision therapy.",
        ge=0,
        le=20,
    )
    qaly_gain_unselected: float = _f(
        0.35,
        "QALY/patient",
        "QALYs gained by a patient treated with a non-selected new therapy.",
        ge=0,
        le=20,
    )
    indication_share: float = _f(
        0.15,
        "fraction",
        "Share of a subtype's patients in the indication of a new non-selected therapy.",
        ge=0,
        le=1,
    )
    uptake_years: float = _f(
        2.0, "years", "Time for a covered therapy to reach full uptake.", gt=0, le=20
    )
    test_cost_usd: float = _f(
        3_000, "USD/test", "Cost of a genomic (panel) test.", ge=0, le=100_000
    )


class PhaseParams(_Section):
    """Duration, cost, success and size of one development phase."""

    duration_years: float = _f(1.0, "years", "Planned duration of the phase.", gt=0, le=20)
    cost_musd: float = _f(10.0, "million USD", "Out-of-pocket cost of the phase.", ge=0, le=100_000)
    success: float = _f(
        0.5, "probability", "Base probability of success on completion.", ge=0, le=1
    )
    enrolment: int = _f(
        0, "patients", "Patients to enrol (0 = no trial in this phase).", ge=0, le=100_000
    )


def _phase(d: float, c: float, s: float, n: int) -> PhaseParams:
    return PhaseParams(duration_years=d, cost_musd=c, success=s, enrolment=n)


class Pipeline(_Section):
    """Therapy programmes: phases, their durations, costs and success probabilities."""

    discovery: PhaseParams = _f(
        _phase(1.5, 4, 0.55, 0), "", "Target validation and lead discovery."
    )
    preclinical: PhaseParams = _f(
        _phase(1.5, 8, 0.6, 0), "", "Preclinical development (IND-enabling studies)."
    )
    phase1: PhaseParams = _f(
        _phase(1.5, 30, 0.57, 40),
        "",
        "Phase I. Cost Fernando et al. 2021; duration Paul et al. 2010.",
    )
    phase2: PhaseParams = _f(
        _phase(2.5, 70, 0.23, 150),
        "",
        "Phase II. Cost Fernando et al. 2021; duration Paul et al. 2010.",
    )
    phase3: PhaseParams = _f(
        _phase(2.5, 310, 0.66, 700),
        "",
        "Phase III. Cost Fernando et al. 2021; duration Paul et al. 2010.",
    )
    review: PhaseParams = _f(
        _phase(1.5, 3, 0.906, 0),
        "",
        "Submission and regulatory review. BIO 2021: 90.6 % approved.",
    )
    gap_years: float = _f(
        0.35, "years", "Mean pause between phases (planning, financing).", ge=0, le=5
    )
    duration_cv: float = _f(
        0.25, "ratio", "Coefficient of variation of phase durations.", ge=0, le=2
    )
    precision_logit_effect: float = _f(
        1.8,
        "logit",
        "Gain in log-odds of phase II/III success from biomarker selection at full "
        "biomarker strength (enriched responders).",
        "Tuned to BIO 2021: biomarker-selected LOA 15.9 % vs about 7 %.",
        ge=0,
        le=5,
    )
    precision_enrolment_factor: float = _f(
        0.35,
        "ratio",
        "Trial size of a biomarker-selected programme relative to an unselected one "
        "(enriched populations need fewer patients).",
        ge=0.05,
        le=1,
    )
    capability_logit_effect: float = _f(
        1.0,
        "logit per unit",
        "Gain in log-odds of success per unit of team capability above the mean.",
        ge=0,
        le=5,
    )
    trust_logit_effect: float = _f(
        0.6,
        "logit per unit",
        "Gain in log-odds of success per unit of partner trust above 0.5.",
        ge=0,
        le=5,
    )
    data_logit_effect: float = _f(
        0.4,
        "logit per unit",
        "Gain in log-odds of success in discovery, preclinical and phase II per unit of "
        "data access above the reference.",
        ge=0,
        le=5,
    )
    trial_recruitment_spread: float = _f(
        0.55,
        "log-sd",
        "Spread of a trial's recruiting power relative to its plan (log-normal, median "
        "1): sites often enrol slower than projected.",
        "Tuned to Korn et al. 2010 and Bennette et al. 2015 (C8).",
        ge=0,
        le=3,
    )
    accrual_grace_years: float = _f(
        1.0, "years", "Time before a slow trial can be closed for poor accrual.", gt=0, le=20
    )
    accrual_close_threshold: float = _f(
        0.5,
        "fraction",
        "A trial closes when enrolment falls below this share of plan after the grace.",
        ge=0,
        le=1,
    )
    max_accrual_extension: float = _f(
        2.0, "ratio", "A trial closes when it has run this many times its plan.", ge=1, le=10
    )
    early_engagement_time_cut: float = _f(
        0.30,
        "fraction",
        "Cut in phase III duration with early regulatory engagement.",
        "Miller, Stern et al. 2023 (about 30 %).",
        ge=0,
        le=0.9,
    )


class Firms(_Section):
    """Resources and decision rules of pharma and biotech firms."""

    pharma_budget_musd_per_year: float = _f(
        500,
        "million USD/year",
        "Oncology R&D budget of a large pharma firm in this ecosystem; unspent budget "
        "does not carry over beyond a year.",
        ge=0,
        le=100_000,
    )
    biotech_initial_cash_musd: float = _f(
        120, "million USD", "Cash of a newly founded biotech firm.", ge=0, le=10_000
    )
    biotech_raise_probability: float = _f(
        0.12,
        "per quarter",
        "Chance a biotech with a promising pipeline raises a round in a quarter.",
        ge=0,
        le=1,
    )
    biotech_round_musd: float = _f(90, "million USD", "Size of a financing round.", ge=0, le=10_000)
    biotech_overhead_musd_per_year: float = _f(
        8, "million USD/year", "Running cost of a biotech firm.", ge=0, le=1_000
    )
    pharma_new_programmes_per_year: float = _f(
        2.0, "programmes/year", "Internal discovery programmes a pharma firm starts.", ge=0, le=50
    )
    biotech_new_programmes_per_year: float = _f(
        0.5, "programmes/year", "Programmes a biotech firm starts from its platform.", ge=0, le=20
    )
    in_licensing_share: float = _f(
        0.5,
        "fraction",
        "Share of a pharma firm's clinical entries it seeks to source externally.",
        "About half of big-pharma clinical assets are sourced externally.",
        ge=0,
        le=1,
    )
    max_programmes_pharma: int = _f(
        40, "programmes", "Active programmes a pharma firm can manage.", ge=1, le=500
    )
    max_programmes_biotech: int = _f(
        4, "programmes", "Active programmes a biotech firm can manage.", ge=1, le=100
    )


class Academia(_Section):
    """Academic science and investigator-initiated trials, per academic centre."""

    biomarker_discoveries_per_year: float = _f(
        0.05,
        "per centre-year",
        "Biomarker discoveries of a centre at average data access.",
        ge=0,
        le=20,
    )
    target_discoveries_per_year: float = _f(
        0.6,
        "per centre-year",
        "Drug targets a centre discovers at average capability.",
        ge=0,
        le=20,
    )
    trials_per_centre: int = _f(
        8, "trials", "Investigator-initiated trials a centre keeps open.", ge=0, le=100
    )
    trial_enrolment: int = _f(
        250, "patients", "Patients an investigator-initiated trial enrols.", ge=1, le=100_000
    )
    trial_duration_years: float = _f(
        3.0, "years", "Planned duration of an investigator-initiated trial.", gt=0, le=20
    )


class Science(_Section):
    """The state of knowledge: biomarkers and targets."""

    initial_biomarker_share: float = _f(
        0.10,
        "fraction",
        "Share of (subtype, target) slots with a known, public biomarker at the start.",
        ge=0,
        le=1,
    )
    targets_per_subtype: int = _f(
        6,
        "targets",
        "Distinct drug targets per subtype (duplication is same target).",
        ge=1,
        le=50,
    )
    private_diffusion_per_year: float = _f(
        0.03,
        "per year",
        "Chance a privately held biomarker becomes public (publication, patent expiry).",
        ge=0,
        le=1,
    )
    biomarker_strength_gain: float = _f(
        0.5,
        "0-1",
        "How much a new discovery closes the gap to a fully predictive biomarker, at "
        "full data access.",
        ge=0,
        le=1,
    )


class Trust(_Section):
    """Trust between organisations: initial values, update rule, reputation."""

    rule: Literal["asymmetric", "symmetric"] = _f(
        "asymmetric",
        "",
        "Asymmetric smoothing moves trust faster after bad experiences.",
        "Slovic 1993; Tykhonov et al. 2008, JASSS 11(3)1.",
    )
    initial_within_industry: float = _f(
        0.45, "0-1", "Initial trust between firms (pharma, biotech).", ge=0, le=1
    )
    initial_industry_academia: float = _f(
        0.40, "0-1", "Initial trust between firms and academic centres.", ge=0, le=1
    )
    initial_industry_payer: float = _f(
        0.30, "0-1", "Initial trust between firms and payers.", ge=0, le=1
    )
    initial_other: float = _f(
        0.45, "0-1", "Initial trust between any other pair of organisations.", ge=0, le=1
    )
    gain_rate: float = _f(
        0.04,
        "per good quarter",
        "Share of the gap to full trust closed by a quarter of good experience.",
        "Kania and Kramer 2011: trust needs years of regular contact.",
        ge=0,
        le=1,
    )
    loss_rate: float = _f(
        0.20,
        "per bad quarter",
        "Share of trust lost after a quarter of friction.",
        ge=0,
        le=1,
    )
    reputation_weight: float = _f(
        0.3,
        "0-1",
        "Weight of reputation (others' trust) against own experience when choosing partners.",
        ge=0,
        le=1,
    )
    termination_threshold: float = _f(
        0.22, "0-1", "Partnerships whose trust falls below this end.", ge=0, le=1
    )
    friction_base: float = _f(
        0.12,
        "per quarter",
        "Chance of friction in a partnership quarter (culture, unequal contribution).",
        ge=0,
        le=1,
    )


class IPRegime(StrEnum):
    """Intellectual-property regimes."""

    exclusive = "exclusive"
    shared = "shared"
    open = "open"


class IP(_Section):
    """How discoveries are owned, licensed and shared."""

    regime: IPRegime = _f(
        IPRegime.exclusive,
        "",
        "exclusive: owner licenses, no spill-over; shared: joint ownership by "
        "contribution; open: discoveries go to a commons.",
    )
    royalty_rate: float = _f(
        0.06,
        "fraction of sales",
        "Royalty on sales paid to the licensor.",
        "Deal data: 4.5-8 % early-stage, 9-13 % late-stage; universities about 3 %.",
        ge=0,
        le=0.5,
    )
    upfront_share: float = _f(
        0.10,
        "fraction of deal value",
        "Upfront payment as a share of deal value.",
        "Deal data: 6-13 %.",
        ge=0,
        le=1,
    )
    framework_agreed: bool = _f(
        True, "", "Whether shared-IP partners agree an IP framework up front."
    )
    dispute_probability: float = _f(
        0.06,
        "per quarter",
        "Chance of an IP dispute in a shared-IP partnership without an agreed framework.",
        ge=0,
        le=1,
    )
    open_appropriability: float = _f(
        0.6,
        "fraction",
        "Share of a programme's private value a firm keeps under open IP.",
        ge=0,
        le=1,
    )


class ReimbursementRule(StrEnum):
    """Payer coverage rules."""

    threshold = "threshold"
    outcome_based = "outcome_based"
    coverage_with_evidence = "coverage_with_evidence"
    budget_cap = "budget_cap"


class Reimbursement(_Section):
    """How payers decide coverage of approved therapies and their tests."""

    rule: ReimbursementRule = _f(ReimbursementRule.threshold, "", "The payers' coverage rule.")
    threshold_usd_per_qaly: float = _f(
        150_000,
        "USD/QALY",
        "Cost-effectiveness threshold.",
        "US ICER 100-150 k USD per QALY; NICE 20-30 k GBP.",
        ge=0,
        le=10_000_000,
    )
    decision_delay_years: float = _f(
        1.5,
        "years",
        "Time from approval to the coverage decision.",
        "EFPIA/IQVIA W.A.I.T. 2019-2024: about 500-580 days.",
        ge=0,
        le=10,
    )
    annual_budget_musd: float = _f(
        4_000,
        "million USD/year",
        "New-therapy budget of each payer (binding under budget_cap only).",
        ge=0,
        le=1_000_000,
    )
    companion_test_reimbursed: bool = _f(
        True, "", "Whether the companion genomic test is reimbursed."
    )
    outcome_data_required: float = _f(
        0.5,
        "0-1",
        "Shared outcome-data coverage needed before outcome-based deals are possible.",
        ge=0,
        le=1,
    )
    responder_share: float = _f(
        0.6,
        "fraction",
        "Share of treated patients who respond (paid for under outcome-based rules).",
        ge=0,
        le=1,
    )
    price_usd_per_patient: float = _f(
        120_000, "USD/patient", "List price of a course of a new therapy.", ge=0, le=100_000_000
    )
    ced_withdrawal_probability: float = _f(
        0.2,
        "probability",
        "Chance that coverage with evidence development is withdrawn at re-evaluation.",
        ge=0,
        le=1,
    )


class CollectiveImpact(_Section):
    """The five conditions of collective impact (Kania and Kramer 2011), 0 = off, 1 = full."""

    common_agenda: float = _f(
        0.0,
        "0-1",
        "Firms align target choice with shared priorities (less duplication).",
        ge=0,
        le=1,
    )
    shared_measurement: float = _f(
        0.0,
        "0-1",
        "Shared data platform: biomarker discovery, patient matching, outcome data.",
        ge=0,
        le=1,
    )
    mutually_reinforcing: float = _f(
        0.0,
        "0-1",
        "Partner matching by comparative advantage (complementary capabilities).",
        ge=0,
        le=1,
    )
    continuous_communication: float = _f(
        0.0,
        "0-1",
        "Faster trust growth, fewer disputes, transparency of who does what.",
        ge=0,
        le=1,
    )
    backbone: float = _f(
        0.0,
        "0-1",
        "Backbone organisation: coordination, matchmaking, early regulatory engagement.",
        ge=0,
        le=1,
    )
    backbone_cost_musd_per_year: float = _f(
        25.0,
        "million USD/year",
        "Cost of the backbone organisation at full intensity.",
        ge=0,
        le=10_000,
    )
    data_sharing_restriction: float = _f(
        0.0,
        "0-1",
        "Cross-border restriction on data sharing (reduces pooled data).",
        ge=0,
        le=1,
    )


class Outreach(_Section):
    """Patient organisations: awareness campaigns and trial navigation."""

    intensity: float = _f(
        0.2,
        "0-1",
        "Outreach effort of patient organisations ('Right Team, Right Tests, Right Treatments').",
        ge=0,
        le=1,
    )
    awareness_gain: float = _f(
        0.03,
        "per quarter",
        "Rise of awareness per quarter at full outreach by all patient organisations.",
        ge=0,
        le=1,
    )
    trial_navigation: float = _f(
        0.3,
        "ratio",
        "Relative rise in trial acceptance at full outreach.",
        ge=0,
        le=2,
    )


class Regulation(_Section):
    """Regulatory agencies: capacity, evidence bar and companion diagnostics."""

    review_capacity_per_year: float = _f(
        60, "reviews/year", "Submissions an agency can review per year.", gt=0, le=10_000
    )
    co_approve_diagnostic: bool = _f(
        True, "", "Whether a companion diagnostic is approved together with its therapy."
    )
    diagnostic_lag_years: float = _f(
        1.0,
        "years",
        "Delay of companion-test availability when not co-approved.",
        ge=0,
        le=10,
    )
    early_engagement_base: float = _f(
        0.15,
        "probability",
        "Chance a programme has early regulatory engagement without a backbone.",
        ge=0,
        le=1,
    )


class PublicFunding(_Section):
    """A public funder co-funding pre-competitive research in a public-private partnership.

    Modelled on the Innovative Medicines Initiative (IMI).
    """

    budget_musd_per_year: float = _f(
        0.0,
        "million USD/year",
        "Public money for co-funding per year (0 = no public funder, no PPP consortium).",
        "IMI1 and IMI2: about 5 bn EUR in all, half public cash, half industry in-kind.",
        ge=0,
        le=100_000,
    )
    cofunding_share: float = _f(
        0.5,
        "fraction",
        "Share of a member's discovery and preclinical costs the funder pays.",
        "IMI: half public cash, half industry in-kind.",
        ge=0,
        le=1,
    )


class Scenario(BaseModel):
    """One complete, validated scenario: everything a run needs except the seed."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    name: str = Field("scenario", description="Short name used in output folders.")
    description: str = Field("", description="What real situation the scenario stands for.")
    extends: str | None = Field(None, description="Scenario file this one inherits from.")
    years: float = _f(30, "years", "Simulated horizon (one step is a quarter).", gt=0, le=200)
    population: Population = Field(default_factory=Population)
    patients: Patients = Field(default_factory=Patients)
    pipeline: Pipeline = Field(default_factory=Pipeline)
    firms: Firms = Field(default_factory=Firms)
    academia: Academia = Field(default_factory=Academia)
    science: Science = Field(default_factory=Science)
    trust: Trust = Field(default_factory=Trust)
    ip: IP = Field(default_factory=IP)
    reimbursement: Reimbursement = Field(default_factory=Reimbursement)
    regulation: Regulation = Field(default_factory=Regulation)
    collective_impact: CollectiveImpact = Field(default_factory=CollectiveImpact)
    outreach: Outreach = Field(default_factory=Outreach)
    public_funding: PublicFunding = Field(default_factory=PublicFunding)

    @model_validator(mode="after")
    def _check_ranges(self) -> Scenario:
        lo, hi = self.patients.biomarker_prevalence
        if not 0 <= lo <= hi <= 1:
            raise ValueError(
                "patients.biomarker_prevalence must be [low, high] with 0 <= low <= high <= 1"
            )
        return self

    @property
    def steps(self) -> int:
        """Number of quarterly steps in the horizon."""
        return round(self.years * 4)


class ScenarioError(Exception):
    """A scenario file could not be loaded; the message names file and field."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


# ---------------------------------------------------------------------------- loading


MAX_FILE_BYTES = 1_000_000
"""Largest scenario or experiment file read (bytes); real ones are a few kilobytes."""
MAX_YAML_DEPTH = 20
"""Deepest nesting of mappings and lists accepted (a scenario needs 3)."""
MAX_YAML_NODES = 20_000
"""Most YAML nodes after expanding aliases (a full scenario has about 300). Stops the
"billion laughs" attack, where a few nested anchors expand to billions of nodes."""


class _YAMLTooComplexError(Exception):
    """A YAML document deeper or larger (after alias expansion) than any scenario."""


class _GuardedLoader(yaml.SafeLoader):
    """PyYAML's safe loader (no Python objects, no code) with depth and size limits."""

    def compose_node(self, parent, index):  # noqa: D102 (PyYAML's hook)
        self._depth = getattr(self, "_depth", 0) + 1
        if self._depth > MAX_YAML_DEPTH:
            raise _YAMLTooComplexError(f"nested deeper than {MAX_YAML_DEPTH} levels")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Number of nodes once every alias is expanded (aliases share composed nodes)."""
    key = id(node)
    if key not in memo:
        memo[key] = 1  # a recursive alias counts once; the constructor rejects it anyway
        if isinstance(node, yaml.SequenceNode):
            memo[key] = 1 + sum(_expanded_size(n, memo) for n in node.value)
        elif isinstance(node, yaml.MappingNode):
            memo[key] = 1 + sum(
                _expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value
            )
        if memo[key] > MAX_YAML_NODES:
            raise _YAMLTooComplexError(
                f"more than {MAX_YAML_NODES:,} values once anchors and aliases are expanded"
            )
    return memo[key]


def safe_yaml(text: str) -> Any:
    """Parse YAML text safely: plain data only, bounded depth and expanded size.

    Raises:
        yaml.YAMLError: malformed YAML.
        _YAMLTooComplexError: deeper or larger than any scenario.
    """
    loader = _GuardedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded_size(node, {})
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _read_yaml(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise ScenarioError([f"{path}: file not found"])
    if path.is_dir():
        raise ScenarioError([f"{path}: is a folder, not a scenario file"])
    if not path.is_file():
        raise ScenarioError([f"{path}: not a regular file (a device, pipe or socket)"])
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ScenarioError(
                [f"{path}: {size:,} bytes is too large for a scenario (limit {MAX_FILE_BYTES:,})"]
            )
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ScenarioError([f"{path}: not UTF-8 text"]) from None
    except OSError as exc:
        raise ScenarioError([f"{path}: cannot read ({exc.strerror})"]) from None
    if "\x00" in text:
        raise ScenarioError([f"{path}: binary data (NUL bytes), not a YAML text file"])
    try:
        data = safe_yaml(text)
    except _YAMLTooComplexError as exc:
        raise ScenarioError([f"{path}: YAML rejected: {exc}"]) from None
    except RecursionError:
        raise ScenarioError([f"{path}: YAML rejected: nested too deeply"]) from None
    except (ValueError, OverflowError) as exc:  # e.g. an integer of thousands of digits
        raise ScenarioError([f"{path}: YAML rejected: a value cannot be read ({exc})"]) from None
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 1}, column {mark.column + 1}"
        problem = getattr(exc, "problem", None) or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError):
            raise ScenarioError(
                [f"{path}: YAML rejected{where}: {problem} (only plain data is read, never code)"]
            ) from None
        raise ScenarioError([f"{path}: malformed YAML{where}: {problem}"]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ScenarioError([f"{path}: the top level must be a mapping of fields"])
    return data


def _merge(
    base: dict, override: dict, origin: dict[str, Path], path: Path, prefix: str = ""
) -> dict:
    """Deep-merge ``override`` into ``base``; record which file set each field."""
    merged = dict(base)
    for key, value in override.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value, origin, path, dotted + ".")
        else:
            merged[key] = value
            origin[dotted] = path
    return merged


def _library_folder() -> Path:
    from ecosim.library import scenario_dir

    return scenario_dir().resolve()


def _resolve(path: Path, chain: list[Path], origin: dict[str, Path]) -> dict[str, Any]:
    """Read ``path`` and everything it extends, merged; ``chain`` holds the extending files.

    A parent must lie in the folder of the first file (or below it) or in the scenario
    library: a scenario received from someone else cannot make ecosim read other files.
    """
    path = path.resolve()
    if path in chain:
        cycle = " -> ".join(p.name for p in [*chain, path])
        raise ScenarioError([f"{chain[-1]}: field 'extends': cycle ({cycle})"])
    data = _read_yaml(path)
    parent = data.get("extends")
    base: dict[str, Any] = {}
    if parent is not None:
        if not isinstance(parent, str) or not parent.strip():
            raise ScenarioError([f"{path}: field 'extends': must be a file name"])
        parent_path = (path.parent / parent).resolve()
        if not parent_path.exists() and "/" not in parent and "\\" not in parent:
            in_library = _library_folder() / (
                parent if parent.endswith(".yaml") else f"{parent}.yaml"
            )
            parent_path = in_library if in_library.exists() else parent_path
        if not parent_path.exists():
            raise ScenarioError([f"{path}: field 'extends': file not found: {parent_path}"])
        home = (chain[0] if chain else path).parent
        if not (parent_path.is_relative_to(home) or parent_path.is_relative_to(_library_folder())):
            raise ScenarioError(
                [
                    f"{path}: field 'extends': {parent} is outside the scenario's folder "
                    f"({home}) and the scenario library; copy it beside the scenario"
                ]
            )
        base = _resolve(parent_path, [*chain, path], origin)
        base.pop("name", None)
        base.pop("description", None)
    return _merge(base, data, origin, path)


def _known_fields(loc: tuple) -> list[str]:
    model: Any = Scenario
    for part in loc:
        field = model.model_fields.get(part) if isinstance(part, str) else None
        if field is None or not isinstance(field.annotation, type):
            return []
        if not issubclass(field.annotation, BaseModel):
            return []
        model = field.annotation
    return list(model.model_fields)


def _describe(err: dict, origin: dict[str, Path], default: Path) -> str:
    loc = tuple(err["loc"])
    dotted = ".".join(str(p) for p in loc) or "(top level)"
    # the file that set this field, or the nearest parent field that was set
    where = default
    for i in range(len(loc), 0, -1):
        key = ".".join(str(p) for p in loc[:i])
        if key in origin:
            where = origin[key]
            break
    if err["type"] == "extra_forbidden":
        known = _known_fields(loc[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        msg = f"{where}: field '{dotted}': unknown field"
        if hint:
            parent = ".".join(str(p) for p in loc[:-1])
            msg += f" (did you mean '{parent + '.' if parent else ''}{hint[0]}'?)"
        return msg
    value = err.get("input")
    shown = repr(value) if not isinstance(value, dict) else "a mapping"
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{where}: field '{dotted}': {err['msg']} (got {shown})"


def _defaults() -> dict[str, Any]:
    """The default scenario as nested plain data.

    User data is deep-merged over it before validation, so that a partial section
    (``review: {duration_years: 1.5}``) keeps the other defaults *of that phase* rather
    than the generic defaults of its type.
    """
    return Scenario().model_dump(mode="python", exclude={"name", "description", "extends"})


def scenario_from_dict(data: dict[str, Any], source: Path | str = "<dict>") -> Scenario:
    """Validate a plain mapping as a scenario, raising :class:`ScenarioError`."""
    if not isinstance(data, dict):
        raise ScenarioError([f"{source}: the top level must be a mapping of fields"])
    merged = _merge(_defaults(), data, {}, Path(str(source)))
    try:
        return Scenario.model_validate(merged)
    except ValidationError as exc:
        raise ScenarioError([_describe(e, {}, Path(str(source))) for e in exc.errors()]) from None


def load_scenario(path: str | Path, overrides: dict[str, Any] | None = None) -> Scenario:
    """Load and validate a scenario file, following ``extends``.

    Args:
        path: YAML file.
        overrides: optional nested mapping merged over the file before validation.

    Returns:
        The validated scenario; its ``name`` defaults to the file stem.

    Raises:
        ScenarioError: with one message per problem, each naming file and field.
    """
    path = Path(path)
    origin: dict[str, Path] = {}
    data = _resolve(path, [], origin)
    if overrides:
        data = _merge(data, overrides, origin, Path("<command line>"))
    data.setdefault("name", path.stem)
    data = _merge(_defaults(), data, {}, path)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError([_describe(e, origin, path) for e in exc.errors()]) from None
