"""The participatory class without a browser: rounds, time-outs, answers, replays.

A class's world must be the agents' own world wherever no student chose differently,
a student's answer must reach the model, and the debrief's replays must start from the
class's own history (replaying every recorded choice gives the class's world back).
"""

import threading
import time

import pandas as pd
import pytest

from ecosim.app.class_registry import (
    answer_for,
    end_session,
    find_class,
    find_teaching,
    free_seat,
    hold_class,
    open_class,
    take_seat,
)
from ecosim.app.classroom import QUARTERS_PER_ROUND, STARTING_QUARTERS, ClassRoom
from ecosim.app.questions import Replay
from ecosim.library import library
from ecosim.model import EcosystemModel
from ecosim.scenario import load_scenario

SEED = 7
ROUNDS = 2


def _room(seconds: float = 0.0) -> ClassRoom:
    scenario = load_scenario(library()["collective_impact"]).model_copy(update={"years": 3})
    return ClassRoom(scenario, SEED, seconds, code="TEST")


def _play(room: ClassRoom, rounds: int = ROUNDS) -> None:
    for _ in range(rounds):
        assert room.next_round()
        while room.running:
            time.sleep(0.01)


def _seats(room: ClassRoom) -> list[int]:
    return [orgs[0][0] for orgs in room.roles().values() if orgs]


def _frame(m: EcosystemModel) -> pd.DataFrame:
    return m.recorder.frame()


def test_students_who_never_answer_leave_the_world_to_their_agents():
    room = _room(seconds=0.0)
    for row in _seats(room):
        room.join("absent", row)
    _play(room)
    assert room.made and all(x.by == "time-out" and not x.differs for x in room.made)
    pd.testing.assert_frame_equal(_frame(room.world), _frame(room.agents))
    assert room.debrief()["first"] is None


def _answer_no(room: ClassRoom, stop: threading.Event) -> None:
    """A student who always picks the last choice (no, none, leave, stay out)."""
    while not stop.is_set():
        q, _ = room.pending()
        if q is not None:
            room.answer(q.row, q.key, q.choices[-1][0])
        time.sleep(0.001)


@pytest.fixture(scope="module")
def played() -> ClassRoom:
    room = _room(seconds=5.0)
    for row in _seats(room):
        room.join("student", row)
    stop = threading.Event()
    threading.Thread(target=_answer_no, args=(room, stop), daemon=True).start()
    try:
        _play(room)
    finally:
        stop.set()
    return room


def test_answers_reach_the_model_and_the_debrief_lists_them(played):
    assert any(x.by == "student" for x in played.made)
    differing = [x for x in played.made if x.differs]
    assert differing, "no answer differed from the agents' own"
    d = played.debrief()
    assert d["first"] == min(x.question.quarter for x in differing)
    quarters = STARTING_QUARTERS + ROUNDS * QUARTERS_PER_ROUND
    assert int(played.world.steps) == quarters == int(played.agents.steps)
    assert min(x.question.quarter for x in played.made) >= STARTING_QUARTERS


def _assert_replay_gives_back(room: ClassRoom) -> None:
    """Replaying every recorded choice, with who played each quarter, gives the world back."""
    recorded = {x.question.key: x.value for x in room.made}
    replay = Replay(room.names, room._played, recorded, room.seed)
    m = room.new_world(replay)
    for _ in range(int(room.world.steps)):
        replay.quarter = int(m.steps)
        m.step()
    pd.testing.assert_frame_equal(_frame(m), _frame(room.world))


def test_replaying_every_recorded_choice_gives_the_class_world_back(played):
    _assert_replay_gives_back(played)


def test_effects_are_one_replay_per_student_with_differing_choices(played):
    effects = played.effects()
    students = {x.question.row for x in played.made if x.differs}
    assert sorted(e["label"] for e in effects) == sorted(played.names[r] for r in students)
    assert played.effects() is effects  # computed once per history


