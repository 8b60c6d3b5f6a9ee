"""Sections of the world: its organisations, their capabilities, patients and outreach."""

from __future__ import annotations

from ecosim.parameters import INHERIT, Section, param, section

__all__ = ["CapabilityProfile", "Capabilities", "Outreach", "Patients", "Population"]

_BRIEF_POPULATION = (
    "Model brief: default population of about 10 pharma, 40 biotech, 15 academic centres, "
    "3 payers, 1-2 regulators, 5 patient organisations, 30 care providers."
)


class Population(Section):
    """How many organisations of each kind, and how the world is divided."""

    pharma: int = param(
        10, "firms", "Large pharmaceutical companies.", source=_BRIEF_POPULATION, ge=0, le=100
    )
    biotech: int = param(
        40, "firms", "Biotech firms at the start.", source=_BRIEF_POPULATION, ge=0, le=500
    )
    academia: int = param(
        15,
        "centres",
        "Academic medical and research centres.",
        source=_BRIEF_POPULATION,
        ge=0,
        le=200,
    )
    payers: int = param(
        3, "payers", "Health-insurance payers.", source=_BRIEF_POPULATION, ge=0, le=50
    )
    regulators: int = param(
        1, "agencies", "Regulatory agencies.", source=_BRIEF_POPULATION, ge=0, le=5
    )
    patient_orgs: int = param(
        5, "organisations", "Patient organisations.", source=_BRIEF_POPULATION, ge=0, le=100
    )
    care_providers: int = param(
        30,
        "providers",
        "Care providers (hospitals and clinics).",
        source=_BRIEF_POPULATION,
        ge=1,
        le=500,
    )
    regions: int = param(
        4,
        "regions",
        "Regions of the country (for equity).",
        assumption="a few regions suffice to show access gaps; national health-service "
        "regions would inform it",
        ge=1,
        le=20,
    )
    subtypes: int = param(
        16,
        "subtypes",
        "Molecular subtypes of cancer.",
        assumption="of the order of the actionable alterations in solid tumours (OncoKB "
        "levels 1-2 would inform it)",
        ge=1,
        le=200,
    )
    region_share_concentration: float = param(
        8.0,
        "concentration",
        "Dirichlet concentration of the regions' shares of the population (higher: more "
        "equal regions).",
        assumption="moderately unequal regions; census shares of the regions would inform it",
        gt=0,
        le=1_000,
    )


class CapabilityProfile(Section):
    """Mean capabilities (0-1) of a sector's organisations, drawn per organisation."""

    discovery: float = param(0.5, "0-1", "Mean discovery capability.", source=INHERIT, gt=0, lt=1)
    clinical: float = param(
        0.5, "0-1", "Mean clinical-development capability.", source=INHERIT, gt=0, lt=1
    )
    regulatory: float = param(0.5, "0-1", "Mean regulatory capability.", source=INHERIT, gt=0, lt=1)
    commercial: float = param(0.5, "0-1", "Mean commercial capability.", source=INHERIT, gt=0, lt=1)
    data: float = param(
        0.5, "0-1", "Mean data capability (own data and analytics).", source=INHERIT, gt=0, lt=1
    )


def _profile(discovery: float, clinical: float, regulatory: float, commercial: float, data: float):
    """A factory of a sector's default profile."""
    return lambda: CapabilityProfile(
        discovery=discovery,
        clinical=clinical,
        regulatory=regulatory,
        commercial=commercial,
        data=data,
    )


_CAPABILITY_ASSUMPTION = (
    "stylised sector strengths (pharma: clinical, regulatory, commercial; biotech and "
    "academia: discovery); capability benchmarking of organisations would inform them"
)


