"""Common agenda: a shared view of the problem and of priorities.

- *Target choice* (:mod:`ecosim.targets`): the shared priority of neglected subtypes adds
  ``intensity x max(0, log(mean share / share) + neglect_bonus [no programme on it])``
  to a subtype's attractiveness, and early programmes become visible (transparency).
- *Research* (:mod:`ecosim.targets`): biomarker discovery follows unmet need (slots
  without a public biomarker) instead of the market, in proportion to the intensity.
"""

from __future__ import annotations

import numpy as np

from ecosim.conditions.base import Condition, ConditionParams, register
from ecosim.parameters import param
from ecosim.units import TINY

__all__ = ["CommonAgenda"]


class CommonAgendaParams(ConditionParams):
    """Common agenda: organisations align target choice with shared priorities."""

    neglect_bonus: float = param(
        1.0,
        "log units",
        "Added priority of a subtype nobody works on, at full intensity.",
        assumption="the agenda names neglected subtypes explicitly; priority-setting "
        "exercises would inform it",
        ge=0,
        le=10,
    )
    public_slot_weight: float = param(
        0.001,
        "weight",
        "Research weight of a slot that already has a public biomarker, relative to an "
        "unmet one, under the agenda.",
        assumption="the agenda steers research almost entirely to unmet slots; research "
        "portfolios of agenda-setting initiatives would inform it",
        ge=0,
        le=1,
    )


@register
class CommonAgenda(Condition):
    """Organisations align target choice and research with shared priorities."""

    name = "common_agenda"
    Params = CommonAgendaParams

    def transparency(self) -> float:
        """Agreeing an agenda shows who is working on what."""
        return self.level

    def target_bonus(
        self, share: np.ndarray, programmes_per_subtype: np.ndarray, member: bool
    ) -> np.ndarray:
        """Added attractiveness of each subtype (log units) to a member choosing targets."""
        need = np.log(share.mean() / np.maximum(share, TINY)) + self.params.neglect_bonus * (
            programmes_per_subtype == 0
        )
        return self.level * member * np.clip(need, 0, None)

    def research_weights(
        self, market_pull: np.ndarray, public: np.ndarray, member: bool
    ) -> np.ndarray:
        """Weights of each slot for a centre's next biomarker discovery (unnormalised)."""
        unmet = (~public).astype(float) + self.params.public_slot_weight
        level = self.level * member
        return (1 - level) * market_pull + level * unmet / unmet.sum()
