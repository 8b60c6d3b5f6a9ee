"""End-to-end tests of the classroom app in a real browser (Debian's Chromium + playwright).

The test starts ``ecosim app`` on a free port on 127.0.0.1 and drives the page. Without
Chromium or playwright the tests are skipped, except under ``CI=true``, where a missing
browser is a failure (``.ci/run`` installs it).
"""

import time

import pandas as pd

from tests.app_browser import ARTIFACTS, TIMEOUT_MS


def _open(browser, url, width=1400, height=1000):
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    page.locator(".ecosim-clock").wait_for()
    return context, page


def _at_quarter(page, q: int) -> None:
    page.locator(".ecosim-clock", has_text=f"(quarter {q} of").wait_for()


def _reached_quarter(page, q: int) -> None:
    """At quarter ``q`` or later: while playing, frames can reach the browser together and
    a given quarter may never be drawn (seen in CI), so a playing test cannot wait for one."""
    page.wait_for_function(
        """q => {
            const clock = document.querySelector('.ecosim-clock');
            const m = clock && clock.innerText.match(/quarter (\\d+) of/);
            return m !== null && Number(m[1]) >= q;
        }""",
        arg=q,
    )


def _cards(page) -> list[str]:
    return page.locator(".ecosim-world").all_inner_texts()


def _quarter(page) -> int:
    return int(page.locator(".ecosim-clock").inner_text().split("quarter ")[1].split()[0])


def _step(page, times: int = 1) -> None:
    start = _quarter(page)
    for k in range(1, times + 1):
        page.get_by_role("button", name="Step").click()
        _at_quarter(page, start + k)


def _card_value(card: str, label: str) -> str:
    """The value beside ``label`` in a card's table (its text is label TAB value lines)."""
    for line in card.splitlines():
        if line.startswith(label):
            return line[len(label) :].strip()
    raise AssertionError(f"no {label!r} in card:\n{card}")


def _pick(page, name: str) -> None:
    page.locator(".v-select", has_text="Scenario").first.click()
    page.get_by_role("option", name=name, exact=True).click()


def test_page_loads_with_its_controls(browser, app_url):
    context, page = _open(browser, app_url)
    try:
        for name in ("Step", "Play", "Reset", "Reset levers"):
            assert page.get_by_role("button", name=name, exact=True).is_visible()
        for name in ("Common agenda", "Backbone organisation"):  # the open family
            assert page.get_by_role("slider", name=name).count() == 1
        page.get_by_text("Trust", exact=True).click()  # a closed family opens
        page.get_by_role("slider", name="Initial trust").wait_for(state="attached")
        for text in ("Trust", "Intellectual property", "Payers", "Patients"):
            assert page.get_by_text(text, exact=True).count() >= 1
        assert "(quarter 0 of 120)" in page.locator(".ecosim-clock").inner_text()
        cards = _cards(page)
        assert len(cards) == 2
        assert cards[0].startswith("Siloed") and cards[1].startswith("Collective impact")
        for view in ("Trends", "Pipeline", "Patient cascade"):
            assert page.get_by_role("button", name=view).is_visible()
        assert page.locator("svg.ecosim-network").count() == 2
        page.locator(".ecosim-headline .main-svg").first.wait_for()  # Plotly drew, offline
        _step(page, 2)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "app.png"), full_page=True)
        assert (ARTIFACTS / "app.png").stat().st_size > 10_000
    finally:
        context.close()


def test_first_screen_at_projector_size_shows_both_networks_and_the_headline(browser, app_url):
    context, page = _open(browser, app_url, width=1366, height=768)
    try:
        page.locator(".ecosim-headline .main-svg").first.wait_for()
        for box in (
            *[page.locator("svg.ecosim-network").nth(k).bounding_box() for k in range(2)],
            page.locator(".ecosim-headline").bounding_box(),
        ):
            assert box["y"] + box["height"] / 2 < 768  # on the first screen, not below the fold
        networks = [page.locator("svg.ecosim-network").nth(k).bounding_box() for k in range(2)]
        assert networks[0]["x"] < networks[1]["x"]  # side by side
        assert "What you are looking at" in page.locator(".ecosim-explainer").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "app-1366x768.png"))
    finally:
        context.close()


