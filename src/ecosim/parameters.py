"""How a scenario parameter is declared: one place for type, range, unit and source.

Every value that shapes behaviour is a field of a :class:`Section` declared with
:func:`param`: a default, a unit, a description, bounds (``ge``, ``le``, ...) and either
the ``source`` of the default or an ``assumption`` saying what would inform it. The
JSON Schema (``ecosim schema``), the generated parameter table in ``docs/model.md`` and
the comments of ``scenarios/siloed.yaml`` are all read from these declarations.

This module imports nothing from ecosim, so that the schema, the rule families and the
collective-impact conditions can all declare their sections here without import cycles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["INHERIT", "Section", "param", "section"]

INHERIT = "as given for its section"
"""Source of a field documented once for its whole section (phases, sector profiles)."""


class Section(BaseModel):
    """Base of every scenario section: unknown keys are errors, values are checked.

    A section whose class sets ``shorthand`` to one of its fields accepts a single value
    in place of the mapping: ``backbone: 1.0`` means ``backbone: {intensity: 1.0}``.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)

    shorthand: ClassVar[str | None] = None


def param(
    default: Any,
    unit: str,
    description: str,
    *,
    source: str | None = None,
    assumption: str | None = None,
    **bounds: Any,
) -> Any:
    """Declare a scenario parameter.

    Args:
        default: the default value (the calibrated siloed baseline).
        unit: the unit ("" for choices and switches).
        description: what the value means, in one sentence.
        source: where the default comes from (a publication, data set, or the brief).
        assumption: instead of a source, what the default assumes and what evidence
            would inform it.
        **bounds: pydantic constraints (``ge``, ``gt``, ``le``, ``lt``).

    Raises:
        TypeError: neither or both of ``source`` and ``assumption`` given.
    """
    if (source is None) == (assumption is None):
        raise TypeError(f"{description!r}: give exactly one of source and assumption")
    extra = {"unit": unit}
    if source is not None:
        extra["source"] = source
    else:
        extra["assumption"] = assumption
    return Field(default, description=description, json_schema_extra=extra, **bounds)


def section(
    factory: Callable[[], BaseModel],
    description: str,
    *,
    source: str | None = None,
    assumption: str | None = None,
) -> Any:
    """Declare a nested section; ``source``/``assumption`` document fields marked INHERIT."""
    extra: dict[str, str] = {"section": "yes"}
    if source is not None:
        extra["source"] = source
    if assumption is not None:
        extra["assumption"] = assumption
    return Field(default_factory=factory, description=description, json_schema_extra=extra)
