"""Calibration targets C1-C14 and how a set of replicates compares with them.

The targets are the published figures the siloed baseline must reproduce, as the mean
over at least 20 replicates (``shared/brief/stylized-facts.md``); C11-C13, the deal facts,
emerge from bargaining. C14 (W.A.I.T. availability) is measured in the bundled scenario
of European payers. The test suite and ``docs/calibration.md`` both use :data:`TARGETS`
and :data:`EU_TARGETS`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["EU_SCENARIO", "EU_TARGETS", "TARGETS", "Target", "calibration_table"]


@dataclass(frozen=True)
class Target:
    """One calibration target: the run outcome, its accepted range, and the source."""

    code: str
    metric: str
    outcome: str
    low: float
    high: float
    source: str


TARGETS: tuple[Target, ...] = (
    Target(
        "C1",
        "LOA from phase I, all programmes",
        "loa_phase1",
        0.065,
        0.10,
        "BIO, Informa, QLS 2021 (7.9 %)",
    ),
    Target(
        "C2a",
        "transition phase I to II",
        "transition_phase1",
        0.45,
        0.59,
        "BIO 2021 (52.0 %)",
    ),
    Target(
        "C2b",
        "transition phase II to III",
        "transition_phase2",
        0.219,
        0.359,
        "BIO 2021 (28.9 %)",
    ),
    Target(
        "C2c",
        "transition phase III to submission",
        "transition_phase3",
        0.508,
        0.648,
        "BIO 2021 (57.8 %)",
    ),
    Target(
        "C2d",
        "transition submission to approval",
        "transition_review",
        0.836,
        0.976,
        "BIO 2021 (90.6 %)",
    ),
    Target(
        "C4",
        "LOA biomarker-selected / other",
        "loa_ratio",
        1.6,
        2.6,
        "BIO 2021 (15.9 % vs about 7 %)",
    ),
    Target(
        "C5",
        "years from phase I start to approval",
        "phase1_to_approval_years",
        8.5,
        12.5,
        "BIO 2021; Paul et al. 2010",
    ),
    Target(
        "C6",
        "R&D cost per approval, out of pocket (bn USD)",
        "cost_per_approval_busd",
        0.9,
        2.0,
        "DiMasi et al. 2016; Wouters et al. 2020",
    ),
    Target(
        "C7",
        "share of patients enrolled in trials",
        "trial_enrolment_share",
        0.04,
        0.09,
        "Unger et al. 2019 (8.1 %), 2016",
    ),
    Target(
        "C8",
        "share of trials closed for poor accrual",
        "accrual_closure_share",
        0.15,
        0.25,
        "Korn et al. 2010 (22 %); Bennette et al. 2015 (18 %)",
    ),
    Target(
        "C9",
        "precision share of approvals, last 10 years",
        "precision_share_late",
        0.25,
        0.45,
        "Personalized Medicine Coalition 2015-2024 (21-42 %)",
    ),
    Target(
        "C10",
        "patients aware of genomic testing at start",
        "awareness_start",
        0.15,
        0.25,
        "Seed document (>80 % unfamiliar)",
    ),
    Target(
        "C11",
        "upfront share of deal value, firm deals (median)",
        "upfront_share",
        0.06,
        0.13,
        "Deal data (BioCentury, DealForma reviews): 6-13 %",
    ),
    Target(
        "C12a",
        "royalty rate, early-stage licences (median)",
        "royalty_early",
        0.045,
        0.08,
        "Deal data: 4.5-8 %",
    ),
    Target(
        "C12b",
        "royalty rate, late-stage licences (median)",
        "royalty_late",
        0.09,
        0.13,
        "Deal data: 9-13 %",
    ),
    Target(
        "C13",
        "share of pharma clinical assets sourced externally",
        "external_share",
        0.40,
        0.60,
        "Deal data: about half",
    ),
)
"""C3 (phase II to III is the lowest transition) is checked separately."""

EU_SCENARIO = "eu_payers.yaml"
"""The bundled scenario of European payers that C14 is measured in."""

EU_TARGETS: tuple[Target, ...] = (
    Target(
        "C14a",
        "approved therapies available (population-weighted share covered), European payers",
        "available_share",
        0.40,
        0.60,
        "EFPIA/IQVIA W.A.I.T. 2019-2024: about half of new medicines available in the "
        "average European country",
    ),
    Target(
        "C14b",
        "approved therapies covered by every payer, European payers",
        "fully_reimbursed_share",
        0.0,
        1 / 3,
        "EFPIA/IQVIA W.A.I.T. 2019-2024: under a third fully available",
    ),
)
"""C14, measured in :data:`EU_SCENARIO` (the mean of 20 replicates)."""


def calibration_table(summary: pd.DataFrame, targets: tuple[Target, ...] = TARGETS) -> pd.DataFrame:
    """Target, range, model mean and 95 % interval half-width per calibration metric."""
    rows = []
    for t in targets:
        col = summary[t.outcome].dropna()
        mean = float(col.mean())
        half = float(1.96 * col.std(ddof=1) / max(len(col), 1) ** 0.5) if len(col) > 1 else 0.0
        rows.append(
            {
                "code": t.code,
                "metric": t.metric,
                "low": t.low,
                "high": t.high,
                "model": mean,
                "ci95": half,
                "ok": t.low <= mean <= t.high,
                "source": t.source,
            }
        )
    return pd.DataFrame(rows)


def lowest_transition_is_phase2(summary: pd.DataFrame) -> bool:
    """C3: the mean phase II to III transition is strictly the lowest."""
    means = summary[
        ["transition_phase1", "transition_phase2", "transition_phase3", "transition_review"]
    ].mean()
    return bool(means.idxmin() == "transition_phase2" and (means.nsmallest(2).diff().iloc[1] > 0))
