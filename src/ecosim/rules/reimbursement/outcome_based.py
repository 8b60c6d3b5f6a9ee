"""Outcome-based payment: pay only for patients recorded as responding.

Possible only where shared outcome data (a data-sharing consortium that payers belong
to) cover at least ``outcome_data_required``; otherwise the threshold rule applies.
The payer pays per responder for the patients whose outcomes the platform records (a
share equal to the outcome-data coverage) and the full price for the others, whose
response it cannot check. It negotiates that expected payment per treated patient
against the threshold, decides in
``decision_delay_share`` of the usual delay, and the coverage comes with an outcome-based
agreement with the therapy's owner (a partnership, :mod:`ecosim.partnerships`).
"""

from __future__ import annotations

from ecosim.parameters import Section, param
from ecosim.rules.reimbursement.base import CoverageCase, CoverageRule, Decision, register

__all__ = ["OutcomeBased"]


class OutcomeBasedParams(Section):
    """Parameters of outcome-based payment."""

    outcome_data_required: float = param(
        0.5,
        "0-1",
        "Shared outcome-data coverage needed before outcome-based deals are possible.",
        assumption="payers need data on most treated patients; experience with Italy's "
        "AIFA registries would inform it",
        ge=0,
        le=1,
    )
    responder_share: float = param(
        0.6,
        "fraction",
        "Share of treated patients who respond (paid for under outcome-based rules).",
        assumption="response rates of targeted oncology therapies would inform it",
        ge=0,
        le=1,
    )
    decision_delay_share: float = param(
        0.5,
        "fraction",
        "Share of the usual decision delay that an outcome-based decision takes.",
        assumption="paying on outcomes settles uncertainty faster; managed-entry "
        "agreement timelines would inform it",
        ge=0,
        le=1,
    )


@register
class OutcomeBased(CoverageRule):
    """Pay per responder where shared outcome data allow it."""

    name = "outcome_based"
    Params = OutcomeBasedParams

    def earliest_decision(self) -> int:
        """An outcome-based decision comes sooner than the threshold rule's."""
        return min(self.delay(), self.fast_delay(self.own.decision_delay_share))

    def price_points(self, case: CoverageCase) -> tuple[float, ...]:
        """List prices whose payment per patient (per responder) the payer accepts."""
        if case.outcome_data < self.own.outcome_data_required:
            return super().price_points(case)
        paid_share = 1.0 - case.outcome_data * (1.0 - self.own.responder_share)
        return self._accepted_prices(case.threshold * case.qaly_gain, paid_share)

    def decide(self, case: CoverageCase) -> Decision:
        """Outcome-based cover with enough outcome data; the threshold rule without."""
        own = self.own
        if case.outcome_data < own.outcome_data_required:
            return self.threshold_decision(case, "threshold")
        # per responder where outcomes are recorded, the full price where they are not
        unpaid = case.outcome_data * (1.0 - own.responder_share)
        paid = case.price * (1.0 - unpaid)
        agreed = self.price(paid, case.qaly_gain, case.threshold)
        if agreed is None:
            return Decision(False, "rejected", 0.0, self.delay())
        return Decision(
            True, self.name, agreed, self.fast_delay(own.decision_delay_share), agreement=True
        )
