"""Which therapy treats whom: prescriber choice within each market.

A *market* is one subtype and one kind (biomarker-selected or not). Each payer's
patients in a market are treated with the therapies that payer covers:

- the share of them treated at all is the best *uptake* among those therapies: since the
  payer's decision, the owner's sales force converts ``market.detailing_reach_per_quarter
  x commercial capability`` of the remaining prescribers each quarter, so uptake after q
  quarters is ``1 - (1 - reach)^(q + 1)``;
- they split among the covered therapies in proportion to ``attraction x uptake``, where
  attraction is ``rank^-market.order_of_entry_exponent x (QALY gain / kind's mean)^
  market.benefit_elasticity`` and rank is the order of approval among the market's
  therapies still on the market (Urban et al. 1986).

The same rule, with every therapy available after ``market.rest_of_world_access_years``,
splits the rest of the world's patients (:mod:`ecosim.world_sales`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ecosim.sectors import Capability

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["Split", "attraction", "conversion", "entry_rank", "split", "uptake_curve"]


@dataclass(frozen=True)
class Split:
    """How one kind's patients split among therapies, per subtype.

    Attributes:
        fraction: per subtype, the share of the market's patients treated by any of them.
        therapy: market index of each therapy that treats anyone.
        volume: per therapy, the share of its market's patients it treats.
        paid: per therapy, what its treated patients cost their payers on average (USD).
        payer_spend: ``[therapy, payer]`` each payer's share of the therapy's spend.
    """

    fraction: np.ndarray
    therapy: np.ndarray
    volume: np.ndarray
    paid: np.ndarray
    payer_spend: np.ndarray


def conversion(m: EcosystemModel, owners: np.ndarray) -> np.ndarray:
    """Per therapy, the share of remaining prescribers its owner converts per quarter."""
    reach = m.params.market.detailing_reach_per_quarter
    return np.clip(reach * m.caps[owners, Capability.commercial], 0.0, 1.0)


def uptake_curve(quarters: np.ndarray, reach: np.ndarray) -> np.ndarray:
    """Uptake after ``quarters`` quarters of availability (0 before it starts)."""
    q = np.asarray(quarters, dtype=float)
    return np.where(q >= 0, 1.0 - np.power(1.0 - reach, np.maximum(q, 0.0) + 1.0), 0.0)


def entry_rank(subtype: np.ndarray, approved: np.ndarray, on: np.ndarray) -> np.ndarray:
    """Order of approval (1, 2, ...) of each on-market therapy within its subtype.

    Ties in approval step go by index; therapies off the market get rank 0.
    """
    rank = np.zeros(len(subtype), dtype=np.int64)
    idx = np.flatnonzero(on)
    if len(idx) == 0:
        return rank
    order = idx[np.lexsort((idx, approved[idx], subtype[idx]))]
    subs = subtype[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = subs[1:] != subs[:-1]
    start = np.maximum.accumulate(np.where(first, np.arange(len(order)), 0))
    rank[order] = np.arange(len(order)) - start + 1
    return rank


def attraction(m: EcosystemModel, rank: np.ndarray, qaly: np.ndarray, mean_qaly: float):
    """Prescribers' attraction to therapies of one kind (0 for rank 0: off the market)."""
    mp = m.params.market
    rel = np.maximum(qaly, 0.0) / mean_qaly if mean_qaly > 0 else np.ones(len(qaly))
    safe = np.maximum(rank, 1).astype(float)
    return np.where(
        rank > 0, np.power(safe, -mp.order_of_entry_exponent) * rel**mp.benefit_elasticity, 0.0
    )


def split(
    subtype: np.ndarray,
    attract: np.ndarray,
    uptake: np.ndarray,
    shares: np.ndarray,
    paid: np.ndarray,
    n_subtypes: int,
) -> Split:
    """Split each payer's patients among the therapies it covers.

    Args:
        subtype: per therapy (of one kind), its subtype.
        attract: per therapy, prescribers' attraction.
        uptake: ``[therapy, payer]`` uptake (0 where the payer does not cover it).
        shares: per payer, its share of the population.
        paid: ``[therapy, payer]`` price the payer pays per treated patient (USD).
        n_subtypes: number of subtypes.
    """
    n, k = uptake.shape
    fraction = np.zeros(n_subtypes)
    if n == 0 or k == 0:
        empty = np.zeros(0)
        return Split(fraction, np.zeros(0, dtype=np.int64), empty, empty, np.zeros((0, k)))
    weight = attract[:, None] * uptake
    best = np.zeros((n_subtypes, k))
    total = np.zeros((n_subtypes, k))
    np.maximum.at(best, subtype, uptake)
    np.add.at(total, subtype, weight)
    denom = total[subtype]
    sigma = np.divide(weight, denom, out=np.zeros_like(weight), where=denom > 0)
    treated = sigma * best[subtype] * shares[None, :]  # share of the market's patients
    volume = treated.sum(axis=1)
    by_payer = treated * paid
    spend = by_payer.sum(axis=1)
    therapy = np.flatnonzero(volume > 0)
    np.add.at(fraction, subtype[therapy], volume[therapy])
    avg = spend[therapy] / volume[therapy]
    paying = spend[therapy, None]
    payer_spend = np.divide(
        by_payer[therapy], paying, out=np.zeros((len(therapy), k)), where=paying > 0
    )
    return Split(np.minimum(fraction, 1.0), therapy, volume[therapy], avg, payer_spend)
