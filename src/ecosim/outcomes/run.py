"""Per-run outcomes: computed once per run by :func:`ecosim.metrics.summarise`."""

from __future__ import annotations

from ecosim.outcomes.base import F1, F2, PCT, PCT2, Outcome
from ecosim.outcomes.base import run_outcome as _run
from ecosim.outcomes.run_network import NETWORK

__all__ = ["RUN"]

_RUN = (
    _run(
        "loa_phase1",
        "probability",
        "likelihood of approval from phase I",
        "C1: likelihood of approval from phase I (product of the realised transition rates).",
        fmt=PCT,
        better=1,
    ),
    _run(
        "transition_phase1",
        "probability",
        "phase I to II success",
        "C2: realised phase I to II transition rate.",
        fmt=PCT,
        better=1,
    ),
    _run(
        "transition_phase2",
        "probability",
        "phase II to III success",
        "C2: realised phase II to III transition rate.",
        fmt=PCT,
        better=1,
    ),
    _run(
        "transition_phase3",
        "probability",
        "phase III to submission success",
        "C2: realised phase III to submission transition rate.",
        fmt=PCT,
        better=1,
    ),
    _run(
        "transition_review",
        "probability",
        "submission to approval success",
        "C2: realised submission to approval rate.",
        fmt=PCT,
        better=1,
    ),
    _run(
        "loa_precision",
        "probability",
        "LOA from phase I, biomarker-selected",
        "C4: likelihood of approval from phase I of biomarker-selected programmes.",
        fmt=PCT,
        better=1,
    ),
    _run(
        "loa_unselected",
        "probability",
        "LOA from phase I, other programmes",
        "C4: likelihood of approval from phase I of other programmes.",
        fmt=PCT,
        better=1,
    ),
    _run(
        "loa_ratio",
        "ratio",
        "LOA ratio, biomarker-selected to other",
        "C4: LOA of biomarker-selected over other programmes.",
        fmt=F2,
    ),
    _run(
        "phase1_to_approval_years",
        "years",
        "years from phase I to approval",
        "C5: mean years from entering phase I to approval (programmes timed from phase I).",
        fmt=F1,
        better=-1,
    ),
    _run(
        "review_years",
        "years",
        "years from submission to approval",
        "Mean years from submission (entering review, queue included) to approval of the "
        "therapies approved in the run.",
        fmt=F2,
        better=-1,
    ),
    _run(
        "early_engagement_share",
        "fraction",
        "share of phase III entries with early engagement",
        "Programmes that entered phase III in the run with early regulatory engagement, "
        "over all that entered phase III in the run.",
        fmt=PCT,
    ),
    _run(
        "cost_per_approval_busd",
        "billion USD",
        "R&D cost per approval (bn USD)",
        "C6: out-of-pocket R&D spend of the programmes started in the first half of the "
        "run, per approval among them.",
        fmt=F2,
        better=-1,
    ),
    _run(
        "trial_enrolment_share",
        "fraction",
        "share of patients enrolled in trials",
        "C7: patients enrolled in trials per incident patient.",
        fmt=PCT2,
        better=1,
    ),
    _run(
        "accrual_closure_share",
        "fraction",
        "share of trials closed for poor accrual",
        "C8: share of ended trials closed for poor accrual.",
        fmt=PCT,
        better=-1,
    ),
    _run(
        "precision_share_late",
        "fraction",
        "precision share of approvals, late",
        "C9: precision share of approvals in the last ``observation.late_window_years``.",
        fmt=PCT,
    ),
    _run(
        "awareness_start",
        "fraction",
        "awareness of testing at the start",
        "C10: share of patients aware of genomic testing in the first quarter.",
        fmt=PCT,
    ),
    _run(
        "approvals",
        "therapies",
        "therapies approved",
        "Therapies approved in the run.",
        fmt=F1,
        better=1,
    ),
    _run(
        "approvals_precision",
        "therapies",
        "precision therapies approved",
        "Biomarker-selected therapies approved in the run.",
        fmt=F1,
        better=1,
    ),
    _run(
        "accelerated_approvals",
        "therapies",
        "accelerated approvals",
        "Therapies marketed in the run on phase II evidence (accelerated approval).",
        fmt=F1,
    ),
    _run(
        "accelerated_withdrawn",
        "therapies",
        "accelerated approvals withdrawn",
        "Accelerated approvals withdrawn in the run (confirmatory trial failed or stopped).",
        fmt=F1,
        better=-1,
    ),
    _run(
        "years_to_reimbursement",
        "years",
        "years from approval to coverage",
        "Mean years from approval to a therapy's first coverage by any payer.",
        fmt=F2,
        better=-1,
    ),
    _run(
        "patients_matched",
        "patients",
        "patients matched to a precision therapy",
        "Patients matched to a covered precision therapy in the run.",
        better=1,
    ),
    _run("patients_tested", "patients", "patients tested", "Patients tested in the run.", better=1),
    _run("qalys", "QALYs", "QALYs gained", "QALYs gained in the run.", better=1),
    _run(
        "payer_spend_busd",
        "billion USD",
        "payer spend (bn USD)",
        "Payer spend in the run, including instalments still owed at the horizon.",
        fmt=F1,
    ),
    _run(
        "payer_outstanding_busd",
        "billion USD",
        "payer instalments owed at the horizon (bn USD)",
        "Instalments payers still owe at the horizon for patients already treated.",
        fmt=F2,
    ),
    _run(
        "cost_per_qaly_usd",
        "USD/QALY",
        "payer cost per QALY (USD)",
        "Payer spend (instalments owed included) per QALY gained.",
        better=-1,
    ),
    _run(
        "available_share",
        "fraction",
        "approved therapies available to patients",
        "Share of the therapies approved in the run that a patient's payer covers at the "
        "horizon, averaged over payers by population share (W.A.I.T.: availability, "
        "averaged over countries).",
        fmt=PCT,
        better=1,
    ),
    _run(
        "fully_reimbursed_share",
        "fraction",
        "approved therapies covered by every payer",
        "Therapies approved in the run covered by every payer at the horizon, over all "
        "approved in the run (W.A.I.T.: full reimbursement).",
        fmt=PCT,
        better=1,
    ),
    _run(
        "out_of_pocket_busd",
        "billion USD",
        "out-of-pocket test spend (bn USD)",
        "What patients paid in the run for tests their payer did not cover.",
        fmt=F2,
        better=-1,
    ),
    _run(
        "societal_cost_per_qaly_usd",
        "USD/QALY",
        "payer and patient cost per QALY (USD)",
        "Payer spend (instalments owed included) plus patients' out-of-pocket test spend, "
        "per QALY gained.",
        better=-1,
    ),
    _run("rd_spend_busd", "billion USD", "R&D spend (bn USD)", "R&D spend in the run.", fmt=F1),
    _run(
        "duplicate_spend_share",
        "fraction",
        "share of R&D spend on duplicated work",
        "Share of R&D spend on duplicated programmes.",
        fmt=PCT,
        better=-1,
    ),
    _run(
        "backbone_spend_busd",
        "billion USD",
        "backbone cost (bn USD)",
        "Backbone cost in the run.",
        fmt=F2,
        better=-1,
    ),
    _run(
        "public_funding_busd",
        "billion USD",
        "public co-funding (bn USD)",
        "Public co-funding in the run.",
        fmt=F2,
    ),
    *NETWORK,
    _run(
        "upfront_share",
        "fraction",
        "upfront share of deal value",
        "C11: median upfront payment as a share of deal value (upfront plus milestones), "
        "agreed firm-to-firm licences and co-developments.",
        fmt=PCT,
    ),
    _run(
        "royalty_early",
        "fraction of sales",
        "royalty, early-stage licences",
        "C12: median royalty of agreed firm-to-firm licences signed in discovery to phase I.",
        fmt=PCT2,
    ),
    _run(
        "royalty_late",
        "fraction of sales",
        "royalty, late-stage licences",
        "C12: median royalty of agreed firm-to-firm licences signed in phase II or later.",
        fmt=PCT2,
    ),
    _run(
        "external_share",
        "fraction",
        "externally sourced pharma clinical assets",
        "C13: share of the programmes that pharma firms held (or co-developed) in the clinic "
        "which another organisation originated (in-licensed, acquired, co-developed).",
        fmt=PCT,
    ),
    _run(
        "deals_agreed",
        "deals",
        "firm deals agreed",
        "Licences, co-developments and acquisitions between firms agreed in the run.",
        fmt=F1,
    ),
    _run(
        "no_go_stops",
        "programmes",
        "no-go stops",
        "Programmes stopped because their owner valued them at less than nothing.",
        fmt=F1,
    ),
    _run(
        "budget_stops",
        "programmes",
        "budget stops",
        "Programmes stopped because their owner could not fund them.",
        fmt=F1,
    ),
    _run(
        "rd_to_revenue",
        "ratio",
        "R&D spend per dollar of firm revenue",
        "R&D spend in the run divided by firms' revenue (sales at home and abroad, royalties).",
        fmt=F2,
    ),
    _run(
        "matched_rate_gap_end",
        "fraction",
        "matched-rate gap between regions (end)",
        "Matched rate of the best minus the worst region, mean of the end window.",
        fmt="{:.3f}",
        better=-1,
    ),
    _run(
        "matched_rate_ratio_end",
        "ratio",
        "matched-rate ratio, worst to best region (end)",
        "Matched rate of the worst region over that of the best, means of the end window "
        "(1 = equal access).",
        fmt="{:.3f}",
        better=1,
    ),
)


RUN: dict[str, Outcome] = {o.name: o for o in _RUN}
"""Per-run outcomes, in output order (the calibration metrics C1-C10 first, C11-C13 with
the deal facts)."""
