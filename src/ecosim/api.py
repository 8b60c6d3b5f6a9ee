"""A one-call Python API for researchers and for other frameworks.

``ecosim.run`` is a model in the EMA Workbench sense: a function of named parameters that
returns named outcomes. SALib, the EMA Workbench or a notebook can call it directly::

    import ecosim
    out = ecosim.run("scenarios/siloed.yaml", seed=1, **{"trust.gain_rate": 0.08})
    out["approvals"], out["loa_phase1"]

    # keyword style: double underscores stand for the dots
    out = ecosim.run("scenarios/siloed.yaml", seed=1, trust__gain_rate=0.08)

``ecosim.compare`` is ``ecosim compare`` in one call, with or without a posterior sample::

    comp = ecosim.compare("scenarios/siloed.yaml", "scenarios/collective_impact.yaml",
                          replicates=20, seed=2026, posterior="scenarios/siloed-posterior.parquet")
    comp.summary()              # one row per run (seeds only)
    comp.with_posterior.summary()  # the same runs, replicate i at posterior draw i
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ecosim.experiments.compare import DEFAULT_REPLICATES, Comparison, run_comparison
from ecosim.experiments.posterior_runs import checked_posterior, load_posterior
from ecosim.experiments.replicates import run_once
from ecosim.scenario.overrides import ScenarioLike, with_overrides
from ecosim.seeds import DEFAULT_SEED, SeedLike

__all__ = ["compare", "run", "with_overrides"]


def run(
    scenario: ScenarioLike, seed: SeedLike = DEFAULT_SEED, steps: bool = False, **overrides: Any
) -> dict[str, float] | tuple[dict[str, float], pd.DataFrame]:
    """Run the model once and return the per-run outcomes.

    Args:
        scenario: a Scenario, a scenario file, a library name (``"siloed"``) or a mapping
            of scenario fields.
        seed: the run's seed: an integer, a ``SeedSequence``, or what a manifest records
            for a run (``{"entropy": "2026", "spawn_key": [3]}``: run 3 of a sweep or
            comparison with seed 2026); the same seed gives the same outcomes, bit for bit,
            whatever the entry point (:mod:`ecosim.seeds`).
        steps: also return the per-step outcomes (one row per quarter).
        **overrides: parameter values by dotted path (``**{"trust.gain_rate": 0.1}``) or
            with double underscores (``trust__gain_rate=0.1``).

    Returns:
        The per-run outcomes (:data:`ecosim.metrics.RUN_OUTCOMES`), by name; with
        ``steps=True``, the outcomes and the per-step table (``replicate`` 0).
    """
    frame, summary, _ = run_once(with_overrides(scenario, **overrides), seed, entities=False)
    return (summary, frame) if steps else summary


def compare(
    base: ScenarioLike,
    *others: ScenarioLike,
    replicates: int = DEFAULT_REPLICATES,
    seed: int = DEFAULT_SEED,
    posterior: str | Path | pd.DataFrame | None = None,
    workers: int | None = None,
) -> Comparison:
    """Run ``base`` and ``others`` on the same replicate seeds (common random numbers).

    Args:
        base: the scenario the others are compared with (a Scenario, file or mapping).
        *others: the scenarios to compare; names must differ from each other and the base.
        replicates: runs per scenario.
        seed: base seed; replicate ``i`` uses ``SeedSequence(seed).spawn(replicates)[i]``.
        posterior: a posterior sample (a file from ``ecosim calibrate`` or its DataFrame);
            then every scenario also runs with replicate ``i`` at posterior draw ``i``, in
            :attr:`Comparison.with_posterior` (a scenario's own value of a calibrated
            parameter is kept).
        workers: processes (default: all cores).

    Returns:
        The comparison; :func:`ecosim.analysis.comparison.comparison_table` and
        :func:`ecosim.analysis.uncertainty.uncertainty_table` turn it into tables.

    Raises:
        ScenarioError: a bad scenario or posterior file, naming the file and the field.
    """
    scenarios = [with_overrides(s) for s in (base, *others)]
    sample, source = None, ""
    if isinstance(posterior, pd.DataFrame):
        sample, source = checked_posterior(posterior), "<DataFrame>"
    elif posterior is not None:
        sample, source = load_posterior(posterior), str(posterior)
    return run_comparison(
        scenarios, replicates, seed, workers, posterior=sample, posterior_file=source
    )
