"""What firms expect of the market a programme would enter.

Firms plan yearly: at the start of each year (and at the first question of a run) the
model builds an :class:`Outlook` of the payers, testing and the rest of the world that
every valuation of the year reads. Competitors are counted live (:func:`competitors`),
since every start and every result changes them:

- **Payers' rules.** For each payer, kind and a grid of biomarker strengths and market
  sizes, the payer's own reimbursement rule is asked what it would decide
  (:meth:`~ecosim.rules.reimbursement.CoverageRule.decide`) at the quantiles of the
  therapy's uncertain QALY gain (``valuation.quadrature_nodes``, Gauss-Hermite on the
  log-normal of ``therapies.qaly_spread``), at the launch price the firm would set for
  that gain (:mod:`ecosim.pricing`), with the payer's budget left and the outcome data
  of the day. The expected value of cover per treated patient is
  ``E[covered x price paid x PV of the payment schedule x d(delay) x (1 - chance of
  withdrawal x share of sales after the review)]``, discounted to launch at the pharma
  rate. A budget cap, a stricter threshold, deferred annuity payments or a
  coverage-with-evidence review all lower it.
- **Testing.** A precision therapy reaches only tested patients: the share of incident
  patients aware, tested and within reach of care today.
- **The rest of the world**: patients per addressable patient and the reference price
  (:mod:`ecosim.world_sales`; the loss through international reference pricing enters
  the launch price, not this value).
- **Competitors**: per market (kind, subtype) the therapies on the market and the
  visible programmes by phase (from phase I in trial registries, earlier ones as far
  as the conditions make them visible), each weighted by its public chance of approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from numpy.polynomial.hermite_e import hermegauss

from ecosim import pricing, world_sales
from ecosim.beliefs import KINDS
from ecosim.pipeline import Phase
from ecosim.rules.reimbursement import CoverageCase, CoverageRule
from ecosim.units import HALF, QUARTERS_PER_YEAR, TINY

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["Competitors", "Outlook", "competitors", "expected_share", "outlook"]

_N_PHASES = int(Phase.APPROVED)


@dataclass
class Outlook:
    """A year's view of the market (see the module docstring).

    Attributes:
        year: the step at which it was built.
        strengths: grid of biomarker strengths (0-1).
        home: ``[kind, subtype, strength]`` expected home revenue per addressable
            patient at full uptake (USD, PV at launch): the tested share times the
            payers' expected value of cover, averaged over payers by population share.
        tested: per kind, the share of addressable patients a therapy reaches at home.
        addressable: ``[kind, subtype]`` the country's addressable patients a year.
        world_patients: per kind, rest-of-world patients per addressable patient, at peak.
        price: expected list price in the rest of the world (USD per patient).
    """

    year: int
    strengths: np.ndarray
    home: np.ndarray
    tested: np.ndarray
    addressable: np.ndarray
    world_patients: np.ndarray
    price: float

    def domestic_value(self, kind: np.ndarray, strength: np.ndarray, subtype: np.ndarray):
        """Expected home revenue per addressable patient (USD, PV at launch) of programmes."""
        last = len(self.strengths) - 1  # the grid is even on [0, 1]
        pos = np.clip(strength, 0.0, 1.0) * last
        i = np.minimum(pos.astype(np.int64), max(last - 1, 0))
        u = pos - i
        i1 = np.minimum(i + 1, last)
        return self.home[kind, subtype, i] * (1.0 - u) + self.home[kind, subtype, i1] * u


def _bracket(grid: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lower grid index and interpolation weight of each ``x`` (clamped at the edges)."""
    if len(grid) == 1:
        return np.zeros(len(x), dtype=np.int64), np.zeros(len(x))
    x = np.clip(x, grid[0], grid[-1])
    last = len(grid) - 1  # the lower end of the last interval is the one before it
    i = np.clip(np.searchsorted(grid, x, side="right") - 1, 0, last - 1)
    step = grid[i + 1] - grid[i]
    return i, np.divide(x - grid[i], step, out=np.zeros(len(x)), where=step > 0)


