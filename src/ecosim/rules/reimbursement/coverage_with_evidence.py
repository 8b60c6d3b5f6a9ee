"""Coverage with evidence development: provisional cover while evidence is collected.

The payer covers provisionally, sooner (``decision_delay_share`` of the usual delay), up
to ``threshold_factor`` times the threshold. After ``review_years`` it reviews: if the
cost per QALY is within the threshold the cover is confirmed; otherwise it is withdrawn
with probability ``withdrawal_probability``, less by ``data_withdrawal_cut`` at full
shared outcome data (better evidence of value).
"""

from __future__ import annotations

from ecosim.parameters import Section, param
from ecosim.rules.reimbursement.base import (
    CoverageCase,
    CoverageRule,
    Decision,
    icer,
    register,
)
from ecosim.units import QUARTERS_PER_YEAR

__all__ = ["CoverageWithEvidence"]


class CoverageWithEvidenceParams(Section):
    """Parameters of coverage with evidence development."""

    withdrawal_probability: float = param(
        0.2,
        "probability",
        "Chance that provisional cover above the threshold is withdrawn at review.",
        assumption="outcomes of managed-access schemes such as England's Cancer Drugs "
        "Fund would inform it",
        ge=0,
        le=1,
    )
    review_years: float = param(
        3.0,
        "years",
        "Years of evidence collection before the review.",
        assumption="managed-access agreements run a few years; their terms would inform it",
        gt=0,
        le=20,
    )
    threshold_factor: float = param(
        1.5,
        "ratio",
        "Provisional cover accepts costs per QALY up to this multiple of the threshold.",
        assumption="payers accept more uncertainty for promising therapies; the ICERs "
        "accepted into managed-access schemes would inform it",
        ge=1,
        le=10,
    )
    data_withdrawal_cut: float = param(
        0.5,
        "fraction",
        "Share of withdrawals that full shared outcome data prevent.",
        assumption="better real-world evidence resolves doubts in the therapy's favour "
        "more often; outcomes of managed-access re-appraisals would inform it",
        ge=0,
        le=1,
    )
    decision_delay_share: float = param(
        0.5,
        "fraction",
        "Share of the usual decision delay that a provisional decision takes.",
        assumption="provisional decisions come sooner; managed-access timelines would inform it",
        ge=0,
        le=1,
    )


@register
class CoverageWithEvidence(CoverageRule):
    """Provisional cover, reviewed once the evidence is in."""

    name = "coverage_with_evidence"
    Params = CoverageWithEvidenceParams

    def decide(self, case: CoverageCase) -> Decision:
        """Provisional cover up to the relaxed threshold, or reject after the full delay."""
        own = self.own
        threshold = case.threshold * own.threshold_factor
        agreed = self.price(case.price, case.qaly_gain, threshold)
        if agreed is None:
            return Decision(False, "rejected", 0.0, self.delay())
        delay = self.fast_delay(own.decision_delay_share)
        return Decision(True, "ced", agreed, delay, provisional=True)

    def earliest_decision(self) -> int:
        """Provisional cover comes sooner than a rejection."""
        return min(self.delay(), self.fast_delay(self.own.decision_delay_share))

    def review_after_quarters(self) -> int:
        """Quarters of evidence collection before the review."""
        return round(self.own.review_years * QUARTERS_PER_YEAR)

    def withdrawal_probability(
        self, paid: float, qaly_gain: float, outcome_data: float, threshold: float
    ) -> float:
        """Cover that is not cost-effective is withdrawn, less often with better evidence."""
        if icer(paid, qaly_gain) <= threshold:
            return 0.0
        own = self.own
        return own.withdrawal_probability * (1.0 - own.data_withdrawal_cut * outcome_data)
