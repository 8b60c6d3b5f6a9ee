"""Regulators: review capacity, review time and the evidence bar.

An agency reviews up to ``regulation.review_capacity_per_year`` submissions a year;
submissions beyond that wait in a queue. Whether a therapy's companion diagnostic is
approved together with it (``regulation.co_approve_diagnostic``) decides when patients
can be tested for it. Early engagement shortens phase III (handled in the pipeline).
"""

from __future__ import annotations

from ecosim.agents.base import Organisation

__all__ = ["Regulator"]


class Regulator(Organisation):
    """A regulatory agency."""

    sector = "regulator"

    def step(self) -> None:
        """Offer this quarter's review slots."""
        m = self.model_
        m.review_slots += m.params.regulation.review_capacity_per_year / 4.0
