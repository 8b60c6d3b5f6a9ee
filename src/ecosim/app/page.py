"""The classroom page (Solara). Served by ``ecosim app``; see docs/teaching.md.

Every piece of state is created inside :func:`Page`, so each browser session (each
student) has its own pair of worlds. The worlds live in worker processes
(:mod:`ecosim.app.workers`); the page asks them for the next quarters and draws the
returned data in the browser (:mod:`ecosim.app.charts`). The logic lives in
:mod:`ecosim.app.lockstep`, :mod:`ecosim.app.levers` and :mod:`ecosim.app.frames`; this
module only binds widgets.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections import defaultdict
from pathlib import Path

import solara
import solara.lab

from ecosim.api import with_overrides
from ecosim.app import charts
from ecosim.app.class_registry import end_session
from ecosim.app.frames import world_names
from ecosim.app.levers import FAMILIES, LEVERS, lever_values, overrides
from ecosim.app.screen import MORE_CHARTS, screen_view
from ecosim.app.workers import PoolClosedError, WorkerError, WorldHandle, default_pool
from ecosim.library import library
from ecosim.scenario import Scenario, ScenarioError, load_scenario
from ecosim.seeds import DEFAULT_SEED

SCENARIO_ENV = "ECOSIM_APP_SCENARIO"
"""Environment variable through which ``ecosim app --scenario`` names the first scenario."""

BASELINE = "siloed"
DEFAULT_CHOSEN = "collective_impact"
FRAME_SECONDS = 0.75
"""Time from one frame to the next while playing (seconds): a frame is asked for this long
after the last was asked for, or at once when it took longer to arrive. Speed sets how many
quarters a frame advances."""


PLOTLY_SRC = "/static/assets/plotly.min.js"
"""Where the server serves Plotly's JavaScript (from the plotly package; see server.py)."""

_OPEN: dict[str, set[WorldHandle]] = defaultdict(set)
"""Worlds held for each browser session (kernel id), freed when the session closes."""
_OPEN_LOCK = threading.Lock()


def _forget_session() -> object:
    """On a new session: return the clean-up Solara runs when it closes (tab, cull)."""
    from solara.server import kernel_context

    kernel = kernel_context.get_current_context().id

    def cleanup() -> None:
        end_session(kernel)  # a student's seat goes back to its agent; a teacher's class ends
        with _OPEN_LOCK:
            handles = _OPEN.pop(kernel, set())
        for handle in handles:
            with contextlib.suppress(PoolClosedError, WorkerError):
                default_pool().close(handle)

    return cleanup


solara.lab.on_kernel_start(_forget_session)


def _stop_on_signals(grace_seconds: float = 2.0) -> None:
    """SIGTERM and Ctrl-C stop the workers at once, then the server within ``grace_seconds``.

    Solara's server waits for its sessions to close before it exits; a class that left
    tabs playing kept it alive for minutes. The previous handlers still run (the server
    shuts down cleanly when it can); a timer makes sure the process ends.
    """
    import signal

    def handler_for(previous):
        def handler(signum, frame) -> None:
            stopper = threading.Timer(grace_seconds, os._exit, args=(0,))
            stopper.daemon = True
            stopper.start()
            default_pool().shutdown(timeout=1.0)
            if callable(previous):
                previous(signum, frame)
            elif previous == signal.SIG_DFL:
                os._exit(0)

        return handler

    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            signal.signal(sig, handler_for(signal.getsignal(sig)))
        except ValueError:  # not the main thread: the server keeps its own handling
            return


_stop_on_signals()


def _hold(handle: WorldHandle) -> None:
    from solara.server import kernel_context

    if kernel_context.has_current_context():
        with _OPEN_LOCK:
            _OPEN[kernel_context.get_current_context().id].add(handle)


def _release(handle: WorldHandle | None) -> None:
    if handle is None:
        return
    with _OPEN_LOCK:
        for held in _OPEN.values():
            held.discard(handle)
    with contextlib.suppress(PoolClosedError, WorkerError):
        default_pool().close(handle)


def session_watcher():
    """A test of whether anyone still watches this session: a page is connected to it.

    A tab that closes tells the server, and Solara closes the session; a tab that just
    goes away (a laptop lid, a lost network) only disconnects, and its session is kept
    for a reconnect until ``--idle-minutes``. Either way, playing stops at once.
    """
    from solara.server import kernel_context

    context = kernel_context.get_current_context()

    def watched() -> bool:
        if context.closed_event.is_set():
            return False
        try:  # not under context.lock: a render holding it may be waiting for this thread
            pages = list(context.page_status.values())
        except RuntimeError:  # the dict changed while read: ask again next frame
            return True
        # no page recorded yet: the page that pressed Play is connecting
        return not pages or kernel_context.PageStatus.CONNECTED in pages

    return watched


