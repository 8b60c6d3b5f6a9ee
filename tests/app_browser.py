"""Shared fixtures of the browser tests: ``ecosim app`` on a free port and Chromium.

The server is started on 127.0.0.1 and stopped at the end of the test module; without
Chromium or playwright the tests are skipped, except under ``CI=true``, where a missing
browser is a failure (``.ci/run`` installs it).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ECOSIM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
TIMEOUT_MS = 30_000


def _missing() -> str:
    try:
        import playwright  # noqa: F401
        import solara  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM}"
    return ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """``ecosim app`` on a free port: its URL and its process (the server)."""
    why = _missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {why}")
        pytest.skip(why)
    port = _free_port()
    log = tmp_path_factory.mktemp("app") / "server.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ecosim.cli", "app", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"the app did not start:\n{log.read_text()}")
            time.sleep(0.3)
    yield url, proc
    t = time.monotonic()
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the app did not stop on SIGTERM")
    assert time.monotonic() - t < 5, "SIGTERM took more than 5 s to stop the app"
    with pytest.raises(OSError):  # nothing is left serving (no orphaned server process)
        urllib.request.urlopen(url, timeout=2)
    text = log.read_text()
    assert "Traceback" not in text, text[-3000:]


@pytest.fixture(scope="module")
def app_url(app_server):
    return app_server[0]


@pytest.fixture(scope="module")
def browser(app_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
