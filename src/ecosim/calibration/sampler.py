"""pyabc proposes and accepts; the sweep engine simulates; the store remembers.

:func:`make_sampler` builds a ``pyabc.sampler.Sampler``. pyabc gives it ``simulate_one``, a
function that draws a parameter (from the prior or the last generation's kernel, with
numpy's global generator), simulates and judges it. The sampler calls it twice per
proposal, with the generator reseeded from ``SeedSequence(seed, spawn_key=(stage, j))`` both
times: the first call stops at the model (which raises :class:`_Proposed` with the
parameter); the batch of proposals is then simulated through the engine (any number of
workers, or Dask), and the second call finds the result in :class:`SimulationStore`. Particles
are taken in index order, never in order of completion, so the posterior does not depend on
the engine. The store streams every simulation to Parquet; a rerun (``--resume``) reads
them back instead of simulating again, and reproduces the uninterrupted run exactly.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ecosim.experiments.engine import Engine, chunk_size, lazy_chunks

__all__ = [
    "SimulationStore",
    "StoreMismatchError",
    "engine_simulator",
    "make_sampler",
    "run_seed",
]

CHUNK_MAX = 16
"""Largest chunk of runs sent to a worker: a kill loses at most the chunks in flight."""


class StoreMismatchError(Exception):
    """A stored simulation was made for other parameters: the file or the code changed."""


def run_seed(seed: int, stage: int, index: int) -> np.random.SeedSequence:
    """The seed of simulation ``index`` of ``stage`` (the same on every machine)."""
    return np.random.SeedSequence(seed, spawn_key=(stage, index))


def _proposal_state(seed: int, stage: int, index: int) -> np.ndarray:
    """The state numpy's global generator takes before proposal ``index`` of ``stage``."""
    return np.random.SeedSequence(seed, spawn_key=(stage, index, 0)).generate_state(4)


