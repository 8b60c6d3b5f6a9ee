"""Invariants the model must keep every quarter: conservation, ranges, finiteness.

:func:`violations` lists every broken invariant of a model after a step; :func:`verify`
raises :class:`InvariantError` when there is any. ``ecosim run --check`` and every test
run (``ECOSIM_CHECK=1``, set in ``tests/conftest.py``) verify them after each step.

- **Patients**: each patient starting a line of treatment this quarter (new patients
  and those who progress, :mod:`ecosim.course`) is in exactly one state of the cascade
  (not aware, aware but untested, tested negative, eligible but unmatched, matched); no
  state is negative, no line holds a negative count, and treatment without a match
  never exceeds the new patients left unmatched.
- **Money** (:mod:`ecosim.ledger`): each organisation's cash moved by exactly its recorded
  flows; every cost recorded as spend (R&D, overhead, backbone) was paid by someone; every
  payer dollar for therapies and tests reached an organisation or is recorded as
  unclaimed.
- **Programmes**: each is in exactly one phase, or approved, or ended with a reason.
- **Ranges**: trust, data access, awareness, testing and coverage rates in
  [0, 1]; no negative stock (patients, enrolment, spend, public budget); no NaN or
  infinity in any outcome.
"""

from __future__ import annotations

import math
import os
from typing import TYPE_CHECKING

import numpy as np

from ecosim.ledger import COSTS
from ecosim.pipeline import EndReason, Phase
from ecosim.units import TINY, TOLERANCE

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["CHECK_ENV", "InvariantError", "checking", "verify", "violations"]

CHECK_ENV = "ECOSIM_CHECK"
"""Environment variable that turns the checks on for every model built (``1``)."""


class InvariantError(RuntimeError):
    """The model broke an invariant: a bug, never a user error. Lists every violation."""

    def __init__(self, step: int, problems: list[str]):
        super().__init__(step, problems)  # (step, problems): survives pickling from workers
        self.step = step
        self.problems = problems

    def __str__(self) -> str:
        return f"step {self.step}: " + "; ".join(self.problems)


def checking() -> bool:
    """Whether ``ECOSIM_CHECK`` asks for the checks."""
    return os.environ.get(CHECK_ENV, "") not in ("", "0")


