"""Scenario discovery on a finished sweep: PRIM and CART (``ecosim discover``).

A condition on one outcome ("approvals < 31", "approvals > median") marks the design
points of interest (replicates averaged per point first). PRIM (Friedman and Fisher 1999;
Bryant and Lempert 2010) peels the parameter space down to a box that holds many of them
(coverage: the share of all points of interest inside) and few others (density: the share
of the points inside that are of interest); CART (Breiman et al. 1984) splits it into
leaves. Both are the EMA Workbench's implementations (the ``ema`` extra); we only choose
a box, describe it and draw it.

Which PRIM box: the densest on the peeling trajectory whose coverage is at least
``min_coverage`` (a box that explains few of the cases of interest is not an answer);
the whole trajectory is written too, for a user who weighs the trade-off differently.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ecosim.experiments.sweep_store import EMPTY_COLUMNS

__all__ = ["Condition", "DiscoveryError", "discover", "parse_condition"]

_CONDITION = re.compile(
    r"^\s*(?P<outcome>[A-Za-z_][\w.]*)\s*(?P<op><=|>=|<|>)\s*"
    r"(?P<threshold>median|mean|q\d{1,2}|[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)\s*$"
)


class DiscoveryError(ValueError):
    """A condition or a sweep that scenario discovery cannot work with (bad input)."""


@dataclass(frozen=True)
class Condition:
    """``outcome op threshold``; the threshold a number, ``median``, ``mean`` or ``qNN``."""

    outcome: str
    op: str
    threshold: str

    def value(self, y: pd.Series) -> float:
        """The threshold in the outcome's units, over the point means ``y``."""
        if self.threshold == "median":
            return float(y.median())
        if self.threshold == "mean":
            return float(y.mean())
        if self.threshold.startswith("q"):
            return float(y.quantile(int(self.threshold[1:]) / 100))
        return float(self.threshold)

    def holds(self, y: pd.Series) -> np.ndarray:
        """True for the points that meet the condition."""
        t = self.value(y)
        ops = {"<": y < t, "<=": y <= t, ">": y > t, ">=": y >= t}
        return ops[self.op].to_numpy()

    def __str__(self) -> str:
        return f"{self.outcome} {self.op} {self.threshold}"


def parse_condition(text: str, outcomes: list[str]) -> Condition:
    """Read ``"OUTCOME OP THRESHOLD"``; the outcome must be one the sweep recorded.

    Raises:
        DiscoveryError: the text is not a condition, or names an outcome not recorded.
    """
    match = _CONDITION.match(text)
    if match is None:
        raise DiscoveryError(
            f"condition {text!r}: expected OUTCOME OP THRESHOLD, OP one of < <= > >=, "
            "THRESHOLD a number, median, mean or qNN (a percentile), e.g. 'approvals > median'"
        )
    cond = Condition(match["outcome"], match["op"], match["threshold"])
    if cond.outcome not in outcomes:
        raise DiscoveryError(
            f"condition {text!r}: outcome {cond.outcome!r} is not in the sweep; "
            f"recorded: {', '.join(sorted(outcomes))}"
        )
    return cond


def _parameters(points: pd.DataFrame) -> pd.DataFrame:
    """The design's parameters, numeric as floats and the rest as categories."""
    x = points[[c for c in points.columns if not c.startswith("u_")]].copy()
    for col in x.columns:
        numeric = pd.to_numeric(x[col], errors="coerce")
        x[col] = numeric.astype(float) if numeric.notna().all() else x[col].astype("category")
    return x.loc[:, x.nunique() > 1]  # a factor the design does not vary restricts nothing


def _restrictions(limits: pd.DataFrame, initial: pd.DataFrame) -> list[dict]:
    """The parameters a box restricts, with its bounds (or its levels)."""
    rows = []
    for name in limits.columns:
        lo, hi = limits[name].iloc[0], limits[name].iloc[1]
        if isinstance(lo, set):
            if lo != initial[name].iloc[0]:
                rows.append({"parameter": name, "levels": ", ".join(sorted(map(str, lo)))})
        elif lo > initial[name].iloc[0] or hi < initial[name].iloc[1]:
            rows.append({"parameter": name, "min": float(lo), "max": float(hi)})
    return rows


def _prim(x: pd.DataFrame, y: np.ndarray, mass_min: float, min_coverage: float):
    from ema_workbench.analysis import prim

    search = prim.Prim(x, y, mass_min=mass_min)
    box = search.find_box()
    trajectory = box.peeling_trajectory.copy()
    eligible = trajectory[trajectory["coverage"] >= min_coverage]
    chosen = int(eligible["density"].idxmax()) if len(eligible) else len(trajectory) - 1
    qp = box.inspect(chosen, style="data")[0][1]
    rows = _restrictions(box.box_lims[chosen], search.box_init)
    for r in rows:
        values = qp.loc[r["parameter"]].to_numpy()[2:]
        r["quasi_p"] = float(np.nanmin(values)) if np.isfinite(values).any() else np.nan
    stats = trajectory.loc[chosen, ["coverage", "density", "mass", "res_dim"]]
    return trajectory, chosen, stats, rows


