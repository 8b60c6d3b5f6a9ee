"""What a programme costs its owner now, and what it is worth to a firm.

A firm values a programme by risk-adjusted NPV, from its own point of view::

    rNPV = P(approval) x d(T) x margin x own share of sales x (1 - royalty owed)
           x sales PV at launch  -  sum over phases j of P(reach j) x d(t_j) x cost_j

- P from the firm's beliefs (:mod:`ecosim.beliefs`), phase by phase from the current one;
- t_j, T from the remaining time of the current phase, the nominal durations of the
  later ones and the mean pause between phases; ``d`` discounts at the firm's cost of
  capital (``valuation``);
- cost_j: what is left of the current phase, then each later phase's cost (smaller for
  an enriched trial), times the firm's share of costs;
- margin: ``1 - firms.commercial_cost_share``;
- sales PV at launch: peak yearly sales x the discounted uptake of the firm's sales force
  over the product's life (less after loss of exclusivity); peak sales are the market's
  addressable patients x (expected home revenue per patient under the payers' rules and
  testing + rest-of-world patients x list price) x the expected order-of-entry share
  (:mod:`ecosim.outlook`).

These are estimates for decisions; they move no money (:mod:`ecosim.development`
charges the actual costs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ecosim import outlook as market_outlook
from ecosim.perspectives import Perspective, discount, perspective, phase_costs
from ecosim.pipeline import Phase
from ecosim.units import HALF, QUARTERS_PER_YEAR, USD_PER_MUSD

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = [
    "Candidates",
    "Prospects",
    "candidates",
    "net_value",
    "new_programmes",
    "peak_sales",
    "prospects",
    "quarterly_burn",
    "quarterly_cost",
    "seller_value",
    "value",
]

_REVIEW = int(Phase.REVIEW)


def quarterly_cost(m: EcosystemModel, ids: np.ndarray, partner_share: bool = False) -> np.ndarray:
    """Cost of each programme to its owner this quarter (million USD).

    Nothing while pausing or queued for review; the owner's share when a firm
    co-develops it, or with ``partner_share`` the co-developing partner's share.
    """
    p = m.programmes
    phase = p.phase[ids]
    cost = p.phase_cost[ids] / m.phase_tables["duration"][np.minimum(phase, _REVIEW)]
    running = (p.gap[ids] <= 0) & ((phase != _REVIEW) | (p.enrolled[ids] >= 1))
    partner = p.partner[ids]
    co_dev = (partner >= 0) & m.is_firm[partner]  # partner -1 is masked by the first test
    partner_part = m.params.partnering.co_development_share * co_dev
    share = partner_part if partner_share else 1.0 - partner_part
    return cost * share * running


def quarterly_burn(m: EcosystemModel, ids: np.ndarray) -> float:
    """The sum of :func:`quarterly_cost` over ``ids``, added in order (million USD).

    A biotech holds a few programmes and asks every quarter: a plain loop is several times
    faster than array operations on so few elements.
    """
    p = m.programmes
    durations = m.phase_tables["duration"]
    share = m.params.partnering.co_development_share
    total = 0.0
    for pid in ids.tolist():
        phase = int(p.phase[pid])
        if p.gap[pid] > 0 or (phase == _REVIEW and p.enrolled[pid] < 1):
            continue  # pausing or queued: costs nothing this quarter (adds 0.0)
        cost = float(p.phase_cost[pid]) / float(durations[min(phase, _REVIEW)])
        partner = int(p.partner[pid])
        total += cost * (1.0 - share) if partner >= 0 and m.is_firm[partner] else cost
    return total


@dataclass
class Candidates:
    """Programmes, real or imagined, as a valuation sees them (one entry each).

    Value them right away: their expected peak sales are kept for the valuations that
    follow (from other perspectives), not recomputed.

    Attributes:
        precision, subtype, strength: kind, market and biomarker strength.
        phase: the phase the valuation starts from.
        left: quarters left in that phase (its pause included).
        cost_now: what is left to pay of that phase (million USD, all partners).
        visibility: the programme's own weight in the competitors' pipeline as an
            outsider sees it (0 if new).
        member_visibility: the same as a member of the initiative sees it.
    """

    precision: np.ndarray
    subtype: np.ndarray
    strength: np.ndarray
    phase: np.ndarray
    left: np.ndarray
    cost_now: np.ndarray
    visibility: np.ndarray
    member_visibility: np.ndarray
    peak: dict[bool, np.ndarray] = field(default_factory=dict, repr=False, compare=False)


def candidates(m: EcosystemModel, ids: np.ndarray, gate: int | None = None) -> Candidates:
    """Programmes ``ids`` now, or at the start of phase ``gate`` (a phase gate)."""
    p, tab = m.programmes, m.phase_tables
    ids = np.asarray(ids, dtype=np.int64)
    precision = p.precision[ids]
    gap = m.params.pipeline.gap_years * QUARTERS_PER_YEAR
    if gate is not None:
        ph = np.full(len(ids), min(gate, int(Phase.REVIEW)), dtype=np.int64)
        left = np.full(len(ids), tab["duration"][ph[0]] + gap)
        cost_now = phase_costs(m)[precision.astype(np.int64), ph[0]]
    else:
        ph = np.minimum(p.phase[ids], Phase.REVIEW)
        done = np.minimum(p.t_in_phase[ids] / tab["duration"][ph], 1.0)
        left = np.maximum(p.planned[ids] - p.t_in_phase[ids], 0.0) + np.maximum(p.gap[ids], 0)
        cost_now = p.phase_cost[ids] * (1.0 - done)
    to_approval = m.track_record.public_approval()
    kind = precision.astype(np.int64)
    now = p.phase[ids]
    chance = np.where(now < Phase.APPROVED, to_approval[kind, np.minimum(now, Phase.REVIEW)], 0.0)
    seen = [  # by an outsider, by a member
        np.where(now >= Phase.PHASE1, 1.0, market_outlook.early_shown(m, p.owner[ids], member))
        * chance
        for member in (False, True)
    ]
    return Candidates(precision, p.subtype[ids], p.strength[ids], ph, left, cost_now, *seen)


def new_programmes(
    m: EcosystemModel,
    precision: np.ndarray,
    subtype: np.ndarray,
    strength: np.ndarray,
    phase: int = Phase.DISCOVERY,
) -> Candidates:
    """Programmes that would start in ``phase`` (default discovery) on the given markets."""
    n = len(subtype)
    ph = np.full(n, int(phase), dtype=np.int64)
    gap = m.params.pipeline.gap_years * QUARTERS_PER_YEAR
    left = np.full(n, m.phase_tables["duration"][phase] + gap)
    cost_now = phase_costs(m)[precision.astype(np.int64), phase]
    return Candidates(precision, subtype, strength, ph, left, cost_now, np.zeros(n), np.zeros(n))


def peak_sales(m: EcosystemModel, c: Candidates, member: bool = False) -> np.ndarray:
    """Expected peak yearly sales (million USD, world) of candidates reaching the market.

    ``member``: as a member of the initiative sees the competitors (it sees members' early
    programmes), or as an outsider.
    """
    member = market_outlook.sees_members(m, member)
    if member not in c.peak:
        c.peak[member] = _peak_sales(m, c, member)
    return c.peak[member]


def _peak_sales(m: EcosystemModel, c: Candidates, member: bool) -> np.ndarray:
    view = market_outlook.outlook(m)
    kind = c.precision.astype(np.int64)
    share = market_outlook.expected_share(
        market_outlook.competitors(m, member),
        kind,
        c.subtype,
        c.phase,
        c.member_visibility if member else c.visibility,
        m.params.market.order_of_entry_exponent,
    )
    per_patient = (
        view.domestic_value(kind, c.strength, c.subtype) + view.world_patients[kind] * view.price
    )
    return view.addressable[kind, c.subtype] * per_patient * share / USD_PER_MUSD


@dataclass(frozen=True)
class Prospects:
    """What a valuation expects of candidates, from one perspective (all per candidate).

    Attributes:
        cost_pv: present value of the remaining costs (million USD, all partners).
        approval: chance of approval.
        launch: discount factor of the approval date.
        sales_pv: present value of the sales (million USD, world, before any split).
        events_pv: present value of one dollar paid at each later phase start and at
            approval (the milestone events).
        events: number of those events.
    """

    cost_pv: np.ndarray
    approval: np.ndarray
    launch: np.ndarray
    sales_pv: np.ndarray
    events_pv: np.ndarray
    events: np.ndarray


def prospects(m: EcosystemModel, who: int | Perspective, c: Candidates) -> Prospects:
    """Costs, chances, dates and sales of candidates as ``who`` sees them.

    The later phases come from the perspective's tables (:mod:`ecosim.perspectives`),
    discounted by the time ``left`` until the end of the current phase.
    """
    view = perspective(m, who) if isinstance(who, (int, np.integer)) else who
    kind = c.precision.astype(np.int64)
    ahead = discount(view.rate, c.left)  # the end of the current phase
    cost_pv = c.cost_now * discount(view.rate, c.left * HALF)
    cost_pv = cost_pv + ahead * view.later_cost[kind, c.phase]
    approval = view.approval[kind, c.phase]
    launch = ahead * view.to_launch[c.phase]
    member = isinstance(who, (int, np.integer)) and bool(m.initiative.member[who])
    sales_pv = approval * launch * peak_sales(m, c, member) / QUARTERS_PER_YEAR * view.sales
    events_pv = ahead * view.later_events[kind, c.phase] + approval * launch
    events = len(view.to_launch) - c.phase
    return Prospects(cost_pv, approval, launch, sales_pv, events_pv, events)


def value(
    m: EcosystemModel,
    who: int | Perspective,
    c: Candidates,
    cost_share: np.ndarray | float = 1.0,
    sales_share: np.ndarray | float = 1.0,
    royalty: np.ndarray | float = 0.0,
) -> np.ndarray:
    """Risk-adjusted NPV of candidates to ``who`` (million USD).

    Args:
        m: the model.
        who: the valuing firm (its own :func:`perspective`) or a perspective.
        c: the programmes (:func:`candidates`, :func:`new_programmes`).
        cost_share: the firm's share of their remaining costs.
        sales_share: the firm's share of their sales.
        royalty: royalty the firm would owe on sales.
    """
    return net_value(m, prospects(m, who, c), cost_share, sales_share, royalty)


def net_value(
    m: EcosystemModel,
    pr: Prospects,
    cost_share: np.ndarray | float = 1.0,
    sales_share: np.ndarray | float = 1.0,
    royalty: np.ndarray | float = 0.0,
) -> np.ndarray:
    """RNPV from prospects: the margin on a share of sales net of royalty, less costs."""
    margin = 1.0 - m.params.firms.commercial_cost_share
    revenue = pr.sales_pv * np.asarray(sales_share) * (margin - np.asarray(royalty))
    return revenue - np.asarray(cost_share) * pr.cost_pv


def seller_value(m: EcosystemModel, own: np.ndarray, buyer: np.ndarray) -> np.ndarray:
    """A seller's value with the option to sell: ``own + power x max(0, buyer - own)``.

    What Nash bargaining (``bargaining.seller_power``) would give a seller whose outside
    option is developing the programme itself.
    """
    return own + m.params.bargaining.seller_power * np.maximum(buyer - own, 0.0)
