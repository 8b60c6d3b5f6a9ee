"""The files of one sweep folder: one folder per table, so the obvious read is right.

Layout::

    manifest.json           the experiment, the base scenario, seeds, versions
    points.parquet          the design: one row per point
    summary/part-*.parquet  one row per run: run, point, replicate, the outcomes
    steps/part-*.parquet    long format: run, point, replicate, step, outcome, value
    entities/<table>/part-*.parquet   entity records, when the experiment asks for them

``pd.read_parquet("SWEEP/summary")`` (or DuckDB's ``read_parquet('SWEEP/summary/*.parquet')``)
reads one table; :func:`ecosim.read_sweep` joins them to the design points. Every part is
written under a hidden temporary name and renamed when complete (readers skip hidden
files), the summary part last: a chunk is done once its summary part exists. Sweeps written
before this layout (one ``parts/`` folder, ``summary-*.parquet`` and so on) are still read
and resumed in their own layout.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ecosim.experiments.replicates import stack_entities
from ecosim.experiments.storage import OutputError
from ecosim.records import ENTITY_TABLES

__all__ = ["SweepData", "SweepStore", "read_sweep"]

EMPTY_COLUMNS = {
    "summary": ["run", "point", "replicate"],
    "steps": ["run", "point", "replicate", "step", "outcome", "value"],
    "entities": ["run", "point", "replicate"],
}


class SweepStore:
    """The files of one sweep folder."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.legacy = (self.folder / "parts").is_dir()
        """Written before one folder per table (``parts/``): read and resumed as it is."""

    # -------------------------------------------------------------- layout
    def table_dir(self, table: str, entity: str = "") -> Path:
        """The folder holding one table's parts (``entity``: the entity table's name)."""
        if self.legacy:
            return self.folder / "parts"
        if table == "entities":
            return self.folder / "entities" / entity
        return self.folder / table

    def _part(self, table: str, first: int, entity: str = "") -> Path:
        if self.legacy:
            stem = f"entities_{entity}" if table == "entities" else table
            return self.folder / "parts" / f"{stem}-{first:09d}.parquet"
        return self.table_dir(table, entity) / f"part-{first:09d}.parquet"

    def _parts(self, table: str, entity: str = "") -> list[Path]:
        if self.legacy:
            stem = f"entities_{entity}" if table == "entities" else table
            return sorted((self.folder / "parts").glob(f"{stem}-*.parquet"))
        return sorted(self.table_dir(table, entity).glob("part-*.parquet"))

    def _all_parts(self) -> list[Path]:
        """Every final part file of every table."""
        return [p for p in self.folder.rglob("*.parquet") if p.name != "points.parquet"]

    @staticmethod
    def _first(part: Path) -> int:
        return int(part.stem.rsplit("-", 1)[-1])

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
            self._drop_unfinished()
            return
        if self.folder.exists() and any(self.folder.iterdir()):
            raise OutputError(f"{self.folder}: output folder already exists and is not empty")
        try:
            for table in ("summary", "steps"):
                self.table_dir(table).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{self.folder}: cannot create ({exc.strerror})") from None
        _atomic_parquet(points.reset_index(), self.folder / "points.parquet")
        _atomic_text(json.dumps(info, indent=2, default=str) + "\n", self.folder / "manifest.json")

    def _drop_unfinished(self) -> None:
        """Delete what a killed run left: temporary files, parts whose summary never came."""
        for stale in self.folder.rglob(".*.tmp-*"):
            stale.unlink()
        summaries = set(self._parts("summary"))
        done = {self._first(p) for p in summaries}
        for part in self._all_parts():
            if part not in summaries and self._first(part) not in done:
                part.unlink()

    def done_runs(self) -> set[int]:
        """Run ids whose results are on disk."""
        done: set[int] = set()
        for f in self._parts("summary"):
            done.update(pq.read_table(f, columns=["run"]).column("run").to_pylist())
        return done

    # -------------------------------------------------------------- writing
    def write_chunk(self, results: list[tuple[int, dict]], replicates: int) -> None:
        """Write one finished chunk: per-step and entity rows first, then the summary."""
        first = min(run for run, _ in results)
        steps = [
            r["steps"].assign(run=run, point=run // replicates, replicate=run % replicates)
            for run, r in results
            if r.get("steps") is not None
        ]
        if steps:
            frame = pd.concat(steps, ignore_index=True)[EMPTY_COLUMNS["steps"]]
            _atomic_parquet(frame, self._part("steps", first))
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
                _atomic_parquet(table, self._part("entities", first, name))
        rows = [
            {"run": run, "point": run // replicates, "replicate": run % replicates, **r["summary"]}
            for run, r in results
        ]
        _atomic_parquet(pd.DataFrame(rows), self._part("summary", first))

    def finish(self) -> None:
        """Mark the sweep complete in the manifest."""
        info = self.manifest() or {}
        info["completed"] = datetime.now(UTC).isoformat(timespec="seconds")
        _atomic_text(json.dumps(info, indent=2, default=str) + "\n", self.folder / "manifest.json")

    # -------------------------------------------------------------- reading
    def points(self) -> pd.DataFrame:
        """The design's points (with the unit-hypercube columns ``u_*`` if any)."""
        return pd.read_parquet(self.folder / "points.parquet").set_index("point")

    def _read(self, table: str, entity: str = "") -> pd.DataFrame:
        files = self._parts(table, entity)
        if not files:
            return pd.DataFrame(columns=EMPTY_COLUMNS[table])
        df = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
        return df.sort_values("run", kind="stable").reset_index(drop=True)

    def summary(self) -> pd.DataFrame:
        """Every per-run summary row on disk, sorted by run id."""
        return self._read("summary")

    def steps(self) -> pd.DataFrame:
        """Every per-step row on disk (long format), sorted by run id."""
        return self._read("steps")

    def entities(self, name: str) -> pd.DataFrame:
        """Every run's rows of one entity table on disk (``run``, ``point``, ``replicate`` first).

        Raises:
            ValueError: an unknown table name.
        """
        if name not in ENTITY_TABLES:
            raise ValueError(f"no entity table {name!r} (known: {', '.join(ENTITY_TABLES)})")
        return self._read("entities", name)

    def entity_tables(self) -> list[str]:
        """Names of the entity tables this sweep recorded."""
        return [name for name in ENTITY_TABLES if self._parts("entities", name)]


@dataclass
class SweepData:
    """A sweep's results as tidy tables, each joined to the design's parameter values.

    Attributes:
        folder: the sweep folder.
        manifest: the experiment, the base scenario, the seeds and the versions.
        points: one row per design point (index ``point``), one column per parameter.
        summary: one row per run: ``run, point, replicate``, the parameters, the outcomes.
        complete: every run of the design is on disk.
    """

    folder: Path
    manifest: dict
    points: pd.DataFrame
    summary: pd.DataFrame
    complete: bool

    def steps(self) -> pd.DataFrame:
        """Per-step rows (``run, point, replicate, step, outcome, value``) and parameters."""
        return self._joined(SweepStore(self.folder).steps())

    def entities(self, name: str) -> pd.DataFrame:
        """One entity table's rows (``ecosim.records.ENTITY_TABLES``) and the parameters."""
        return self._joined(SweepStore(self.folder).entities(name))

    def _joined(self, frame: pd.DataFrame) -> pd.DataFrame:
        return frame.join(self.points, on="point")


def read_sweep(folder: str | Path) -> SweepData:
    """Read a sweep folder (``ecosim sweep --out``): tidy tables joined to the design.

    Raises:
        FileNotFoundError: no sweep there (no ``manifest.json``).
        OutputError: the manifest is not a sweep's.
    """
    store = SweepStore(Path(folder))
    info = store.manifest()
    if info is None:
        raise FileNotFoundError(f"{folder}: no manifest.json: not a sweep folder")
    points = store.points()
    points = points[[c for c in points.columns if not c.startswith("u_")]]
    summary = store.summary()
    return SweepData(
        folder=Path(folder),
        manifest=info,
        points=points,
        summary=summary.join(points, on="point"),
        complete=len(summary) >= info["runs"],
    )


def _atomic_parquet(df: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), tmp, compression="zstd")
    os.replace(tmp, path)


def _atomic_text(text: str, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text)
    os.replace(tmp, path)
