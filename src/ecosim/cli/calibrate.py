"""``ecosim calibrate``: ABC-SMC against observed figures, with a posterior and its fit."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ecosim.cli.parser import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK

__all__ = ["cmd_calibrate"]


def cmd_calibrate(args: argparse.Namespace) -> int:
    """Calibrate a scenario to a calibration file's targets (streamed, resumable)."""
    from tqdm import tqdm

    from ecosim.calibration.sampler import StoreMismatchError
    from ecosim.calibration.spec import load_calibration
    from ecosim.experiments.engine import make_engine

    try:
        import pyabc  # noqa: F401
    except ImportError:
        print(
            "error: calibration needs pyabc, an optional extra: pip install 'ecosim[calibrate]'",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    from ecosim.calibration.report import write_results
    from ecosim.calibration.smc import fingerprint, run_calibration

    cal, scenarios = load_calibration(args.calibration)
    out = args.out or Path("results") / f"calibrate-{cal.name}"
    m = cal.method
    print(
        f"{cal.name}: ABC-SMC, {len(cal.parameters)} parameters, {len(cal.targets)} targets, "
        f"{m.population} particles x at most {m.generations} generations "
        f"(stops after about {m.max_simulations} particles judged) -> {out}",
        file=sys.stderr,
    )
    started = time.perf_counter()
    engine = make_engine(args.workers, args.scheduler)
    try:
        with (
            engine,
            tqdm(
                desc="particles judged", unit="particle", disable=args.quiet, file=sys.stderr
            ) as bar,
        ):
            worker_versions = engine.worker_versions()  # refuses workers that differ
            run = run_calibration(cal, scenarios, out, engine, args.resume, bar.update)
    except KeyboardInterrupt:
        print(
            f"\ninterrupted: every finished simulation is saved in {out}/sims; complete with: "
            f"ecosim calibrate {args.calibration} --out {out} --resume",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    except StoreMismatchError as exc:
        print(f"error: {out}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    info = {
        "command": "calibrate",
        "calibration_file": str(args.calibration),
        "fingerprint": fingerprint(cal, scenarios),
        "seed": cal.seed,
        "workers": engine.workers,
        "worker_versions": worker_versions,
        "wall_seconds": round(time.perf_counter() - started, 1),
    }
    files = write_results(run, scenarios["base"], out, info)
    for name, path in files.items():
        print(f"{name:<18s} {path}")
    print(
        f"Calibration complete: {run.simulations} simulations in "
        f"{info['wall_seconds'] / 60:.1f} min (next: ecosim compare ... --posterior "
        f"{out / 'posterior.parquet'})"
    )
    return EXIT_OK
