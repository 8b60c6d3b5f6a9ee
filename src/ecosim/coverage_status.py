"""A payer's standing on one therapy (the ``status`` table of :class:`ecosim.market.Market`)."""

from __future__ import annotations

from enum import IntEnum

__all__ = ["CoverageStatus"]


class CoverageStatus(IntEnum):
    """A payer's standing on one therapy (``Market.status``)."""

    pending = 0
    covered = 1
    rejected = 2
    withdrawn = 3
