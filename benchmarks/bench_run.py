"""Time one 30-year run of each bundled scenario (median of repeated runs).

Usage: ``.venv/bin/python benchmarks/bench_run.py [--repeats N]`` (or ``make bench``).
Each run is a full model run (build, 120 quarterly steps, summary) in this process, on
one core, with a different seed each repeat; one warm-up run per scenario is not timed.
Target (issue 2): under 1 s per run at the default population on a 2-core machine.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

from ecosim import load_scenario, run_once

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    print(
        f"python {platform.python_version()} on {platform.machine()}, "
        f"{args.repeats} timed runs per scenario"
    )
    print(f"{'scenario':<22s} {'median s':>9s} {'min s':>7s} {'max s':>7s}")
    for path in sorted(SCENARIOS.glob("*.yaml")):
        scenario = load_scenario(path)
        run_once(scenario, 0)  # warm-up: imports, caches
        times = []
        for seed in range(1, args.repeats + 1):
            start = time.perf_counter()
            run_once(scenario, seed)
            times.append(time.perf_counter() - start)
        print(
            f"{scenario.name:<22s} {statistics.median(times):9.3f} "
            f"{min(times):7.3f} {max(times):7.3f}"
        )


if __name__ == "__main__":
    main()
