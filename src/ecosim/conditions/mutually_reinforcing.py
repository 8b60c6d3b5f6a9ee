"""Mutually reinforcing activities: each does what it does best, coordinated.

- *Partner choice* (:mod:`ecosim.deals`): complementarity weighs ``1 + intensity x
  complementarity_weight`` in a partner's score, and the unseen fit's noise shrinks by
  ``intensity x noise_cut`` (partners matched by comparative advantage).
- *Trial network* (:mod:`ecosim.consortia`): it exists while the intensity is above 0;
  members' trials reach ``intensity x trial_network_reach`` more sites.
"""

from __future__ import annotations

import numpy as np

from ecosim.conditions.base import Condition, ConditionParams, register
from ecosim.parameters import param

__all__ = ["MutuallyReinforcing"]


class MutuallyReinforcingParams(ConditionParams):
    """Mutually reinforcing activities: matching by comparative advantage, a trial network."""

    complementarity_weight: float = param(
        4.0,
        "ratio",
        "Added weight of complementarity in a partner's score at full intensity (the "
        "base weight is 1).",
        assumption="coordinated matching puts complementarity first; the capability "
        "profiles of brokered against self-chosen partners would inform it",
        ge=0,
        le=100,
    )
    noise_cut: float = param(
        0.8,
        "fraction",
        "Share of the unseen fit's noise that coordinated matching removes at full intensity.",
        assumption="a matchmaker knows the partners well; the failure rates of brokered "
        "against self-chosen partnerships would inform it",
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
    """Partners matched by comparative advantage; a trial network."""

    name = "mutually_reinforcing"
    Params = MutuallyReinforcingParams

    def consortium_level(self) -> float:
        """How strongly the trial network works (it exists while above 0)."""
        return self.level

    def complementarity_weight(self, matched: np.ndarray) -> np.ndarray:
        """Weight of complementarity in a partner's score (matched: member and member)."""
        return 1.0 + self.params.complementarity_weight * self.level * matched

    def noise_factor(self, matched: np.ndarray) -> np.ndarray:
        """Multiplier of the partner score's noise (matched: member and member)."""
        return 1.0 - self.params.noise_cut * self.level * matched

    def trial_network_reach(self) -> float:
        """Extra site reach of a trial network member's trial."""
        return self.level * self.params.trial_network_reach
