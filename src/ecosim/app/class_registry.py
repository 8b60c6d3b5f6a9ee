"""The server's open classes, and which browser session holds what in them.

A class has two secrets: its join code (four letters, read out to the students) and the
teacher's token (in the teacher's address only). A student's session holds one seat; a
teacher's session holds its class. When a student's session ends the organisation goes
back to its agent; when the last teacher session of a class has been gone for
:data:`TEACHER_GRACE_SECONDS` (a reload or a closed laptop lid is not the end of a
lesson), the class is closed and forgotten.
"""

from __future__ import annotations

import secrets
import string
import threading

from ecosim.app.classroom import ClassRoom
from ecosim.app.questions import Key
from ecosim.scenario import Scenario

__all__ = [
    "CODE_LETTERS",
    "TEACHER_GRACE_SECONDS",
    "answer_for",
    "end_session",
    "find_class",
    "find_teaching",
    "free_seat",
    "hold_class",
    "open_class",
    "take_seat",
]

CODE_LETTERS = 4
"""Letters in a class's join code."""
TOKEN_BYTES = 12
"""Random bytes in a teacher's token."""
TEACHER_GRACE_SECONDS = 600.0
"""How long a class outlives its teacher's last session (seconds)."""

_CLASSES: dict[str, ClassRoom] = {}  # join code -> class
_SEATS: dict[str, tuple[ClassRoom, int]] = {}  # browser session -> the seat it holds
_TEACHERS: dict[str, ClassRoom] = {}  # browser session -> the class it teaches
_LOCK = threading.Lock()


def open_class(scenario: Scenario, seed: int, seconds: float) -> ClassRoom:
    """A new class with a fresh join code (letters only, easy to read out) and token."""
    room = ClassRoom(scenario, int(seed), float(seconds))
    room.token = secrets.token_urlsafe(TOKEN_BYTES)
    with _LOCK:
        code = ""
        while not code or code in _CLASSES:
            code = "".join(secrets.choice(string.ascii_uppercase) for _ in range(CODE_LETTERS))
        room.code = code
        _CLASSES[code] = room
    return room


def find_class(code: str) -> ClassRoom | None:
    """The open class with join code ``code`` (any case, spaces ignored), or None."""
    with _LOCK:
        return _CLASSES.get(code.strip().upper())


def find_teaching(token: str) -> ClassRoom | None:
    """The open class whose teacher's token is ``token``, or None."""
    with _LOCK:
        rooms = [r for r in _CLASSES.values() if secrets.compare_digest(r.token, token)]
    return rooms[0] if rooms else None


def hold_class(session: str, room: ClassRoom) -> None:
    """Browser session ``session`` is a teacher's screen of ``room``."""
    with _LOCK:
        _TEACHERS[session] = room


def take_seat(session: str, room: ClassRoom, student: str, row: int) -> str:
    """Browser session ``session`` joins ``room`` as ``row`` (see :meth:`ClassRoom.join`)."""
    name = room.join(student, row)
    with _LOCK:
        _SEATS[session] = (room, row)
    return name


def answer_for(session: str, key: Key, value: str) -> bool:
    """The student of session ``session`` answers ``key``; False if it holds no seat now."""
    with _LOCK:
        seat = _SEATS.get(session)
    return seat is not None and seat[0].answer(seat[1], key, value)


def free_seat(session: str) -> None:
    """Session ``session`` gives its organisation back to its agent."""
    with _LOCK:
        seat = _SEATS.pop(session, None)
    if seat is not None:
        seat[0].leave(seat[1])


def end_session(session: str, grace: float | None = None) -> None:
    """A browser session ended: free its seat; a class without a teacher closes later.

    ``grace``: seconds before a class without a teacher's session closes (default
    :data:`TEACHER_GRACE_SECONDS`).
    """
    free_seat(session)
    with _LOCK:
        room = _TEACHERS.pop(session, None)
    if room is None:
        return
    timer = threading.Timer(
        TEACHER_GRACE_SECONDS if grace is None else grace, _close_if_untaught, (room,)
    )
    timer.daemon = True
    timer.start()


def _close_if_untaught(room: ClassRoom) -> None:
    with _LOCK:
        if room in _TEACHERS.values():
            return
        _CLASSES.pop(room.code, None)
        seats = [s for s, (r, _) in _SEATS.items() if r is room]
        for s in seats:
            del _SEATS[s]
    room.close()
