"""The logic behind the classroom app, without a browser."""

import io
import json

import numpy as np
import pandas as pd
import pytest

from ecosim.analysis.plots import SECTOR_COLOURS
from ecosim.api import with_overrides
from ecosim.app import charts
from ecosim.app.frames import frame, world_names
from ecosim.app.levers import LEVERS, TRUST_INITIAL, lever_values, overrides
from ecosim.app.lockstep import CASCADE_STEPS, STATUS, Lockstep
from ecosim.app.screen import MORE_CHARTS, screen_view
from ecosim.experiments.replicates import network_snapshot
from ecosim.scenario import Scenario, load_scenario
from ecosim.scenario.paths import field_info
from ecosim.sectors import Sector

from .conftest import SCENARIOS, small


def _bounds(path: str) -> tuple[float, float]:
    lo, hi = -np.inf, np.inf
    for m in field_info(path).metadata:
        lo = getattr(m, "ge", lo)
        hi = getattr(m, "le", hi)
    return lo, hi


@pytest.mark.parametrize("lever", LEVERS, ids=lambda lv: lv.key)
def test_every_lever_stays_inside_the_schema(lever):
    for path in lever.paths:
        if lever.kind == "slider":
            lo, hi = _bounds(path)
            assert lo <= lever.low < lever.high <= hi, path
            with_overrides(Scenario(), **{path: lever.high})  # accepted by the schema
        elif lever.kind == "choice":
            for choice in lever.choices:
                with_overrides(Scenario(), **{path: choice})


def test_untouched_levers_leave_the_scenario_exact():
    ci = load_scenario(SCENARIOS / "collective_impact.yaml")
    assert overrides(ci, lever_values(ci)) == {}


def test_moved_lever_overrides_only_its_fields():
    siloed = load_scenario(SCENARIOS / "siloed.yaml")
    values = {**lever_values(siloed), "trust_initial": 0.9, "backbone": 1.0}
    got = overrides(siloed, values)
    backbone = "collective_impact.backbone.intensity"
    assert got == {**dict.fromkeys(TRUST_INITIAL, 0.9), backbone: 1.0}
    chosen = with_overrides(siloed, **got)
    assert chosen.trust.initial_industry_payer == 0.9
    assert chosen.collective_impact.backbone.intensity == 1.0


def test_equal_settings_give_identical_worlds():
    """Same seed, same rules: the two worlds never differ, so differences come from rules."""
    s = small(years=3)
    pair = Lockstep(s, s, seed=11)
    pair.step(12)
    left, right = (w.model.recorder.frame() for w in pair.worlds)
    pd.testing.assert_frame_equal(left, right)


def test_a_lever_changes_only_the_chosen_world():
    s = small(years=3)
    plain = Lockstep(s, s, seed=5)
    moved = Lockstep(s, with_overrides(s, **{"outreach.intensity": 1.0}), seed=5)
    plain.step(8)
    moved.step(8)
    base_a, base_b = (w.model.recorder.frame() for w in (plain.worlds[0], moved.worlds[0]))
    pd.testing.assert_frame_equal(base_a, base_b)  # the siloed world is untouched
    tested = [w.column("patients_tested").sum() for w in moved.worlds]
    assert tested[1] > tested[0]


def test_step_advances_both_worlds_and_stops_at_the_horizon():
    s = small(years=1)
    pair = Lockstep(s, s, seed=1)
    assert pair.step(3) == 3
    assert [w.model.steps for w in pair.worlds] == [3, 3]
    assert pair.step(10) == 1  # 4 quarters in a year
    assert pair.finished and pair.year == 1.0
    assert pair.step() == 0


def test_baseline_takes_the_chosen_horizon():
    pair = Lockstep(small(years=5), small(years=2), seed=1)
    assert pair.horizon == 8
    assert pair.worlds[0].scenario.years == 2


def test_status_is_cumulative():
    s = small(years=2)
    pair = Lockstep(s, s, seed=3)
    pair.step(6)
    w = pair.worlds[0]
    st = pair.status()[w.name]
    assert st["approvals"] == w.column("approvals").sum()
    assert st["rd_spend_busd"] == pytest.approx(w.column("rd_spend_musd").sum() / 1000)
    assert st["partnerships_active"] == w.column("partnerships_active")[-1]


def test_csv_export_holds_every_step_of_both_worlds():
    s = small(years=2)
    pair = Lockstep(s, with_overrides(s, **{"ip.regime": "open"}), seed=4, names=("a", "b"))
    pair.step(5)
    df = pd.read_csv(io.StringIO(pair.to_csv()))
    assert sorted(df["world"].unique()) == ["a", "b"]
    assert df.groupby("world")["step"].apply(list).to_dict() == {
        "a": [1, 2, 3, 4, 5],
        "b": [1, 2, 3, 4, 5],
    }
    assert (df["seed"] == 4).all()
    assert {"approvals", "patients_matched", "rd_spend_musd"} <= set(df.columns)


