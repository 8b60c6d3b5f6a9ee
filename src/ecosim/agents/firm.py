"""Behaviour shared by the two kinds of drug developer: pharma and biotech firms."""

from __future__ import annotations

import numpy as np

from ecosim.agents.base import Organisation
from ecosim.pipeline import Phase

__all__ = ["Firm"]


class Firm(Organisation):
    """A drug developer: starts programmes, pays for them, earns from approved ones."""

    def active_programmes(self) -> np.ndarray:
        """Ids of this firm's programmes still in development."""
        p = self.model_.programmes
        return np.flatnonzero((p.view("owner") == self.idx) & p.active_mask())

    def start_programmes(self, per_year: float) -> None:
        """Start new discovery programmes from the firm's own science (Poisson rate)."""
        m = self.model_
        for _ in range(m.rng.poisson(per_year / 4.0)):
            if len(self.active_programmes()) >= self.max_programmes():
                return
            m.start_programme(self, Phase.DISCOVERY)

    def max_programmes(self) -> int:
        """How many programmes the firm can run at once."""
        raise NotImplementedError
