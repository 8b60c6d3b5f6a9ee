"""Measure the figures that lessons 1, 2 and 3 of ``docs/teaching.md`` quote.

Runs each world of a lesson as the classroom app does (same seeding, the status cards'
totals) for seeds 2026, 1 and 2 and prints one line per run::

    .venv/bin/python tools/lesson_figures.py [--lesson 1|2|3]

About 40 full-size runs (10 and 30 years); a few minutes on two cores.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from ecosim.app.lockstep import CASCADE_STEPS, world_cascade, world_status
from ecosim.model import EcosystemModel
from ecosim.scenario import Scenario, load_scenario, scenario_from_dict
from ecosim.units import QUARTERS_PER_YEAR

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
SEEDS = (2026, 1, 2)

LESSONS: dict[int, list[tuple[str, str, int, dict[str, object]]]] = {
    1: [
        ("siloed", "siloed", 10, {}),
        ("siloed", "siloed", 30, {}),
        ("patient outreach", "patient_outreach", 10, {}),
        ("patient outreach", "patient_outreach", 30, {}),
        ("outreach lever at 1", "siloed", 10, {"outreach.intensity": 1.0}),
        ("outreach lever at 1", "siloed", 30, {"outreach.intensity": 1.0}),
        ("backbone lever at 1", "siloed", 30, {"collective_impact.backbone.intensity": 1.0}),
        (
            "shared measurement lever at 1",
            "siloed",
            30,
            {"collective_impact.shared_measurement.intensity": 1.0},
        ),
        (
            "communication + reinforcing + backbone",
            "siloed",
            30,
            {
                "collective_impact.backbone.intensity": 1.0,
                "collective_impact.continuous_communication.intensity": 1.0,
                "collective_impact.mutually_reinforcing.intensity": 1.0,
            },
        ),
        (
            "test not reimbursed",
            "siloed",
            10,
            {"reimbursement.companion_test_reimbursed": False},
        ),
        (
            "test not reimbursed",
            "siloed",
            30,
            {"reimbursement.companion_test_reimbursed": False},
        ),
    ],
    2: [
        ("siloed", "siloed", 10, {}),
        ("siloed", "siloed", 30, {}),
        ("no framework", "shared_ip_no_framework", 10, {}),
        ("no framework", "shared_ip_no_framework", 30, {}),
        ("framework", "shared_ip_no_framework", 10, {"ip.shared.framework_agreed": True}),
        (
            "communication",
            "shared_ip_no_framework",
            10,
            {"collective_impact.continuous_communication.intensity": 1.0},
        ),
        ("open IP", "open_ip", 10, {}),
        ("open IP", "open_ip", 30, {}),
    ],
    3: [
        ("siloed", "siloed", 30, {}),
        ("backbone", "backbone_only", 30, {}),
        (
            "backbone x8",
            "backbone_only",
            30,
            {
                "collective_impact.backbone.budget_musd_per_year": 64.0,
                "collective_impact.backbone.overhead_musd_per_year": 16.0,
            },
        ),
        ("collective impact", "collective_impact", 30, {}),
        ("costly initiative", "costly_initiative", 30, {}),
    ],
}
"""Per lesson: (label, scenario file, years, lever settings as dotted paths)."""


def world(name: str, years: int, levers: dict[str, object]) -> Scenario:
    """The scenario ``name`` run for ``years`` with the levers set."""
    data = load_scenario(SCENARIOS / f"{name}.yaml").model_dump(mode="json")
    data["years"] = years
    for path, value in levers.items():
        *parents, leaf = path.split(".")
        node = data
        for key in parents:
            node = node[key]
        node[leaf] = value
    return scenario_from_dict(data)


def cards(scenario: Scenario, seed: int) -> dict[str, float]:
    """The status-card totals the app shows at the end of the run."""
    m = EcosystemModel(scenario, rng=np.random.default_rng(np.random.SeedSequence(seed)))
    for _ in range(round(scenario.years * QUARTERS_PER_YEAR)):
        m.step()
    rows = m.recorder.rows
    live = m.alive[: m.n_orgs]
    status = world_status(m)
    last_year = dict(zip((c for c, _ in CASCADE_STEPS), world_cascade(m, 4), strict=True))
    return {
        "closure share %": round(100 * status["accrual_closure_share"], 1),
        "last year: starting a line": round(float(last_year["patients_starting_line"])),
        "aware": round(float(last_year["patients_aware"])),
        "tested": round(float(last_year["patients_tested"])),
        "matched": round(float(last_year["patients_matched"])),
        "approvals": int(np.sum(rows["approvals"])),
        "matched (run)": round(float(np.sum(rows["patients_matched"]))),
        "closed for accrual": int(np.sum(rows["trials_closed_accrual"])),
        "active partnerships": int(rows["partnerships_active"][-1]),
        "ended early": int(np.sum(rows["partnerships_terminated"])),
        "IP disputes": int(np.sum(rows["ip_disputes"])),
        "partner trust": round(float(rows["trust_partners"][-1]), 2),
        "backbone spend (M USD)": round(float(np.sum(rows["backbone_spend_musd"])), 1),
        "initiative members": int(m.initiative.member[: m.n_orgs][live].sum()),
    }


def main() -> None:
    """Print the figures of the chosen lessons."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", type=int, choices=sorted(LESSONS), action="append")
    args = parser.parse_args()
    for lesson in args.lesson or sorted(LESSONS):
        for seed in SEEDS:
            for label, name, years, levers in LESSONS[lesson]:
                figures = cards(world(name, years, levers), seed)
                text = ", ".join(f"{k} {v}" for k, v in figures.items())
                run = f"lesson {lesson} | seed {seed} | {label}, {years} years"
                print(f"{run} | {text}", flush=True)


if __name__ == "__main__":
    main()
