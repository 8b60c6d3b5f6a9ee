"""A one-call Python API for researchers and for other frameworks.

``ecosim.run`` is a model in the EMA Workbench sense: a function of named parameters that
returns named outcomes. SALib, the EMA Workbench or a notebook can call it directly::

    import ecosim
    out = ecosim.run("scenarios/siloed.yaml", seed=1, **{"trust.gain_rate": 0.08})
    out["approvals"], out["loa_phase1"]

    # keyword style: double underscores stand for the dots
    out = ecosim.run("scenarios/siloed.yaml", seed=1, trust__gain_rate=0.08)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ecosim.experiments.replicates import run_once
from ecosim.scenario import Scenario, load_scenario, scenario_from_dict
from ecosim.scenario.paths import set_path

__all__ = ["run", "with_overrides"]


def with_overrides(scenario: Scenario | str | Path | dict, **overrides: Any) -> Scenario:
    """A validated scenario with ``overrides`` (dotted paths or ``__`` for dots) applied.

    Raises:
        ScenarioError: an unknown path or a value out of range, naming the field.
    """
    if isinstance(scenario, (str, Path)):
        scenario = load_scenario(scenario)
    elif isinstance(scenario, dict):
        scenario = scenario_from_dict(scenario)
    if not overrides:
        return scenario
    data = scenario.model_dump(mode="python")
    for key, value in overrides.items():
        data = set_path(data, key.replace("__", "."), value)
    return scenario_from_dict(data, "<overrides>")


def run(
    scenario: Scenario | str | Path | dict, seed: int = 0, **overrides: Any
) -> dict[str, float]:
    """Run the model once and return the per-run outcomes.

    Args:
        scenario: a Scenario, a scenario file, or a mapping of scenario fields.
        seed: the run's seed (the same seed gives the same outcomes, bit for bit).
        **overrides: parameter values by dotted path (``**{"trust.gain_rate": 0.1}``) or
            with double underscores (``trust__gain_rate=0.1``).

    Returns:
        The per-run outcomes (:data:`ecosim.metrics.RUN_OUTCOMES`), by name.
    """
    _, summary, _ = run_once(with_overrides(scenario, **overrides), seed)
    return summary
