"""Asymmetric trust: slow to build, quick to lose.

A good quarter (the partner delivered what was expected) closes a small share (the gain
rate) of the gap to full trust; a bad one
removes a larger share (``loss_rate``) of the trust there is (Slovic 1993's asymmetry
principle; asymmetric exponential smoothing as in Tykhonov et al. 2008).
"""

from __future__ import annotations

from ecosim.parameters import Section, param
from ecosim.rules.trust.base import TrustRule, register

__all__ = ["Asymmetric"]


class AsymmetricParams(Section):
    """Parameters of asymmetric trust."""

    loss_rate: float = param(
        0.20,
        "per bad quarter",
        "Share of trust lost after a bad quarter.",
        source="Slovic 1993: negative events weigh more than positive ones (here five "
        "times the gain rate); Tykhonov et al. 2008, JASSS 11(3)1.",
        ge=0,
        le=1,
    )


@register
class Asymmetric(TrustRule):
    """Trust falls faster after bad experiences than it grows after good ones."""

    name = "asymmetric"
    Params = AsymmetricParams

    def loss(self, gain: float) -> float:
        """The scenario's loss rate, whatever the gain."""
        return self.own.loss_rate
