"""What firms believe about the chance of success of each phase.

Results of every phase completion (success or failure) and of every trial closed for
poor accrual (a failure) are reported by phase and kind (biomarker-selected or not);
they enter the public record, and firms' beliefs, at the end of each year
(:meth:`TrackRecord.publish`: trial registries and annual reports; firms revise their
benchmarks yearly), so firms decide on what was known when the year began. Each firm's
own results also enter its own record. A firm's belief that a phase succeeds is the Beta
posterior mean

    (k x prior + public successes + (w - 1) x own successes)
    / (k + public results + (w - 1) x own results),

with ``k = valuation.prior_strength`` at the published rate
(``valuation.prior_success``) and own results weighted ``w = valuation.own_weight``
(they are in the public record once already). Strategic stops say nothing about
science and are not recorded.
"""

from __future__ import annotations

import numpy as np

from ecosim.pipeline import PHASE_KEYS
from ecosim.scenario.valuation import Valuation

__all__ = ["KINDS", "TrackRecord"]

KINDS = ("unselected", "precision")
"""Kinds of programme, by index (the ``precision`` flag as an integer)."""


class TrackRecord:
    """Public and own results by kind and phase (successes and results)."""

    def __init__(self, params: Valuation, capacity: int):
        self.params = params
        n = len(PHASE_KEYS)
        self.prior = np.array([getattr(params.prior_success, k) for k in PHASE_KEYS])
        kinds = len(KINDS)
        self.public_ok = np.zeros((kinds, n))
        self.public_n = np.zeros((kinds, n))
        self.own_ok = np.zeros((capacity, kinds, n))
        self.own_n = np.zeros((capacity, kinds, n))
        self._pending: list[tuple[np.ndarray, ...]] = []
        self.version = 0
        """Counts publications that changed the record (for caches of the beliefs)."""
        self._public: tuple[np.ndarray, np.ndarray] | None = None

    def grow(self, capacity: int) -> None:
        """Room for organisations up to ``capacity`` rows."""
        for name in ("own_ok", "own_n"):
            old = getattr(self, name)
            new = np.zeros((capacity, *old.shape[1:]))
            new[: len(old)] = old
            setattr(self, name, new)

    def record(
        self, owners: np.ndarray, precision: np.ndarray, phase: np.ndarray, ok: np.ndarray
    ) -> None:
        """Report results of programmes (owners, kinds, phases, success); see :meth:`publish`."""
        if len(phase):
            self._pending.append((owners, precision.astype(np.int64), phase, ok.astype(float)))

    def publish(self) -> None:
        """The reported results enter the public and own records (once a year)."""
        if not self._pending:
            return
        for owners, kind, phase, ok in self._pending:
            np.add.at(self.public_ok, (kind, phase), ok)
            np.add.at(self.public_n, (kind, phase), 1.0)
            np.add.at(self.own_ok, (owners, kind, phase), ok)
            np.add.at(self.own_n, (owners, kind, phase), 1.0)
        self._pending.clear()
        self.version += 1
        self._public = None

    def public(self) -> np.ndarray:
        """``[kind, phase]`` success belief from the public record alone."""
        return self._public_tables()[0]

    def public_approval(self) -> np.ndarray:
        """``[kind, phase]`` public chance of approval from the start of each phase."""
        return self._public_tables()[1]

    def _public_tables(self) -> tuple[np.ndarray, np.ndarray]:
        if self._public is None:
            k = self.params.prior_strength
            belief = _posterior(k * self.prior + self.public_ok, k + self.public_n, self.prior)
            approval = np.cumprod(belief[:, ::-1], axis=1)[:, ::-1]
            self._public = (belief, approval)
        return self._public

    def of(self, firm: int) -> np.ndarray:
        """``[kind, phase]`` success belief of one firm."""
        k = self.params.prior_strength
        extra = self.params.own_weight - 1.0
        ok = k * self.prior + self.public_ok + extra * self.own_ok[firm]
        n = k + self.public_n + extra * self.own_n[firm]
        return _posterior(ok, n, self.prior)


def _posterior(ok: np.ndarray, n: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """Successes over results; the prior where there is no evidence at all."""
    fallback = np.broadcast_to(prior, ok.shape).copy()
    return np.divide(ok, n, out=fallback, where=n > 0)
