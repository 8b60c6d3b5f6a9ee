"""What every collective-impact condition has: an intensity and a parameter section.

Each of the five conditions of Kania and Kramer (2011) is one module of this package: a
:class:`Condition` subclass, registered by name, with its own parameter section (a
:class:`ConditionParams` subclass: the ``intensity`` and the sizes of its effects). The
module is the one place that says what the condition does: the mechanisms it acts on
call its methods and never read an intensity themselves.
"""

from __future__ import annotations

from typing import ClassVar

from ecosim.parameters import Section, param
from ecosim.registry import Registry

__all__ = ["REGISTRY", "Condition", "ConditionParams", "register"]

REGISTRY = Registry("collective-impact condition", "ecosim.conditions", default="common_agenda")
register = REGISTRY.register


class ConditionParams(Section):
    """Base of a condition's section; ``backbone: 1.0`` is short for ``{intensity: 1.0}``."""

    shorthand: ClassVar[str | None] = "intensity"

    intensity: float = param(
        0.0,
        "0-1",
        "How fully the condition is in place (0 = off, 1 = full).",
        assumption="a scenario choice (the siloed baseline has every condition off)",
        ge=0,
        le=1,
    )


class Condition:
    """Base of every condition: holds its section and intensity.

    Attributes:
        name: the condition's field in ``collective_impact``.
        Params: its parameter section.
        params: the scenario's values.
        level: the intensity, 0-1.
    """

    name: ClassVar[str]
    Params: ClassVar[type[ConditionParams]] = ConditionParams

    def __init__(self, params: ConditionParams):
        self.params = params
        self.level = params.intensity

    def present(self) -> bool:
        """Whether the condition is in place at all."""
        return self.level > 0

    def transparency(self) -> float:
        """How much the condition shows who works on what before the clinic (0-1)."""
        return 0.0
