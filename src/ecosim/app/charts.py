"""The app's charts as Plotly figure specifications, drawn in the browser.

Each function turns a frame (:func:`ecosim.app.frames.frame`) into a plain
``{"data": [...], "layout": {...}}`` dictionary that Plotly's JavaScript (shipped inside
the ``plotly`` Python package, so it works offline) draws in the student's browser. The
server never renders an image; the chart's own toolbar saves it as PNG.
"""

from __future__ import annotations

import functools
import math
from typing import Any

from ecosim.analysis.plots import KIND_COLOURS, SCENARIO_COLOURS, SECTOR_COLOURS
from ecosim.app.frames import SERIES
from ecosim.outcomes import title as outcome_title

__all__ = [
    "PHASE_LABELS",
    "WORLD_COLOURS",
    "cascade_chart",
    "circle_layout",
    "headline_chart",
    "legend_html",
    "network_view",
    "pipeline_chart",
    "trends_chart",
]

WORLD_COLOURS = SCENARIO_COLOURS[:2]
"""Colour of the siloed (left) and the chosen (right) world in every chart: the report's
colours of the base and the first compared scenario."""
LAYOUTS_KEPT = 256
"""Network layouts kept in memory (one per set of organisations; a world's set changes
only when an organisation enters or exits)."""

PHASE_LABELS = ("discovery", "preclinical", "phase I", "phase II", "phase III", "review")

TRUST_WIDTHS = ((0.33, 1.0), (0.66, 2.2), (1.01, 3.6))
"""Edge width (px) by partner trust: below 0.33, below 0.66, up to 1."""

Spec = dict[str, Any]

_FONT = {"family": "Helvetica, Arial, sans-serif", "size": 13}
_CONFIG = {"displaylogo": False, "responsive": True, "toImageButtonOptions": {"scale": 2}}


def _layout(**extra: Any) -> dict[str, Any]:
    base = {
        "font": _FONT,
        "margin": {"l": 56, "r": 12, "t": 36, "b": 48},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "legend": {"orientation": "h", "y": -0.18},
        "uirevision": "keep",  # zoom and hidden traces survive the next frame
    }
    base.update(extra)
    return base


def legend_html() -> str:
    """The networks' key as one line of HTML: a coloured dot per sector, a line per kind."""
    dots = [
        f'<span style="color:{c}">&#9679;</span> {s.replace("_", " ")}'
        for s, c in SECTOR_COLOURS.items()
    ]
    lines = [
        f'<span style="color:{c}">&#9472;&#9472;</span> {k.replace("_", " ")}'
        for k, c in KIND_COLOURS.items()
    ]
    return " &nbsp; ".join(dots + lines)


def circle_layout(nodes: list) -> dict[int, tuple[float, float]]:
    """Organisations on a circle, grouped by sector in a fixed order.

    Deterministic and stable from step to step (no randomness, no force layout), so a
    class can watch edges appear and vanish between organisations that stay put. The
    organisations change only when one enters or exits: the layout is kept per set.
    """
    return _circle_layout(tuple((int(i), s) for i, s in nodes))


@functools.lru_cache(maxsize=LAYOUTS_KEPT)
def _circle_layout(nodes: tuple) -> dict[int, tuple[float, float]]:
    order = {s: i for i, s in enumerate(SECTOR_COLOURS)}
    ranked = sorted(nodes, key=lambda n: (order.get(n[1], 99), n[0]))
    n = max(len(ranked), 1)
    return {
        idx: (math.cos(2 * math.pi * k / n), math.sin(2 * math.pi * k / n))
        for k, (idx, _) in enumerate(ranked)
    }


def network_view(world: dict[str, Any]) -> dict[str, Any]:
    """One world's partnership network as shapes the page draws as SVG.

    Returns ``nodes`` ([x, y, colour], one per live organisation, by sector), ``edges``
    ([x0, y0, x1, y1, colour, width], one per active partnership, by kind; width from
    :data:`TRUST_WIDTHS`) and ``count`` (the partnerships drawn, the card's number). A
    network of a hundred organisations changes every quarter, so it is drawn by the page
    itself (a few hundred SVG elements), not by a charting library.
    """
    pos = circle_layout(world["nodes"])
    sectors = {int(i): s for i, s in world["nodes"]}
    nodes = [
        [round(x, 4), round(y, 4), SECTOR_COLOURS.get(sectors[i], "black")]
        for i, (x, y) in pos.items()
    ]
    edges = []
    for a, b, kind, trust in world["edges"]:
        if a in pos and b in pos:
            width = next(w for high, w in TRUST_WIDTHS if trust < high)
            (x0, y0), (x1, y1) = pos[a], pos[b]
            edges.append(
                [
                    round(x0, 4),
                    round(y0, 4),
                    round(x1, 4),
                    round(y1, 4),
                    KIND_COLOURS.get(kind, "grey"),
                    width,
                ]
            )
    return {"nodes": nodes, "edges": edges, "count": len(edges)}


