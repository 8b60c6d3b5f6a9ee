"""Trial accrual: trials compete for the eligible patients of their subtype.

Each quarter, the patients of a subtype who have a trial site within reach, meet the
eligibility criteria and accept (Unger et al. 2019, 2021) form a pool. Biomarker-selected
trials draw only on biomarker-positive patients: those screened at trial sites, plus
tested positive patients elsewhere whom a shared data platform routes to a trial.
Open trials on a subtype split its pool in proportion to their planned accrual rate;
a trial in a trial network or with an academic collaborator reaches more sites. A
trial never enrols faster than its plan.

Investigator-initiated trials of academic centres are kept in :class:`AcademicTrials`
and compete for the same pools.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ecosim.agents.academia import Academia
    from ecosim.model import EcosystemModel

__all__ = ["AcademicTrials", "allocate", "closure_due"]


def allocate(
    subtype: np.ndarray,
    selected: np.ndarray,
    demand: np.ndarray,
    recruit: np.ndarray,
    reach: np.ndarray,
    pool_unselected: np.ndarray,
    pool_selected: np.ndarray,
) -> np.ndarray:
    """Patients each trial enrols this quarter.

    A trial's capacity is its planned rate times its recruiting power (``recruit``,
    log-normal around 1) times its extra reach. Trials on a subtype share the pool in
    proportion to capacity; a trial enrols the least of its plan, its capacity and its
    share of the pool.

    Args:
        subtype: subtype of each trial.
        selected: True for biomarker-selected trials.
        demand: planned accrual of each trial (patients/quarter).
        recruit: recruiting power of each trial relative to plan.
        reach: extra site reach of each trial (0 = typical sites).
        pool_unselected: per subtype, patients available to unselected trials.
        pool_selected: per subtype, biomarker-positive patients available.

    Returns:
        Enrolment of each trial this quarter (patients).
    """
    n_s = len(pool_unselected)
    key = subtype + n_s * selected.astype(np.int64)
    pools = np.concatenate([pool_unselected, pool_selected])
    capacity = demand * recruit * (1.0 + reach)
    total = np.bincount(key, weights=capacity, minlength=2 * n_s)
    share = pools[key] * capacity / np.maximum(total[key], 1e-12)
    return np.minimum(demand, np.minimum(capacity, share))


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
    expected = target * np.minimum(t / np.maximum(planned, 1e-9), 1.0)
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
        self.completed = 0
        self.closed = 0

    def replenish(self, centre: Academia) -> None:
        """Open trials until the centre has its quota, on subtypes drawn by incidence."""
        m = self.model
        quota = m.params.academia.trials_per_centre
        missing = quota - int((self.owner == centre.idx).sum())
        if missing <= 0:
            return
        weights = m.patients.incidence.sum(axis=0)
        subs = m.rng.choice(len(weights), missing, p=weights / weights.sum())
        self.owner = np.concatenate([self.owner, np.full(missing, centre.idx)])
        self.subtype = np.concatenate([self.subtype, subs])
        self.enrolled = np.concatenate([self.enrolled, np.zeros(missing)])
        self.t = np.concatenate([self.t, np.zeros(missing)])
        spread = m.params.pipeline.trial_recruitment_spread
        self.recruit = np.concatenate([self.recruit, m.rng.lognormal(0.0, spread, missing)])

    def demand(self) -> np.ndarray:
        """Planned accrual of each open trial (patients/quarter)."""
        a = self.model.params.academia
        return np.full(len(self.owner), a.trial_enrolment / (a.trial_duration_years * 4))

    def advance(self, enrolled_now: np.ndarray) -> tuple[int, int]:
        """Add this quarter's enrolment; close or complete trials; return (done, closed)."""
        m = self.model
        a, pp = m.params.academia, m.params.pipeline
        self.enrolled += enrolled_now
        self.t += 1
        planned = np.full(len(self.t), a.trial_duration_years * 4)
        target = np.full(len(self.t), float(a.trial_enrolment))
        done = (self.enrolled >= target - 1e-9) & (self.t >= planned)
        closed = ~done & closure_due(
            self.t,
            planned,
            self.enrolled,
            target,
            pp.accrual_grace_years * 4,
            pp.accrual_close_threshold,
            pp.max_accrual_extension,
        )
        keep = ~(done | closed)
        for name in ("owner", "subtype", "enrolled", "t", "recruit"):
            setattr(self, name, getattr(self, name)[keep])
        n_done, n_closed = int(done.sum()), int(closed.sum())
        self.completed += n_done
        self.closed += n_closed
        return n_done, n_closed

    def remove_owner(self, idx: int) -> None:
        """Drop the trials of an organisation that left."""
        keep = self.owner != idx
        for name in ("owner", "subtype", "enrolled", "t", "recruit"):
            setattr(self, name, getattr(self, name)[keep])
