"""Experiment files and experimental designs.

An experiment names a base scenario (``base``, relative to the experiment file), the
parameters to vary (by dotted scenario path, with a ``range: [low, high]`` or
``levels: [...]``), a ``design``, the ``replicates`` per point, the base ``seed`` of the
runs, the ``outcomes`` to keep and ``record_every`` (per-step outcomes every N steps, 0
for none). ``record: {entities: true}`` also keeps every run's entity tables. The files in
``experiments/`` are examples.

Designs: ``factorial`` (every combination of levels), ``lhs`` (Latin hypercube,
``samples`` points, scipy.stats.qmc), ``sobol`` (Saltelli's scheme as SALib samples it:
``samples`` must be a power of two; N (D + 2) points, or N (2D + 2) with second order),
``morris`` (``samples`` trajectories of D + 1 points on a ``levels`` grid, SALib).
Under ``lhs``, ``sobol`` and ``morris`` a parameter with ``levels`` is drawn by splitting
[0, 1) into equal bins, one per level.

Every path and every value is checked against the scenario schema before anything runs;
errors name the experiment file and the field, as scenario errors do.
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
import json
import math
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from ecosim.metrics import RUN_OUTCOMES, STEP_OUTCOMES
from ecosim.scenario import Scenario, ScenarioError, load_scenario, scenario_from_dict
from ecosim.scenario.errors import validate_file
from ecosim.scenario.paths import canonical, field_type, known_paths, set_path
from ecosim.scenario.yaml_safety import read_yaml
from ecosim.seeds import DEFAULT_SEED

__all__ = ["Design", "Experiment", "Parameter", "build_design", "load_experiment"]


class Parameter(BaseModel):
    """One varied parameter."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    path: str = Field(description="Dotted scenario path, e.g. trust.gain_rate.")
    range: tuple[float, float] | None = Field(None, description="[low, high] for continuous.")
    levels: list[Any] | None = Field(None, description="Values to take (any type the field takes).")

    @model_validator(mode="after")
    def _one_of(self) -> Parameter:
        if (self.range is None) == (self.levels is None):
            raise ValueError("give exactly one of 'range' and 'levels'")
        if self.range is not None and not self.range[0] < self.range[1]:
            raise ValueError("range must be [low, high] with low < high")
        if self.levels is not None and len(self.levels) < 1:
            raise ValueError("levels must not be empty")
        if self.levels is not None and not all(
            isinstance(v, str | int | float | bool) for v in self.levels
        ):
            raise ValueError("levels must be single values (numbers, words, true/false)")
        return self


class DesignSpec(BaseModel):
    """The experimental design."""

    model_config = ConfigDict(extra="forbid")

    method: Literal["factorial", "lhs", "sobol", "morris"] = Field(
        description="factorial, lhs (Latin hypercube), sobol (Saltelli) or morris."
    )
    samples: int = Field(
        64,
        ge=1,
        le=1_000_000,
        description="lhs: points; sobol: base samples N (a power of two); morris: trajectories.",
    )
    levels: int = Field(4, ge=2, le=20, description="morris: grid levels.")
    second_order: bool = Field(False, description="sobol: also second-order indices.")
    seed: int = Field(0, ge=0, description="Seed of the sampler (not of the model runs).")

    @model_validator(mode="after")
    def _power_of_two(self) -> DesignSpec:
        if self.method == "sobol" and self.samples & (self.samples - 1):
            raise ValueError(f"sobol needs samples to be a power of two, got {self.samples}")
        return self


class RecordSpec(BaseModel):
    """What a sweep writes besides the per-run outcomes."""

    model_config = ConfigDict(extra="forbid")

    entities: bool = Field(
        False,
        description="Write every run's entity tables (programmes, partnerships, therapies, "
        "coverage, memberships, organisations) to entities/<table>/part-*.parquet.",
    )


