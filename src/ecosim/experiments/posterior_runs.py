"""Parameter uncertainty in comparisons and sweeps: a calibration's posterior, one draw a replicate.

``ecosim calibrate`` writes ``posterior.parquet`` (one row a particle: the calibrated
parameters by dotted path, a ``weight``, and the ``generation`` and ``distance`` it came
from). With ``--posterior FILE``, replicate ``i`` of every scenario (or of every sweep
point) uses draw ``i`` of :func:`ecosim.calibration.posterior.posterior_draws` *and* replicate
seed ``i``, so a paired difference integrates run-to-run noise and what the targets leave
unknown about the world. A scenario that sets a calibrated parameter to another value than
the base scenario keeps its own value: the comparison is then about that parameter, and the
posterior does not overwrite the question.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ecosim.calibration.posterior import posterior_draws
from ecosim.experiments.design import point_scenario
from ecosim.scenario import Scenario, ScenarioError
from ecosim.scenario.paths import canonical, get_path, known_paths

__all__ = ["checked_posterior", "draw_values", "load_posterior", "parameter_columns", "with_draw"]

BOOKKEEPING = ("generation", "weight", "distance")
"""Columns of a posterior sample that are not parameters."""


def parameter_columns(posterior: pd.DataFrame) -> list[str]:
    """The calibrated parameters (dotted scenario paths) of a posterior sample."""
    return [c for c in posterior.columns if c not in BOOKKEEPING]


def load_posterior(path: str | Path) -> pd.DataFrame:
    """Read and check a posterior sample (Parquet or CSV).

    Raises:
        ScenarioError: a missing, unreadable or empty file, no ``weight`` column, weights that
            are negative or sum to 0, an unknown parameter or a value that is not finite;
            every message names the file and the field.
    """
    path = Path(path)
    if not path.is_file():
        raise ScenarioError([f"{path}: no such posterior file"])
    try:
        frame = pd.read_csv(path) if path.suffix == ".csv" else pd.read_parquet(path)
    except Exception as exc:  # noqa: BLE001 - any reader failure is a bad file
        raise ScenarioError(
            [f"{path}: not a posterior sample (Parquet or CSV): {type(exc).__name__}"]
        ) from None
    return checked_posterior(frame, str(path))


def checked_posterior(frame: pd.DataFrame, path: str = "<DataFrame>") -> pd.DataFrame:
    """``frame`` checked as a posterior sample, parameter columns in canonical dotted form.

    Raises:
        ScenarioError: as :func:`load_posterior`, naming ``path`` and the field.
    """
    errors = []
    if frame.empty:
        errors.append(f"{path}: the posterior sample has no particles")
    if "weight" not in frame.columns:
        errors.append(f"{path}: field 'weight': missing (every particle needs a weight)")
    params = parameter_columns(frame)
    if not params:
        errors.append(f"{path}: no parameter columns (dotted scenario paths)")
    known = set(known_paths())
    for col in params:
        if canonical(col) not in known:
            errors.append(f"{path}: field '{col}': not a scenario parameter")
        elif not pd.api.types.is_numeric_dtype(frame[col]) or not frame[col].notna().all():
            errors.append(f"{path}: field '{col}': every value must be a number")
    if "weight" in frame.columns and not frame.empty:
        w = pd.to_numeric(frame["weight"], errors="coerce")
        if w.isna().any() or (w < 0).any() or w.sum() <= 0:
            errors.append(f"{path}: field 'weight': weights must be numbers >= 0, not all 0")
    if errors:
        raise ScenarioError(errors)
    return frame.rename(columns={c: canonical(c) for c in params})


def draw_values(posterior: pd.DataFrame, n: int, seed: int) -> list[dict[str, float]]:
    """``n`` parameter sets drawn by weight from ``seed``; set ``i`` goes with replicate ``i``."""
    draws = posterior_draws(posterior, n, seed)
    params = parameter_columns(posterior)
    return [{p: float(row[p]) for p in params} for _, row in draws.iterrows()]


def with_draw(scenario: Scenario, base: Scenario, values: dict[str, float]) -> Scenario:
    """``scenario`` with one draw's values, except where it sets a value other than ``base``."""
    mine, theirs = scenario.model_dump(mode="python"), base.model_dump(mode="python")
    kept = {p: v for p, v in values.items() if get_path(mine, p) == get_path(theirs, p)}
    return point_scenario(scenario, pd.Series(kept, dtype=object)) if kept else scenario
