"""Sections of organisations' resources and rules: firms, providers, regulators, funders."""

from __future__ import annotations

from ecosim.parameters import INHERIT, Section, param, section

__all__ = ["Firms", "PhaseCounts", "Providers", "PublicFunding", "Regulation"]


class PhaseCounts(Section):
    """Programmes a firm may hold in each phase at the start (Poisson means).

    Each is on the target the firm chooses; the firm keeps only those it values at more
    than nothing (:func:`ecosim.world.build`), so it holds fewer than these means.
    """

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
        _counts(3.3, 4.2, 3.05, 2.75, 0.65, 0.25),
        "A pharma firm's initial pipeline.",
        assumption="near the baseline's steady state, so that year 0 looks like a "
        "running ecosystem; the pipeline of a long warm-up run would inform it",
    )
    biotech: PhaseCounts = section(
        _counts(3.1, 0.35, 0.045, 0.03, 0.005, 0),
        "A biotech firm's initial pipeline.",
        assumption="near the baseline's steady state, so that year 0 looks like a "
        "running ecosystem; the pipeline of a long warm-up run would inform it",
    )


class Firms(Section):
    """Resources and decision rules of pharma and biotech firms."""

    rd_intensity: float = param(
        0.20,
        "fraction of revenue",
        "Share of a pharma firm's revenue (sales, royalties) that funds its R&D; the rest "
        "pays for goods, marketing, administration and returns to shareholders.",
        source="EFPIA, The Pharmaceutical Industry in Figures 2023: R&D about 15-25 % of "
        "sales for research-based companies.",
        ge=0,
        le=1,
    )
    commercial_cost_share: float = param(
        0.45,
        "fraction of sales",
        "Share of a therapy's sales spent on making and selling it (cost of goods, "
        "marketing, distribution, administration); the rest is the margin before R&D.",
        assumption="cost of goods about 25 % and selling costs 20-30 % of sales in "
        "company accounts; industry financial reports would inform it",
        ge=0,
        le=1,
    )
    pharma_other_revenue_musd_per_year: float = param(
        1_500,
        "million USD/year",
        "Revenue of a pharma firm's group from outside this ecosystem (other therapeutic "
        "areas, other oncology markets) that also funds its oncology R&D budget.",
        assumption="oncology is about a fifth to a third of a large firm's sales; this "
        "ecosystem's slice of the rest; company reports would inform it",
        ge=0,
        le=1_000_000,
    )
    budget_adjustment_per_year: float = param(
        0.3,
        "fraction per year",
        "Share of the gap between a pharma firm's R&D budget and R&D intensity x its last "
        "year's revenue that the firm closes each year (budgets are sticky).",
        assumption="R&D follows lagged cash flow with inertia (Grabowski and Vernon 2000, "
        "J Health Econ 19:201); firm-level R&D series would inform the speed",
        ge=0,
        le=1,
    )
    reserve_years: float = param(
        1.0,
        "years of budget",
        "R&D cash a pharma firm may hold beyond its spending, in years of its R&D budget "
        "(R&D intensity x the last year's revenue); more lapses to the parent company.",
        assumption="budgets are set yearly with some carry-over; company budgeting "
        "practice would inform it",
        ge=0,
        le=20,
    )
    pharma_initial_cash_musd: float = param(
        665,
        "million USD",
        "R&D cash of a pharma firm at the start (about a year of its budget).",
        assumption="a year of the oncology R&D budget of a large firm's slice of this "
        "ecosystem; company reports would inform it",
        ge=0,
        le=100_000,
    )
    initial_marketed: float = param(
        2.4,
        "therapies",
        "Mean number of marketed therapies a pharma firm holds at the start (Poisson), "
        "of ages spread evenly over a product's life.",
        assumption="about the steady state of approvals x product life per firm, so "
        "that year 0 has revenue; a long warm-up run would inform it",
        ge=0,
        le=100,
    )
    biotech_initial_cash_musd: float = param(
        90,
        "million USD",
        "Cash of a newly founded biotech firm.",
        assumption="seed plus series A financing; venture-financing data would inform it",
        ge=0,
        le=10_000,
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
    biotech_idle_years: float = param(
        2.0,
        "years",
        "A biotech with no programme for this long is wound up by its investors (its "
        "cash is returned to them).",
        assumption="investors close platforms that produce nothing; venture portfolio "
        "practice would inform it",
        gt=0,
        le=50,
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
    pharma_ideas_per_busd: float = param(
        6.0,
        "ideas/year per bn USD of budget",
        "Ideas for internal discovery programmes a pharma firm's research yields per year, "
        "per billion USD of its R&D budget (it starts those worth starting).",
        assumption="research output scales with research spend; tuned with the phase "
        "success rates to the pipeline's steady state",
        ge=0,
        le=1_000,
    )
    biotech_new_programmes_per_year: float = param(
        2.0,
        "programmes/year",
        "Programmes a biotech firm starts from its platform.",
        assumption="tuned with the phase success rates to the pipeline's steady state",
        ge=0,
        le=20,
    )
    pharma_searches_per_year: float = param(
        5.2,
        "searches/year",
        "Searches for external assets a pharma firm's business development makes "
        "(each weighs every biotech asset and negotiates for the best).",
        assumption="business-development capacity of a large firm; posterior median of "
        "calibration/baseline.yaml (C13: about half of pharma clinical assets sourced "
        "externally)",
        ge=0,
        le=100,
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

    academic_testing_ratio: float = param(
        1.5,
        "ratio",
        "Testing propensity of an academic centre relative to a community site (the "
        "national mean stays patients.baseline_testing).",
        assumption="academic centres order broad biomarker panels more often; testing "
        "rates by practice type in real-world oncology data would inform it",
        ge=1,
        le=5,
    )
    community_therapy_access: float = param(
        0.67,
        "fraction",
        "Share of its eligible patients a community site treats with a new non-selected "
        "therapy, relative to an academic centre.",
        assumption="new cancer drugs diffuse more slowly outside academic centres; "
        "uptake of new oncology drugs by practice type would inform it",
        ge=0,
        le=1,
    )
    mix_concentration: float = param(
        4.0,
        "concentration",
        "Beta concentration of the regions' academic shares of providers around "
        "patients.academic_care_share (higher: more alike regions).",
        assumption="cancer centres cluster in cities; the density of academic oncology "
        "centres by region would inform it",
        gt=0,
        le=1_000,
    )


class Regulation(Section):
    """Regulatory agencies: review capacity, priority review, advice and diagnostics."""

    review_capacity_per_year: float = param(
        2.0,
        "reviews/year",
        "Submissions of this ecosystem an agency can start reviewing per year (beyond it "
        "they queue).",
        assumption="the agency's oncology review staff against this ecosystem's "
        "submissions (about 1.3 a year in the baseline, up to 6 in a busy year); review "
        "clock-stop and backlog statistics of agencies would inform it",
        gt=0,
        le=10_000,
    )
    priority_review_ratio: float = param(
        0.67,
        "ratio",
        "Duration of a priority review relative to a standard one (unmet need or a "
        "biomarker-selected therapy).",
        source="FDA PDUFA goals: 6 against 10 months of review, each after 60 days of "
        "filing (8 / 12 months).",
        gt=0,
        le=1,
    )
    advice_slots_per_year: float = param(
        0.3,
        "programmes/year",
        "Programmes entering phase III an agency gives intensive early engagement per year "
        "(breakthrough-type advice), priority first.",
        assumption="about one in seven of the programmes entering phase III (about 2 a "
        "year in the baseline); breakthrough-designation grants against requests would "
        "inform it",
        ge=0,
        le=1_000,
    )
    accelerated_approval: bool = param(
        True,
        "",
        "Whether a biomarker-selected therapy for a small subtype with strong phase II "
        "evidence may be marketed while its phase III runs as a confirmatory trial.",
        source="FDA accelerated approval (21 CFR 314 subpart H): approval on single-arm "
        "or surrogate evidence with a confirmatory obligation, used mostly in oncology "
        "(Beaver et al. 2018, JAMA Oncol 4:849).",
    )
    accelerated_max_patients: float = param(
        1_500.0,
        "patients/year",
        "Largest yearly number of biomarker-positive new patients in the country for which "
        "single-arm evidence is accepted (a small subtype: a randomised trial is hard).",
        assumption="rare molecular subtypes (about the smaller third of this country's "
        "subtypes); the subtype sizes of accelerated approvals based on single-arm trials "
        "would inform it",
        ge=0,
        le=10_000_000,
    )
    accelerated_min_strength: float = param(
        0.5,
        "0-1",
        "Evidence bar: the biomarker strength (how large and clear the effect in selected "
        "patients is) a single-arm phase II must show.",
        assumption="large response rates in single-arm trials; the response rates that "
        "earned accelerated approval would inform it",
        ge=0,
        le=1,
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
