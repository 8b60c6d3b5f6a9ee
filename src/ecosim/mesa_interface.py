"""What Mesa and other callers of :class:`~ecosim.model.EcosystemModel` rely on.

- **Arguments**: the scenario as a Scenario, file, library name or mapping, overrides as
  keyword arguments (dotted names or ``__`` for the dots), and the seed as ``rng=`` or
  ``seed=`` (:mod:`ecosim.seeds`): ``EcosystemModel("siloed", rng=7)`` is the run
  ``ecosim.run("siloed", seed=7)``.
- **A data collector** of every per-step outcome (:data:`ecosim.outcomes.STEP`), collected
  after each quarter, and ``running`` turning False at the scenario's horizon, so that
  ``mesa.batch_run`` works.
- **One BLAS thread while stepping**: the quarter's small dense products run far slower
  when OpenBLAS starts a thread per core in every process (measured 3-5x under load), so a
  run's speed does not depend on its caller's environment.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import mesa
import numpy as np

from ecosim.outcomes import STEP
from ecosim.scenario.overrides import ScenarioLike, with_overrides
from ecosim.scenario.schema import Scenario
from ecosim.seeds import SeedLike, generator

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["model_arguments", "one_blas_thread", "step_collector"]

_CONTROLLER = None


def model_arguments(
    params: ScenarioLike | None,
    rng: SeedLike | np.random.Generator | None,
    seed: SeedLike | None,
    overrides: Mapping[str, Any],
) -> tuple[Scenario, np.random.Generator]:
    """The scenario and the generator of a model built with these arguments.

    Raises:
        ValueError: both ``rng`` and ``seed`` given.
        ScenarioError: a bad scenario or override, naming the field.
    """
    if rng is not None and seed is not None:
        raise ValueError("give the seed as rng= or seed=, not both")
    scenario = with_overrides(Scenario() if params is None else params, **overrides)
    return scenario, generator(rng if seed is None else seed)


def step_collector(model: EcosystemModel) -> mesa.DataCollector:
    """A Mesa data collector of the last recorded value of every per-step outcome."""

    def last(name: str):
        def report(m: EcosystemModel) -> float:
            values = m.recorder.rows[name]
            return values[-1] if values else math.nan

        return report

    return mesa.DataCollector(model_reporters={name: last(name) for name in STEP})


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Limit BLAS libraries to one thread for the duration (threadpoolctl)."""
    global _CONTROLLER
    if _CONTROLLER is None:
        from threadpoolctl import ThreadpoolController

        _CONTROLLER = ThreadpoolController()
    with _CONTROLLER.limit(limits=1, user_api="blas"):
        yield
