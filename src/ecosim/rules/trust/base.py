"""The trust protocol: initial trust, how experience moves it, what it does.

Trust is a number in [0, 1] for each ordered pair of organisations, kept in a square
matrix. A trust rule is one class, registered by name, that gives:

- :meth:`TrustRule.initial`: trust between two sectors at the start;
- :meth:`TrustRule.update`: trust after a quarter of good or bad experience;
- :meth:`TrustRule.agreement_probability`: the effect of trust on a negotiation (and on
  joining a consortium);
- :meth:`TrustRule.reputation`: what others' trust in an organisation adds up to.

:func:`pair_experience` collapses several interactions of a pair in one quarter into one
experience, whatever the rule.
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
        "Weight of reputation (others' trust) against own experience when choosing partners.",
        assumption="firms rely mostly on their own experience; partner-selection surveys "
        "would inform it",
        ge=0,
        le=1,
    )
    reputation_prior: float = param(
        0.5,
        "0-1",
        "Reputation of an organisation that no other live organisation can judge.",
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
    friction_base: float = param(
        0.12,
        "per quarter",
        "Chance of friction in a partnership quarter (culture, unequal contribution).",
        assumption="alliance-management surveys would inform it",
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

    def update(self, trust: np.ndarray, good: np.ndarray, gain_factor: float) -> np.ndarray:
        """Trust after one quarter of experience (any shape, values in [0, 1]).

        Args:
            trust: current trust values.
            good: same shape, True where the quarter brought progress, False for friction.
            gain_factor: multiplier of the gain rate (continuous communication speeds it).
        """
        gain = self.common.gain_rate * gain_factor
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

    def reputation(self, trust: np.ndarray, alive: np.ndarray) -> np.ndarray:
        """Mean trust the other live organisations have in each organisation."""
        n = int(np.count_nonzero(alive))
        rep = np.full(trust.shape[0], self.common.reputation_prior)
        if n > 1:  # column sums over live rows, in row order (as over the live sub-matrix)
            received = np.sum(trust, axis=0, where=alive[:, None])
            rep[alive] = (received[alive] - 1.0) / (n - 1)
        return rep


def pair_experience(
    a: np.ndarray, b: np.ndarray, bad: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Collapse several interactions of the same unordered pair into one experience.

    Two organisations with several partnerships (or consortium contacts) in a quarter
    have one experience of each other: bad if any interaction was bad.

    Returns:
        (first members, second members, bad) for each distinct unordered pair.
    """
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    span = int(hi.max()) + 1 if len(hi) else 1
    keys, inverse = np.unique(lo * span + hi, return_inverse=True)  # sorted by (lo, hi)
    any_bad = np.zeros(len(keys), dtype=bool)
    np.logical_or.at(any_bad, inverse.ravel(), bad)
    return keys // span, keys % span, any_bad
