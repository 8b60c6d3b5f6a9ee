"""Academic centres: basic science, biomarkers, data and trial sites.

Decision rule each quarter:

1. discover biomarkers (rate scaled by the centre's data access) and targets (scaled
   by its discovery capability);
2. pass a target on according to the IP regime: *exclusive*: license it to one firm
   (partner chosen by score, negotiation by trust); *shared*: co-develop it with a firm
   under joint ownership (an academic collaboration); *open*: publish it to the commons
   that any firm can start from;
3. keep its investigator-initiated trials open (they enrol patients and can close for
   poor accrual, like industry trials).
"""

from __future__ import annotations

from ecosim.agents.base import DATA, DISCOVERY, SECTOR_CAPABILITY, Organisation
from ecosim.scenario import IPRegime

__all__ = ["Academia"]


class Academia(Organisation):
    """An academic medical or research centre."""

    sector = "academia"

    def step(self) -> None:
        """Discover, hand on discoveries by IP regime, keep trials running."""
        m = self.model_
        params = m.params.academia
        mean_discovery, mean_data = (
            SECTOR_CAPABILITY["academia"][DISCOVERY],
            SECTOR_CAPABILITY["academia"][DATA],
        )
        # rates are given at the sector's average; more data or capability, more discoveries
        data = m.data_access[self.idx] / mean_data
        if m.rng.random() < params.biomarker_discoveries_per_year / 4.0 * data:
            m.knowledge.discover_biomarker(self, m.choose_biomarker_slot())
        skill = self.caps[DISCOVERY] / mean_discovery
        if m.rng.random() < params.target_discoveries_per_year / 4.0 * skill:
            subtype, target = m.choose_target(self)
            regime = m.params.ip.regime
            if regime == IPRegime.open:
                m.knowledge.publish_target(subtype, target)
            else:
                m.deals.license_target(self, subtype, target)
        m.academic_trials.replenish(self)
