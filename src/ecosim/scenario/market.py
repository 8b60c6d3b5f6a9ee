"""Sections of the market for approved therapies, what they are worth, and what a run reports."""

from __future__ import annotations

from ecosim.parameters import Section, param

__all__ = ["Diagnostics", "MarketParams", "Observation", "Therapies"]


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
    evidence_spread: float = param(
        0.3,
        "log-sd",
        "Error of the trial's estimate of a therapy's QALY gain at approval, which payers "
        "decide on (log-normal, median-unbiased).",
        assumption="survival extrapolated beyond trial follow-up; the change of ICERs "
        "between first appraisal and re-appraisal after managed access would inform it",
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


class Diagnostics(Section):
    """Companion diagnostics: developed with the therapy, with a performance and a price.

    The test's price is ``patients.test_cost_usd``; payers decide whether they cover it
    (:mod:`ecosim.diagnostics`).
    """

    sensitivity: float = param(
        0.95,
        "probability",
        "Share of biomarker-positive patients the test finds (the others are lost to "
        "matched treatment).",
        assumption="analytical positive agreement of approved next-generation-sequencing "
        "companion diagnostics is high; their summaries of safety and effectiveness "
        "would inform it",
        ge=0,
        le=1,
    )
    specificity: float = param(
        0.99,
        "probability",
        "Share of biomarker-negative patients the test calls negative (the others are "
        "treated with a matched therapy without benefit).",
        assumption="negative agreement of approved companion diagnostics is close to 1; "
        "their summaries of safety and effectiveness would inform it",
        ge=0,
        le=1,
    )
    development_cost_musd: float = param(
        20.0,
        "million USD",
        "Cost of developing and validating a biomarker-selected therapy's companion test, "
        "paid with its phase III.",
        assumption="co-development budgets of tens of millions of USD; diagnostics firms' "
        "development contracts would inform it",
        ge=0,
        le=10_000,
    )


class MarketParams(Section):
    """The world market of a therapy: the country's share, competition, exclusivity.

    The simulated country is a share of the world market; sales elsewhere follow the same
    approvals but not the country's payers or testing (:mod:`ecosim.world_sales`). The
    therapies of one market (a subtype, biomarker-selected or not) share its patients by
    prescriber choice (:mod:`ecosim.uptake`).
    """

    country_share: float = param(
        0.05,
        "fraction of world sales",
        "Share of a new oncology therapy's world sales made in the simulated country.",
        source="IQVIA Global Oncology Trends 2024: the US is about 45 % of world oncology "
        "spending, each of the large European markets about 4-5 %.",
        gt=0,
        le=1,
    )
    rest_of_world_price_ratio: float = param(
        1.0,
        "ratio",
        "List price of a therapy in the rest of the world relative to its reference price "
        "(the price the country is asked before the owner sets its list price; 1: the "
        "rest of the world pays the reference price).",
        source="Vokinger et al. 2020, Lancet Oncol 21:664: launch prices of cancer drugs "
        "in England, Germany and Switzerland about half the US level.",
        gt=0,
        le=100,
    )
    reference_pricing_share: float = param(
        0.0,
        "fraction",
        "Share of a therapy's rest-of-world sales whose price references the country's "
        "list price (international reference pricing): a lower price here lowers them.",
        assumption="0: no other market references the baseline country's prices (as for "
        "the US); most European countries reference the prices of several others "
        "(Rémuzat et al. 2015, J Mark Access Health Policy), and the share of world "
        "sales whose prices reference one country would inform it",
        ge=0,
        le=1,
    )
    rest_of_world_treated_share: float = param(
        0.7,
        "fraction",
        "Share of a therapy's addressable patients it would treat at peak in the rest of "
        "the world, alone in its market.",
        assumption="access, testing and uptake abroad, net of price differences; set so "
        "that sales sustain R&D at the R&D-intensity rule; IQVIA uptake data would inform it",
        ge=0,
        le=1,
    )
    rest_of_world_testing: float = param(
        0.5,
        "fraction",
        "Share of the biomarker-positive patients abroad who are tested, so that a "
        "biomarker-selected therapy can reach them.",
        source="Sadik et al. 2022, JCO Precis Oncol: about half of eligible patients are "
        "lost at the testing step.",
        ge=0,
        le=1,
    )
    rest_of_world_access_years: float = param(
        1.0,
        "years",
        "Time from approval to first sales in the rest of the world.",
        assumption="immediate launch in the US, about 1.5 years in Europe (EFPIA/IQVIA "
        "W.A.I.T.); launch sequences weighted by market value would inform it",
        ge=0,
        le=10,
    )
    order_of_entry_exponent: float = param(
        0.49,
        "exponent",
        "Prescribers' attraction to the n-th entrant of a market falls as n to minus this "
        "power (the 2nd entrant has 0.71 of the pioneer's, the 3rd 0.58).",
        source="Urban, Carter, Gaskin, Mucha 1986, Management Science 32:645.",
        ge=0,
        le=5,
    )
    benefit_elasticity: float = param(
        1.0,
        "elasticity",
        "Prescribers' attraction rises as a therapy's QALY gain relative to its kind's "
        "mean to this power.",
        assumption="better drugs win share; share against relative efficacy in oncology "
        "classes would inform it",
        ge=0,
        le=10,
    )
    detailing_reach_per_quarter: float = param(
        0.35,
        "fraction per quarter",
        "Share of the prescribers not yet using a covered therapy whom its owner's sales "
        "force converts each quarter, at full commercial capability (uptake 1 - (1 - "
        "reach x capability)^quarters).",
        assumption="a large firm's launch reaches most of its peak in about two years; "
        "oncology launch curves (IQVIA) would inform it",
        gt=0,
        le=1,
    )
    exclusivity_years: float = param(
        12.5,
        "years",
        "Effective market exclusivity from approval to generic or biosimilar entry.",
        source="Grabowski and Kyle 2007, Managerial Decis Econ 28:491 (about 12-13 years); "
        "Hemphill and Sampat 2012 (12.2-13 years).",
        ge=0,
        le=50,
    )
    generic_price_cut: float = param(
        0.6,
        "fraction of price",
        "Cut in the price paid for a therapy once it has lost exclusivity.",
        source="IQVIA: biosimilars cut prices by about 30-50 %, small-molecule generics by "
        "80 % or more; oncology is a mix.",
        ge=0,
        le=1,
    )
    originator_share_after_loe: float = param(
        0.3,
        "fraction of volume",
        "Share of a therapy's patients its originator keeps after losing exclusivity (the "
        "rest is treated with generics or biosimilars).",
        assumption="originators keep a minority of volume; erosion curves after loss of "
        "exclusivity (IQVIA) would inform it",
        ge=0,
        le=1,
    )
    product_life_years: float = param(
        20.0,
        "years",
        "Years from approval after which a therapy is superseded by newer standards of "
        "care and leaves the market.",
        assumption="regimens are replaced within one or two decades; the history of "
        "oncology treatment guidelines would inform it",
        gt=0,
        le=100,
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
