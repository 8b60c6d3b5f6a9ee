"""The boxes of scenario discovery in words and in a chart (:mod:`ecosim.analysis.discovery`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ecosim.analysis.plots import plt, save_figure

__all__ = ["describe", "plot_discovery", "write_markdown"]


def describe(restrictions: list[dict]) -> str:
    """A box's restrictions as one line: ``a in [0.2, 0.6]; b: x, y``."""
    if not restrictions:
        return "no restriction (the whole space)"
    parts = []
    for r in restrictions:
        if "levels" in r and isinstance(r["levels"], str):
            parts.append(f"`{r['parameter']}` in {{{r['levels']}}}")
        else:
            parts.append(f"`{r['parameter']}` in [{r['min']:.4g}, {r['max']:.4g}]")
    return "; ".join(parts)


def write_markdown(
    context: dict, chosen: int, stats: pd.Series, prim_rows: list[dict], leaves: list[dict]
) -> str:
    """``discovery.md``: what was asked, the PRIM box and the CART leaves that answer it."""
    c = context
    base = c["hits"] / c["points"]
    lines = [
        f"# Scenario discovery in {c['folder']}",
        "",
        f"Condition: **{c['condition']}** (threshold {c['threshold']:.4g}), met at "
        f"{c['hits']} of {c['points']} design points ({base:.0%}; outcome averaged over "
        "each point's replicates).",
    ]
    if c["dropped"]:
        lines.append(f"{c['dropped']} points where the outcome is undefined were left out.")
    lines += [
        "",
        "## PRIM",
        "",
        f"The densest box on the peeling trajectory with coverage of at least "
        f"{c['min_coverage']:.0%} (box {chosen}; every box is in `prim_trajectory.csv`):",
        "",
        f"- coverage {stats['coverage']:.0%} (of the points that meet the condition, the "
        "share inside the box)",
        f"- density {stats['density']:.0%} (of the points inside, the share that meet it; "
        f"{base:.0%} in the whole space)",
        f"- mass {stats['mass']:.0%} (the share of all points inside)",
        f"- restricted: {describe(prim_rows)}",
    ]
    if any(np.isfinite(r.get("quasi_p", np.nan)) for r in prim_rows):
        lines.append(
            "- quasi-p of each restriction (one-sided binomial test of dropping it; Bryant "
            "and Lempert 2010): "
            + ", ".join(f"`{r['parameter']}` {r['quasi_p']:.2g}" for r in prim_rows)
        )
    if stats["density"] < base + (1 - base) / 4:
        lines += ["", "The box is barely denser than the space: no clear region holds the cases."]
    lines += [
        "",
        "## CART",
        "",
        "Leaves whose density is above the share in the whole space:",
        "",
        "| leaf | coverage | density | mass | restrictions |",
        "|---|---|---|---|---|",
    ]
    rich = [leaf for leaf in leaves if leaf["density"] > base]
    for leaf in sorted(rich, key=lambda r: -r["density"]):
        lines.append(
            f"| {leaf['box']} | {leaf['coverage']:.0%} | {leaf['density']:.0%} | "
            f"{leaf['mass']:.0%} | {describe(leaf['restrictions'])} |"
        )
    if not rich:
        lines.append("| (none) | | | | |")
    lines += [
        "",
        "PRIM and CART are the EMA Workbench's implementations (`mass_min` "
        f"{c['mass_min']}); read a box as a description of this sample of points, and "
        "check it with a sweep inside and outside it before quoting it.",
    ]
    return "\n".join(lines) + "\n"


def plot_discovery(
    x: pd.DataFrame,
    hit: np.ndarray,
    trajectory: pd.DataFrame,
    chosen: int,
    restrictions: list[dict],
    stem: Path,
) -> list[Path]:
    """The PRIM trade-off (coverage against density) and the chosen box's limits."""
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(13, 4.6), gridspec_kw={"width_ratios": [1, 1.4]}
    )
    dots = left.scatter(
        trajectory["coverage"], trajectory["density"], c=trajectory["res_dim"], cmap="viridis"
    )
    left.scatter(
        [trajectory.loc[chosen, "coverage"]],
        [trajectory.loc[chosen, "density"]],
        s=160,
        facecolors="none",
        edgecolors="red",
        label=f"box {chosen} (reported)",
    )
    fig.colorbar(dots, ax=left, label="restricted parameters")
    left.set_xlabel("coverage (share of the cases of interest inside)")
    left.set_ylabel("density (share inside that are cases)")
    left.set_title("PRIM peeling trajectory")
    left.legend(loc="lower left")
    numeric = [r for r in restrictions if "min" in r and np.isfinite(r.get("min", np.nan))]
    for k, r in enumerate(numeric):
        lo, hi = x[r["parameter"]].min(), x[r["parameter"]].max()
        span = hi - lo or 1.0
        right.barh(k, (r["max"] - r["min"]) / span, left=(r["min"] - lo) / span, color="C1")
        right.text(1.02, k, f"{r['min']:.3g} to {r['max']:.3g}", va="center", fontsize=8)
    right.set_yticks(range(len(numeric)), [r["parameter"] for r in numeric], fontsize=8)
    right.set_xlim(0, 1)
    right.set_xlabel("share of the parameter's sampled range")
    right.set_title(f"Box {chosen}: numeric restrictions ({int(hit.sum())} cases)")
    if not numeric:
        right.text(0.5, 0.5, "no numeric restriction", ha="center", va="center")
    fig.tight_layout()
    return save_figure(fig, stem)
