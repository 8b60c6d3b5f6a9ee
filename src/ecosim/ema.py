"""A ready EMA Workbench model of ecosim (the optional ``ema`` extra: ``ema_workbench``).

::

    from ema_workbench import MultiprocessingEvaluator, perform_experiments
    import ecosim.ema

    model = ecosim.ema.model("scenarios/siloed.yaml",
                             uncertainties=["trust.gain_rate", "collective_impact.backbone"],
                             replications=5, seed=2026)
    with MultiprocessingEvaluator(model, n_processes=2) as evaluator:
        experiments, outcomes = perform_experiments(model, 64, evaluator=evaluator)

- **Seeds.** Replication ``i`` of every experiment runs with seed
  ``SeedSequence(seed).spawn(replications)[i]``, as replicate ``i`` of a sweep point does
  (common random numbers across experiments; distinct seeds across replications). A
  single-replication model runs every experiment with replication 0's seed.
- **Outcomes** are declared from the outcome registry (:data:`ecosim.outcomes.RUN`), with
  their direction (``MAXIMIZE``, ``MINIMIZE`` or ``INFO``) and, under replications, the mean
  over replications (``function=np.mean``).
- **Uncertainties** are dotted scenario paths, named with ``__`` for the dots (the Workbench
  passes them as keyword arguments): a range from the schema or the one given, the
  categories of an enumerated or boolean field.
- **Picklable**: the function is a module-level class holding the scenario, so the model
  works with the ``MultiprocessingEvaluator`` under spawn and forkserver.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ecosim.experiments.replicates import replicate_seeds, run_once
from ecosim.outcomes import RUN
from ecosim.scenario.errors import ScenarioError
from ecosim.scenario.overrides import ScenarioLike, resolve_scenario, with_overrides
from ecosim.scenario.paths import canonical, field_bounds, field_type, known_paths
from ecosim.seeds import DEFAULT_SEED, seed_record

try:
    import ema_workbench as ew
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("ecosim.ema needs the EMA Workbench: pip install 'ecosim[ema]'") from exc

__all__ = ["DEFAULT_OUTCOMES", "EcosimFunction", "model", "outcome", "uncertainty"]

DEFAULT_OUTCOMES = ("approvals", "loa_phase1", "patients_matched", "qalys", "rd_spend_busd")
"""Outcomes of a model built without a list: development, patients, money."""

Uncertainties = Mapping[str, Sequence[Any]] | Sequence[str]


class EcosimFunction:
    """One ecosim run as the Workbench calls it: ``f(seed=..., **parameters) -> outcomes``."""

    def __init__(self, scenario: ScenarioLike, outcomes: Sequence[str], seed: Any):
        self.scenario = resolve_scenario(scenario)
        self.outcomes = list(outcomes)
        self.seed = seed

    def __call__(self, seed: Any = None, **parameters: Any) -> dict[str, float]:
        """Run with ``parameters`` (``__`` for dots) and ``seed`` (default: the model's)."""
        scenario = with_overrides(self.scenario, **parameters)
        _, summary, _ = run_once(scenario, self.seed if seed is None else seed, entities=False)
        return {name: summary[name] for name in self.outcomes}


def uncertainty(path: str, values: Sequence[Any] | None = None) -> ew.RealParameter:
    """The Workbench parameter for a dotted scenario path (named with ``__`` for dots).

    Args:
        path: a scenario field.
        values: ``(low, high)`` for a number (default: the schema's bounds), or the
            categories of a categorical field (default: every allowed value).

    Raises:
        ScenarioError: an unknown path, or a number without bounds and no range.
    """
    path = canonical(path)
    if path not in known_paths():
        raise ScenarioError([f"uncertainty '{path}': not a scenario parameter"])
    name = path.replace(".", "__")
    ann = field_type(path)
    categories = _categories(ann)
    if categories is not None:
        return ew.CategoricalParameter(name, list(values) if values else categories)
    low, high = values if values else field_bounds(path)
    if low is None or high is None:
        raise ScenarioError([f"uncertainty '{path}': the schema gives no bounds; give a range"])
    if ann is int:
        return ew.IntegerParameter(name, int(low), int(high))
    return ew.RealParameter(name, float(low), float(high))


def _categories(ann: Any) -> list | None:
    if ann is bool:
        return [False, True]
    if isinstance(ann, type) and issubclass(ann, enum.Enum):
        return [member.value for member in ann]
    if typing.get_origin(ann) is typing.Literal:
        return list(typing.get_args(ann))
    return None


def outcome(name: str, replicated: bool) -> ew.ScalarOutcome:
    """The Workbench outcome of a run outcome, with its direction (mean over replications).

    Raises:
        ScenarioError: not a run outcome.
    """
    if name not in RUN:
        raise ScenarioError([f"outcome '{name}': not a run outcome (ecosim.outcomes.RUN)"])
    kind = {1: ew.ScalarOutcome.MAXIMIZE, -1: ew.ScalarOutcome.MINIMIZE}.get(
        RUN[name].better, ew.ScalarOutcome.INFO
    )
    return ew.ScalarOutcome(name, kind=kind, function=np.mean if replicated else None)


def model(
    scenario: ScenarioLike = "siloed",
    uncertainties: Uncertainties = (),
    outcomes: Sequence[str] | None = None,
    replications: int = 1,
    seed: int = DEFAULT_SEED,
    name: str = "ecosim",
) -> ew.Model | ew.ReplicatorModel:
    """An EMA Workbench model of ``scenario`` (see the module docstring).

    Args:
        scenario: a Scenario, file, library name or mapping.
        uncertainties: dotted paths (ranges from the schema) or path -> range/categories.
        outcomes: run outcome names (default :data:`DEFAULT_OUTCOMES`).
        replications: runs per experiment, each with its own seed.
        seed: base seed of the replications.
        name: the model's name in the Workbench (an identifier).

    Raises:
        ScenarioError: a bad scenario, uncertainty or outcome, naming it.
    """
    names = list(outcomes or DEFAULT_OUTCOMES)
    seeds = [seed_record(s) for s in replicate_seeds(seed, replications)]
    function = EcosimFunction(scenario, names, seeds[0])
    if replications > 1:
        em = ew.ReplicatorModel(name, function=function)
        em.replications = [{"seed": s} for s in seeds]
    else:
        em = ew.Model(name, function=function)
    pairs = (
        uncertainties.items()
        if isinstance(uncertainties, Mapping)
        else ((p, None) for p in uncertainties)
    )
    em.uncertainties = [uncertainty(path, values) for path, values in pairs]
    em.outcomes = [outcome(n, replications > 1) for n in names]
    return em
