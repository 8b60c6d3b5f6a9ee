"""Who values a programme: a cost of capital, beliefs about success and a sales force.

A :class:`Perspective` is everything about the valuing firm that a risk-adjusted NPV
needs (:mod:`ecosim.valuation`). It carries, per kind of programme (biomarker-selected or
not) and phase, the tables that make a valuation a few array lookups:

- ``approval[kind, j]``: the chance of approval of a programme in phase j (the product
  of the beliefs from j on);
- ``later_cost[kind, j]``: the present value, at the end of phase j, of the costs of
  the phases after j, each weighted by the chance of reaching it and discounted to its
  middle (``pipeline.gap_years`` of pause before each);
- ``later_events[kind, j]``: the same for one dollar paid at the start of each later
  phase (the milestone events);
- ``to_launch[j]``: the discount factor from the end of phase j to approval.

Since discounting is exponential, the value of a programme ``L`` quarters from the end
of its phase is the table entry times the discount factor of ``L``. Perspectives are
kept until the track record changes (:attr:`ecosim.beliefs.TrackRecord.version`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.special import expit, logit

from ecosim.beliefs import KINDS
from ecosim.pipeline import CAPABILITY_BY_PHASE, Phase
from ecosim.sectors import Capability, Sector
from ecosim.units import HALF, QUARTERS_PER_YEAR
from ecosim.uptake import conversion, uptake_curve

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = [
    "Perspective",
    "discount",
    "discount_rate",
    "make",
    "perspective",
    "phase_costs",
    "sales_factor",
    "team_beliefs",
    "typical_buyer",
    "typical_seller",
]


@dataclass(frozen=True)
class Perspective:
    """Who values: a cost of capital, beliefs ``[kind, phase]``, a sales force, tables.

    Attributes:
        rate: yearly cost of capital.
        belief: ``[kind, phase]`` chance that a phase succeeds.
        sales: discounted quarters of peak sales over a product's life
            (:func:`sales_factor`).
        approval, later_cost, later_events, to_launch: see the module docstring.
    """

    rate: float
    belief: np.ndarray
    sales: float
    approval: np.ndarray
    later_cost: np.ndarray
    later_events: np.ndarray
    to_launch: np.ndarray


def discount(rate: float, quarters: np.ndarray | float) -> np.ndarray:
    """Discount factor of cash ``quarters`` quarters from now at a yearly ``rate``."""
    return np.power(1.0 + rate, -np.asarray(quarters, dtype=float) / QUARTERS_PER_YEAR)


def phase_costs(m: EcosystemModel) -> np.ndarray:
    """``[kind, phase]`` cost of each phase, smaller for enriched trials (million USD)."""
    cached = getattr(m, "_phase_costs", None)
    if cached is None:
        pp, tab = m.params.pipeline, m.phase_tables
        per = pp.per_patient_cost_share
        trial = tab["enrolment"] > 0
        factor = np.ones((len(KINDS), len(trial)))
        factor[1, trial] = pp.precision_enrolment_factor
        cached = tab["cost"][None, :] * (per * factor + 1.0 - per)
        cached[1, Phase.PHASE3] += m.params.diagnostics.development_cost_musd  # its test
        m._phase_costs = cached
    return cached


def make(m: EcosystemModel, rate: float, belief: np.ndarray, sales: float) -> Perspective:
    """A perspective with its tables (see the module docstring)."""
    start, end, middle = _timing(m, rate)
    costs = phase_costs(m).tolist()
    n = len(start) + 1  # phases
    approval = np.ones((len(KINDS), n))
    later_cost = np.zeros((len(KINDS), n))
    later_events = np.zeros((len(KINDS), n))
    for k, (chances, cost) in enumerate(zip(belief.tolist(), costs, strict=True)):
        # backwards from the last phase: after phase j come a pause and phase j + 1
        chance, events, spend = chances[-1], 0.0, 0.0
        approval[k, n - 1] = chance
        for j in reversed(range(n - 1)):
            reach = chances[j]  # phase j succeeds: phase j + 1 is reached
            events = reach * (start[j] + end[j] * events)
            spend = reach * (cost[j + 1] * middle[j] + end[j] * spend)
            chance *= reach
            approval[k, j], later_events[k, j], later_cost[k, j] = chance, events, spend
    to_launch = np.cumprod(np.array([1.0] + end[::-1]))[::-1]
    return Perspective(rate, belief, sales, approval, later_cost, later_events, to_launch)


def _timing(m: EcosystemModel, rate: float) -> tuple[list[float], list[float], list[float]]:
    """Discount factors, from the end of phase j, of the start, end and middle of phase j + 1."""
    cache = m.__dict__.setdefault("_timing", {})
    if rate not in cache:
        later = m.phase_tables["duration"][1:]
        gap = m.params.pipeline.gap_years * QUARTERS_PER_YEAR
        cache[rate] = (
            discount(rate, np.full(len(later), gap)).tolist(),
            discount(rate, gap + later).tolist(),
            discount(rate, gap + later * HALF).tolist(),
        )
    return cache[rate]


def discount_rate(m: EcosystemModel, firm: int) -> float:
    """Yearly cost of capital of a firm (``valuation``)."""
    v = m.params.valuation
    pharma = m.sector_code[firm] == m.SECTOR_CODES[Sector.pharma]
    return v.pharma_discount_rate if pharma else v.biotech_discount_rate


def sales_factor(m: EcosystemModel, reach: float, rate: float) -> float:
    """Discounted quarters of peak sales over a product's life for a sales force ``reach``.

    ``reach`` is the share of remaining prescribers converted per quarter
    (:func:`ecosim.uptake.conversion`); after loss of exclusivity the originator keeps
    its share of volume at the cut price.
    """
    cache = m.__dict__.setdefault("_sales_factors", {})
    key = (reach, rate)
    if key not in cache:
        cache[key] = _sales_factor(m, reach, rate)
    return cache[key]


def _sales_factor(m: EcosystemModel, reach: float, rate: float) -> float:
    mp = m.params.market
    life = int(round(mp.product_life_years * QUARTERS_PER_YEAR))
    q = np.arange(life, dtype=float)
    curve = uptake_curve(q, reach)
    generic = q >= mp.exclusivity_years * QUARTERS_PER_YEAR
    keep = mp.originator_share_after_loe * (1.0 - mp.generic_price_cut)
    curve = np.where(generic, curve * keep, curve)
    return float((curve * discount(rate, q)).sum())


def team_beliefs(m: EcosystemModel, record: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """Beliefs ``[kind, phase]`` from a record, adjusted for a team's capabilities.

    A firm knows its own team: it shifts the record's log-odds of each phase by
    ``pipeline.capability_logit_effect x (capability - pipeline.capability_reference)``,
    the capability that matters in that phase, as development does.
    """
    pp = m.params.pipeline
    shift = pp.capability_logit_effect * (caps[list(CAPABILITY_BY_PHASE)] - pp.capability_reference)
    with np.errstate(divide="ignore"):  # a record of 0 or 1 stays 0 or 1
        return expit(logit(record) + shift[None, :])


def _cache(m: EcosystemModel) -> dict:
    """Perspectives valid for the current track record (emptied when it changes)."""
    version = m.track_record.version
    cache = getattr(m, "_perspectives", None)
    if cache is None or cache.get("version") != version:
        cache = {"version": version}
        m._perspectives = cache
    return cache


def perspective(m: EcosystemModel, firm: int) -> Perspective:
    """The firm's own perspective (its record, team, cost of capital and sales force)."""
    cache = _cache(m)
    view = cache.get(firm)
    if view is None:
        rate = discount_rate(m, firm)
        reach = float(conversion(m, np.array([firm]))[0])
        belief = team_beliefs(m, m.track_record.of(firm), m.caps[firm])
        view = make(m, rate, belief, sales_factor(m, reach, rate))
        cache[firm] = view
    return view


