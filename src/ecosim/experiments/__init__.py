"""Running the model: replicates with independent seeds, on one or more processes."""

from ecosim.experiments.replicates import ReplicateResult, RunResult, run_once, run_replicates

__all__ = ["ReplicateResult", "RunResult", "run_once", "run_replicates"]