def _years(values: list) -> list[float]:
    return [(k + 1) / 4.0 for k in range(len(values))]


def _cumulative(values: list[float]) -> list[float]:
    out, total = [], 0.0
    for v in values:
        total += v
        out.append(total)
    return out


def _line(frame: dict, col: str, axis: str = "", legend: bool = True) -> list[dict]:
    traces = []
    for k, w in enumerate(frame["worlds"]):
        y = w["series"][col]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": w["name"],
                "legendgroup": w["name"],
                "showlegend": legend,
                "x": _years(y),
                "y": _cumulative(y) if SERIES[col] else y,
                "line": {"color": WORLD_COLOURS[k % 2], "width": 3},
                "xaxis": f"x{axis}",
                "yaxis": f"y{axis}",
            }
        )
    return traces


def headline_chart(frame: dict) -> Spec:
    """Approvals so far in both worlds, by year: the one chart of the first screen."""
    years = max(frame["horizon"] / 4.0, 1.0)
    layout = _layout(
        title={"text": "Therapies approved so far", "font": {"size": 14}},
        xaxis={"title": {"text": "year"}, "range": [0, years]},
        yaxis={"title": {"text": "therapies (cumulative)", "standoff": 4}, "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.25},
    )
    return {"data": _line(frame, "approvals"), "layout": layout, "config": _CONFIG}


def trends_chart(frame: dict) -> Spec:
    """Every :data:`SERIES` outcome over time, one panel each, both worlds."""
    years = max(frame["horizon"] / 4.0, 1.0)
    cols = list(SERIES)
    data: list[dict] = []
    layout = _layout(margin={"l": 56, "r": 12, "t": 48, "b": 48})
    gap = 0.06
    width = (1 - gap * (len(cols) - 1)) / len(cols)
    annotations = []
    for k, col in enumerate(cols):
        axis = "" if k == 0 else str(k + 1)
        data += _line(frame, col, axis, legend=k == 0)
        start = k * (width + gap)
        layout[f"xaxis{axis}"] = {
            "domain": [start, start + width],
            "range": [0, years],
            "title": {"text": "year"},
            "anchor": f"y{axis}",
        }
        layout[f"yaxis{axis}"] = {"anchor": f"x{axis}", "rangemode": "tozero"}
        annotations.append(
            {
                "text": outcome_title(col, SERIES[col]),
                "x": start + width / 2,
                "y": 1.08,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": 12},
            }
        )
    layout["annotations"] = annotations
    return {"data": data, "layout": layout, "config": _CONFIG}


def _bars(frame: dict, key: str, labels, title: str, ytitle: str, log: bool = False) -> Spec:
    data = [
        {
            "type": "bar",
            "name": w["name"],
            "x": list(labels),
            "y": w[key],
            "marker": {"color": WORLD_COLOURS[k % 2]},
            "text": [f"{v:,.0f}" for v in w[key]],
            "textposition": "outside",
            "cliponaxis": False,
        }
        for k, w in enumerate(frame["worlds"])
    ]
    yaxis: dict[str, Any] = {"title": {"text": ytitle}, "automargin": True}
    if log:
        yaxis["type"] = "log"
    layout = _layout(
        title={"text": title, "font": {"size": 14}},
        barmode="group",
        yaxis=yaxis,
        xaxis={"automargin": True, "tickangle": 0},
    )
    return {"data": data, "layout": layout, "config": _CONFIG}


def pipeline_chart(frame: dict) -> Spec:
    """Programmes now in each development phase, both worlds."""
    return _bars(frame, "pipeline", PHASE_LABELS, "Programme pipeline by phase (now)", "programmes")


def cascade_chart(frame: dict) -> Spec:
    """Patients at each cascade step over the last quarters, both worlds (log scale)."""
    quarters = frame["worlds"][0]["cascade_quarters"]
    span = "the last year" if quarters >= 4 else f"the last {quarters} quarter(s)"
    return _bars(
        frame,
        "cascade",
        frame["cascade_labels"],
        f"Patient cascade over {span}",
        "patients (log scale)",
        log=True,
    )
