"""ecosim: agent-based simulation of precision-medicine partnership ecosystems.

Public API::

    from ecosim import load_scenario, EcosystemModel, run_replicates
    scenario = load_scenario("scenarios/siloed.yaml")
    result = run_replicates(scenario, replicates=20, seed=2026)
    result.summary  # one row per replicate, the calibration metrics among the columns
"""

from ecosim.experiments.replicates import ReplicateResult, RunResult, run_once, run_replicates
from ecosim.model import EcosystemModel
from ecosim.scenario import Scenario, ScenarioError, load_scenario

__all__ = [
    "EcosystemModel",
    "ReplicateResult",
    "RunResult",
    "Scenario",
    "ScenarioError",
    "__version__",
    "load_scenario",
    "run_once",
    "run_replicates",
]

__version__ = "0.1.0"
