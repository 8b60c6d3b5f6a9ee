"""ABC-SMC calibration: priors, the implausibility distance, and the run of pyabc's ABCSMC.

The distance between a run's targets s and the observed figures o is

    d = sqrt( mean_k ((s_k - o_k) / sqrt(tol_k^2 + noise_k^2))^2 )

where tol_k is how far off counts as a miss and noise_k the model's own run-to-run standard
deviation of target k at the base scenario (measured first, on ``noise_replicates`` runs).
A distance of 1 means a typical target is one miss away. It is the implausibility measure
of history matching (Craig et al. 1997; Vernon et al. 2010) averaged over targets; ABC then
keeps the parameters whose runs come close (Beaumont et al. 2009; pyabc: Schälte et al.
2022). A target a run does not produce (no late-stage deal, no approval) counts
``missing_penalty`` misses.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ecosim.calibration.posterior import posterior_draws
from ecosim.calibration.sampler import (
    SimulationStore,
    engine_simulator,
    make_sampler,
    run_seed,
)
from ecosim.calibration.spec import Calibration, Parameter
from ecosim.experiments.design import point_scenario
from ecosim.experiments.engine import Engine
from ecosim.experiments.replicates import run_once
from ecosim.experiments.storage import OutputError
from ecosim.scenario import Scenario

__all__ = ["CalibrationRun", "prior_sd", "run_calibration", "simulate_targets"]

NOISE_STAGE = 0
"""Stage of the runs that measure each target's noise (pyabc's calls are stages 1, 2, ...)."""

PREDICTIVE_STAGE = 2**31 - 1
"""Stage of the posterior predictive runs (a seed word; pyabc's stages never reach it),
so that a calibration resumed with a larger budget never mistakes a stored predictive run
for a proposal, or back."""


def simulate_targets(payload: tuple) -> dict[str, float]:
    """One particle: every scenario the targets need, with the parameters, one seed."""
    scenarios, targets, values, seed = payload
    out: dict[str, float] = {}
    for key, scenario in scenarios.items():
        wanted = [(code, outcome) for code, where, outcome in targets if where == key]
        if not wanted:
            continue
        res = run_once(point_scenario(scenario, pd.Series(values, dtype=object)), seed, False)
        for code, outcome in wanted:
            out[code] = float(res.summary[outcome])
    return out


def _names(cal: Calibration) -> dict[str, str]:
    """The names pyabc gives the parameters (p0, p1, ...), by dotted path."""
    return {f"p{i}": p.path for i, p in enumerate(cal.parameters)}


def _rv(p: Parameter):
    import pyabc

    low, high = p.range
    if p.prior.distribution == "uniform":
        return pyabc.RV("uniform", low, high - low)
    a, b = (low - p.prior.mean) / p.prior.sd, (high - p.prior.mean) / p.prior.sd
    return pyabc.RV("truncnorm", a, b, p.prior.mean, p.prior.sd)


def prior_sd(p: Parameter) -> float:
    """The prior's standard deviation (the parameter's unit)."""
    from scipy import stats

    low, high = p.range
    if p.prior.distribution == "uniform":
        return (high - low) / math.sqrt(12)
    a, b = (low - p.prior.mean) / p.prior.sd, (high - p.prior.mean) / p.prior.sd
    return float(stats.truncnorm(a, b, p.prior.mean, p.prior.sd).std())


def _distance(cal: Calibration, noise: dict[str, float]) -> Callable[[dict, dict], float]:
    scales = {t.code: math.hypot(t.scale, noise.get(t.code, 0.0)) for t in cal.targets}
    penalty = cal.method.missing_penalty

    def distance(x: dict, x0: dict) -> float:
        total = 0.0
        for code, scale in scales.items():
            z = (x[code] - x0[code]) / scale
            total += penalty**2 if not math.isfinite(z) else z * z
        return math.sqrt(total / len(scales))

    return distance


@dataclass
class CalibrationRun:
    """What a calibration produced, for :mod:`ecosim.calibration.results`."""

    calibration: Calibration
    populations: pd.DataFrame
    """Every generation: ``generation``, the parameters by path, ``weight``, ``distance``."""
    generations: pd.DataFrame
    """Per generation: epsilon, particles, particles judged, acceptance rate."""
    noise: dict[str, float]
    simulations: int
    """Every simulation run (noise runs, the prior sample that sets the first threshold,
    every particle judged and the rest of its batch)."""
    predictive: pd.DataFrame
    """Posterior predictive runs: ``draw``, the parameters by path, the targets."""

    @property
    def posterior(self) -> pd.DataFrame:
        """The last generation (weights sum to 1)."""
        last = self.populations[self.populations["generation"] == self.populations.generation.max()]
        return last.reset_index(drop=True)


STOPPING_RULES = {"generations", "max_simulations", "min_epsilon", "predictive"}
"""Method fields that decide when sampling stops, not what is simulated before: a
calibration resumed with another budget reuses every stored simulation (a longer run
continues where the shorter stopped; a shorter one finishes at its last generation)."""


def fingerprint(cal: Calibration, scenarios: dict[str, Scenario] | None) -> str:
    """A hash of everything that determines the simulations (for ``--resume``)."""
    blob = json.dumps(
        {
            "calibration": cal.model_dump(mode="json", exclude={"method": STOPPING_RULES}),
            "scenarios": {k: s.model_dump(mode="json") for k, s in (scenarios or {}).items()},
        },
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _open_store(folder: Path, key: str, resume: bool) -> SimulationStore:
    folder = Path(folder)
    stamp = folder / "sims" / "fingerprint.txt"
    if folder.exists() and any(folder.iterdir()):
        if not resume:
            raise OutputError(
                f"{folder}: output folder already exists and is not empty "
                "(--resume completes an interrupted calibration)"
            )
        if not stamp.exists() or stamp.read_text().strip() != key:
            raise OutputError(
                f"{folder}: holds another calibration (other file, scenarios or version); "
                "use another --out"
            )
    store = SimulationStore(folder / "sims")
    stamp.write_text(key + "\n")
    return store


def run_calibration(
    cal: Calibration,
    scenarios: dict[str, Scenario] | None,
    folder: Path,
    engine: Engine,
    resume: bool = False,
    progress: Callable[[int], None] | None = None,
    fn: Callable[[Any], dict[str, float]] = simulate_targets,
) -> CalibrationRun:
    """Run (or complete) an ABC-SMC calibration into ``folder``.

    Args:
        cal: the calibration (parameters with ranges: :func:`load_calibration`).
        scenarios: the base and target scenarios by key (None for a test model ``fn``).
        folder: where the simulations, pyabc's database and the results go.
        engine: where runs go (local pool or Dask).
        resume: complete a calibration already in ``folder``.
        progress: called with the number of particles just judged.
        fn: the model, ``fn((scenarios, targets, values, seed)) -> {code: value}``.

    Raises:
        OutputError: the folder holds another calibration, or one without ``resume``.
    """
    _quiet_pyabc()
    folder = Path(folder)
    store = _open_store(folder, fingerprint(cal, scenarios), resume)
    names = _names(cal)
    targets = [(t.code, t.scenario or "base", t.outcome) for t in cal.targets]

    def payload(stage: int, j: int, par: dict[str, float]):
        values = {names[k]: v for k, v in par.items()}
        return (scenarios, targets, values, run_seed(cal.seed, stage, j))

    simulate = engine_simulator(engine, fn, payload, store)
    noise = _measure_noise(cal, store, simulate)
    sampler, model = make_sampler(
        simulate, store, cal.seed, cal.method.batch, [t.code for t in cal.targets], progress
    )
    abc = _abc_smc(cal, names, noise, sampler, model)
    db = folder / "pyabc.db"
    db.unlink(missing_ok=True)  # rerun from the start against the stored simulations
    abc.new(f"sqlite:///{db}", {t.code: t.value for t in cal.targets})
    history = abc.run(
        minimum_epsilon=cal.method.min_epsilon,
        max_nr_populations=cal.method.generations,
        max_total_nr_simulations=cal.method.max_simulations,
    )
    populations, generations = _read_history(history, names)
    simulations = len(store)
    last = populations[populations["generation"] == populations["generation"].max()]
    predictive = _predict(cal, last, names, store, simulate, PREDICTIVE_STAGE)
    return CalibrationRun(cal, populations, generations, noise, simulations, predictive)


def _predict(cal, posterior, names, store, simulate, stage: int) -> pd.DataFrame:
    """Fresh runs at ``method.predictive`` draws from the posterior, each with its own seed."""
    if cal.method.predictive == 0:
        return pd.DataFrame()
    draws = posterior_draws(posterior, cal.method.predictive, cal.seed)
    paths = {path: name for name, path in names.items()}
    runs = [
        (stage, j, {paths[p.path]: float(row[p.path]) for p in cal.parameters})
        for j, (_, row) in enumerate(draws.iterrows())
    ]
    missing = [r for r in runs if not _stored_for(store.get(r[0], r[1]), r[2])]
    if missing:
        simulate(missing)
    codes = [t.code for t in cal.targets]
    rows = []
    for j, (_, row) in enumerate(draws.iterrows()):
        stored = store.get(stage, j)
        rows.append(
            {"draw": j}
            | {p.path: row[p.path] for p in cal.parameters}
            | {c: stored[c] for c in codes}
        )
    return pd.DataFrame(rows)


def _stored_for(row: dict | None, parameter: dict[str, float]) -> bool:
    """A stored run was made at ``parameter`` (a resume with another budget draws others)."""
    return row is not None and all(row.get(f"par:{k}") == v for k, v in parameter.items())


def _quiet_pyabc() -> None:
    """Silence the INFO log pyabc writes every generation (the command shows progress)."""
    for name in ("ABC", "Epsilon", "Data_plot", "History", "Distance", "Acceptor", "pyabc"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _abc_smc(cal: Calibration, names: dict[str, str], noise: dict[str, float], sampler, model):
    """The ABCSMC of pyabc: the priors, the implausibility distance, a quantile threshold."""
    import pyabc

    prior = pyabc.Distribution(**{k: _rv(p) for k, p in zip(names, cal.parameters, strict=True)})
    return pyabc.ABCSMC(
        model,
        prior,
        pyabc.distance.FunctionDistance(_distance(cal, noise)),
        population_size=cal.method.population,
        sampler=sampler,
        eps=pyabc.epsilon.QuantileEpsilon(alpha=cal.method.quantile),
    )


def _measure_noise(cal: Calibration, store: SimulationStore, simulate) -> dict[str, float]:
    """Each target's run-to-run standard deviation at the base (0 without noise runs)."""
    n = cal.method.noise_replicates
    if n < 2:
        return {}
    missing = [(NOISE_STAGE, j, {}) for j in range(n) if store.get(NOISE_STAGE, j) is None]
    if missing:
        simulate(missing)
    rows = pd.DataFrame([store.get(NOISE_STAGE, j) for j in range(n)])
    return {t.code: float(np.nan_to_num(rows[t.code].std(ddof=1))) for t in cal.targets}


def _read_history(history, names: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = []
    for t in range(history.max_t + 1):
        particles = history.get_population(t=t).particles
        total = sum(p.weight for p in particles)
        for p in particles:
            row = {"generation": t} | {names[k]: float(v) for k, v in p.parameter.items()}
            rows.append(row | {"weight": p.weight / total, "distance": p.distance})
    pops = history.get_all_populations()
    pops = pops[pops["t"] >= 0]
    gens = pd.DataFrame(
        {
            "generation": pops["t"].astype(int).to_numpy(),
            "epsilon": pops["epsilon"].to_numpy(),
            "particles": pops["particles"].astype(int).to_numpy(),
            "judged": pops["samples"].astype(int).to_numpy(),
        }
    )
    gens["acceptance_rate"] = gens["particles"] / gens["judged"]
    return pd.DataFrame(rows), gens
