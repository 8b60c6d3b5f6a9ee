"""Charts of a sweep's analysis: main effects, sensitivity indices, interactions.

Every outcome the experiment names is drawn (a grid of panels), axes carry full dotted
parameter names and outcome labels with units (from :mod:`ecosim.outcomes`), numeric levels
are in numeric order and joined by lines, nominal levels are separate points, and level
means carry 95 % intervals.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from ecosim.analysis.plots import plt, save_figure
from ecosim.analysis.statistics import mean_interval

__all__ = ["axis_label", "level_order", "plot_indices", "plot_interactions", "plot_main_effects"]

PANELS_PER_ROW = 4
"""Outcome panels per row of the indices chart."""

SCATTER_LEVELS = 6
"""A numeric parameter with more distinct values than this is drawn as a scatter with
binned means (continuous designs), otherwise as level means."""


def axis_label(name: str) -> str:
    """An outcome's label and unit for an axis (its name when it is not in the registry)."""
    from ecosim.outcomes import RUN

    o = RUN.get(name)
    return f"{o.label[0].upper()}{o.label[1:]} ({o.unit})" if o is not None else name


def level_order(values: pd.Series) -> list:
    """The distinct values of a factor: numeric order for numbers, first appearance else."""
    levels = list(dict.fromkeys(values.tolist()))
    numeric = pd.to_numeric(pd.Series(levels), errors="coerce")
    if numeric.notna().all():
        return [levels[i] for i in np.argsort(numeric.to_numpy(), kind="stable")]
    return levels


def _is_numeric(values: pd.Series) -> bool:
    return bool(pd.to_numeric(values, errors="coerce").notna().all())


def _level_means(x: pd.Series, y: pd.Series) -> tuple[list, np.ndarray, np.ndarray]:
    order = level_order(x)
    means, halves = [], []
    for level in order:
        mean, half = mean_interval(y[x == level].dropna().to_numpy())
        means.append(mean)
        halves.append(half)
    return order, np.array(means), np.array(halves)


def _panels(n: int, size: tuple[float, float]):
    """A figure of ``n`` panels, ``PANELS_PER_ROW`` a row; the flat list of its axes."""
    cols = min(n, PANELS_PER_ROW)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(
        rows,
        cols,
        squeeze=False,
        figsize=(size[0] * cols, size[1] * rows),
        constrained_layout=True,
    )
    flat = axes.ravel()
    for ax in flat[n:]:
        ax.set_visible(False)
    return fig, flat


def plot_main_effects(points: pd.DataFrame, y: pd.DataFrame, stem: Path) -> list[Path]:
    """Point means of every outcome against every parameter, with level or binned means."""
    params = [c for c in points.columns if not c.startswith("u_")]
    outs = list(y.columns)
    fig, axes = plt.subplots(
        len(outs),
        len(params),
        squeeze=False,
        figsize=(3.4 * len(params), 2.6 * len(outs)),
        constrained_layout=True,
    )
    for i, outcome in enumerate(outs):
        for j, param in enumerate(params):
            ax = axes[i][j]
            x = points[param]
            if _is_numeric(x) and x.nunique() > SCATTER_LEVELS:
                ax.scatter(x, y[outcome], s=6, alpha=0.4)
                bins = pd.qcut(x.astype(float), q=SCATTER_LEVELS + 2, duplicates="drop")
                means = y[outcome].groupby(bins, observed=True).mean()
                ax.plot([iv.mid for iv in means.index], means.to_numpy(), color="black")
            else:
                order, means, halves = _level_means(x, y[outcome])
                if _is_numeric(x):
                    xs = [float(v) for v in order]
                    ax.errorbar(xs, means, yerr=halves, marker="o", capsize=3)
                else:
                    xs = list(range(len(order)))
                    ax.errorbar(xs, means, yerr=halves, fmt="o", capsize=3)
                    ax.set_xticks(xs, [str(v) for v in order], fontsize=7, rotation=30)
            if i == len(outs) - 1:
                ax.set_xlabel(param, fontsize=8)
            if j == 0:
                ax.set_ylabel(axis_label(outcome), fontsize=8)
            ax.grid(alpha=0.3)
    fig.suptitle(
        "Main effects: point means over replicates; level means with 95 % intervals "
        "(lines join numeric levels only; many values: binned means)"
    )
    return save_figure(fig, stem)


def plot_indices(table: pd.DataFrame, method: str, stem: Path) -> list[Path]:
    """Sensitivity indices of every outcome, one panel each, with 95 % intervals."""
    outs = list(dict.fromkeys(table["outcome"])) or ["(no outcome with variance)"]
    fig, flat = _panels(len(outs), (4.8, 4.2))
    for ax, outcome in zip(flat, outs, strict=False):
        t = table[table["outcome"] == outcome]
        if t.empty:
            continue
        if method == "morris":
            mu = t[t["index"] == "mu_star"].set_index("parameter")
            sd = t[t["index"] == "sigma"].set_index("parameter")
            ax.errorbar(mu["value"], sd.loc[mu.index, "value"], xerr=mu["conf"], fmt="o")
            for name, row in mu.iterrows():
                ax.annotate(name, (row["value"], sd.loc[name, "value"]), fontsize=6)
            ax.set_xlabel(f"mu* ({axis_label(outcome)} per unit range)", fontsize=8)
            ax.set_ylabel("sigma (same unit)", fontsize=8)
        else:
            keys = ["S1", "ST"] if method == "sobol" else ["spearman"]
            names = list(dict.fromkeys(t["parameter"][t["index"].isin(keys)]))
            x = np.arange(len(names))
            for k, key in enumerate(keys):
                sub = t[t["index"] == key].set_index("parameter").loc[names]
                ax.bar(x + k * 0.4, sub["value"], 0.4, yerr=sub["conf"], label=key, capsize=2)
            ax.set_xticks(x + 0.2 * (len(keys) - 1), names, rotation=40, ha="right", fontsize=6)
            ax.set_ylabel(
                "share of variance" if method == "sobol" else "rank correlation", fontsize=8
            )
            ax.legend(fontsize=7)
        ax.set_title(axis_label(outcome), fontsize=9)
        ax.grid(alpha=0.3)
    fig.suptitle(f"Sensitivity indices ({method}; bars or whiskers: 95 % intervals)")
    return save_figure(fig, stem)


def plot_interactions(cells: pd.DataFrame, stem: Path) -> list[Path] | None:
    """Cell means of the first two factors, one line per level of the second."""
    params = [c for c in cells.columns if c not in ("outcome", "mean", "ci95", "runs")]
    if len(params) < 2:
        return None
    a, b = params[0], params[1]
    outs = list(dict.fromkeys(cells["outcome"]))
    fig, flat = _panels(len(outs), (4.5, 3.8))
    for ax, outcome in zip(flat, outs, strict=False):
        t = cells[cells["outcome"] == outcome]
        grid = t.groupby([a, b], sort=False)["mean"].mean().unstack(b)
        grid = grid.loc[level_order(pd.Series(grid.index)), level_order(pd.Series(grid.columns))]
        for level in grid.columns:
            ax.plot(range(len(grid)), grid[level].to_numpy(), marker="o", label=f"{b}={level}")
        ax.set_xticks(range(len(grid)), [str(v) for v in grid.index], fontsize=7)
        ax.set_xlabel(a, fontsize=8)
        ax.set_ylabel(axis_label(outcome), fontsize=8)
        ax.grid(alpha=0.3)
    flat[0].legend(fontsize=6)
    fig.suptitle("Interactions: non-parallel lines mean the effect of one depends on the other")
    return save_figure(fig, stem)
