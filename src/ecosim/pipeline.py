"""Therapy programmes and their phases, stored column-wise for vectorised updates.

A programme targets one (subtype, target) pair, is biomarker-selected or not, and moves
through discovery, preclinical, phase I-III and regulatory review. After approval it is a
*therapy* that payers cover (or not) and that patients take up (see ``rules``).

Each phase has a planned duration (quarters), a cost charged per quarter over the
phase's nominal duration, and a probability of success drawn when the phase completes.
Clinical phases run a trial that must enrol patients; a trial that accrues too slowly is
closed (the programme ends with reason ``poor_accrual``) or runs longer than planned.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

__all__ = ["END_REASONS", "Phase", "Programmes"]


class Phase(IntEnum):
    """Development phases; ``APPROVED`` and ``ENDED`` are terminal."""

    DISCOVERY = 0
    PRECLINICAL = 1
    PHASE1 = 2
    PHASE2 = 3
    PHASE3 = 4
    REVIEW = 5
    APPROVED = 6
    ENDED = 7


TRIAL_PHASES = (Phase.PHASE1, Phase.PHASE2, Phase.PHASE3)
PHASE_KEYS = ("discovery", "preclinical", "phase1", "phase2", "phase3", "review")
END_REASONS = (
    "none",
    "failed",
    "poor_accrual",
    "strategic",
    "owner_exit",
    "approved",
)
"""Why a programme ended (index stored in ``Programmes.end_reason``)."""


class Programmes:
    """Column store of every programme ever started in a run.

    Columns are numpy arrays indexed by programme id; capacity doubles when full. Only
    the first ``n`` rows are live data.
    """

    _INT = (
        "owner",
        "partner",
        "licensor",
        "subtype",
        "target",
        "phase",
        "t_in_phase",
        "gap",
        "start_step",
        "phase1_step",
        "approved_step",
        "ended_step",
        "phase_step",
        "co_owner",
        "end_reason",
        "enrol_target",
    )
    _FLOAT = (
        "planned",
        "enrolled",
        "spent",
        "strength",
        "quality",
        "recruit",
        "phase_cost",
        "royalty",
        "milestone",
    )
    _BOOL = ("precision", "early_engagement", "open_ip", "duplicate")

    def __init__(self, capacity: int = 1024):
        self.n = 0
        self._cap = capacity
        for name in self._INT:
            setattr(self, name, np.full(capacity, -1, dtype=np.int64))
        for name in self._FLOAT:
            setattr(self, name, np.zeros(capacity, dtype=np.float64))
        for name in self._BOOL:
            setattr(self, name, np.zeros(capacity, dtype=bool))

    def _grow(self) -> None:
        new = self._cap * 2
        for name in (*self._INT, *self._FLOAT, *self._BOOL):
            old = getattr(self, name)
            arr = np.full(new, -1, dtype=old.dtype) if old.dtype == np.int64 else None
            if arr is None:
                arr = np.zeros(new, dtype=old.dtype)
            arr[: self._cap] = old
            setattr(self, name, arr)
        self._cap = new

    def add(
        self,
        *,
        owner: int,
        subtype: int,
        target: int,
        precision: bool,
        strength: float,
        quality: float,
        step: int,
        phase: Phase = Phase.DISCOVERY,
        licensor: int = -1,
        open_ip: bool = False,
    ) -> int:
        """Append a programme and return its id (all other columns take defaults)."""
        if self.n == self._cap:
            self._grow()
        i = self.n
        self.n += 1
        self.owner[i] = owner
        self.partner[i] = -1
        self.licensor[i] = licensor
        self.subtype[i] = subtype
        self.target[i] = target
        self.precision[i] = precision
        self.strength[i] = strength
        self.quality[i] = quality
        self.phase[i] = int(phase)
        self.t_in_phase[i] = 0
        self.gap[i] = 0
        self.start_step[i] = step
        self.phase1_step[i] = step if phase >= Phase.PHASE1 else -1
        self.approved_step[i] = -1
        self.ended_step[i] = -1
        self.end_reason[i] = 0
        self.enrolled[i] = 0.0
        self.spent[i] = 0.0
        self.open_ip[i] = open_ip
        self.early_engagement[i] = False
        self.duplicate[i] = False
        self.royalty[i] = 0.0
        self.milestone[i] = 0.0
        self.co_owner[i] = -1
        self.phase_step[i] = step
        return i

    def view(self, name: str) -> np.ndarray:
        """The live part of one column."""
        return getattr(self, name)[: self.n]

    def active_mask(self) -> np.ndarray:
        """Programmes still in development (not approved, not ended)."""
        return self.view("phase") < Phase.APPROVED

    def end(self, ids: np.ndarray, reason: str, step: int) -> None:
        """End programmes ``ids`` with ``reason`` at ``step``."""
        if len(ids) == 0:
            return
        self.phase[ids] = int(Phase.ENDED)
        self.end_reason[ids] = END_REASONS.index(reason)
        self.ended_step[ids] = step
