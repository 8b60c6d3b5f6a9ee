"""Reputation travels along ties: what my partners say about you.

Two organisations become acquainted when they work together (a partnership is formed,
or they meet as consortium members); acquaintance is kept for the rest of the run
(``EcosystemModel.acquainted``, symmetric). Trust between organisations that never
worked together stays at its sector-pair start and says nothing about behaviour, so it is
not passed on: the reputation of a candidate j in the eyes of a chooser i is the mean trust
in j of i's acquaintances who are acquainted with j, and ``trust.reputation_prior`` when
none of them is. Repeat partnering and clustered networks can grow from this: good
experiences travel to the friends of one's partners.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["acquaint", "seen_by"]


def acquaint(m: EcosystemModel, a: np.ndarray | int, b: np.ndarray | int) -> None:
    """Record that ``a`` and ``b`` (rows, element-wise) have worked together."""
    m.acquainted[a, b] = True
    m.acquainted[b, a] = True


def seen_by(m: EcosystemModel, chooser: int, options: np.ndarray) -> np.ndarray:
    """Reputation of each of ``options`` among the acquaintances of ``chooser`` (0-1)."""
    n = m.n_orgs
    friends = m.acquainted[chooser, :n] & m.alive[:n]
    friends[chooser] = False
    knows = m.acquainted[:n, options] & friends[:, None]
    knows[options, np.arange(len(options))] = False  # what a candidate says of itself
    count = knows.sum(axis=0)
    said = np.where(knows, m.trust[:n, options], 0.0).sum(axis=0)
    prior = m.params.trust.reputation_prior
    return np.where(count > 0, said / np.maximum(count, 1), prior)
