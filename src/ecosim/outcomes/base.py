"""The :class:`Outcome` record and the helpers that declare outcomes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

__all__ = ["F1", "F2", "G", "PCT", "PCT2", "Outcome", "run_outcome", "step_outcome"]


@dataclass(frozen=True)
class Outcome:
    """One outcome of a run.

    Attributes:
        name: column name in outputs.
        level: ``step`` (one value per quarter) or ``run`` (one value per run).
        unit: unit of the value.
        label: short human name (tables, charts, the app).
        definition: what exactly is measured, in one sentence.
        fmt: format spec for one value.
        better: +1 higher is better, -1 lower is better, 0 neither.
    """

    name: str
    level: Literal["step", "run"]
    unit: str
    label: str
    definition: str
    fmt: str = "{:,.0f}"
    better: int = 0

    def show(self, value: float | None) -> str:
        """One value in the outcome's format ("n/a" when undefined)."""
        if value is None or not math.isfinite(value):
            return "n/a"
        return self.fmt.format(value)


def step_outcome(name: str, unit: str, label: str, definition: str, **kw) -> Outcome:
    """A per-step outcome."""
    return Outcome(name, "step", unit, label, definition, **kw)


def run_outcome(name: str, unit: str, label: str, definition: str, **kw) -> Outcome:
    """A per-run outcome."""
    return Outcome(name, "run", unit, label, definition, **kw)


F1, F2, PCT, PCT2, G = "{:.1f}", "{:.2f}", "{:.1%}", "{:.2%}", "{:.3g}"
