"""The participatory mode in a real browser: a teacher and three students, three rounds.

A teacher starts a class; three students join from their own browser contexts as a
pharma firm, a payer and an academic centre (a member of the initiative) and answer
what their organisation is asked; the rounds wait for them or time out, and an idle
student is told whom the world waits for. The teacher comes back through the teacher's
own address (not the join code) and skips the third round to the agents. The debrief
shows the class's world beside the agents' own, whose figures must be those of an
agents-only run from the same seed.
"""

import re
import time

import numpy as np

from ecosim.app.classroom import EFFECT_OUTCOMES, QUARTERS_PER_ROUND, STARTING_QUARTERS
from ecosim.app.lockstep import STATUS, world_status
from ecosim.library import library
from ecosim.model import EcosystemModel
from ecosim.scenario import load_scenario
from ecosim.seeds import DEFAULT_SEED
from tests.app_browser import TIMEOUT_MS

STUDENTS = {"Ada": "Pharma 1, region 1", "Ben": "Payer 1, region 1", "Cy": "Academia 1, region 1"}
ROUND_SECONDS = 240


def _context(browser, url: str):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    return context, page


def _answer_until_round_done(teacher, students: dict, n: int, seen: set) -> int:
    """Answer each student's questions (the last choice: a "no") until round ``n`` ends.

    ``seen`` collects the names of the students whose idle screen said whom the world
    waits for.
    """
    answered = 0
    state = teacher.locator(".ecosim-class-state")
    deadline = time.monotonic() + ROUND_SECONDS
    while not re.search(rf"round {n} done|horizon", state.inner_text()):
        assert time.monotonic() < deadline, f"round {n} did not end: {state.inner_text()}"
        for name, page in students.items():
            question = page.locator(".ecosim-question")
            idle = page.locator(".ecosim-idle")
            if idle.count() and "The world waits for" in idle.inner_text():
                seen.add(name)
            if question.count():
                try:
                    question.locator("button").last.click(timeout=2000)
                    answered += 1
                except Exception:  # the question ended (time-out) as we clicked
                    pass
        time.sleep(0.2)
    return answered


def test_a_teacher_and_three_students_play_two_rounds_and_debrief(browser, app_url):
    contexts = []
    try:
        ctx, teacher = _context(browser, app_url + "?teach")
        contexts.append(ctx)
        teacher.get_by_role("slider").focus()
        teacher.keyboard.press("Home")  # the shortest time for a decision: 5 s
        teacher.get_by_role("button", name="Start a class").click()
        code_text = teacher.locator(".ecosim-join-code").inner_text()
        code = re.search(r"Join code: ([A-Z]+)", code_text).group(1)
        token = re.search(r"\?teach=(\S+)", code_text).group(1)
        assert token != code

        students = {}
        for name, organisation in STUDENTS.items():
            ctx, page = _context(browser, f"{app_url}?join={code}")
            contexts.append(ctx)
            page.get_by_label("Your name").fill(name)
            page.get_by_role("button", name=organisation, exact=True).click()
            page.locator(".ecosim-you-play", has_text=organisation).wait_for()
            students[name] = page
        for name in STUDENTS:  # the teacher sees who plays what
            teacher.get_by_text(name, exact=True).wait_for()

        answered, seen = 0, set()
        for n in (1, 2):
            teacher.get_by_role("button", name="Next round (one year)").click()
            answered += _answer_until_round_done(teacher, students, n, seen)
        assert answered >= len(STUDENTS)  # each kind of question reached its student
        assert seen, "no idle student was told whom the world waits for"
        # the teacher's own address (not the join code) brings the class back: round 3,
        # skipped to the agents at once
        ctx, teacher = _context(browser, f"{app_url}?teach={token}")
        contexts.append(ctx)
        teacher.get_by_role("button", name="Next round (one year)").click()
        teacher.locator(".ecosim-skip").click()
        _answer_until_round_done(teacher, {}, 3, seen)
        mine = " ".join(p.inner_text("body") for p in students.values())
        assert "the teacher skipped the round" in mine
        state = teacher.locator(".ecosim-class-state").inner_text()
        quarter = STARTING_QUARTERS + 3 * QUARTERS_PER_ROUND
        assert f"Quarter {quarter} of" in state
        for page in students.values():
            page.get_by_text("Your last decisions").wait_for()
        assert "your agent:" in " ".join(p.inner_text("body") for p in students.values())

        teacher.get_by_role("button", name="Debrief").click()
        debrief = teacher.locator(".ecosim-debrief")
        debrief.wait_for()
        text = debrief.inner_text()
        assert "Your class" in text and "Agents alone" in text
        assert "first chose differently" in text
        # the agents' world is the agents-only run from the same seed, to the same quarter
        scenario = load_scenario(library()["collective_impact"])
        m = EcosystemModel(
            scenario, rng=np.random.default_rng(np.random.SeedSequence(DEFAULT_SEED))
        )
        for _ in range(quarter):
            m.step()
        alone = world_status(m)
        for key in EFFECT_OUTCOMES:
            row = debrief.locator("tr", has_text=STATUS[key].label)
            assert row.locator("td").last.inner_text() == STATUS[key].show(alone[key])

        teacher.get_by_role("button", name="What each student's choices changed").click()
        effects = teacher.get_by_text("Each row: this class's world less")
        effects.wait_for(timeout=ROUND_SECONDS * 1000)
        body = teacher.inner_text("body")
        assert any(org in body.split("Each row")[1] for org in STUDENTS.values())
    finally:
        for ctx in contexts:
            ctx.close()