def test_a_wrong_or_late_answer_is_refused_and_a_seat_is_one_students():
    room = _room()
    row = _seats(room)[0]
    assert not room.answer(row, (0, "cover", row, "", 0), "cover")  # nothing is asked
    take_seat("kernel-1", room, "Ada", row)
    with pytest.raises(ValueError, match="already played by Ada"):
        room.join("Ben", row)
    assert row not in [r for orgs in room.roles().values() for r, _ in orgs]
    free_seat("kernel-1")  # the tab closed: the organisation is free again
    assert row in [r for orgs in room.roles().values() for r, _ in orgs]


def _wait_until(condition, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.005)


def test_a_late_student_is_played_only_from_the_quarter_they_joined():
    room = _room(seconds=5.0)
    _play(room, rounds=1)  # nobody plays round 1
    assert not room.made
    joined_at = int(room.world.steps)
    row = _seats(room)[0]
    room.join("late", row)
    stop = threading.Event()
    threading.Thread(target=_answer_no, args=(room, stop), daemon=True).start()
    try:
        _play(room, rounds=1)
    finally:
        stop.set()
    assert room.made and min(x.question.quarter for x in room.made) >= joined_at
    assert all(row not in room._played.get(q, ()) for q in range(joined_at))
    _assert_replay_gives_back(room)


def test_a_student_who_leaves_while_asked_is_recorded_as_left_and_the_round_goes_on():
    room = _room(seconds=600.0)
    row = _seats(room)[0]  # a pharma firm: asked in the first quarter
    take_seat("kernel-leaver", room, "Ada", row)
    assert room.next_round()
    _wait_until(lambda: room.pending()[0] is not None)
    assert room.status()["waiting_on_student"] == "Ada"
    free_seat("kernel-leaver")
    _wait_until(lambda: not room.running)
    assert room.made and {x.by for x in room.made} == {"left"}  # the rest of its quarter too


def test_the_teacher_skips_the_rest_of_a_round_to_the_agents():
    room = _room(seconds=600.0)
    for row in _seats(room):
        room.join("slow", row)
    assert not room.skip()  # no round is played
    assert room.next_round()
    _wait_until(lambda: room.pending()[0] is not None)
    assert room.skip()
    _wait_until(lambda: not room.running)
    assert room.made and {x.by for x in room.made} == {"skipped"}
    pd.testing.assert_frame_equal(_frame(room.world), _frame(room.agents))


def test_an_asset_answer_stands_while_the_options_are_the_same(played):
    assets = [x for x in played.made if x.question.kind == "asset"]
    standing = [x for x in assets if x.by == "standing"]
    assert standing, "no asset question came back with the same options"
    for x in standing:
        before = assets[: assets.index(x)]
        last = [y for y in before if y.question.row == x.question.row][-1]
        assert [v for v, _ in last.question.choices] == [v for v, _ in x.question.choices]
        assert x.value == last.value


def test_a_freed_seat_cannot_answer_and_a_class_closes_without_its_teacher():
    room = open_class(_room().scenario, SEED, 600.0)
    assert find_class(room.code) is room and find_teaching(room.token) is room
    assert find_teaching(room.code) is None  # the join code does not run the class
    hold_class("kernel-teacher", room)
    row = _seats(room)[0]
    take_seat("kernel-old", room, "Ada", row)
    free_seat("kernel-old")
    take_seat("kernel-new", room, "Ben", row)  # the seat went to another student
    assert room.next_round()
    _wait_until(lambda: room.pending()[0] is not None)
    q, _ = room.pending()
    assert not answer_for("kernel-old", q.key, q.choices[-1][0])
    assert answer_for("kernel-new", q.key, q.choices[-1][0])
    end_session("kernel-teacher", grace=0.0)
    _wait_until(lambda: room.closed and not room.running)
    assert find_class(room.code) is None and not room.next_round()
    assert not answer_for("kernel-new", q.key, q.choices[-1][0])
