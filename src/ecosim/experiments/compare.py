"""Comparing scenarios with common random numbers.

Every scenario runs with the same replicate seeds (``SeedSequence(seed).spawn(n)``), so
replicate ``i`` of every scenario shares its random stream at the start: differences
between scenarios come from their rules, not from luck. With a posterior sample
(``--posterior``), replicate ``i`` also draws parameter set ``i`` of the posterior
(:mod:`ecosim.experiments.posterior_runs`) and the comparison is run twice: on the
scenarios as given (seeds only) and with the draws (seeds and parameters). All runs of
all scenarios go to the one engine (:func:`ecosim.experiments.replicates.run_jobs`)
together, so the local cores stay busy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ecosim.experiments.posterior_runs import draw_values, with_draw
from ecosim.experiments.replicates import ReplicateResult, collect, replicate_seeds, run_jobs
from ecosim.scenario import Scenario
from ecosim.seeds import DEFAULT_SEED

__all__ = ["DEFAULT_REPLICATES", "Comparison", "run_comparison"]

DEFAULT_REPLICATES = 20
"""Replicates per scenario unless told: the fewest at which the calibration targets are
judged and paired differences are quoted (docs/strategists.md, good practice)."""


@dataclass
class Comparison:
    """Results of several scenarios run on the same seeds; the first is the base.

    Attributes:
        scenarios: the scenarios, base first (names are unique).
        results: replicate results by scenario name.
        replicates: replicates per scenario.
        seed: the base seed.
        with_posterior: the same comparison with replicate ``i`` at posterior draw ``i``
            (None without a posterior).
        draws: the parameter sets of ``with_posterior``, one per replicate.
        posterior_file: where the posterior sample came from.
    """

    scenarios: list[Scenario]
    results: dict[str, ReplicateResult]
    replicates: int
    seed: int
    with_posterior: Comparison | None = None
    draws: list[dict[str, float]] | None = None
    posterior_file: str = ""

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
    replicates: int = DEFAULT_REPLICATES,
    seed: int = DEFAULT_SEED,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    posterior: pd.DataFrame | None = None,
    posterior_file: str = "",
) -> Comparison:
    """Run every scenario ``replicates`` times on the same seeds.

    Args:
        scenarios: the base scenario first, then the others; names must be unique.
        replicates: runs per scenario.
        seed: base seed.
        workers: processes (default: all cores).
        progress: called with the number of runs just finished.
        posterior: a posterior sample (:func:`ecosim.experiments.posterior_runs.load_posterior`);
            then every scenario also runs with replicate ``i`` at draw ``i`` (twice the runs),
            in :attr:`Comparison.with_posterior`.
        posterior_file: the sample's file, for the report.
    """
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise ValueError(f"scenario names must be unique, got {names}")
    seeds = replicate_seeds(seed, replicates)
    draws = draw_values(posterior, replicates, seed) if posterior is not None else None
    worlds = 1 if draws is None else 2
    jobs = []
    for w in range(worlds):
        for scenario in scenarios:
            for i, ss in enumerate(seeds):
                run = with_draw(scenario, scenarios[0], draws[i]) if w else scenario
                jobs.append((len(jobs), run, ss))
    runs = run_jobs(jobs, workers, progress)
    width = len(scenarios) * replicates
    comps = [
        Comparison(
            list(scenarios),
            {
                s.name: collect(runs[w * width + k * replicates :][:replicates], seeds)
                for k, s in enumerate(scenarios)
            },
            replicates,
            seed,
        )
        for w in range(worlds)
    ]
    if draws is not None:
        comps[0].with_posterior, comps[0].draws = comps[1], draws
        comps[0].posterior_file = posterior_file
    return comps[0]
