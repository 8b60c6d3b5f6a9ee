"""Deal terms by Nash bargaining over a programme's value.

A deal moves a programme (a licence, an acquisition) or a share of it (a co-development)
from a seller to a buyer. Each side values what it gives and gets with its own
valuation (:mod:`ecosim.valuation`): the seller's outside option ``V_s`` is keeping
the programme (or its share), the buyer's ``V_b`` is what it gains; the buyer's own
outside option ``K_b`` is what it would keep from its best other deal (other assets
compete for its attention, so the more sellers, the less each gets). The surplus
``V_b - max(V_s, 0) - K_b - bargaining.deal_cost_musd`` must be positive (a seller can
always stop instead) or the negotiation fails ("no surplus"). The seller receives the
present value

    X = max(V_s, 0) + bargaining.seller_power x surplus

paid as:

- an **upfront** payment: ``bargaining.sure_share`` of X (a seller holding one asset
  cannot diversify its risk and wants part of the price for certain), more if it needs
  cash now (to cover ``bargaining.runway_years`` of its burn); never more than X.
  The buyer must afford it with its share of the next year's costs (its headroom), or
  the negotiation fails ("budget");
- the contingent rest, which the buyer prefers (it keeps its budget and pays only for
  success): equal **milestones** at each later phase start and at approval, and a
  **royalty** on sales that balances the present value left against the buyer's
  expected sales. Each milestone event takes ``bargaining.milestone_share`` of what is
  still contingent (a seller wants cash at each point where the asset's risk falls),
  so milestones carry ``1 - (1 - milestone_share)^events`` of the rest: more in an
  early deal with many events ahead, less in a late one, whose royalty is higher.
  Where the IP regime allows no royalties, milestones carry all of it.

Deal value (the headline) is upfront plus milestones, as deal databases count it.
Trust still decides whether agreed terms are signed (the trust rule's agreement
probability; "trust"), and a person playing one side may refuse them ("declined", the
participatory mode). Every negotiation is a row of :class:`DealLog`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ecosim.columns import ColumnStore
from ecosim.units import HALF, QUARTERS_PER_YEAR, TINY
from ecosim.valuation import Candidates, net_value, prospects

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["DEAL_KINDS", "OUTCOMES", "DealLog", "Terms", "cash_need", "sign", "split_value"]

OUTCOMES = ("agreed", "no_surplus", "budget", "trust", "declined")
"""How a negotiation ended, by code."""

DEAL_KINDS = (
    "licence",
    "co_development",
    "acquisition",
    "academic_licence",
    "academic_collaboration",
)
"""Kinds of deal, by code."""


@dataclass(frozen=True)
class Terms:
    """Agreed terms (million USD; royalty as a share of sales)."""

    upfront: float
    milestone: float
    events: int
    royalty: float
    seller_value: float
    buyer_value: float
    price: float
    """Present value the seller receives (million USD)."""

    @property
    def headline(self) -> float:
        """Deal value as deal databases count it: upfront plus every milestone."""
        return self.upfront + self.milestone * self.events


class DealLog(ColumnStore):
    """Every negotiation of a run: who, what, at which phase, the terms and the outcome."""

    COLUMNS = {
        **{
            name: (np.int64, -1, 0)
            for name in ("step", "kind", "programme", "seller", "buyer", "phase", "outcome")
        },
        **{
            name: (np.float64, 0.0, 0)
            for name in (
                "upfront_musd",
                "milestones_musd",
                "royalty",
                "seller_value_musd",
                "buyer_value_musd",
            )
        },
    }

    def add(
        self, m: EcosystemModel, kind: str, pid: int, seller: int, buyer: int, outcome: str
    ) -> int:
        """Log a negotiation; return its row."""
        i = self._new_row()
        self.step[i], self.kind[i], self.programme[i] = m.steps, DEAL_KINDS.index(kind), pid
        self.seller[i], self.buyer[i], self.outcome[i] = seller, buyer, OUTCOMES.index(outcome)
        self.phase[i] = int(m.programmes.phase[pid]) if pid >= 0 else -1
        return i

    def set_terms(self, i: int, t: Terms) -> None:
        """Record the terms of negotiation ``i``."""
        self.upfront_musd[i], self.milestones_musd[i] = t.upfront, t.milestone * t.events
        self.royalty[i] = t.royalty
        self.seller_value_musd[i], self.buyer_value_musd[i] = t.seller_value, t.buyer_value


def cash_need(m: EcosystemModel, seller: int, burn: float) -> float:
    """Cash the seller wants now to cover ``bargaining.runway_years`` of ``burn``."""
    if not m.is_firm[seller]:
        return 0.0
    years = m.params.bargaining.runway_years
    return max(0.0, years * QUARTERS_PER_YEAR * burn - float(m.cash[seller]))


def split_value(
    m: EcosystemModel,
    c: Candidates,
    seller_keeps: float,
    buyer: int,
    buyer_cost: float,
    buyer_sales: float,
    need: float,
    royalties: bool,
    buyer_keeps: float = 0.0,
) -> Terms | None:
    """Terms of a deal on one programme, or None when there is no surplus.

    Args:
        m: the model.
        c: the programme as a candidate (one entry).
        seller_keeps: the seller's value of what it gives up (its outside option).
        buyer: the buying firm.
        buyer_cost: the buyer's share of the remaining costs after the deal.
        buyer_sales: the buyer's share of sales after the deal.
        need: the seller's cash need (:func:`cash_need`).
        royalties: whether the IP regime lets the seller take a royalty.
        buyer_keeps: the buyer's outside option: what it would keep from its best other
            deal (0: none).
    """
    b = m.params.bargaining
    pr = prospects(m, buyer, c)
    gain = float(net_value(m, pr, buyer_cost, buyer_sales)[0])
    outside = max(seller_keeps, 0.0)  # a seller can always stop instead
    surplus = gain - outside - max(buyer_keeps, 0.0) - b.deal_cost_musd
    if surplus <= 0:
        return None
    x = outside + b.seller_power * surplus
    upfront = min(x, max(need, b.sure_share * x))
    rest = x - upfront
    events = int(pr.events[0])
    sales = float(pr.sales_pv[0]) * buyer_sales
    # each milestone event takes its share of what is still contingent; royalties the rest
    kept = np.power(1.0 - b.milestone_share, events)
    to_milestones = 1.0 - kept if royalties and sales > TINY else 1.0
    milestone = rest * to_milestones / max(float(pr.events_pv[0]), TINY)
    royalty = rest * (1.0 - to_milestones) / sales if sales > TINY else 0.0
    royalty = min(royalty, m.params.bargaining.max_royalty)
    return Terms(upfront, milestone, events, royalty, seller_keeps, gain, x)


def sign(m: EcosystemModel, a: int, b: int) -> bool:
    """Whether two parties who agreed terms sign them (the trust rule's probability)."""
    trust = HALF * (m.trust[a, b] + m.trust[b, a])
    return bool(m.rng.random() < m.trust_rule.agreement_probability(trust))
