"""What each student's differing choices changed: replays of a class's history.

Each replay runs the class's world from the same seed to the same quarter with every
recorded choice as made, except the ones undone, which are made as the agent would have
(:class:`ecosim.app.questions.Replay`). One history each, not a sample: a later
question is answered from the record only where it comes up again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ecosim.app.lockstep import world_status
from ecosim.app.questions import Replay

if TYPE_CHECKING:
    from ecosim.app.classroom import ClassRoom, Made

__all__ = ["EFFECT_OUTCOMES", "replay_effects"]

EFFECT_OUTCOMES = (
    "approvals",
    "patients_matched",
    "accrual_closure_share",
    "partnerships_active",
)
"""The outcomes the debrief compares (keys of :data:`ecosim.app.lockstep.STATUS`)."""


def replay_effects(
    room: ClassRoom, made: list[Made], quarter: int, played: dict, row: int | None
) -> list[dict[str, Any]]:
    """One entry per student (``row`` None) or per differing choice of ``row``.

    ``made``: the class's recorded choices; ``quarter``: the class world's quarter;
    ``played``: the rows played in each quarter. Each entry has a label, the choices
    undone and the changes: the class's outcomes less the replay's (:data:`EFFECT_OUTCOMES`).
    """
    differing = [x for x in made if x.differs and (row is None or x.question.row == row)]
    if row is None:
        groups = {}
        for x in differing:
            groups.setdefault(x.question.row, []).append(x)
        parts = [(room.names[r], xs) for r, xs in groups.items()]
    else:
        parts = [(x.question.text, [x]) for x in differing]
    recorded = {x.question.key: x.value for x in made}
    ours = world_status(room.world)
    out = []
    for label, xs in parts:
        undone = {x.question.key: x.question.default for x in xs}
        replay = Replay(room.names, played, {**recorded, **undone}, room.seed)
        m = room.new_world(replay)
        for _ in range(quarter):
            replay.quarter = int(m.steps)
            m.step()
        theirs = world_status(m)
        changes = {k: ours[k] - theirs[k] for k in EFFECT_OUTCOMES}
        out.append({"label": label, "choices": xs, "changes": changes})
    return out