class Experiment(BaseModel):
    """A validated experiment file."""

    model_config = ConfigDict(extra="forbid")

    name: str = "experiment"
    description: str = ""
    base: str = Field(description="Base scenario file, relative to the experiment file.")
    design: DesignSpec
    parameters: list[Parameter] = Field(min_length=1)
    replicates: int = Field(1, ge=1, le=10_000)
    seed: int = Field(DEFAULT_SEED, ge=0, description="Base seed of the model runs.")
    years: float | None = Field(None, gt=0, le=200, description="Override the horizon.")
    outcomes: list[str] = Field(
        default_factory=lambda: list(RUN_OUTCOMES),
        min_length=1,
        description="Per-run outcomes to keep.",
    )
    step_outcomes: list[str] = Field(
        default_factory=lambda: ["approvals", "patients_matched", "partnerships_active"],
        description="Per-step outcomes to keep (with record_every > 0).",
    )
    record_every: int = Field(0, ge=0, description="Keep per-step outcomes every N steps.")
    record: RecordSpec = Field(default_factory=RecordSpec, description="Extra records to keep.")

    @field_validator("outcomes")
    @classmethod
    def _known_run_outcomes(cls, names: list[str]) -> list[str]:
        return _check_outcomes(names, RUN_OUTCOMES)

    @field_validator("step_outcomes")
    @classmethod
    def _known_step_outcomes(cls, names: list[str]) -> list[str]:
        return _check_outcomes(names, STEP_OUTCOMES)

    @field_validator("parameters")
    @classmethod
    def _distinct(cls, params: list[Parameter]) -> list[Parameter]:
        paths = [p.path for p in params]
        if len(set(paths)) != len(paths):
            raise ValueError("a parameter is listed twice")
        return params


def _check_outcomes(names: list[str], known: dict[str, str]) -> list[str]:
    for name in names:
        if name not in known:
            hint = difflib.get_close_matches(name, list(known), n=1)
            tip = f" (did you mean '{hint[0]}'?)" if hint else ""
            raise ValueError(f"unknown outcome '{name}'{tip}")
    return names


def load_experiment(
    path: str | Path,
    replicates: int | None = None,
    samples: int | None = None,
    years: float | None = None,
) -> tuple[Experiment, Scenario]:
    """Load and check an experiment file and its base scenario.

    Args:
        path: the experiment file.
        replicates: replaces the file's ``replicates`` (``ecosim sweep --replicates``).
        samples: replaces ``design.samples`` (``--samples``).
        years: replaces ``years``, the horizon (``--years``). Each is checked like the
            file's own value.

    Raises:
        ScenarioError: every problem, each naming the file and the field.
    """
    path = Path(path)
    data = read_yaml(path, "experiment")
    if replicates is not None:
        data["replicates"] = replicates
    if years is not None:
        data["years"] = years
    if samples is not None:
        design = data.get("design")
        data["design"] = {**(design if isinstance(design, dict) else {}), "samples": samples}
    exp = validate_file(path, data, Experiment)
    base_path = (path.parent / exp.base).resolve()
    overrides = {"years": exp.years} if exp.years else None
    try:
        base = load_scenario(base_path, overrides)
    except ScenarioError as exc:
        raise ScenarioError([f"{path}: field 'base': {m}" for m in exc.messages]) from None
    errors = []
    known = known_paths()
    base_data = base.model_dump(mode="python")
    for i, p in enumerate(exp.parameters):
        where = f"{path}: field 'parameters.{i}.path'"
        ann = field_type(p.path)
        if canonical(p.path) not in known or ann is None:
            hint = difflib.get_close_matches(p.path, known, n=1)
            tip = f" (did you mean '{hint[0]}'?)" if hint else ""
            errors.append(f"{where}: unknown scenario field '{p.path}'{tip}")
            continue
        values = p.levels if p.levels is not None else list(p.range)
        if p.range is not None and ann not in (int, float):
            errors.append(f"{where}: '{p.path}' is not numeric; use 'levels'")
            continue
        if (
            ann is int
            and p.levels is not None
            and not all(isinstance(v, int | float) and float(v).is_integer() for v in p.levels)
        ):
            errors.append(
                f"{path}: field 'parameters.{i}.levels': '{p.path}' takes whole "
                f"numbers, got {p.levels}"
            )
            continue
        for v in values:
            try:
                scenario_from_dict(set_path(base_data, p.path, _cast(ann, v)))
            except ScenarioError as exc:
                msg = exc.messages[0].split(": ", 1)[-1]
                errors.append(f"{path}: field 'parameters.{i}': value {v!r}: {msg}")
    if errors:
        raise ScenarioError(errors)
    return exp, base