def _typical(m: EcosystemModel, sector: Sector, rate: float) -> Perspective:
    """A sector's typical firm: the public record, its mean team and live sales force."""
    cache = _cache(m)
    key = (sector, m.steps)
    view = cache.get(key)
    if view is None:
        firms = m.live_indices(sector)
        profile = getattr(m.params.capabilities, sector)
        reach = (
            float(conversion(m, firms).mean())
            if len(firms)
            else m.params.market.detailing_reach_per_quarter * profile.commercial
        )
        caps = np.array([getattr(profile, c.name) for c in Capability])
        team = team_beliefs(m, m.track_record.public(), caps)
        view = make(m, rate, team, sales_factor(m, reach, rate))
        cache[key] = view
    return view


def typical_buyer(m: EcosystemModel) -> Perspective:
    """A large firm as a seller pictures it.

    Pharma's cost of capital, the public beliefs with the sector's mean team and the
    mean sales force of the live pharma firms (the sector's mean when none is left).
    """
    return _typical(m, Sector.pharma, m.params.valuation.pharma_discount_rate)


def typical_seller(m: EcosystemModel) -> Perspective:
    """A biotech as a buyer pictures it (the biotech cost of capital, as above)."""
    return _typical(m, Sector.biotech, m.params.valuation.biotech_discount_rate)
