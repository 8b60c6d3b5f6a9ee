"""Cost-effectiveness threshold: cover when the cost per QALY is within the threshold.

The price is negotiated (:meth:`CoverageRule.price`); the decision takes the full
``reimbursement.decision_delay_years``; payment is made at treatment.
"""

from __future__ import annotations

from ecosim.rules.reimbursement.base import CoverageCase, CoverageRule, Decision, register

__all__ = ["Threshold"]


@register
class Threshold(CoverageRule):
    """Cover within the cost-effectiveness threshold, after negotiation."""

    name = "threshold"

    def decide(self, case: CoverageCase) -> Decision:
        """Cover at the negotiated price after the full delay, or reject."""
        return self.threshold_decision(case, self.name)
