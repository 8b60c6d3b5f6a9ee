"""Running a sweep: points x replicates through the engine, streamed to Parquet.

Run ``r`` of point ``p`` has id ``p * replicates + r`` and seed
``SeedSequence(seed).spawn(replicates)[r]``: every point uses the same replicate seeds
(common random numbers across the design). Each finished chunk is written at once to
``parts/`` under a temporary name and then renamed, so a killed sweep keeps every chunk
that finished, and ``resume`` runs only the missing ids. The parent process never holds
more than one chunk of results: memory stays flat however many runs there are.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ecosim.experiments.design import Design, Experiment, experiment_hash, point_scenario
from ecosim.experiments.engine import Engine, chunk_size, lazy_chunks
from ecosim.experiments.posterior_runs import draw_values
from ecosim.experiments.replicates import replicate_seeds, run_once, stack_entities
from ecosim.experiments.storage import OutputError, versions
from ecosim.records import ENTITY_TABLES
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


class SweepStore:
    """The files of one sweep folder."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.parts = self.folder / "parts"

    # -------------------------------------------------------------- set-up and resume
    def manifest(self) -> dict | None:
        """The manifest, or None if there is none.

        Raises:
            OutputError: the manifest is not a sweep's (unreadable or missing fields).
        """
        path = self.folder / "manifest.json"
        if not path.is_file():
            return None
        try:
            info = json.loads(path.read_text())
        except (OSError, ValueError):
            raise OutputError(f"{path}: unreadable manifest (not a sweep folder?)") from None
        if not isinstance(info, dict) or not {"runs", "experiment", "hash"} <= set(info):
            raise OutputError(f"{path}: not the manifest of a sweep")
        return info

    def start(self, info: dict, points: pd.DataFrame, resume: bool) -> None:
        """Create the folder (or check it matches on resume) and write the manifest."""
        if self.folder.exists() and not self.folder.is_dir():
            raise OutputError(f"{self.folder}: exists and is not a folder")
        existing = self.manifest()
        if existing is not None:
            if not resume:
                raise OutputError(
                    f"{self.folder}: already holds a sweep; use --resume to complete it"
                )
            if existing.get("hash") != info["hash"]:
                raise OutputError(
                    f"{self.folder}: holds a different sweep (experiment or base scenario "
                    "changed); choose another --out"
                )
            for stale in self.parts.glob(".*.tmp-*"):  # half-written by a killed run
                stale.unlink()
            for part in self.parts.glob("*-*.parquet"):  # its summary never came
                first = part.stem.rsplit("-", 1)[-1]
                if not (self.parts / f"summary-{first}.parquet").exists():
                    part.unlink()
            return
        if self.folder.exists() and any(self.folder.iterdir()):
            raise OutputError(f"{self.folder}: output folder already exists and is not empty")
        try:
            self.parts.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{self.folder}: cannot create ({exc.strerror})") from None
        _atomic_parquet(points.reset_index(), self.folder / "points.parquet")
        _atomic_text(json.dumps(info, indent=2, default=str) + "\n", self.folder / "manifest.json")

    def done_runs(self) -> set[int]:
        """Run ids whose results are on disk."""
        done: set[int] = set()
        for f in sorted(self.parts.glob("summary-*.parquet")):
            done.update(pq.read_table(f, columns=["run"]).column("run").to_pylist())
        return done

    # -------------------------------------------------------------- writing
    def write_chunk(self, results: list[tuple[int, dict]], replicates: int) -> None:
        """Write one finished chunk: per-step rows first, then the summary (marks done)."""
        first = min(run for run, _ in results)
        steps = [
            r["steps"].assign(run=run, point=run // replicates, replicate=run % replicates)
            for run, r in results
            if r.get("steps") is not None
        ]
        if steps:
            frame = pd.concat(steps, ignore_index=True)[
                ["run", "point", "replicate", "step", "outcome", "value"]
            ]
            _atomic_parquet(frame, self.parts / f"steps-{first:09d}.parquet")
        with_entities = [(run, r["entities"]) for run, r in results if r.get("entities")]
        if with_entities:
            runs = [run for run, _ in with_entities]
            keys = {
                "run": runs,
                "point": [run // replicates for run in runs],
                "replicate": [run % replicates for run in runs],
            }
            tables = stack_entities([t for _, t in with_entities], keys)
            for name, table in tables.items():
                _atomic_parquet(table, self.parts / f"entities_{name}-{first:09d}.parquet")
        rows = [
            {"run": run, "point": run // replicates, "replicate": run % replicates, **r["summary"]}
            for run, r in results
        ]
        _atomic_parquet(pd.DataFrame(rows), self.parts / f"summary-{first:09d}.parquet")

    def finish(self) -> None:
        """Mark the sweep complete in the manifest."""
        info = self.manifest() or {}
        info["completed"] = datetime.now(UTC).isoformat(timespec="seconds")
        _atomic_text(json.dumps(info, indent=2, default=str) + "\n", self.folder / "manifest.json")

    # -------------------------------------------------------------- reading
    def points(self) -> pd.DataFrame:
        """The design's points (with the unit-hypercube columns ``u_*`` if any)."""
        return pd.read_parquet(self.folder / "points.parquet").set_index("point")

    def summary(self) -> pd.DataFrame:
        """Every per-run summary row on disk, sorted by run id."""
        files = sorted(self.parts.glob("summary-*.parquet"))
        if not files:
            return pd.DataFrame(columns=["run", "point", "replicate"])
        df = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
        return df.sort_values("run").reset_index(drop=True)

    def entities(self, name: str) -> pd.DataFrame:
        """Every run's rows of one entity table on disk (``run``, ``point``, ``replicate`` first).

        Raises:
            ValueError: an unknown table name.
        """
        if name not in ENTITY_TABLES:
            raise ValueError(f"no entity table {name!r} (known: {', '.join(ENTITY_TABLES)})")
        files = sorted(self.parts.glob(f"entities_{name}-*.parquet"))
        if not files:
            return pd.DataFrame(columns=["run", "point", "replicate"])
        df = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
        return df.sort_values("run", kind="stable").reset_index(drop=True)

    def steps(self) -> pd.DataFrame:
        """Every per-step row on disk (long format)."""
        files = sorted(self.parts.glob("steps-*.parquet"))
        if not files:
            return pd.DataFrame(columns=["run", "point", "replicate", "step", "outcome", "value"])
        return pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)


def _atomic_parquet(df: pd.DataFrame, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), tmp, compression="zstd")
    os.replace(tmp, path)


def _atomic_text(text: str, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text)
    os.replace(tmp, path)


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
