"""Dotted paths into a scenario (``trust.gain_rate``): types, values, overrides.

Experiment files, ``ecosim.run(**overrides)``, the app's levers and the calibration name
parameters by dotted path. Old names (:data:`~ecosim.scenario.aliases.RENAMED`) and
shorthand sections (``collective_impact.backbone`` for its intensity) are accepted
everywhere through :func:`canonical`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ecosim.scenario.aliases import canonical_path
from ecosim.scenario.loading import merge
from ecosim.scenario.schema import Scenario

__all__ = [
    "canonical",
    "field_bounds",
    "field_info",
    "field_type",
    "get_path",
    "known_paths",
    "set_path",
]

_SKIP = ("name", "description", "extends")


def canonical(path: str) -> str:
    """The current dotted path of a parameter (renames and shorthand resolved)."""
    return canonical_path(path, Scenario)


def field_info(path: str) -> FieldInfo | None:
    """The declaration (type, bounds, unit, source) of a dotted scenario field, or None."""
    model: Any = Scenario
    parts = canonical(path).split(".")
    for i, part in enumerate(parts):
        fields = getattr(model, "model_fields", {})
        if part not in fields:
            return None
        if i == len(parts) - 1:
            return fields[part]
        model = fields[part].annotation
    return None


def field_bounds(path: str) -> tuple[float | None, float | None]:
    """The closed bounds the schema declares for a field (``ge``/``le``, or ``gt``/``lt``)."""
    info = field_info(path)
    low = high = None
    for m in info.metadata if info is not None else ():
        for name in ("ge", "gt"):
            if getattr(m, name, None) is not None:
                low = float(getattr(m, name))
        for name in ("le", "lt"):
            if getattr(m, name, None) is not None:
                high = float(getattr(m, name))
    return low, high


def field_type(path: str) -> Any:
    """The annotation of a dotted scenario field, or None if it does not exist."""
    info = field_info(path)
    return info.annotation if info is not None else None


def known_paths(model: Any = Scenario, prefix: str = "") -> list[str]:
    """Every leaf parameter's dotted path (current names)."""
    out = []
    for name, field in model.model_fields.items():
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            out += known_paths(ann, f"{prefix}{name}.")
        elif name not in _SKIP:
            out.append(f"{prefix}{name}")
    return out


def set_path(data: dict, path: str, value: Any) -> dict:
    """Scenario data (nested mapping) with ``value`` at dotted ``path``, merged over ``data``."""
    out: dict = {}
    node = out
    parts = canonical(path).split(".")
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value
    return merge(data, out)


def get_path(data: dict, path: str) -> Any:
    """The value at dotted ``path`` in scenario data (a ``model_dump``)."""
    for part in canonical(path).split("."):
        data = data[part]
    return data