def outlook(m: EcosystemModel) -> Outlook:
    """The model's outlook of the current year (built at the first question of a year)."""
    year = (m.steps - 1) // QUARTERS_PER_YEAR if m.steps > 0 else -1
    current = m.market_outlook
    if current is None or current.year != year:
        current = _build(m, year)
        m.market_outlook = current
    return current


def _quadrature(m: EcosystemModel) -> tuple[np.ndarray, np.ndarray]:
    """Mean-one log-normal multipliers of the QALY gain, and their weights."""
    nodes, weights = hermegauss(m.params.valuation.quadrature_nodes)
    sigma = m.params.therapies.qaly_spread
    return np.exp(sigma * nodes - np.square(sigma) * HALF), weights / weights.sum()


def _rule_terms(m: EcosystemModel, rule: CoverageRule, quarter: float) -> tuple[float, float]:
    """(present value of the payment schedule per USD, share of the life after review).

    ``quarter`` is the pharma discount factor per quarter.
    """
    schedule = rule.payment_schedule()
    schedule_pv = float((schedule * quarter ** np.arange(len(schedule))).sum())
    review = rule.review_after_quarters()
    life = m.params.market.product_life_years * QUARTERS_PER_YEAR
    after = (quarter**review - quarter**life) / (1.0 - quarter**life) if review else 0.0
    return schedule_pv, after


def _launch_prices(
    m: EcosystemModel, strengths: np.ndarray, sizes: np.ndarray, referenced: np.ndarray
) -> np.ndarray:
    """``[kind, strength, size, node]`` the list price the firm would set (ecosim.pricing).

    ``referenced`` is, per kind, the rest-of-world revenue per patient here per USD of
    list price (international reference pricing).
    """
    th, pat, reimb = m.params.therapies, m.params.patients, m.params.reimbursement
    mult, _ = _quadrature(m)
    od = m.market.outcome_data()
    out = np.zeros((len(KINDS), len(strengths), len(sizes), len(mult)))
    for k, mean in enumerate((pat.qaly_gain_unselected, pat.qaly_gain_matched)):
        for i, strength in enumerate(strengths.tolist()):
            benefit = th.benefit_base + (th.benefit_strength * strength if k else 0.0)
            for j, size in enumerate(sizes.tolist()):
                for n, q in enumerate((mean * benefit * mult).tolist()):
                    out[k, i, j, n] = pricing.launch_price(
                        m.payers,
                        reimb.price_usd_per_patient,
                        q,
                        od,
                        size,
                        reimb.max_discount,
                        float(referenced[k]),
                    )
            if not k:  # strength does not matter without a biomarker
                out[k, 1:] = out[k, 0]
                break
    return out


def _payer_values(
    m: EcosystemModel, strengths: np.ndarray, sizes: np.ndarray, referenced: np.ndarray
) -> np.ndarray:
    """``[kind, strength, size]`` expected value of cover per treated patient (USD).

    Each payer is asked by its own rule (:attr:`ecosim.agents.payer.Payer.rule`) at the
    list price the firm would set (:func:`_launch_prices`, with ``referenced`` as there).
    """
    th, pat = m.params.therapies, m.params.patients
    rate = m.params.valuation.pharma_discount_rate
    quarter = (1.0 + rate) ** (-1.0 / QUARTERS_PER_YEAR)
    mult, weights = _quadrature(m)
    od = m.market.outcome_data()
    prices = _launch_prices(m, strengths, sizes, referenced)
    out = np.zeros((len(KINDS), len(strengths), len(sizes)))
    for payer in m.payers:
        rule = payer.rule
        schedule_pv, after = _rule_terms(m, rule, quarter)
        for k, mean in enumerate((pat.qaly_gain_unselected, pat.qaly_gain_matched)):
            for i, strength in enumerate(strengths.tolist()):
                if not k and i:  # strength does not matter without a biomarker
                    continue
                benefit = th.benefit_base + (th.benefit_strength * strength if k else 0.0)
                for j, size in enumerate(sizes.tolist()):
                    value = 0.0
                    for q, w, price in zip(
                        (mean * benefit * mult).tolist(),
                        weights.tolist(),
                        prices[k, i, j].tolist(),
                        strict=True,
                    ):
                        case = CoverageCase(
                            price,
                            q,
                            od,
                            size * payer.share,
                            payer.budget_left_usd,
                            payer.threshold_usd,
                        )
                        d = rule.decide(case)
                        if d.covered:
                            # a registry would show the gain: cover it does not earn ends
                            lose = rule.withdraws(d.paid_per_patient, q, payer.threshold_usd)
                            keep = 1.0 - lose * after
                            value += w * d.paid_per_patient * quarter**d.delay_quarters * keep
                    out[k, i, j] += payer.share * value * schedule_pv
    out[0, 1:] = out[0, 0]
    return out


