"""Section ``initiative``: who founds the collective-impact initiative, what membership costs."""

from __future__ import annotations

from ecosim.parameters import Section, param

__all__ = ["Initiative"]


class Initiative(Section):
    """The collective-impact initiative: founding, fees, effort, and the members' term."""

    founding_share: float = param(
        0.5,
        "fraction",
        "Share of the eligible organisations that found the initiative (its first round "
        "of recruitment), drawn at random.",
        assumption="a convening round reaches about half of the organisations in a "
        "region; founding membership lists of collective-impact initiatives would inform it",
        ge=0,
        le=1,
    )
    fee_firm_musd_per_year: float = param(
        0.25,
        "million USD/year",
        "Membership fee a firm pays.",
        assumption="fees of pre-competitive consortia for companies run from tens to a few "
        "hundred thousand USD a year (e.g. tiered fees of public-private partnerships); "
        "their fee schedules would inform it",
        ge=0,
        le=1_000,
    )
    fee_nonprofit_musd_per_year: float = param(
        0.025,
        "million USD/year",
        "Membership fee an academic centre, payer, provider or patient organisation pays.",
        assumption="non-profit members pay a tenth of the firms' fee or none; fee schedules "
        "of consortia would inform it",
        ge=0,
        le=1_000,
    )
    effort_musd_per_year: float = param(
        0.3,
        "million USD/year",
        "Staff time a member gives the initiative (committees, working groups), in money; "
        "curating data for the platform is paid apart (shared_measurement).",
        assumption="about one full-time equivalent at loaded cost; time-use reports of "
        "consortium members would inform it",
        ge=0,
        le=1_000,
    )
    nonprofit_budget_musd_per_year: float = param(
        1.0,
        "million USD/year",
        "Most a non-profit member (academic centre, payer, provider, patient organisation) "
        "can spend on the initiative a year (fee, staff time, data curation and the "
        "meetings it expects); it joins for its mission when membership fits.",
        assumption="about three full-time equivalents of staff at loaded cost, the scale of "
        "a hospital's or university's commitment to one major network; budgets of "
        "hospital and university partnership offices would inform it (prior range 0.3-3)",
        ge=0,
        le=1_000,
    )
    commitment_years: float = param(
        3.0,
        "years",
        "Years of fees and effort a firm weighs against what membership adds to the value "
        "of its programmes (the term of a membership agreement).",
        assumption="consortium agreements commonly run three to five years; membership "
        "agreements would inform it",
        gt=0,
        le=50,
    )
