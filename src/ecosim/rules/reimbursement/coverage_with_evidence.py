"""Coverage with evidence development: provisional cover while a registry collects evidence.

The payer covers provisionally, sooner (``decision_delay_share`` of the usual delay), up
to ``threshold_factor`` times the threshold on the trial's estimate of the QALY gain.
For ``review_years`` a registry records the outcomes of the patients it treats
(``registry_recording`` of them, all where shared outcome data exist); at review the
payer updates its estimate with them (:mod:`ecosim.evidence`) and confirms the cover if
the cost per QALY on the posterior is within its threshold, or withdraws it.
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

    registry_recording: float = param(
        0.3,
        "fraction",
        "Share of patients treated under provisional cover whose outcomes the payer's own "
        "registry records (shared outcome data record the rest).",
        assumption="managed-access registries miss many patients; completeness of the "
        "Cancer Drugs Fund's data collection would inform it",
        ge=0,
        le=1,
    )
    patient_outcome_spread: float = param(
        1.0,
        "log-sd",
        "Spread of one recorded patient's outcome around the therapy's true QALY gain.",
        assumption="individual outcomes vary about as much as their mean; registry "
        "outcome distributions would inform it",
        ge=0,
        le=10,
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

    def price_points(self, case: CoverageCase) -> tuple[float, ...]:
        """Prices accepted at the relaxed threshold, with and without a discount."""
        return self._accepted_prices(case.threshold * self.own.threshold_factor * case.qaly_gain)

    def earliest_decision(self) -> int:
        """Provisional cover comes sooner than a rejection."""
        return min(self.delay(), self.fast_delay(self.own.decision_delay_share))

    def review_after_quarters(self) -> int:
        """Quarters of evidence collection before the review."""
        return round(self.own.review_years * QUARTERS_PER_YEAR)

    def withdraws(self, paid: float, qaly_gain: float, threshold: float) -> bool:
        """Withdraw cover that is not cost-effective on the posterior QALY gain."""
        return icer(paid, qaly_gain) > threshold