def _build(m: EcosystemModel, year: int) -> Outlook:
    mp = m.params
    addressable = np.stack(
        [world_sales.addressable(m, bool(k)) * QUARTERS_PER_YEAR for k in range(len(KINDS))]
    )
    grid = mp.valuation.outlook_grid
    strengths = np.linspace(0.0, 1.0, grid)
    pat = m.patients
    weight = pat.incidence.sum(axis=1)
    weight = weight / weight.sum() if weight.sum() > 0 else np.full(len(weight), 1.0 / len(weight))
    tested_region = pat.awareness * m.testing_rate
    tested = np.array(
        [float((weight * pat.therapy_access).sum()), float((weight * tested_region).sum())]
    )
    market = np.maximum(addressable * tested[:, None], 1.0)  # patients a year a therapy reaches
    sizes = np.geomspace(float(market.min()), float(market.max()) + 1.0, grid)
    world = np.array([world_sales.world_multiplier(m, bool(k)) for k in range(len(KINDS))])
    # rest-of-world patients a year per patient a year reached here, x the referencing share
    irp = mp.market.reference_pricing_share * mp.market.rest_of_world_price_ratio
    referenced = irp * world / np.maximum(tested, TINY)
    per_patient = _payer_values(m, strengths, sizes, referenced)  # [kind, strength, size]
    home = np.empty((len(KINDS), market.shape[1], grid))
    for k in range(len(KINDS)):
        i, u = _bracket(np.log(sizes), np.log(market[k]))
        i1 = np.minimum(i + 1, grid - 1)
        table = per_patient[k][:, i] * (1.0 - u) + per_patient[k][:, i1] * u  # [strength, s]
        home[k] = table.T * tested[k]
    return Outlook(
        year=year,
        strengths=strengths,
        home=home,
        tested=tested,
        addressable=addressable,
        world_patients=world,
        price=mp.reimbursement.price_usd_per_patient * mp.market.rest_of_world_price_ratio,
    )


@dataclass
class Competitors:
    """Per market the therapies on the market and the visible pipeline.

    Attributes:
        on_market: ``[kind, subtype]`` therapies on the market.
        pipeline: ``[kind, subtype, phase]`` visible programmes weighted by their
            public chance of approval from that phase.
    """

    on_market: np.ndarray
    pipeline: np.ndarray

    def __post_init__(self):
        later = np.cumsum(self.pipeline[..., ::-1], axis=-1)[..., ::-1]  # phase j and later
        self.at = self.pipeline
        self.above = later - self.pipeline
        self.below = self.pipeline.sum(axis=-1, keepdims=True) - later


def sees_members(m: EcosystemModel, member: bool) -> bool:
    """Whether a member's view of the competitors differs from an outsider's.

    Only with transparency; without it both see the same, and one view serves both.
    """
    return member and m.conditions.transparency() > 0


def early_shown(m: EcosystemModel, owners: np.ndarray, member: bool) -> np.ndarray:
    """How far a viewer sees the early programmes of ``owners`` (0-1).

    Only a member sees, and only members' programmes: the initiative's transparency.
    """
    if not member:
        return np.zeros(len(owners))
    return m.conditions.transparency() * m.initiative.member[owners]


