"""``ecosim app``: bad requests fail with a clear message; the server binds to 127.0.0.1."""

import pytest

from ecosim.app import server
from ecosim.cli import main


@pytest.fixture
def fake_server(monkeypatch):
    """Stands in for the exec of the Solara server: records the command and environment."""
    calls = []
    monkeypatch.setattr(server.os, "execve", lambda exe, cmd, env: calls.append((cmd, env)))
    return calls


def _option(cmd, name):
    return cmd[cmd.index(name) + 1]


def test_serves_on_localhost_by_default(fake_server, capsys):
    assert main(["app", "--port", "9001"]) == 0
    cmd, env = fake_server[0]
    assert _option(cmd, "--host") == "127.0.0.1"
    assert _option(cmd, "--port") == "9001"
    assert "--no-check-version" in cmd  # no network call on start
    assert env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False"
    assert "warning" not in capsys.readouterr().err


def test_other_host_warns(fake_server, capsys):
    assert main(["app", "--host", "0.0.0.0"]) == 0
    assert _option(fake_server[0][0], "--host") == "0.0.0.0"
    assert "no login" in capsys.readouterr().err


def test_scenario_is_checked_before_serving(fake_server, tmp_path, capsys):
    bad = tmp_path / "typo.yaml"
    bad.write_text("collective_impact:\n  backbnoe: 1\n")
    assert main(["app", "--scenario", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "typo.yaml" in err and "collective_impact.backbnoe" in err
    assert fake_server == []
    assert main(["app", "--scenario", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml" in capsys.readouterr().err


def test_scenario_reaches_the_page(fake_server, scenarios_dir):
    path = scenarios_dir / "open_ip.yaml"
    assert main(["app", "--scenario", str(path)]) == 0
    assert fake_server[0][1]["ECOSIM_APP_SCENARIO"] == str(path.resolve())


def test_bad_port(fake_server, capsys):
    assert main(["app", "--port", "70000"]) == 2
    assert "--port" in capsys.readouterr().err
    assert fake_server == []
