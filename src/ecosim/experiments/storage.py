"""Writing a run's results safely: a temporary folder renamed into place when complete.

A results folder either holds a complete run (with ``manifest.json`` written last) or
does not exist: files are written under ``<out>.partial-<pid>`` and the folder is
renamed to its final name only after everything is on disk. An interrupted run leaves
no folder that looks complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

__all__ = [
    "OutputError",
    "finish_output",
    "long_format",
    "prepare_output",
    "versions",
    "write_manifest",
    "write_table",
]


class OutputError(Exception):
    """The output folder cannot be used (exists with a run in it, or not writable)."""


def versions() -> dict[str, str]:
    """Versions of Python, the platform and the packages that shape results."""
    out = {"python": sys.version.split()[0], "platform": platform.platform()}
    for pkg in ("ecosim", "mesa", "numpy", "scipy", "pandas", "pyarrow", "pydantic"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def prepare_output(out: Path) -> Path:
    """Check ``out`` can receive a run and return the temporary folder to write into."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: is a file; the output must be a new or empty folder")
    if out.exists() and any(out.iterdir()):
        raise OutputError(f"{out}: output folder already exists and is not empty")
    parent = out.parent if str(out.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{parent}: cannot create output folder ({exc.strerror})") from None
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{parent}: output folder is not writable")
    _remove_stale_partials(parent, out.name)
    tmp = parent / f".{out.name}.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    return tmp


def _remove_stale_partials(parent: Path, name: str) -> None:
    """Delete temporary folders of earlier attempts whose process is gone (killed runs)."""
    for stale in parent.glob(f".{name}.partial-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)  # still running: leave it alone
        except ProcessLookupError:
            shutil.rmtree(stale, ignore_errors=True)
        except PermissionError:
            pass


def finish_output(tmp: Path, out: Path) -> None:
    """Move a completed temporary folder to its final name."""
    if out.exists():
        out.rmdir()  # an empty folder the user created beforehand
    tmp.rename(out)


def long_format(steps: pd.DataFrame, scenario: str) -> pd.DataFrame:
    """Per-step outcomes in long format: scenario, replicate, step, year, outcome, value."""
    ids = ["replicate", "step", "year"]
    long = steps.melt(id_vars=ids, var_name="outcome", value_name="value")
    long.insert(0, "scenario", scenario)
    long["outcome"] = long["outcome"].astype("category")
    return long.sort_values(["replicate", "outcome", "step"], kind="stable").reset_index(drop=True)


def write_table(df: pd.DataFrame, path: Path) -> None:
    """Write a table deterministically: Parquet (.parquet) or CSV (.csv)."""
    if path.suffix == ".parquet":
        table = pa.Table.from_pandas(df, preserve_index=False)
        pq.write_table(table, path, compression="zstd")
    else:
        df.to_csv(path, index=False, float_format="%.10g", lineterminator="\n")


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_manifest(folder: Path, info: dict) -> None:
    """Write ``manifest.json`` (last: its presence marks a complete run)."""
    files = {
        p.relative_to(folder).as_posix(): sha256(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }
    info = {
        **info,
        "files": files,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    (folder / "manifest.json").write_text(json.dumps(info, indent=2, default=str) + "\n")
