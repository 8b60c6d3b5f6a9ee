"""Replicates of one scenario, each with its own seed from one ``SeedSequence``.

Seeds travel with the work: replicate ``i`` of base seed ``S`` always uses
``SeedSequence(S).spawn(n)[i]``, whatever the number of worker processes, so results
are identical on one process or many. Replicates go to a process pool in chunks (one
task per chunk, not per run) to keep the per-run overhead small.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ecosim.experiments.engine import Engine, LocalEngine, chunked
from ecosim.metrics import summarise
from ecosim.model import EcosystemModel
from ecosim.partnerships import KINDS
from ecosim.records import ENTITY_TABLES, entity_tables
from ecosim.scenario import Scenario
from ecosim.seeds import DEFAULT_SEED, SeedLike, seed_record
from ecosim.units import HALF

__all__ = [
    "ReplicateResult",
    "RunResult",
    "collect",
    "network_snapshot",
    "replicate_seeds",
    "run_jobs",
    "run_once",
    "run_replicates",
    "stack_entities",
]


class RunResult(tuple):
    """Outcomes of one run; unpacks as ``(steps, summary, network)``.

    Attributes:
        steps: per-step outcomes (wide), one row per quarter.
        summary: per-run summary values (:data:`ecosim.metrics.RUN_OUTCOMES`).
        network: the partnership network at the end of the run (:func:`network_snapshot`).
        entities: the entity tables (:func:`ecosim.records.entity_tables`), by name; empty
            when the run was asked not to keep them.
    """

    def __new__(
        cls,
        steps: pd.DataFrame,
        summary: dict[str, float],
        network: dict,
        entities: dict[str, pd.DataFrame] | None = None,
    ):
        """Bundle one run's outcomes."""
        obj = super().__new__(cls, (steps, summary, network))
        obj.entities = entities or {}
        return obj

    def __getnewargs__(self):  # pickling: rebuild from the three parts, then the state
        return tuple(self)

    steps = property(lambda self: self[0], doc="Per-step outcomes.")
    summary = property(lambda self: self[1], doc="Per-run outcomes.")
    network = property(lambda self: self[2], doc="The end-of-run network.")


@dataclass
class ReplicateResult:
    """Outcomes of N replicates of one scenario.

    Attributes:
        steps: per-step outcomes, wide, with a ``replicate`` column.
        summary: per-run summary, one row per replicate.
        seeds: the entropy and spawn key of every replicate's seed.
        networks: the end-of-run partnership network of every replicate.
        entities: the entity tables of every replicate (a ``replicate`` column first), by
            table name (:data:`ecosim.records.ENTITY_TABLES`).
    """

    steps: pd.DataFrame
    summary: pd.DataFrame
    seeds: list[dict]
    networks: list[dict]
    entities: dict[str, pd.DataFrame] = field(default_factory=dict)


def replicate_seeds(seed: int, n: int) -> list[np.random.SeedSequence]:
    """The seed sequences of ``n`` replicates of base seed ``seed``."""
    return np.random.SeedSequence(seed).spawn(n)


def network_snapshot(model: EcosystemModel) -> dict:
    """Live organisations (row, sector) and active partnerships (a, b, kind, trust)."""
    n = model.n_orgs
    sectors = {code: name for name, code in model.SECTOR_CODES.items()}
    alive = np.flatnonzero(model.alive[:n])
    act = model.partnerships.active()
    a, b = model.partnerships.a[act], model.partnerships.b[act]
    return {
        "nodes": [(int(i), sectors[int(model.sector_code[i])]) for i in alive],
        "edges": [
            (int(x), int(y), KINDS[int(k)], float(HALF * (model.trust[x, y] + model.trust[y, x])))
            for x, y, k in zip(a, b, model.partnerships.kind[act], strict=True)
        ],
    }


