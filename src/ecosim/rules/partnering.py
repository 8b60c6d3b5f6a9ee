"""Choosing partners: who scores best as a partner.

An organisation looking for a partner scores each candidate by

- *trust*: its own trust in the candidate blended with the candidate's reputation
  (what the chooser's acquaintances think of it, :mod:`ecosim.reputation`), weighted by
  ``trust.reputation_weight``;
- *fit*: what the candidate adds. Seen from outside, its *complementarity*: the gain of
  the element-wise maximum over the chooser's capability vector (a strong all-rounder
  adds most). With the initiative's map of its members' strengths
  (:mod:`ecosim.conditions.mutually_reinforcing`), a member sees other members'
  *comparative advantage*: how far each is specialised in what the chooser is relatively
  weak at (division of labour: a specialist in what I lack, not the best all-rounder);
- noise: idiosyncratic fit that the scorer cannot see (``partnering.noise_sd``, less
  with the initiative's map).

A candidate that already runs as many partnerships as it can give full effort to
(``partnerships.capacity_<sector>``, :mod:`ecosim.contribution`) declines. Whether the
chosen pair then agrees is the trust rule's effect
(:meth:`ecosim.rules.trust.TrustRule.agreement_probability`).
"""

from __future__ import annotations

import numpy as np

__all__ = ["choose_partner", "comparative_advantage", "complementarity"]


def complementarity(own: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Mean capability gain from teaming with each row of ``others`` (0-1)."""
    return (np.maximum(own[None, :], others) - own[None, :]).sum(axis=1) / len(own)


def comparative_advantage(own: np.ndarray, others: np.ndarray) -> np.ndarray:
    """How far each row of ``others`` is specialised in what ``own`` is weak at.

    The chooser's needs are the capabilities below its own mean (by how far, summing to
    1; alike capabilities: all equal); a candidate's specialisation is each capability
    less its own mean. The fit is the need-weighted specialisation (capability units, about
    -0.5 to 0.5): an all-rounder scores 0, a specialist in what the chooser lacks most.
    """
    need = np.maximum(own.mean() - own, 0.0)
    total = need.sum()
    need = need / total if total > 0 else np.full(len(own), 1.0 / len(own))
    return (others - others.mean(axis=1, keepdims=True)) @ need


def choose_partner(
    rng: np.random.Generator,
    fit: np.ndarray,
    trust_row: np.ndarray,
    reputation: np.ndarray,
    reputation_weight: float,
    noise_sd: np.ndarray | float,
) -> int:
    """Index (into the candidate arrays) of the preferred partner, or -1 if none.

    Args:
        rng: random generator.
        fit: what each candidate adds, as the chooser sees it (:func:`complementarity` or
            :func:`comparative_advantage`).
        trust_row: chooser's trust in each candidate.
        reputation: each candidate's reputation in the chooser's eyes.
        reputation_weight: weight of reputation against own trust.
        noise_sd: sd of the unseen fit (per candidate).
    """
    if len(fit) == 0:
        return -1
    eff_trust = (1 - reputation_weight) * trust_row + reputation_weight * reputation
    score = eff_trust + fit + rng.normal(0.0, noise_sd, len(fit))
    return int(np.argmax(score))
