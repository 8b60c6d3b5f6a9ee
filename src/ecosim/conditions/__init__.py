"""The five conditions of collective impact (Kania and Kramer 2011), one module each.

``common_agenda``, ``shared_measurement``, ``mutually_reinforcing``,
``continuous_communication`` and ``backbone`` (protocol in
:mod:`ecosim.conditions.base`). :data:`CollectiveImpact` is the scenario section
``collective_impact``, one nested section per condition; :class:`Conditions` holds a
run's conditions, by name.
"""

from __future__ import annotations

from pydantic import create_model

from ecosim.conditions.base import REGISTRY, Condition, ConditionParams
from ecosim.parameters import Section, section

__all__ = ["REGISTRY", "CollectiveImpact", "Condition", "ConditionParams", "Conditions"]


class _CollectiveImpactBase(Section):
    """The five conditions of collective impact (Kania and Kramer 2011), 0 = off, 1 = full."""


CollectiveImpact = create_model(
    "CollectiveImpact",
    __base__=_CollectiveImpactBase,
    __module__=__name__,
    **{
        name: (cls.Params, section(cls.Params, (cls.__doc__ or name).strip()))
        for name, cls in REGISTRY.items()
    },
)
CollectiveImpact.__doc__ = _CollectiveImpactBase.__doc__


class Conditions:
    """The conditions of one run, as attributes named like their sections."""

    def __init__(self, params: Section):
        self.all: list[Condition] = []
        for name, cls in REGISTRY.items():
            condition = cls(getattr(params, name))
            setattr(self, name, condition)
            self.all.append(condition)
        self._transparency = max(c.transparency() for c in self.all)

    def transparency(self) -> float:
        """How visible programmes before the clinic are (the most any condition gives)."""
        return self._transparency
