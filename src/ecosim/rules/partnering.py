"""Choosing partners: who scores best as a partner.

An organisation looking for a partner scores each candidate by

- *trust*: its own trust in the candidate blended with the candidate's reputation
  (what the chooser's acquaintances think of it, :mod:`ecosim.reputation`), weighted by
  ``trust.reputation_weight``;
- *complementarity*: what the candidate adds to its capabilities (the gain of the
  element-wise maximum over its own capability vector), with a weight that mutually
  reinforcing activities raise (:mod:`ecosim.conditions.mutually_reinforcing`);
- noise: idiosyncratic fit that the scorer cannot see (``partnering.noise_sd``, less
  with mutually reinforcing activities).

Whether the chosen pair then agrees is the trust rule's effect
(:meth:`ecosim.rules.trust.TrustRule.agreement_probability`).
"""

from __future__ import annotations

import numpy as np

__all__ = ["choose_partner", "complementarity"]


def complementarity(own: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Mean capability gain from teaming with each row of ``others`` (0-1)."""
    return (np.maximum(own[None, :], others) - own[None, :]).sum(axis=1) / len(own)


def choose_partner(
    rng: np.random.Generator,
    own_caps: np.ndarray,
    cand_caps: np.ndarray,
    trust_row: np.ndarray,
    reputation: np.ndarray,
    reputation_weight: float,
    complementarity_weight: np.ndarray | float,
    noise_sd: np.ndarray | float,
) -> int:
    """Index (into the candidate arrays) of the preferred partner, or -1 if none.

    Args:
        rng: random generator.
        own_caps: capability vector of the chooser.
        cand_caps: capability matrix of candidates (one row each).
        trust_row: chooser's trust in each candidate.
        reputation: each candidate's reputation in the chooser's eyes.
        reputation_weight: weight of reputation against own trust.
        complementarity_weight: weight of complementarity in the score (per candidate).
        noise_sd: sd of the unseen fit (per candidate).
    """
    if len(cand_caps) == 0:
        return -1
    eff_trust = (1 - reputation_weight) * trust_row + reputation_weight * reputation
    comp = complementarity(own_caps, cand_caps)
    score = eff_trust + complementarity_weight * comp + rng.normal(0.0, noise_sd, len(cand_caps))
    return int(np.argmax(score))