def _full_range(values: pd.Series) -> list:
    """A parameter's unrestricted limits: its range, or the set of its levels."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return [set(values.cat.categories)] * 2
    return [values.min(), values.max()]


def _cart(x: pd.DataFrame, y: np.ndarray, mass_min: float) -> list[dict]:
    from ema_workbench.analysis import cart

    tree = cart.CART(x, y, mass_min=mass_min)
    tree.build_tree()
    stats = tree.stats_to_dataframe()
    boxes = tree.boxes_to_dataframe()
    initial = pd.DataFrame({c: _full_range(x[c]) for c in x.columns})
    leaves = []
    for leaf in stats.index:
        limits = pd.DataFrame(
            {c: [boxes.loc[c, (leaf, "min")], boxes.loc[c, (leaf, "max")]] for c in boxes.index}
        )
        leaves.append(
            {
                "box": leaf,
                **stats.loc[leaf, ["coverage", "density", "mass"]].to_dict(),
                "restrictions": _restrictions(limits, initial[limits.columns]),
            }
        )
    return leaves


def discover(
    folder: Path,
    condition: str,
    out: Path | None = None,
    mass_min: float = 0.05,
    min_coverage: float = 0.5,
) -> dict[str, Path]:
    """Find where in a sweep's parameter space ``condition`` holds (PRIM and CART).

    Writes ``boxes.csv`` (one row per restricted parameter of the PRIM box and of each
    CART leaf), ``prim_trajectory.csv``, ``discovery.md`` (the boxes in words) and
    ``discovery.png`` to ``out`` (default ``DIR/discovery``).

    Args:
        folder: a finished sweep folder.
        condition: ``"OUTCOME OP THRESHOLD"``, e.g. ``"approvals < 31"``.
        out: where to write (default ``folder/discovery``).
        mass_min: the smallest share of all points a box may hold.
        min_coverage: the least coverage of the PRIM box reported.

    Raises:
        DiscoveryError: bad condition, an unfinished sweep, or nothing to tell apart.
    """
    from ecosim.analysis.discovery_report import plot_discovery, write_markdown
    from ecosim.analysis.sensitivity import SweepIncompleteError, finished_sweep

    try:
        store, _, summary = finished_sweep(folder)
    except (FileNotFoundError, SweepIncompleteError) as exc:
        raise DiscoveryError(str(exc)) from None
    outcomes = [c for c in summary.columns if c not in EMPTY_COLUMNS["summary"]]
    cond = parse_condition(condition, outcomes)
    y = summary.groupby("point")[cond.outcome].mean().sort_index()
    x = _parameters(store.points()).loc[y.index]
    defined = y.notna().to_numpy()
    y, x = y[defined], x[defined]
    hit = cond.holds(y)
    if x.shape[1] == 0:
        raise DiscoveryError(f"{folder}: the design varies no parameter")
    if hit.all() or not hit.any():
        raise DiscoveryError(
            f"{cond} (threshold {cond.value(y):.4g}) holds at {int(hit.sum())} of {len(hit)} "
            "points: nothing to tell apart; choose another threshold"
        )
    mass_min = max(mass_min, 1 / len(hit))  # a box (a CART leaf) holds at least one point
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # EMA's notes on optional packages and dtypes
        trajectory, chosen, stats, prim_rows = _prim(x, hit, mass_min, min_coverage)
        leaves = _cart(x, hit, mass_min)
    out = Path(out) if out else Path(folder) / "discovery"
    out.mkdir(parents=True, exist_ok=True)
    rows = [{"method": "prim", "box": chosen, **stats.to_dict(), **r} for r in prim_rows]
    for leaf in leaves:
        base = {k: leaf[k] for k in ("box", "coverage", "density", "mass")}
        rows += [{"method": "cart", **base, **r} for r in leaf["restrictions"]]
    pd.DataFrame(rows).to_csv(out / "boxes.csv", index=False)
    trajectory.to_csv(out / "prim_trajectory.csv", index=False)
    context = {
        "folder": folder,
        "condition": cond,
        "threshold": cond.value(y),
        "hits": int(hit.sum()),
        "points": len(hit),
        "dropped": int((~defined).sum()),
        "min_coverage": min_coverage,
        "mass_min": mass_min,
    }
    (out / "discovery.md").write_text(write_markdown(context, chosen, stats, prim_rows, leaves))
    plot_discovery(x, hit, trajectory, chosen, prim_rows, out / "discovery")
    return {
        "boxes": out / "boxes.csv",
        "trajectory": out / "prim_trajectory.csv",
        "report": out / "discovery.md",
        "plot": out / "discovery.png",
    }