class Capabilities(Section):
    """Capabilities of organisations by sector.

    Each organisation draws each capability from a Beta distribution with its sector's
    mean and the common ``concentration``.
    """

    concentration: float = param(
        12.0,
        "concentration",
        "Beta concentration of capabilities around the sector mean (higher: organisations "
        "of a sector are more alike).",
        assumption="moderate spread within a sector; the spread of firm-level success "
        "rates would inform it",
        gt=0,
        le=1_000,
    )
    pharma: CapabilityProfile = section(
        _profile(0.50, 0.80, 0.80, 0.85, 0.40), "Pharma.", assumption=_CAPABILITY_ASSUMPTION
    )
    biotech: CapabilityProfile = section(
        _profile(0.70, 0.35, 0.30, 0.20, 0.35), "Biotech.", assumption=_CAPABILITY_ASSUMPTION
    )
    academia: CapabilityProfile = section(
        _profile(0.75, 0.55, 0.20, 0.05, 0.60),
        "Academic centres.",
        assumption=_CAPABILITY_ASSUMPTION,
    )
    payer: CapabilityProfile = section(
        _profile(0.05, 0.05, 0.20, 0.30, 0.50), "Payers.", assumption=_CAPABILITY_ASSUMPTION
    )
    regulator: CapabilityProfile = section(
        _profile(0.05, 0.30, 0.95, 0.05, 0.40), "Regulators.", assumption=_CAPABILITY_ASSUMPTION
    )
    patient_org: CapabilityProfile = section(
        _profile(0.05, 0.20, 0.10, 0.05, 0.30),
        "Patient organisations.",
        assumption=_CAPABILITY_ASSUMPTION,
    )
    provider: CapabilityProfile = section(
        _profile(0.10, 0.45, 0.10, 0.05, 0.35), "Care providers.", assumption=_CAPABILITY_ASSUMPTION
    )
    backbone: CapabilityProfile = section(
        _profile(0.10, 0.20, 0.40, 0.10, 0.70),
        "The backbone organisation.",
        assumption=_CAPABILITY_ASSUMPTION,
    )
    investor: CapabilityProfile = section(
        _profile(0.30, 0.20, 0.20, 0.20, 0.30),
        "Venture funds (their capabilities shape only how partners see them).",
        assumption=_CAPABILITY_ASSUMPTION,
    )
    public_funder: CapabilityProfile = section(
        _profile(0.10, 0.05, 0.30, 0.05, 0.40),
        "The public funder.",
        assumption=_CAPABILITY_ASSUMPTION,
    )


