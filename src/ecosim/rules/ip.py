"""Intellectual-property regimes: who owns a discovery and what a deal costs.

- *exclusive*: the discoverer owns it and licenses it to one firm; no spill-over.
- *shared*: partners own results jointly by contribution; without a framework agreed up
  front, disputes arise with a set probability each quarter.
- *open* (pre-competitive): discoveries go to a commons that every firm can use; private
  appropriation is weaker, so firms expect less value from a programme.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecosim.scenario import IP, IPRegime

__all__ = ["DealTerms", "appropriability", "deal_terms", "dispute_probability"]

ACADEMIC_ROYALTY_FACTOR = 0.5
"""University royalties relative to firm-to-firm royalties (about 3 % vs 4.5-8 % of
sales in the deal data)."""

MILESTONE_MULTIPLE = 2.0
"""Milestone payment (paid at approval) as a multiple of the upfront payment."""

COMMUNICATION_DISPUTE_CUT = 0.7
"""Share of IP disputes that continuous communication prevents at full intensity."""


@dataclass(frozen=True)
class DealTerms:
    """Money terms of a licence or co-development deal (million USD, share of sales)."""

    upfront_musd: float
    milestone_musd: float
    royalty_rate: float


def appropriability(params: IP) -> float:
    """Share of a programme's private value a firm keeps under the regime."""
    if params.regime == IPRegime.open:
        return params.open_appropriability
    return 1.0


def deal_terms(params: IP, value_musd: float, academic_licensor: bool) -> DealTerms:
    """Terms of a deal worth ``value_musd`` under the regime.

    Upfront is a share of deal value (6-13 %); universities take lower royalties
    (about 3 % of net sales) than firms (4.5-8 % early-stage).
    """
    royalty = params.royalty_rate * (ACADEMIC_ROYALTY_FACTOR if academic_licensor else 1.0)
    if params.regime == IPRegime.open:
        royalty = 0.0  # nothing to license; partners share costs instead
    upfront = max(0.0, value_musd) * params.upfront_share
    return DealTerms(upfront, upfront * MILESTONE_MULTIPLE, royalty)


def dispute_probability(params: IP, communication: float) -> float:
    """Quarterly chance of an IP dispute in one partnership."""
    if params.regime != IPRegime.shared or params.framework_agreed:
        return 0.0
    return params.dispute_probability * (1.0 - COMMUNICATION_DISPUTE_CUT * communication)
