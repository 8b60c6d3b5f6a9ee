"""What the page shows of one frame, as the data its Vue view draws (frame_view.vue).

:func:`screen_view` turns a frame (:func:`ecosim.app.frames.frame`) into the clock, the
two world cards (name, colour, network shapes, the card's rows already formatted) and
the Plotly specifications of the headline chart and of the one extra chart the student
chose. The whole moment is one small update to the browser, which draws it itself.
"""

from __future__ import annotations

from typing import Any

from ecosim.app import charts
from ecosim.app.lockstep import STATUS

__all__ = ["HEADLINE", "MORE_CHARTS", "screen_view"]

HEADLINE = ("approvals", "accrual_closure_share", "partnerships_active")
"""The three numbers of the presenter view."""

MORE_CHARTS = {
    "Trends": charts.trends_chart,
    "Pipeline": charts.pipeline_chart,
    "Patient cascade": charts.cascade_chart,
}
"""Charts below the worlds, one at a time, drawn only when chosen (each costs the browser)."""


def screen_view(frame: dict[str, Any], more: str = "", presenter: bool = False) -> dict:
    """The data the page's view draws for ``frame``.

    Args:
        frame: a frame from a worker.
        more: the extra chart to draw (a key of :data:`MORE_CHARTS`), or none.
        presenter: large type, two networks and :data:`HEADLINE`'s three numbers.
    """
    keys = HEADLINE if presenter else tuple(STATUS)
    worlds = [
        {
            "name": w["name"],
            "quarter": w["quarter"],
            "colour": charts.WORLD_COLOURS[k % 2],
            "network": charts.network_view(w),
            "rows": [[STATUS[key].label, STATUS[key].show(w["status"][key])] for key in keys],
        }
        for k, w in enumerate(frame["worlds"])
    ]
    make = MORE_CHARTS.get(more)
    q = frame["quarter"]
    clock = f"Year {q / 4:.2f} (quarter {q} of {frame['horizon']}), seed {frame['seed']}"
    return {
        "clock": clock,
        "worlds": worlds,
        "headline": None if presenter else charts.headline_chart(frame),
        "more": make(frame) if make and not presenter else None,
    }
