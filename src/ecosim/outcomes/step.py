"""Per-step outcomes: recorded every quarter by :class:`ecosim.metrics.Recorder`."""

from __future__ import annotations

from ecosim.outcomes.base import F1, F2, PCT, G, Outcome
from ecosim.outcomes.base import step_outcome as _step
from ecosim.outcomes.patient_steps import PATIENT_STEPS

__all__ = ["STEP"]

_STEP = (
    _step("year", "years", "year", "Years since the start of the run.", fmt=F2),
    *(
        _step(
            f"programmes_{key}",
            "programmes",
            f"programmes in {label}",
            f"Programmes in {label} at the end of the quarter.",
        )
        for key, label in (
            ("discovery", "discovery"),
            ("preclinical", "preclinical development"),
            ("phase1", "phase I"),
            ("phase2", "phase II"),
            ("phase3", "phase III"),
            ("review", "regulatory review"),
        )
    ),
    _step(
        "approvals", "therapies", "therapies approved", "Therapies approved this quarter.", better=1
    ),
    _step(
        "approvals_precision",
        "therapies",
        "precision therapies approved",
        "Biomarker-selected therapies approved this quarter.",
        better=1,
    ),
    _step(
        "accelerated_approvals",
        "therapies",
        "accelerated approvals",
        "Therapies marketed this quarter on phase II evidence (accelerated approval).",
    ),
    _step(
        "accelerated_withdrawn",
        "therapies",
        "accelerated approvals withdrawn",
        "Accelerated approvals withdrawn this quarter (confirmatory trial failed or stopped).",
        better=-1,
    ),
    _step(
        "therapies_covered",
        "therapies",
        "therapies covered",
        "Approved therapies covered by at least one payer.",
        better=1,
    ),
    _step(
        "appraisal_queue",
        "appraisals",
        "appraisals waiting",
        "Therapy-payer appraisals waiting for a payer's appraisal slot.",
        better=-1,
    ),
    _step("rd_spend_musd", "million USD", "R&D spend", "R&D spend on programmes.", fmt=F1),
    _step(
        "duplicate_spend_musd",
        "million USD",
        "R&D spend on duplicated work",
        "R&D spend on programmes that duplicate another owner's earlier programme.",
        fmt=F1,
        better=-1,
    ),
    _step(
        "failure_spend_musd",
        "million USD",
        "spend of failed programmes",
        "Lifetime spend of the programmes that ended without approval this quarter.",
        fmt=F1,
    ),
    _step(
        "backbone_spend_musd",
        "million USD",
        "backbone cost",
        "Cost of the backbone organisation.",
        fmt=F2,
        better=-1,
    ),
    _step(
        "initiative_spend_musd",
        "million USD",
        "initiative membership cost",
        "Fees, staff effort, data curation and meetings members spend on the initiative.",
        fmt=F2,
        better=-1,
    ),
    _step(
        "biotech_overhead_musd",
        "million USD",
        "biotech running costs",
        "Running costs of biotech firms.",
        fmt=F1,
    ),
    _step(
        "public_funding_musd",
        "million USD",
        "public co-funding",
        "Public co-funding of pre-competitive research.",
        fmt=F2,
    ),
    _step("trials_started", "trials", "trials started", "Trials started (industry and academic)."),
    _step(
        "trials_completed",
        "trials",
        "trials completed",
        "Trials completed (industry and academic).",
    ),
    _step(
        "trials_closed_accrual",
        "trials",
        "trials closed for lack of patients",
        "Trials closed for poor accrual (industry and academic).",
        better=-1,
    ),
    _step(
        "trials_stopped_other",
        "trials",
        "trials stopped for strategy or exit",
        "Industry trials stopped for a strategic decision or the owner's exit.",
    ),
    _step(
        "review_queue",
        "submissions",
        "submissions waiting for review",
        "Submissions waiting for a review slot at the end of the quarter.",
        better=-1,
    ),
    *PATIENT_STEPS,
    _step(
        "payer_spend_musd",
        "million USD",
        "payer spend",
        "Payer cash paid out this quarter for new therapies (instalments included) and "
        "reimbursed tests.",
        fmt=F1,
    ),
    _step(
        "payer_outstanding_musd",
        "million USD",
        "payer instalments owed",
        "Instalments payers still owe for patients already treated (annuity payment), at "
        "the end of the quarter.",
        fmt=F1,
    ),
    _step(
        "out_of_pocket_musd",
        "million USD",
        "out-of-pocket test spend",
        "What patients paid this quarter for tests their payer does not cover.",
        fmt=F1,
        better=-1,
    ),
    _step(
        "test_coverage",
        "fraction",
        "population whose payer covers the test",
        "Share of the population whose payer covers the companion test this quarter.",
        fmt=PCT,
        better=1,
    ),
    _step(
        "world_sales_musd",
        "million USD",
        "rest-of-world sales",
        "Sales of the ecosystem's therapies in the rest of the world this quarter.",
        fmt=F1,
    ),
    _step(
        "firm_revenue_musd",
        "million USD",
        "firm revenue",
        "Revenue of pharma and biotech firms this quarter: sales at home and abroad, royalties.",
        fmt=F1,
    ),
    _step(
        "therapies_on_patent",
        "therapies",
        "therapies on patent",
        "Therapies on the market that have not lost exclusivity.",
    ),
    _step(
        "therapies_reimbursed",
        "therapies",
        "therapies first covered",
        "Therapies receiving their first coverage this quarter.",
    ),
    _step(
        "partnerships_formed",
        "partnerships",
        "partnerships formed",
        "Bilateral partnerships formed this quarter.",
    ),
    _step(
        "partnerships_active",
        "partnerships",
        "active partnerships",
        "Bilateral partnerships active at the end of the quarter.",
    ),
    _step(
        "partnerships_terminated",
        "partnerships",
        "partnerships ended early",
        "Partnerships ended early (low trust, dispute, strategic stop).",
        better=-1,
    ),
    _step(
        "partnerships_completed",
        "partnerships",
        "partnerships completed",
        "Partnerships ended by completion.",
    ),
    _step("ip_disputes", "disputes", "IP disputes", "IP disputes this quarter.", better=-1),
    _step(
        "negotiations_failed",
        "negotiations",
        "failed negotiations",
        "Negotiations that failed (no surplus, the buyer's budget or trust): deals of every "
        "kind and partnerships.",
    ),
    _step(
        "consortium_joins",
        "organisations",
        "consortium joins",
        "Organisations joining a consortium.",
    ),
    _step(
        "consortium_leaves",
        "organisations",
        "consortium leaves",
        "Members leaving a consortium because their trust in the others is too low.",
    ),
    _step(
        "consortium_members_data",
        "organisations",
        "data-sharing consortium members",
        "Members of the data-sharing consortium.",
    ),
    _step(
        "consortium_members_trials",
        "organisations",
        "trial network members",
        "Members of the trial network.",
    ),
    _step(
        "consortium_members_ppp",
        "organisations",
        "public-private partnership members",
        "Members of the public-private partnership.",
    ),
    _step(
        "initiative_members",
        "organisations",
        "initiative members",
        "Live members of the collective-impact initiative.",
    ),
    _step(
        "initiative_free_riders",
        "organisations",
        "initiative free-riders",
        "Members who pay the fee but give no effort.",
        better=-1,
    ),
    _step(
        "network_density",
        "0-1",
        "network density",
        "Density of the active partnership network over live organisations.",
        fmt="{:.4f}",
    ),
    _step(
        "network_clustering",
        "0-1",
        "network clustering",
        "Average clustering of the active partnership network over live organisations.",
        fmt=G,
    ),
    _step(
        "trust_partners",
        "0-1",
        "trust between partners",
        "Mean mutual trust of partners in active partnerships (0 if none).",
        fmt=F2,
        better=1,
    ),
    _step(
        "trust_industry",
        "0-1",
        "trust between firms",
        "Mean trust between firms (pharma, biotech; 0 if fewer than two).",
        fmt=F2,
        better=1,
    ),
    _step(
        "trust_industry_academia",
        "0-1",
        "trust between firms and academia",
        "Mean trust between firms and academic centres, both directions (0 if none).",
        fmt=F2,
        better=1,
    ),
    _step(
        "trust_industry_payer",
        "0-1",
        "trust between firms and payers",
        "Mean trust between firms and payers, both directions (0 if none).",
        fmt=F2,
        better=1,
    ),
    _step("firms_alive", "firms", "live firms", "Live pharma and biotech firms."),
    _step("biotechs_alive", "firms", "live biotechs", "Live biotech firms."),
    _step(
        "pharma_cash_musd",
        "million USD",
        "pharma R&D cash",
        "R&D cash of the live pharma firms at the end of the quarter.",
        fmt=F1,
    ),
    _step(
        "biotech_cash_musd",
        "million USD",
        "biotech cash",
        "Cash of the live biotech firms at the end of the quarter.",
        fmt=F1,
    ),
    _step("firm_exits", "firms", "biotech exits", "Biotech firms that exited.", better=-1),
    _step("firm_entries", "firms", "biotech entries", "Biotech firms that entered."),
    _step(
        "awareness",
        "fraction",
        "awareness of testing",
        "Share of new patients aware of genomic testing.",
        fmt=PCT,
        better=1,
    ),
    _step(
        "matched_rate_best_region",
        "fraction",
        "matched rate, best region",
        "Matched share of the biomarker-positive patients starting a line, in the "
        "best-served region.",
        fmt=PCT,
        better=1,
    ),
    _step(
        "matched_rate_worst_region",
        "fraction",
        "matched rate, worst region",
        "Matched share of the biomarker-positive patients starting a line, in the "
        "worst-served region.",
        fmt=PCT,
        better=1,
    ),
)


STEP: dict[str, Outcome] = {o.name: o for o in _STEP}
"""Per-step outcomes, in output order."""
