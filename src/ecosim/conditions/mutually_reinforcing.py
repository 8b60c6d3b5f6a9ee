"""Mutually reinforcing activities: each member does what it does best, coordinated.

- *Division of labour* (:mod:`ecosim.rules.partnering`): the initiative maps its
  members' strengths (an asset map). The intensity is how complete the map is: when a
  member chooses among members, it weighs their comparative advantage (a specialist in
  what it lacks) instead of their complementarity (the best all-rounder) in that share,
  and the fit it cannot see shrinks by ``intensity x noise_cut``. Every partner has a
  capacity (:mod:`ecosim.contribution`): a full one declines.
- *Trial network* (:mod:`ecosim.consortia`): it exists while the intensity is above 0;
  members' trials reach ``intensity x trial_network_reach`` more sites.
"""

from __future__ import annotations

import numpy as np

from ecosim.conditions.base import Condition, ConditionParams, register
from ecosim.parameters import param
from ecosim.rules.partnering import comparative_advantage, complementarity

__all__ = ["MutuallyReinforcing"]


class MutuallyReinforcingParams(ConditionParams):
    """Mutually reinforcing activities: a map of members' strengths, a trial network."""

    noise_cut: float = param(
        0.8,
        "fraction",
        "Share of the unseen fit's noise that a complete map of members' strengths removes "
        "for a member choosing among members.",
        assumption="an asset map shows partners' strengths but not their working "
        "styles; the failure rates of brokered against self-chosen partnerships would "
        "inform it",
        ge=0,
        le=1,
    )
    trial_network_reach: float = param(
        0.6,
        "ratio",
        "Extra relative site reach of a member's trial at full intensity.",
        assumption="site networks such as NCI's NCORP widen recruitment; their accrual "
        "figures would inform it",
        ge=0,
        le=10,
    )


@register
class MutuallyReinforcing(Condition):
    """Members choose partners by comparative advantage; a trial network."""

    name = "mutually_reinforcing"
    Params = MutuallyReinforcingParams

    def consortium_level(self) -> float:
        """How strongly the trial network works (it exists while above 0)."""
        return self.level

    def fit(self, own: np.ndarray, others: np.ndarray, matched: np.ndarray) -> np.ndarray:
        """What each candidate adds as the chooser sees it (capability units).

        Complementarity, or for a member choosing among members (``matched``) comparative
        advantage in the share of members the map covers (the intensity).
        """
        comp = complementarity(own, others)
        mapped = self.level * matched
        if not np.any(mapped):
            return comp
        return comp + mapped * (comparative_advantage(own, others) - comp)

    def noise_factor(self, matched: np.ndarray) -> np.ndarray:
        """Multiplier of the partner score's noise (matched: member and member)."""
        return 1.0 - self.params.noise_cut * self.level * matched

    def trial_network_reach(self) -> float:
        """Extra site reach of a trial network member's trial."""
        return self.level * self.params.trial_network_reach
