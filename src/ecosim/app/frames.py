"""What the page needs to draw one moment of a :class:`Lockstep`, as plain data.

A frame is a small dictionary of numbers and lists (a few kilobytes), built in the worker
process that steps the worlds and sent to the page, which draws it in the browser
(:mod:`ecosim.app.charts`). Nothing in it is an image.
"""

from __future__ import annotations

from typing import Any

from ecosim.analysis.comparison import plain_name
from ecosim.app.lockstep import (
    CASCADE_STEPS,
    Lockstep,
    world_cascade,
    world_pipeline,
    world_status,
)
from ecosim.experiments.replicates import network_snapshot
from ecosim.model import EcosystemModel

__all__ = [
    "CASCADE_SPAN",
    "SERIES",
    "assemble",
    "frame",
    "plain_name",
    "world_frame",
    "world_names",
]

SERIES: dict[str, bool] = {
    "approvals": True,
    "patients_matched": False,
    "rd_spend_musd": False,
}
"""The per-quarter outcomes the trend charts draw, and whether they are shown cumulated."""

CASCADE_SPAN = 4
"""Quarters the patient cascade sums over (the last year; fewer before the first year)."""


def world_names(baseline: str, chosen: str, changed: bool) -> tuple[str, str]:
    """Display names of the left and right world; never the same name twice.

    The right world is the chosen scenario, "+ your changes" when a lever has moved, and
    "(copy)" when it is the baseline itself unchanged (lesson 1's control), so its card,
    network, bars and exported rows stay apart from the left world's.
    """
    left = plain_name(baseline)
    right = plain_name(chosen) + (" + your changes" if changed else "")
    if right == left:
        right = f"{left} (copy)"
    return left, right


def world_frame(model: EcosystemModel, name: str) -> dict[str, Any]:
    """One world's part of a frame (see :func:`frame`), at the quarter it has reached."""
    span = max(1, min(CASCADE_SPAN, int(model.steps)))
    net = network_snapshot(model)
    rows = model.recorder.rows
    return {
        "name": name,
        "quarter": int(model.steps),
        "status": world_status(model),
        "pipeline": [int(v) for v in world_pipeline(model)],
        "cascade": [float(v) for v in world_cascade(model, span)],
        "cascade_quarters": span,
        "series": {col: [float(v) for v in rows[col]] for col in SERIES},
        "nodes": [[int(i), s] for i, s in net["nodes"]],
        "edges": [[int(a), int(b), k, round(float(t), 3)] for a, b, k, t in net["edges"]],
    }


def assemble(worlds: list[dict[str, Any]], quarter: int, horizon: int, seed: int) -> dict:
    """A frame from its two worlds' parts."""
    return {
        "quarter": quarter,
        "horizon": horizon,
        "seed": seed,
        "worlds": worlds,
        "cascade_labels": [label for _, label in CASCADE_STEPS],
    }


def frame(pair: Lockstep) -> dict[str, Any]:
    """The current moment of both worlds: clock, status cards, charts' data, network.

    Keys: ``quarter``, ``horizon``, ``seed`` and ``worlds``, a list (left, right) of
    dictionaries with the world's ``name``, ``quarter``, ``status`` (the card's values),
    ``pipeline`` (programmes per phase), ``cascade`` (patients per cascade step over the
    last :data:`CASCADE_SPAN` quarters), ``series`` (per-quarter values of :data:`SERIES`),
    ``nodes`` ([row, sector]) and ``edges`` ([a, b, kind, trust]).
    """
    worlds = [world_frame(w.model, w.name) for w in pair.worlds]
    return assemble(worlds, pair.steps_done, pair.horizon, pair.seed)
