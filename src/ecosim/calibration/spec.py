"""Calibration files: the base scenario, the parameters with priors, the targets, the method.

A calibration file names a ``base`` scenario (relative to the file), the ``parameters`` to
calibrate by dotted scenario path, each with a prior (default: uniform over the schema's
range; or a stated ``range``; or a normal truncated to the range), the ``targets`` (a run
outcome, an observed value or range, its source and how far off counts as a miss) and the
``method`` with its budget. ``calibration/baseline.yaml`` is the bundled example. Every
problem is reported with the file and the field, as scenario errors are.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ecosim.metrics import RUN_OUTCOMES
from ecosim.scenario import Scenario, ScenarioError, load_scenario, scenario_from_dict
from ecosim.scenario.errors import validate_file
from ecosim.scenario.paths import canonical, field_bounds, field_type, known_paths, set_path
from ecosim.scenario.yaml_safety import read_yaml
from ecosim.seeds import DEFAULT_SEED

__all__ = ["Calibration", "Method", "Prior", "Target", "load_calibration"]


class Prior(BaseModel):
    """A prior stated in the file (otherwise: uniform over the range)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    distribution: Literal["uniform", "normal"] = Field(
        "uniform", description="uniform over the range, or normal truncated to it"
    )
    mean: float | None = Field(None, description="normal: the mean (parameter's unit)")
    sd: float | None = Field(None, gt=0, description="normal: the standard deviation")

    @model_validator(mode="after")
    def _normal_needs_both(self) -> Prior:
        if self.distribution == "normal" and (self.mean is None or self.sd is None):
            raise ValueError("a normal prior needs 'mean' and 'sd'")
        return self


class Parameter(BaseModel):
    """One calibrated parameter."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    path: str = Field(description="Dotted scenario path, e.g. pipeline.phase2.success.")
    range: tuple[float, float] | None = Field(
        None, description="[low, high] of the prior; default: the schema's bounds."
    )
    prior: Prior = Field(default_factory=Prior, description="The prior's shape.")
    source: str = Field("", description="Where the prior range comes from.")

    @model_validator(mode="after")
    def _ordered(self) -> Parameter:
        if self.range is not None and not self.range[0] < self.range[1]:
            raise ValueError("range must be [low, high] with low < high")
        return self


class Target(BaseModel):
    """One observed figure the calibrated model should reproduce."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    code: str = Field(description="Short name, e.g. C2b.")
    outcome: str = Field(description="A run outcome of the registry (ecosim.metrics).")
    observed: float | None = Field(None, description="The observed value.")
    range: tuple[float, float] | None = Field(
        None, description="An observed range; its middle is the observed value."
    )
    tolerance: float | None = Field(
        None, gt=0, description="How far off counts as a miss (default: half the range)."
    )
    source: str = Field(description="Where the figure comes from.")
    scenario: str | None = Field(
        None, description="Measured in this scenario (relative to the file) instead of the base."
    )

    @model_validator(mode="after")
    def _value_and_scale(self) -> Target:
        if (self.observed is None) == (self.range is None):
            raise ValueError("give exactly one of 'observed' and 'range'")
        if self.range is not None and not self.range[0] <= self.range[1]:
            raise ValueError("range must be [low, high] with low <= high")
        if self.tolerance is None and (self.range is None or self.range[0] == self.range[1]):
            raise ValueError("an observed value needs a 'tolerance'")
        if self.outcome not in RUN_OUTCOMES:
            hint = difflib.get_close_matches(self.outcome, list(RUN_OUTCOMES), n=1)
            tip = f" (did you mean '{hint[0]}'?)" if hint else ""
            raise ValueError(f"unknown outcome '{self.outcome}'{tip}")
        return self

    @property
    def value(self) -> float:
        """The observed value (the middle of a range)."""
        if self.observed is not None:
            return self.observed
        return (self.range[0] + self.range[1]) / 2

    @property
    def scale(self) -> float:
        """How far off counts as a miss."""
        if self.tolerance is not None:
            return self.tolerance
        return (self.range[1] - self.range[0]) / 2


