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

Results are a tidy table (outcome, parameter, index, value, conf) and plots.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from ecosim.analysis.plots import plt, save_figure
from ecosim.analysis.statistics import mean_interval
from ecosim.experiments.sweep import SweepStore

__all__ = ["SweepIncompleteError", "analyze_sweep", "indices"]


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
        if not np.all(np.isfinite(values)) or np.ptp(values) == 0:
            continue  # constant or undefined somewhere: no variance to apportion
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
                rho = stats.spearmanr(unit[:, j], values).statistic
                n = len(values)
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


def _plot_main_effects(points: pd.DataFrame, y: pd.DataFrame, stem: Path) -> list[Path]:
    params = [c for c in points.columns if not c.startswith("u_")]
    outs = list(y.columns)[:4]
    fig, axes = plt.subplots(
        len(outs),
        len(params),
        squeeze=False,
        figsize=(3.2 * len(params), 2.6 * len(outs)),
        constrained_layout=True,
    )
    for i, outcome in enumerate(outs):
        for j, param in enumerate(params):
            ax = axes[i][j]
            x = points[param]
            if pd.api.types.is_numeric_dtype(x) and x.nunique() > 6:
                ax.scatter(x, y[outcome], s=6, alpha=0.4)
                bins = pd.qcut(x, q=min(8, x.nunique()), duplicates="drop")
                means = y[outcome].groupby(bins, observed=True).mean()
                ax.plot([iv.mid for iv in means.index], means.to_numpy(), color="black")
            else:
                means = y[outcome].groupby(x.astype(str), sort=False).mean()
                ax.plot(range(len(means)), means.to_numpy(), marker="o")
                ax.set_xticks(range(len(means)), means.index, fontsize=7, rotation=30)
            if i == len(outs) - 1:
                ax.set_xlabel(param, fontsize=8)
            if j == 0:
                ax.set_ylabel(outcome, fontsize=8)
            ax.grid(alpha=0.3)
    fig.suptitle("Main effects (point means over replicates; line: binned or level means)")
    return save_figure(fig, stem)


def _plot_indices(table: pd.DataFrame, method: str, stem: Path) -> list[Path]:
    outs = list(dict.fromkeys(table["outcome"]))[:4]
    fig, axes = plt.subplots(
        1,
        max(len(outs), 1),
        squeeze=False,
        figsize=(4.5 * max(len(outs), 1), 3.8),
        constrained_layout=True,
    )
    for ax, outcome in zip(axes[0], outs, strict=False):
        t = table[table["outcome"] == outcome]
        if method == "morris":
            mu = t[t["index"] == "mu_star"].set_index("parameter")
            sd = t[t["index"] == "sigma"].set_index("parameter")
            ax.errorbar(mu["value"], sd.loc[mu.index, "value"], xerr=mu["conf"], fmt="o")
            for name, row in mu.iterrows():
                ax.annotate(name.split(".")[-1], (row["value"], sd.loc[name, "value"]), fontsize=7)
            ax.set_xlabel("mu*")
            ax.set_ylabel("sigma")
        else:
            keys = ["S1", "ST"] if method == "sobol" else ["spearman"]
            names = list(dict.fromkeys(t["parameter"][t["index"].isin(keys)]))
            x = np.arange(len(names))
            for k, key in enumerate(keys):
                sub = t[t["index"] == key].set_index("parameter").loc[names]
                ax.bar(x + k * 0.4, sub["value"], 0.4, yerr=sub["conf"], label=key, capsize=2)
            ax.set_xticks(
                x + 0.2 * (len(keys) - 1),
                [n.split(".")[-1] for n in names],
                rotation=40,
                ha="right",
                fontsize=7,
            )
            ax.legend(fontsize=7)
        ax.set_title(outcome, fontsize=9)
        ax.grid(alpha=0.3)
    fig.suptitle(f"Sensitivity indices ({method}; bars or whiskers: 95 % intervals)")
    return save_figure(fig, stem)


def _plot_interactions(cells: pd.DataFrame, stem: Path) -> list[Path] | None:
    params = [c for c in cells.columns if c not in ("outcome", "mean", "ci95", "runs")]
    if len(params) < 2:
        return None
    a, b = params[0], params[1]
    outs = list(dict.fromkeys(cells["outcome"]))[:3]
    fig, axes = plt.subplots(
        1, len(outs), squeeze=False, figsize=(4.5 * len(outs), 3.8), constrained_layout=True
    )
    for ax, outcome in zip(axes[0], outs, strict=True):
        t = cells[cells["outcome"] == outcome]
        grid = t.groupby([a, b], sort=False)["mean"].mean().unstack(b)
        for level in grid.columns:
            ax.plot(range(len(grid)), grid[level].to_numpy(), marker="o", label=f"{b}={level}")
        ax.set_xticks(range(len(grid)), [str(v) for v in grid.index], fontsize=7)
        ax.set_xlabel(a, fontsize=8)
        ax.set_title(outcome, fontsize=9)
        ax.grid(alpha=0.3)
    axes[0][0].legend(fontsize=6)
    fig.suptitle("Interactions: non-parallel lines mean the effect of one depends on the other")
    return save_figure(fig, stem)


def analyze_sweep(folder: Path, out: Path | None = None) -> dict[str, Path]:
    """Analyse a finished sweep; write tables and plots to ``out`` (default DIR/analysis).

    Raises:
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
    exp = info["experiment"]
    method, outcomes = exp["design"]["method"], exp["outcomes"]
    out = Path(out) if out else Path(folder) / "analysis"
    out.mkdir(parents=True, exist_ok=True)
    points = store.points()
    y = _per_point(store, outcomes)
    written: dict[str, Path] = {}
    if method == "factorial":
        cells = factorial_cells(store, outcomes)
        cells.to_csv(out / "cells.csv", index=False)
        written["cells"] = out / "cells.csv"
        params = [c for c in points.columns if not c.startswith("u_")]
        effect_rows = []
        for param in params:
            for outcome in outcomes:
                grouped = y[outcome].groupby(points[param].astype(str), sort=False)
                for level, vals in grouped:
                    mean, half = mean_interval(vals.to_numpy())
                    effect_rows.append((outcome, param, f"main_effect[{level}]", mean, half))
        table = pd.DataFrame(
            effect_rows, columns=["outcome", "parameter", "index", "value", "conf"]
        )
        charts = _plot_interactions(cells, out / "interactions")
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
        written["indices_plot"] = _plot_indices(table, method, out / "indices")[0]
    table.to_csv(out / "indices.csv", index=False)
    written["indices"] = out / "indices.csv"
    written["main_effects"] = _plot_main_effects(points, y, out / "main_effects")[0]
    return written
