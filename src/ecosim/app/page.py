"""The classroom page (Solara). Served by ``ecosim app``; see docs/teaching.md.

Every piece of state is created inside :func:`Page`, so each browser session (each
student) has its own pair of worlds. The logic lives in :mod:`ecosim.app.lockstep`,
:mod:`ecosim.app.levers` and :mod:`ecosim.app.views`; this module only binds widgets.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import solara

from ecosim.api import with_overrides
from ecosim.app import views
from ecosim.app.levers import LEVERS, lever_values, overrides
from ecosim.app.lockstep import STATUS, Lockstep
from ecosim.library import library
from ecosim.scenario import Scenario, ScenarioError, load_scenario

SCENARIO_ENV = "ECOSIM_APP_SCENARIO"
"""Environment variable through which ``ecosim app --scenario`` names the first scenario."""

BASELINE = "siloed"
DEFAULT_CHOSEN = "collective_impact"
FRAME_SECONDS = 0.4
"""Pause between frames while playing (seconds), on top of the drawing time."""


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


@solara.component
def LeverControl(lever, value, on_value):
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
    solara.Text(lever.help, style={"font-size": "0.75em", "color": "#666"})


@solara.component
def WorldCard(name: str, status: dict[str, float], quarter: int, colour: str):
    """Status of one world: its clock and cumulative outcomes."""
    with solara.Card(style={"border-top": f"6px solid {colour}"}, classes=["ecosim-world"]):
        solara.Markdown(f"### {name}")
        solara.Text(f"quarter {quarter}", classes=["ecosim-quarter"])
        lines = [f"| {o.label} | **{o.show(status[key])}** |" for key, o in STATUS.items()]
        solara.Markdown("| | |\n|---|---|\n" + "\n".join(lines))


@solara.component
def Page():
    """The classroom app: levers on the left, two worlds side by side on the right."""
    found = solara.use_memo(_scenarios, [])
    picked = solara.use_reactive(_first_choice(found))
    seed = solara.use_reactive(2026)
    speed = solara.use_reactive(1)
    playing = solara.use_reactive(False)
    run_id = solara.use_reactive(0)
    tick = solara.use_reactive(0)
    error = solara.use_reactive("")
    lock = solara.use_memo(threading.RLock, [])

    def load(name: str) -> Scenario | None:
        try:
            return load_scenario(found[name])
        except ScenarioError as exc:
            error.set(str(exc))
            return None

    baseline = solara.use_memo(lambda: load(BASELINE) if BASELINE in found else Scenario(), [])
    scenario = solara.use_memo(lambda: load(picked.value) or Scenario(), [picked.value])
    values = solara.use_reactive(lever_values(scenario))
    changed = overrides(scenario, values.value)
    changed_key = tuple(sorted((k, str(v)) for k, v in changed.items()))

    def build() -> Lockstep:
        chosen = with_overrides(scenario, **changed)
        right = picked.value + (" + your changes" if changed else "")
        return Lockstep(baseline, chosen, seed.value, names=(BASELINE, right))

    lockstep = solara.use_memo(build, [picked.value, seed.value, changed_key, run_id.value])

    def play(cancel: threading.Event) -> None:
        while playing.value and not cancel.is_set():
            with lock:
                lockstep.step(speed.value)
                finished = lockstep.finished
            tick.set(tick.value + 1)
            if finished:
                playing.set(False)
                return
            time.sleep(FRAME_SECONDS)

    # the loop checks ``cancel`` itself: Solara's intrusive cancel would trace every line
    # the model and the figures execute (sys.settrace), about ten times slower
    solara.use_thread(play, dependencies=[playing.value, lockstep], intrusive_cancel=False)

    def step_once() -> None:
        with lock:
            lockstep.step(speed.value)
        tick.set(tick.value + 1)

    def reset() -> None:
        playing.set(False)
        run_id.set(run_id.value + 1)

    def pick(name: str) -> None:
        playing.set(False)
        picked.set(name)
        new = load(name)
        if new is not None:
            values.set(lever_values(new))

    def set_lever(key: str):
        def on_value(v) -> None:
            playing.set(False)
            values.set({**values.value, key: v})

        return on_value

    solara.Title("ecosim classroom")
    with solara.AppBarTitle():
        solara.Text("ecosim classroom: siloed vs your settings, same seed")
    with solara.Sidebar():
        solara.Select("Scenario", values=list(found), value=picked.value, on_value=pick)
        solara.InputInt("Seed", value=seed.value, on_value=lambda v: seed.set(int(v or 0)))
        with solara.Row():
            solara.Button(
                "Step",
                on_click=step_once,
                disabled=playing.value or lockstep.finished,
                color="primary",
            )
            solara.Button(
                "Pause" if playing.value else "Play",
                on_click=lambda: playing.set(not playing.value),
                disabled=lockstep.finished,
                color="primary",
            )
            solara.Button("Reset", on_click=reset)
        solara.SliderInt("Speed (quarters per frame)", value=speed, min=1, max=8)
        solara.Markdown("**Levers** (moving one starts a new run at year 0)")
        for lever in LEVERS:
            LeverControl(lever, values.value[lever.key], set_lever(lever.key))

    if error.value:
        solara.Error(error.value)

    def draw() -> dict:
        with lock:
            quarters = min(4, lockstep.steps_done)
            charts = {
                "network": views.network_figure(lockstep.networks()),
                "trends": views.trends_figure(lockstep),
                "pipeline": views.pipeline_figure(lockstep.pipeline()),
                "cascade": views.cascade_figure(lockstep.cascade(), quarters),
            }
            return {
                "status": lockstep.status(),
                "png": {k: views.figure_png(fig, dpi=80) for k, fig in charts.items()},
                "done": lockstep.steps_done,
                "quarters": {w.name: w.model.steps for w in lockstep.worlds},
            }

    def export_csv() -> str:
        """Built only when the button is pressed, not on every frame."""
        with lock:
            return lockstep.to_csv()

    # tick.value is read here, so every step (button or play thread) redraws
    frame = solara.use_memo(draw, [lockstep, tick.value])
    done, png = frame["done"], frame["png"]

    solara.Text(
        f"Year {done / 4:.2f} (quarter {done} of {lockstep.horizon}), seed {lockstep.seed}",
        classes=["ecosim-clock"],
        style={"font-size": "1.3em", "font-weight": "bold"},
    )
    if changed:
        solara.Text(
            "Your changes: " + ", ".join(f"{k} = {v}" for k, v in changed.items()),
            classes=["ecosim-changes"],
        )
    with solara.Columns([1, 1]):
        for k, (name, quarter) in enumerate(frame["quarters"].items()):
            WorldCard(name, frame["status"][name], quarter, views.WORLD_COLOURS[k])
    stem = f"ecosim-seed{lockstep.seed}-q{done}"
    with solara.Row():
        solara.FileDownload(export_csv, f"{stem}.csv", label="Download data (CSV)")
    for title, slug in (("Partnership network", "network"), ("Trends", "trends")):
        solara.Markdown(f"#### {title}")
        solara.Image(png[slug], width="100%")
        solara.FileDownload(png[slug], f"{stem}-{slug}.png", label=f"{title} (PNG)")
    with solara.Columns([1, 1]):
        for title, slug in (("Pipeline", "pipeline"), ("Patient cascade", "cascade")):
            with solara.Column():
                solara.Markdown(f"#### {title}")
                solara.Image(png[slug], width="100%")
                solara.FileDownload(png[slug], f"{stem}-{slug}.png", label=f"{title} (PNG)")
