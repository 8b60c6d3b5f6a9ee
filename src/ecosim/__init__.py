"""ecosim: agent-based simulation of precision-medicine partnership ecosystems.

Public API::

    import ecosim
    ecosim.run("scenarios/siloed.yaml", seed=1, trust__gain_rate=0.08)  # one run's outcomes

    from ecosim import load_scenario, run_replicates
    result = run_replicates(load_scenario("scenarios/siloed.yaml"), replicates=20, seed=2026)
    result.summary  # one row per replicate, the calibration metrics among the columns

    comp = ecosim.compare("scenarios/siloed.yaml", "scenarios/collective_impact.yaml",
                          replicates=20, seed=2026, posterior="scenarios/siloed-posterior.parquet")
"""

from ecosim.api import compare, run, with_overrides
from ecosim.experiments.replicates import ReplicateResult, RunResult, run_once, run_replicates
from ecosim.experiments.sweep_store import SweepData, read_sweep
from ecosim.model import EcosystemModel
from ecosim.scenario import Scenario, ScenarioError, load_scenario

__all__ = [
    "EcosystemModel",
    "ReplicateResult",
    "RunResult",
    "Scenario",
    "SweepData",
    "ScenarioError",
    "__version__",
    "compare",
    "load_scenario",
    "read_sweep",
    "run",
    "run_once",
    "run_replicates",
    "with_overrides",
]

__version__ = "0.1.0"