def _close(a: float, b: float, scale: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(scale, 1.0) + TOLERANCE


def _in_unit(name: str, x: np.ndarray, out: list[str]) -> None:
    x = np.asarray(x, dtype=float)
    if x.size and not (np.all(np.isfinite(x)) and x.min() >= -TINY and x.max() <= 1 + TINY):
        bad = x[~np.isfinite(x) | (x < 0) | (x > 1)]
        out.append(f"{name} outside [0, 1] ({len(bad)} values, from {bad.min()} to {bad.max()})")


def _patients(m: EcosystemModel, out: list[str]) -> None:
    c = m.last_cascade
    if c is None:
        return
    states = {
        "not aware": c.starting - c.aware,
        "aware, untested": c.aware - c.tested,
        "tested negative": c.tested - c.eligible,
        "eligible, unmatched": c.eligible - c.matched,
        "matched": c.matched,
    }
    for name, v in states.items():
        if np.any(v < -TOLERANCE * max(1.0, float(c.starting.max()))):
            out.append(f"patients: negative count in state '{name}' ({float(v.min()):.3g})")
    total = sum(states.values())
    if not np.allclose(total, c.starting, rtol=TINY, atol=TOLERANCE):
        out.append("patients: cascade states do not add up to the patients starting a line")
    if np.any(c.treated_unselected > c.incident - c.first_line_matched + TOLERANCE):
        out.append("patients: more treated without a match than unmatched patients")
    course = m.patients.course
    if np.any(course.pool < -TOLERANCE):
        out.append("patients: negative count on a line of treatment")
    if abs(course.unaccounted()) > TOLERANCE * max(1.0, course.entered):
        out.append("patients: the lines of treatment lost or gained patients")
    pools = m.last_pools
    if pools is not None:
        for name in ("negative", "positive", "routed"):
            if np.any(getattr(pools, name) < 0):
                out.append(f"patients: negative trial pool '{name}'")


def _money(m: EcosystemModel, out: list[str]) -> None:
    led = m.ledger
    net = led.org_net(m.n_orgs)
    for idx, opening in led.opening.items():
        cash = m.orgs[idx].cash
        if not math.isfinite(cash):
            out.append(f"money: organisation {idx} has cash {cash}")
            continue
        moved = cash - opening
        if not _close(moved, net[idx], abs(opening) + abs(cash)):
            out.append(
                f"money: organisation {idx} ({m.orgs[idx].sector}) cash moved by {moved:.6g} "
                f"but its recorded flows sum to {net[idx]:.6g}"
            )
    for kind in COSTS:
        recorded = m.spend.get(kind, 0.0)
        paid = led.account_in.get(kind, 0.0)
        if not _close(recorded, paid, recorded):
            out.append(f"money: {kind} spend recorded {recorded:.6g} but {paid:.6g} was paid")
    row = m.recorder.rows["payer_spend_musd"]
    if row:
        payer = row[-1]
        paid_out = led.account_out.get("payers", 0.0)
        if not _close(payer, paid_out, payer):
            out.append(f"money: payers spent {payer:.6g} but {paid_out:.6g} reached anyone")


def _programmes(m: EcosystemModel, out: list[str]) -> None:
    p = m.programmes
    phase, reason = p.view("phase"), p.view("end_reason")
    if np.any((phase < 0) | (phase > Phase.ENDED)):
        out.append("programmes: phase code out of range")
    active = phase < Phase.APPROVED
    if np.any(reason[active] != EndReason.none):
        n_bad = int(np.count_nonzero(reason[active] != EndReason.none))
        out.append(f"programmes: {n_bad} active with an end reason")
    if np.any(reason[phase == Phase.APPROVED] != EndReason.approved):
        out.append("programmes: approved without the reason 'approved'")
    ended = reason[phase == Phase.ENDED]
    valid = ~np.isin(ended, (EndReason.none, EndReason.approved)) & (ended < len(EndReason))
    if not np.all(valid):
        out.append("programmes: ended without a valid reason")
    if not p.index_matches():
        out.append("programmes: the per-owner index of active programmes disagrees with the table")
    if not p.counts_match():
        out.append("programmes: the per-slot counts of active programmes disagree with the table")
    at = m.academic_trials
    open_counts = dict(zip(*np.unique(at.owner, return_counts=True), strict=True))
    if {k: v for k, v in at.open_of.items() if v} != {
        int(k): int(v) for k, v in open_counts.items()
    }:
        out.append("trials: the open academic trials per centre disagree with the trials")
    for name in ("enrolled", "spent"):
        if np.any(p.view(name) < 0):
            out.append(f"programmes: negative {name}")


def _ranges(m: EcosystemModel, out: list[str]) -> None:
    n = m.n_orgs
    _in_unit("trust", m.trust[:n, :n], out)
    _in_unit("data access", m.data_access[:n], out)
    _in_unit("awareness", m.patients.awareness, out)
    _in_unit("testing rate", m.testing_rate, out)
    _in_unit("treated share of precision markets", m.treatment_precision.fraction, out)
    _in_unit("treated share of unselected markets", m.treatment_unselected.fraction, out)
    if m.public_funder is not None and m.public_funder.budget_left < -TOLERANCE:
        out.append(f"money: public budget negative ({m.public_funder.budget_left:.6g})")
    for key, values in m.recorder.rows.items():
        if values and not math.isfinite(values[-1]):
            out.append(f"outcome {key} is {values[-1]}")
        elif values and values[-1] < 0 and key not in SIGNED_OUTCOMES:
            out.append(f"outcome {key} is negative ({values[-1]:.6g})")


SIGNED_OUTCOMES = ("year", "biotech_cash_musd")
"""Per-step outcomes that may be negative: a biotech whose costs outran its cash this
quarter holds negative cash until it exits at its next turn (:mod:`ecosim.agents.biotech`)."""


def violations(m: EcosystemModel) -> list[str]:
    """Every invariant the model breaks after its latest step (empty when all hold)."""
    out: list[str] = []
    _patients(m, out)
    _money(m, out)
    _programmes(m, out)
    _ranges(m, out)
    return out


def verify(m: EcosystemModel) -> None:
    """Raise :class:`InvariantError` listing every broken invariant, if any."""
    problems = violations(m)
    if problems:
        raise InvariantError(m.steps, problems)
