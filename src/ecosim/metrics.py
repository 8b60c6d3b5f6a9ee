"""What is measured: per-step outcomes while a run goes, per-run outcomes at its end.

Every outcome is declared once in :mod:`ecosim.outcomes` (name, unit, label, format,
direction); :data:`STEP_OUTCOMES` and :data:`RUN_OUTCOMES` map each name to its
definition. :class:`Recorder` records the step outcomes every quarter;
:func:`summarise` computes the run outcomes from the step outcomes and the entity
records (:mod:`ecosim.records`), so that the records and the summary cannot disagree.
Nothing here changes the model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ecosim import diagnostics
from ecosim.deal_facts import deal_facts
from ecosim.market import CoverageStatus
from ecosim.network import network_measures
from ecosim.outcomes import RUN, STEP
from ecosim.partnerships import TERMINATIONS, PartnershipEnd
from ecosim.pipeline import PHASE_KEYS, TRIAL_PHASES, EndReason, Phase
from ecosim.sectors import FIRMS, Sector
from ecosim.units import HALF, MUSD_PER_BUSD, QUARTERS_PER_YEAR, USD_PER_MUSD

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel
    from ecosim.patients import Cascade
    from ecosim.scenario import Scenario

__all__ = ["RUN_OUTCOMES", "STEP_OUTCOMES", "Recorder", "network_measures", "summarise"]

STEP_OUTCOMES: dict[str, str] = {name: o.definition for name, o in STEP.items()}
"""Per-step outcome -> definition (:data:`ecosim.outcomes.STEP`)."""

RUN_OUTCOMES: dict[str, str] = {name: o.definition for name, o in RUN.items()}
"""Per-run outcome -> definition (:data:`ecosim.outcomes.RUN`)."""


def _mean_trust(m: EcosystemModel, a: np.ndarray, b: np.ndarray) -> float:
    """Mean trust between two groups; 0 when a group is empty (per-step outcomes are never NaN)."""
    if len(a) == 0 or len(b) == 0 or (a is b and len(a) <= 1):
        return 0.0
    sub = m.trust[np.ix_(a, b)]
    if a is b:
        k = len(a)
        return float((sub.sum() - k) / max(k * (k - 1), 1))
    return float(HALF * (sub.mean() + m.trust[np.ix_(b, a)].mean()))  # both directions


class Recorder:
    """Collects one value of every step outcome (:data:`ecosim.outcomes.STEP`) per step."""

    def __init__(self, model: EcosystemModel):
        self.model = model
        self.rows: dict[str, list[float]] = {k: [] for k in STEP}

    def record(self, c: Cascade, enrolled: float, money: dict[str, float]) -> None:
        """Record the quarter that just ended."""
        m = self.model
        row = {"year": m.steps / QUARTERS_PER_YEAR}
        row.update(self._pipeline(m))
        row.update(self._money(m, money))
        row.update(self._patients(m, c, enrolled, money))
        row.update(self._partnerships(m))
        row.update(self._trust_and_firms(m))
        if row.keys() != self.rows.keys():
            missing = sorted(self.rows.keys() ^ row.keys())
            raise KeyError(f"recorded outcomes differ from ecosim.outcomes.STEP: {missing}")
        for k, v in row.items():
            self.rows[k].append(float(v))

    @staticmethod
    def _pipeline(m: EcosystemModel) -> dict[str, float]:
        counts = np.bincount(m.programmes.view("phase"), minlength=len(Phase))
        out = {f"programmes_{key}": counts[k] for k, key in enumerate(PHASE_KEYS)}
        t = m.tally
        out.update(
            approvals=t["approvals"],
            approvals_precision=t["approvals_precision"],
            accelerated_approvals=t["accelerated_approvals"],
            accelerated_withdrawn=t["accelerated_withdrawn"],
            therapies_covered=m.market.covered_count(),
            appraisal_queue=m.market.appraisal_queue(),
            trials_started=t["trials_started"],
            trials_completed=t["trials_completed"],
            trials_closed_accrual=t["trials_closed_accrual"],
            trials_stopped_other=t["trials_stopped_other"],
            review_queue=m.review_queue,
        )
        return out

    @staticmethod
    def _money(m: EcosystemModel, money: dict[str, float]) -> dict[str, float]:
        return {
            "rd_spend_musd": m.spend["rd"],
            "duplicate_spend_musd": m.spend["duplicate"],
            "failure_spend_musd": m.tally["failure_spend"],
            "backbone_spend_musd": m.spend["backbone"],
            "initiative_spend_musd": m.spend["initiative"],
            "biotech_overhead_musd": m.spend["overhead"],
            "public_funding_musd": m.spend["public"],
            "payer_spend_musd": money["payer_spend_musd"],
            "payer_outstanding_musd": money["payer_outstanding_musd"],
            "out_of_pocket_musd": money["out_of_pocket_musd"],
            "test_coverage": diagnostics.covered_share(m),
            "world_sales_musd": money["world_sales_musd"],
            "firm_revenue_musd": float(m.revenue[: m.n_orgs, m.steps % QUARTERS_PER_YEAR].sum()),
            "therapies_on_patent": m.market.on_patent_count(),
        }

    @staticmethod
    def _patients(
        m: EcosystemModel, c: Cascade, enrolled: float, money: dict[str, float]
    ) -> dict[str, float]:
        positive_r = (c.starting * m.patients.prevalence[None, :]).sum(axis=1)
        matched_r = np.divide(
            c.matched.sum(axis=1), positive_r, out=np.zeros_like(positive_r), where=positive_r > 0
        )
        incident = float(c.incident.sum())
        return {
            "patients_incident": incident,
            "patients_starting_line": float(c.starting.sum()),
            "tests_done": float(c.tests.sum()),
            "patients_aware": float(c.aware.sum()),
            "patients_tested": float(c.tested.sum()),
            "patients_eligible": float(c.eligible.sum()),
            "patients_matched": float(c.matched.sum()),
            "patients_treated": float(c.matched.sum() + c.treated_unselected.sum()),
            "patients_in_trials": enrolled,
            "qalys": money["qalys"],
            "therapies_reimbursed": m.reimbursed_this_step,
            "awareness": float(c.incident_aware.sum() / incident) if incident > 0 else 0.0,
            "matched_rate_best_region": float(matched_r.max()),
            "matched_rate_worst_region": float(matched_r.min()),
        }

    @staticmethod
    def _partnerships(m: EcosystemModel) -> dict[str, float]:
        ps = m.partnerships
        act = ps.active()
        pa, pb = ps.a[act], ps.b[act]
        density, clustering = network_measures(pa, pb, np.flatnonzero(m.alive[: m.n_orgs]))
        ended = ps.ended_this_step
        return {
            "partnerships_formed": ps.formed_this_step,
            "partnerships_active": len(act),
            "partnerships_terminated": int(sum(ended[r] for r in TERMINATIONS)),
            "partnerships_completed": int(ended[PartnershipEnd.completed]),
            "ip_disputes": m.disputes_this_step,
            "negotiations_failed": m.deals.failed_this_step,
            "consortium_joins": m.consortia.joined_this_step,
            "consortium_leaves": m.consortia.left_this_step,
            "consortium_members_data": m.consortia.member_count("data_sharing"),
            "consortium_members_trials": m.consortia.member_count("trial_network"),
            "consortium_members_ppp": m.consortia.member_count("public_private"),
            "initiative_members": m.consortia.member_count("initiative"),
            "initiative_free_riders": int(
                np.count_nonzero(m.initiative.free_rider[: m.n_orgs] & m.initiative.members())
            ),
            "network_density": density,
            "network_clustering": clustering,
            "trust_partners": float(np.mean(HALF * (m.trust[pa, pb] + m.trust[pb, pa])))
            if len(act)
            else 0.0,
        }

    @staticmethod
    def _trust_and_firms(m: EcosystemModel) -> dict[str, float]:
        firms = m.live_indices(*FIRMS)
        academia, payers = m.live_indices(Sector.academia), m.live_indices(Sector.payer)
        return {
            "trust_industry": _mean_trust(m, firms, firms),
            "trust_industry_academia": _mean_trust(m, firms, academia),
            "trust_industry_payer": _mean_trust(m, firms, payers),
            "firms_alive": len(firms),
            "biotechs_alive": len(m.live_indices(Sector.biotech)),
            "pharma_cash_musd": float(m.cash[m.live_indices(Sector.pharma)].sum()),
            "biotech_cash_musd": float(m.cash[m.live_indices(Sector.biotech)].sum()),
            "firm_exits": m.tally["firm_exits"],
            "firm_entries": m.tally["firm_entries"],
        }

    def frame(self) -> pd.DataFrame:
        """Per-step outcomes, one row per step (wide)."""
        df = pd.DataFrame(self.rows)
        df.insert(0, "step", np.arange(1, len(df) + 1))
        return df


def transitions(programmes: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Realised phase outcomes from the programme records, phases I to review.

    A programme that entered a phase succeeded in it if it entered the next one (or was
    approved, for review), and failed in it if it ended there for any reason (also in the
    pause before the phase); an active programme has no outcome yet in its phase.

    Returns:
        (successes, failures), each ``[precision (0, 1), phase I ... review]``.
    """
    phases = [key for key in PHASE_KEYS if Phase[key.upper()] >= TRIAL_PHASES[0]]
    entered = programmes[[f"entered_{key}" for key in phases]].to_numpy() >= 0
    approved = (programmes["outcome"] == EndReason.approved.name).to_numpy()
    ended = ~approved & (programmes["outcome"] != "active").to_numpy()
    nxt = np.column_stack([entered[:, 1:], approved])
    last = (programmes["last_phase"].to_numpy()[:, None] == np.array(phases)[None, :]) & entered
    ok, bad = entered & nxt, last & ended[:, None]
    precision = programmes["precision"].to_numpy()
    by = [~precision, precision]
    return np.array([ok[g].sum(axis=0) for g in by]), np.array([bad[g].sum(axis=0) for g in by])


