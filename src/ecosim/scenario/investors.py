"""Section of the venture investors who fund and found biotech firms."""

from __future__ import annotations

from ecosim.parameters import Section, param

__all__ = ["Investors"]


class Investors(Section):
    """Venture funds with finite capital that flows in with past returns.

    The agents are :mod:`ecosim.agents.investor`.

    Limited partners commit ``commitments_musd_per_year`` a year across the funds at the
    reference multiple, more or less as the funds' realised multiple (distributions over
    paid-in capital, trailing ``return_window_years``) is above or below it.
    """

    funds: int = param(
        5,
        "funds",
        "Venture funds investing in the ecosystem's biotechs.",
        assumption="a handful of specialist oncology investors per country; venture "
        "databases would inform it",
        ge=1,
        le=100,
    )
    initial_capital_musd: float = param(
        790,
        "million USD",
        "Uninvested capital (dry powder) of each fund at the start.",
        assumption="a few years of deployment; fund sizes of life-science venture funds "
        "would inform it",
        ge=0,
        le=100_000,
    )
    commitments_musd_per_year: float = param(
        1_500,
        "million USD/year",
        "New capital limited partners commit to all the funds together in a year, at "
        "the reference multiple.",
        assumption="the oncology share of biotech venture funding in this ecosystem's "
        "slice of the world (world oncology venture funding is of the order of 10 bn "
        "USD a year); tuned so that the siloed baseline's biotech population is stationary",
        ge=0,
        le=1_000_000,
    )
    reference_multiple: float = param(
        1.5,
        "ratio",
        "Realised multiple (distributions over paid-in capital) at which commitments are "
        "at their base level.",
        source="Cambridge Associates, US venture capital benchmarks: median fund "
        "multiples of about 1.5-2x.",
        gt=0,
        le=20,
    )
    flow_elasticity: float = param(
        0.5,
        "elasticity",
        "Elasticity of commitments with respect to the realised multiple.",
        assumption="fundraising follows past returns, less than proportionally (Gompers "
        "and Lerner 1998; Kaplan and Schoar 2005, J Finance 60:1791, find a concave "
        "flow-performance relation); their estimates would inform it. At 1.0 the baseline's "
        "biotech population drifts up by 14 % from year 30 to 60; at 0.5 it is stationary",
        ge=0,
        le=10,
    )
    prior_years: float = param(
        3.0,
        "years",
        "Weight of the reference multiple in the realised multiple, in years of "
        "investment at the base rate (before there is a record).",
        assumption="limited partners judge new funds by the industry record; a smoothing choice",
        ge=0,
        le=100,
    )
    return_window_years: float = param(
        8.0,
        "years",
        "Window over which limited partners measure the funds' multiple.",
        assumption="a venture fund's investment and harvest horizon; limited partners' "
        "evaluation practice would inform it",
        gt=0,
        le=50,
    )
    deployment_per_year: float = param(
        0.3,
        "fraction per year",
        "Share of its dry powder a fund invests in a year (follow-on rounds first, then "
        "new companies).",
        assumption="funds invest over three to four years; fund-deployment data would inform it",
        ge=0,
        le=1,
    )
    foundings_per_year: float = param(
        4.0,
        "companies/year",
        "Most new biotechs a fund can found in a year (its partners' capacity to build "
        "companies and sit on their boards).",
        assumption="venture firms form a few new companies a year each; venture "
        "databases would inform it; binds only when seed capital is cheap",
        ge=0,
        le=20,
    )
    discount_rate: float = param(
        0.25,
        "per year",
        "Rate at which investors discount a biotech's pipeline when pricing a round.",
        source="Venture hurdle rates for early-stage life-science companies: 25-40 % "
        "(e.g. Villiger and Bogdan 2005, Nat Biotechnol 23:423).",
        ge=0,
        le=2,
    )
    distribution_years: float = param(
        3.0,
        "years of burn",
        "A biotech returns to its investors the cash beyond this many years of its burn.",
        assumption="firms return cash they cannot use (dividends, buy-backs, sales of "
        "shares); company finance practice would inform it",
        ge=0,
        le=50,
    )
