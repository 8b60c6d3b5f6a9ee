"""The scenario library: where the bundled scenario files are and what they are called."""

from __future__ import annotations

from pathlib import Path

__all__ = ["library", "scenario_dir"]


def scenario_dir(explicit: Path | None = None) -> Path:
    """The scenario folder: ``explicit``, else ``./scenarios``, else the bundled one."""
    if explicit is not None:
        return explicit
    here = Path("scenarios")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parent.parent.parent / "scenarios"


def library(folder: Path | None = None) -> dict[str, Path]:
    """Scenario name (file stem) -> file, sorted by name."""
    return {p.stem: p for p in sorted(scenario_dir(folder).glob("*.yaml"))}