def run_once(scenario: Scenario, seed: SeedLike, entities: bool = True) -> RunResult:
    """Run one replicate to the scenario's horizon.

    Args:
        scenario: the validated scenario.
        seed: the run's seed: an integer, a ``SeedSequence`` or a manifest's seed record
            (:mod:`ecosim.seeds`).
        entities: keep the entity tables in the result (they are computed either way:
            the summary is built from them).
    """
    model = EcosystemModel(scenario, rng=seed)
    for _ in range(scenario.steps):
        model.step()
    steps = model.recorder.frame()
    records = entity_tables(model)
    summary = summarise(steps, records, scenario)
    return RunResult(steps, summary, network_snapshot(model), records if entities else None)


ReplicateJob = tuple[int, Scenario, np.random.SeedSequence]
"""One run to do: (position in the job list, scenario, seed)."""


def _simulate(payload: tuple[Scenario, np.random.SeedSequence]) -> RunResult:
    scenario, ss = payload
    return run_once(scenario, ss)


def run_jobs(
    jobs: list[ReplicateJob],
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    engine: Engine | None = None,
) -> list[RunResult]:
    """Run jobs on the engine (a local process pool by default); results in job order.

    This is the one engine behind ``run``, ``compare`` and ``sweep``
    (:mod:`ecosim.experiments.engine`). Each job carries its own seed, so results do not
    depend on the number of workers or on the order jobs finish in.

    With more than one local worker, processes start with ``forkserver`` (``spawn`` off
    Linux), so a script that calls this must guard its top level with
    ``if __name__ == "__main__":``, as for any Python multiprocessing code. Notebooks
    and the ``ecosim`` command need nothing.
    """
    own = engine is None
    engine = engine or LocalEngine(min(workers or os.cpu_count() or 1, max(len(jobs), 1)))
    done: list[tuple[int, RunResult]] = []
    with engine if own else contextlib.nullcontext():  # our own engine closes with us
        payloads = [(i, (scenario, ss)) for i, scenario, ss in jobs]
        for res in engine.map_chunks(_simulate, chunked(payloads, engine.workers)):
            done.extend(res)
            if progress:
                progress(len(res))
    done.sort(key=lambda r: r[0])
    return [r for _, r in done]


def collect(results: list[RunResult], seeds: list[np.random.SeedSequence]) -> ReplicateResult:
    """Gather the runs of one scenario (replicate ``i`` is ``results[i]``)."""
    frames = []
    for i, res in enumerate(results):
        steps = res.steps.copy()
        steps.insert(0, "replicate", i)
        frames.append(steps)
    summary = pd.DataFrame([r.summary for r in results])
    summary.insert(0, "replicate", range(len(results)))
    seed_info = [seed_record(ss) for ss in seeds]
    return ReplicateResult(
        pd.concat(frames, ignore_index=True),
        summary,
        seed_info,
        [r.network for r in results],
        stack_entities([r.entities for r in results]),
    )


def stack_entities(
    runs: list[dict[str, pd.DataFrame]], keys: dict[str, list] | None = None
) -> dict[str, pd.DataFrame]:
    """One table per entity kind from the tables of several runs, keyed by run.

    Args:
        runs: the entity tables of each run (empty mappings are skipped).
        keys: key columns to put first, one value per run (default: ``replicate`` =
            the run's position).
    """
    keys = keys if keys is not None else {"replicate": list(range(len(runs)))}
    out: dict[str, pd.DataFrame] = {}
    for name in ENTITY_TABLES:
        frames = []
        for i, tables in enumerate(runs):
            if name not in tables:
                continue
            df = tables[name].copy()
            for pos, (key, values) in enumerate(keys.items()):
                df.insert(pos, key, values[i])
            frames.append(df)
        if frames:
            out[name] = pd.concat(frames, ignore_index=True)
    return out


def run_replicates(
    scenario: Scenario,
    replicates: int = 20,
    seed: int = DEFAULT_SEED,
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
    """
    seeds = replicate_seeds(seed, replicates)
    jobs = [(i, scenario, ss) for i, ss in enumerate(seeds)]
    return collect(run_jobs(jobs, workers, progress), seeds)
