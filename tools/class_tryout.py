"""Rehearse a participatory class without a browser: scripted students, then the debrief.

Each student plays one organisation and always answers with the choice ``--answer``
says: ``agent`` (the agent's own), ``no`` (the last choice offered: do not cover, approach
no one, decline, leave or stay out, the last region) or ``yes`` (the first). Prints the
questions each organisation was asked, the debrief's outcomes and what each student's
choices changed. The figures in docs/teaching.md (lesson 4) come from:

    .venv/bin/python tools/class_tryout.py --rounds 3 --answer no
"""

from __future__ import annotations

import argparse
import threading
import time
from collections import Counter

from ecosim.app.classroom import EFFECT_OUTCOMES, ClassRoom
from ecosim.app.lockstep import STATUS
from ecosim.library import library
from ecosim.scenario import load_scenario
from ecosim.seeds import DEFAULT_SEED

PLAYED = (
    "Pharma 1, region 1",
    "Payer 1, region 1",
    "Patient org 1, region 1",
    "Academia 1, region 1",
)


def _student(room: ClassRoom, answer: str, stop: threading.Event) -> None:
    while not stop.is_set():
        q, _ = room.pending()
        if q is not None:
            pick = {"agent": q.default, "no": q.choices[-1][0], "yes": q.choices[0][0]}
            room.answer(q.row, q.key, pick[answer])  # the scripted student's seat
        time.sleep(0.001)


def play(scenario: str, seed: int, rounds: int, answer: str) -> ClassRoom:
    """A class of :data:`PLAYED` students who always answer ``answer``, after ``rounds``."""
    room = ClassRoom(load_scenario(library()[scenario]), seed, seconds=5.0)
    rows = {name: row for row, name in room.names.items()}
    for name in PLAYED:
        room.join(name.split(",")[0], rows[name])
    stop = threading.Event()
    threading.Thread(target=_student, args=(room, answer, stop), daemon=True).start()
    try:
        for _ in range(rounds):
            room.next_round()
            while room.running:
                time.sleep(0.01)
    finally:
        stop.set()
    return room


def main() -> None:
    """Play the class and print what the teacher's debrief would show."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="collective_impact")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--answer", choices=["agent", "no", "yes"], default="no")
    args = ap.parse_args()
    start = time.perf_counter()
    room = play(args.scenario, args.seed, args.rounds, args.answer)
    print(f"{args.rounds} rounds in {time.perf_counter() - start:.1f} s")
    asked = Counter((room.names[x.question.row], x.question.kind) for x in room.made)
    stood = Counter(
        (room.names[x.question.row], x.question.kind) for x in room.made if x.by == "standing"
    )
    for (name, kind), n in sorted(asked.items()):
        standing = (
            f" ({stood[name, kind]} answered by a standing answer)" if stood[name, kind] else ""
        )
        print(f"  {name}: {n - stood[name, kind]} {kind} questions asked{standing}")
    d = room.debrief()
    print(f"first differing choice: quarter {d['first']}; {len(d['differing'])} differed")
    for label, ours, theirs in d["outcomes"]:
        print(f"  {label}: class {ours}, agents alone {theirs}")
    start = time.perf_counter()
    effects = room.effects()
    print(f"what each student's choices changed ({time.perf_counter() - start:.1f} s):")
    for e in effects:
        cells = ", ".join(f"{STATUS[k].label} {e['changes'][k]:+.3g}" for k in EFFECT_OUTCOMES)
        print(f"  {e['label']} ({len(e['choices'])} choices): {cells}")


if __name__ == "__main__":
    main()
