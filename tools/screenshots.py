"""Take the app screenshots used in docs/teaching.md (docs/images/app-*.png).

Starts ``ecosim app`` on a free local port and drives it with Debian's Chromium, the same
way the browser tests do. Run: .venv/bin/python tools/screenshots.py
"""

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.app_browser import CHROMIUM, CHROMIUM_ARGS, _free_port  # noqa: E402

from ecosim.app.frames import plain_name  # noqa: E402

IMAGES = ROOT / "docs" / "images"


def quarter(page) -> int:
    """The quarter the page's clock shows."""
    return int(page.locator(".ecosim-clock").inner_text().split("quarter ")[1].split()[0])


def run_years(page, years: int) -> None:
    """Speed to 8 quarters per frame, then Step until ``years`` are done."""
    speed = page.get_by_role("slider", name="Speed (quarters per frame)")
    speed.focus()
    speed.press("End")
    while quarter(page) < 4 * years:
        before = quarter(page)
        page.get_by_role("button", name="Step").click()
        page.wait_for_function(
            f"document.querySelector('.ecosim-clock').innerText.indexOf('(quarter {before} of') < 0"
        )


def pick(page, name: str) -> None:
    """Choose a scenario from the picker and wait for its world card."""
    page.locator(".v-select", has_text="Scenario").first.click()
    page.get_by_role("option", name=name, exact=True).click()
    page.locator(".ecosim-world", has_text=plain_name(name)).first.wait_for()


def main() -> None:
    """Start the app, take the screenshots, stop the app."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "ecosim.cli", "app", "--port", str(port)])
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.set_default_timeout(60_000)
            page.goto(url)
            page.locator(".ecosim-clock").wait_for()
            run_years(page, 10)
            page.screenshot(path=str(IMAGES / "app-overview.png"))
            page.screenshot(path=str(IMAGES / "app-full.png"), full_page=True)
            pick(page, "patient_outreach")
            run_years(page, 10)
            page.get_by_role("button", name="Patient cascade").click()
            page.locator(".ecosim-more-chart .main-svg").first.wait_for()
            page.locator(".ecosim-more-chart").screenshot(path=str(IMAGES / "app-cascade.png"))
            pick(page, "shared_ip_no_framework")
            run_years(page, 10)
            page.locator(".ecosim-world").nth(1).screenshot(
                path=str(IMAGES / "app-no-framework.png")
            )
            page.locator(".ecosim-worlds").screenshot(path=str(IMAGES / "app-network.png"))
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    for p in sorted(IMAGES.glob("app-*.png")):
        print(p.relative_to(ROOT))


if __name__ == "__main__":
    main()
