"""Sales in the rest of the world: the same approvals, at one market scale.

The simulated country makes ``market.country_share`` (s) of a therapy's world sales.
The rest of the world is not simulated patient by patient; its sales follow the same
approvals but not the country's payers, testing or trials. Each quarter a therapy on
the market sells there, from ``market.rest_of_world_access_years`` after approval,

    (1 - s) / s x addressable patients x market.rest_of_world_treated_share
    (x market.rest_of_world_testing for a biomarker-selected therapy)
    x its share of the market x its price abroad (cut after loss of exclusivity),

where the price abroad is ``market.rest_of_world_price_ratio`` x the therapy's reference
price, except that a share ``market.reference_pricing_share`` of the sales references the
country's list price instead (:mod:`ecosim.pricing`), and addressable patients are the
country's incident patients of the therapy's kind
(biomarker-positive ones for a precision therapy, those in the indication otherwise)
and its share follows the country's prescriber-choice rule with every therapy available
(:mod:`ecosim.uptake`). The money reaches the owner, licensor and co-owner as domestic
sales do (:func:`ecosim.payments.pay_sales`, from the account ``rest_of_world``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim import uptake
from ecosim.payments import pay_sales
from ecosim.units import QUARTERS_PER_YEAR, USD_PER_MUSD

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["addressable", "pay_rest_of_world", "world_multiplier"]


def world_multiplier(m: EcosystemModel, precision: bool) -> float:
    """Rest-of-world patients per addressable patient of the country, at peak.

    A biomarker-selected therapy reaches only the patients tested abroad
    (``market.rest_of_world_testing``).
    """
    mp = m.params.market
    tested = mp.rest_of_world_testing if precision else 1.0
    return (1.0 - mp.country_share) / mp.country_share * mp.rest_of_world_treated_share * tested


def addressable(m: EcosystemModel, precision: bool) -> np.ndarray:
    """Per subtype, the country's incident patients a therapy of this kind addresses."""
    inc = m.patients.incidence.sum(axis=0)
    return inc * (m.patients.prevalence if precision else m.params.patients.indication_share)


def pay_rest_of_world(m: EcosystemModel) -> float:
    """Pay this quarter's rest-of-world sales of every therapy; return them (million USD)."""
    mk = m.market
    if mk.n == 0:
        return 0.0
    access = m.params.market.rest_of_world_access_years * QUARTERS_PER_YEAR
    a = mk.columns
    since = m.steps - a["approved"] - access
    owners = m.programmes.owner[a["programme"]]
    # therapies off the market (superseded, approval withdrawn) take no patients
    curve = uptake.uptake_curve(since, uptake.conversion(m, owners)) * mk.on_market()
    curve = curve[:, None]
    mp = m.params.market
    irp = mp.reference_pricing_share  # sales whose price references the country's
    world = np.asarray(mk.world_price) * (1.0 - irp) + np.asarray(mk.price) * irp
    price = world[:, None] * mp.rest_of_world_price_ratio
    total = 0.0
    for precision in (True, False):
        split = uptake.split(
            a["subtype"], mk.attraction(precision), curve, np.ones(1), price, m.patients.n_subtypes
        )
        patients = addressable(m, precision)[a["subtype"][split.therapy]] * world_multiplier(
            m, precision
        )
        musd = patients * split.volume * split.paid / USD_PER_MUSD
        for t, amount in zip(split.therapy.tolist(), musd.tolist(), strict=True):
            pay_sales(m, mk.programme[t], amount, src="rest_of_world")
            total += amount
    return total