def _cast(ann: Any, value: Any) -> Any:
    if ann is int and isinstance(value, float):
        return int(round(value))
    return value


class Design:
    """The points of an experiment: one row per point, one column per parameter.

    Attributes:
        points: DataFrame indexed by point id with one column per parameter path.
        unit: the points in the unit hypercube (for SALib analysis), or None (factorial).
        problem: the SALib problem (names, bounds).
    """

    def __init__(self, points: pd.DataFrame, unit: np.ndarray | None, problem: dict):
        self.points = points
        self.unit = unit
        self.problem = problem


def _from_unit(p: Parameter, u: np.ndarray, ann: Any) -> list[Any]:
    if p.levels is not None:
        idx = np.minimum((u * len(p.levels)).astype(int), len(p.levels) - 1)
        return [p.levels[i] for i in idx]
    lo, hi = p.range
    values = lo + u * (hi - lo)
    if ann is int:
        return [int(round(v)) for v in values]
    return [float(v) for v in values]


def build_design(exp: Experiment) -> Design:
    """Sample the design's points (deterministic for a design seed)."""
    params = exp.parameters
    names = [p.path for p in params]
    d = len(params)
    spec = exp.design
    problem = {"num_vars": d, "names": names, "bounds": [[0.0, 1.0]] * d}
    if spec.method == "factorial":
        grids = [
            [
                _cast(field_type(p.path), v)
                for v in (p.levels if p.levels is not None else list(p.range))
            ]
            for p in params
        ]
        rows = list(itertools.product(*grids))
        points = pd.DataFrame(rows, columns=names)
        points.index.name = "point"
        return Design(points, None, problem)
    if spec.method == "lhs":
        from scipy.stats import qmc

        unit = qmc.LatinHypercube(d=d, seed=np.random.default_rng(spec.seed)).random(spec.samples)
    elif spec.method == "sobol":
        from SALib.sample import sobol

        unit = sobol.sample(
            problem, spec.samples, calc_second_order=spec.second_order, seed=spec.seed
        )
    else:
        from SALib.sample import morris

        unit = morris.sample(problem, spec.samples, num_levels=spec.levels, seed=spec.seed)
    unit = np.clip(unit, 0.0, 1.0 - 1e-12)
    cols = {p.path: _from_unit(p, unit[:, j], field_type(p.path)) for j, p in enumerate(params)}
    points = pd.DataFrame(cols)
    points.index.name = "point"
    return Design(points, unit, problem)


def point_scenario(base: Scenario, point: pd.Series) -> Scenario:
    """The base scenario with one point's parameter values."""
    data = base.model_dump(mode="python")
    for path, value in point.items():
        data = set_path(data, path, _cast(field_type(path), _plain(value)))
    return Scenario.model_validate(data)


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value


def experiment_hash(exp: Experiment, base: Scenario | None) -> str:
    """A fingerprint of everything that determines a sweep's runs (for --resume)."""
    blob = json.dumps(
        {
            "experiment": exp.model_dump(mode="json"),
            "base": base.model_dump(mode="json") if base is not None else None,
        },
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def n_points(exp: Experiment) -> int:
    """Number of points the design will have (before sampling)."""
    d, spec = len(exp.parameters), exp.design
    if spec.method == "factorial":
        return math.prod(len(p.levels) if p.levels is not None else 2 for p in exp.parameters)
    if spec.method == "lhs":
        return spec.samples
    if spec.method == "sobol":
        return spec.samples * (2 * d + 2 if spec.second_order else d + 2)
    return spec.samples * (d + 1)
