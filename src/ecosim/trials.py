"""Trial accrual: trials compete for the eligible patients of their subtype.

Each quarter, the patients of a subtype who have a trial site within reach, meet the
eligibility criteria and accept (Unger et al. 2019, 2021) form a pool. Biomarker-selected
trials draw only on tested biomarker-positive patients: at trial sites those tested in
routine care and those the trial screens (at its sponsor's cost), plus tested positive
patients elsewhere whom a shared data platform routes to a trial.
Open trials on a subtype split its pool in proportion to their capacity (planned rate
times recruiting power times reach); a trial in a trial network or with an academic
collaborator reaches more sites. A trial never enrols faster than its plan nor more
than it still needs.

Investigator-initiated trials of academic centres are kept in :class:`AcademicTrials`
and compete for the same pools.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ecosim.units import QUARTERS_PER_YEAR, TINY, TOLERANCE

if TYPE_CHECKING:
    from ecosim.agents.academia import Academia
    from ecosim.model import EcosystemModel

__all__ = ["AcademicTrials", "TrialPools", "allocate", "closure_due", "enrol"]


@dataclass
class TrialPools:
    """Patients per subtype available to trials this quarter.

    Attributes:
        negative: biomarker-negative patients at trial sites (eligible, accepting).
        positive: biomarker-positive patients at trial sites.
        routed: biomarker-positive tested patients elsewhere, routed by a shared data
            platform (they enrol only in biomarker-selected trials).
        screened: share of ``positive`` not tested in routine care: a
            biomarker-selected trial that enrols them has screened them itself, one
            test per patient screened (``1 / prevalence`` per positive found).
    """

    negative: np.ndarray
    positive: np.ndarray
    routed: np.ndarray
    screened: np.ndarray

    def screening_tests(self, subtype: np.ndarray, enrolled: np.ndarray, prevalence: np.ndarray):
        """Tests that biomarker-selected trials ran to find the patients they enrolled.

        Enrolment from the pool of a subtype is split between sites and routed patients
        in proportion to the pools; routed patients arrive tested.
        """
        pool = self.positive + self.routed
        from_sites = np.divide(self.positive, pool, out=np.zeros_like(pool), where=pool > 0)
        found = enrolled * from_sites[subtype] * self.screened[subtype]
        return found / np.maximum(prevalence[subtype], TINY)


def enrol(
    subtype: np.ndarray,
    selected: np.ndarray,
    demand: np.ndarray,
    recruit: np.ndarray,
    reach: np.ndarray,
    pools: TrialPools,
    need: np.ndarray | None = None,
) -> np.ndarray:
    """Enrolment of every trial this quarter, without counting a patient twice.

    Biomarker-selected trials recruit first, from positive patients at trial sites and
    routed ones; positive patients at sites whom they do not take join the negative
    ones in the pool of unselected trials.
    """
    got = np.zeros(len(demand))
    need = demand if need is None else need
    n_s = len(pools.negative)
    none = np.zeros(n_s)
    sel = np.flatnonzero(selected)
    got[sel] = allocate(
        subtype[sel],
        selected[sel],
        demand[sel],
        recruit[sel],
        reach[sel],
        none,
        pools.positive + pools.routed,
        need[sel],
    )
    taken = np.bincount(subtype[sel], weights=got[sel], minlength=n_s)
    left_at_sites = np.maximum(pools.positive - np.maximum(taken - pools.routed, 0.0), 0.0)
    uns = np.flatnonzero(~selected)
    got[uns] = allocate(
        subtype[uns],
        selected[uns],
        demand[uns],
        recruit[uns],
        reach[uns],
        pools.negative + left_at_sites,
        none,
        need[uns],
    )
    return got


def allocate(
    subtype: np.ndarray,
    selected: np.ndarray,
    demand: np.ndarray,
    recruit: np.ndarray,
    reach: np.ndarray,
    pool_unselected: np.ndarray,
    pool_selected: np.ndarray,
    need: np.ndarray | None = None,
) -> np.ndarray:
    """Patients each trial enrols this quarter.

    A trial's capacity is its planned rate times its recruiting power (``recruit``,
    log-normal around 1) times its extra reach. Trials on a subtype share the pool in
    proportion to capacity; a trial enrols the least of its plan, its capacity, its
    share of the pool and the patients it still needs.

    Args:
        subtype: subtype of each trial.
        selected: True for biomarker-selected trials.
        demand: planned accrual of each trial (patients/quarter).
        recruit: recruiting power of each trial relative to plan.
        reach: extra site reach of each trial (0 = typical sites).
        pool_unselected: per subtype, patients available to unselected trials.
        pool_selected: per subtype, biomarker-positive patients available.
        need: patients each trial still needs (default: no limit beyond the plan).

    Returns:
        Enrolment of each trial this quarter (patients).
    """
    n_s = len(pool_unselected)
    key = subtype + n_s * selected.astype(np.int64)
    pools = np.concatenate([pool_unselected, pool_selected])
    capacity = demand * recruit * (1.0 + reach)
    total = np.bincount(key, weights=capacity, minlength=len(pools))
    share = pools[key] * capacity / np.maximum(total[key], TINY)
    got = np.minimum(demand, np.minimum(capacity, share))
    return got if need is None else np.minimum(got, need)


def closure_due(
    t: np.ndarray,
    planned: np.ndarray,
    enrolled: np.ndarray,
    target: np.ndarray,
    grace: float,
    threshold: float,
    max_extension: float,
) -> np.ndarray:
    """Trials to close for poor accrual.

    A trial closes when, after the grace period, it has enrolled less than ``threshold``
    of what its plan expected by now, or when it has run ``max_extension`` times its
    planned duration without reaching its target.
    """
    expected = target * np.minimum(t / np.maximum(planned, TOLERANCE), 1.0)
    slow = (t >= grace) & (enrolled < threshold * expected)
    overdue = (t >= max_extension * planned) & (enrolled < target)
    return slow | overdue


class AcademicTrials:
    """Investigator-initiated trials, column-wise (subtype, enrolment, time)."""

    def __init__(self, model: EcosystemModel):
        self.model = model
        self.owner = np.zeros(0, dtype=np.int64)
        self.subtype = np.zeros(0, dtype=np.int64)
        self.enrolled = np.zeros(0)
        self.t = np.zeros(0)
        self.recruit = np.zeros(0)
        self.open_of: dict[int, int] = {}  # open trials per centre (kept with the columns)

    def replenish(self, centre: Academia) -> None:
        """Open trials until the centre has its quota, on subtypes drawn by incidence."""
        m = self.model
        quota = m.params.academia.trials_per_centre
        missing = quota - self.open_of.get(centre.idx, 0)
        if missing <= 0:
            return
        self.open_of[centre.idx] = quota
        subs = m.patients.draw_subtypes(m.rng, missing)
        self.owner = np.concatenate([self.owner, np.full(missing, centre.idx)])
        self.subtype = np.concatenate([self.subtype, subs])
        self.enrolled = np.concatenate([self.enrolled, np.zeros(missing)])
        self.t = np.concatenate([self.t, np.zeros(missing)])
        spread = m.params.pipeline.trial_recruitment_spread
        self.recruit = np.concatenate([self.recruit, m.rng.lognormal(0.0, spread, missing)])
        m.tally["trials_started"] += missing

    def demand(self) -> np.ndarray:
        """Planned accrual of each open trial (patients/quarter)."""
        a = self.model.params.academia
        return np.full(
            len(self.owner), a.trial_enrolment / (a.trial_duration_years * QUARTERS_PER_YEAR)
        )

    def need(self) -> np.ndarray:
        """Patients each open trial still needs."""
        return np.maximum(self.model.params.academia.trial_enrolment - self.enrolled, 0.0)

    def advance(self, enrolled_now: np.ndarray) -> tuple[int, int]:
        """Add this quarter's enrolment; close or complete trials; return (done, closed)."""
        m = self.model
        a, pp = m.params.academia, m.params.pipeline
        self.enrolled += enrolled_now
        self.t += 1
        planned = np.full(len(self.t), a.trial_duration_years * QUARTERS_PER_YEAR)
        target = np.full(len(self.t), float(a.trial_enrolment))
        done = (self.enrolled >= target - TOLERANCE) & (self.t >= planned)
        closed = ~done & closure_due(
            self.t,
            planned,
            self.enrolled,
            target,
            pp.accrual_grace_years * QUARTERS_PER_YEAR,
            pp.accrual_close_threshold,
            pp.max_accrual_extension,
        )
        keep = ~(done | closed)
        for owner in self.owner[~keep].tolist():
            self.open_of[owner] -= 1
        for name in ("owner", "subtype", "enrolled", "t", "recruit"):
            setattr(self, name, getattr(self, name)[keep])
        return int(done.sum()), int(closed.sum())

    def remove_owner(self, idx: int) -> None:
        """Drop the trials of an organisation that left."""
        keep = self.owner != idx
        self.open_of.pop(idx, None)
        for name in ("owner", "subtype", "enrolled", "t", "recruit"):
            setattr(self, name, getattr(self, name)[keep])
