"""``ecosim app``: check the request, then serve the classroom page with Solara.

The page is served by ``solara run`` in production mode, on 127.0.0.1 unless ``--host``
says otherwise. Solara is pinned with its bundled assets (the ``app`` extra), so the page
works with no internet.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

from ecosim.scenario import load_scenario

__all__ = ["LOCAL_HOSTS", "serve"]

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")

_OFFLINE_ENV = {
    # no telemetry and no update checks: the classroom may have no internet
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
    "SOLARA_TELEMETRY_SERVER_USER_CHECK_ENABLE": "False",
    "SOLARA_THEME_SHOW_BANNER": "False",
    # Solara warns about cookie policy on every page load over plain http on 127.0.0.1
    "PYTHONWARNINGS": "ignore:Cookies with samesite",
}


class AppError(Exception):
    """A request the app cannot serve (bad scenario, missing extra); the message says why."""


def _check_installed() -> None:
    try:
        import solara  # noqa: F401
    except ImportError as exc:
        raise AppError(
            "the web app needs the 'app' extra: pip install -e '.[app]' "
            f"(missing module: {exc.name})"
        ) from None


def _plotly_dir() -> str:
    """The folder of the plotly package's bundled JavaScript (served as /static/assets/)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise AppError(
            "the web app needs the 'app' extra: pip install -e '.[app]' (missing: plotly)"
        )
    return str(Path(spec.submodule_search_locations[0]) / "package_data")


def _session_env(idle_minutes: float) -> dict[str, str]:
    """Solara settings for a class: Plotly served offline; closed sessions freed soon."""
    return {
        "SOLARA_ASSETS_EXTRA_LOCATIONS": _plotly_dir(),
        # a tab closed without saying so (a laptop lid) frees its worlds after this long
        "SOLARA_KERNEL_CULL_TIMEOUT": f"{max(idle_minutes, 0.1) * 60:.0f}s",
    }


def serve(
    port: int = 8765,
    host: str = "127.0.0.1",
    scenario: Path | None = None,
    idle_minutes: float = 30.0,
) -> int:
    """Check the request, then become the Solara server (this process is replaced).

    Raises:
        AppError: Solara is not installed, or the port is out of range.
        ScenarioError: ``scenario`` is missing or invalid (names the file and field).
    """
    if not 0 <= port <= 65535:
        raise AppError(f"--port: {port} is not a port number (0-65535)")
    _check_installed()
    env = {**os.environ, **_OFFLINE_ENV, **_session_env(idle_minutes)}
    if scenario is not None:
        load_scenario(scenario)  # fail here, with file and field, not in the browser
        env["ECOSIM_APP_SCENARIO"] = str(Path(scenario).resolve())
    if host not in LOCAL_HOSTS:
        print(
            f"warning: serving on {host}: anyone who can reach this machine on port {port} "
            "can use the app (there is no login). Use this on a classroom network only.",
            file=sys.stderr,
        )
    print(f"ecosim classroom app: http://{host}:{port}/  (Ctrl-C stops it)", flush=True)
    cmd = [
        sys.executable,
        "-m",
        "solara",
        "run",
        "ecosim.app.page",
        "--host",
        host,
        "--port",
        str(port),
        "--production",
        "--no-open",
        "--no-check-version",
        "--log-level",
        "warning",
    ]
    sys.stdout.flush()
    sys.stderr.flush()
    # Replace this process with the server, so that signals (Ctrl-C, a test's terminate,
    # a classroom machine shutting down) reach it directly and no orphan server is left.
    os.execve(sys.executable, cmd, env)
    return 0  # not reached: execve only returns by raising OSError
