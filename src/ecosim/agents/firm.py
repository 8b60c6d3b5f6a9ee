"""Behaviour shared by the two kinds of drug developer: pharma and biotech firms."""

from __future__ import annotations

import numpy as np

from ecosim import portfolio
from ecosim.agents.base import Organisation
from ecosim.perspectives import typical_buyer
from ecosim.pipeline import Phase
from ecosim.sectors import Sector
from ecosim.targets import choose_target, start_programme, target_scores
from ecosim.units import QUARTERS_PER_YEAR
from ecosim.valuation import new_programmes, seller_value, value

__all__ = ["Firm"]


class Firm(Organisation):
    """A drug developer: starts programmes, pays for them, earns from approved ones."""

    def active_programmes(self) -> np.ndarray:
        """Ids of this firm's programmes still in development, in id order."""
        return self.model_.programmes.active_of(self.idx)

    def start_programmes(self, per_year: float) -> None:
        """Turn ideas (a Poisson rate) into programmes worth starting.

        With targets in the commons, a share ``targets.open_target_uptake`` of ideas
        builds on the oldest one (a preclinical programme). Otherwise the firm chooses a
        target (:func:`ecosim.targets.choose_target`). It starts only a programme worth
        more than nothing to it, whose first year of cost fits its headroom
        (:func:`ecosim.portfolio.headroom`).
        """
        m = self.model_
        # values change only when a programme starts: ideas turned down reuse them
        open_worth: dict[tuple[int, int], float] = {}
        scores = None
        for _ in range(m.rng.poisson(per_year / QUARTERS_PER_YEAR)):
            if m.programmes.count_active(self.idx) >= self.max_programmes():
                return
            uptake = m.params.targets.open_target_uptake
            if m.knowledge.open_targets and m.rng.random() < uptake:
                subtype, target = m.knowledge.open_targets[0]
                phase = Phase.PRECLINICAL
                if (subtype, target) not in open_worth:
                    open_worth[subtype, target] = self.new_value(subtype, target, phase)
                if open_worth[subtype, target] > 0 and self._affordable(phase):
                    m.knowledge.take_open_target()
                    start_programme(m, self, phase, subtype, target, open_ip=True)
                    open_worth.clear()
                    scores = None
                continue
            if scores is None:
                scores = target_scores(m, self)
            subtype, target, worth = choose_target(m, self, scores)
            if worth > 0 and self._affordable(Phase.DISCOVERY):
                start_programme(m, self, Phase.DISCOVERY, subtype, target)
                m.initiative.agenda.record(self.idx, subtype)
                open_worth.clear()
                scores = None

    def new_value(self, subtype: int, target: int, phase: Phase) -> float:
        """Value to the firm of a new programme on a slot, starting in ``phase``."""
        m = self.model_
        slot = m.knowledge.slot(subtype, target)
        precision = np.array([m.knowledge.has_biomarker(self.idx, slot)])
        strength = np.where(precision, m.knowledge.strength[slot], 0.0)
        c = new_programmes(m, precision, np.array([subtype]), strength, phase)
        own = value(m, self.idx, c)
        if m.sector_code[self.idx] == m.SECTOR_CODES[Sector.pharma]:
            return float(own[0])
        return float(seller_value(m, own, value(m, typical_buyer(m), c))[0])

    def _affordable(self, phase: Phase) -> bool:
        """Whether a year of a new programme in ``phase`` fits the firm's headroom."""
        m = self.model_
        tab = m.phase_tables
        years = tab["duration"][phase] / QUARTERS_PER_YEAR
        first_year = tab["cost"][phase] * min(1.0, 1.0 / years) if years > 0 else 0.0
        return portfolio.headroom(m, self) >= first_year

    def max_programmes(self) -> int:
        """How many programmes the firm can run at once."""
        raise NotImplementedError