def test_pipeline_and_cascade_match_the_model():
    s = small(years=2)
    pair = Lockstep(s, s, seed=2)
    pair.step(6)
    w = pair.worlds[0]
    counts = pair.pipeline()[w.name]
    last = w.model.recorder.frame().iloc[-1]
    assert counts.tolist() == [
        last[f"programmes_{k}"]
        for k in ("discovery", "preclinical", "phase1", "phase2", "phase3", "review")
    ]
    cascade = pair.cascade(quarters=4)[w.name]
    assert cascade[0] == pytest.approx(w.column(CASCADE_STEPS[0][0])[-4:].sum())
    assert cascade[0] >= cascade[1] >= cascade[2] >= cascade[3]  # incident >= aware >= ...


def test_network_view_draws_every_live_organisation_and_partnership():
    s = small(years=2)
    pair = Lockstep(s, s, seed=8)
    pair.step(4)
    f = frame(pair)
    for world, net in zip(f["worlds"], pair.networks().values(), strict=True):
        shapes = charts.network_view(world)
        assert len(shapes["nodes"]) == len(net["nodes"])
        assert len(shapes["edges"]) == len(net["edges"]) == shapes["count"]
        # the card's count is the network's count (issue 16: 91 against 14 at quarter 0)
        assert world["status"]["partnerships_active"] == shapes["count"]
        widths = {e[5] for e in shapes["edges"]}
        assert widths <= {w for _, w in charts.TRUST_WIDTHS}


def test_every_sector_has_a_colour():
    """A sector without one was drawn black and missing from the key."""
    assert {s.value for s in Sector} <= set(SECTOR_COLOURS)


def test_circle_layout_is_stable_and_grouped_by_sector():
    nodes = [(5, "biotech"), (1, "pharma"), (9, "payer"), (2, "pharma")]
    pos = charts.circle_layout(nodes)
    assert pos == charts.circle_layout(list(reversed(nodes)))
    angles = {i: np.arctan2(y, x) % (2 * np.pi) for i, (x, y) in pos.items()}
    assert angles[1] < angles[2] < angles[5] < angles[9]  # pharma, pharma, biotech, payer


@pytest.mark.parametrize("more", ["", *MORE_CHARTS])
def test_every_view_has_data_before_and_after_stepping(more):
    s = small(years=1)
    pair = Lockstep(s, s, seed=1, names=world_names("siloed", "siloed", False))
    for _ in range(2):
        f = frame(pair)
        json.dumps(f)  # the frame travels from the worker to the page as plain data
        view = screen_view(f, more)
        json.dumps(view)  # and from the page to the browser
        headline = view["headline"]["data"]
        assert [t["name"] for t in headline] == ["Siloed", "Siloed (copy)"]
        assert all(len(t["y"]) == pair.steps_done for t in headline)
        if more:
            assert view["more"]["data"], more
        else:
            assert view["more"] is None
        assert len(view["worlds"][0]["rows"]) == len(STATUS)
        pair.step(2)


def test_presenter_view_shows_three_numbers_and_no_charts():
    pair = Lockstep(small(years=1), small(years=1), seed=3)
    view = screen_view(frame(pair), "Trends", presenter=True)
    assert [len(w["rows"]) for w in view["worlds"]] == [3, 3]
    assert view["headline"] is None and view["more"] is None


def test_the_two_worlds_never_share_a_name():
    """Lesson 1 puts siloed on both sides: one card overwrote the other (issue 16)."""
    assert world_names("siloed", "siloed", False) == ("Siloed", "Siloed (copy)")
    assert world_names("siloed", "siloed", True) == ("Siloed", "Siloed + your changes")
    assert world_names("siloed", "collective_impact", False) == ("Siloed", "Collective impact")
    s = small(years=1)
    pair = Lockstep(s, s, seed=2, names=world_names("siloed", "siloed", False))
    pair.step(1)
    f = frame(pair)
    assert [w["name"] for w in f["worlds"]] == ["Siloed", "Siloed (copy)"]
    assert pair.frame()["world"].unique().tolist() == ["Siloed", "Siloed (copy)"]


def test_cascade_sums_the_quarters_it_says():
    s = small(years=2)
    pair = Lockstep(s, s, seed=4)
    pair.step(2)
    f = frame(pair)
    w = f["worlds"][0]
    assert w["cascade_quarters"] == 2
    col = CASCADE_STEPS[0][0]
    assert w["cascade"][0] == pytest.approx(pair.worlds[0].column(col).sum())
    assert "last 2 quarter" in charts.cascade_chart(f)["layout"]["title"]["text"]


def test_closure_share_is_of_ended_trials():
    s = small(years=3)
    pair = Lockstep(s, s, seed=6)
    pair.step(12)
    w = pair.worlds[0]
    closed = w.column("trials_closed_accrual").sum()
    ended = closed + w.column("trials_completed").sum() + w.column("trials_stopped_other").sum()
    assert ended > 0
    assert pair.status()[w.name]["accrual_closure_share"] == pytest.approx(closed / ended)


def test_before_the_first_step_the_card_counts_the_partnerships_the_network_draws():
    # regression: the card summed the partnerships' ids instead of counting them
    pair = Lockstep(small(), small(), seed=8)
    w = pair.worlds[0]
    assert len(w.model.partnerships.active()) > 1  # academic collaborations of seeded phase I
    edges = len(network_snapshot(w.model)["edges"])
    assert pair.status()[w.name]["partnerships_active"] == edges