class Method(BaseModel):
    """ABC-SMC (pyabc) and its budget."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    name: Literal["abc-smc"] = Field("abc-smc", description="The method (pyabc's ABCSMC).")
    population: int = Field(100, ge=10, le=100_000, description="Particles per generation.")
    generations: int = Field(6, ge=1, le=100, description="At most this many generations.")
    max_simulations: int = Field(
        3000, ge=10, description="Stop once this many particles were simulated."
    )
    min_epsilon: float = Field(
        0.5, ge=0, description="Stop once the distance threshold is this low (1: a miss)."
    )
    quantile: float = Field(
        0.5, gt=0, lt=1, description="Next threshold: this quantile of the last distances."
    )
    batch: int = Field(
        64, ge=1, le=100_000, description="Proposals simulated together (not per worker)."
    )
    noise_replicates: int = Field(
        8, ge=0, le=1000, description="Runs of the base that measure each target's noise."
    )
    predictive: int = Field(
        40, ge=0, le=10_000, description="Posterior predictive runs for the fit per target."
    )
    missing_penalty: float = Field(
        10.0, gt=0, description="A target the run does not produce counts this many misses."
    )


class Calibration(BaseModel):
    """A validated calibration file."""

    model_config = ConfigDict(extra="forbid")

    name: str = "calibration"
    description: str = ""
    base: str | None = Field(None, description="Base scenario file, relative to the file.")
    seed: int = Field(DEFAULT_SEED, ge=0, description="Seed of the simulations and of the sampler.")
    years: float | None = Field(None, gt=0, le=200, description="Override the horizon.")
    parameters: list[Parameter] = Field(min_length=1)
    targets: list[Target] = Field(min_length=1)
    method: Method = Field(default_factory=Method)

    @model_validator(mode="after")
    def _distinct(self) -> Calibration:
        paths = [p.path for p in self.parameters]
        if len(set(paths)) != len(paths):
            raise ValueError("a parameter is listed twice")
        codes = [t.code for t in self.targets]
        if len(set(codes)) != len(codes):
            raise ValueError("a target code is listed twice")
        return self


def load_calibration(path: str | Path) -> tuple[Calibration, dict[str, Scenario]]:
    """Load and check a calibration file and the scenarios its targets are measured in.

    Returns:
        The calibration, with every parameter's range filled in (from the schema when the
        file gives none), and the scenarios by key (``base``, then each target's file).

    Raises:
        ScenarioError: every problem, each naming the file and the field.
    """
    path = Path(path)
    data = read_yaml(path, "calibration")
    cal = validate_file(path, data, Calibration)
    if cal.base is None:
        raise ScenarioError([f"{path}: field 'base': a calibration needs a base scenario"])
    overrides = {"years": cal.years} if cal.years else None
    scenarios: dict[str, Scenario] = {}
    errors: list[str] = []
    files = {"base": cal.base} | {t.scenario: t.scenario for t in cal.targets if t.scenario}
    for key, file in files.items():
        try:
            scenarios[key] = load_scenario((path.parent / file).resolve(), overrides)
        except ScenarioError as exc:
            field = "base" if key == "base" else "targets.scenario"
            errors += [f"{path}: field '{field}': {m}" for m in exc.messages]
    if errors:
        raise ScenarioError(errors)
    params = [_checked(path, i, p, scenarios["base"], errors) for i, p in enumerate(cal.parameters)]
    if errors:
        raise ScenarioError(errors)
    return cal.model_copy(update={"parameters": params}), scenarios


def _checked(path: Path, i: int, p: Parameter, base: Scenario, errors: list[str]) -> Parameter:
    """The parameter with its range (from the schema if needed), or an error recorded."""
    where = f"{path}: field 'parameters.{i}"
    ann = field_type(p.path)
    if canonical(p.path) not in known_paths() or ann is None:
        hint = difflib.get_close_matches(p.path, known_paths(), n=1)
        tip = f" (did you mean '{hint[0]}'?)" if hint else ""
        errors.append(f"{where}.path': unknown scenario field '{p.path}'{tip}")
        return p
    if ann not in (int, float):
        errors.append(f"{where}.path': '{p.path}' is not numeric")
        return p
    low, high = p.range if p.range is not None else field_bounds(p.path)
    if low is None or high is None:
        errors.append(
            f"{where}.range': the schema gives '{p.path}' no upper or lower bound; state a range"
        )
        return p
    data = base.model_dump(mode="python")
    for v in (low, high):
        try:
            scenario_from_dict(set_path(data, p.path, int(round(v)) if ann is int else v))
        except ScenarioError as exc:
            msg = exc.messages[0].split(": ", 1)[-1]
            errors.append(f"{where}.range': value {v!r}: {msg}")
    if p.prior.distribution == "normal" and not low <= p.prior.mean <= high:
        errors.append(f"{where}.prior.mean': {p.prior.mean} is outside [{low}, {high}]")
    return p.model_copy(update={"path": canonical(p.path), "range": (float(low), float(high))})