def _loa(ok: np.ndarray, bad: np.ndarray) -> tuple[float, np.ndarray]:
    """LOA from phase I and the per-phase transition rates."""
    rates = np.divide(ok, ok + bad, out=np.full(len(ok), np.nan), where=(ok + bad) > 0)
    return float(np.prod(rates)), rates


def _running_total(column: pd.Series) -> float:
    """Sum of a column added quarter by quarter, in order (as a running tally would)."""
    values = column.to_numpy(dtype=float)
    return float(np.add.accumulate(values)[-1]) if len(values) else 0.0


def _ratio(a: float, b: float) -> float:
    return float(a / b) if b > 0 else float("nan")


def summarise(
    steps: pd.DataFrame, records: dict[str, pd.DataFrame], scenario: Scenario
) -> dict[str, float]:
    """Per-run outcomes (:data:`ecosim.outcomes.RUN`) of a finished run.

    Args:
        steps: the per-step outcomes (:meth:`Recorder.frame`).
        records: the entity tables (:func:`ecosim.records.entity_tables`).
        scenario: the run's scenario (for the observation windows).
    """
    out = _development(steps, records["programmes"], scenario)
    out.update(_care_and_money(steps, records))
    out.update(_partnering(steps, records, scenario))
    out.update(deal_facts(records, steps))
    if out.keys() != RUN.keys():
        missing = sorted(out.keys() ^ RUN.keys())
        raise KeyError(f"summary outcomes differ from ecosim.outcomes.RUN: {missing}")
    return {name: out[name] for name in RUN}