def test_the_card_counts_the_partnerships_the_network_draws(browser, app_url):
    context, page = _open(browser, app_url)
    try:
        for _ in range(2):
            for k, card in enumerate(_cards(page)):
                drawn = page.locator("svg.ecosim-network").nth(k).locator("line").count()
                assert f"{drawn} partnerships" in card
                assert _card_value(card, "active partnerships") == f"{drawn}"
            _step(page, 3)
    finally:
        context.close()


def test_presenter_view_has_large_type_two_networks_and_three_numbers(browser, app_url):
    context, page = _open(browser, app_url)
    try:
        page.get_by_text("Presenter view", exact=True).click()
        page.locator(".ecosim-presenter").wait_for()
        assert page.locator("svg.ecosim-network").count() == 2
        rows = page.locator(".ecosim-world").first.locator(".ecosim-status tr")
        assert rows.count() == 3
        assert page.locator(".ecosim-headline").count() == 0
        _step(page, 1)  # the buttons still work
    finally:
        context.close()


def test_step_advances_both_worlds(browser, app_url):
    context, page = _open(browser, app_url)
    try:
        before = _cards(page)
        _step(page, 2)
        assert page.locator(".ecosim-quarter").all_inner_texts() == ["quarter 2", "quarter 2"]
        after = _cards(page)
        assert after[0] != before[0] and after[1] != before[1]
    finally:
        context.close()


def test_moving_a_slider_changes_the_next_run_and_reset_levers_undoes_it(browser, app_url):
    context, page = _open(browser, app_url)
    try:
        _step(page, 4)
        siloed, chosen = _cards(page)
        page.get_by_text("Trust", exact=True).click()  # open the family
        slider = page.get_by_role("slider", name="Initial trust")
        slider.focus()
        slider.press("End")  # to the top of its range
        page.locator(".ecosim-changes", has_text="trust.initial_within_industry = 1").wait_for()
        _at_quarter(page, 0)  # a moved lever starts a new run
        assert "Collective impact + your changes" in _cards(page)[1]
        _step(page, 4)
        siloed2, chosen2 = _cards(page)
        assert siloed2 == siloed  # same seed, same rules: the siloed world repeats exactly
        assert chosen2 != chosen  # the rule change shows in the chosen world
        page.get_by_role("button", name="Reset levers").click()
        page.locator(".ecosim-changes").wait_for(state="detached")
        _step(page, 4)
        assert _cards(page) == [siloed, chosen]  # back to the scenario itself
    finally:
        context.close()


def test_two_browser_sessions_have_their_own_models(browser, app_url):
    ctx_a, page_a = _open(browser, app_url)
    ctx_b, page_b = _open(browser, app_url)
    try:
        _step(page_a, 3)
        assert "(quarter 0 of" in page_b.locator(".ecosim-clock").inner_text()
        _step(page_b, 1)
        assert "(quarter 3 of" in page_a.locator(".ecosim-clock").inner_text()
    finally:
        ctx_a.close()
        ctx_b.close()


def test_play_pause_and_reset(browser, app_url):
    context, page = _open(browser, app_url)
    try:
        page.get_by_role("button", name="Play").click()
        _reached_quarter(page, 2)
        page.get_by_role("button", name="Pause").click()
        page.get_by_role("button", name="Play").wait_for()
        paused = page.locator(".ecosim-clock").inner_text()
        time.sleep(1.5)
        assert page.locator(".ecosim-clock").inner_text() == paused
        page.get_by_role("button", name="Reset", exact=True).click()
        _at_quarter(page, 0)
    finally:
        context.close()


def _worker_cpu(proc, seconds: float) -> float:
    import psutil

    workers = psutil.Process(proc.pid).children(recursive=True)
    before = sum(w.cpu_times().user + w.cpu_times().system for w in workers)
    time.sleep(seconds)
    return sum(w.cpu_times().user + w.cpu_times().system for w in workers) - before


