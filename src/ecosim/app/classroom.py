"""A participatory class: one shared world, some organisations played by students.

The teacher opens a :class:`ClassRoom` (a scenario, a seed, seconds per decision);
students join with the code and each picks an organisation (:meth:`ClassRoom.join`).
Each round (a year; :meth:`ClassRoom.next_round`) the world steps in a thread of its
own; when an organisation a student plays has a decision to take, the step waits for
the student's answer, or for :attr:`ClassRoom.seconds` and then takes the agent's own
choice. The world beside it, run by its agents alone from the same seed, steps with it.
A business-development question whose options are the same as the last one the student
answered gets that answer again without asking ("standing"), and the teacher can skip
the rest of a round (the agents decide). The server's open classes and who holds what
in them are :mod:`ecosim.app.class_registry`.

The debrief (:meth:`ClassRoom.debrief`) shows the two worlds side by side and lists the
students' choices that differed from their agents'. "What this choice changed"
(:meth:`ClassRoom.effects`) replays the class's history with every other choice as the
students made it and that one as the agent would have: one history each, not a sample,
and later choices are replayed only where the same question comes up again.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ecosim.app.class_effects import EFFECT_OUTCOMES, replay_effects
from ecosim.app.frames import assemble, world_frame
from ecosim.app.lockstep import STATUS
from ecosim.app.questions import AskingDecisions, Key, Question, display_names
from ecosim.decisions import Decisions
from ecosim.model import EcosystemModel
from ecosim.scenario import Scenario
from ecosim.sectors import Sector

__all__ = [
    "BY",
    "EFFECT_OUTCOMES",
    "QUARTERS_PER_ROUND",
    "ROLES",
    "STANDING_KINDS",
    "STARTING_QUARTERS",
    "ClassRoom",
    "Made",
]

ROLES = {
    "Pharma firms": (Sector.pharma,),
    "Payers": (Sector.payer,),
    "Patient organisations (outreach, membership)": (Sector.patient_org,),
    "Academic centres (initiative membership)": (Sector.academia,),
}
"""The organisations students can play, by role."""

QUARTERS_PER_ROUND = 4
"""A round is one year: every yearly decision (the membership review) comes up once."""

STARTING_QUARTERS = 1
"""Quarters the agents play before the class takes over: in the first, the payers decide on
every therapy already on the market (a score of questions at once for a student)."""

STANDING_KINDS = ("asset",)
"""Kinds of question a student's answer stands for while the choices stay the same: a
pharma firm sees the same biotech programmes for quarters, and asking each quarter made
business development two thirds of a full class's questions."""

BY = {
    "student": "the student",
    "standing": "the student's standing answer",
    "time-out": "the agent (time out)",
    "skipped": "the agent (the teacher skipped the round)",
    "left": "the agent (the student left)",
}
"""Who made a recorded choice."""


@dataclass
class Made:
    """A question and what was chosen: by the student, or on time-out by the agent."""

    question: Question
    value: str
    by: str  # a key of BY

    @property
    def differs(self) -> bool:
        """Whether the choice is not the one the agent would have made."""
        return self.value != self.question.default


class _Asking(AskingDecisions):
    """The class world's decisions: each question waits for the student who plays it."""

    def __init__(self, room: ClassRoom, names: dict[int, str], seed: int):
        super().__init__(names, (), seed)
        self.room = room

    def answer(self, question: Question) -> str:
        return self.room._decide(question)