def _development(steps: pd.DataFrame, progs: pd.DataFrame, scenario: Scenario) -> dict:
    ok, bad = transitions(progs)
    loa, rates = _loa(ok.sum(axis=0), bad.sum(axis=0))
    loa_p, _ = _loa(ok[1], bad[1])
    loa_u, _ = _loa(ok[0], bad[0])
    approval_step = progs["end_step"].to_numpy()
    # therapies marketed before the run (approved at step 0 or before) are not approvals
    approved = (progs["outcome"] == EndReason.approved.name).to_numpy() & (approval_step >= 1)
    phase1 = progs["entered_phase1"].to_numpy()
    timed = approved & (phase1 >= 1)  # entered phase I during the run
    years = (approval_step[timed] - phase1[timed]) / QUARTERS_PER_YEAR
    # cohort of programmes started early in the run: (nearly) all have ended
    obs = scenario.observation
    last_cohort_step = int(len(steps) * obs.cost_cohort_share)
    start = progs["start_step"].to_numpy()
    cohort = (start >= 1) & (start <= last_cohort_step)
    cohort_spend = float(progs["spent_musd"].to_numpy()[cohort].sum())
    horizon = steps["year"].max()
    late = approved & (approval_step / QUARTERS_PER_YEAR > horizon - obs.late_window_years)
    precision = progs["precision"].to_numpy()
    trials = ["trials_completed", "trials_closed_accrual", "trials_stopped_other"]
    review = progs["entered_review"].to_numpy()
    reviewed = approved & (review >= 1)
    phase3 = progs["entered_phase3"].to_numpy() >= 1
    return {
        "loa_phase1": loa,
        **{f"transition_{k}": rates[i] for i, k in enumerate(("phase1", "phase2", "phase3"))},
        "transition_review": rates[-1],
        "loa_precision": loa_p,
        "loa_unselected": loa_u,
        "loa_ratio": _ratio(loa_p, loa_u),
        "phase1_to_approval_years": float(years.mean()) if len(years) else float("nan"),
        "review_years": float(
            ((approval_step[reviewed] - review[reviewed]) / QUARTERS_PER_YEAR).mean()
        )
        if reviewed.any()
        else float("nan"),
        "early_engagement_share": _ratio(
            int((phase3 & progs["early_engagement"].to_numpy()).sum()), int(phase3.sum())
        ),
        "cost_per_approval_busd": _ratio(
            cohort_spend / MUSD_PER_BUSD, int((cohort & approved).sum())
        ),
        "accrual_closure_share": _ratio(
            steps["trials_closed_accrual"].sum(), steps[trials].to_numpy().sum()
        ),
        "precision_share_late": _ratio(int((late & precision).sum()), int(late.sum())),
        "approvals": float(approved.sum()),
        "approvals_precision": float((approved & precision).sum()),
        "accelerated_approvals": float(steps["accelerated_approvals"].sum()),
        "accelerated_withdrawn": float(steps["accelerated_withdrawn"].sum()),
        "rd_spend_busd": float(steps["rd_spend_musd"].sum() / MUSD_PER_BUSD),
        "duplicate_spend_share": _ratio(
            steps["duplicate_spend_musd"].sum(), steps["rd_spend_musd"].sum()
        ),
    }


