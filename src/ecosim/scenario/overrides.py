"""A scenario from whatever a caller holds, with parameter overrides applied.

Every entry point (``ecosim.run``, ``ecosim.compare``, ``EcosystemModel`` from Mesa) accepts
a :class:`~ecosim.scenario.Scenario`, a scenario file, a mapping of scenario fields, or the
name of a scenario in the library (``"siloed"``), and overrides by dotted path
(``**{"trust.gain_rate": 0.08}``) or with double underscores for the dots
(``trust__gain_rate=0.08``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ecosim.scenario.errors import ScenarioError
from ecosim.scenario.loading import load_scenario, scenario_from_dict
from ecosim.scenario.paths import set_path
from ecosim.scenario.schema import Scenario

__all__ = ["ScenarioLike", "resolve_scenario", "with_overrides"]

ScenarioLike = Scenario | str | Path | Mapping[str, Any]
"""A Scenario, a scenario file, a library name, or a mapping of scenario fields."""


def resolve_scenario(scenario: ScenarioLike) -> Scenario:
    """The validated scenario ``scenario`` stands for.

    Raises:
        ScenarioError: a missing file or unknown name, or an invalid scenario, naming the
            file and the field.
    """
    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, Mapping):
        return scenario_from_dict(dict(scenario))
    if isinstance(scenario, (str, Path)):
        return load_scenario(scenario)  # a file, or a library name
    raise ScenarioError([f"not a scenario: {type(scenario).__name__} (a Scenario, file or name)"])


def with_overrides(scenario: ScenarioLike, **overrides: Any) -> Scenario:
    """A validated scenario with ``overrides`` (dotted paths or ``__`` for dots) applied.

    Raises:
        ScenarioError: an unknown path or a value out of range, naming the field.
    """
    scenario = resolve_scenario(scenario)
    if not overrides:
        return scenario
    data = scenario.model_dump(mode="python")
    for key, value in overrides.items():
        data = set_path(data, key.replace("__", "."), value)
    return scenario_from_dict(data, "<overrides>")
