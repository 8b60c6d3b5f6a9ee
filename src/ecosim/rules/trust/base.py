"""The trust protocol: initial trust, how experience moves it, what it does.

Trust is a number in [0, 1] for each ordered pair of organisations, kept in a square
matrix. A trust rule is one class, registered by name, that gives:

- :meth:`TrustRule.initial`: trust between two sectors at the start;
- :meth:`TrustRule.update`: trust after a quarter of good or bad experience;
- :meth:`TrustRule.agreement_probability`: the effect of trust on a negotiation (and on
  joining a consortium).

What makes an experience good or bad is behaviour (:mod:`ecosim.contribution`: what a
partner delivers, seen with noise); what others say about an organisation travels along
ties (:mod:`ecosim.reputation`). :func:`pair_experience` collapses several interactions
of an observer with one partner in a quarter into one experience, whatever the rule.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from ecosim.parameters import Section, param
from ecosim.registry import Option, Registry
from ecosim.sectors import FIRMS, Sector

__all__ = ["REGISTRY", "TrustCommon", "TrustRule", "pair_experience", "register"]

REGISTRY = Registry("trust rule", "ecosim.rules.trust", default="asymmetric")
register = REGISTRY.register


class TrustCommon(Section):
    """Trust between organisations: initial values, update, effect, reputation."""

    initial_within_industry: float = param(
        0.45,
        "0-1",
        "Initial trust between firms (pharma, biotech).",
        assumption="surveys of trust between sectors (e.g. Edelman Trust Barometer) would "
        "inform the four initial values",
        ge=0,
        le=1,
    )
    initial_industry_academia: float = param(
        0.40,
        "0-1",
        "Initial trust between firms and academic centres.",
        assumption="surveys of academic-industry relations would inform it",
        ge=0,
        le=1,
    )
    initial_industry_payer: float = param(
        0.30,
        "0-1",
        "Initial trust between firms and payers.",
        assumption="the adversarial price negotiation between them; surveys would inform it",
        ge=0,
        le=1,
    )
    initial_other: float = param(
        0.45,
        "0-1",
        "Initial trust between any other pair of organisations.",
        assumption="a neutral start; surveys of trust between the other sectors "
        "(providers, regulators, patient organisations) would inform it",
        ge=0,
        le=1,
    )
    gain_rate: float = param(
        0.04,
        "per good quarter",
        "Share of the gap to full trust closed by a quarter of good experience.",
        source="Kania and Kramer 2011: trust needs years of regular contact.",
        ge=0,
        le=1,
    )
    reputation_weight: float = param(
        0.3,
        "0-1",
        "Weight of reputation (what the chooser's acquaintances think of a candidate) "
        "against own experience when choosing partners.",
        assumption="firms rely mostly on their own experience; partner-selection surveys "
        "would inform it",
        ge=0,
        le=1,
    )
    reputation_prior: float = param(
        0.5,
        "0-1",
        "Reputation of a candidate that none of the chooser's acquaintances has worked with.",
        assumption="the middle of the trust scale, so that neutral trust changes nothing; "
        "surveys of alliance partners' trust would place it",
        ge=0,
        le=1,
    )
    termination_threshold: float = param(
        0.22,
        "0-1",
        "Partnerships whose trust falls below this end.",
        assumption="tuned so that about a third of ended partnerships end early, as in "
        "alliance studies",
        ge=0,
        le=1,
    )
    observation_sd: float = param(
        0.2,
        "share of the agreed contribution",
        "Sd of the noise with which an organisation sees a partner's contribution in a "
        "quarter (same sector, same capabilities, no meetings).",
        assumption="partners judge each other's work from reports and results, with an "
        "error of about a fifth of what was agreed; set with the tolerance so that a partner "
        "who delivers in full disappoints in 12 % of quarters within a sector, the old "
        "friction rate (alliance-management surveys of partner satisfaction would inform it)",
        ge=0,
        le=5,
    )
    shortfall_tolerance: float = param(
        0.235,
        "share of the agreed contribution",
        "Shortfall from the agreed contribution an organisation accepts before a quarter "
        "counts as a bad experience.",
        assumption="about a quarter short of the plan is noticed as a problem; tuned with "
        "observation_sd (see there)",
        ge=0,
        le=1,
    )
    negotiation_midpoint: float = param(
        0.35,
        "0-1",
        "Mutual trust at which half of negotiations succeed.",
        assumption="deal completion rates in licensing negotiations would inform it",
        ge=0,
        le=1,
    )
    negotiation_slope: float = param(
        10.0,
        "per unit of trust",
        "Steepness of the logistic curve of negotiation success in trust.",
        assumption="deal completion rates in licensing negotiations would inform it",
        ge=0,
        le=1_000,
    )


class TrustRule(Option, ABC):
    """Base of every trust rule; ``params`` is the scenario's ``trust`` section.

    Attributes as for :class:`ecosim.registry.Option`.
    """

    def initial(self, a: str, b: str) -> float:
        """Initial trust between an organisation of sector ``a`` and one of sector ``b``."""
        p = self.common
        pair = {a, b}
        industry = set(FIRMS)
        if pair <= industry:
            return p.initial_within_industry
        if pair & industry and Sector.academia in pair:
            return p.initial_industry_academia
        if pair & industry and Sector.payer in pair:
            return p.initial_industry_payer
        return p.initial_other

    @abstractmethod
    def loss(self, gain: float) -> float:
        """Share of trust lost after a bad quarter, given this quarter's gain rate."""

    def update(self, trust: np.ndarray, good: np.ndarray) -> np.ndarray:
        """Trust after one quarter of experience (any shape, values in [0, 1]).

        Args:
            trust: current trust values (of observers in the organisations they observed).
            good: same shape, True where the quarter met the observer's expectation.
        """
        gain = self.common.gain_rate
        loss = self.loss(gain)
        new = np.where(good, trust + gain * (1.0 - trust), trust - loss * trust)
        return np.clip(new, 0.0, 1.0)

    def agreement_probability(self, trust: float) -> float:
        """Probability that a negotiation between partners with this mutual trust succeeds."""
        p = self.common
        with np.errstate(over="ignore"):  # a steep curve far from its midpoint: exp -> inf, p -> 0
            return float(
                1.0 / (1.0 + np.exp(-p.negotiation_slope * (trust - p.negotiation_midpoint)))
            )


def pair_experience(
    a: np.ndarray, b: np.ndarray, bad: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Collapse several experiences of one observer with one partner into one.

    An organisation that works with another in several partnerships (or consortium
    contacts) in a quarter has one experience of it: bad if any interaction was bad.
    Direction matters: ``a`` observes ``b``.

    Returns:
        (observers, observed, bad) for each distinct ordered pair, sorted by (a, b).
    """
    span = int(max(a.max(), b.max())) + 1 if len(a) else 1
    keys, inverse = np.unique(a * span + b, return_inverse=True)
    any_bad = np.zeros(len(keys), dtype=bool)
    np.logical_or.at(any_bad, inverse.ravel(), bad)
    return keys // span, keys % span, any_bad
