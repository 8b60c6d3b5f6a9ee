"""Loading errors that name the file and the dotted field, never a traceback."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ecosim.scenario.aliases import REMOVED
from ecosim.scenario.hints import RANGE_ERRORS, allowed, field_info, percent_hint

__all__ = ["SHOWN_CHARS", "ScenarioError", "close_names", "describe", "validate_file"]

SHOWN_CHARS = 60
"""Longest rendering of a bad value quoted in a message (characters)."""


CLOSE_NAMES = 3
"""Most names suggested for a mistyped one ("did you mean 'a' or 'b'?")."""
CLOSENESS = 0.6
"""Similarity (``difflib`` ratio) from which a known name is suggested for a mistyped one."""


def close_names(word: str, known: list[str], n: int = CLOSE_NAMES) -> list[str]:
    """The known names closest to a mistyped ``word``, best first (none if none is close)."""
    return difflib.get_close_matches(word, known, n=n, cutoff=CLOSENESS)


class ScenarioError(Exception):
    """A scenario file could not be loaded; the message names file and field."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


def _known_fields(root: type[BaseModel], loc: tuple) -> list[str]:
    model: Any = root
    for part in loc:
        field = model.model_fields.get(part) if isinstance(part, str) else None
        if field is None or not isinstance(field.annotation, type):
            return []
        if not issubclass(field.annotation, BaseModel):
            return []
        model = field.annotation
    return list(model.model_fields)


def describe(
    err: dict,
    origin: dict[str, Path],
    default: Path,
    root: type[BaseModel] | None = None,
    renamed: dict[str, str] | None = None,
) -> str:
    """One line for a pydantic error, with the file and line that set the field.

    The line names the field and the problem, the range and unit the field allows, and a
    likely fix ("0.8 for 80 %").

    Args:
        err: one entry of ``ValidationError.errors()``.
        origin: dotted field -> the file that set it (``extends`` chains).
        default: the file to name when no entry of ``origin`` matches.
        root: the model validated, for "did you mean" hints on unknown fields.
        renamed: current path -> the old name the file used (quoted in the message).
    """
    loc = tuple(err["loc"])
    dotted = ".".join(str(p) for p in loc) or "(top level)"
    label = f"'{dotted}'"
    written = renamed.get(dotted, dotted) if renamed else dotted
    if written != dotted:
        label += f" (written '{written}')"
    # the file that set this field, or the nearest parent field that was set
    where = default
    for i in range(len(loc), 0, -1):
        key = ".".join(str(p) for p in loc[:i])
        if key in origin:
            where = origin[key]
            break
    where_line = f"{where}{_line(where, written)}"
    if err["type"] == "extra_forbidden":
        known = _known_fields(root, loc[:-1]) if root is not None else []
        hint = close_names(str(loc[-1]), known, n=1)
        msg = f"{where_line}: field {label}: unknown field"
        if dotted in REMOVED:
            msg += f" (removed in Model 2.0: {REMOVED[dotted]})"
        elif hint:
            parent = ".".join(str(p) for p in loc[:-1])
            msg += f" (did you mean '{parent + '.' if parent else ''}{hint[0]}'?)"
        return msg
    value = err.get("input")
    shown = repr(value) if not isinstance(value, dict) else "a mapping"
    if len(shown) > SHOWN_CHARS:
        shown = shown[: SHOWN_CHARS - len("...")] + "..."
    info = field_info(root, loc) if root is not None else None
    problem = f"{err['msg']} (got {shown})"
    if info is not None and err["type"] in RANGE_ERRORS and allowed(info):
        problem = f"{shown} is out of range; {allowed(info)}"
    elif info is not None and allowed(info):
        problem += f"; {allowed(info)}"
    fix = percent_hint(info, value)
    return f"{where_line}: field {label}: {problem}" + (f"; {fix}" if fix else "")


def _line(path: Path, dotted: str) -> str:
    """``:N`` for the line of ``path`` that sets ``dotted`` (or its nearest parent)."""
    from ecosim.scenario.yaml_safety import key_lines

    if not path.is_file():
        return ""
    lines = key_lines(path)
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        line = lines.get(".".join(parts[:i]))
        if line is not None:
            return f":{line}"
    return ""


def validate_file(path: Path, data: dict[str, Any], model: type[BaseModel]) -> Any:
    """``data`` (read from ``path``) validated as ``model``; errors name the file and field.

    Raises:
        ScenarioError: every problem, one line each (experiment and calibration files).
    """
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        origin = {k: path for k in data}
        raise ScenarioError([describe(e, origin, path, model) for e in exc.errors()]) from None
