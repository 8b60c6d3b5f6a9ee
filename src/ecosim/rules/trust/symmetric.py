"""Symmetric trust: a bad quarter removes the share of trust that a good one would add.

A benchmark against which to see what the asymmetry of trust does.
"""

from __future__ import annotations

from ecosim.rules.trust.base import TrustRule, register

__all__ = ["Symmetric"]


@register
class Symmetric(TrustRule):
    """Trust moves at the same rate up and down."""

    name = "symmetric"

    def loss(self, gain: float) -> float:
        """The loss rate equals this quarter's gain rate."""
        return gain
