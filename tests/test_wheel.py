"""An installed (non-editable) wheel carries the scenario library: ``ecosim run siloed``,
``ecosim.run("siloed")`` and ``extends: siloed`` work with no checkout in sight."""

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_an_installed_wheel_runs_the_bundled_library(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(dist)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = dist.glob("ecosim-*.whl")
    env = tmp_path / "env"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    # the dependencies come from the test environment; ecosim itself only from the wheel
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(purelib) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "mine.yaml").write_text("extends: siloed\nname: mine\nyears: 1\n")
    code = (
        "import ecosim; print(ecosim.__file__); "
        "print(ecosim.run('siloed', seed=1, years=1)['patients_tested']); "
        "print(ecosim.load_scenario('mine.yaml').name)"
    )
    out = subprocess.run(
        [str(python), "-c", code], cwd=work, capture_output=True, text=True, timeout=600
    )
    assert out.returncode == 0, out.stderr[-2000:]
    where, tested, name = out.stdout.split()
    assert where.startswith(str(env)) and float(tested) > 0 and name == "mine"
    cli = subprocess.run(
        [str(env / "bin" / "ecosim"), "run", "siloed", "--years", "1", "-n", "1", "-q", "-o", "r"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert cli.returncode == 0, cli.stderr[-2000:]
    assert (work / "r" / "manifest.json").is_file()
    listed = subprocess.run(
        [str(env / "bin" / "ecosim"), "scenarios", "list"], cwd=work, capture_output=True, text=True
    )
    assert "collective_impact" in listed.stdout
