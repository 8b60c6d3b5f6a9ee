"""Mutually reinforcing activities: each member does what it does best, coordinated.

- *Division of labour* (:mod:`ecosim.rules.partnering`): the initiative maps its
  members' strengths (an asset map). The intensity is how complete the map is: when a
  member chooses among members, it weighs their comparative advantage (a specialist in
  what it lacks) instead of their complementarity (the best all-rounder) in that share,
  and the fit it cannot see shrinks by ``intensity x noise_cut``. Every partner has a
  capacity (:mod:`ecosim.contribution`): a full one declines.
- *Trial network* (:mod:`ecosim.consortia`): it exists while the intensity is above 0.
  Each member provider opens ``intensity x network_capacity_per_provider`` trials' worth
  of sites to the network (the intensity is the share of its research capacity it
  commits), and the network's members' trials share them: a member trial's extra reach
  is the network's capacity over the member trials still recruiting, at most
  ``max_network_reach``. No member providers, no extra sites; more member trials, less
  each.
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
    network_capacity_per_provider: float = param(
        3.0,
        "trials",
        "Trial-site capacity a member provider opens to the trial network at full "
        "intensity, in the site footprints of a typical trial.",
        assumption="a care system hosts a few trials' worth of extra sites when it joins "
        "a network (NCI's NCORP: a few dozen community sites, each with many component "
        "sites, serve hundreds of trials); sites and trials per network member would "
        "inform it",
        ge=0,
        le=100,
    )
    max_network_reach: float = param(
        1.0,
        "ratio",
        "Most extra sites a member trial takes from the network, relative to its own.",
        assumption="a sponsor opens at most as many network sites as it runs itself; site "
        "counts of network-run against sponsor-run trials would inform it",
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

    def network_reach(self, member_providers: int, member_trials: int) -> float:
        """Extra site reach of each member trial (ratio to its own sites; 0 = none).

        The network's sites (member providers x their committed capacity) shared among
        the member trials recruiting, at most ``max_network_reach`` each.

        Args:
            member_providers: live care providers in the trial network.
            member_trials: trials of network members that still recruit this quarter.
        """
        if member_trials <= 0:
            return 0.0
        p = self.params
        capacity = self.level * member_providers * p.network_capacity_per_provider
        return min(capacity / member_trials, p.max_network_reach)