def competitors(m: EcosystemModel, member: bool = False) -> Competitors:
    """The competitors of every market now, as a member or an outsider sees them.

    Kept until a programme or therapy changes. Members see the early programmes the
    initiative's members show each other (transparency, :mod:`ecosim.conditions`); an
    outsider sees programmes from phase I on.
    """
    member = sees_members(m, member)
    key = (m.steps, m.programmes.version, m.market.n)
    cached = m.market_competitors
    if cached is None or cached[0] != key:
        cached = (key, {})
        m.market_competitors = cached
    views = cached[1]
    if member not in views:
        views[member] = _competitors(m, member)
    return views[member]


def _competitors(m: EcosystemModel, member: bool) -> Competitors:
    n_s = m.patients.n_subtypes
    on = np.zeros((len(KINDS), n_s))
    mk = m.market
    if mk.n:
        cols = mk.columns
        live = mk.on_market()
        np.add.at(on, (cols["precision"][live].astype(np.int64), cols["subtype"][live]), 1.0)
    return Competitors(on, _pipeline(m, n_s, member))


def _pipeline(m: EcosystemModel, n_subtypes: int, member: bool) -> np.ndarray:
    """``[kind, subtype, phase]`` visible programmes x their public chance of approval."""
    p = m.programmes
    act = p.active_ids()
    launch = p.accelerated_step[act]
    act = act[(launch < 0) | (launch > m.steps)]  # once marketed early, it is a therapy
    out = np.zeros((len(KINDS), n_subtypes, _N_PHASES))
    if len(act) == 0:
        return out
    to_approval = m.track_record.public_approval()  # [kind, phase]
    kind = p.precision[act].astype(np.int64)
    phase = p.phase[act]
    shown = early_shown(m, p.owner[act], member)
    seen = np.where(phase >= Phase.PHASE1, 1.0, shown)
    np.add.at(out, (kind, p.subtype[act], phase), seen * to_approval[kind, phase])
    return out


def expected_share(
    rivals: Competitors,
    kind: np.ndarray,
    subtype: np.ndarray,
    phase: np.ndarray,
    own: np.ndarray,
    a: float,
) -> np.ndarray:
    """Expected order-of-entry share of programmes in their markets.

    Competitors ahead are the therapies on the market and visible programmes in later
    phases (half of those in the same phase); the rest come behind. The programme's own
    weight in the pipeline (``own``: its visibility x chance) is taken out. With
    expected rank n among N entrants the share is ``n^-a / sum_k k^-a``.
    """
    same = rivals.at[kind, subtype, phase] - own
    ahead = rivals.on_market[kind, subtype] + rivals.above[kind, subtype, phase] + HALF * same
    behind = rivals.below[kind, subtype, phase] + HALF * same
    rank = 1.0 + np.maximum(ahead, 0.0)
    total = rank + np.maximum(behind, 0.0)
    return np.power(rank, -a) / _harmonic(total, a)


def _harmonic(n: np.ndarray, a: float) -> np.ndarray:
    """Sum of k^-a for k = 1 .. n, linear in the fraction of a non-integer n."""
    whole = np.floor(n).astype(np.int64)
    cum, terms = _harmonic_table(a, int(whole.max()) + 1 if len(n) else 1)
    return cum[whole] + (n - whole) * terms[whole]


@cache  # small tables: one per exponent and power-of-two size
def _harmonic_table(a: float, top: int) -> tuple[np.ndarray, np.ndarray]:
    """Partial sums of k^-a (k = 1 .. K) and the terms (K + 1)^-a, K = 0 .. size - 1.

    The size is ``top`` rounded up to a power of two, so that a few tables serve a run.
    """
    size = 1 << max(top, 1).bit_length()
    terms = np.power(np.arange(size) + 1.0, -a)
    return np.concatenate([[0.0], np.cumsum(terms[:-1])]), terms
