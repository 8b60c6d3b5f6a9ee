import json

import pytest

from ecosim import cli
from ecosim.records import ENTITY_TABLES

from .conftest import write_tiny


@pytest.fixture
def small_file(tmp_path):
    return write_tiny(tmp_path / "tiny.yaml", "tiny")


def test_run_writes_every_output(small_file, tmp_path, capsys):
    out = tmp_path / "out"
    code = cli.main(
        [
            "run",
            str(small_file),
            "-n",
            "2",
            "--seed",
            "3",
            "--out",
            str(out),
            "--csv",
            "-q",
            "-w",
            "1",
        ]
    )
    assert code == 0
    names = {p.name for p in out.iterdir()}
    assert names == {
        "steps.parquet",
        "steps.csv",
        "summary.parquet",
        "summary.csv",
        "scenario.yaml",
        "outcomes.png",
        "manifest.json",
        "entities",
    }
    tables = {p.name for p in (out / "entities").iterdir()}
    assert tables == {f"{t}.parquet" for t in ENTITY_TABLES}
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["seed"] == 3 and manifest["replicates"] == 2
    files = names - {"manifest.json", "entities"} | {f"entities/{t}" for t in tables}
    assert set(manifest["files"]) == files
    assert "mesa" in manifest["versions"]
    assert "Results:" in capsys.readouterr().out
    assert not list(tmp_path.glob(".out.partial-*"))


def test_same_seed_same_bytes_whatever_the_workers(small_file, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert (
        cli.main(["run", str(small_file), "-n", "3", "-s", "9", "-o", str(a), "-q", "-w", "1"]) == 0
    )
    assert (
        cli.main(["run", str(small_file), "-n", "3", "-s", "9", "-o", str(b), "-q", "-w", "2"]) == 0
    )
    for name in ("steps.parquet", "summary.parquet", "summary.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_the_resolved_scenario_reproduces_the_run(small_file, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert cli.main(["run", str(small_file), "-n", "2", "-s", "1", "-o", str(a), "-q"]) == 0
    resolved = a / "scenario.yaml"
    assert cli.main(["run", str(resolved), "-n", "2", "-s", "1", "-o", str(b), "-q"]) == 0
    assert (a / "summary.parquet").read_bytes() != b""
    import pandas as pd

    sa = pd.read_parquet(a / "summary.parquet").drop(columns="scenario")
    sb = pd.read_parquet(b / "summary.parquet").drop(columns="scenario")
    pd.testing.assert_frame_equal(sa, sb)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "missing.yaml"], "missing.yaml: file not found"),
        (["run", "{small}", "-n", "0"], "must be 1 or more"),
        (["run", "{small}", "-s", "-1"], "must be 0 or more"),
        (["run", "{small}", "--years", "-2"], "field 'years'"),
    ],
)
def test_bad_input_exits_2_without_traceback(small_file, tmp_path, capsys, args, message):
    out = tmp_path / "never"
    argv = [a.format(small=small_file) for a in args] + ["-o", str(out), "-q"]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()


def test_argument_errors_exit_2(small_file, capsys):
    assert cli.main(["run", str(small_file), "-n", "zero"]) == 2
    assert "expected a whole number" in capsys.readouterr().err
    assert cli.main(["--help"]) == 0


def test_refuses_an_output_folder_that_holds_a_run(small_file, tmp_path, capsys):
    out = tmp_path / "full"
    out.mkdir()
    (out / "manifest.json").write_text("{}")
    assert cli.main(["run", str(small_file), "-o", str(out), "-q"]) == 2
    assert "already exists and is not empty" in capsys.readouterr().err
    assert (out / "manifest.json").read_text() == "{}"


def test_interrupt_leaves_no_output(small_file, tmp_path, monkeypatch, capsys):
    import ecosim.experiments as experiments

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(experiments, "run_replicates", boom)
    out = tmp_path / "interrupted"
    assert cli.main(["run", str(small_file), "-o", str(out), "-q"]) == 130
    assert not out.exists()
    assert not list(tmp_path.glob(".interrupted.partial-*"))
    assert "no results were written" in capsys.readouterr().err
