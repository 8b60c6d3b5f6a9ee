"""Column stores: entities kept as rows of numpy columns that grow as needed.

Programmes and partnerships are stored column-wise so that a quarter's update is a few
vectorised operations over all of them. Only the first ``n`` rows hold data; the arrays
double when full.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

__all__ = ["ColumnStore"]


class ColumnStore:
    """Base class: subclasses declare ``COLUMNS`` (name -> dtype, fill value, width).

    A width of 0 makes a one-dimensional column; a positive width a ``[row, width]``
    table (for example one entry per development phase).
    """

    COLUMNS: ClassVar[dict[str, tuple[type, object, int]]] = {}

    def __init__(self, capacity: int = 1):
        self.n = 0
        self._cap = max(capacity, 1)
        for name, (dtype, fill, width) in self.COLUMNS.items():
            shape = (self._cap, width) if width else (self._cap,)
            setattr(self, name, np.full(shape, fill, dtype=dtype))

    def _grow(self) -> None:
        new = self._cap + self._cap
        for name, (dtype, fill, width) in self.COLUMNS.items():
            old = getattr(self, name)
            arr = np.full((new, width) if width else (new,), fill, dtype=dtype)
            arr[: self._cap] = old
            setattr(self, name, arr)
        self._cap = new

    def _new_row(self) -> int:
        """Append a row holding the fill values; return its index."""
        if self.n == self._cap:
            self._grow()
        self.n += 1
        return self.n - 1

    def view(self, name: str) -> np.ndarray:
        """The live part of one column."""
        return getattr(self, name)[: self.n]
