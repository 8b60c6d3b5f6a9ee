"""The report's first screen: the findings that matter, in a strategist's words, and the bill.

Issue 16: the report opened with fourteen sentences in identifiers, ordered by size of
change. Here the findings are the few outcomes a decision turns on, in a fixed order
(:data:`HEADLINE`), labelled from the outcome registry; a share moves in percentage
points, an unclear difference says so, and a wide interval is called imprecise in the
sentence itself. Outcomes that never vary are dropped, and the horizon, population,
money, discounting and replicates are stated.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ecosim.analysis.comparison import SIGNIFICANCE, is_share, plain_name
from ecosim.analysis.health_economics import cost_split, icer, increments, net_benefit
from ecosim.analysis.outcomes import OUTCOMES
from ecosim.experiments.compare import Comparison
from ecosim.scenario import Scenario

__all__ = [
    "HEADLINE",
    "Summary",
    "constant_outcomes",
    "finding",
    "p_text",
    "plain_name",
    "setting",
    "summarise",
]

HEADLINE = (
    "approvals",
    "patients_matched",
    "qalys",
    "cost_per_qaly_usd",
    "accrual_closure_share",
)
"""The findings of the summary, in order of decision relevance: what the ecosystem
delivers (therapies, patients reached, health), what payers pay for it, and the
bottleneck the collective-impact conditions are meant to relieve."""


def p_text(p: float) -> str:
    """A p-value for readers: "p < 0.001" or "p = 0.04", never scientific notation."""
    if not np.isfinite(p):
        return "p n/a"
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}" if p < 0.01 else f"p = {p:.2f}"


def finding(name: str, row: pd.Series) -> str:
    """One headline in words, e.g. "Therapies approved: 30.1 -> 42.1, up 40 % (27 to 53 %)".

    Shares change in percentage points; a difference whose interval includes zero is
    "no clear difference"; an interval wider than the report's precision goal is flagged
    imprecise in the sentence.
    """
    col = row["outcome"]
    info = OUTCOMES[col]
    label = info.label[:1].upper() + info.label[1:]
    base, other = info.show(row["base_mean"]), info.show(row["other_mean"])
    head = f"{label}: {base} in the base, {other} with {plain_name(name)}"
    clear = np.isfinite(row["p_ttest"]) and row["p_ttest"] < SIGNIFICANCE
    if is_share(col):
        d, lo, hi = (100 * row[k] for k in ("diff", "diff_low", "diff_high"))
        size = f"{abs(d):.1f} points (95 % interval {lo:+.1f} to {hi:+.1f} points)"
    elif np.isfinite(row["rel"]) and abs(row["base_mean"]) > 0:
        d = row["rel"]
        lo, hi = 100 * row["rel_low"], 100 * row["rel_high"]
        size = f"{abs(100 * d):.0f} % (95 % interval {lo:+.0f} to {hi:+.0f} %)"
    else:
        d = row["diff"]
        size = f"{info.show(abs(d))} (95 % interval {info.show(row['diff_low'])} to "
        size += f"{info.show(row['diff_high'])})"
    if not clear:
        text = f"{head}: no clear difference ({p_text(row['p_ttest'])}; {size.split('(', 1)[1]}"
    else:
        verdict = {1: "better", -1: "worse", 0: ""}[int(info.better * np.sign(d))]
        text = f"{head}: {'up' if d > 0 else 'down'} {size}" + (f", {verdict}" if verdict else "")
    if row["imprecise"] and np.isfinite(row["replicates_needed"]):
        text += (
            f"; imprecise: the interval is wide (about {int(row['replicates_needed'])} "
            f"replicates would narrow it)"
        )
    return text + "."


def constant_outcomes(comp: Comparison) -> list[str]:
    """Outcomes with one value in every replicate of every scenario (nothing to compare)."""
    out = []
    for col in OUTCOMES:
        values = np.concatenate([r.summary[col].to_numpy(float) for r in comp.results.values()])
        finite = values[np.isfinite(values)]
        if finite.size == 0 or np.all(finite == finite[0]):
            out.append(col)
    return out


def setting(comp: Comparison) -> str:
    """Horizon, population, money, discounting and replicates, in one paragraph."""
    s: Scenario = comp.scenarios[0]
    pop = s.population
    parts = ", ".join(
        f"{getattr(pop, k)} {label}"
        for k, label in (
            ("pharma", "pharma firms"),
            ("biotech", "biotechs"),
            ("academia", "academic centres"),
            ("payers", "payers"),
            ("patient_orgs", "patient organisations"),
        )
    )
    parts += f"; {s.patients.incidence_per_year:,.0f} new patients a year"
    posterior = (
        "; the intervals here are seeds only (the scenarios as given), and the comparison "
        "was run again with replicate i at parameter set i of the calibration's posterior "
        f"({comp.posterior_file}) for the acceptability curve and the uncertainty section"
        if comp.with_posterior is not None
        else ""
    )
    return (
        f"{s.years:g} years, {comp.replicates} replicates per scenario on the same seeds "
        f"(base seed {comp.seed}){posterior}. Population: {parts}. Money in US dollars as "
        "the sources give them (not re-based to one price year); costs and QALYs are "
        "undiscounted sums over the horizon. Intervals are 95 %."
    )


def calibrated_parameters() -> list[str]:
    """The parameters the bundled calibration fits (``calibration/baseline.yaml``)."""
    from ecosim.calibration.spec import load_calibration
    from ecosim.library import library_dir

    path = library_dir("calibration") / "baseline.yaml"
    return [p.path for p in load_calibration(path)[0].parameters] if path.is_file() else []


def evidence_box(comp: Comparison, name: str, calibrated: list[str]) -> list[str]:
    """What the difference rests on: calibrated, sourced and assumed values, in words.

    *Calibrated* values are fitted to the published figures (docs/calibration.md);
    *sourced* ones come from a publication; *assumed* ones say what would inform them.
    """
    from ecosim.scenario_docs import parameter_rows

    other = next(s for s in comp.scenarios if s.name == name)
    base_values = {path: value for path, _, _, value, _ in parameter_rows(comp.scenarios[0])}
    rows = list(parameter_rows(other))  # every leaf: path, meaning, unit, value, evidence
    other_leaves = {path: value for path, _, _, value, _ in rows}
    changed = [k for k, v in other_leaves.items() if base_values.get(k) != v]
    basis = {path: b for path, _, _, _, b in rows}
    lines = [
        f"Calibrated to published figures (docs/calibration.md): {len(calibrated)} "
        f"parameters of the baseline ({', '.join(calibrated)})."
    ]
    by_basis: dict[str, list[str]] = {}
    for p in changed:  # settings with the same evidence on one line
        by_basis.setdefault(basis.get(p, ""), []).append(f"{p} = {other_leaves[p]}")
    lines += [f"{plain_name(name)} sets {', '.join(ps)}: {b}" for b, ps in by_basis.items()]
    sections = sorted({p.rsplit(".", 1)[0] for p in changed})
    paths = [path for path in basis if any(path.startswith(f"{s}.") for s in sections)]
    fitted = sum(path in calibrated for path in paths)  # calibrated first, then sourced
    sourced = sum(path not in calibrated and basis[path].startswith("Source") for path in paths)
    lines.append(
        f"The mechanisms these settings switch on have {len(paths)} parameters in their "
        f"sections ({', '.join(sections)}): {sourced} from a publication, "
        f"{len(paths) - sourced - fitted} assumed, {fitted} calibrated. The effects of "
        f"{plain_name(name)} are what the agents do under these values, not effect sizes "
        "fitted to data; docs/model.md lists each value with its source or assumption."
    )
    return lines


@dataclass
class Summary:
    """The first screen for one scenario against the base."""

    name: str
    findings: list[str]
    costs: pd.DataFrame
    icer: dict
    net_benefit: pd.DataFrame


def summarise(comp: Comparison, table: pd.DataFrame, name: str) -> Summary:
    """Findings, cost split, ICER and net monetary benefit of ``name`` against the base."""
    rows = table[table["scenario"] == name].set_index("outcome", drop=False)
    dropped = set(constant_outcomes(comp))
    words = [finding(name, rows.loc[c]) for c in HEADLINE if c in rows.index and c not in dropped]
    inc = increments(comp, name)
    return Summary(name, words, cost_split(inc), icer(inc, comp.seed), net_benefit(inc))
