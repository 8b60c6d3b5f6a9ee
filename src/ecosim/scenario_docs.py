"""Scenario documentation generated from the schema: commented YAML and parameter tables.

Both walk :class:`~ecosim.scenario.Scenario` and read each field's description, unit and
source from its metadata, so the bundled baseline file and ``docs/model.md`` can never
drift from the code.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ecosim.scenario import Scenario

__all__ = ["commented_yaml", "parameter_rows", "parameter_table"]

_SKIP = {"name", "description", "extends"}


def _meta(field) -> tuple[str, str, str]:
    extra = field.json_schema_extra or {}
    return field.description or "", extra.get("unit", ""), extra.get("source", "")


def _scalar(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1000:
        return f"{value:.0f}"
    return str(value)


def parameter_rows(
    model: BaseModel | None = None, prefix: str = ""
) -> Iterator[tuple[str, str, str, str, str]]:
    """Yield (dotted name, meaning, unit, default, source) for every leaf parameter."""
    model = model if model is not None else Scenario()
    for name, field in type(model).model_fields.items():
        if name in _SKIP:
            continue
        value = getattr(model, name)
        desc, unit, source = _meta(field)
        if isinstance(value, BaseModel):
            yield from parameter_rows(value, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", desc, unit, _scalar(value), source


def parameter_table() -> str:
    """Markdown table of every parameter with meaning, unit, default and source."""
    lines = ["| parameter | meaning | unit | default | source |", "|---|---|---|---|---|"]
    for name, desc, unit, default, source in parameter_rows():
        lines.append(f"| `{name}` | {desc} | {unit} | {default} | {source} |")
    return "\n".join(lines)


def commented_yaml(scenario: Scenario, header: str = "") -> str:
    """The scenario as YAML with each parameter's meaning, unit and source as comments."""
    out = [header.rstrip()] if header else []
    out.append(f"name: {scenario.name}")
    if scenario.description:
        out.append(f"description: {scenario.description!r}")
    if scenario.extends:
        out.append(f"extends: {scenario.extends}")

    def walk(model: BaseModel, indent: int) -> None:
        pad = "  " * indent
        for name, field in type(model).model_fields.items():
            if name in _SKIP:
                continue
            value = getattr(model, name)
            desc, unit, source = _meta(field)
            note = desc + (f" [{unit}]" if unit else "") + (f" Source: {source}" if source else "")
            if isinstance(value, BaseModel):
                if indent == 0:
                    out.append("")
                if note.strip():
                    out.append(f"{pad}# {note.strip()}")
                out.append(f"{pad}{name}:")
                walk(value, indent + 1)
            else:
                out.append(f"{pad}{name}: {_scalar(value)}  # {note.strip()}")

    walk(scenario, 0)
    return "\n".join(out) + "\n"