def _care_and_money(steps: pd.DataFrame, records: dict[str, pd.DataFrame]) -> dict:
    qalys = steps["qalys"].sum()
    outstanding = float(steps["payer_outstanding_musd"].iloc[-1]) if len(steps) else 0.0
    payer = steps["payer_spend_musd"].sum() + outstanding
    out_of_pocket = steps["out_of_pocket_musd"].sum()
    cov = records["coverage"]
    first = cov[cov["covered_from"] >= 0].groupby("therapy")["covered_from"].min()
    approval = records["therapies"].set_index("therapy")["approval_step"]
    first = first[approval.loc[first.index] >= 1]  # approved in the run, not before it
    delay = (first - approval.loc[first.index]).to_numpy() / QUARTERS_PER_YEAR
    # availability at the horizon of the therapies approved in the run (W.A.I.T.), not
    # counting accelerated approvals withdrawn since
    kept = ~records["therapies"].set_index("therapy")["approval_withdrawn"]
    in_run = approval[(approval >= 1) & kept].index
    covered = cov["decision"].eq(CoverageStatus.covered.name)
    payers_covering = covered.groupby(cov["therapy"]).sum().reindex(in_run, fill_value=0)
    # available: to the average patient (payers weighted by population share)
    reach = (covered * cov["payer_share"]).groupby(cov["therapy"]).sum()
    n_payers = int(cov["payer"].nunique())
    return {
        "available_share": _ratio(float(reach.reindex(in_run, fill_value=0.0).sum()), len(in_run)),
        "fully_reimbursed_share": _ratio(
            int((payers_covering >= n_payers).sum()) if n_payers else 0, len(in_run)
        ),
        "trial_enrolment_share": _ratio(
            _running_total(steps["patients_in_trials"]), _running_total(steps["patients_incident"])
        ),
        "awareness_start": float(steps["awareness"].iloc[0]),
        "years_to_reimbursement": float(delay.mean()) if len(delay) else float("nan"),
        "patients_matched": float(steps["patients_matched"].sum()),
        "patients_tested": float(steps["patients_tested"].sum()),
        "qalys": float(qalys),
        "payer_spend_busd": float(payer / MUSD_PER_BUSD),
        "payer_outstanding_busd": outstanding / MUSD_PER_BUSD,
        "cost_per_qaly_usd": _ratio(payer * USD_PER_MUSD, qalys),
        "out_of_pocket_busd": float(out_of_pocket / MUSD_PER_BUSD),
        "societal_cost_per_qaly_usd": _ratio((payer + out_of_pocket) * USD_PER_MUSD, qalys),
        "backbone_spend_busd": float(steps["backbone_spend_musd"].sum() / MUSD_PER_BUSD),
        "initiative_spend_busd": float(steps["initiative_spend_musd"].sum() / MUSD_PER_BUSD),
        "public_funding_busd": float(steps["public_funding_musd"].sum() / MUSD_PER_BUSD),
    }


def _partnering(steps: pd.DataFrame, records: dict[str, pd.DataFrame], scenario: Scenario) -> dict:
    ps = records["partnerships"]
    ended = ps["end_reason"] != PartnershipEnd.active.name
    terminated = ps["end_reason"].isin([r.name for r in TERMINATIONS])
    orgs = records["organisations"]
    window = steps.tail(round(scenario.observation.end_window_years * QUARTERS_PER_YEAR))
    return {
        "partnerships_formed": float((ps["start_step"] >= 1).sum()),
        "partnership_termination_rate": _ratio(int(terminated.sum()), int(ended.sum())),
        "initiative_members_end": float(window["initiative_members"].mean()),
        "network_density_end": float(window["network_density"].mean()),
        "network_clustering_end": float(window["network_clustering"].mean()),
        "trust_industry_end": float(window["trust_industry"].mean()),
        "trust_partners_end": float(window["trust_partners"].mean()),
        "firm_exits": float((orgs["exit_step"] >= 1).sum()),
        "matched_rate_gap_end": float(
            (window["matched_rate_best_region"] - window["matched_rate_worst_region"]).mean()
        ),
        "matched_rate_ratio_end": _ratio(
            float(window["matched_rate_worst_region"].mean()),
            float(window["matched_rate_best_region"].mean()),
        ),
    }
