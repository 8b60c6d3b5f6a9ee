"""Portfolio decisions: which programmes a firm starts, continues, stops and pays for.

Every decision reads the firm's own valuation (:func:`worth`, risk-adjusted NPV of its
share; :mod:`ecosim.valuation`):

- **Gate** (:func:`gate`): a programme that completed a phase enters the next only if
  its owner values it positively at the start of that phase (otherwise it stops,
  ``no_go``) and, for a pharma firm, the next phase's first year fits its headroom
  (otherwise it stops for budget, ``strategic``).
- **Yearly review** (:func:`review`): programmes worth less than nothing to their owner
  stop (``no_go``); a pharma firm leaves co-developments worth less than nothing to it.
- **Allocation** (:func:`allocate`): when a quarter's planned spend (own programmes and
  shares of co-developments) exceeds the firm's cash, the programmes with the least
  value per dollar spent this quarter stop (``strategic``) or are left (co-developments)
  until it fits.
- **Out-licensing** (:func:`stop`): before a pharma firm stops a programme (at a gate,
  a review or for budget) it offers it to the pharma firm that values it most
  (:meth:`ecosim.deals.Deals.out_license`).
- **Waiting** (:func:`waiting_value`): a seller's alternative to a deal now is to develop
  through the phase and deal then.
- **Headroom** (:func:`headroom`): what a firm can commit to new work: a pharma firm's
  cash plus a year's budget less a year of planned spend; a biotech's cash less its
  planned spend over its runway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.partnerships import PartnershipEnd
from ecosim.perspectives import discount, perspective, typical_buyer
from ecosim.pipeline import EndReason, Phase
from ecosim.sectors import Sector
from ecosim.units import HALF, QUARTERS_PER_YEAR, TINY
from ecosim.valuation import (
    candidates,
    net_value,
    prospects,
    quarterly_cost,
    seller_value,
    value,
)

if TYPE_CHECKING:
    from ecosim.agents.firm import Firm
    from ecosim.model import EcosystemModel

__all__ = [
    "allocate",
    "co_developed",
    "gate",
    "headroom",
    "outside_option",
    "planned_spend",
    "review",
    "stop",
    "waiting_value",
    "worth",
]


def terms_of(m: EcosystemModel, firm: int, ids: np.ndarray):
    """The firm's share of costs and of sales of programmes, and the royalty they owe."""
    p = m.programmes
    share = m.params.partnering.co_development_share
    partner = p.partner[ids]
    co_dev = (partner >= 0) & m.is_firm[np.maximum(partner, 0)]
    owned = p.owner[ids] == firm
    part = np.where(owned, np.where(co_dev, 1.0 - share, 1.0), share)
    royalty = np.where(p.licensor[ids] >= 0, p.royalty[ids], 0.0)
    return part, part, royalty


def worth(m: EcosystemModel, firm: int, ids: np.ndarray, gate: int | None = None) -> np.ndarray:
    """What programmes are worth to ``firm`` given its share (million USD).

    A biotech can always sell: its programmes are worth its own value plus its
    bargaining share of what a large buyer would add (:func:`seller_value`).
    """
    ids = np.asarray(ids, dtype=np.int64)
    if len(ids) == 0:
        return np.zeros(0)
    cost, sales, royalty = terms_of(m, firm, ids)
    c = candidates(m, ids, gate)
    own = value(m, firm, c, cost, sales, royalty)
    if _is_pharma(m, firm):
        return own
    return seller_value(m, own, value(m, typical_buyer(m), c, cost, sales, royalty))


def waiting_value(m: EcosystemModel, firm: int, pid: int) -> float:
    """What ``firm`` expects from developing ``pid`` through its phase and dealing then.

    Its chance that the phase succeeds, discounted to the phase's end, times the
    programme's worth at the next gate with the option to sell (:func:`worth`), less its
    share of what is left to pay of the phase. Minus infinity when its cash does not
    cover that share and its overhead until then (it cannot wait), or when buyers do not
    look at assets past the next gate (``PHASE2``, :mod:`ecosim.deals`).
    """
    p = m.programmes
    phase = int(p.phase[pid])
    if phase + 1 > Phase.PHASE2:
        return -np.inf
    ids = np.array([pid])
    c = candidates(m, ids)
    cost, _, _ = terms_of(m, firm, ids)
    left = float(c.left[0])
    pay = float(c.cost_now[0] * cost[0])
    overhead = 0.0 if _is_pharma(m, firm) else m.params.firms.biotech_overhead_musd_per_year
    if m.cash[firm] < pay + overhead * left / QUARTERS_PER_YEAR:
        return -np.inf
    view = perspective(m, firm)
    chance = float(view.belief[int(p.precision[pid]), phase])
    later = float(worth(m, firm, ids, gate=phase + 1)[0])
    return chance * float(discount(view.rate, left)) * later - pay * float(
        discount(view.rate, left * HALF)
    )


def outside_option(m: EcosystemModel, firm: int, pid: int) -> float:
    """What ``firm`` can make of ``pid`` without a deal, given what it can finance.

    Its own value of developing the programme to the market if its cash covers its
    share of every cost to come (as planned now), otherwise the value of developing
    through the current phase and dealing then (:func:`waiting_value`) if its cash
    covers that, otherwise nothing: a firm that cannot pay for the work stops it.
    """
    ids = np.array([pid])
    c = candidates(m, ids)
    cost, sales, royalty = terms_of(m, firm, ids)
    pr = prospects(m, firm, c)
    best = max(0.0, waiting_value(m, firm, pid))
    if m.cash[firm] >= float(pr.cost_pv[0] * cost[0]):
        best = max(best, float(net_value(m, pr, cost, sales, royalty)[0]))
    return best


