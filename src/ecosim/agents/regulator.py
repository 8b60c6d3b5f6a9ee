"""Regulators: review capacity and review time.

An agency reviews up to ``regulation.review_capacity_per_year`` submissions a year;
submissions beyond that wait in a queue, in order of arrival. The review lasts
``pipeline.review.duration_years`` and succeeds with the review success probability
(the evidence bar, :mod:`ecosim.development`). Whether a therapy's companion diagnostic
is approved together with it (``regulation.co_approve_diagnostic``) decides when patients
can be tested for it (:mod:`ecosim.market`). Early engagement shortens phase III
(:func:`ecosim.development.enter_phase`).
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
        """Offer this quarter's review slots."""
        m = self.model_
        m.review_slots += m.params.regulation.review_capacity_per_year / QUARTERS_PER_YEAR