def _scenarios() -> dict[str, Path]:
    found = library()
    extra = os.environ.get(SCENARIO_ENV)
    if extra:
        found = {Path(extra).stem: Path(extra), **found}
    return found


def _first_choice(found: dict[str, Path]) -> str:
    extra = os.environ.get(SCENARIO_ENV)
    if extra:
        return Path(extra).stem
    return DEFAULT_CHOSEN if DEFAULT_CHOSEN in found else next(iter(found))


@solara.component_vue("frame_view.vue")
def FrameView(
    view: dict, presenter: bool = False, intro: str = "", legend: str = "", src: str = PLOTLY_SRC
):
    """Both worlds of one frame, drawn in the browser (see :mod:`ecosim.app.screen`)."""


@solara.component
def LeverControl(lever, value, default, on_value):
    """One lever as a slider, switch or select, with its explanation."""
    if lever.kind == "slider":
        solara.SliderFloat(
            lever.label,
            value=value,
            min=lever.low,
            max=lever.high,
            step=lever.step,
            on_value=on_value,
        )
    elif lever.kind == "switch":
        solara.Switch(label=lever.label, value=value, on_value=on_value)
    else:
        solara.Select(lever.label, values=list(lever.choices), value=value, on_value=on_value)
    shown = f" The scenario's value: {default}." if value != default else ""
    solara.Text(lever.help + shown, style={"font-size": "0.75em", "color": "#666"})


@solara.component
def LiveFrame(latest, more, presenter: bool, intro: str) -> None:
    """The clock and both worlds of the latest frame: the only part redrawn per frame."""
    view = screen_view(latest.value, more.value, presenter)
    FrameView(view=view, presenter=presenter, intro=intro, legend=charts.legend_html())


@solara.component
def RunView(handle: WorldHandle, first: dict, speed, presenter: bool, on_reset) -> None:
    """One run: its buttons and its frames.

    Its own render runs once per button press; only :func:`LiveFrame` runs per frame (it
    alone reads the latest frame).
    """
    pool = default_pool()
    playing = solara.use_reactive(False)
    latest = solara.use_reactive(first)
    finished = solara.use_reactive(first["quarter"] >= first["horizon"])
    more = solara.use_reactive("None")
    error = solara.use_reactive("")

    def advance() -> bool:
        """One frame: the next ``speed`` quarters. False when the run cannot go on."""
        try:
            new = pool.step(handle, speed.value)
        except (PoolClosedError, WorkerError) as exc:
            error.set(f"The simulation stopped: {exc}")
            return False
        latest.set(new)
        if new["quarter"] >= new["horizon"]:
            finished.set(True)
            return False
        return True

    def play(cancel: threading.Event) -> None:
        # the next frame is asked for only once the last one has arrived (back-pressure):
        # a busy server gives each student fewer frames, it does not queue them
        watched = session_watcher()
        while playing.value and not cancel.is_set() and watched():
            asked = time.monotonic()
            if not advance():
                playing.set(False)
                return
            cancel.wait(max(0.0, asked + FRAME_SECONDS - time.monotonic()))
        if not watched():
            playing.set(False)  # a reconnecting page finds its run paused, not stuck

    # the loop checks ``cancel`` itself: Solara's intrusive cancel traces every line
    solara.use_thread(play, dependencies=[playing.value], intrusive_cancel=False)

    def export_csv() -> str:
        """Built only when the button is pressed, not on every frame."""
        return pool.csv(handle)

    if error.value:
        solara.Error(error.value)
    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
        solara.Button(
            "Step", on_click=advance, disabled=playing.value or finished.value, color="primary"
        )
        solara.Button(
            "Pause" if playing.value else "Play",
            on_click=lambda: playing.set(not playing.value),
            disabled=finished.value,
            color="primary",
        )
        solara.Button("Reset", on_click=on_reset)
        if not presenter:
            solara.ToggleButtonsSingle(
                value=more, values=["None", *MORE_CHARTS], classes=["ecosim-more"]
            )
            solara.FileDownload(
                export_csv, f"ecosim-seed{first['seed']}.csv", label="Download data (CSV)"
            )
    left, right = (w["name"] for w in first["worlds"])
    intro = (
        f"What you are looking at: the same ecosystem run twice from seed {first['seed']}. "
        f"Left, {left}; right, {right}. Dots are organisations, lines are partnerships "
        "(thicker: more trust); every difference comes from the rules. Each chart's "
        "toolbar (top right, on hover) saves it as PNG."
    )
    LiveFrame(latest, more, presenter, intro)


