"""Trust between organisations.

Trust is a number in [0, 1] for each ordered pair of organisations, kept in a square
matrix. It starts from a value set by the pair's sectors and moves with experience:
asymmetric exponential smoothing (Slovic 1993; Tykhonov et al. 2008, JASSS 11(3)1)
closes a small share of the gap to 1 after a good quarter and removes a larger share of
trust after a bad one. Continuous communication speeds the gain.
"""

from __future__ import annotations

import numpy as np

from ecosim.scenario import Trust

__all__ = ["initial_matrix", "pair_experience", "reputation", "update"]

_INDUSTRY = {"pharma", "biotech"}


def initial_value(a: str, b: str, params: Trust) -> float:
    """Initial trust between an organisation of sector ``a`` and one of sector ``b``."""
    pair = {a, b}
    if pair <= _INDUSTRY:
        return params.initial_within_industry
    if pair & _INDUSTRY and "academia" in pair:
        return params.initial_industry_academia
    if pair & _INDUSTRY and "payer" in pair:
        return params.initial_industry_payer
    return params.initial_other


def initial_matrix(sectors: list[str], params: Trust) -> np.ndarray:
    """Square matrix of initial trust for organisations with the given sectors."""
    names = sorted(set(sectors))
    table = {(a, b): initial_value(a, b, params) for a in names for b in names}
    n = len(sectors)
    out = np.empty((n, n))
    for i, a in enumerate(sectors):
        out[i] = [table[(a, b)] for b in sectors]
    np.fill_diagonal(out, 1.0)
    return out


def update(trust: np.ndarray, good: np.ndarray, params: Trust, communication: float) -> np.ndarray:
    """Return trust after one quarter of experience.

    Args:
        trust: current trust values (any shape), in [0, 1].
        good: same shape, True where the quarter brought progress, False for friction.
        params: trust parameters.
        communication: continuous-communication intensity, 0-1; multiplies the gain
            rate by ``1 + communication`` (regular contact builds trust faster). Under the
            ``symmetric`` rule the loss rate equals this gain rate.

    Returns:
        Updated trust, still in [0, 1].
    """
    gain = params.gain_rate * (1.0 + communication)
    loss = params.loss_rate if params.rule == "asymmetric" else gain
    new = np.where(good, trust + gain * (1.0 - trust), trust - loss * trust)
    return np.clip(new, 0.0, 1.0)


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
    pairs, inverse = np.unique(np.stack([lo, hi], axis=1), axis=0, return_inverse=True)
    any_bad = np.zeros(len(pairs), dtype=bool)
    np.logical_or.at(any_bad, inverse.ravel(), bad)
    return pairs[:, 0], pairs[:, 1], any_bad


def reputation(trust: np.ndarray, alive: np.ndarray) -> np.ndarray:
    """Reputation of each organisation: mean trust the other live organisations have in it."""
    m = trust[np.ix_(alive, alive)]
    n = m.shape[0]
    rep = np.full(trust.shape[0], 0.5)
    if n > 1:
        rep[alive] = (m.sum(axis=0) - 1.0) / (n - 1)
    return rep
