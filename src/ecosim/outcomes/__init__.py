"""Every outcome of a run, declared once: name, level, unit, label, format, direction.

``step`` outcomes are recorded every quarter (:class:`ecosim.metrics.Recorder`), ``run``
outcomes once per run (:func:`ecosim.metrics.summarise`); tests check that both produce
exactly the outcomes declared here. The CLI summary, the comparison report, the app, the
experiment validator and the docs read labels, units, formats and directions from here.

``better`` is +1 when higher is better, -1 when lower is better and 0 when the outcome is
descriptive only (more partnerships are not good in themselves).
"""

from __future__ import annotations

from ecosim.outcomes.base import Outcome
from ecosim.outcomes.run import RUN
from ecosim.outcomes.step import STEP

__all__ = ["RUN", "STEP", "Outcome", "outcome", "title"]


def outcome(name: str) -> Outcome:
    """The outcome called ``name``: a run outcome, else a step outcome.

    Raises:
        KeyError: no such outcome.
    """
    if name in RUN:
        return RUN[name]
    return STEP[name]


def title(name: str, cumulative: bool = False) -> str:
    """A chart title for a per-step outcome: its label and unit (cumulated or per quarter)."""
    o = STEP[name]
    return f"{o.label[0].upper()}{o.label[1:]} ({o.unit}{', cumulative' if cumulative else ''})"
