"""Which outcomes the comparison report shows, and in what order.

Labels, formats and "better" directions come from the one outcome registry,
:mod:`ecosim.outcomes`; this module only chooses: the rows of comparison tables
(:data:`OUTCOMES`), the ones the report puts into words (:data:`KEY_OUTCOMES`) and the
per-step outcomes for which it gives the year one scenario pulls ahead
(:data:`TIME_TO_BENEFIT`).
"""

from __future__ import annotations

from ecosim.outcomes import RUN, STEP, Outcome

__all__ = ["KEY_OUTCOMES", "OUTCOMES", "TIME_TO_BENEFIT", "Outcome"]

_TABLE = (
    "approvals",
    "approvals_precision",
    "loa_phase1",
    "transition_phase2",
    "phase1_to_approval_years",
    "cost_per_approval_busd",
    "rd_spend_busd",
    "duplicate_spend_share",
    "trial_enrolment_share",
    "accrual_closure_share",
    "patients_tested",
    "patients_matched",
    "qalys",
    "payer_spend_busd",
    "cost_per_qaly_usd",
    "years_to_reimbursement",
    "backbone_spend_busd",
    "public_funding_busd",
    "partnerships_formed",
    "partnership_termination_rate",
    "trust_partners_end",
    "network_density_end",
    "firm_exits",
    "matched_rate_gap_end",
    "matched_rate_ratio_end",
    "precision_share_late",
)

OUTCOMES: dict[str, Outcome] = {name: RUN[name] for name in _TABLE}
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
    "matched_rate_ratio_end",
)
"""Outcomes the report puts into words."""

TIME_TO_BENEFIT = {
    name: (STEP[name].label, STEP[name].better > 0)
    for name in ("approvals", "patients_tested", "patients_matched", "qalys")
}
"""Per-step outcome: (label, higher is better), compared cumulated over time."""