@solara.component
def Levers(values: dict, defaults: dict, set_lever, reset) -> None:
    """The levers, grouped by family, each family with one line of explanation."""
    solara.Markdown("**Levers** (moving one starts a new run at year 0)")
    solara.Button("Reset levers", on_click=reset, text=True, outlined=True)
    for family, (title, line) in FAMILIES.items():
        with solara.Details(title, expand=family == "conditions"):
            solara.Text(line, style={"font-size": "0.8em", "font-style": "italic"})
            for lever in (lv for lv in LEVERS if lv.family == family):
                LeverControl(lever, values[lever.key], defaults[lever.key], set_lever(lever.key))


@solara.component
def Page():
    """The app: two worlds (``/``), or the participatory mode's teacher or student screen."""
    from urllib.parse import parse_qs

    query = parse_qs(solara.use_router().search or "", keep_blank_values=True)
    if "join" in query or "teach" in query:
        from ecosim.app.class_page import JoinView, TeachView

        if "join" in query:
            JoinView(query["join"][0])
        else:
            TeachView(query["teach"][0])
    else:
        TwoWorlds()


@solara.component
def TwoWorlds():
    """The classroom app: levers on the left; two worlds and the headline chart on top."""
    found = solara.use_memo(_scenarios, [])
    picked = solara.use_reactive(_first_choice(found))
    seed = solara.use_reactive(DEFAULT_SEED)
    speed = solara.use_reactive(1)
    presenter = solara.use_reactive(False)
    run_id = solara.use_reactive(0)
    error = solara.use_reactive("")
    pool = default_pool()

    def load(name: str) -> Scenario | None:
        try:
            return load_scenario(found[name])
        except ScenarioError as exc:
            error.set(str(exc))
            return None

    baseline = solara.use_memo(lambda: load(BASELINE) if BASELINE in found else Scenario(), [])
    scenario = solara.use_memo(lambda: load(picked.value) or Scenario(), [picked.value])
    defaults = lever_values(scenario)
    values = solara.use_reactive(defaults)
    changed = overrides(scenario, values.value)
    changed_key = tuple(sorted((k, str(v)) for k, v in changed.items()))

    def build() -> tuple[WorldHandle, dict]:
        chosen = with_overrides(scenario, **changed)
        names = world_names(BASELINE, picked.value, bool(changed))
        handle, first = pool.open(baseline, chosen, seed.value, names)
        _hold(handle)
        return handle, first

    handle, first = solara.use_memo(build, [picked.value, seed.value, changed_key, run_id.value])
    solara.use_effect(lambda: lambda: _release(handle), [handle])

    def pick(name: str) -> None:
        picked.set(name)
        new = load(name)
        if new is not None:
            values.set(lever_values(new))

    def set_lever(key: str):
        def on_value(v) -> None:
            values.set({**values.value, key: v})

        return on_value

    solara.Title("ecosim classroom")
    with solara.AppBarTitle():
        solara.Text("ecosim classroom: two worlds, one seed")
    with solara.AppBar():
        solara.Switch(label="Presenter view", value=presenter)
    with solara.Sidebar():
        solara.Select(
            "Scenario (right-hand world)", values=list(found), value=picked.value, on_value=pick
        )
        solara.InputInt("Seed", value=seed.value, on_value=lambda v: seed.set(int(v or 0)))
        solara.SliderInt("Speed (quarters per frame)", value=speed, min=1, max=8)
        Levers(values.value, defaults, set_lever, lambda: values.set(lever_values(scenario)))

    if error.value:
        solara.Error(error.value)
    if changed:
        solara.Text(
            "Your changes: " + ", ".join(f"{k} = {v}" for k, v in changed.items()),
            classes=["ecosim-changes"],
        )
    # a new run (new handle) mounts a fresh RunView: paused, at its first frame
    RunView(handle, first, speed, presenter.value, lambda: run_id.set(run_id.value + 1)).key(
        f"run-{handle.worker}-{handle.key}"
    )
