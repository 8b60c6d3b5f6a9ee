"""Time one 30-year run: every bundled scenario, ten times the organisations, any caller.

Usage: ``.venv/bin/python benchmarks/bench_run.py [--repeats N] [--only siloed]`` (or
``make bench``). Each run is a full model run (build, 120 quarterly steps, entity records,
summary) in one process, with a different seed each repeat, after one untimed warm-up.

It reports (issue 10 goals in brackets):

1. the median, min and max seconds per run of each bundled scenario [siloed at most 0.3 s
   on the 2-core machine];
2. the siloed scenario with ten times the organisations of every kind (and ten times the
   biotech entry rate), and the ratio to the default [at most 8x];
3. ``ecosim.run`` of the siloed scenario in a fresh process with the default BLAS
   threading and with one BLAS thread [the same speed: the step has no BLAS product].
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from ecosim import load_scenario, run_once
from ecosim.scenario import Scenario, scenario_from_dict

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
POPULATIONS = ("pharma", "biotech", "academia", "payers", "patient_orgs", "care_providers")

CALLER = """
import statistics, time, ecosim
ecosim.run("{path}", seed=0)
times = []
for seed in range(1, {repeats} + 1):
    start = time.perf_counter()
    ecosim.run("{path}", seed=seed)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""


def timed(scenario: Scenario, repeats: int) -> list[float]:
    """Seconds of ``repeats`` runs after a warm-up."""
    run_once(scenario, 0, entities=False)
    times = []
    for seed in range(1, repeats + 1):
        start = time.perf_counter()
        run_once(scenario, seed)
        times.append(time.perf_counter() - start)
    return times


def scaled(scenario: Scenario, factor: int) -> Scenario:
    """The scenario with ``factor`` times the organisations of every kind (funds too)."""
    data = scenario.model_dump(mode="python")
    for key in POPULATIONS:
        data["population"][key] *= factor
    # venture funds and their capital grow with the ecosystem (per-fund figures stay)
    data["investors"]["funds"] *= factor
    data["investors"]["commitments_musd_per_year"] *= factor
    return scenario_from_dict(data, f"{scenario.name} x{factor}")


def caller_median(path: Path, repeats: int, blas_threads: str | None) -> float:
    """Median seconds of ``ecosim.run`` in a fresh process with the given BLAS threads."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    if blas_threads is not None:
        env.update(OPENBLAS_NUM_THREADS=blas_threads, OMP_NUM_THREADS=blas_threads)
    code = CALLER.format(path=path, repeats=repeats)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--only", default=None, help="one scenario name (default: all)")
    args = parser.parse_args()
    print(
        f"python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, {args.repeats} timed runs each"
    )
    print(f"\n{'scenario':<28s} {'median s':>9s} {'min s':>7s} {'max s':>7s}")
    medians = {}
    for path in sorted(SCENARIOS.glob("*.yaml")):
        if args.only and path.stem != args.only:
            continue
        scenario = load_scenario(path)
        times = timed(scenario, args.repeats)
        medians[scenario.name] = statistics.median(times)
        median = medians[scenario.name]
        print(f"{scenario.name:<28s} {median:9.3f} {min(times):7.3f} {max(times):7.3f}")
    siloed = load_scenario(SCENARIOS / "siloed.yaml")
    base = medians.get("siloed") or statistics.median(timed(siloed, args.repeats))
    big = timed(scaled(siloed, 10), max(3, args.repeats // 2))
    print(
        f"\nsiloed x10 organisations: median {statistics.median(big):.3f} s "
        f"({statistics.median(big) / base:.1f}x the default {base:.3f} s)"
    )
    default = caller_median(SCENARIOS / "siloed.yaml", args.repeats, None)
    one = caller_median(SCENARIOS / "siloed.yaml", args.repeats, "1")
    print(
        f"ecosim.run, fresh process: default BLAS threads {default:.3f} s, "
        f"one BLAS thread {one:.3f} s"
    )


if __name__ == "__main__":
    main()