def co_developed(m: EcosystemModel, firm: int) -> np.ndarray:
    """Programmes of other owners that ``firm`` co-develops (it pays a share)."""
    p = m.programmes
    act = p.active_ids()
    return act[(p.partner[act] == firm) & (p.owner[act] != firm)]


def planned_spend(m: EcosystemModel, firm: int) -> float:
    """What the firm pays this quarter for its programmes and co-developments (million USD)."""
    own = m.programmes.active_of(firm)
    total = float(quarterly_cost(m, own).sum()) if len(own) else 0.0
    shared = co_developed(m, firm)
    if len(shared):
        total += float(quarterly_cost(m, shared, partner_share=True).sum())
    return total


def _is_pharma(m: EcosystemModel, firm: int) -> bool:
    return bool(m.sector_code[firm] == m.SECTOR_CODES[Sector.pharma])


def headroom(m: EcosystemModel, org: Firm) -> float:
    """Money the firm can commit to new work over the next year (million USD)."""
    spend = planned_spend(m, org.idx)
    if _is_pharma(m, org.idx):
        return org.cash + org.rd_budget - spend * QUARTERS_PER_YEAR
    runway = m.params.firms.biotech_runway_years * QUARTERS_PER_YEAR
    return org.cash - spend * runway


def gate(m: EcosystemModel, ids: np.ndarray, phase: int) -> np.ndarray:
    """Owners decide whether programmes ``ids`` enter ``phase``; return those that do."""
    p = m.programmes
    go = np.ones(len(ids), dtype=bool)
    budget = np.zeros(len(ids), dtype=bool)
    owners = p.owner[ids]
    for owner in np.unique(owners).tolist():
        mine = owners == owner
        go[mine] = worth(m, owner, ids[mine], gate=phase) > 0
        if _is_pharma(m, owner):
            first_year = _first_year_cost(m, ids[mine], phase)
            room = headroom(m, m.org(owner)) - np.cumsum(first_year * go[mine])
            budget[mine] = go[mine] & (room < 0)
    placed = stop(m, ids[~go], EndReason.no_go, phase)
    placed = np.concatenate([placed, stop(m, ids[budget], EndReason.strategic, phase)])
    return np.sort(np.concatenate([ids[go & ~budget], placed]))


def stop(m: EcosystemModel, ids: np.ndarray, reason: EndReason, gate: int | None = None):
    """Stop programmes; a pharma owner first out-licenses what another firm values.

    Returns the programmes that went to another firm instead
    (:meth:`ecosim.deals.Deals.out_license`; ``gate``: they are about to enter that phase).
    """
    ids = np.asarray(ids, dtype=np.int64)
    placed = []
    owners = m.programmes.owner[ids]
    for owner in np.unique(owners).tolist():
        mine = ids[owners == owner]
        if _is_pharma(m, owner):
            left = m.deals.out_license(owner, mine, gate)
            placed.append(np.setdiff1d(mine, left))
            mine = left
        m.end_programmes(mine, reason)
    return np.concatenate(placed) if placed else np.zeros(0, dtype=np.int64)


def _first_year_cost(m: EcosystemModel, ids: np.ndarray, phase: int) -> np.ndarray:
    """Cost of a phase's first year to the owner (million USD)."""
    tab = m.phase_tables
    years = tab["duration"][phase] / QUARTERS_PER_YEAR
    cost, _, _ = terms_of(m, int(m.programmes.owner[ids[0]]), ids)
    return tab["cost"][phase] / max(years, TINY) * np.minimum(years, 1.0) * cost


def review(m: EcosystemModel, org: Firm) -> None:
    """Stop own programmes worth less than nothing; leave such co-developments."""
    p = m.programmes
    own = org.active_programmes()
    own = own[p.phase[own] < Phase.REVIEW]  # a submission is nearly done
    if len(own):
        stop(m, own[worth(m, org.idx, own) < 0], EndReason.no_go)
    shared = co_developed(m, org.idx)
    if len(shared):
        leave(m, shared[worth(m, org.idx, shared) < 0])


def leave(m: EcosystemModel, ids: np.ndarray) -> None:
    """The co-developing partners of ``ids`` withdraw; owners carry on alone."""
    for pid in np.asarray(ids, dtype=np.int64).tolist():
        m.partnerships.end_for_programmes(np.array([pid]), PartnershipEnd.strategic)
        m.programmes.set_partner(pid, -1)


def allocate(m: EcosystemModel, org: Firm) -> None:
    """Stop (or leave) the least valuable spending until this quarter's plan fits the cash."""
    p = m.programmes
    own = org.active_programmes()
    shared = co_developed(m, org.idx)
    ids = np.concatenate([own, shared]).astype(np.int64)
    if len(ids) == 0:
        return
    spend = np.concatenate([quarterly_cost(m, own), quarterly_cost(m, shared, partner_share=True)])
    cash = max(org.cash, 0.0)
    total = float(spend.sum())
    if total <= cash:
        return
    density = worth(m, org.idx, ids) / np.maximum(spend, TINY)
    ending, drop = [], []
    for k in np.argsort(density, kind="stable").tolist():
        if total <= cash:
            break
        # stopping a pausing programme saves nothing now; a submission is nearly done
        if spend[k] <= 0 or p.phase[ids[k]] == Phase.REVIEW:
            continue
        (ending if k < len(own) else drop).append(int(ids[k]))
        total -= float(spend[k])
    stop(m, np.array(ending, dtype=np.int64), EndReason.strategic)
    leave(m, np.array(drop, dtype=np.int64))
