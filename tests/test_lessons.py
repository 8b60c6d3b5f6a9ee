"""Lesson 1 works as written: the figures ``docs/teaching.md`` quotes are what the app shows.

The lesson is read, not copied: its sentences for seed 2026 at year 10 are parsed and
compared with the app's own ``Lockstep`` (the code the page runs). Changing the model
without re-measuring the lesson (``tools/lesson_figures.py --lesson 1``) fails here.
"""

import re
from pathlib import Path

import pytest

from ecosim.app.lockstep import CASCADE_STEPS, Lockstep
from ecosim.library import library
from ecosim.scenario import load_scenario

TEACHING = Path(__file__).resolve().parents[1] / "docs" / "teaching.md"
TEN_YEARS = 40  # quarters: the lesson's "Speed 8, press Step five times"


def _lesson_1() -> str:
    text = TEACHING.read_text()
    return text[text.index("## Lesson 1:") : text.index("## Lesson 2:")]


def _number(pattern: str) -> float:
    """The first number the lesson writes where ``pattern`` (a regex with one group) matches."""
    match = re.search(pattern, _lesson_1(), flags=re.S)
    assert match is not None, f"docs/teaching.md lesson 1 no longer says {pattern!r}"
    return float(match.group(1).replace(",", ""))


def _ten_years(chosen: str) -> Lockstep:
    scenarios = library()
    run = Lockstep(load_scenario(scenarios["siloed"]), load_scenario(scenarios[chosen]), seed=2026)
    run.step(TEN_YEARS)
    return run


@pytest.fixture(scope="module")
def siloed() -> Lockstep:
    return _ten_years("siloed")


@pytest.fixture(scope="module")
def outreach() -> Lockstep:
    return _ten_years("patient_outreach")


def _last_year(run: Lockstep, world: int) -> dict[str, float]:
    values = run.cascade(4)[run.worlds[world].name]
    return dict(zip((c for c, _ in CASCADE_STEPS), values, strict=True))


def test_question_2_the_closure_share_at_year_ten(siloed):
    quoted = _number(r"\(([\d.]+) % at year 10 with\s+seed 2026")
    shown = 100 * siloed.status()[siloed.worlds[0].name]["accrual_closure_share"]
    assert round(shown, 1) == quoted


def test_question_3_the_cascade_in_year_ten(siloed):
    shown = _last_year(siloed, 0)
    assert round(shown["patients_aware"]) == _number(r"aware of genomic testing \(([\d,]+)")
    assert round(shown["patients_tested"]) == _number(r"is tested \(([\d,]+)\)")
    assert round(shown["patients_matched"]) == _number(r"precision therapy \(([\d,]+);")


def test_question_4_outreach_raises_awareness_and_testing(siloed, outreach):
    before, after = _last_year(siloed, 0), _last_year(outreach, 1)
    assert round(before["patients_aware"]) == _number(r"aware ([\d,]+) to\s+[\d,]+, tested")
    assert round(after["patients_aware"]) == _number(r"aware [\d,]+ to\s+([\d,]+), tested")
    assert round(after["patients_tested"]) == _number(r"tested [\d,]+ to ([\d,]+) a year\)")


def _lesson_4() -> str:
    text = TEACHING.read_text()
    return text[text.index("## Lesson 4:") : text.index("## The notebook")]


def test_lesson_4_try_out_figures_are_what_the_class_gives():
    """Lesson 4's try-out (``tools/class_tryout.py --rounds 3 --answer no``), as quoted."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "tools" / "class_tryout.py"
    spec = importlib.util.spec_from_file_location("class_tryout", path)
    tryout = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tryout)
    room = tryout.play("collective_impact", 2026, 3, "no")
    outcomes = {label: (ours, theirs) for label, ours, theirs in room.debrief()["outcomes"]}
    text = " ".join(_lesson_4().split())
    ours, theirs = outcomes["patients matched to a precision therapy"]
    assert f"{ours} patients matched against {theirs}" in text
    ours, theirs = outcomes["share of trials closed for poor accrual"]
    assert f"{ours[:-1]} % against {theirs[:-1]} %" in text
    ours, theirs = outcomes["active partnerships"]
    assert f"{ours} active partnerships against {theirs}" in text
