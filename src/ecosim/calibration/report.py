"""Writing a finished calibration: tables, the posterior-median scenario, plots, report.md.

``manifest.json`` is written last (file hashes, versions, the number of simulations and the
wall time): its presence marks a complete calibration folder.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ecosim.calibration.results import fit_table, identifiability, posterior_median  # noqa: E402
from ecosim.calibration.smc import CalibrationRun  # noqa: E402
from ecosim.experiments.storage import versions, write_manifest, write_table  # noqa: E402
from ecosim.scenario import Scenario  # noqa: E402
from ecosim.scenario_docs import commented_yaml  # noqa: E402

__all__ = ["fit_markdown", "identifiability_markdown", "write_results"]

PAIRS_MAX = 8
"""Parameters shown in the pairwise plot (the most constrained first)."""


def write_results(
    run: CalibrationRun,
    base: Scenario | None,
    folder: Path,
    info: dict,
) -> dict[str, Path]:
    """Write every output of ``run`` into ``folder``; returns the files by name."""
    folder = Path(folder)
    ident = identifiability(run)
    fit = fit_table(run.calibration, run.noise, run.predictive)
    files = {
        "posterior": folder / "posterior.parquet",
        "populations": folder / "populations.parquet",
        "generations": folder / "generations.csv",
        "identifiability": folder / "identifiability.csv",
        "fit": folder / "fit.csv",
        "marginals": folder / "marginals.png",
        "pairs": folder / "pairs.png",
        "fit plot": folder / "fit.png",
        "report": folder / "report.md",
    }
    write_table(run.posterior, files["posterior"])
    write_table(run.populations, files["populations"])
    write_table(run.generations, files["generations"])
    write_table(ident, files["identifiability"])
    write_table(fit, files["fit"])
    if len(run.predictive):
        files["predictive"] = folder / "predictive.parquet"
        write_table(run.predictive, files["predictive"])
    if base is not None:
        files["posterior median"] = folder / "posterior-median.yaml"
        scenario = posterior_median(run, base)
        header = f"# Posterior median of calibration {run.calibration.name}"
        files["posterior median"].write_text(commented_yaml(scenario, header))
    _marginals(run, ident, files["marginals"])
    _pairs(run, ident, files["pairs"])
    _fit_plot(fit, files["fit plot"])
    files["report"].write_text(_report(run, ident, fit, info))
    write_manifest(
        folder,
        info
        | {
            "simulations": run.simulations,
            "generations": len(run.generations),
            "versions": versions(),
        },
    )
    return files


def _marginals(run: CalibrationRun, ident: pd.DataFrame, path: Path) -> None:
    params = run.calibration.parameters
    cols = min(4, len(params))
    rows = int(np.ceil(len(params) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(3.2 * cols, 2.6 * rows), squeeze=False)
    post = run.posterior
    for ax, p, (_, row) in zip(axes.flat, params, ident.iterrows(), strict=False):
        bins = np.linspace(p.range[0], p.range[1], 21)
        ax.hist(post[p.path], bins=bins, weights=post["weight"], density=True, color="#3b6ea8")
        ax.axvline(row["posterior_median"], color="black", lw=1)
        ax.set_xlim(*p.range)
        ax.set_title(f"{p.path}\n{row['verdict']}", fontsize=8)
        ax.set_ylabel("posterior density", fontsize=7)
        ax.tick_params(labelsize=7)
    for ax in list(axes.flat)[len(params) :]:
        ax.axis("off")
    fig.suptitle("Posterior marginals (x axis: the prior range)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _pairs(run: CalibrationRun, ident: pd.DataFrame, path: Path) -> None:
    order = ident.sort_values("contraction", ascending=False)["parameter"].tolist()[:PAIRS_MAX]
    k = len(order)
    fig, axes = plt.subplots(k, k, figsize=(1.9 * k + 1, 1.9 * k + 1), squeeze=False)
    post = run.posterior
    ranges = {p.path: p.range for p in run.calibration.parameters}
    size = 4 + 60 * post["weight"] / post["weight"].max()
    for i, a in enumerate(order):
        for j, b in enumerate(order):
            ax = axes[i][j]
            ax.tick_params(labelsize=5)
            if i == j:
                ax.hist(post[a], bins=15, weights=post["weight"], range=ranges[a], color="#3b6ea8")
                ax.set_xlim(*ranges[a])
            elif i > j:
                ax.scatter(post[b], post[a], s=size, alpha=0.4, color="#3b6ea8", lw=0)
                ax.set_xlim(*ranges[b])
                ax.set_ylim(*ranges[a])
            else:
                ax.axis("off")
            if i == k - 1:
                ax.set_xlabel(b, fontsize=6)
            if j == 0:
                ax.set_ylabel(a, fontsize=6)
    fig.suptitle("Posterior, pairwise (dot size: weight)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _fit_plot(fit: pd.DataFrame, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(fit) + 1.2))
    y = np.arange(len(fit))[::-1]
    scale = fit["tolerance"].to_numpy()
    obs = fit["observed"].to_numpy()
    ax.axvspan(-1, 1, color="#dddddd", label="observed range (within tolerance)")
    mean = (fit["predictive_mean"] - obs) / scale
    low = (fit["predictive_q05"] - obs) / scale
    high = (fit["predictive_q95"] - obs) / scale
    ax.errorbar(mean, y, xerr=[mean - low, high - mean], fmt="o", color="#3b6ea8", ms=4)
    ax.set_yticks(y, fit["code"])
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("posterior predictive minus observed, in tolerances (mean and 90 % interval)")
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _report(run: CalibrationRun, ident: pd.DataFrame, fit: pd.DataFrame, info: dict) -> str:
    cal = run.calibration
    g = run.generations
    lines = [
        f"# Calibration {cal.name}",
        "",
        *([cal.description, ""] if cal.description else []),
        f"ABC-SMC (pyabc), {cal.method.population} particles a generation, "
        f"{len(g)} generations, final threshold {g['epsilon'].iloc[-1]:.3g} "
        f"(1 = a typical target one tolerance off), {run.simulations} simulations, "
        f"{info.get('wall_seconds', float('nan')) / 60:.1f} minutes.",
        "",
        "## Fit per target (posterior predictive)",
        "",
        fit_markdown(fit),
        "",
        "## What the targets constrain",
        "",
        identifiability_markdown(ident),
        "",
        "Contraction is 1 - posterior variance / prior variance: near 1 the targets pin the "
        "parameter down, near 0 it stays where the prior put it (the targets do not inform "
        "it; its value is an assumption).",
        "",
    ]
    return "\n".join(lines)


def fit_markdown(fit: pd.DataFrame) -> str:
    """The fit per target (``fit.csv``) as a Markdown table."""
    lines = [
        "| target | outcome | observed | range | predictive mean | 90 % interval | "
        "runs within tolerance |",
        "|---|---|---|---|---|---|---|",
    ]
    for _, r in fit.iterrows():
        lines.append(
            f"| {r.code} | {r.outcome} | {r.observed:.3g} | {r.low:.3g}-{r.high:.3g} | "
            f"{r.predictive_mean:.3g} | {r.predictive_q05:.3g}-{r.predictive_q95:.3g} | "
            f"{r.within_tolerance:.0%} |"
        )
    return "\n".join(lines)


def identifiability_markdown(ident: pd.DataFrame) -> str:
    """The identifiability table (``identifiability.csv``) as a Markdown table."""
    lines = [
        "| parameter | prior | posterior median | 90 % interval | contraction | verdict |",
        "|---|---|---|---|---|---|",
    ]
    for _, r in ident.iterrows():
        lines.append(
            f"| {r.parameter} | {r.prior_low:.4g}-{r.prior_high:.4g} | "
            f"{r.posterior_median:.4g} | {r.posterior_q05:.4g}-{r.posterior_q95:.4g} | "
            f"{r.contraction:.2f} | {r.verdict} |"
        )
    return "\n".join(lines)
