"""``ecosim run``: replicates of one scenario, written to a results folder."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from ecosim.cli.output import atomic_output, write_entities, write_scenario
from ecosim.cli.parser import EXIT_OK
from ecosim.outcomes import RUN
from ecosim.scenario import load_scenario

__all__ = ["SUMMARY", "cmd_run", "print_summary"]

SUMMARY = (
    "approvals",
    "precision_share_late",
    "loa_phase1",
    "phase1_to_approval_years",
    "cost_per_approval_busd",
    "trial_enrolment_share",
    "accrual_closure_share",
    "patients_matched",
    "qalys",
    "cost_per_qaly_usd",
    "duplicate_spend_share",
    "partnerships_formed",
    "partnership_termination_rate",
    "firm_exits",
)
"""Run outcomes printed after ``ecosim run`` (labels and formats from the registry)."""


def print_summary(summary: pd.DataFrame, name: str, out: Path) -> None:
    """Mean and 95 % interval of the mean of the main outcomes over replicates."""
    from ecosim.analysis.statistics import mean_interval

    n = len(summary)
    print(f"\n{name}: {n} replicate{'s' if n > 1 else ''}   (mean, 95 % interval of the mean)")
    width = max(len(RUN[col].label) for col in SUMMARY)
    for col in SUMMARY:
        label, fmt = RUN[col].label, RUN[col].fmt
        mean, half = mean_interval(summary[col].to_numpy(dtype=float))
        if not np.isfinite(mean):
            print(f"  {label:<{width}s} n/a")
            continue
        spread = f"± {fmt.format(half)}" if np.isfinite(half) else "(one run: no interval)"
        print(f"  {label:<{width}s} {fmt.format(mean):>12s}  {spread}")
    print(f"\nResults: {out}")


def cmd_run(args: argparse.Namespace) -> int:
    """Run replicates of one scenario and write steps, summary, entities and a chart."""
    from tqdm import tqdm

    from ecosim.invariants import CHECK_ENV

    if args.check:  # read by every model, in this process and in the workers it starts
        os.environ[CHECK_ENV] = "1"

    from ecosim import experiments
    from ecosim.analysis.plots import plot_main_outcomes
    from ecosim.experiments.storage import long_format, write_table

    overrides = {"years": args.years} if args.years is not None else None
    scenario = load_scenario(args.scenario, overrides)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = args.out or Path("results") / f"{scenario.name}-{stamp}"
    manifest = {
        "scenario": scenario.name,
        "scenario_file": str(args.scenario),
        "replicates": args.replicates,
        "seed": args.seed,
        "years": scenario.years,
        "command": "ecosim " + " ".join(sys.argv[1:]),
    }
    with atomic_output(out, manifest) as tmp:
        bar = tqdm(
            total=args.replicates,
            desc=scenario.name,
            unit="run",
            disable=args.quiet,
            file=sys.stderr,
        )
        with bar:
            result = experiments.run_replicates(
                scenario, args.replicates, args.seed, args.workers, progress=bar.update
            )
        manifest["replicate_seeds"] = result.seeds
        steps = long_format(result.steps, scenario.name)
        write_table(steps, tmp / "steps.parquet")
        if args.csv:
            write_table(steps, tmp / "steps.csv")
        summary = result.summary.copy()
        summary.insert(0, "scenario", scenario.name)
        summary.insert(2, "seed", args.seed)
        write_table(summary, tmp / "summary.parquet")
        write_table(summary, tmp / "summary.csv")
        if not args.no_entities:
            write_entities(tmp, _with_scenario(result.entities, scenario.name))
        write_scenario(tmp, "scenario.yaml", scenario, args.scenario)
        plot_main_outcomes(
            result.steps,
            tmp / "outcomes.png",
            title=f"{scenario.name}: median and 5-95 % band of {args.replicates} replicates",
        )
    print_summary(result.summary, scenario.name, out)
    return EXIT_OK


def _with_scenario(tables: dict[str, pd.DataFrame], name: str) -> dict[str, pd.DataFrame]:
    """Entity tables with a ``scenario`` key column first."""
    return {k: df.assign(scenario=name)[["scenario", *df.columns]] for k, df in tables.items()}
