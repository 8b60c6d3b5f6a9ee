"""The app's four views as matplotlib figures, plus PNG export.

Figures are built with :class:`matplotlib.figure.Figure` (no pyplot state), so several
browser sessions can draw at once. Each function takes what :class:`Lockstep` returns.
"""

from __future__ import annotations

import io

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ecosim.analysis.plots import KIND_COLOURS, SECTOR_COLOURS
from ecosim.app.lockstep import CASCADE_STEPS, Lockstep
from ecosim.outcomes import title as outcome_title
from ecosim.pipeline import PHASE_KEYS

__all__ = [
    "WORLD_COLOURS",
    "cascade_figure",
    "circle_layout",
    "figure_png",
    "network_figure",
    "pipeline_figure",
    "trends_figure",
]

WORLD_COLOURS = ("#8c8c8c", "#1f77b4")
"""Colour of the siloed (left) and the chosen (right) world in every chart."""

PHASE_LABELS = ("discovery", "preclinical", "phase I", "phase II", "phase III", "review")

TRENDS = tuple(
    (name, outcome_title(name, cumulative), cumulative)
    for name, cumulative in (
        ("approvals", True),
        ("patients_matched", False),
        ("rd_spend_musd", False),
    )
)


def figure_png(fig: Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes (what the app shows and what "Download PNG" saves)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def circle_layout(nodes: list[tuple[int, str]]) -> dict[int, tuple[float, float]]:
    """Organisations on a circle, grouped by sector in a fixed order.

    Deterministic and stable from step to step (no randomness, no force layout), so a
    class can watch edges appear and vanish between organisations that stay put.
    """
    order = {s: i for i, s in enumerate(SECTOR_COLOURS)}
    ranked = sorted(nodes, key=lambda n: (order.get(n[1], len(order)), n[0]))
    n = max(len(ranked), 1)
    return {
        idx: (float(np.cos(2 * np.pi * k / n)), float(np.sin(2 * np.pi * k / n)))
        for k, (idx, _) in enumerate(ranked)
    }


def network_figure(networks: dict[str, dict]) -> Figure:
    """The partnership network of each world: sector colours, kind colours, trust widths."""
    fig = Figure(figsize=(11, 5.6), layout="constrained")
    axes = fig.subplots(1, len(networks), squeeze=False)[0]
    for ax, (name, net) in zip(axes, networks.items(), strict=True):
        pos = circle_layout(net["nodes"])
        sector = dict(net["nodes"])
        edges = [e for e in net["edges"] if e[0] in pos and e[1] in pos]
        for a, b, kind, trust in edges:
            (x0, y0), (x1, y1) = pos[a], pos[b]
            ax.plot(
                [x0, x1],
                [y0, y1],
                color=KIND_COLOURS.get(kind, "grey"),
                lw=0.4 + 3.0 * trust,
                alpha=0.6,
                zorder=1,
            )
        if pos:
            xy = np.array([pos[i] for i, _ in net["nodes"]])
            ax.scatter(
                xy[:, 0],
                xy[:, 1],
                s=22,
                c=[SECTOR_COLOURS.get(sector[i], "black") for i, _ in net["nodes"]],
                zorder=2,
                linewidths=0,
            )
        ax.set_title(f"{name}: {len(edges)} partnerships", fontsize=11)
        ax.set_xlim(-1.15, 1.15)
        ax.set_ylim(-1.15, 1.15)
        ax.set_aspect("equal")
        ax.axis("off")
    handles = [
        Line2D([], [], marker="o", ls="", color=c, label=s.replace("_", " "))
        for s, c in SECTOR_COLOURS.items()
    ]
    handles += [Line2D([], [], color=c, label=k.replace("_", " ")) for k, c in KIND_COLOURS.items()]
    fig.legend(handles=handles, loc="outside lower center", ncol=7, fontsize=8, frameon=False)
    return fig


def _bars(ax, labels, values: dict[str, np.ndarray], log: bool = False) -> None:
    x = np.arange(len(labels))
    width = 0.8 / max(len(values), 1)
    for k, (name, v) in enumerate(values.items()):
        bars = ax.bar(x + k * width, v, width, label=name, color=WORLD_COLOURS[k % 2])
        ax.bar_label(bars, labels=[f"{val:,.0f}" for val in v], fontsize=7, padding=1)
    ax.set_xticks(x + width * (len(values) - 1) / 2, labels)
    if log:
        ax.set_yscale("symlog", linthresh=1)
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)


def pipeline_figure(pipeline: dict[str, np.ndarray]) -> Figure:
    """Programmes now in each development phase, both worlds."""
    assert len(PHASE_LABELS) == len(PHASE_KEYS)
    fig = Figure(figsize=(6.5, 3.8), layout="constrained")
    ax = fig.subplots()
    _bars(ax, PHASE_LABELS, pipeline)
    ax.set_ylabel("programmes")
    ax.set_title("Programme pipeline by phase (now)", fontsize=11)
    return fig


def cascade_figure(cascade: dict[str, np.ndarray], quarters: int) -> Figure:
    """Patients at each step of the cascade over the last ``quarters``, both worlds."""
    fig = Figure(figsize=(6.5, 3.8), layout="constrained")
    ax = fig.subplots()
    _bars(ax, [label for _, label in CASCADE_STEPS], cascade, log=True)
    ax.set_ylabel("patients (log scale)")
    span = "the last year" if quarters >= 4 else f"the last {quarters} quarter(s)"
    ax.set_title(f"Patient cascade over {span}", fontsize=11)
    return fig


def trends_figure(lockstep: Lockstep) -> Figure:
    """Approvals, matched patients and R&D spend over time, both worlds."""
    fig = Figure(figsize=(13, 3.6), layout="constrained")
    axes = fig.subplots(1, len(TRENDS))
    years = np.arange(1, lockstep.steps_done + 1) / 4.0
    for ax, (col, title, cumulative) in zip(axes, TRENDS, strict=True):
        for k, world in enumerate(lockstep.worlds):
            y = world.column(col)
            ax.plot(
                years, np.cumsum(y) if cumulative else y, color=WORLD_COLOURS[k], label=world.name
            )
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("year")
        ax.set_xlim(0, max(lockstep.horizon / 4.0, 1.0))
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=8)
    return fig
