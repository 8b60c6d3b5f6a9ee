"""Regulators: review capacity, priority review and early engagement.

Each quarter an agency adds ``regulation.review_capacity_per_year / 4`` review slots and
``regulation.advice_slots_per_year / 4`` advice slots; how they are allocated (priority
first, then arrival) is :mod:`ecosim.regulation`. The review lasts its planned time
(shorter for a priority review) and succeeds with the review success probability
(:mod:`ecosim.development`). Whether a therapy's companion diagnostic is approved
together with it (``regulation.co_approve_diagnostic``) decides when patients can be
tested for it (:mod:`ecosim.market`).
"""

from __future__ import annotations

from ecosim.agents.base import Organisation
from ecosim.sectors import Sector
from ecosim.units import QUARTERS_PER_YEAR

__all__ = ["Regulator"]


class Regulator(Organisation):
    """A regulatory agency."""

    sector = Sector.regulator

    def step(self) -> None:
        """Offer this quarter's review and advice slots."""
        m = self.model_
        reg = m.params.regulation
        m.review_slots += reg.review_capacity_per_year / QUARTERS_PER_YEAR
        m.advice_slots += reg.advice_slots_per_year / QUARTERS_PER_YEAR
