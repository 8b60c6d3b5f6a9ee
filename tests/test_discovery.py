"""Scenario discovery (PRIM and CART) on a sweep, through the sweep's own code path."""

import pandas as pd
import pytest

from ecosim import cli
from ecosim.analysis.discovery import DiscoveryError, discover, parse_condition
from ecosim.experiments.design import Parameter, build_design
from ecosim.experiments.engine import LocalEngine
from ecosim.experiments.sweep import run_sweep
from ecosim.experiments.testfunctions import BOX, in_box

from .conftest import function_experiment

pytest.importorskip("ema_workbench")


@pytest.fixture(scope="module")
def box_sweep(tmp_path_factory):
    """200 LHS points of a function that is 1 inside a known box and 0 elsewhere."""
    params = [Parameter(path=f"x{i}", range=(0.0, 1.0)) for i in (1, 2, 3)]
    exp = function_experiment("lhs", params, samples=200, seed=4)
    folder = tmp_path_factory.mktemp("discovery") / "box"
    with LocalEngine(1) as engine:
        run_sweep(exp, None, build_design(exp), folder, engine, fn=in_box)
    return folder


def test_prim_finds_the_box_that_holds_the_cases(box_sweep):
    written = discover(box_sweep, "y > 0.5")
    boxes = pd.read_csv(written["boxes"])
    prim = boxes[boxes["method"] == "prim"].set_index("parameter")
    assert set(prim.index) == {"x1", "x2"}  # x3 does nothing: it is not restricted
    assert prim.loc["x1", "min"] == pytest.approx(BOX["x1"][0], abs=0.06)
    assert prim.loc["x2", "max"] == pytest.approx(BOX["x2"][1], abs=0.06)
    assert prim["density"].iloc[0] > 0.9 and prim["coverage"].iloc[0] > 0.8
    cart = boxes[(boxes["method"] == "cart") & (boxes["density"] > 0.9)]
    assert set(cart["parameter"]) <= {"x1", "x2"} and len(cart) > 0
    report = written["report"].read_text()
    assert "met at" in report and "`x1` in [" in report
    assert written["plot"].exists()


def test_conditions_are_read_against_the_point_means():
    cond = parse_condition("y >= q75", ["y"])
    y = pd.Series(range(100), dtype=float)
    assert cond.value(y) == pytest.approx(74.25) and cond.holds(y).sum() == 25
    assert parse_condition("y < 3e2", ["y"]).value(y) == 300
    with pytest.raises(DiscoveryError, match="outcome 'z' is not in the sweep; recorded: y"):
        parse_condition("z > median", ["y"])
    with pytest.raises(DiscoveryError, match="expected OUTCOME OP THRESHOLD"):
        parse_condition("y is large", ["y"])


def test_discover_says_what_is_wrong_and_exits_2(box_sweep, tmp_path, capsys):
    assert cli.main(["discover", str(box_sweep), "y > 5"]) == 2
    assert "holds at 0 of 200 points: nothing to tell apart" in capsys.readouterr().err
    assert cli.main(["discover", str(tmp_path), "y > 0.5"]) == 2
    assert "not a sweep folder" in capsys.readouterr().err
    assert cli.main(["discover", str(box_sweep), "y > 0.5", "--min-coverage", "2"]) == 2
    assert "must be in (0, 1]" in capsys.readouterr().err


def test_the_command_prints_the_box_and_writes_its_files(box_sweep, tmp_path, capsys):
    out = tmp_path / "found"
    assert cli.main(["discover", str(box_sweep), "y > median", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "restricted: x1 in [" in captured.err and "x3" not in captured.err
    assert {p.name for p in out.iterdir()} >= {
        "boxes.csv",
        "prim_trajectory.csv",
        "discovery.md",
        "discovery.png",
    }
