"""Sensitivity analysis of a finished sweep (``ecosim analyze SWEEP_DIR``).

Replicates are averaged per point first (the model's noise is not what the indices
should measure), then, by design:

- ``sobol``: first-order and total indices S1 and ST with 95 % confidence intervals
  (SALib, Saltelli/Jansen estimators; S2 with ``second_order``);
- ``morris``: mu*, its 95 % interval, mu and sigma (SALib);
- ``factorial``: the mean of every cell with a 95 % interval over its runs, and the
  main effect of each level;
- ``lhs``: Spearman rank correlation of each parameter with each outcome (95 % interval
  by Fisher's z).

Results are a tidy table (outcome, parameter, index, value, conf), plots of every outcome
(:mod:`ecosim.analysis.sweep_plots`) and ``analysis.md``, which says which outcomes were
left out and why and which indices need a larger sample
(:mod:`ecosim.analysis.sweep_checks`).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from ecosim.analysis.statistics import mean_interval
from ecosim.analysis.sweep_checks import reliability_warnings, usable_outcomes
from ecosim.analysis.sweep_plots import (
    level_order,
    plot_indices,
    plot_interactions,
    plot_main_effects,
)
from ecosim.experiments.sweep import SweepStore

__all__ = ["SweepIncompleteError", "analyze_sweep", "finished_sweep", "indices"]


class SweepIncompleteError(Exception):
    """The sweep folder does not hold every run yet."""


def _per_point(store: SweepStore, outcomes: list[str]) -> pd.DataFrame:
    summary = store.summary()
    return summary.groupby("point")[outcomes].mean().sort_index()


def indices(
    method: str,
    problem: dict,
    unit: np.ndarray | None,
    y: pd.DataFrame,
    second_order: bool = False,
    levels: int = 4,
    seed: int = 0,
) -> pd.DataFrame:
    """Sensitivity indices of every outcome column of ``y`` (rows = points in order).

    Returns:
        Tidy rows: outcome, parameter, index, value, conf (the 95 % half-width or NaN).
    """
    rows = []
    names = problem["names"]
    for outcome in y.columns:
        values = y[outcome].to_numpy(dtype=float)
        finite = np.isfinite(values)
        if not finite.any() or np.ptp(values[finite]) == 0:
            continue  # constant or undefined: no variance to apportion
        if not finite.all() and method != "lhs":
            continue  # Sobol and Morris need every point (usable_outcomes says why)
        if method == "sobol":
            from SALib.analyze import sobol

            res = sobol.analyze(
                problem, values, calc_second_order=second_order, conf_level=0.95, seed=seed
            )
            for j, name in enumerate(names):
                for key in ("S1", "ST"):
                    rows.append((outcome, name, key, res[key][j], res[f"{key}_conf"][j]))
            if second_order:
                for a in range(len(names)):
                    for b in range(a + 1, len(names)):
                        rows.append(
                            (
                                outcome,
                                f"{names[a]} x {names[b]}",
                                "S2",
                                res["S2"][a, b],
                                res["S2_conf"][a, b],
                            )
                        )
        elif method == "morris":
            from SALib.analyze import morris

            res = morris.analyze(
                problem, unit, values, num_levels=levels, conf_level=0.95, seed=seed
            )
            for j, name in enumerate(names):
                rows.append((outcome, name, "mu_star", res["mu_star"][j], res["mu_star_conf"][j]))
                rows.append((outcome, name, "mu", res["mu"][j], float("nan")))
                rows.append((outcome, name, "sigma", res["sigma"][j], float("nan")))
        elif method == "lhs":
            for j, name in enumerate(names):
                rho = stats.spearmanr(unit[finite, j], values[finite]).statistic
                n = int(finite.sum())
                half = float("nan")
                if n > 3 and abs(rho) < 1:
                    z, se = math.atanh(rho), 1 / math.sqrt(n - 3)
                    half = (math.tanh(z + 1.96 * se) - math.tanh(z - 1.96 * se)) / 2
                rows.append((outcome, name, "spearman", rho, half))
    return pd.DataFrame(rows, columns=["outcome", "parameter", "index", "value", "conf"])


def factorial_cells(store: SweepStore, outcomes: list[str]) -> pd.DataFrame:
    """Mean and 95 % interval of every outcome in every cell of a factorial design."""
    points = store.points()
    params = [c for c in points.columns if not c.startswith("u_")]
    runs = store.summary().join(points[params], on="point")
    rows = []
    for key, group in runs.groupby(params, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        for outcome in outcomes:
            mean, half = mean_interval(group[outcome].to_numpy())
            rows.append(
                {
                    **dict(zip(params, key, strict=True)),
                    "outcome": outcome,
                    "mean": mean,
                    "ci95": half,
                    "runs": len(group),
                }
            )
    return pd.DataFrame(rows)


def finished_sweep(folder: Path) -> tuple[SweepStore, dict, pd.DataFrame]:
    """A finished sweep's store, manifest and summary table.

    Raises:
        FileNotFoundError: ``folder`` holds no sweep manifest.
        SweepIncompleteError: when runs are missing (complete them with ``--resume``).
    """
    store = SweepStore(folder)
    info = store.manifest()
    if info is None:
        raise FileNotFoundError(f"{folder}: no manifest.json: not a sweep folder")
    summary = store.summary()
    if len(summary) < info["runs"]:
        raise SweepIncompleteError(
            f"{folder}: {len(summary)} of {info['runs']} runs done; complete it with "
            f"ecosim sweep EXPERIMENT --out {folder} --resume"
        )
    return store, info, summary


def analyze_sweep(folder: Path, out: Path | None = None) -> dict[str, Path]:
    """Analyse a finished sweep; write tables, plots and ``analysis.md`` to ``out``.

    ``out`` defaults to ``DIR/analysis``. ``analysis.md`` lists the outcomes left out (and
    why) and the indices that need a larger sample.

    Raises:
        SweepIncompleteError: when runs are missing (complete them with ``--resume``).
    """
    store, info, _ = finished_sweep(folder)
    exp = info["experiment"]
    method = exp["design"]["method"]
    out = Path(out) if out else Path(folder) / "analysis"
    out.mkdir(parents=True, exist_ok=True)
    points = store.points()
    outcomes, dropped = usable_outcomes(_per_point(store, exp["outcomes"]), method)
    y = _per_point(store, outcomes)
    written: dict[str, Path] = {}
    if method == "factorial":
        cells = factorial_cells(store, outcomes)
        cells.to_csv(out / "cells.csv", index=False)
        written["cells"] = out / "cells.csv"
        table = _main_effects(points, y)
        charts = plot_interactions(cells, out / "interactions")
        if charts:
            written["interactions"] = charts[0]
    else:
        unit = points[[c for c in points.columns if c.startswith("u_")]].to_numpy()
        table = indices(
            method,
            info["problem"],
            unit,
            y,
            second_order=exp["design"]["second_order"],
            levels=exp["design"]["levels"],
            seed=exp["design"]["seed"],
        )
        written["indices_plot"] = plot_indices(table, method, out / "indices")[0]
    table.to_csv(out / "indices.csv", index=False)
    written["indices"] = out / "indices.csv"
    written["main_effects"] = plot_main_effects(points, y, out / "main_effects")[0]
    warnings = reliability_warnings(table, method, exp["design"]["samples"])
    (out / "analysis.md").write_text(_notes_markdown(folder, method, dropped, warnings))
    written["notes"] = out / "analysis.md"
    return written


def _main_effects(points: pd.DataFrame, y: pd.DataFrame) -> pd.DataFrame:
    """Mean of the point means at each level of each factor, with its 95 % interval."""
    params = [c for c in points.columns if not c.startswith("u_")]
    rows = []
    for param in params:
        for outcome in y.columns:
            for level in level_order(points[param]):
                mean, half = mean_interval(y.loc[points[param] == level, outcome].to_numpy())
                rows.append((outcome, param, f"main_effect[{level}]", mean, half))
    return pd.DataFrame(rows, columns=["outcome", "parameter", "index", "value", "conf"])


def _notes_markdown(
    folder: Path, method: str, dropped: list[tuple[str, str]], warnings: list[str]
) -> str:
    lines = [f"# Analysis of {folder} ({method})", ""]
    lines += ["## Outcomes left out or thinned", ""]
    lines += [f"- {name}: {why}" for name, why in dropped] or ["None."]
    lines += ["", "## Reliability", ""]
    lines += [f"- {w}" for w in warnings] or [
        "Every index's 95 % interval is narrower than the index, or the index is negligible."
    ]
    return "\n".join(lines) + "\n"
