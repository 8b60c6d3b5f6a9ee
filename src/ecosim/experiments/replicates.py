"""Replicates of one scenario, each with its own seed from one ``SeedSequence``.

Seeds travel with the work: replicate ``i`` of base seed ``S`` always uses
``SeedSequence(S).spawn(n)[i]``, whatever the number of worker processes, so results
are identical on one process or many. Replicates go to a process pool in chunks (one
task per chunk, not per run) to keep the per-run overhead small.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ecosim.metrics import summarise
from ecosim.model import EcosystemModel
from ecosim.scenario import Scenario

__all__ = ["ReplicateResult", "replicate_seeds", "run_once", "run_replicates"]


@dataclass
class ReplicateResult:
    """Outcomes of N replicates of one scenario.

    Attributes:
        steps: per-step outcomes, wide, with a ``replicate`` column.
        summary: per-run summary, one row per replicate.
        seeds: the entropy and spawn key of every replicate's seed.
    """

    steps: pd.DataFrame
    summary: pd.DataFrame
    seeds: list[dict]


def replicate_seeds(seed: int, n: int) -> list[np.random.SeedSequence]:
    """The seed sequences of ``n`` replicates of base seed ``seed``."""
    return np.random.SeedSequence(seed).spawn(n)


def run_once(
    scenario: Scenario, seed: np.random.SeedSequence | int
) -> tuple[pd.DataFrame, dict[str, float]]:
    """Run one replicate to the scenario's horizon.

    Returns:
        (per-step outcomes, per-run summary).
    """
    ss = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    model = EcosystemModel(scenario, rng=np.random.default_rng(ss))
    for _ in range(scenario.steps):
        model.step()
    steps = model.recorder.frame()
    return steps, summarise(model, steps)


def _run_chunk(
    scenario: Scenario, chunk: list[tuple[int, np.random.SeedSequence]]
) -> list[tuple[int, pd.DataFrame, dict[str, float]]]:
    return [(i, *run_once(scenario, ss)) for i, ss in chunk]


def run_replicates(
    scenario: Scenario,
    replicates: int = 20,
    seed: int = 0,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> ReplicateResult:
    """Run ``replicates`` runs of ``scenario`` with seeds spawned from ``seed``.

    Args:
        scenario: the validated scenario.
        replicates: number of runs.
        seed: base seed (any non-negative integer).
        workers: processes to use (default: all cores, at most one per replicate).
        progress: called with the number of runs just finished.

    With more than one worker, the pool starts processes with ``forkserver`` (``spawn``
    off Linux), so a script that calls this must guard its top level with
    ``if __name__ == "__main__":``, as for any Python multiprocessing code. Notebooks
    and the ``ecosim`` command need nothing.
    """
    seeds = replicate_seeds(seed, replicates)
    jobs = list(enumerate(seeds))
    workers = workers or min(os.cpu_count() or 1, replicates)
    out: list[tuple[int, pd.DataFrame, dict[str, float]]] = []
    if workers <= 1:
        for job in jobs:
            out.extend(_run_chunk(scenario, [job]))
            if progress:
                progress(1)
    else:
        size = max(1, replicates // (workers * 4))
        chunks = [jobs[k : k + size] for k in range(0, len(jobs), size)]
        method = "forkserver" if sys.platform.startswith("linux") else "spawn"
        context = multiprocessing.get_context(method)
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for res in pool.map(_run_chunk, [scenario] * len(chunks), chunks):
                out.extend(res)
                if progress:
                    progress(len(res))
    out.sort(key=lambda r: r[0])
    frames = []
    for i, steps, _ in out:
        steps.insert(0, "replicate", i)
        frames.append(steps)
    summary = pd.DataFrame([s for _, _, s in out])
    summary.insert(0, "replicate", [i for i, _, _ in out])
    seed_info = [{"entropy": str(ss.entropy), "spawn_key": list(ss.spawn_key)} for ss in seeds]
    return ReplicateResult(pd.concat(frames, ignore_index=True), summary, seed_info)
