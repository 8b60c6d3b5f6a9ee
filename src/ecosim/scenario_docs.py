"""Scenario documentation generated from the schema: commented YAML and parameter tables.

Both walk :class:`~ecosim.scenario.Scenario` and read each field's description, unit and
source (or stated assumption) from its declaration (:func:`ecosim.parameters.param`), so
the bundled baseline file and ``docs/model.md`` can never drift from the code.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ecosim.parameters import INHERIT
from ecosim.scenario import Scenario

__all__ = ["commented_yaml", "leaf_paths", "parameter_rows", "parameter_table", "siloed_yaml"]

_SKIP = {"name", "description", "extends"}


def _basis(field: FieldInfo, inherited: str = "") -> str:
    """The "Source: ..." or "Assumption: ..." note of a field (its section's if INHERIT)."""
    extra = field.json_schema_extra or {}
    source, assumption = extra.get("source"), extra.get("assumption")
    if source == INHERIT or assumption == INHERIT:
        return inherited
    if source:
        return f"Source: {source}"
    if assumption:
        return f"Assumption: {assumption}"
    return ""


def _unit(field: FieldInfo) -> str:
    return (field.json_schema_extra or {}).get("unit", "")


def _scalar(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, float) and value.is_integer() and abs(value) > 1:
        return f"{value:.0f}"
    return str(value)


def parameter_rows(
    model: BaseModel | None = None, prefix: str = "", inherited: str = ""
) -> Iterator[tuple[str, str, str, str, str]]:
    """Yield (dotted name, meaning, unit, default, source or assumption) for every leaf."""
    model = model if model is not None else Scenario()
    for name, field in type(model).model_fields.items():
        if name in _SKIP:
            continue
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            basis = _basis(field, inherited)
            yield from parameter_rows(value, f"{prefix}{name}.", basis)
        else:
            desc = field.description or ""
            yield f"{prefix}{name}", desc, _unit(field), _scalar(value), _basis(field, inherited)


def leaf_paths() -> list[str]:
    """Dotted path of every parameter of the schema."""
    return [row[0] for row in parameter_rows()]


def _type_and_range(path: str) -> tuple[str, str]:
    """A parameter's type and allowed range, for the table."""
    from ecosim.scenario.paths import field_info

    info = field_info(path)
    ann = info.annotation
    if isinstance(ann, type) and issubclass(ann, Enum):
        return "choice", ", ".join(e.value for e in ann)
    if ann is bool:
        return "bool", "true, false"
    if typing.get_origin(ann) is tuple:
        return "pair", "[low, high] in [0, 1]"
    low = high = ""
    for m in info.metadata:
        for attr, side in (("ge", "["), ("gt", "("), ("le", "]"), ("lt", ")")):
            value = getattr(m, attr, None)
            if value is not None:
                if side in "[(":
                    low = f"{side}{_scalar(value)}"
                else:
                    high = f"{_scalar(value)}{side}"
    return ann.__name__, f"{low}, {high}" if low and high else ""


def parameter_table() -> str:
    """Markdown table of every parameter: meaning, type, range, unit, default, source."""
    lines = [
        "| parameter | meaning | type | range | unit | default | source or assumption |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, desc, unit, default, basis in parameter_rows():
        kind, allowed = _type_and_range(name)
        lines.append(f"| `{name}` | {desc} | {kind} | {allowed} | {unit} | {default} | {basis} |")
    return "\n".join(lines)


def commented_yaml(scenario: Scenario, header: str = "") -> str:
    """The scenario as YAML with each parameter's meaning, unit and source as comments."""
    out = [header.rstrip()] if header else []
    out.append(f"name: {scenario.name}")
    if scenario.description:
        out.append(f"description: {scenario.description!r}")
    if scenario.extends:
        out.append(f"extends: {scenario.extends}")

    def walk(model: BaseModel, indent: int, inherited: str) -> None:
        pad = "  " * indent
        for name, field in type(model).model_fields.items():
            if name in _SKIP:
                continue
            value = getattr(model, name)
            desc, unit, basis = field.description or "", _unit(field), _basis(field, inherited)
            if isinstance(value, BaseModel):
                if indent == 0:
                    out.append("")
                note = desc + (f" {basis}" if basis else "")
                if note.strip():
                    out.append(f"{pad}# {note.strip()}")
                out.append(f"{pad}{name}:")
                walk(value, indent + 1, basis)
            else:
                shown = "" if basis == inherited and indent > 1 else basis
                note = desc + (f" [{unit}]" if unit else "") + (f" {shown}" if shown else "")
                out.append(f"{pad}{name}: {_scalar(value)}  # {note.strip()}")

    walk(scenario, 0, "")
    return "\n".join(out) + "\n"


SILOED_HEADER = """\
# Siloed baseline: the calibrated reference ecosystem.
#
# Each organisation tackles one piece at a time: no common agenda, no shared data
# platform, partners chosen with little regard to comparative advantage, no continuous
# communication and no backbone organisation (all five collective-impact conditions at
# 0). Exclusive IP, cost-effectiveness-threshold reimbursement with a reimbursed
# companion test.
#
# With these values the mean of 20 or more replicates reproduces the published figures
# C1-C13 (docs/calibration.md). Every value below equals the schema default, and every
# parameter of the schema is listed, so that a copy shows everything there is to change.
# Each comment gives the meaning, the unit in brackets and the source of the value, or
# the assumption behind it and what would inform it. Generated by tools/write_siloed.py.
"""


def siloed_yaml() -> str:
    """The text of ``scenarios/siloed.yaml``: every parameter at its default, commented."""
    scenario = Scenario(
        name="siloed",
        description="Siloed baseline: all five collective-impact conditions off (calibrated).",
    )
    return commented_yaml(scenario, SILOED_HEADER)
