"""The ``ecosim`` command line (thin: parsing, messages and exit codes only).

Exit codes: 0 success, 1 internal error, 2 bad input (scenario, arguments, output
folder), 130 interrupted. Bad input never prints a traceback; set ``ECOSIM_DEBUG=1`` to
see one for internal errors.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ecosim.library import scenario_dir
from ecosim.scenario import Scenario, ScenarioError, load_scenario

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


def _add_run_options(parser: argparse.ArgumentParser, min_replicates: int, default_out: str):
    """Options shared by the commands that run the model."""
    parser.add_argument(
        "--replicates",
        "-n",
        type=_int_at_least(min_replicates),
        default=20,
        help=f"replicates per scenario (default 20, at least {min_replicates})",
    )
    parser.add_argument(
        "--seed", "-s", type=_int_at_least(0), default=0, help="base seed (default 0)"
    )
    parser.add_argument(
        "--out", "-o", type=Path, default=None, help=f"output folder (default {default_out})"
    )
    parser.add_argument(
        "--workers",
        "-w",
        type=_int_at_least(1),
        default=None,
        help="worker processes (default: all cores)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


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
    _add_run_options(run, min_replicates=1, default_out="results/<scenario>-<timestamp>")
    run.add_argument(
        "--years", "-y", type=float, default=None, help="override the scenario's horizon in years"
    )
    run.add_argument("--csv", action="store_true", help="also write per-step outcomes as CSV")
    run.add_argument(
        "--check",
        action="store_true",
        help="verify the model's invariants (conservation, ranges) after every step; "
        "stops with exit 1 naming the step and the broken invariant",
    )

    cmp = sub.add_parser(
        "compare",
        help="compare scenarios with a base on the same seeds and write a report",
        description="Run every scenario with the same N seeds (common random numbers), "
        "compare each with the first (the base) and write tables, charts, report.md and a "
        "self-contained report.html.",
    )
    cmp.add_argument("base", type=Path, help="base scenario YAML file")
    cmp.add_argument("others", type=Path, nargs="+", help="scenario files to compare")
    _add_run_options(cmp, min_replicates=2, default_out="results/compare-<base>-<timestamp>")

    scen = sub.add_parser("scenarios", help="list or show the bundled scenarios")
    scen_sub = scen.add_subparsers(dest="action", required=True, parser_class=_Parser)
    ls = scen_sub.add_parser("list", help="name and description of each scenario")
    ls.add_argument("--dir", type=Path, default=None, help="scenario folder")
    show = scen_sub.add_parser("show", help="the fully resolved parameters of a scenario")
    show.add_argument("name", help="scenario name (in the scenario folder) or file")
    show.add_argument("--dir", type=Path, default=None, help="scenario folder")

    val = sub.add_parser("validate", help="check scenario files and report every error")
    val.add_argument("files", type=Path, nargs="+", help="scenario YAML files")

    sub.add_parser("schema", help="print the JSON Schema of the scenario format")

    sw = sub.add_parser(
        "sweep",
        help="run an experiment file (factorial, LHS, Sobol, Morris) into a sweep folder",
        description="Run every point x replicate of an experiment, streaming results to "
        "Parquet as chunks finish. A killed sweep keeps every finished chunk; --resume runs "
        "only what is missing.",
    )
    sw.add_argument("experiment", type=Path, help="experiment YAML file")
    sw.add_argument(
        "--workers",
        "-w",
        type=_int_at_least(1),
        default=None,
        help="local worker processes, or Dask workers for a local cluster",
    )
    sw.add_argument(
        "--scheduler",
        default=None,
        help="Dask scheduler address (tcp://host:8786), or 'local' for a local "
        "Dask cluster; default: local process pool",
    )
    sw.add_argument(
        "--out", "-o", type=Path, default=None, help="sweep folder (default results/sweep-<name>)"
    )
    sw.add_argument("--resume", action="store_true", help="complete an interrupted sweep")
    sw.add_argument("--quiet", "-q", action="store_true", help="no progress bar")

    an = sub.add_parser("analyze", help="sensitivity analysis of a finished sweep")
    an.add_argument("folder", type=Path, help="sweep folder")
    an.add_argument(
        "--out", "-o", type=Path, default=None, help="where to write (default SWEEP_DIR/analysis)"
    )

    app = sub.add_parser("app", help="serve the classroom web app (offline, in a browser)")
    app.add_argument("--port", "-p", type=int, default=8765, help="port (default 8765)")
    app.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only)",
    )
    app.add_argument(
        "--scenario", type=Path, default=None, help="scenario file to open first (default: library)"
    )
    return parser


def _print_summary(summary, name: str, out: Path) -> None:
    from ecosim.analysis.statistics import mean_interval

    n = len(summary)
    print(f"\n{name}: {n} replicate{'s' if n > 1 else ''}   (mean, 95 % interval of the mean)")
    for col, label, fmt in SUMMARY_ROWS:
        mean, half = mean_interval(summary[col].to_numpy(dtype=float))
        if not np.isfinite(mean):
            print(f"  {label:<42s} n/a")
            continue
        spread = f"± {fmt.format(half)}" if np.isfinite(half) else "(one run: no interval)"
        print(f"  {label:<42s} {fmt.format(mean):>12s}  {spread}")
    print(f"\nResults: {out}")


def _cmd_run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ecosim.invariants import CHECK_ENV

    if args.check:  # read by every model, in this process and in the workers it starts
        os.environ[CHECK_ENV] = "1"

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


def _load_all(paths: Sequence[Path]) -> list[Scenario]:
    """Load every file; raise one :class:`ScenarioError` listing every error of every file."""
    scenarios, errors = [], []
    for path in paths:
        try:
            scenarios.append(load_scenario(path))
        except ScenarioError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ScenarioError(errors)
    seen: dict[str, int] = {}
    for s, path in zip(scenarios, paths, strict=True):  # names must be unique in a report
        if s.name in seen:
            s.name = f"{s.name}-{Path(path).stem}" if s.name != Path(path).stem else s.name
            while s.name in seen:
                s.name += "'"
        seen[s.name] = 1
    return scenarios


def _cmd_compare(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ecosim.analysis.comparison import comparison_table, findings
    from ecosim.analysis.report import write_comparison
    from ecosim.experiments.compare import run_comparison
    from ecosim.experiments.storage import (
        finish_output,
        prepare_output,
        versions,
        write_manifest,
    )
    from ecosim.scenario_docs import commented_yaml

    files = [args.base, *args.others]
    scenarios = _load_all(files)  # every error of every file, before any run
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = args.out or Path("results") / f"compare-{scenarios[0].name}-{stamp}"
    tmp = prepare_output(out)
    command = "ecosim " + " ".join(sys.argv[1:]) if sys.argv[1:] else "ecosim compare"
    try:
        total = args.replicates * len(scenarios)
        with tqdm(
            total=total, desc="compare", unit="run", disable=args.quiet, file=sys.stderr
        ) as bar:
            comp = run_comparison(
                scenarios, args.replicates, args.seed, args.workers, progress=bar.update
            )
        paths = write_comparison(comp, tmp, command)
        for s, f in zip(scenarios, files, strict=True):
            safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", s.name)
            (tmp / f"scenario-{safe}.yaml").write_text(
                commented_yaml(s, f"# Resolved scenario {s.name} (from {f})")
            )
        write_manifest(
            tmp,
            {
                "command": command,
                "scenarios": {s.name: str(f) for s, f in zip(scenarios, files, strict=True)},
                "base": scenarios[0].name,
                "replicates": args.replicates,
                "seed": args.seed,
                "replicate_seeds": comp.results[comp.base].seeds,
                "versions": versions(),
            },
        )
        finish_output(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    table = comparison_table(comp)
    for name, sentences in findings(comp, table).items():
        print(f"\n{name} vs {comp.base} ({args.replicates} paired replicates):")
        for line in sentences[:6]:
            print(f"  - {line}")
    print(f"\nReport: {out / paths['report_html'].name}")
    print(f"        {out / paths['report_md'].name}")
    return EXIT_OK


def _cmd_scenarios(args: argparse.Namespace) -> int:
    from ecosim.scenario_docs import commented_yaml

    folder = scenario_dir(args.dir)
    if args.action == "list":
        files = sorted(folder.glob("*.yaml"))
        if not files:
            print(f"error: {folder}: no scenario files", file=sys.stderr)
            return EXIT_BAD_INPUT
        width = max(len(f.stem) for f in files)
        for f in files:
            try:
                s = load_scenario(f)
                text = s.description.splitlines()[0] if s.description else ""
            except ScenarioError as exc:
                text = f"INVALID: {exc.messages[0]}"
            print(f"{f.stem:<{width}}  {text}")
        return EXIT_OK
    path = Path(args.name)
    if not path.exists():
        path = folder / f"{args.name}.yaml"
    if not path.exists():
        names = ", ".join(sorted(f.stem for f in folder.glob("*.yaml")))
        print(f"error: no scenario {args.name!r} in {folder} (known: {names})", file=sys.stderr)
        return EXIT_BAD_INPUT
    scenario = load_scenario(path)
    print(
        commented_yaml(scenario, f"# {path} resolved (extends followed, defaults filled)"), end=""
    )
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    bad = 0
    for path in args.files:
        try:
            s = load_scenario(path)
            print(f"ok: {path} ({s.name})")
        except ScenarioError as exc:
            bad += 1
            for line in exc.messages:
                print(f"error: {line}", file=sys.stderr)
    if bad:
        print(f"{bad} of {len(args.files)} files have errors", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    print(json.dumps(Scenario.model_json_schema(), indent=2))
    return EXIT_OK


def _cmd_sweep(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ecosim.experiments.design import build_design, load_experiment
    from ecosim.experiments.engine import make_engine
    from ecosim.experiments.sweep import SweepStore, run_sweep

    exp, base = load_experiment(args.experiment)
    design = build_design(exp)
    out = args.out or Path("results") / f"sweep-{exp.name}"
    total = len(design.points) * exp.replicates
    print(
        f"{exp.name}: {exp.design.method} design, {len(design.points)} points x "
        f"{exp.replicates} replicates = {total} runs -> {out}",
        file=sys.stderr,
    )
    engine = make_engine(args.workers, args.scheduler)
    try:
        with (
            engine,
            tqdm(
                total=total,
                desc=exp.name,
                unit="run",
                disable=args.quiet,
                file=sys.stderr,
                smoothing=0.1,
            ) as bar,
        ):
            run_sweep(
                exp, base, design, out, engine, args.resume, bar.update, source=str(args.experiment)
            )
    except KeyboardInterrupt:
        done = len(SweepStore(out).done_runs()) if out.exists() else 0
        print(
            f"\ninterrupted: {done} of {total} runs are saved in {out}; "
            f"complete with: ecosim sweep {args.experiment} --out {out} --resume",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    print(f"Sweep complete: {out}  (next: ecosim analyze {out})")
    return EXIT_OK


def _cmd_analyze(args: argparse.Namespace) -> int:
    from ecosim.analysis.sensitivity import SweepIncompleteError, analyze_sweep

    try:
        written = analyze_sweep(args.folder, args.out)
    except (SweepIncompleteError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for name, path in written.items():
        print(f"{name:<14s} {path}")
    return EXIT_OK


def _cmd_app(args: argparse.Namespace) -> int:
    from ecosim.app.server import AppError, serve

    try:
        return serve(port=args.port, host=args.host, scenario=args.scenario)
    except AppError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


COMMANDS = {
    "sweep": _cmd_sweep,
    "analyze": _cmd_analyze,
    "run": _cmd_run,
    "compare": _cmd_compare,
    "scenarios": _cmd_scenarios,
    "validate": _cmd_validate,
    "schema": _cmd_schema,
    "app": _cmd_app,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ecosim`` command; returns the exit code."""
    from ecosim.experiments.engine import EngineError
    from ecosim.experiments.storage import OutputError
    from ecosim.invariants import InvariantError

    try:
        args = _build_parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or an argument error (2)
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command](args)
    except ScenarioError as exc:
        for line in exc.messages:
            print(f"error: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except InvariantError as exc:
        msg = f"error: the model broke an invariant (a bug, please report it): {exc}"
        print(msg, file=sys.stderr)
        return EXIT_INTERNAL
    except (OutputError, EngineError) as exc:
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


if __name__ == "__main__":
    sys.exit(main())
