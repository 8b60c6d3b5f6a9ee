"""What a rejected value should have been: the field's allowed range, its unit, and fixes.

Pydantic says "Input should be less than or equal to 1 (got 8)". A strategist needs the
range the field allows, the unit it is in, and the likely intended value ("0.8 for 80 %"),
all read from the field's own declaration (:func:`ecosim.parameters.param`).
"""

from __future__ import annotations

import re
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

__all__ = ["PERCENT_LIKE", "allowed", "field_info", "percent_hint"]

RANGE_ERRORS = frozenset({"greater_than", "greater_than_equal", "less_than", "less_than_equal"})
"""Pydantic error types of a number outside its field's bounds."""

PERCENT = 100
"""A percentage's denominator: 80 % is 0.8."""
PERCENT_LIKE = (10, 100)
"""Whole numbers that, where at most 1 is allowed, read as a percentage (80 for 0.8);
below 10 the value may as well be a slip of scale, so no hint is given."""
SHARE_UNITS = ("share", "probability", "fraction")
"""Words of a unit that make a field a share (written 0.8, not 80 %)."""

_PERCENT = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*%\s*$")


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation holds (itself, or in a list, dict or union)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def field_info(root: type[BaseModel], loc: tuple) -> FieldInfo | None:
    """The declaration of the field at ``loc`` (a pydantic error's location), if found."""
    models: list[type[BaseModel]] = [root]
    info: FieldInfo | None = None
    for part in loc:
        if not isinstance(part, str) or not models:
            continue  # a list index or a mapping key: stay in the item's model
        info = next((m.model_fields[part] for m in models if part in m.model_fields), None)
        if info is None:
            return None
        models = _models_in(info.annotation)
    return info


def _bounds(info: FieldInfo) -> dict[str, float]:
    found: dict[str, float] = {}
    for item in info.metadata:  # pydantic keeps Field(ge=0) as an object with a ``ge``
        for name in ("ge", "gt", "le", "lt"):
            bound = getattr(item, name, None)
            if isinstance(bound, (int, float)):
                found[name] = bound
    return found


def _unit(info: FieldInfo) -> str:
    extra = info.json_schema_extra
    return str(extra.get("unit", "")) if isinstance(extra, dict) else ""


def _num(x: float) -> str:
    """A bound as people write it: 10,000,000 not 1e+07, 0.5 not 0.500."""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def allowed(info: FieldInfo) -> str:
    """The field's range and unit in words: "allowed: at least 0 and at most 1 (share)"."""
    b = _bounds(info)
    words = []
    if "ge" in b:
        words.append(f"at least {_num(b['ge'])}")
    elif "gt" in b:
        words.append(f"more than {_num(b['gt'])}")
    if "le" in b:
        words.append(f"at most {_num(b['le'])}")
    elif "lt" in b:
        words.append(f"less than {_num(b['lt'])}")
    unit = _unit(info)
    text = f"allowed: {' and '.join(words)}" if words else ""
    if unit:
        text += f" ({unit})" if text else f"unit: {unit}"
    return text


def percent_hint(info: FieldInfo | None, value: Any) -> str:
    """A fix for a share written as a percentage ("80%" or 80 where at most 1 is allowed)."""
    b = _bounds(info) if info is not None else {}
    top = b.get("le", b.get("lt"))
    unit = _unit(info) if info is not None else ""
    share = (top is not None and top <= 1) or any(w in unit for w in SHARE_UNITS)
    if isinstance(value, str):
        match = _PERCENT.match(value)
        if match is None:
            return ""
        number = float(match.group(1))
        if share or top is None:
            return f"write {number / PERCENT:g} for {number:g} % (a plain number, no %)"
        return f"write a plain number, without %: {number:g}"
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    low, high = PERCENT_LIKE
    whole = number and low <= value <= high and float(value).is_integer()
    if whole and share and top is not None and top <= 1:
        return f"did you mean {value / PERCENT:g} for {value:g} %?"
    return ""
