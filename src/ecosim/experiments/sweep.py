"""Running a sweep: points x replicates through the engine, streamed to Parquet.

Run ``r`` of point ``p`` has id ``p * replicates + r`` and seed
``SeedSequence(seed).spawn(replicates)[r]``: every point uses the same replicate seeds
(common random numbers across the design). Each finished chunk is written at once
(:class:`~ecosim.experiments.sweep_store.SweepStore`) under a temporary name and then
renamed, so a killed sweep keeps every chunk that finished, and ``resume`` runs only the
missing ids. The parent process never holds
more than one chunk of results: memory stays flat however many runs there are.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ecosim.experiments.design import Design, Experiment, experiment_hash, point_scenario
from ecosim.experiments.engine import Engine, chunk_size, lazy_chunks
from ecosim.experiments.posterior_runs import draw_values
from ecosim.experiments.replicates import replicate_seeds, run_once
from ecosim.experiments.storage import versions
from ecosim.experiments.sweep_store import SweepStore
from ecosim.scenario import Scenario

__all__ = ["SweepStore", "evaluate_ecosim", "run_design", "run_sweep"]

CHUNK_MAX = 16
"""Largest chunk of a sweep: a kill loses at most the chunks in flight."""


def evaluate_ecosim(payload: tuple) -> dict[str, Any]:
    """Run the model at one point with one seed; keep only the chosen outcomes."""
    base, values, seed, outcomes, step_outcomes, every, entities = payload
    scenario = point_scenario(base, pd.Series(values))
    res = run_once(scenario, seed, entities=entities)
    out: dict[str, Any] = {"summary": {k: float(res.summary[k]) for k in outcomes}}
    if every > 0 and step_outcomes:
        steps = res.steps
        kept = steps[steps["step"] % every == 0][["step", *step_outcomes]]
        out["steps"] = kept.melt(id_vars="step", var_name="outcome", value_name="value")
    if entities:
        out["entities"] = res.entities
    return out


def run_design(
    store: SweepStore,
    fn: Callable[[Any], dict],
    payloads: Iterable[tuple[int, Any]],
    replicates: int,
    engine: Engine,
    progress: Callable[[int], None] | None = None,
    total: int = 0,
) -> int:
    """Run the payloads not yet on disk and stream each chunk to the store.

    Returns:
        The number of runs done now.
    """
    done = store.done_runs()
    todo = ((run, payload) for run, payload in payloads if run not in done)  # lazy
    if progress and done:
        progress(len(done))
    count = 0
    size = chunk_size(total - len(done), engine.workers, CHUNK_MAX)
    for results in engine.map_chunks(fn, lazy_chunks(todo, size)):
        store.write_chunk(results, replicates)
        count += len(results)
        if progress:
            progress(len(results))
    return count


def sweep_payloads(
    exp: Experiment, base: Scenario, design: Design, draws: list[dict] | None = None
):
    """Yield ``(run id, payload)`` for every run of the experiment, in id order.

    With posterior ``draws``, replicate ``r`` of every point runs at draw ``r``; a swept
    parameter keeps the point's value.
    """
    seeds = replicate_seeds(exp.seed, exp.replicates)
    for p, (_, row) in enumerate(design.points.iterrows()):
        point = {k: (v.item() if isinstance(v, np.generic) else v) for k, v in row.items()}
        for r, ss in enumerate(seeds):
            values = (draws[r] | point) if draws else point
            yield (
                p * exp.replicates + r,
                (
                    base,
                    values,
                    ss,
                    exp.outcomes,
                    exp.step_outcomes,
                    exp.record_every,
                    exp.record.entities,
                ),
            )


def run_sweep(
    exp: Experiment,
    base: Scenario | None,
    design: Design,
    folder: Path,
    engine: Engine,
    resume: bool = False,
    progress: Callable[[int], None] | None = None,
    source: str = "",
    fn: Callable[[Any], dict] = evaluate_ecosim,
    posterior: pd.DataFrame | None = None,
    posterior_file: str = "",
) -> SweepStore:
    """Run (or complete) a sweep into ``folder``.

    Args:
        exp: the experiment.
        base: its base scenario (None for a model function that needs none).
        design: the sampled points.
        folder: the sweep folder.
        engine: where to run.
        resume: complete a sweep already in ``folder``.
        progress: called with the number of runs just finished (and those already done).
        source: the experiment file, for the manifest.
        fn: the model: ``fn(payload) -> {"summary": {...}, "steps": frame or None}``;
            :func:`evaluate_ecosim` by default, or a test function with a known answer.
        posterior: a posterior sample; replicate ``r`` of every point then runs at draw
            ``r`` (:mod:`ecosim.experiments.posterior_runs`), recorded in the manifest.
        posterior_file: the sample's file, for the manifest.

    Raises:
        OutputError: the folder holds another sweep, or one without ``resume``.
    """
    store = SweepStore(folder)
    points = design.points.copy()
    if design.unit is not None:
        for j in range(design.unit.shape[1]):
            points[f"u_{j}"] = design.unit[:, j]
    seeds = replicate_seeds(exp.seed, exp.replicates)
    draws = draw_values(posterior, exp.replicates, exp.seed) if posterior is not None else None
    fingerprint = experiment_hash(exp, base)
    if draws is not None:
        blob = json.dumps(draws, sort_keys=True).encode()
        fingerprint += "-" + hashlib.sha256(blob).hexdigest()[:8]
    info = {
        "experiment": exp.model_dump(mode="json"),
        "experiment_file": source,
        "base_scenario": base.model_dump(mode="json") if base is not None else None,
        "hash": fingerprint,
        "posterior": {"file": posterior_file, "draws": draws} if draws is not None else None,
        "points": len(points),
        "replicates": exp.replicates,
        "runs": len(points) * exp.replicates,
        "seed": exp.seed,
        "replicate_seeds": [
            {"entropy": str(s.entropy), "spawn_key": list(s.spawn_key)} for s in seeds
        ],
        "problem": design.problem,
        "versions": versions(),
        "worker_versions": engine.worker_versions(),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    store.start(info, points, resume)
    run_design(
        store,
        fn,
        sweep_payloads(exp, base, design, draws),
        exp.replicates,
        engine,
        progress,
        total=info["runs"],
    )
    store.finish()
    return store
