"""The scenario library: where the bundled scenario files are and what they are called."""

from __future__ import annotations

from pathlib import Path

__all__ = ["library", "library_dir", "scenario_dir"]


INSTALLED = Path(__file__).resolve().parent / "_library"
"""Where an installed wheel keeps the library (``pyproject.toml``, force-include)."""

CHECKOUT = Path(__file__).resolve().parent.parent.parent
"""The repository root when ecosim runs from a checkout (an editable install)."""


def library_dir(kind: str = "scenarios") -> Path:
    """The bundled ``scenarios``, ``experiments`` or ``calibration`` folder."""
    installed = INSTALLED / kind
    return installed if installed.is_dir() else CHECKOUT / kind


def scenario_dir(explicit: Path | None = None) -> Path:
    """The scenario folder: ``explicit``, else ``./scenarios``, else the bundled one."""
    if explicit is not None:
        return explicit
    here = Path("scenarios")
    if here.is_dir():
        return here
    return library_dir("scenarios")


def library(folder: Path | None = None) -> dict[str, Path]:
    """Scenario name (file stem) -> file, sorted by name."""
    return {p.stem: p for p in sorted(scenario_dir(folder).glob("*.yaml"))}
