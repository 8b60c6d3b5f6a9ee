"""Shared fixtures: small scenarios that run in a fraction of a second.

Every model built during the tests verifies its invariants after each step
(``ECOSIM_CHECK=1``, inherited by worker processes): a broken invariant fails the test.
"""

import os
from pathlib import Path

import pytest

from ecosim.scenario import Scenario, scenario_from_dict
from tests.app_browser import app_server, app_url, browser  # noqa: F401 (fixtures)

os.environ["ECOSIM_CHECK"] = "1"  # before any model or worker pool exists

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"


def small(**sections) -> Scenario:
    """A small, short scenario; keyword arguments override sections."""
    base = {
        "name": "small",
        "years": 6,
        "population": {
            "pharma": 3,
            "biotech": 8,
            "academia": 4,
            "payers": 2,
            "patient_orgs": 2,
            "care_providers": 6,
            "regions": 2,
            "subtypes": 6,
        },
    }
    for key, value in sections.items():
        base.setdefault(key, {})
        if isinstance(value, dict):
            base[key] = {**base.get(key, {}), **value}
        else:
            base[key] = value
    return scenario_from_dict(base)


@pytest.fixture
def small_scenario() -> Scenario:
    return small()


@pytest.fixture
def scenarios_dir() -> Path:
    return SCENARIOS


TINY_YAML = """\
extends: {base}
name: {name}
years: 4
population:
  pharma: 3
  biotech: 6
  academia: 3
  care_providers: 5
  subtypes: 5
{extra}
"""


def write_tiny(path: Path, name: str, extra: str = "") -> Path:
    """Write a tiny scenario file (4 years, few organisations) extending siloed.yaml."""
    path.write_text(TINY_YAML.format(base=SCENARIOS / "siloed.yaml", name=name, extra=extra))
    return path


def function_experiment(method: str, params: list, **design):
    """An experiment for a model function (no base scenario, outcome ``y``), unvalidated:
    the outcome and paths are the function's, not the scenario schema's."""
    from ecosim.experiments.design import DesignSpec, Experiment

    return Experiment.model_construct(
        name=method,
        description="",
        base="-",
        design=DesignSpec(method=method, **design),
        parameters=params,
        replicates=1,
        seed=0,
        years=None,
        outcomes=["y"],
        step_outcomes=[],
        record_every=0,
    )


ARTIFACTS = ROOT / "test-artifacts"


def write_artifact(name: str, text: str) -> None:
    """Save a figure of a test campaign under test-artifacts/ (quoted in docs/reliability.md)."""
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_text(text)
