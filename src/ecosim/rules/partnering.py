"""Choosing partners and agreeing deals.

An organisation looking for a partner scores each candidate by

- *trust*: its own trust in the candidate blended with the candidate's reputation
  (the mean trust others have in it), weighted by ``trust.reputation_weight``;
- *complementarity*: what the candidate adds to its capabilities (the gain of the
  element-wise maximum over its own capability vector);
- noise: idiosyncratic fit that the scorer cannot see.

Mutually reinforcing activities (a collective-impact condition) shift the weight from
noise to complementarity: partners are matched by comparative advantage. A negotiation
then succeeds with a probability that rises with trust (a logistic curve).
"""

from __future__ import annotations

import numpy as np

__all__ = ["agreement_probability", "choose_partner", "complementarity"]

NEGOTIATION_MIDPOINT = 0.35
"""Trust at which half of negotiations succeed (0-1)."""

NEGOTIATION_SLOPE = 10.0
"""Steepness of the negotiation curve (per unit of trust)."""

NOISE_SD = 0.25
"""Sd of the unseen fit in a partner score (siloed)."""

REINFORCING_NOISE_CUT = 0.8
"""Share of that noise that matching by comparative advantage removes (full intensity)."""

REINFORCING_WEIGHT = 4.0
"""Added weight of complementarity in the score at full mutually reinforcing activities
(the base weight is 1)."""


def complementarity(own: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Mean capability gain from teaming with each row of ``others`` (0-1)."""
    return (np.maximum(own[None, :], others) - own[None, :]).mean(axis=1)


def choose_partner(
    rng: np.random.Generator,
    own_caps: np.ndarray,
    cand_caps: np.ndarray,
    trust_row: np.ndarray,
    reputation: np.ndarray,
    reputation_weight: float,
    reinforcing: float,
) -> int:
    """Index (into the candidate arrays) of the preferred partner, or -1 if none.

    Args:
        rng: random generator.
        own_caps: capability vector of the chooser.
        cand_caps: capability matrix of candidates (one row each).
        trust_row: chooser's trust in each candidate.
        reputation: each candidate's reputation.
        reputation_weight: weight of reputation against own trust.
        reinforcing: mutually-reinforcing-activities intensity, 0-1.
    """
    if len(cand_caps) == 0:
        return -1
    eff_trust = (1 - reputation_weight) * trust_row + reputation_weight * reputation
    comp = complementarity(own_caps, cand_caps)
    w_comp = 1.0 + REINFORCING_WEIGHT * reinforcing
    noise_sd = NOISE_SD * (1.0 - REINFORCING_NOISE_CUT * reinforcing)
    score = eff_trust + w_comp * comp + rng.normal(0.0, noise_sd, len(cand_caps))
    return int(np.argmax(score))


def agreement_probability(trust: float) -> float:
    """Probability that a negotiation between partners with this trust succeeds."""
    return float(1.0 / (1.0 + np.exp(-NEGOTIATION_SLOPE * (trust - NEGOTIATION_MIDPOINT))))
