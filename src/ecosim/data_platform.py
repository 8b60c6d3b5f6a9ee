"""The shared data platform: what members put in, what the pool is worth, and where.

Shared measurement is a data platform run by the data-sharing consortium
(:mod:`ecosim.consortia`), whose members are members of the initiative
(:mod:`ecosim.initiative`). Its value is grown from what members contribute:

- **Contribution.** Each member that does not free-ride contributes holdings
  ``h = intensity x data capability``: the intensity is the platform's scope (the share
  of its data types, genomic, clinical, outcome, that are pooled), the data capability
  what the member holds. Curating and sharing costs
  ``shared_measurement.curation_cost_musd_per_year`` per unit of holdings, paid every
  quarter from the member's cash (:meth:`DataPlatform.pay`). A free-rider contributes and
  pays nothing, and still uses the pool.
- **Pool by region.** What a member in region r can use is the data held in r plus
  ``1 - data_sharing_restriction`` of the data held elsewhere (cross-border rules).
- **Value.** ``v_r = S_r / (S_r + half_saturation)``: the chance that a question put to
  the pool (a biomarker hypothesis, a patient to match to a trial, a treated patient to
  follow) finds enough data. It grows with what is contributed, with diminishing returns,
  and is 0 when nothing is.
- **Uses** (members only): data access rises by ``pool_gain x v_r`` of the gap to full
  access (discovery, preclinical, phase II; :mod:`ecosim.development`); member providers
  route tested patients away from trial sites to trials with chance ``v_r``
  (:mod:`ecosim.care`), and count the trials a positive patient can be matched to among
  the options that make a test useful (:mod:`ecosim.agents.provider`); member payers see
  outcome data for a share ``v_r`` of their patients (:mod:`ecosim.market`).

The platform is read once a quarter, at its start (:meth:`DataPlatform.refresh`), so
every use in a quarter sees the same pool.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.pipeline import in_trial
from ecosim.sectors import Capability, Sector
from ecosim.units import QUARTERS_PER_YEAR

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["DataPlatform"]


class DataPlatform:
    """Holdings, pools and value of the shared data platform, as of this quarter."""

    def __init__(self, model: EcosystemModel):
        self.model = model
        regions = model.params.population.regions
        self.holdings = np.zeros(0)  # contributed holdings by organisation row
        self.value_by_region = np.zeros(regions)  # v_r, 0-1
        self.trial_options = 0  # biomarker-selected trials running, to match positives to
        self._region = np.zeros(0, dtype=np.int64)

    def regions_of(self, rows: np.ndarray) -> np.ndarray:
        """Home region of organisations ``rows`` (regions never change)."""
        m = self.model
        if len(self._region) < m.n_orgs:
            old = len(self._region)
            new = [m.org(i).region for i in range(old, m.n_orgs)]
            self._region = np.concatenate([self._region, np.array(new, dtype=np.int64)])
        return self._region[rows]

    def refresh(self) -> None:
        """Read this quarter's contributions and the value of each region's pool."""
        m = self.model
        sm = m.conditions.shared_measurement
        n = m.n_orgs
        contributes = (
            m.consortia.members["data_sharing"][:n] & m.alive[:n] & ~m.initiative.free_rider[:n]
        )
        self.holdings = contributes * sm.scope() * m.caps[:n, Capability.data]
        self.value_by_region = self._value(self.holdings)
        p = m.programmes
        act = p.active_ids()
        live = in_trial(p.phase[act]) & p.precision[act]
        self.trial_options = int(np.count_nonzero(live)) if self.holdings.any() else 0

    def _value(self, holdings: np.ndarray) -> np.ndarray:
        """Value of each region's usable pool given holdings by organisation row."""
        sm = self.model.conditions.shared_measurement
        regions = len(self.value_by_region)
        rows = np.arange(len(holdings))
        held = np.bincount(self.regions_of(rows), weights=holdings, minlength=regions)
        return sm.pool_value(sm.usable_pool(held))

    def prospective_value(self, row: int) -> float:
        """Value of the pool to ``row`` once the initiative's members all contribute.

        What an organisation weighing membership expects: every member that gives effort,
        and itself, contributing its holdings (:mod:`ecosim.initiative`).
        """
        m = self.model
        n = m.n_orgs
        sm = m.conditions.shared_measurement
        gives = m.initiative.members() & ~m.initiative.free_rider[:n]
        gives[row] = True
        value = self._value(gives * sm.scope() * m.caps[:n, Capability.data])
        return float(value[self.regions_of(np.array([row]))[0]])

    def value_for(self, rows: np.ndarray) -> np.ndarray:
        """Value of the pool to organisations ``rows`` if they are members (0-1)."""
        return self.value_by_region[self.regions_of(rows)]

    def data_access(self, own: np.ndarray) -> np.ndarray:
        """Data access of every organisation given its own data capability (0-1)."""
        m = self.model
        n = len(own)
        mem = m.consortia.members["data_sharing"][:n]
        gain = m.conditions.shared_measurement.params.pool_gain * self.value_for(np.arange(n))
        return own + mem * gain * (1.0 - own)

    def member_value(self, rows: np.ndarray) -> np.ndarray:
        """Value of the pool to ``rows``: ``v_r`` for members, 0 for everyone else."""
        return self.model.consortia.members["data_sharing"][rows] * self.value_for(rows)

    def matchable_trials(self, row: int) -> float:
        """Trials a positive patient of provider ``row`` can expect to be matched to.

        The biomarker-selected trials running, times the chance of a match (``v_r`` for a
        member, 0 for anyone else).
        """
        return self.trial_options * float(self.member_value(np.array([row]))[0])

    def routing(self) -> np.ndarray:
        """Chance that a tested patient away from trial sites is routed to a trial, by region.

        Only member providers route; each finds a match with chance ``v_r``.
        """
        m = self.model
        regions = len(self.value_by_region)
        rows = m.live_indices(Sector.provider)
        if len(rows) == 0:
            return np.zeros(regions)
        home = self.regions_of(rows)
        total = np.bincount(home, minlength=regions)
        routed = np.bincount(home, weights=self.member_value(rows), minlength=regions)
        return np.divide(routed, total, out=np.zeros(regions), where=total > 0)

    def outcome_data(self) -> float:
        """Coverage of shared outcome data (0-1): member payers' patients the pool follows."""
        m = self.model
        if not m.payers:
            return 0.0
        rows = np.array([p.idx for p in m.payers])
        return float(self.member_value(rows).mean())

    def yearly_cost(self, rows: np.ndarray) -> np.ndarray:
        """What contributing costs organisations ``rows`` a year (million USD).

        The cost of the holdings each would contribute at the platform's scope.
        """
        m = self.model
        sm = m.conditions.shared_measurement
        return sm.scope() * m.caps[rows, Capability.data] * sm.params.curation_cost_musd_per_year

    def pay(self) -> None:
        """Contributors pay this quarter's curation (million USD); it is spent."""
        m = self.model
        rows = np.flatnonzero(self.holdings > 0)
        rows = rows[m.alive[rows]]
        if len(rows) == 0:
            return
        cost = self.yearly_cost(rows) / QUARTERS_PER_YEAR
        m.pay_costs(rows, "data_contribution", cost)
        m.record_spend("initiative", float(cost.sum()))
