"""The ``ecosim`` command line (thin: parsing, messages and exit codes only).

Exit codes: 0 success, 1 internal error, 2 bad input (scenario, arguments, output
folder), 130 interrupted. Bad input never prints a traceback; set ``ECOSIM_DEBUG=1`` to
see one for internal errors.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ecosim.scenario import ScenarioError, load_scenario

__all__ = ["main"]

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130

SUMMARY_ROWS = (
    ("approvals", "therapies approved", "{:.1f}"),
    ("precision_share_late", "precision share of approvals, last 10 y", "{:.1%}"),
    ("loa_phase1", "likelihood of approval from phase I", "{:.1%}"),
    ("phase1_to_approval_years", "years phase I to approval", "{:.1f}"),
    ("cost_per_approval_busd", "R&D cost per approval (bn USD)", "{:.2f}"),
    ("trial_enrolment_share", "patients enrolled in trials", "{:.1%}"),
    ("accrual_closure_share", "trials closed for poor accrual", "{:.1%}"),
    ("patients_matched", "patients matched to therapy", "{:,.0f}"),
    ("qalys", "QALYs gained", "{:,.0f}"),
    ("cost_per_qaly_usd", "payer cost per QALY (USD)", "{:,.0f}"),
    ("duplicate_spend_share", "R&D spend on duplicated work", "{:.1%}"),
    ("partnerships_formed", "partnerships formed", "{:.0f}"),
    ("partnership_termination_rate", "partnerships terminated early", "{:.1%}"),
    ("firm_exits", "biotech exits", "{:.1f}"),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's errors exit 2 with our prefix
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"error: {message}\n")


def _int_at_least(minimum: int):
    """An argparse type: a whole number no smaller than ``minimum``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more, got {value}")
        return value

    return parse


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ecosim",
        description="Simulate precision-medicine partnership ecosystems.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = sub.add_parser(
        "run",
        help="run replicates of one scenario and write its results",
        description="Run N replicates of a scenario and write per-step outcomes, a per-run "
        "summary, the resolved scenario, a manifest and a chart.",
    )
    run.add_argument("scenario", type=Path, help="scenario YAML file")
    run.add_argument(
        "--replicates",
        "-n",
        type=_int_at_least(1),
        default=20,
        help="number of replicates (default 20)",
    )
    run.add_argument("--seed", "-s", type=_int_at_least(0), default=0, help="base seed (default 0)")
    run.add_argument(
        "--years",
        "-y",
        type=float,
        default=None,
        help="override the scenario's horizon in years",
    )
    run.add_argument(
        "--out",
        "-o",
        type=Path,
        default=None,
        help="output folder (default results/<scenario>-<timestamp>)",
    )
    run.add_argument("--csv", action="store_true", help="also write per-step outcomes as CSV")
    run.add_argument(
        "--workers",
        "-w",
        type=_int_at_least(1),
        default=None,
        help="worker processes (default: all cores)",
    )
    run.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    return parser


def _print_summary(summary, name: str, out: Path) -> None:
    n = len(summary)
    print(f"\n{name}: {n} replicate{'s' if n > 1 else ''}   (mean, 95 % interval of the mean)")
    for col, label, fmt in SUMMARY_ROWS:
        vals = summary[col].dropna().to_numpy(dtype=float)
        if len(vals) == 0:
            print(f"  {label:<42s} n/a")
            continue
        mean = vals.mean()
        half = 1.96 * vals.std(ddof=1) / np.sqrt(len(vals)) if len(vals) > 1 else 0.0
        print(f"  {label:<42s} {fmt.format(mean):>12s}  ± {fmt.format(half)}")
    print(f"\nResults: {out}")


def _cmd_run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ecosim.analysis.plots import plot_main_outcomes
    from ecosim.experiments import run_replicates
    from ecosim.experiments.storage import (
        finish_output,
        long_format,
        prepare_output,
        versions,
        write_manifest,
        write_table,
    )
    from ecosim.scenario_docs import commented_yaml

    overrides = {"years": args.years} if args.years is not None else None
    scenario = load_scenario(args.scenario, overrides)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = args.out or Path("results") / f"{scenario.name}-{stamp}"
    tmp = prepare_output(out)
    try:
        bar = tqdm(
            total=args.replicates,
            desc=scenario.name,
            unit="run",
            disable=args.quiet,
            file=sys.stderr,
        )
        with bar:
            result = run_replicates(
                scenario, args.replicates, args.seed, args.workers, progress=bar.update
            )
        steps = result.steps
        write_table(long_format(steps, scenario.name), tmp / "steps.parquet")
        if args.csv:
            write_table(long_format(steps, scenario.name), tmp / "steps.csv")
        summary = result.summary.copy()
        summary.insert(0, "scenario", scenario.name)
        summary.insert(2, "seed", args.seed)
        write_table(summary, tmp / "summary.parquet")
        write_table(summary, tmp / "summary.csv")
        (tmp / "scenario.yaml").write_text(
            commented_yaml(scenario, f"# Resolved scenario of this run (from {args.scenario})")
        )
        plot_main_outcomes(
            steps,
            tmp / "outcomes.png",
            title=f"{scenario.name}: median and 5-95 % band of {args.replicates} replicates",
        )
        write_manifest(
            tmp,
            {
                "scenario": scenario.name,
                "scenario_file": str(args.scenario),
                "replicates": args.replicates,
                "seed": args.seed,
                "replicate_seeds": result.seeds,
                "years": scenario.years,
                "command": "ecosim " + " ".join(sys.argv[1:]),
                "versions": versions(),
            },
        )
        finish_output(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _print_summary(result.summary, scenario.name, out)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ecosim`` command; returns the exit code."""
    from ecosim.experiments.storage import OutputError

    try:
        args = _build_parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or an argument error (2)
        return int(exc.code or 0)
    try:
        if args.command == "run":
            return _cmd_run(args)
    except ScenarioError as exc:
        for line in exc.messages:
            print(f"error: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("\ninterrupted: no results were written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # an internal error: short message unless debugging
        if os.environ.get("ECOSIM_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("set ECOSIM_DEBUG=1 to see the traceback, and please report it", file=sys.stderr)
        return EXIT_INTERNAL
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
