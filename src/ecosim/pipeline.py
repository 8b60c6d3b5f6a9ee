"""Therapy programmes and their phases, stored column-wise for vectorised updates.

A programme targets one (subtype, target) pair, is biomarker-selected or not, and moves
through discovery, preclinical, phase I-III and regulatory review. After approval it is a
*therapy* that payers cover (or not) and that patients take up (see ``rules``).

Each phase has a planned duration (quarters), a cost charged per quarter over the
phase's nominal duration, and a probability of success drawn when the phase completes.
Clinical phases run a trial that must enrol patients; a trial that accrues too slowly is
closed (the programme ends with reason ``poor_accrual``) or runs longer than planned.

Every change of a programme's owner or state goes through :class:`Programmes`, which
keeps an index of each owner's active programmes and counts of active programmes per
(subtype, target) slot, before and in the clinic (firms ask for these many times a
quarter; scanning every programme ever started would be slow).
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from ecosim.columns import ColumnStore
from ecosim.sectors import Capability

__all__ = [
    "CAPABILITY_BY_PHASE",
    "END_REASONS",
    "PHASE_KEYS",
    "TRIAL_PHASES",
    "EndReason",
    "Phase",
    "Programmes",
    "in_trial",
]


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


DEVELOPMENT_PHASES = tuple(Phase)[: Phase.APPROVED]
"""The six phases a programme develops through (discovery ... review)."""
TRIAL_PHASES = (Phase.PHASE1, Phase.PHASE2, Phase.PHASE3)


def in_trial(phase: np.ndarray) -> np.ndarray:
    """Which of these phases run a trial (phases I-III)."""
    return (phase >= Phase.PHASE1) & (phase <= Phase.PHASE3)


PHASE_KEYS = ("discovery", "preclinical", "phase1", "phase2", "phase3", "review")
"""Scenario names of the development phases, in order."""

CAPABILITY_BY_PHASE = (
    Capability.discovery,  # discovery
    Capability.discovery,  # preclinical
    Capability.clinical,  # phase I
    Capability.clinical,  # phase II
    Capability.clinical,  # phase III
    Capability.regulatory,  # review
)
"""Which capability of the team matters in each phase (:mod:`ecosim.development`)."""


class EndReason(IntEnum):
    """Why a programme stopped developing (``Programmes.end_reason``).

    ``strategic``: stopped for budget; ``no_go``: stopped because its owner values it
    at less than nothing (:mod:`ecosim.portfolio`).
    """

    none = 0
    failed = 1
    poor_accrual = 2
    strategic = 3
    owner_exit = 4
    approved = 5
    no_go = 6


END_REASONS = tuple(r.name for r in EndReason)
"""Names of the end reasons, by code."""

_N_PHASES = len(PHASE_KEYS)


class Programmes(ColumnStore):
    """Column store of every programme ever started in a run.

    Besides the state that development needs, each programme records its history for the
    entity tables (:mod:`ecosim.records`): the originating organisation, the step it
    entered each phase, its spend in each phase, its last working partner and whether it
    was ever a duplicate.
    """

    COLUMNS = {
        **{
            name: (np.int64, -1, 0)
            for name in (
                "owner",
                "originator",
                "partner",
                "last_partner",
                "licensor",
                "co_owner",
                "subtype",
                "target",
                "phase",
                "t_in_phase",
                "gap",
                "start_step",
                "phase1_step",
                "phase_step",
                "approved_step",
                "ended_step",
                "end_reason",
                "enrol_target",
            )
        },
        "accelerated_step": (np.int64, -1, 0),  # marketed then on phase II evidence
        "entered": (np.int64, -1, _N_PHASES),
        **{
            name: (np.float64, 0.0, 0)
            for name in (
                "planned",
                "enrolled",
                "spent",
                "strength",
                "quality",
                "recruit",
                "phase_cost",
                "royalty",
                "milestone",
                "codev_milestone",
            )
        },
        "spent_phase": (np.float64, 0.0, _N_PHASES),
        **{
            name: (bool, False, 0)
            for name in (
                "precision",
                "early_engagement",
                "priority_review",
                "open_ip",
                "duplicate",
                "was_duplicate",
            )
        },
    }

    def __init__(self, targets_per_subtype: int, n_slots: int, capacity: int = 1):
        super().__init__(capacity)
        self._owned: dict[int, set[int]] = {}
        self._owned_ids: dict[int, np.ndarray] = {}  # the sets as arrays, until they change
        self._active: np.ndarray | None = None  # every active id, until one starts or ends
        self._targets = targets_per_subtype
        self.version = 0
        """Counts changes of phase, owner and state (for caches of what they imply)."""
        self.early = np.zeros(n_slots, dtype=np.int64)
        """Active programmes per slot before phase I (visible only with transparency)."""
        self.clinical = np.zeros(n_slots, dtype=np.int64)
        """Active programmes per slot from phase I on (visible in trial registries)."""

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
        originator: int | None = None,
    ) -> int:
        """Append a programme and return its id (other columns take their fill values)."""
        self.version += 1
        i = self._new_row()
        self.owner[i] = owner
        self.originator[i] = owner if originator is None else originator
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
        self.end_reason[i] = EndReason.none
        self.open_ip[i] = open_ip
        self.phase_step[i] = step
        self._owned.setdefault(owner, set()).add(i)
        self._owned_ids.pop(owner, None)
        self._active = None
        counts = self.clinical if phase >= Phase.PHASE1 else self.early
        counts[subtype * self._targets + target] += 1
        return i

    # ------------------------------------------------------------------ slot counts
    def slots(self, ids: np.ndarray) -> np.ndarray:
        """(Subtype, target) slot of each programme."""
        return self.subtype[ids] * self._targets + self.target[ids]

    def _count(self, ids: np.ndarray, sign: int) -> None:
        """Add (+1) or remove (-1) programmes ``ids`` from the slot counts by their phase."""
        if len(ids) == 1:  # the common case: one programme starts or moves
            pid = int(ids[0])
            counts = self.clinical if self.phase[pid] >= Phase.PHASE1 else self.early
            counts[self.subtype[pid] * self._targets + self.target[pid]] += sign
            return
        clinical = self.phase[ids] >= Phase.PHASE1
        slots = self.slots(ids)
        n = len(self.early)
        self.clinical += sign * np.bincount(slots[clinical], minlength=n)
        self.early += sign * np.bincount(slots[~clinical], minlength=n)

    def move_one(self, pid: int, phase: int) -> None:
        """Programme ``pid`` (in development) enters ``phase``."""
        self.version += 1
        slot = self.subtype[pid] * self._targets + self.target[pid]
        (self.clinical if self.phase[pid] >= Phase.PHASE1 else self.early)[slot] -= 1
        self.phase[pid] = phase
        (self.clinical if phase >= Phase.PHASE1 else self.early)[slot] += 1

    def move(self, ids: np.ndarray, phase: int) -> None:
        """Programmes ``ids`` (in development) enter ``phase``."""
        self.version += 1
        crossing = ids[(self.phase[ids] >= Phase.PHASE1) != (phase >= Phase.PHASE1)]
        if len(crossing):  # only entering the clinic (or leaving it) changes the counts
            self._count(crossing, -1)
            self.phase[crossing] = phase
            self._count(crossing, +1)
        self.phase[ids] = phase

    def counts_match(self) -> bool:
        """Whether the slot counts agree with the table (an invariant)."""
        act = np.flatnonzero(self.active_mask())
        clinical = self.phase[act] >= Phase.PHASE1
        slots = self.slots(act)
        n = len(self.early)
        early = np.bincount(slots[~clinical], minlength=n)
        return np.array_equal(early, self.early) and np.array_equal(
            np.bincount(slots[clinical], minlength=n), self.clinical
        )

    # ------------------------------------------------------------------ ownership
    def active_of(self, owner: int) -> np.ndarray:
        """Ids of an owner's programmes still in development, in id order (read-only)."""
        ids = self._owned_ids.get(owner)
        if ids is None:
            ids = np.array(sorted(self._owned.get(owner, ())), dtype=np.int64)
            ids.flags.writeable = False
            self._owned_ids[owner] = ids
        return ids

    def count_active(self, owner: int) -> int:
        """Number of an owner's programmes still in development."""
        return len(self._owned.get(owner, ()))

    def set_owner(self, pid: int, owner: int) -> None:
        """Move a programme (or a therapy) to a new owner."""
        old = int(self.owner[pid])
        if pid in self._owned.get(old, ()):
            self._owned[old].discard(pid)
            self._owned.setdefault(owner, set()).add(pid)
            self._owned_ids.pop(old, None)
            self._owned_ids.pop(owner, None)
        self.owner[pid] = owner

    def set_partner(self, pid: int, partner: int) -> None:
        """Give a programme a working partner (-1: none); the last one is remembered."""
        self.partner[pid] = partner
        if partner >= 0:
            self.last_partner[pid] = partner

    def index_matches(self) -> bool:
        """Whether the per-owner index agrees with the table (an invariant)."""
        act = np.flatnonzero(self.active_mask())
        indexed = sorted(pid for ids in self._owned.values() for pid in ids)
        if indexed != act.tolist():
            return False
        return all(self.owner[pid] == o for o, ids in self._owned.items() for pid in ids)

    # ------------------------------------------------------------------ state
    def active_mask(self) -> np.ndarray:
        """Programmes still in development (not approved, not ended)."""
        return self.view("phase") < Phase.APPROVED

    def active_ids(self) -> np.ndarray:
        """Ids of the programmes still in development, in id order (read-only)."""
        if self._active is None:
            self._active = np.flatnonzero(self.active_mask())
            self._active.flags.writeable = False
        return self._active

    def _retire(self, ids: np.ndarray) -> None:
        self._active = None
        for pid, owner in zip(ids.tolist(), self.owner[ids].tolist(), strict=True):
            self._owned[owner].discard(pid)
            self._owned_ids.pop(owner, None)

    def end(self, ids: np.ndarray, reason: EndReason, step: int) -> None:
        """End programmes ``ids`` (in development) with ``reason`` at ``step``."""
        self.version += 1
        if len(ids) == 0:
            return
        self._retire(ids)
        self._count(ids, -1)
        self.phase[ids] = Phase.ENDED
        self.end_reason[ids] = reason
        self.ended_step[ids] = step

    def approve(self, ids: np.ndarray, step: int) -> None:
        """Programmes ``ids`` passed review at ``step``: they are therapies now."""
        self.version += 1
        if len(ids) == 0:
            return
        self._retire(ids)
        self._count(ids, -1)
        self.phase[ids] = Phase.APPROVED
        self.approved_step[ids] = step
        self.end_reason[ids] = EndReason.approved
