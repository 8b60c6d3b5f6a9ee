"""Sweep speed: the same 64-run design from every entry point, on the same model.

1. a plain loop of ``ecosim.run`` in this process (what a SALib user writes after
   sampling), and the same calls through a ``multiprocessing`` pool of N processes;
2. Mesa's ``batch_run`` of ``EcosystemModel`` with dotted parameter names, N processes,
   with the default environment and with BLAS held to one thread by the caller;
3. the EMA Workbench: ``ecosim.ema.model`` under the ``MultiprocessingEvaluator`` (N
   processes), the design given as samples, replications as replicates;
4. our engine (``ecosim.experiments.sweep``), with 1 worker and with N workers, writing
   Parquet as chunks finish, like ``ecosim sweep``.

Each way runs in a fresh process whose environment sets no BLAS thread variable (as a new
user's shell), except the one that sets them to 1: the speed of a run must not depend on
who calls it (issue 15).

Design: 4 levels of trust.gain_rate x 4 levels of collective_impact.backbone, 4
replicates each = 64 runs of the default population over ``--years`` years.
Usage: ``.venv/bin/python benchmarks/bench_sweep.py [--years 30] [--workers 2]``.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import mesa

import ecosim
from ecosim import load_scenario
from ecosim.experiments.design import DesignSpec, Experiment, Parameter, build_design
from ecosim.experiments.engine import BLAS_THREAD_VARIABLES, LocalEngine
from ecosim.experiments.replicates import replicate_seeds
from ecosim.experiments.sweep import run_sweep
from ecosim.model import EcosystemModel

ROOT = Path(__file__).resolve().parents[1]
GAINS = [0.02, 0.04, 0.06, 0.08]
BACKBONES = [0.0, 0.33, 0.67, 1.0]
REPLICATES = 4


SILOED = str(ROOT / "scenarios" / "siloed.yaml")


def _call(job: tuple) -> float:
    """One run as a user's own code calls it: ``ecosim.run`` with keyword overrides."""
    years, gain, backbone, seed = job
    result = ecosim.run(
        SILOED, seed=seed, years=years, trust__gain_rate=gain, collective_impact__backbone=backbone
    )
    return result["approvals"]


def _jobs(years: float) -> list[tuple]:
    seeds = replicate_seeds(1, REPLICATES)
    return [(years, g, b, ss) for g, b in itertools.product(GAINS, BACKBONES) for ss in seeds]


def plain_loop(years: float) -> float:
    jobs = _jobs(years)
    start = time.perf_counter()
    for job in jobs:
        _call(job)
    return time.perf_counter() - start


def with_pool(years: float, workers: int) -> float:
    jobs = _jobs(years)
    start = time.perf_counter()
    with multiprocessing.get_context("forkserver").Pool(workers) as pool:
        pool.map(_call, jobs, chunksize=1)
    return time.perf_counter() - start


def with_batch_run(years: float, workers: int) -> float:
    start = time.perf_counter()
    mesa.batch_run(
        EcosystemModel,
        parameters={
            "params": SILOED,
            "years": years,
            "trust.gain_rate": GAINS,
            "collective_impact.backbone": BACKBONES,
        },
        max_steps=round(years * 4) + 1,
        number_processes=workers,
        data_collection_period=-1,
        display_progress=False,
        rng=list(range(REPLICATES)),  # one seed per iteration: REPLICATES iterations
    )
    return time.perf_counter() - start


def with_ema(years: float, workers: int) -> float:
    import warnings

    warnings.simplefilter("ignore")
    import ema_workbench as ew

    import ecosim.ema

    base = load_scenario(SILOED, {"years": years})
    names = ["trust.gain_rate", "collective_impact.backbone"]
    model = ecosim.ema.model(base, names, ["approvals"], replications=REPLICATES, seed=1)
    samples = [
        ew.Sample(**{"trust__gain_rate": g, "collective_impact__backbone": b})
        for g, b in itertools.product(GAINS, BACKBONES)
    ]
    start = time.perf_counter()
    with ew.MultiprocessingEvaluator(model, n_processes=workers) as evaluator:
        ew.perform_experiments(model, samples, evaluator=evaluator)
    return time.perf_counter() - start


def with_engine(years: float, workers: int) -> float:
    exp = Experiment(
        name="bench",
        base=str(ROOT / "scenarios" / "siloed.yaml"),
        design=DesignSpec(method="factorial"),
        parameters=[
            Parameter(path="trust.gain_rate", levels=GAINS),
            Parameter(path="collective_impact.backbone", levels=BACKBONES),
        ],
        replicates=REPLICATES,
        seed=1,
        years=years,
        outcomes=["approvals", "loa_phase1", "patients_matched"],
    )
    base = load_scenario(ROOT / "scenarios" / "siloed.yaml", {"years": years})
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        with LocalEngine(workers) as engine:
            run_sweep(exp, base, build_design(exp), Path(tmp) / "s", engine)
        return time.perf_counter() - start


WAYS = {
    "loop": ("ecosim.run loop (1 process)", lambda years, workers: plain_loop(years)),
    "pool": ("ecosim.run in a Pool, {w} processes", with_pool),
    "engine1": ("ecosim engine, 1 worker", lambda years, workers: with_engine(years, 1)),
    "engine": ("ecosim engine, {w} workers", lambda years, workers: with_engine(years, workers)),
    "batch": ("mesa batch_run, {w} processes", with_batch_run),
    "batch1blas": ("mesa batch_run, {w} proc., 1 BLAS thread", with_batch_run),
    "ema": ("EMA MultiprocessingEvaluator, {w} processes", with_ema),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=list(WAYS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:  # one way, in this fresh process
        print(WAYS[args.only][1](args.years, args.workers))
        return
    runs = len(GAINS) * len(BACKBONES) * REPLICATES
    print(
        f"{runs} runs, {args.years:g} years each, {args.workers} workers where parallel; "
        "each way in a fresh process with a clean environment"
    )
    print(f"{'way':<42s} {'seconds':>8s} {'runs/s':>8s}", flush=True)
    times = {}
    for key, (label, _) in WAYS.items():
        env = {k: v for k, v in os.environ.items() if k not in BLAS_THREAD_VARIABLES}
        if key == "batch1blas":
            env.update(dict.fromkeys(BLAS_THREAD_VARIABLES, "1"))
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--years",
                str(args.years),
                "--workers",
                str(args.workers),
                "--only",
                key,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        times[key] = float(out.strip().splitlines()[-1])
        print(
            f"{label.format(w=args.workers):<42s} {times[key]:8.1f} {runs / times[key]:8.2f}",
            flush=True,
        )
    for key in ("pool", "batch", "ema"):
        print(f"{key} / engine {args.workers} workers: {times[key] / times['engine']:.2f}x")
    print(f"engine vs batch_run with 1 BLAS thread: {times['batch1blas'] / times['engine']:.2f}x")
    print(f"engine {args.workers} workers vs 1 worker: {times['engine1'] / times['engine']:.2f}x")
    overhead = 100 * (times["engine1"] - times["loop"]) / times["loop"]
    print(f"engine overhead per run vs plain loop: {overhead:+.1f} %")


if __name__ == "__main__":
    main()
