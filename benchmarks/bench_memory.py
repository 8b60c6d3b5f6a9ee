"""Peak memory of a 10,000-run sweep (short horizon), parent and workers.

Usage: ``.venv/bin/python benchmarks/bench_memory.py [--runs 10000] [--years 0.25]``.
Peak resident memory is read from ``getrusage`` for this process and, separately, for
the largest worker process (RUSAGE_CHILDREN reports the largest child).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from ecosim import load_scenario
from ecosim.experiments.design import DesignSpec, Experiment, Parameter, build_design
from ecosim.experiments.engine import LocalEngine
from ecosim.experiments.sweep import run_sweep

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--years", type=float, default=0.25)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    exp = Experiment(
        name="memory",
        base=str(ROOT / "scenarios" / "siloed.yaml"),
        design=DesignSpec(method="lhs", samples=args.runs // 2, seed=1),
        parameters=[
            Parameter(path="trust.gain_rate", range=(0.01, 0.1)),
            Parameter(path="collective_impact.shared_measurement", range=(0.0, 1.0)),
        ],
        replicates=2,
        seed=1,
        years=args.years,
        outcomes=["approvals", "patients_tested", "partnerships_formed"],
        step_outcomes=["patients_tested"],
        record_every=1,
    )
    base = load_scenario(ROOT / "scenarios" / "siloed.yaml", {"years": args.years})
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        with LocalEngine(args.workers) as engine:
            store = run_sweep(exp, base, build_design(exp), Path(tmp) / "s", engine)
        took = time.perf_counter() - start
        done = len(store.summary())
        size = sum(f.stat().st_size for f in (Path(tmp) / "s").rglob("*.parquet"))
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"{done} runs of {args.years:g} years in {took:.0f} s ({done / took:.1f} runs/s), "
        f"{size / 1e6:.1f} MB of Parquet"
    )
    print(
        f"peak memory: parent {parent:.0f} MB, largest worker {child:.0f} MB, "
        f"sum of parent and {args.workers} workers at most {parent + args.workers * child:.0f} MB"
    )


if __name__ == "__main__":
    main()
