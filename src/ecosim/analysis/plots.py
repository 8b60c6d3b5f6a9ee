"""Charts of per-step outcomes with replicate bands."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ecosim.outcomes import STEP, title

__all__ = [
    "MAIN_OUTCOMES",
    "SCENARIO_COLOURS",
    "plot_cascade",
    "plot_differences",
    "plot_main_outcomes",
    "plot_networks",
    "scenario_colour",
    "save_figure",
]

MAIN_OUTCOMES: tuple[tuple[str, str, bool], ...] = tuple(
    (name, title(name, cumulative), cumulative)
    for name, cumulative in (
        ("approvals", True),
        ("patients_matched", False),
        ("patients_in_trials", False),
        ("rd_spend_musd", False),
        ("partnerships_active", False),
        ("trust_partners", False),
    )
)
"""Per-step outcomes charted by ``ecosim run``: (outcome, chart title, cumulative)."""


def plot_main_outcomes(steps: pd.DataFrame, path: Path, title: str = "") -> list[Path]:
    """Median and 5-95 % band over replicates of the main outcomes, saved as PNG.

    Args:
        steps: wide per-step outcomes with ``replicate`` and ``year`` columns; may hold
            several scenarios in a ``scenario`` column.
        path: PNG file to write (with ``.svg`` beside it when ``path`` has no suffix).
        title: figure title.
    """
    scenarios = steps["scenario"].unique() if "scenario" in steps else [None]
    fig, axes = plt.subplots(2, 3, figsize=(13, 7), constrained_layout=True)
    for ax, (col, label, cumulative) in zip(axes.flat, MAIN_OUTCOMES, strict=True):
        for k, name in enumerate(scenarios):
            df = steps if name is None else steps[steps["scenario"] == name]
            wide = df.pivot(index="year", columns="replicate", values=col)
            if cumulative:
                wide = wide.cumsum()
            mid = wide.median(axis=1)
            ax.fill_between(
                wide.index,
                wide.quantile(0.05, axis=1),
                wide.quantile(0.95, axis=1),
                alpha=0.25,
                color=scenario_colour(k),
            )
            ax.plot(wide.index, mid, label=name or "median", color=scenario_colour(k))
        ax.set_title(label, fontsize=10)
        ax.set_xlabel("year")
        ax.grid(alpha=0.3)
    axes.flat[0].legend(fontsize=8)
    if title:
        fig.suptitle(title)
    if Path(path).suffix:
        fig.savefig(path, dpi=110, metadata={"Software": None})
        plt.close(fig)
        return [Path(path)]
    return save_figure(fig, Path(path))


SCENARIO_COLOURS = ("#8c8c8c", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")
"""Colour of the k-th scenario of a comparison, the base (grey) first: the classroom app
draws its siloed and chosen world in the first two, so a world has one colour everywhere."""


def scenario_colour(k: int) -> str:
    """The colour of the ``k``-th scenario (0: the base)."""
    return SCENARIO_COLOURS[k % len(SCENARIO_COLOURS)]


SECTOR_COLOURS = {
    "pharma": "#1f77b4",
    "biotech": "#ff7f0e",
    "academia": "#2ca02c",
    "payer": "#d62728",
    "regulator": "#9467bd",
    "patient_org": "#e377c2",
    "provider": "#8c564b",
    "backbone": "#17becf",
    "public_funder": "#bcbd22",
    "investor": "#393b79",
}
KIND_COLOURS = {
    "licence": "#7f7f7f",
    "co_development": "#1f77b4",
    "academic_collaboration": "#2ca02c",
    "outcome_based": "#d62728",
}


def save_figure(fig, stem: Path) -> list[Path]:
    """Save a figure as PNG and SVG (``stem`` without suffix); return the paths."""
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    fig.savefig(paths[0], dpi=110, metadata={"Software": None})
    fig.savefig(paths[1], metadata={"Date": None})
    plt.close(fig)
    return paths


def plot_differences(
    comp_steps: dict[str, pd.DataFrame],
    base: str,
    outcomes: dict[str, tuple[str, bool]],
    stem: Path,
) -> list[Path]:
    """Cumulative paired difference from the base over time, mean and 95 % band.

    Args:
        comp_steps: per-step outcomes (wide, with ``replicate`` and ``year``) by scenario.
        base: name of the base scenario.
        outcomes: per-step outcome -> (label, higher is better).
        stem: output path without suffix.
    """
    from scipy import stats

    others = [n for n in comp_steps if n != base]
    fig, axes = plt.subplots(
        1, len(outcomes), figsize=(4.2 * len(outcomes), 3.6), constrained_layout=True, squeeze=False
    )
    for ax, (col, (label, _)) in zip(axes[0], outcomes.items(), strict=True):
        wa = comp_steps[base].pivot(index="year", columns="replicate", values=col).cumsum()
        for k, name in enumerate(others, start=1):
            wb = comp_steps[name].pivot(index="year", columns="replicate", values=col).cumsum()
            diff = wb - wa
            n = diff.shape[1]
            mean = diff.mean(axis=1)
            half = stats.t.ppf(0.975, max(n - 1, 1)) * diff.std(axis=1, ddof=1) / np.sqrt(n)
            ax.fill_between(
                diff.index, mean - half, mean + half, alpha=0.25, color=scenario_colour(k)
            )
            ax.plot(diff.index, mean, label=name, color=scenario_colour(k))
        ax.axhline(0, color="black", lw=0.8)
        ax.set_title(f"{label}: cumulative difference", fontsize=9)
        ax.set_xlabel("year")
        ax.set_ylabel(f"difference ({STEP[col].unit}, cumulative)" if col in STEP else "difference")
        ax.grid(alpha=0.3)
    axes[0][0].legend(fontsize=8)
    fig.suptitle(f"Difference from {base} (mean and 95 % interval, paired by seed)")
    return save_figure(fig, stem)


def plot_networks(networks: dict[str, dict], stem: Path, seed: int = 0) -> list[Path]:
    """The partnership network of one run per scenario, organisations coloured by sector.

    Edges are coloured by partnership kind and drawn thicker with more trust.
    Organisations without an active partnership are left out (their number is given).
    """
    import networkx as nx

    fig, axes = plt.subplots(
        1, len(networks), figsize=(6 * len(networks), 6), constrained_layout=True, squeeze=False
    )
    for ax, (name, net) in zip(axes[0], networks.items(), strict=True):
        g = nx.Graph()
        sector = dict(net["nodes"])
        for a, b, kind, trust in net["edges"]:
            if a in sector and b in sector:
                g.add_edge(a, b, kind=kind, trust=trust)
        isolated = len(sector) - g.number_of_nodes()
        if g.number_of_nodes():
            pos = nx.spring_layout(g, seed=seed, k=0.35)
            nx.draw_networkx_edges(
                g,
                pos,
                ax=ax,
                edge_color=[KIND_COLOURS.get(d["kind"], "grey") for *_, d in g.edges(data=True)],
                width=[0.5 + 3 * d["trust"] for *_, d in g.edges(data=True)],
                alpha=0.7,
            )
            nx.draw_networkx_nodes(
                g,
                pos,
                ax=ax,
                node_size=40,
                node_color=[SECTOR_COLOURS.get(sector[v], "black") for v in g.nodes],
            )
        ax.set_title(
            f"{name}: {g.number_of_edges()} partnerships ({isolated} organisations without one)",
            fontsize=10,
        )
        ax.axis("off")
    handles = [
        plt.Line2D([], [], marker="o", ls="", color=c, label=s) for s, c in SECTOR_COLOURS.items()
    ]
    handles += [
        plt.Line2D([], [], color=c, label=k.replace("_", " ")) for k, c in KIND_COLOURS.items()
    ]
    fig.legend(handles=handles, loc="lower center", ncol=7, fontsize=8, frameon=False)
    return save_figure(fig, stem)


CASCADE = (
    ("patients_starting_line", "starting a line"),
    ("patients_aware", "aware"),
    ("patients_tested", "tested"),
    ("patients_eligible", "biomarker-positive"),
    ("patients_matched", "matched and treated"),
)


def plot_cascade(comp_steps: dict[str, pd.DataFrame], stem: Path, years: float = 5) -> list[Path]:
    """Patients a year at each step of the cascade, last ``years`` of the run, by scenario."""
    names = list(comp_steps)
    width = 0.8 / len(names)
    fig, ax = plt.subplots(figsize=(9, 4.5), constrained_layout=True)
    x = np.arange(len(CASCADE))
    span = years
    for k, name in enumerate(names):
        df = comp_steps[name]
        late = df[df["year"] > df["year"].max() - years]
        span = late["step"].nunique() / 4  # years actually covered (short runs: fewer)
        per_year = [late[col].sum() / late["replicate"].nunique() / span for col, _ in CASCADE]
        bars = ax.bar(x + k * width, per_year, width, label=name, color=scenario_colour(k))
        ax.bar_label(
            bars, labels=[f"{v:,.0f}" for v in per_year], fontsize=7, rotation=90, padding=2
        )
    ax.set_xticks(x + width * (len(names) - 1) / 2, [lab for _, lab in CASCADE])
    ax.set_yscale("log")
    ax.set_ylabel("patients per year (log scale)")
    ax.set_title(f"Patient cascade, mean of the last {span:g} years")
    ax.legend(fontsize=8)
    return save_figure(fig, stem)