class Patients(Section):
    """The patient cohort and its cascade: incident, aware, tested, matched, treated."""

    incidence_per_year: float = param(
        200_000,
        "patients/year",
        "New cancer patients per year in the country.",
        source="Brief: a country-sized burden of hundreds of thousands a year.",
        ge=0,
        le=5_000_000,
    )
    subtype_concentration: float = param(
        1.0,
        "exponent",
        "Zipf exponent of incidence across subtypes (0 = all subtypes equal).",
        assumption="a few common and many rare subtypes; registry incidence by molecular "
        "subtype would inform it",
        ge=0,
        le=3,
    )
    biomarker_prevalence: tuple[float, float] = param(
        (0.03, 0.30),
        "fraction",
        "Range of the share of a subtype's patients who carry its actionable biomarker.",
        source="Actionable alterations range from a few per cent (ALK, ROS1) to about 30 %.",
    )
    initial_awareness: float = param(
        0.20,
        "fraction",
        "Share of new patients aware of genomic testing at the start.",
        source="Seed document: more than 80 % of surveyed patients unfamiliar (C10).",
        ge=0,
        le=1,
    )
    baseline_testing: float = param(
        0.50,
        "fraction",
        "Probability that an aware patient with a reimbursed test is tested.",
        source="Sadik et al. 2022: about half of eligible patients are lost at the testing step.",
        ge=0,
        le=1,
    )
    unreimbursed_test_uptake: float = param(
        0.35,
        "fraction",
        "Relative testing when the companion test is not reimbursed (out-of-pocket).",
        assumption="out-of-pocket cost deters most patients; testing rates where panels "
        "are not covered would inform it",
        ge=0,
        le=1,
    )
    awareness_drift: float = param(
        0.004,
        "per quarter",
        "Background rise of awareness towards 1 (clinician education, media).",
        assumption="slow background rise; repeated awareness surveys would inform it",
        ge=0,
        le=0.2,
    )
    trial_eligibility: float = param(
        0.51,
        "fraction",
        "Share of patients offered a trial who meet its eligibility criteria.",
        source="Unger et al. 2019: of the 44 % with a trial available, 21.5 % (of all "
        "patients) were ineligible, so about (44 - 21.5) / 44 = 0.51 were eligible.",
        ge=0,
        le=1,
    )
    trial_acceptance: float = param(
        0.55,
        "fraction",
        "Share of eligible patients offered a trial who agree to enrol.",
        source="Unger et al. 2021 (about 55 %).",
        ge=0,
        le=1,
    )
    academic_care_share: float = param(
        0.25,
        "fraction",
        "Share of patients treated at academic sites; the rest at community sites.",
        assumption="most patients are treated in the community; hospital-episode data by "
        "site type would inform it",
        ge=0,
        le=1,
    )
    trial_availability: float = param(
        0.44,
        "fraction",
        "Share of all patients with a trial available at their site (split between "
        "academic and community sites by patients.academic_enrolment_ratio).",
        source="Unger et al. 2019: for 56 % of patients no trial is available.",
        ge=0,
        le=1,
    )
    academic_enrolment_ratio: float = param(
        2.0,
        "ratio",
        "Trial availability at academic sites relative to community sites.",
        source="Brief: academic sites enrol about twice the share of community sites.",
        ge=1,
        le=5,
    )
    qaly_gain_matched: float = param(
        0.9,
        "QALY/patient",
        "QALYs gained by a patient treated with a matched precision therapy.",
        assumption="of the order of incremental QALYs in HTA appraisals of targeted "
        "oncology drugs, which would inform it",
        ge=0,
        le=20,
    )
    qaly_gain_unselected: float = param(
        0.35,
        "QALY/patient",
        "QALYs gained by a patient treated with a non-selected new therapy.",
        assumption="smaller gains without a biomarker; HTA appraisals would inform it",
        ge=0,
        le=20,
    )
    indication_share: float = param(
        0.15,
        "fraction",
        "Share of a subtype's patients in the indication of a new non-selected therapy.",
        assumption="a new therapy is licensed for a line of therapy or a stage; label "
        "populations would inform it",
        ge=0,
        le=1,
    )
    test_cost_usd: float = param(
        3_000,
        "USD/test",
        "Cost of a genomic (panel) test.",
        source="Of the order of payment rates for comprehensive tumour panels (US Medicare "
        "about 3,500 USD for FoundationOne CDx).",
        ge=0,
        le=100_000,
    )


class Outreach(Section):
    """Patient organisations: awareness campaigns and trial navigation."""

    intensity: float = param(
        0.2,
        "0-1",
        "Outreach effort of patient organisations ('Right Team, Right Tests, Right Treatments').",
        assumption="modest effort without a campaign; patient-organisation budgets would inform it",
        ge=0,
        le=1,
    )
    awareness_gain: float = param(
        0.03,
        "per quarter",
        "Rise of awareness per quarter at full outreach by all patient organisations.",
        assumption="evaluations of awareness campaigns would inform it",
        ge=0,
        le=1,
    )
    navigated_acceptance: float = param(
        0.7,
        "fraction",
        "Share of eligible patients offered a trial who agree to enrol when a patient "
        "organisation's navigator has helped them (the others accept at "
        "patients.trial_acceptance).",
        assumption="navigators address the practical and informational barriers behind "
        "about half of refusals; randomised and controlled studies of patient navigation "
        "for trial enrolment (for example Fouad et al. 2016) would inform it",
        ge=0,
        le=1,
    )
    away_reach: float = param(
        0.5,
        "fraction",
        "Share of a patient organisation's own outreach effort that reaches patients when "
        "it is spent outside its home region, where it has no local partners, clinics or "
        "volunteers (only a person playing it in the participatory mode sends it away).",
        assumption="half, for the travel and the missing local network; evaluations of "
        "national patient-organisation campaigns run outside their base would inform it",
        ge=0,
        le=1,
    )
