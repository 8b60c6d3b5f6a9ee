"""Where patient organisations put their outreach: awareness or trial navigation, by need.

A patient organisation has a fixed staff effort (``outreach.intensity``, a share of full
outreach). Each quarter it splits the effort between two activities by the size of the
need each addresses in the region it serves (an allocation by need; an assumption):

- *awareness campaigns*, for the share of new patients not aware of genomic testing;
- *trial navigation*, for the share of eligible patients offered a trial who decline.

So as awareness rises, campaigns give way to navigation. Without coordination each
organisation works in its home region; a backbone organisation coordinates a share of
every organisation's effort (its intensity) and directs it to the regions with the most
unaware patients (:func:`need_weights`), where the same effort reaches the most people.
Coordination moves effort; it does not add any. Campaigns are funded from outside the
ecosystem (donations), as before.
"""

from __future__ import annotations

import numpy as np

from ecosim.units import HALF

__all__ = ["awareness_share", "need_weights"]


def awareness_share(awareness: np.ndarray, trial_acceptance: float) -> np.ndarray:
    """Share of effort each region's campaigns give to awareness (the rest to navigation).

    Args:
        awareness: share of new patients aware of testing, by region (0-1).
        trial_acceptance: share of eligible patients offered a trial who enrol (0-1).

    Returns:
        The unaware share over the sum of the unaware and the declining shares, by
        region; 0.5 where neither need remains.
    """
    unaware = 1.0 - awareness
    need = unaware + (1.0 - trial_acceptance)
    return np.divide(unaware, need, out=np.full_like(unaware, HALF), where=need > 0)


def need_weights(awareness: np.ndarray, patients: np.ndarray) -> np.ndarray:
    """Where coordinated effort goes: regions weighted by their unaware patients.

    Args:
        awareness: share of new patients aware of testing, by region (0-1).
        patients: new patients per quarter, by region.

    Returns:
        Weights by region summing to 1 (equal weights when nobody is unaware).
    """
    unaware = (1.0 - awareness) * patients
    total = unaware.sum()
    if total <= 0:
        return np.full(len(awareness), 1.0 / len(awareness))
    return unaware / total
