"""Sections of partnering: choosing partners, the life of partnerships, consortia."""

from __future__ import annotations

from ecosim.parameters import Section, param

__all__ = ["Bargaining", "Consortia", "Partnering", "Partnerships"]


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


class Partnerships(Section):
    """The life of a bilateral partnership: what partners deliver and see, fixed terms."""

    culture_friction: float = param(
        0.5,
        "ratio",
        "Extra relative noise with which partners from different sectors see each other's "
        "contribution.",
        assumption="cross-sector alliances misread each other's work and fail more often; "
        "studies of academic-industry collaboration would inform it",
        ge=0,
        le=10,
    )
    capacity_pharma: float = param(
        15.0,
        "partnerships",
        "Active partnerships a pharma firm can give full effort to; beyond it, each gets "
        "capacity / active of what was agreed.",
        assumption="the alliance-management staff of one firm of the model (a tenth of the "
        "large firms); the siloed baseline runs up to 14 at once; counts of alliances per "
        "alliance manager (Dyer, Kale and Singh 2001) would inform it",
        ge=0,
        le=10_000,
    )
    capacity_biotech: float = param(
        4.0,
        "partnerships",
        "Active partnerships a biotech firm can give full effort to.",
        assumption="a small firm's management; the siloed baseline runs up to 4 at once; "
        "staff counts of biotech firms would inform it",
        ge=0,
        le=10_000,
    )
    capacity_academia: float = param(
        6.0,
        "partnerships",
        "Active partnerships an academic centre can give full effort to (its trial units "
        "and investigators).",
        assumption="the siloed baseline runs up to 6 at once; the number of industry "
        "trials an academic centre runs at once would inform it",
        ge=0,
        le=10_000,
    )
    capacity_other: float = param(
        10.0,
        "partnerships",
        "Active partnerships any other organisation (payer, provider, patient "
        "organisation) can give full effort to.",
        assumption="payers hold a few outcome-based agreements at once; the number of "
        "managed-entry agreements per payer would inform it",
        ge=0,
        le=10_000,
    )
    rival_holdback: float = param(
        0.3,
        "fraction",
        "Share of its effort a firm holds back from a partner's programme when it owns "
        "another active programme in the same subtype.",
        assumption="partners who compete in the same market protect what they know "
        "(Khanna, Gulati and Nohria 1998; Oxley and Sampson 2004); effort data from "
        "alliances between rivals would inform it",
        ge=0,
        le=1,
    )
    proprietary_share: float = param(
        0.2,
        "fraction",
        "Share of what a firm brings to a partnership that is proprietary (know-how, data, "
        "materials); it withholds that share when the IP terms leave others free to use "
        "it (joint ownership without an agreed framework, or results that go to a "
        "commons).",
        assumption="appropriability hazards make partners protect what they bring "
        "(Pisano 1989; Oxley 1997); surveys of know-how withheld in alliances would "
        "inform it (prior range 0-0.5)",
        ge=0,
        le=1,
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


class Bargaining(Section):
    """How two firms split the value of a deal (Nash bargaining, :mod:`ecosim.bargaining`)."""

    seller_power: float = param(
        0.622,
        "fraction",
        "Share of a deal's surplus over the seller's outside option that the seller "
        "receives (Nash bargaining power).",
        assumption="licensors with few rival bidders get less than half; posterior median "
        "of calibration/baseline.yaml (C11, C12; the targets barely constrain it)",
        ge=0,
        le=1,
    )
    deal_cost_musd: float = param(
        2.0,
        "million USD",
        "Cost of doing a deal (due diligence, legal work), borne by the buyer.",
        assumption="transaction costs of licensing deals; surveys of business "
        "development costs would inform it",
        ge=0,
        le=1_000,
    )
    runway_years: float = param(
        2.0,
        "years",
        "Runway a seller wants the upfront payment to secure (at its burn without the "
        "programme it sells).",
        assumption="biotechs raise or partner for about two years of cash; financing "
        "surveys would inform it",
        ge=0,
        le=20,
    )
    sure_share: float = param(
        0.24,
        "fraction",
        "Least share of the price (present value) a seller takes in cash at signing.",
        assumption="a seller with one asset cannot diversify its risk; posterior "
        "median of calibration/baseline.yaml (C11; the targets barely constrain it)",
        ge=0,
        le=1,
    )
    max_royalty: float = param(
        0.5,
        "fraction of sales",
        "Highest royalty a licence can carry; a seller whose price would need more takes less.",
        assumption="a licensee keeps a margin on what it sells; binds only for deals with "
        "little sales; royalty distributions in licensing databases would inform it",
        gt=0,
        le=1,
    )
    milestone_share: float = param(
        0.13,
        "fraction per event",
        "Share of the still-contingent value of a deal paid at each milestone event (a "
        "later phase start, approval); the value left after the last event is paid as a "
        "royalty on sales.",
        assumption="sellers want cash where an asset's risk falls; tuned so that upfront "
        "shares and royalty rates by stage meet the deal data (C11, C12; 0.15 until the "
        "payers of issue 12 differed, when C12b fell to 0.087)",
        ge=0,
        le=1,
    )
