"""What each outcome means to a reader: label, unit format, and which way is better.

Used by the comparison report to turn numbers into sentences ("raises therapies
approved by 27 %"); ``better`` is +1 when higher is better, -1 when lower is better and
0 when the outcome is descriptive only (more partnerships are not good in themselves).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KEY_OUTCOMES", "OUTCOMES", "TIME_TO_BENEFIT", "Outcome"]


@dataclass(frozen=True)
class Outcome:
    """How to present one per-run outcome."""

    label: str
    fmt: str  # a format spec for one value
    better: int  # +1 higher is better, -1 lower is better, 0 neither


OUTCOMES: dict[str, Outcome] = {
    "approvals": Outcome("therapies approved", "{:.1f}", +1),
    "approvals_precision": Outcome("precision therapies approved", "{:.1f}", +1),
    "loa_phase1": Outcome("likelihood of approval from phase I", "{:.1%}", +1),
    "transition_phase2": Outcome("phase II to III success", "{:.1%}", +1),
    "phase1_to_approval_years": Outcome("years from phase I to approval", "{:.1f}", -1),
    "cost_per_approval_busd": Outcome("R&D cost per approval (bn USD)", "{:.2f}", -1),
    "rd_spend_busd": Outcome("R&D spend (bn USD)", "{:.1f}", 0),
    "duplicate_spend_share": Outcome("share of R&D spend on duplicated work", "{:.1%}", -1),
    "trial_enrolment_share": Outcome("share of patients enrolled in trials", "{:.2%}", +1),
    "accrual_closure_share": Outcome("share of trials closed for poor accrual", "{:.1%}", -1),
    "patients_tested": Outcome("patients tested", "{:,.0f}", +1),
    "patients_matched": Outcome("patients matched to a precision therapy", "{:,.0f}", +1),
    "qalys": Outcome("QALYs gained", "{:,.0f}", +1),
    "payer_spend_busd": Outcome("payer spend (bn USD)", "{:.1f}", 0),
    "cost_per_qaly_usd": Outcome("payer cost per QALY (USD)", "{:,.0f}", -1),
    "years_to_reimbursement": Outcome("years from approval to coverage", "{:.2f}", -1),
    "backbone_spend_busd": Outcome("backbone cost (bn USD)", "{:.2f}", -1),
    "public_funding_busd": Outcome("public co-funding (bn USD)", "{:.2f}", 0),
    "partnerships_formed": Outcome("partnerships formed", "{:,.0f}", 0),
    "partnership_termination_rate": Outcome("share of partnerships terminated early", "{:.1%}", -1),
    "trust_partners_end": Outcome("trust between partners (end)", "{:.2f}", +1),
    "network_density_end": Outcome("partnership network density (end)", "{:.4f}", 0),
    "firm_exits": Outcome("biotech exits", "{:.1f}", -1),
    "matched_rate_gap_end": Outcome("matched-rate gap between regions (end)", "{:.3f}", -1),
    "precision_share_late": Outcome("precision share of approvals, last 10 years", "{:.1%}", 0),
}
"""Outcomes shown in comparison tables, in this order."""

KEY_OUTCOMES = (
    "approvals",
    "loa_phase1",
    "phase1_to_approval_years",
    "cost_per_approval_busd",
    "duplicate_spend_share",
    "accrual_closure_share",
    "patients_tested",
    "patients_matched",
    "qalys",
    "cost_per_qaly_usd",
    "years_to_reimbursement",
    "partnership_termination_rate",
    "firm_exits",
    "matched_rate_gap_end",
)
"""Outcomes the report puts into words."""

TIME_TO_BENEFIT = {
    # per-step outcome: (label, higher is better); compared cumulated over time
    "approvals": ("therapies approved", True),
    "patients_tested": ("patients tested", True),
    "patients_matched": ("patients matched to a precision therapy", True),
    "qalys": ("QALYs gained", True),
}
"""Per-step outcomes for which the report gives the year the other scenario pulls ahead."""
