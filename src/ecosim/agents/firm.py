"""Behaviour shared by the two kinds of drug developer: pharma and biotech firms."""

from __future__ import annotations

import numpy as np

from ecosim.agents.base import Organisation
from ecosim.pipeline import Phase
from ecosim.targets import start_programme
from ecosim.units import QUARTERS_PER_YEAR

__all__ = ["Firm"]


class Firm(Organisation):
    """A drug developer: starts programmes, pays for them, earns from approved ones."""

    def active_programmes(self) -> np.ndarray:
        """Ids of this firm's programmes still in development, in id order."""
        return self.model_.programmes.active_of(self.idx)

    def start_programmes(self, per_year: float) -> None:
        """Start new discovery programmes from the firm's own science (Poisson rate)."""
        m = self.model_
        for _ in range(m.rng.poisson(per_year / QUARTERS_PER_YEAR)):
            if m.programmes.count_active(self.idx) >= self.max_programmes():
                return
            start_programme(m, self, Phase.DISCOVERY)

    def max_programmes(self) -> int:
        """How many programmes the firm can run at once."""
        raise NotImplementedError
