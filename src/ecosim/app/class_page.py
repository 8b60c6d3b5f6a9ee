"""The participatory mode's screens (Solara): the teacher's and a student's.

The teacher opens ``/?teach`` (and gets back to a class with ``/?teach=TOKEN``, the
address the teacher's screen shows), a student ``/?join=CODE``. The class itself is
:class:`ecosim.app.classroom.ClassRoom` and who holds what is
:mod:`ecosim.app.class_registry`; this module only binds widgets. See docs/teaching.md
("Lesson 4: Playing the ecosystem").
"""

from __future__ import annotations

import threading

import solara

from ecosim.app.class_registry import (
    answer_for,
    find_class,
    find_teaching,
    hold_class,
    open_class,
    take_seat,
)
from ecosim.app.classroom import BY, EFFECT_OUTCOMES, ClassRoom
from ecosim.app.lockstep import STATUS
from ecosim.app.screen import screen_view
from ecosim.library import library
from ecosim.scenario import ScenarioError, load_scenario
from ecosim.seeds import DEFAULT_SEED

__all__ = ["JoinView", "TeachView"]

POLL_SECONDS = 0.5
"""How often a screen looks at its class for news (seconds)."""
SECONDS_PER_DECISION = 30
"""The teacher's default time for a student's decision before the agent takes it."""
CLASS_SCENARIO = "collective_impact"


def _session() -> str:
    from solara.server import kernel_context

    return kernel_context.get_current_context().id


def _use_class_news(room: ClassRoom) -> int:
    """Redraw the calling component when the class changes (and each second of a countdown).

    One per page: it returns a counter to pass to the children that show the class.
    """
    from ecosim.app.page import session_watcher

    news = solara.use_reactive(0)

    def signature():
        q, left = room.pending()
        return (room.state, room.round, len(room.made), tuple(room.students), q, int(left))

    def loop(cancel: threading.Event) -> None:
        watched, last = session_watcher(), None
        while not cancel.is_set() and watched():
            now = signature()
            if now != last:
                last = now
                news.set(news.value + 1)
            cancel.wait(POLL_SECONDS)

    solara.use_thread(loop, dependencies=[room.code], intrusive_cancel=False)
    return news.value


def _marked(text: str, css_class: str) -> None:
    """Markdown in a column with a CSS class (a handle for tests and styles)."""
    with solara.Column(classes=[css_class]):
        solara.Markdown(text)


def _change(key: str, value: float) -> str:
    if STATUS[key].unit == "fraction":
        return f"{value * 100:+.1f} points"
    return f"{value:+,.0f}"


@solara.component
def Effects(room: ClassRoom) -> None:
    """What each student's differing choices changed (replays, on request)."""
    result = solara.use_reactive(None)
    working = solara.use_reactive(False)
    error = solara.use_reactive("")

    def compute() -> None:
        working.set(True)
        error.set("")
        try:
            result.set(room.effects())
        except Exception as exc:  # shown, not lost in a thread
            error.set(f"The replays stopped: {type(exc).__name__}: {exc}")
        finally:
            working.set(False)

    solara.Button(
        "What each student's choices changed",
        on_click=lambda: threading.Thread(target=compute, daemon=True).start(),
        disabled=working.value or room.busy,
    )
    if working.value:
        solara.Text("Replaying the class's history once per student...")
    if error.value:
        solara.Error(error.value)
    if result.value is not None:
        head = " | ".join(STATUS[k].label for k in EFFECT_OUTCOMES)
        lines = [f"| organisation | choices | {head} |", "|" + "---|" * (len(EFFECT_OUTCOMES) + 2)]
        for e in result.value:
            cells = " | ".join(_change(k, e["changes"][k]) for k in EFFECT_OUTCOMES)
            lines.append(f"| {e['label']} | {len(e['choices'])} | {cells} |")
        solara.Markdown(
            "Each row: this class's world less the same history with that student's differing "
            "choices made as their agent would have (every other choice as made).\n\n"
            + ("\n".join(lines) if result.value else "No student chose differently.")
        )


@solara.component
def Debrief(room: ClassRoom) -> None:
    """Both worlds, their outcomes, and the choices students made differently."""
    from ecosim.app.page import FrameView

    d = room.debrief()
    table = ["| | Your class | Agents alone |", "|---|---|---|"]
    table += [f"| {label} | {a} | {b} |" for label, a, b in d["outcomes"]]
    first = d["first"]
    history = (
        "No student chose differently from their agent: the two worlds are the same."
        if first is None
        else f"The two worlds are the same history up to quarter {first}, where a student "
        "first chose differently from their agent; after that every difference follows "
        "from the class's choices. This is one history, not a sample: another seed can "
        "answer differently (ecosim compare runs many)."
    )
    _marked(f"### Debrief\n{history}\n\n" + "\n".join(table), "ecosim-debrief")
    solara.Markdown(
        f"{len(d['differing'])} of {len(room.made)} decisions differed from the agent's."
    )
    Effects(room)
    FrameView(view=screen_view(d["frame"]), intro="Left: your class. Right: the agents alone.")


def _waiting(st: dict) -> str:
    """Whom the world waits for, with the seconds left ("" when it waits for no one)."""
    if not st["waiting_on"]:
        return ""
    who = f" (played by {st['waiting_on_student']})" if st["waiting_on_student"] else ""
    return f" The world waits for {st['waiting_on']}{who}: {st['seconds_left']:.0f} s left."


