"""Payer coverage rules for approved therapies and their companion tests.

Every rule starts from the incremental cost-effectiveness ratio (ICER): what the payer
pays per treated patient divided by the QALYs a treated patient gains.

- *threshold*: cover when the ICER is at most the threshold, after a price negotiation
  in which the firm concedes at most ``MAX_DISCOUNT``; decided after the full delay.
- *outcome_based*: pay only for responders; possible only where shared outcome data
  cover at least ``outcome_data_required``, otherwise the threshold rule applies.
- *coverage_with_evidence*: provisional cover after half the delay for therapies up to
  1.5 times the threshold, re-evaluated after ``CED_REVIEW_YEARS`` with the evidence
  collected; the better the outcome data, the less often cover is withdrawn.
- *budget_cap*: the threshold rule, and the therapy's expected yearly spend must fit
  the payer's remaining yearly budget for new therapies.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecosim.scenario import Reimbursement, ReimbursementRule

__all__ = [
    "CED_REVIEW_YEARS",
    "MAX_DISCOUNT",
    "Decision",
    "ced_withdrawn",
    "decide",
    "icer",
]

MAX_DISCOUNT = 0.30
"""Largest confidential discount a firm grants in negotiation (share of list price)."""

CED_REVIEW_YEARS = 3.0
"""Years of evidence collection before a coverage-with-evidence re-evaluation."""

CED_THRESHOLD_FACTOR = 1.5
"""Coverage with evidence development accepts ICERs up to this multiple of the threshold
while evidence is collected."""

CED_DATA_WITHDRAWAL_CUT = 0.5
"""Share of CED withdrawals that full outcome data prevent (better evidence of value)."""

FAST_DECISION_SHARE = 0.5
"""Share of the decision delay that outcome-based and provisional decisions take."""


@dataclass(frozen=True)
class Decision:
    """A payer's coverage decision on one therapy."""

    covered: bool
    mode: str  # "threshold", "outcome_based", "ced", "budget_cap", "rejected"
    paid_per_patient: float  # USD the payer pays per treated patient
    delay_quarters: int


def icer(paid_per_patient: float, qaly_gain: float) -> float:
    """Cost per QALY gained (USD/QALY); infinite when nothing is gained.

    The companion test is paid (or not) separately and counted in payer spend.
    """
    if qaly_gain <= 0:
        return float("inf")
    return paid_per_patient / qaly_gain


def _fast(delay: int) -> int:
    """Delay of a faster (outcome-based or provisional) decision, at least a quarter."""
    return max(1, round(delay * FAST_DECISION_SHARE))


def _negotiate(price: float, qaly: float, threshold: float) -> float | None:
    """Price after negotiation, or None when even the deepest discount is not enough."""
    if icer(price, qaly) <= threshold:
        return price
    target = threshold * qaly
    if target >= price * (1.0 - MAX_DISCOUNT):
        return target
    return None


def decide(
    params: Reimbursement,
    *,
    price: float,
    qaly_gain: float,
    outcome_data: float,
    yearly_patients: float,
    budget_left_usd: float,
) -> Decision:
    """Coverage decision of one payer on one therapy.

    Args:
        params: reimbursement parameters (rule, threshold, delay, budget...).
        price: list price per treated patient (USD).
        qaly_gain: QALYs gained per treated patient.
        outcome_data: coverage of shared outcome data, 0-1.
        yearly_patients: patients the payer expects to treat per year.
        budget_left_usd: the payer's remaining yearly budget for new therapies.
    """
    delay = round(params.decision_delay_years * 4)
    threshold = params.threshold_usd_per_qaly
    rule = params.rule
    if rule == ReimbursementRule.outcome_based and outcome_data >= params.outcome_data_required:
        paid = price * params.responder_share
        agreed = _negotiate(paid, qaly_gain, threshold)
        if agreed is not None:
            return Decision(True, "outcome_based", agreed, _fast(delay))
        return Decision(False, "rejected", 0.0, delay)
    if rule == ReimbursementRule.coverage_with_evidence:
        agreed = _negotiate(price, qaly_gain, threshold * CED_THRESHOLD_FACTOR)
        if agreed is not None:
            return Decision(True, "ced", agreed, _fast(delay))
        return Decision(False, "rejected", 0.0, delay)
    agreed = _negotiate(price, qaly_gain, threshold)
    if agreed is None:
        return Decision(False, "rejected", 0.0, delay)
    if rule == ReimbursementRule.budget_cap:
        if agreed * yearly_patients > budget_left_usd:
            return Decision(False, "rejected", 0.0, delay)
        return Decision(True, "budget_cap", agreed, delay)
    return Decision(True, "threshold", agreed, delay)


def ced_withdrawn(
    params: Reimbursement, paid: float, qaly_gain: float, outcome_data: float, draw: float
) -> bool:
    """Whether provisional cover is withdrawn at re-evaluation (``draw`` ~ U(0, 1))."""
    if icer(paid, qaly_gain) <= params.threshold_usd_per_qaly:
        return False
    return draw < params.ced_withdrawal_probability * (1.0 - CED_DATA_WITHDRAWAL_CUT * outcome_data)
