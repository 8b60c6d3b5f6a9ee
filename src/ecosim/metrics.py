"""What is measured: per-step outcomes and the per-run summary.

:data:`STEP_OUTCOMES` lists every per-step outcome with its unit; :data:`RUN_OUTCOMES`
every per-run summary value (the calibration metrics C1-C10 among them). Both are
plain functions of model state; nothing here changes the model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ecosim.partnerships import PARTNERSHIP_END, TERMINATIONS
from ecosim.pipeline import Phase

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel
    from ecosim.patients import Cascade

__all__ = ["RUN_OUTCOMES", "STEP_OUTCOMES", "Recorder", "network_measures", "summarise"]

STEP_OUTCOMES: dict[str, str] = {
    "year": "years since start",
    "programmes_discovery": "programmes in discovery",
    "programmes_preclinical": "programmes in preclinical development",
    "programmes_phase1": "programmes in phase I",
    "programmes_phase2": "programmes in phase II",
    "programmes_phase3": "programmes in phase III",
    "programmes_review": "programmes in regulatory review",
    "approvals": "therapies approved this quarter",
    "approvals_precision": "biomarker-selected therapies approved this quarter",
    "therapies_covered": "approved therapies covered by at least one payer",
    "rd_spend_musd": "R&D spend on programmes, million USD",
    "duplicate_spend_musd": "R&D spend on duplicated programmes, million USD",
    "failure_spend_musd": "lifetime spend of programmes that failed this quarter, million USD",
    "backbone_spend_musd": "cost of the backbone organisation, million USD",
    "biotech_overhead_musd": "running costs of biotech firms, million USD",
    "public_funding_musd": "public co-funding of pre-competitive research, million USD",
    "trials_started": "trials started (industry and academic)",
    "trials_completed": "trials completed (industry and academic)",
    "trials_closed_accrual": "trials closed for poor accrual (industry and academic)",
    "trials_stopped_other": "industry trials stopped for strategy or a firm's exit",
    "patients_incident": "new patients",
    "patients_aware": "new patients aware of genomic testing",
    "patients_tested": "new patients tested",
    "patients_eligible": "tested patients positive for their subtype's biomarker",
    "patients_matched": "patients matched to a covered precision therapy",
    "patients_treated": "patients treated with a new therapy (matched or unselected)",
    "patients_in_trials": "patients enrolled in trials",
    "qalys": "QALYs gained by patients treated this quarter",
    "payer_spend_musd": "payer spend on new therapies and reimbursed tests, million USD",
    "therapies_reimbursed": "therapies receiving their first coverage this quarter",
    "partnerships_formed": "bilateral partnerships formed",
    "partnerships_active": "bilateral partnerships active",
    "partnerships_terminated": "partnerships ended early (low trust, dispute, strategic stop)",
    "partnerships_completed": "partnerships ended by completion",
    "ip_disputes": "IP disputes",
    "negotiations_failed": "deal negotiations that failed",
    "consortium_joins": "organisations joining a consortium",
    "consortium_leaves": "members leaving a consortium (trust too low)",
    "consortium_members_data": "members of the data-sharing consortium",
    "consortium_members_trials": "members of the trial network",
    "consortium_members_ppp": "members of the public-private partnership",
    "network_density": "density of the active partnership network",
    "network_clustering": "average clustering of the active partnership network",
    "trust_partners": "mean mutual trust of partners in active partnerships (0 if none)",
    "trust_industry": "mean trust between firms (pharma, biotech; 0 if fewer than two)",
    "trust_industry_academia": "mean trust between firms and academic centres (0 if none)",
    "trust_industry_payer": "mean trust between firms and payers (0 if none)",
    "firms_alive": "live pharma and biotech firms",
    "firm_exits": "biotech firms that exited",
    "firm_entries": "biotech firms that entered",
    "awareness": "share of new patients aware of genomic testing",
    "matched_rate_best_region": "matched share of biomarker-positive patients, best region",
    "matched_rate_worst_region": "matched share of biomarker-positive patients, worst region",
}


def network_measures(adj: np.ndarray) -> tuple[float, float]:
    """Density and average clustering (networkx convention) of an undirected graph.

    Args:
        adj: symmetric 0/1 adjacency matrix with a zero diagonal.
    """
    n = adj.shape[0]
    if n < 2:
        return 0.0, 0.0
    deg = adj.sum(axis=1)
    density = float(deg.sum() / (n * (n - 1)))
    # triangles through each node; 0/1 entries make the product exact in any BLAS
    tri = ((adj @ adj) * adj).sum(axis=1) / 2.0
    pairs = deg * (deg - 1) / 2.0
    local = np.divide(tri, pairs, out=np.zeros(n), where=pairs > 0)
    return density, float(local.mean())


def _mean_trust(m: EcosystemModel, a: np.ndarray, b: np.ndarray) -> float:
    """Mean trust between two groups; 0 when a group is empty (per-step outcomes are never NaN)."""
    if len(a) == 0 or len(b) == 0 or (a is b and len(a) < 2):
        return 0.0
    sub = m.trust[np.ix_(a, b)]
    if a is b:
        k = len(a)
        return float((sub.sum() - k) / max(k * (k - 1), 1))
    return float(0.5 * (sub.mean() + m.trust[np.ix_(b, a)].mean()))  # both directions


class Recorder:
    """Collects one row of :data:`STEP_OUTCOMES` per step."""

    def __init__(self, model: EcosystemModel):
        self.model = model
        self.rows: dict[str, list[float]] = {k: [] for k in STEP_OUTCOMES}
        self.enrolled_total = 0.0
        self.incident_total = 0.0

    def record(self, c: Cascade, enrolled: float, money: dict[str, float]) -> None:
        """Record the quarter that just ended."""
        m = self.model
        p = m.programmes
        phase = p.view("phase")
        counts = np.bincount(phase, minlength=len(Phase))
        n = m.n_orgs
        act = m.partnerships.active()
        alive = m.alive[:n]
        adj = np.zeros((n, n))
        pa, pb = m.partnerships.a[act], m.partnerships.b[act]
        adj[pa, pb] = 1
        adj = np.maximum(adj, adj.T)
        np.fill_diagonal(adj, 0)
        density, clustering = network_measures(adj[np.ix_(alive, alive)])
        firms = m.live_indices("pharma", "biotech")
        academia, payers = m.live_indices("academia"), m.live_indices("payer")
        ended = m.partnerships.ended_this_step
        positive_r = (c.incident * m.patients.prevalence[None, :]).sum(axis=1)
        matched_r = np.divide(
            c.matched.sum(axis=1),
            positive_r,
            out=np.zeros_like(positive_r),
            where=positive_r > 0,
        )
        incident = float(c.incident.sum())
        self.enrolled_total += enrolled
        self.incident_total += incident
        row = {
            "year": m.steps / 4.0,
            "programmes_discovery": counts[Phase.DISCOVERY],
            "programmes_preclinical": counts[Phase.PRECLINICAL],
            "programmes_phase1": counts[Phase.PHASE1],
            "programmes_phase2": counts[Phase.PHASE2],
            "programmes_phase3": counts[Phase.PHASE3],
            "programmes_review": counts[Phase.REVIEW],
            "approvals": m.tally["approvals"],
            "approvals_precision": m.tally["approvals_precision"],
            "therapies_covered": int((m.market.status == 1).any(axis=1).sum()),
            "rd_spend_musd": m.spend["rd"],
            "duplicate_spend_musd": m.spend["duplicate"],
            "failure_spend_musd": m.tally["failure_spend"],
            "backbone_spend_musd": m.spend["backbone"],
            "biotech_overhead_musd": m.spend["overhead"],
            "public_funding_musd": m.spend["public"],
            "trials_started": m.tally["trials_started"],
            "trials_completed": m.tally["trials_completed"],
            "trials_closed_accrual": m.tally["trials_closed_accrual"],
            "trials_stopped_other": m.tally["trials_stopped_other"],
            "patients_incident": incident,
            "patients_aware": float(c.aware.sum()),
            "patients_tested": float(c.tested.sum()),
            "patients_eligible": float(c.eligible.sum()),
            "patients_matched": float(c.matched.sum()),
            "patients_treated": float(c.matched.sum() + c.treated_unselected.sum()),
            "patients_in_trials": enrolled,
            "qalys": money["qalys"],
            "payer_spend_musd": money["payer_spend_musd"],
            "therapies_reimbursed": m.reimbursed_this_step,
            "partnerships_formed": m.partnerships.formed_this_step,
            "partnerships_active": len(act),
            "partnerships_terminated": int(
                sum(ended[PARTNERSHIP_END.index(r)] for r in TERMINATIONS)
            ),
            "partnerships_completed": int(ended[PARTNERSHIP_END.index("completed")]),
            "ip_disputes": m.disputes_this_step,
            "negotiations_failed": m.deals.failed_this_step,
            "consortium_joins": m.consortia.joined_this_step,
            "consortium_leaves": m.consortia.left_this_step,
            "consortium_members_data": m.consortia.member_count("data_sharing"),
            "consortium_members_trials": m.consortia.member_count("trial_network"),
            "consortium_members_ppp": m.consortia.member_count("public_private"),
            "network_density": density,
            "network_clustering": clustering,
            "trust_partners": float(
                np.mean(0.5 * (m.trust[pa, pb] + m.trust[pb, pa])) if len(act) else 0.0
            ),
            "trust_industry": _mean_trust(m, firms, firms),
            "trust_industry_academia": _mean_trust(m, firms, academia),
            "trust_industry_payer": _mean_trust(m, firms, payers),
            "firms_alive": len(firms),
            "firm_exits": m.tally["firm_exits"],
            "firm_entries": m.tally["firm_entries"],
            "awareness": float(c.aware.sum() / incident) if incident > 0 else 0.0,
            "matched_rate_best_region": float(matched_r.max()),
            "matched_rate_worst_region": float(matched_r.min()),
        }
        for k, v in row.items():
            self.rows[k].append(float(v))

    def frame(self) -> pd.DataFrame:
        """Per-step outcomes, one row per step (wide)."""
        df = pd.DataFrame(self.rows)
        df.insert(0, "step", np.arange(1, len(df) + 1))
        return df


RUN_OUTCOMES: dict[str, str] = {
    "loa_phase1": "C1: likelihood of approval from phase I (product of transition rates)",
    "transition_phase1": "C2: realised phase I to II transition rate",
    "transition_phase2": "C2: realised phase II to III transition rate",
    "transition_phase3": "C2: realised phase III to submission transition rate",
    "transition_review": "C2: realised submission to approval rate",
    "loa_precision": "C4: LOA from phase I, biomarker-selected programmes",
    "loa_unselected": "C4: LOA from phase I, other programmes",
    "loa_ratio": "C4: LOA of biomarker-selected over other programmes",
    "phase1_to_approval_years": "C5: mean years from phase I start to approval",
    "cost_per_approval_busd": "C6: out-of-pocket R&D spend per approval, bn USD",
    "trial_enrolment_share": "C7: patients enrolled in trials per incident patient",
    "accrual_closure_share": "C8: share of ended trials closed for poor accrual",
    "precision_share_late": "C9: precision share of approvals, last 10 years",
    "awareness_start": "C10: share of patients aware of genomic testing, first quarter",
    "approvals": "therapies approved in the run",
    "approvals_precision": "precision therapies approved in the run",
    "years_to_reimbursement": "mean years from approval to first coverage",
    "patients_matched": "patients matched to a covered precision therapy in the run",
    "patients_tested": "patients tested in the run",
    "qalys": "QALYs gained in the run",
    "payer_spend_busd": "payer spend in the run, bn USD",
    "cost_per_qaly_usd": "payer spend per QALY gained, USD",
    "rd_spend_busd": "R&D spend in the run, bn USD",
    "duplicate_spend_share": "share of R&D spend on duplicated programmes",
    "backbone_spend_busd": "backbone cost in the run, bn USD",
    "public_funding_busd": "public co-funding in the run, bn USD",
    "partnerships_formed": "bilateral partnerships formed in the run",
    "partnership_termination_rate": "share of ended partnerships that were terminated early",
    "network_density_end": "partnership network density in the last year (mean)",
    "network_clustering_end": "partnership network clustering in the last year (mean)",
    "trust_industry_end": "mean trust between firms in the last year",
    "trust_partners_end": "mean mutual trust of active partners in the last year",
    "firm_exits": "biotech exits in the run",
    "matched_rate_gap_end": "matched rate gap between best and worst region, last year",
}


def _loa(tr: np.ndarray, cols: slice | int) -> tuple[float, np.ndarray]:
    """LOA from phase I and the per-phase transition rates for a success/fail table."""
    ok = tr[1][..., 2:6]
    bad = tr[0][..., 2:6]
    if isinstance(cols, int):
        ok, bad = ok[cols], bad[cols]
    else:
        ok, bad = ok.sum(axis=0), bad.sum(axis=0)
    rates = np.divide(ok, ok + bad, out=np.full(4, np.nan), where=(ok + bad) > 0)
    return float(np.prod(rates)), rates


def summarise(m: EcosystemModel, steps: pd.DataFrame) -> dict[str, float]:
    """Per-run summary values (:data:`RUN_OUTCOMES`) of a finished model."""
    p = m.programmes
    tr = m.transitions
    loa, rates = _loa(tr, slice(None))
    loa_p, _ = _loa(tr, 1)
    loa_u, _ = _loa(tr, 0)
    approved = p.view("approved_step") >= 0
    timed = approved & (p.view("phase1_step") >= 0)
    years_to_approval = (p.view("approved_step")[timed] - p.view("phase1_step")[timed]) / 4.0
    # cohort of programmes started in the first half of the run: (nearly) all have ended
    half = m.steps // 2
    cohort = (p.view("start_step") >= 1) & (p.view("start_step") <= half)
    cohort_approvals = int((cohort & approved).sum())
    cohort_spend = float(p.view("spent")[cohort].sum())
    trials_ended = (
        steps[["trials_completed", "trials_closed_accrual", "trials_stopped_other"]]
        .to_numpy()
        .sum()
    )
    last10 = steps["year"] > (steps["year"].max() - 10)
    late = steps.loc[last10, ["approvals", "approvals_precision"]].sum()
    ended_p = m.partnerships.status[: m.partnerships.n]
    n_ended = int((ended_p > 0).sum())
    n_term = int(np.isin(ended_p, [PARTNERSHIP_END.index(r) for r in TERMINATIONS]).sum())
    last_year = steps.tail(4)
    qalys = steps["qalys"].sum()
    payer = steps["payer_spend_musd"].sum()

    def ratio(a: float, b: float) -> float:
        return float(a / b) if b > 0 else float("nan")

    return {
        "loa_phase1": loa,
        "transition_phase1": rates[0],
        "transition_phase2": rates[1],
        "transition_phase3": rates[2],
        "transition_review": rates[3],
        "loa_precision": loa_p,
        "loa_unselected": loa_u,
        "loa_ratio": ratio(loa_p, loa_u),
        "phase1_to_approval_years": float(years_to_approval.mean())
        if len(years_to_approval)
        else float("nan"),
        "cost_per_approval_busd": ratio(cohort_spend / 1000.0, cohort_approvals),
        "trial_enrolment_share": ratio(m.recorder.enrolled_total, m.recorder.incident_total),
        "accrual_closure_share": ratio(steps["trials_closed_accrual"].sum(), trials_ended),
        "precision_share_late": ratio(late["approvals_precision"], late["approvals"]),
        "awareness_start": float(steps["awareness"].iloc[0]),
        "approvals": float(steps["approvals"].sum()),
        "approvals_precision": float(steps["approvals_precision"].sum()),
        "years_to_reimbursement": float(np.mean(m.market.first_cover_delay))
        if m.market.first_cover_delay
        else float("nan"),
        "patients_matched": float(steps["patients_matched"].sum()),
        "patients_tested": float(steps["patients_tested"].sum()),
        "qalys": float(qalys),
        "payer_spend_busd": float(payer / 1000.0),
        "cost_per_qaly_usd": ratio(payer * 1e6, qalys),
        "rd_spend_busd": float(steps["rd_spend_musd"].sum() / 1000.0),
        "duplicate_spend_share": ratio(
            steps["duplicate_spend_musd"].sum(), steps["rd_spend_musd"].sum()
        ),
        "backbone_spend_busd": float(steps["backbone_spend_musd"].sum() / 1000.0),
        "public_funding_busd": float(steps["public_funding_musd"].sum() / 1000.0),
        "partnerships_formed": float(steps["partnerships_formed"].sum()),
        "partnership_termination_rate": ratio(n_term, n_ended),
        "network_density_end": float(last_year["network_density"].mean()),
        "network_clustering_end": float(last_year["network_clustering"].mean()),
        "trust_industry_end": float(last_year["trust_industry"].mean()),
        "trust_partners_end": float(last_year["trust_partners"].mean()),
        "firm_exits": float(steps["firm_exits"].sum()),
        "matched_rate_gap_end": float(
            (last_year["matched_rate_best_region"] - last_year["matched_rate_worst_region"]).mean()
        ),
    }
