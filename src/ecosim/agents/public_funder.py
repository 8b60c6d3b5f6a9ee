"""A public funder: co-funds pre-competitive research of a public-private partnership.

Exists only when ``public_funding.budget_musd_per_year > 0``. Each year its budget is
renewed. Members of the public-private consortium (:mod:`ecosim.consortia`) get
``public_funding.cofunding_share`` of the cost of their discovery and preclinical
programmes paid, while the year's budget lasts (:func:`ecosim.development.advance`).
"""

from __future__ import annotations

import numpy as np

from ecosim.agents.base import Organisation
from ecosim.sectors import Sector
from ecosim.units import QUARTERS_PER_YEAR

__all__ = ["PublicFunder"]


class PublicFunder(Organisation):
    """A public research funder."""

    sector = Sector.public_funder

    def __init__(self, model, region: int):
        super().__init__(model, region)
        self.budget_left = model.params.public_funding.budget_musd_per_year

    def step(self) -> None:
        """Renew the budget at the start of each year."""
        m = self.model_
        if m.steps % QUARTERS_PER_YEAR == 1:
            self.budget_left = m.params.public_funding.budget_musd_per_year

    def cofund(self, eligible_cost: np.ndarray) -> np.ndarray:
        """Pay the co-funded share of eligible costs (million USD) while budget lasts.

        Returns the amount paid for each cost; when the budget cannot cover them all,
        every one is scaled down by the same factor.
        """
        want = eligible_cost * self.model_.params.public_funding.cofunding_share
        total = float(want.sum())
        if total <= 0 or self.budget_left <= 0:
            return np.zeros_like(want)
        scale = min(1.0, self.budget_left / total)
        self.budget_left -= total * scale
        return want * scale