class SimulationStore:
    """Every simulation of a calibration, keyed by (stage, index), streamed to Parquet."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._rows: dict[tuple[int, int], dict[str, float]] = {}
        self._parts = 0
        for part in sorted(self.folder.glob("part-*.parquet")):
            self._parts += 1
            for row in pd.read_parquet(part).to_dict("records"):
                self._rows[(int(row.pop("stage")), int(row.pop("index")))] = row

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, stage: int, index: int) -> dict[str, float] | None:
        """The stored row (parameters ``par:*`` and targets) or None."""
        return self._rows.get((stage, index))

    def add(self, rows: list[tuple[int, int, dict[str, float]]]) -> None:
        """Store rows at once (one Parquet part, written under a temporary name, renamed)."""
        if not rows:
            return
        frame = pd.DataFrame([{"stage": s, "index": j, **r} for s, j, r in rows])
        path = self.folder / f"part-{self._parts:06d}.parquet"
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, path)
        self._parts += 1
        for s, j, r in rows:
            self._rows[(s, j)] = r


class _Proposed(Exception):  # noqa: N818 - a control signal, not an error
    def __init__(self, parameter: dict[str, float]):
        super().__init__()
        self.parameter = parameter


def _pyabc_model():
    import pyabc

    class StoredModel(pyabc.Model):
        """Stops at the parameter on the first pass; returns the stored result on the second."""

        def __init__(self):
            super().__init__(name="ecosim")
            self.result: dict[str, float] | None = None

        def sample(self, pars):
            if self.result is None:
                raise _Proposed(dict(pars))
            out, self.result = self.result, None
            return out

    return StoredModel()


def make_sampler(
    simulate: Callable[[list[tuple[int, int, dict[str, float]]]], None],
    store: SimulationStore,
    seed: int,
    batch: int,
    targets: list[str],
    progress: Callable[[int], None] | None = None,
):
    """A pyabc sampler over ``simulate`` and ``store``, and the model pyabc must call.

    Args:
        simulate: runs ``[(stage, index, parameter)]`` (through the engine) and puts
            each result in ``store`` as its chunk finishes (:func:`engine_simulator`).
        store: where simulations are kept and found again.
        seed: the calibration's seed.
        batch: proposals simulated together.
        targets: the target codes (the summary statistics).
        progress: called with the number of particles just judged.

    Returns:
        ``(sampler, model)``.
    """
    model = _pyabc_model()

    def judge(simulate_one, stage: int, j: int, proposal: dict[str, float]):
        """The verdict of pyabc on proposal j, its simulation read from the store."""
        row = store.get(stage, j)
        _check_same(row, proposal, stage, j)
        model.result = {k: row[k] for k in targets}
        np.random.set_state(_mt_state(seed, stage, j))
        particle = simulate_one()
        if progress:
            progress(1)
        return particle

    return _sampler_class()(simulate, store, seed, batch, judge), model


def _sampler_class():
    import pyabc

    class BatchSampler(pyabc.sampler.Sampler):
        """Proposals in fixed batches, simulated through the engine, judged in index order."""

        def __init__(self, simulate, store, seed, batch, judge):
            super().__init__()
            self.stage = 0
            self._simulate, self._store, self._seed = simulate, store, seed
            self._batch, self._judge = batch, judge

        def sample_until_n_accepted(
            self, n, simulate_one, t, *, max_eval=np.inf, all_accepted=False, ana_vars=None
        ):
            self.stage += 1
            stage, store = self.stage, self._store
            sample = self._create_empty_sample()
            judged = accepted = start = 0
            while accepted < n and judged < max_eval:
                size = self._batch
                if np.isfinite(max_eval):
                    size = int(min(size, max_eval - start))
                indices = range(start, start + size)
                proposals = {j: _propose(simulate_one, self._seed, stage, j) for j in indices}
                missing = [
                    (stage, j, p) for j, p in proposals.items() if store.get(stage, j) is None
                ]
                if missing:
                    self._simulate(missing)
                for j in indices:
                    particle = self._judge(simulate_one, stage, j, proposals[j])
                    sample.append(particle)
                    judged += 1
                    accepted += bool(particle.accepted)
                    if accepted == n or judged >= max_eval:
                        break
                start += size
            self.nr_evaluations_ = judged
            if sample.n_accepted < n:
                sample.ok = False
            return sample

    return BatchSampler


def _mt_state(seed: int, stage: int, index: int):
    """A Mersenne Twister state for numpy's legacy global generator, from the seed tree."""
    rs = np.random.RandomState(np.random.MT19937(_proposal_state(seed, stage, index)))
    return rs.get_state()


def _propose(simulate_one: Callable[[], Any], seed: int, stage: int, j: int) -> dict[str, float]:
    np.random.set_state(_mt_state(seed, stage, j))
    try:
        simulate_one()
    except _Proposed as stop:
        return {k: float(v) for k, v in stop.parameter.items()}
    raise RuntimeError("pyabc judged a particle before the model was asked")  # pragma: no cover


def _row(parameter: dict[str, float], result: dict[str, float]) -> dict[str, float]:
    return {f"par:{k}": v for k, v in parameter.items()} | dict(result)


def _check_same(row: dict, parameter: dict[str, float], stage: int, j: int) -> None:
    for k, v in parameter.items():
        if row.get(f"par:{k}") != v:
            raise StoreMismatchError(
                f"simulation {j} of stage {stage} was stored for other parameters: the "
                "calibration file or the code changed since it was run; start again "
                "without --resume (or with another --out)"
            )


def engine_simulator(
    engine: Engine,
    fn: Callable[[Any], dict[str, float]],
    payload: Callable[[int, int, dict[str, float]], Any],
    store: SimulationStore,
) -> Callable[[list[tuple[int, int, dict[str, float]]]], None]:
    """``simulate`` for :func:`make_sampler`: runs through ``engine``, each chunk stored."""

    def simulate(runs: list[tuple[int, int, dict[str, float]]]) -> None:
        jobs = ((k, payload(s, j, p)) for k, (s, j, p) in enumerate(runs))
        size = chunk_size(len(runs), engine.workers, CHUNK_MAX)
        for results in engine.map_chunks(fn, lazy_chunks(jobs, size)):
            rows = []
            for k, res in results:
                s, j, p = runs[k]
                rows.append((s, j, _row(p, res)))
            store.add(rows)

    return simulate
