"""Class load: N real browser sessions on one ``ecosim app``, all pressing Play.

Students arrive ``--gap`` seconds apart (one Chromium, one browser context each, as in
issue 16's measurement). Each opens the page and presses Play; once the last has joined,
every session plays for ``--window`` seconds. Then a sample of sessions presses Pause
and, paused, Step, while the others keep playing.

Per session: time to the page (first clock shown), frames seen per second during the
window (clock changes, recorded in the page by a MutationObserver), Pause and Step
latency (click to the page showing it). For the machine: the server's memory (the server
process and its worker processes, peak resident set), the server's CPU, and Chromium's.

Goal (issue 16): 30 sessions on the 2-core machine, each >= 1 frame/s, a new page in
< 5 s, Step and Pause in < 1 s, server memory < 1.5 GB.

Usage: ``.venv/bin/python benchmarks/bench_classroom.py [--sessions 30] [--window 30]``.
Needs Chromium at ``/usr/bin/chromium`` (or ``ECOSIM_CHROMIUM``) and the ``app`` extra.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import psutil
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.app_browser import CHROMIUM, CHROMIUM_ARGS, _free_port  # noqa: E402

ARGS = [
    *CHROMIUM_ARGS,
    # a background tab must keep its timers: every student is looking at their own page
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]

RECORDER = """
window.__clock = [];
const watch = () => {
  const el = document.querySelector('.ecosim-clock');
  if (!el) { setTimeout(watch, 100); return; }
  const now = () => performance.timeOrigin + performance.now();
  const note = () => window.__clock.push([now(), el.innerText]);
  note();
  new MutationObserver(note).observe(el, {childList: true, characterData: true, subtree: true});
};
document.addEventListener('DOMContentLoaded', watch);
"""


class Sampler(threading.Thread):
    """Peak resident memory of the server and its workers, sampled every 0.5 s."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak = 0
        self.stop = threading.Event()

    def tree(self) -> list[psutil.Process]:
        try:
            return [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def cpu_seconds(self, main_only: bool = False) -> float:
        total = 0.0
        for p in [self.root] if main_only else self.tree():
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.NoSuchProcess:
                pass
        return total

    def run(self) -> None:
        while not self.stop.wait(0.5):
            rss = 0
            for p in self.tree():
                with contextlib.suppress(psutil.NoSuchProcess):
                    rss += p.memory_info().rss
            self.peak = max(self.peak, rss)


def _quarter(text: str) -> int:
    return int(text.split("quarter ")[1].split()[0])


def _chromium_cpu() -> float:
    total = 0.0
    for p in psutil.process_iter(["name", "cpu_times"]):
        if p.info["name"] and "chrom" in p.info["name"]:
            t = p.info["cpu_times"]
            total += t.user + t.system
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--gap", type=float, default=1.0, help="seconds between arrivals")
    ap.add_argument("--window", type=float, default=30.0, help="seconds all sessions play")
    ap.add_argument("--years", type=float, default=200.0, help="horizon of the runs")
    ap.add_argument("--probes", type=int, default=5, help="sessions that try Pause and Step")
    ap.add_argument(
        "--distinct-seeds",
        action="store_true",
        help="each student sets a seed of their own (no two sessions share a world: the "
        "worst case); by default all start on the same settings, as a lesson does",
    )
    ap.add_argument(
        "--no-charts",
        action="store_true",
        help="block Plotly in the browsers: the server's load without the charts' drawing "
        "(as when every student's browser runs on their own laptop)",
    )
    ap.add_argument("--out", type=Path, default=Path("results/bench-classroom.json"))
    args = ap.parse_args()

    args.out.parent.mkdir(parents=True, exist_ok=True)
    # a horizon long enough that no session reaches its end while the class is measured
    scenario = str(args.out.with_name("collective_impact_long.yaml"))
    Path(scenario).write_text(f"extends: collective_impact\nyears: {args.years}\n")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "ecosim.cli", "app", "--port", str(port), "--scenario", scenario],
        stdout=subprocess.DEVNULL,
        stderr=open(args.out.with_suffix(".server.log"), "w"),  # noqa: SIM115
    )
    url = f"http://127.0.0.1:{port}/"
    for _ in range(120):
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    sampler = Sampler(server.pid)
    sampler.start()
    idle_rss = sum(p.memory_info().rss for p in sampler.tree())
    pages, loads = [], []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            cpu0, chrome0 = sampler.cpu_seconds(), _chromium_cpu()
            main0 = sampler.cpu_seconds(main_only=True)
            start = time.monotonic()
            for k in range(args.sessions):
                time.sleep(max(0.0, start + k * args.gap - time.monotonic()))
                ctx = browser.new_context(viewport={"width": 1366, "height": 768})
                ctx.add_init_script(RECORDER)
                if args.no_charts:
                    ctx.route("**/plotly.min.js", lambda route: route.abort())
                page = ctx.new_page()
                page.set_default_timeout(180_000)
                t = time.monotonic()
                page.goto(url)
                page.locator(".ecosim-clock").wait_for()
                loads.append(time.monotonic() - t)
                if args.distinct_seeds:
                    seed = page.get_by_label("Seed")
                    seed.fill(str(1000 + k))
                    seed.press("Enter")
                    page.locator(".ecosim-clock", has_text=f"seed {1000 + k}").wait_for()
                page.get_by_role("button", name="Play").click()
                pages.append(page)
            t0 = time.time() * 1000
            time.sleep(args.window)
            t1 = time.time() * 1000
            rates = []
            for page in pages:
                seen = page.evaluate("() => window.__clock")
                quarters = {_quarter(txt) for ts, txt in seen if t0 <= ts <= t1}
                rates.append(len(quarters) / args.window)
            lost = [k for k, p in enumerate(pages) if p.locator(".ecosim-clock").count() == 0]
            for k in lost[:3]:
                pages[k].screenshot(path=str(args.out.with_name(f"lost-{k}.png")))
            live = [p for k, p in enumerate(pages) if k not in lost]
            quarters_now = [_quarter(p.locator(".ecosim-clock").inner_text()) for p in live]
            stopped = [
                k
                for k, p in enumerate(pages)
                if k not in lost and p.get_by_role("button", name="Pause").count() == 0
            ]
            for k in stopped[:3]:
                pages[k].screenshot(path=str(args.out.with_name(f"stopped-{k}.png")))
            pause, step, failed = [], [], 0
            for page in [p for k, p in enumerate(pages) if k not in stopped + lost][: args.probes]:
                try:
                    t = time.monotonic()
                    page.get_by_role("button", name="Pause").click(timeout=10_000)
                    page.get_by_role("button", name="Play").wait_for(timeout=10_000)
                    pause.append(time.monotonic() - t)
                    q = _quarter(page.locator(".ecosim-clock").inner_text())
                    t = time.monotonic()
                    page.get_by_role("button", name="Step").click(timeout=10_000)
                    clock = page.locator(".ecosim-clock", has_text=f"(quarter {q + 1} of")
                    clock.wait_for(timeout=10_000)
                    step.append(time.monotonic() - t)
                except PlaywrightTimeout:
                    failed += 1
            elapsed = time.monotonic() - start
            cpu = sampler.cpu_seconds() - cpu0
            main_cpu = sampler.cpu_seconds(main_only=True) - main0
            chrome = _chromium_cpu() - chrome0
            browser.close()
    finally:
        sampler.stop.set()
        server.terminate()
        t = time.monotonic()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        stop_s = time.monotonic() - t

    result = {
        "sessions": args.sessions,
        "charts_drawn": not args.no_charts,
        "distinct_seeds": args.distinct_seeds,
        "gap_s": args.gap,
        "window_s": args.window,
        "cores": os.cpu_count(),
        "page_s": {"median": statistics.median(loads), "max": max(loads)},
        "frames_per_s": {"min": min(rates), "median": statistics.median(rates)},
        "quarter_at_end": {"min": min(quarters_now), "max": max(quarters_now)},
        "sessions_not_playing": len(stopped),
        "sessions_lost": len(lost),
        "probes_over_10_s": failed,
        "pause_s": {"median": statistics.median(pause), "max": max(pause)} if pause else None,
        "step_s": {"median": statistics.median(step), "max": max(step)} if step else None,
        "server_rss_mb": {"idle": idle_rss / 2**20, "peak": sampler.peak / 2**20},
        "server_cpu_share": cpu / elapsed,
        "server_main_process_cpu_share": main_cpu / elapsed,
        "chromium_cpu_share": chrome / elapsed,
        "sigterm_exit_s": stop_s,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
