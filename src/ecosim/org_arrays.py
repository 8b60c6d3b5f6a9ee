"""The model's per-organisation arrays: one row per organisation, grown together.

Organisations are rows of numpy arrays (capabilities, sector, cash, revenue, trust between
them) so that choices over all organisations are vectorised; an organisation founded
when every row is taken doubles them (:func:`grow`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.sectors import Capability
from ecosim.units import QUARTERS_PER_YEAR

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["ORG_ARRAYS", "PAIR_ARRAYS", "allocate", "grow", "sector_trust_table"]

ORG_ARRAYS = ("caps", "cap_mean", "sector_code", "alive", "is_firm", "entry_step", "exit_step")
ORG_ARRAYS += ("cash", "revenue", "data_access")
"""Per-organisation arrays (one row each)."""

PAIR_ARRAYS = ("trust", "acquainted")
"""Organisation-by-organisation arrays: ``trust`` (row trusts column, 0-1) and
``acquainted`` (pairs that have worked together, :mod:`ecosim.reputation`)."""


def allocate(model: EcosystemModel, capacity: int) -> None:
    """Give ``model`` empty arrays for ``capacity`` organisations (at least one)."""
    cap = max(capacity, 1)
    model._org_cap = cap
    model.caps = np.zeros((cap, len(Capability)))
    model.cap_mean = np.zeros(cap)  # mean capability (capabilities never change)
    model.sector_code = np.full(cap, -1, dtype=np.int64)
    model.alive = np.zeros(cap, dtype=bool)
    model.is_firm = np.zeros(cap, dtype=bool)
    model.entry_step = np.zeros(cap, dtype=np.int64)
    model.exit_step = np.full(cap, -1, dtype=np.int64)
    model.cash = np.zeros(cap)
    model.revenue = np.zeros((cap, QUARTERS_PER_YEAR))  # by quarter of the year
    model.data_access = np.zeros(cap)
    model.trust = np.zeros((cap, cap))
    model.acquainted = np.zeros((cap, cap), dtype=bool)


def grow(model: EcosystemModel, new: int) -> None:
    """Enlarge every per-organisation and pair array to ``new`` rows, keeping the old rows."""
    old_cap = model._org_cap
    for name in ORG_ARRAYS:
        old = getattr(model, name)
        arr = np.zeros((new, *old.shape[1:]), dtype=old.dtype)
        arr[:old_cap] = old
        setattr(model, name, arr)
    for name in PAIR_ARRAYS:
        old = getattr(model, name)
        arr = np.zeros((new, new), dtype=old.dtype)
        arr[:old_cap, :old_cap] = old
        setattr(model, name, arr)


def sector_trust_table(rule, sectors: list[str]) -> np.ndarray:
    """Initial trust of a row sector in a column sector, as the trust rule sets it (0-1)."""
    return np.array([[rule.initial(a, b) for b in sectors] for a in sectors])
