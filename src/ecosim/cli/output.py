"""One output pipeline for ``run`` and ``compare``: written whole, or not at all.

:func:`atomic_output` yields a temporary folder beside the destination and renames it
into place only when everything (the manifest last) is written; on an error or an
interrupt the temporary folder is removed, so a results folder is always complete.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from ecosim.experiments.storage import (
    finish_output,
    prepare_output,
    versions,
    write_manifest,
    write_table,
)
from ecosim.scenario import Scenario
from ecosim.scenario_docs import commented_yaml

__all__ = ["atomic_output", "safe_name", "write_entities", "write_scenario"]


@contextmanager
def atomic_output(out: Path, manifest: dict) -> Iterator[Path]:
    """Write into a temporary folder; on success add ``manifest.json`` and rename it to ``out``.

    Raises:
        OutputError: ``out`` cannot receive results (a file, a folder with results in it,
            or not writable).
    """
    tmp = prepare_output(out)
    try:
        yield tmp
        write_manifest(tmp, {**manifest, "versions": versions()})
        finish_output(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def safe_name(name: str) -> str:
    """A scenario name usable in a file name."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)


def write_scenario(folder: Path, filename: str, scenario: Scenario, source: Path | str) -> None:
    """The resolved scenario, every value commented with its meaning, unit and source."""
    header = f"# Resolved scenario {scenario.name} (from {source})"
    (folder / filename).write_text(commented_yaml(scenario, header))


def write_entities(folder: Path, tables: dict[str, pd.DataFrame]) -> None:
    """The entity tables as ``entities/<table>.parquet`` (one row per entity and run)."""
    if not tables:
        return
    (folder / "entities").mkdir()
    for name, table in tables.items():
        write_table(table, folder / "entities" / f"{name}.parquet")
