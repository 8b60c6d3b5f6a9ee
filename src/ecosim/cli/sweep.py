"""``ecosim sweep`` and ``ecosim analyze``: experiments and their sensitivity analysis."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from ecosim.cli.parser import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK

__all__ = ["cmd_analyze", "cmd_discover", "cmd_sweep"]


def cmd_sweep(args: argparse.Namespace) -> int:
    """Run an experiment file into a sweep folder (streamed, resumable)."""
    from tqdm import tqdm

    from ecosim.experiments.design import build_design, load_experiment
    from ecosim.experiments.engine import make_engine
    from ecosim.experiments.posterior_runs import load_posterior
    from ecosim.experiments.sweep import SweepStore, run_sweep

    exp, base = load_experiment(args.experiment, args.replicates, args.samples, args.years)
    posterior = load_posterior(args.posterior) if args.posterior else None
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
                exp,
                base,
                design,
                out,
                engine,
                args.resume,
                bar.update,
                source=str(args.experiment),
                posterior=posterior,
                posterior_file=str(args.posterior or ""),
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


def cmd_analyze(args: argparse.Namespace) -> int:
    """Sensitivity analysis of a finished sweep."""
    from ecosim.analysis.sensitivity import SweepIncompleteError, analyze_sweep

    try:
        written = analyze_sweep(args.folder, args.out)
    except (SweepIncompleteError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    notes = [line for line in written["notes"].read_text().splitlines() if line[:2] == "- "]
    if notes:
        print("Read before quoting (also in analysis.md):", file=sys.stderr)
        for line in notes:
            print(f"  {line}", file=sys.stderr)
    for name, path in written.items():
        print(f"{name:<14s} {path}")
    if args.discover:
        return _discover(args.folder, args.discover, None, args)
    return EXIT_OK


def cmd_discover(args: argparse.Namespace) -> int:
    """Scenario discovery (PRIM and CART) on a finished sweep."""
    return _discover(args.folder, args.condition, args.out, args)


def _discover(folder: Path, condition: str, out: Path | None, args: argparse.Namespace) -> int:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # its note on optional evaluators
            import ema_workbench  # noqa: F401
    except ImportError:
        print(
            "error: scenario discovery needs the EMA Workbench, an optional extra: "
            "pip install 'ecosim[ema]'",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    from ecosim.analysis.discovery import DiscoveryError, discover

    try:
        written = discover(folder, condition, out, args.mass_min, args.min_coverage)
    except (DiscoveryError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    lines = written["report"].read_text().splitlines()
    for line in lines:
        if line.startswith(("Condition:", "- coverage", "- density", "- restricted")):
            print(line.replace("**", "").replace("`", ""), file=sys.stderr)
    for name, path in written.items():
        print(f"{name:<14s} {path}")
    return EXIT_OK
