"""The ``ecosim`` command's arguments: one sub-command per job."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecosim.seeds import DEFAULT_SEED

__all__ = ["EXIT_BAD_INPUT", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_OK", "build_parser"]

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


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
        "--seed",
        "-s",
        type=_int_at_least(0),
        default=DEFAULT_SEED,
        help=f"base seed (default {DEFAULT_SEED}, as everywhere in ecosim)",
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
    parser.add_argument(
        "--no-entities",
        action="store_true",
        help="do not write the entity tables (entities/*.parquet)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


def _add_run(sub) -> None:
    run = sub.add_parser(
        "run",
        help="run replicates of one scenario and write its results",
        description="Run N replicates of a scenario and write per-step outcomes, a per-run "
        "summary, the entity tables (programmes, partnerships, therapies, coverage, "
        "memberships, organisations), the resolved scenario, a manifest and a chart.",
    )
    run.add_argument("scenario", type=Path, help="scenario YAML file or library name (siloed)")
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
        "compare each with the first (the base) and write tables, charts, report.md, a "
        "self-contained report.html and the entity tables.",
    )
    cmp.add_argument("base", type=Path, help="base scenario YAML file")
    cmp.add_argument("others", type=Path, nargs="+", help="scenario files to compare")
    _add_run_options(cmp, min_replicates=2, default_out="results/compare-<base>-<timestamp>")
    _add_posterior_option(cmp, "replicate i of every scenario")


def _add_posterior_option(parser: argparse.ArgumentParser, who: str) -> None:
    parser.add_argument(
        "--posterior",
        type=Path,
        default=None,
        metavar="FILE",
        help=f"a calibration's posterior.parquet: {who} also runs at posterior draw i, "
        "so differences carry parameter uncertainty as well as noise",
    )


def _add_library(sub) -> None:
    scen = sub.add_parser("scenarios", help="list or show the bundled scenarios")
    scen_sub = scen.add_subparsers(dest="action", required=True, parser_class=_Parser)
    ls = scen_sub.add_parser("list", help="name and description of each scenario")
    ls.add_argument("--dir", type=Path, default=None, help="scenario folder")
    show = scen_sub.add_parser("show", help="the fully resolved parameters of a scenario")
    show.add_argument("name", help="scenario name (in the scenario folder) or file")
    show.add_argument("--dir", type=Path, default=None, help="scenario folder")
    val = sub.add_parser(
        "validate", help="check scenario, experiment and calibration files; report every error"
    )
    val.add_argument("files", type=Path, nargs="+", help="YAML files")
    sub.add_parser("schema", help="print the JSON Schema of the scenario format")


def _add_engine_options(parser: argparse.ArgumentParser, what: str, default_out: str) -> None:
    """Options of the commands that run through the engine (sweep, calibrate)."""
    parser.add_argument(
        "--workers",
        "-w",
        type=_int_at_least(1),
        default=None,
        help="local worker processes, or Dask workers for a local cluster",
    )
    parser.add_argument(
        "--scheduler",
        default=None,
        help="Dask scheduler address (tcp://host:8786), or 'local' for a local "
        "Dask cluster; default: local process pool",
    )
    parser.add_argument(
        "--out", "-o", type=Path, default=None, help=f"{what} folder (default {default_out})"
    )
    parser.add_argument("--resume", action="store_true", help=f"complete an interrupted {what}")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


def _add_sweep(sub) -> None:
    sw = sub.add_parser(
        "sweep",
        help="run an experiment file (factorial, LHS, Sobol, Morris) into a sweep folder",
        description="Run every point x replicate of an experiment, streaming results to "
        "Parquet as chunks finish. A killed sweep keeps every finished chunk; --resume runs "
        "only what is missing.",
    )
    sw.add_argument("experiment", type=Path, help="experiment YAML file")
    sw.add_argument("--replicates", "-n", type=int, help="replicates per point (the file's)")
    sw.add_argument("--samples", type=int, help="design samples (lhs, sobol, morris; the file's)")
    sw.add_argument("--years", type=float, help="horizon in years (the file's or the base's)")
    _add_engine_options(sw, "sweep", "results/sweep-<name>")
    _add_posterior_option(sw, "replicate i of every point")
    an = sub.add_parser("analyze", help="sensitivity analysis of a finished sweep")
    an.add_argument("folder", type=Path, help="sweep folder")
    an.add_argument(
        "--out", "-o", type=Path, default=None, help="where to write (default SWEEP_DIR/analysis)"
    )
    an.add_argument(
        "--discover",
        metavar="CONDITION",
        help="also run scenario discovery (as ecosim discover) into SWEEP_DIR/discovery",
    )
    _add_discovery_options(an)
    dis = sub.add_parser(
        "discover",
        help="scenario discovery on a finished sweep (PRIM and CART)",
        description="Where in the parameter space does a condition on an outcome hold? "
        "Marks the design points that meet CONDITION (replicates averaged per point), then "
        "PRIM and CART (the EMA Workbench's, the 'ema' extra) describe the region that holds "
        "them: boxes.csv, prim_trajectory.csv, discovery.md and discovery.png.",
    )
    dis.add_argument("folder", type=Path, help="sweep folder")
    dis.add_argument(
        "condition",
        help="OUTCOME OP THRESHOLD, OP one of < <= > >=, THRESHOLD a number, median, mean "
        "or qNN, e.g. 'approvals < 31' (quote it)",
    )
    dis.add_argument(
        "--out", "-o", type=Path, default=None, help="where to write (default SWEEP_DIR/discovery)"
    )
    _add_discovery_options(dis)


def _share(text: str) -> float:
    """An argparse type: a share between 0 and 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], got {value}")
    return value


def _add_discovery_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mass-min",
        type=_share,
        default=0.05,
        help="smallest share of all points a box may hold (default 0.05)",
    )
    parser.add_argument(
        "--min-coverage",
        type=_share,
        default=0.5,
        help="report the densest PRIM box with at least this coverage (default 0.5)",
    )


def _add_calibrate(sub) -> None:
    cal = sub.add_parser(
        "calibrate",
        help="calibrate a scenario to observed figures (ABC-SMC with pyabc)",
        description="Approximate Bayesian computation (ABC-SMC, pyabc) of the parameters a "
        "calibration file names against its targets. Every simulation is streamed to "
        "OUT/sims; --resume after a kill reuses them and gives the same posterior. Writes "
        "the posterior, a posterior-median scenario, the fit per target, the "
        "identifiability table and plots.",
    )
    cal.add_argument("calibration", type=Path, help="calibration YAML file")
    _add_engine_options(cal, "calibration", "results/calibrate-<name>")


def _add_app(sub) -> None:
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
    app.add_argument(
        "--idle-minutes",
        type=float,
        default=30.0,
        help="free a session's worlds this long after its tab disconnects (default 30)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``ecosim`` argument parser with every sub-command."""
    parser = _Parser(
        prog="ecosim",
        description="Simulate precision-medicine partnership ecosystems.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _add_run(sub)
    _add_library(sub)
    _add_sweep(sub)
    _add_calibrate(sub)
    _add_app(sub)
    return parser
