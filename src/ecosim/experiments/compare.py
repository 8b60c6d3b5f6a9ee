"""Comparing scenarios with common random numbers.

Every scenario runs with the same replicate seeds (``SeedSequence(seed).spawn(n)``), so
replicate ``i`` of every scenario shares its random stream at the start: differences
between scenarios come from their rules, not from luck. All runs of all scenarios go to
the one engine (:func:`ecosim.experiments.replicates.run_jobs`) together, so the local
cores stay busy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ecosim.experiments.replicates import ReplicateResult, collect, replicate_seeds, run_jobs
from ecosim.scenario import Scenario

__all__ = ["Comparison", "run_comparison"]


@dataclass
class Comparison:
    """Results of several scenarios run on the same seeds; the first is the base.

    Attributes:
        scenarios: the scenarios, base first (names are unique).
        results: replicate results by scenario name.
        replicates: replicates per scenario.
        seed: the base seed.
    """

    scenarios: list[Scenario]
    results: dict[str, ReplicateResult]
    replicates: int
    seed: int

    @property
    def names(self) -> list[str]:
        """Scenario names, base first."""
        return [s.name for s in self.scenarios]

    @property
    def base(self) -> str:
        """Name of the base scenario."""
        return self.scenarios[0].name

    def steps(self) -> pd.DataFrame:
        """Per-step outcomes of every scenario (wide), with a ``scenario`` column."""
        return self._stacked("steps")

    def summary(self) -> pd.DataFrame:
        """Per-run summaries of every scenario, with a ``scenario`` column."""
        return self._stacked("summary")

    def _stacked(self, attr: str) -> pd.DataFrame:
        frames = []
        for name, res in self.results.items():
            df = getattr(res, attr).copy()
            df.insert(0, "scenario", name)
            frames.append(df)
        return pd.concat(frames, ignore_index=True)


def run_comparison(
    scenarios: list[Scenario],
    replicates: int = 20,
    seed: int = 0,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Comparison:
    """Run every scenario ``replicates`` times on the same seeds.

    Args:
        scenarios: the base scenario first, then the others; names must be unique.
        replicates: runs per scenario.
        seed: base seed.
        workers: processes (default: all cores).
        progress: called with the number of runs just finished.
    """
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise ValueError(f"scenario names must be unique, got {names}")
    seeds = replicate_seeds(seed, replicates)
    jobs = [
        (k * replicates + i, scenario, ss)
        for k, scenario in enumerate(scenarios)
        for i, ss in enumerate(seeds)
    ]
    runs = run_jobs(jobs, workers, progress)
    results = {
        s.name: collect(runs[k * replicates : (k + 1) * replicates], seeds)
        for k, s in enumerate(scenarios)
    }
    return Comparison(list(scenarios), results, replicates, seed)
