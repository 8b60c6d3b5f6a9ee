"""Academic centres: basic science, biomarkers, data and trial sites.

Decision rule each quarter:

1. discover biomarkers (rate scaled by the centre's data access) and targets (scaled
   by its discovery capability);
2. pass a target on as the IP regime says (:meth:`ecosim.rules.ip.IPRule.
   target_discovered`): license it to one firm, co-develop it with one, or publish it to
   the commons that any firm can start from;
3. keep its investigator-initiated trials open (they enrol patients and can close for
   poor accrual, like industry trials).
"""

from __future__ import annotations

from ecosim.agents.base import Organisation
from ecosim.sectors import Capability, Sector
from ecosim.targets import choose_biomarker_slot, choose_target
from ecosim.units import QUARTERS_PER_YEAR

__all__ = ["Academia"]


class Academia(Organisation):
    """An academic medical or research centre."""

    sector = Sector.academia

    def step(self) -> None:
        """Discover, hand on discoveries by IP regime, keep trials running."""
        m = self.model_
        params = m.params.academia
        means = m.params.capabilities.academia
        # rates are given at the sector's average; more data or capability, more discoveries
        data = m.data_access[self.idx] / means.data
        if m.rng.random() < params.biomarker_discoveries_per_year / QUARTERS_PER_YEAR * data:
            m.knowledge.discover_biomarker(self, choose_biomarker_slot(m, self.idx))
        skill = self.caps[Capability.discovery] / means.discovery
        if m.rng.random() < params.target_discoveries_per_year / QUARTERS_PER_YEAR * skill:
            subtype, target, _ = choose_target(m, self)
            m.initiative.agenda.record(self.idx, subtype)
            m.ip.target_discovered(m, self, subtype, target)
        m.academic_trials.replenish(self)
