"""Which source files are model code (shared by the source-code tests)."""

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "ecosim"
NOT_MODEL = ("app", "analysis", "calibration", "experiments", "cli")
"""Layers that run, analyse or show the model; everything else is model code."""


def modules() -> list[Path]:
    """Every Python module of the package."""
    return sorted(SRC.rglob("*.py"))


def rel(path: Path) -> str:
    """A module's path inside the package (``agents/pharma.py``)."""
    return path.relative_to(SRC).as_posix()


def model_modules(exempt: set[str] = frozenset()) -> list[Path]:
    """Model code: every module outside :data:`NOT_MODEL`, less ``exempt``."""
    out = []
    for path in modules():
        name = rel(path)
        if name.split("/")[0].removesuffix(".py") in NOT_MODEL or name in exempt:
            continue
        out.append(path)
    return out