@dataclass(eq=False)  # a class is itself, not its fields: compared by identity
class ClassRoom:
    """One class's shared world, its agents-only twin, the students and their choices."""

    scenario: Scenario
    seed: int
    seconds: float
    code: str = ""
    token: str = ""  # the teacher's (class_registry.open_class draws it)
    students: dict[int, str] = field(default_factory=dict)  # row -> student's name
    made: list[Made] = field(default_factory=list)
    state: str = "waiting for the first round"
    round: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Condition()
        self._pending: Question | None = None
        self._deadline = 0.0
        self._answer: str | None = None
        self._thread: threading.Thread | None = None
        self._skipping = self._replaying = self.closed = False
        self._played: dict[int, frozenset[int]] = {}  # quarter -> rows students played
        self._standing: dict[tuple[int, str], tuple[tuple[str, ...], str]] = {}
        self.agents = self.new_world(None)
        self.names = display_names(self.agents)
        self.decisions = _Asking(self, self.names, self.seed)
        self.world = self.new_world(self.decisions)
        for _ in range(STARTING_QUARTERS):  # the world as the class finds it: agents only
            self.world.step()
            self.agents.step()
        self._frame = self._make_frame()
        self._effects: dict[tuple, list[dict[str, Any]]] = {}

    def new_world(self, decisions: Decisions | None) -> EcosystemModel:
        """A world of the class's scenario and seed, from quarter 0, with ``decisions``."""
        return EcosystemModel(
            self.scenario,
            rng=np.random.default_rng(np.random.SeedSequence(self.seed)),
            decisions=decisions,
        )

    # ------------------------------------------------------------------ students
    def roles(self) -> dict[str, list[tuple[int, str]]]:
        """The organisations still free to play, by role: (row, display name)."""
        m = self.agents
        with self._lock:
            taken = set(self.students)
        return {
            role: [
                (int(r), self.names[int(r)])
                for r in m.live_indices(*sectors)
                if int(r) not in taken
            ]
            for role, sectors in ROLES.items()
        }

    def join(self, student: str, row: int) -> str:
        """Student ``student`` plays organisation ``row``; return its name (or raise)."""
        with self._lock:
            if row in self.students:
                raise ValueError(f"{self.names[row]} is already played by {self.students[row]}")
            if row not in self.names:
                raise ValueError(f"no organisation {row}")
            self.students[row] = student.strip() or f"Student {len(self.students) + 1}"
            return self.names[row]

    def leave(self, row: int) -> None:
        """The student playing ``row`` leaves; its agent takes its decisions again."""
        with self._lock:
            self.students.pop(row, None)
            self._standing = {k: v for k, v in self._standing.items() if k[0] != row}
            self._lock.notify_all()

    def close(self) -> None:
        """The class ends: the agents take every decision left; no round starts again."""
        with self._lock:
            self.closed, self._skipping = True, True
            self.students.clear()
            self.state = "the class is closed"
            self._lock.notify_all()

    def skip(self) -> bool:
        """The agents take the rest of this round's decisions; False if none is played."""
        with self._lock:
            if not self.running:
                return False
            self._skipping = True
            self._lock.notify_all()
            return True

    # ------------------------------------------------------------------ rounds
    @property
    def running(self) -> bool:
        """Whether a round is being played."""
        return self._thread is not None and self._thread.is_alive()

    @property
    def busy(self) -> bool:
        """Whether a round is played or the debrief's replays are computed."""
        return self.running or self._replaying

    @property
    def finished(self) -> bool:
        """Whether the world has reached its horizon."""
        return int(self.world.steps) >= self.scenario.steps

    def next_round(self) -> bool:
        """Start the next round (a year) in the background; False if one is running."""
        with self._lock:
            if self.busy or self.finished or self.closed:
                return False
            self._skipping = False
            self.round += 1
            self.state = f"round {self.round} is being played"
            self._thread = threading.Thread(target=self._play_round, daemon=True)
            self._thread.start()
            return True

    def _play_round(self) -> None:
        try:
            self._play_quarters()
        except Exception as exc:  # shown on every screen, not lost in a thread
            with self._lock:
                self.state = f"the round stopped: {type(exc).__name__}: {exc}"
            raise

    def _play_quarters(self) -> None:
        for _ in range(QUARTERS_PER_ROUND):
            if self.finished:
                break
            with self._lock:
                self.decisions.controls = frozenset(self.students)
                self._played[int(self.world.steps)] = self.decisions.controls
            self.decisions.quarter = int(self.world.steps)
            self.world.step()
            self.agents.step()
        frame = self._make_frame()
        with self._lock:
            self._frame = frame
            if not self.closed:
                self.state = (
                    "the horizon is reached"
                    if self.finished
                    else f"round {self.round} done: waiting for the teacher"
                )

    def _decide(self, question: Question) -> str:
        """The choice for ``question``: the student's, standing, or the agent's (see BY)."""
        with self._lock:
            value, by = self._standing_answer(question) or self._wait_for(question)
            self.made.append(Made(question, value, by))
            if by == "student" and question.kind in STANDING_KINDS:
                self._standing[(question.row, question.kind)] = (question.values, value)
            return value

    def _standing_answer(self, question: Question) -> tuple[str, str] | None:
        stood = self._standing.get((question.row, question.kind))
        if stood is None or stood[0] != question.values or question.row not in self.students:
            return None
        return stood[1], "standing"

    def _wait_for(self, question: Question) -> tuple[str, str]:
        """The student's answer and "student", or the agent's own and why (lock held)."""
        self._pending, self._answer = question, None
        self._deadline = time.monotonic() + self.seconds
        while self._answer is None and question.row in self.students and not self._skipping:
            left = self._deadline - time.monotonic()
            if left <= 0:
                break
            self._lock.wait(left)
        self._pending = None
        if self._answer is not None:
            return self._answer, "student"
        if self._skipping:
            return question.default, "skipped"
        return question.default, "time-out" if question.row in self.students else "left"

    def pending(self) -> tuple[Question | None, float]:
        """The question the world waits on now and the seconds left for it."""
        with self._lock:
            return self._pending, max(0.0, self._deadline - time.monotonic())

    def answer(self, row: int, key: Key, value: str) -> bool:
        """Student playing ``row`` answers question ``key``; False if it is no longer asked."""
        with self._lock:
            q = self._pending
            if q is None or q.row != row or q.key != key or value not in dict(q.choices):
                return False
            self._answer = value
            self._lock.notify_all()
            return True

    # ------------------------------------------------------------------ what the screens show
    def _make_frame(self) -> dict[str, Any]:
        worlds = [world_frame(self.world, "Your class"), world_frame(self.agents, "Agents alone")]
        return assemble(worlds, int(self.world.steps), self.scenario.steps, self.seed)

    def frame(self) -> dict[str, Any]:
        """Both worlds at the end of the last round (a frame of :mod:`ecosim.app.frames`)."""
        with self._lock:
            return self._frame

    def status(self) -> dict[str, Any]:
        """What the teacher's screen lists: clock, state, who plays what, who has decided."""
        q, left = self.pending()
        with self._lock:
            this_round = [x for x in self.made if x.question.quarter >= self._round_start()]
            roster = []
            for row, student in sorted(self.students.items()):
                mine = [x for x in this_round if x.question.row == row]
                roster.append(
                    {
                        "student": student,
                        "organisation": self.names[row],
                        "decided": sum(x.by in ("student", "standing") for x in mine),
                        "timed_out": sum(x.by not in ("student", "standing") for x in mine),
                        "asked_now": q is not None and q.row == row,
                    }
                )
            played_by = None if q is None else self.students.get(q.row)
            return {
                "quarter": int(self.world.steps),
                "horizon": self.scenario.steps,
                "round": self.round,
                "state": self.state,
                "running": self.running,
                "waiting_on": None if q is None else self.names[q.row],
                "waiting_on_student": played_by,
                "waiting_on_row": None if q is None else q.row,
                "seconds_left": left,
                "roster": roster,
            }

    def _round_start(self) -> int:
        return STARTING_QUARTERS + max(0, (self.round - 1) * QUARTERS_PER_ROUND)

    def choices_of(self, row: int) -> list[Made]:
        """The questions put to organisation ``row`` so far, with what was chosen."""
        with self._lock:
            return [x for x in self.made if x.question.row == row]

    def debrief(self) -> dict[str, Any]:
        """Both worlds, the outcomes compared and the students' choices that differed."""
        with self._lock:
            differing = [x for x in self.made if x.differs]
            frame = self._frame
        first = min((x.question.quarter for x in differing), default=None)
        a, b = (w["status"] for w in frame["worlds"])
        rows = [
            [STATUS[k].label, STATUS[k].show(a[k]), STATUS[k].show(b[k])] for k in EFFECT_OUTCOMES
        ]
        return {"frame": frame, "outcomes": rows, "differing": differing, "first": first}

    # ------------------------------------------------------------------ what each choice changed
    def effects(self, row: int | None = None) -> list[dict[str, Any]]:
        """What the students' differing choices changed, in this one history.

        Without ``row``: one entry per student, that student's differing choices all
        made as the agent would have; with ``row``: one entry per differing choice of
        that organisation. Each entry is the class's outcomes less the replay's
        (:data:`EFFECT_OUTCOMES`). A replay runs the class's world to the same quarter
        with every other choice as made, so it takes as long as the class's world did.
        """
        with self._lock:
            if self.busy:
                raise RuntimeError("a round or a replay is under way: wait for its end")
            made, quarter, played = list(self.made), int(self.world.steps), dict(self._played)
            cache_key = (row, len(made), quarter)
            if cache_key in self._effects:
                return self._effects[cache_key]
            self._replaying = True
        try:
            out = replay_effects(self, made, quarter, played, row)
        finally:
            with self._lock:
                self._replaying = False
        self._effects[cache_key] = out
        return out