def test_closing_a_playing_tab_stops_its_simulation(browser, app_server):
    """Issue 16: a closed tab's run went on for minutes, with no one watching."""
    url, proc = app_server
    context, page = _open(browser, url)
    seed = page.get_by_label("Seed")  # worlds of its own: no other test has stepped them
    seed.fill("4242")
    seed.press("Enter")
    page.locator(".ecosim-clock", has_text="seed 4242").wait_for()
    page.get_by_role("button", name="Play").click()
    _reached_quarter(page, 3)
    assert _worker_cpu(proc, 2.0) > 0.05  # it plays in the worker processes
    context.close()
    time.sleep(2.0)  # the page's close reaches the server
    assert _worker_cpu(proc, 3.0) < 0.05


def test_lesson_1_control_two_identical_siloed_worlds(browser, app_url, tmp_path):
    """Lesson 1, set-up and question 1: siloed on both sides, two cards, equal figures."""
    context, page = _open(browser, app_url)
    try:
        _pick(page, "siloed")
        page.locator(".ecosim-world", has_text="Siloed (copy)").wait_for()
        speed = page.get_by_role("slider", name="Speed (quarters per frame)")
        speed.focus()
        speed.press("End")  # speed 8
        for _ in range(5):
            q = _quarter(page)
            page.get_by_role("button", name="Step").click()
            _at_quarter(page, q + 8)
        assert _quarter(page) == 40  # ten years
        left, right = _cards(page)
        assert left.startswith("Siloed") and right.startswith("Siloed (copy)")
        assert left.split("quarter", 1)[1] == right.split("quarter", 1)[1]  # identical worlds
        with page.expect_download() as info:
            page.get_by_role("button", name="Download data (CSV)").click()
        info.value.save_as(tmp_path / "lesson1.csv")
        df = pd.read_csv(tmp_path / "lesson1.csv")
        assert sorted(df["world"].unique()) == ["Siloed", "Siloed (copy)"]
        share = _card_value(left, "share of trials closed for poor accrual")
        assert share.endswith("%") and 5 < float(share[:-1]) < 40  # the lesson's "one in five"
    finally:
        context.close()


def test_export_csv_and_chart_png(browser, app_url, tmp_path):
    context, page = _open(browser, app_url)
    try:
        _step(page, 3)
        with page.expect_download() as info:
            page.get_by_role("button", name="Download data (CSV)").click()
        path = tmp_path / "run.csv"
        info.value.save_as(path)
        df = pd.read_csv(path)
        assert df.groupby("world")["step"].max().tolist() == [3, 3]
        headline = page.locator(".ecosim-headline")
        headline.hover()
        with page.expect_download() as info:
            headline.locator("[data-title='Download plot as a PNG']").click()
        png = tmp_path / "headline.png"
        info.value.save_as(png)
        assert png.read_bytes().startswith(b"\x89PNG")
    finally:
        context.close()


def test_the_report_opens_on_its_summary_at_projector_size(browser, tmp_path):
    """Issue 16: the report's first screen is the answer (findings, the bill), not a wall
    of sentences in identifiers; read in Chromium at 1366x768 as a strategist would."""
    from ecosim import cli

    from .conftest import write_tiny

    base = write_tiny(tmp_path / "siloed_world.yaml", "siloed_world")
    other = write_tiny(
        tmp_path / "outreach.yaml", "patient_outreach", "outreach:\n  intensity: 1.0\n"
    )
    out = tmp_path / "cmp"
    assert cli.main(["compare", str(base), str(other), "-n", "3", "-o", str(out), "-q"]) == 0
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto((out / "report.html").as_uri())
        heading = page.get_by_role("heading", name="At a glance: Patient outreach against")
        assert heading.bounding_box()["y"] < 200
        first = page.locator("section.summary li").first
        assert first.is_visible() and first.bounding_box()["y"] < 768  # above the fold
        text = page.locator("section.summary").inner_text()
        assert "patient_outreach" not in text and "siloed_world" not in text  # plain names
        assert "who pays" in text and "per extra QALY" in text
        assert page.get_by_role("heading", name="Health economics (payers and HTA)").count() == 1
        assert page.locator("img[alt^='Cost-effectiveness acceptability curve']").count() == 1
        with page.expect_download() as info:  # each chart saves as a PNG for a slide
            page.locator("a.save-png").first.click()
        saved = tmp_path / "chart.png"
        info.value.save_as(saved)
        assert saved.read_bytes().startswith(b"\x89PNG")
    finally:
        context.close()