@solara.component
def Roster(room: ClassRoom, news: int) -> None:
    """Who plays what, and who has decided this round (``news``: the page's counter)."""
    st = room.status()
    lines = [
        "| student | organisation | decided this round | left to the agent | |",
        "|---|---|---|---|---|",
    ]
    for r in st["roster"]:
        now = "deciding now" if r["asked_now"] else ""
        lines.append(
            f"| {r['student']} | {r['organisation']} | {r['decided']} | {r['timed_out']} | {now} |"
        )
    wait = _waiting(st)
    _marked(
        f"**Quarter {st['quarter']} of {st['horizon']}**: {st['state']}.{wait}",
        "ecosim-class-state",
    )
    solara.Markdown("\n".join(lines) if st["roster"] else "No student has joined yet.")


@solara.component
def StartClass(on_start) -> None:
    """The teacher's first screen: the scenario, the seed and the time for a decision."""
    found = solara.use_memo(library, [])
    scenario = solara.use_reactive(CLASS_SCENARIO if CLASS_SCENARIO in found else next(iter(found)))
    seed = solara.use_reactive(DEFAULT_SEED)
    seconds = solara.use_reactive(SECONDS_PER_DECISION)
    error = solara.use_reactive("")

    def start() -> None:
        try:
            on_start(open_class(load_scenario(found[scenario.value]), seed.value, seconds.value))
        except ScenarioError as exc:
            error.set(str(exc))

    solara.Markdown("## Start a class\nOne shared world; each student plays one organisation.")
    solara.Select("Scenario", values=list(found), value=scenario)
    solara.InputInt("Seed", value=seed)
    solara.SliderInt("Seconds for a student's decision", value=seconds, min=5, max=120)
    solara.Button("Start a class", on_click=start, color="primary")
    if error.value:
        solara.Error(error.value)


@solara.component
def ClassScreen(room: ClassRoom) -> None:
    """The teacher's screen of a class: join code, who decided, rounds, debrief."""
    news = _use_class_news(room)
    debrief = solara.use_reactive(False)
    _marked(
        f"## Join code: {room.code}\nStudents open this address with **?join={room.code}**. "
        f"Your own screen, if you reload or come back: **?teach={room.token}** (keep it "
        "to yourself: it runs the class).",
        "ecosim-join-code",
    )
    Roster(room, news)
    with solara.Row():
        solara.Button(
            "Next round (one year)",
            on_click=room.next_round,
            color="primary",
            disabled=room.busy or room.finished or room.closed,
        )
        solara.Button(
            "Skip: the agents decide the rest of this round",
            on_click=room.skip,
            disabled=not room.running,
            classes=["ecosim-skip"],
        )
        solara.Button("Debrief", on_click=lambda: debrief.set(not debrief.value))
    if debrief.value and not room.running:
        Debrief(room)


@solara.component
def TeachView(token: str = "") -> None:
    """The teacher's screen: start a class, or (``?teach=TOKEN``) return to one."""
    room = solara.use_reactive(find_teaching(token) if token else None)

    def hold() -> None:  # this page is a teacher's screen of the class it shows
        if room.value is not None:
            hold_class(_session(), room.value)

    solara.use_effect(hold, [room.value])
    solara.Title("ecosim class: teacher")
    if room.value is None:
        if token:
            solara.Error("No open class has this teacher's address; start a new one below.")
        StartClass(room.set)
    else:
        ClassScreen(room.value)


@solara.component
def StudentDecision(room: ClassRoom, row: int) -> None:
    """The question the world waits on, if it is this student's, with its countdown."""
    _use_class_news(room)
    q, left = room.pending()
    st = room.status()
    solara.Markdown(f"Quarter {st['quarter']} of {st['horizon']}: {st['state']}.")
    if q is None or q.row != row:
        solara.Text(f"Nothing to decide now.{_waiting(st)}", classes=["ecosim-idle"])
    else:
        with solara.Card(
            f"Your decision ({left:.0f} s left; then your organisation's own choice)",
            classes=["ecosim-question"],
        ):
            solara.Markdown(q.text)
            for value, label in q.choices:
                solara.Button(label, on_click=lambda v=value: answer_for(_session(), q.key, v))
    mine = room.choices_of(row)[-8:]
    if mine:
        lines = [
            f"- quarter {x.question.quarter}, {x.question.kind}: {x.question.label(x.value)}"
            + (" (your agent: " + x.question.label(x.question.default) + ")" if x.differs else "")
            + ("" if x.by == "student" else f" ({BY[x.by]})")
            for x in reversed(mine)
        ]
        solara.Markdown("**Your last decisions**\n\n" + "\n".join(lines))


@solara.component
def PickOrganisation(room: ClassRoom, on_pick) -> None:
    """A student's first screen: a name, then one of the organisations still free."""
    name = solara.use_reactive("")
    error = solara.use_reactive("")

    def play(r: int) -> None:
        try:
            take_seat(_session(), room, name.value, r)
            on_pick(r)
        except ValueError as exc:
            error.set(str(exc))

    solara.Markdown(f"## Class {room.code}\nYour name, then the organisation you will play.")
    solara.InputText("Your name", value=name, continuous_update=True)
    if error.value:
        solara.Error(error.value)
    for role, orgs in room.roles().items():
        solara.Markdown(f"**{role}**")
        with solara.Row(style={"flex-wrap": "wrap"}):
            for r, label in orgs:
                solara.Button(label, on_click=lambda r=r: play(r), text=True, outlined=True)


@solara.component
def JoinView(code: str) -> None:
    """A student's screen: pick an organisation, then answer its decisions."""
    room = solara.use_memo(lambda: find_class(code), [code])
    row = solara.use_reactive(None)
    solara.Title("ecosim class: student")
    if room is None:
        solara.Error(f"No class has the code {code!r}. Ask your teacher for the code.")
    elif row.value is None:
        PickOrganisation(room, row.set)
    else:
        _marked(f"## You play {room.names[row.value]}", "ecosim-you-play")
        StudentDecision(room, row.value)
