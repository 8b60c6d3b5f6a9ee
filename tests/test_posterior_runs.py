"""--posterior: replicate i runs at posterior draw i, in compare, sweep and the Python API.

Checked: the seeds-only half is the plain comparison; the posterior half is replicate i of
each scenario at draw i with seed i (reproducible); a scenario that sets a calibrated
parameter itself keeps its value; the report gives both intervals and the sign-change share;
bad posterior files get a message naming the file and the field and exit 2.
"""

import json

import numpy as np
import pandas as pd
import pytest

from ecosim import cli, run_once
from ecosim.analysis.uncertainty import DEPENDS_SHARE, uncertainty_sentences
from ecosim.experiments.compare import run_comparison
from ecosim.experiments.posterior_runs import draw_values, load_posterior, with_draw
from ecosim.experiments.replicates import replicate_seeds
from ecosim.scenario import ScenarioError

from .conftest import small, write_tiny

PARAM = "pipeline.phase2.success"


def _posterior(path, values=(0.15, 0.45), weights=(0.5, 0.5)):
    frame = pd.DataFrame(
        {"generation": 1, PARAM: list(values), "weight": list(weights), "distance": 0.3}
    )
    frame.to_parquet(path)
    return path


def test_with_draw_keeps_a_value_the_scenario_sets_itself():
    base = small()
    own = small(pipeline={"phase2": {"success": 0.5}})
    draw = {PARAM: 0.2, "pipeline.phase3.success": 0.6}
    assert with_draw(base, base, draw).pipeline.phase2.success == 0.2
    changed = with_draw(own, base, draw)
    assert changed.pipeline.phase2.success == 0.5  # the scenario's question stays
    assert changed.pipeline.phase3.success == 0.6


def test_draws_follow_the_weights_and_the_seed(tmp_path):
    post = load_posterior(_posterior(tmp_path / "p.parquet", weights=(0.0, 1.0)))
    assert {d[PARAM] for d in draw_values(post, 20, 3)} == {0.45}
    even = load_posterior(_posterior(tmp_path / "q.parquet"))
    assert draw_values(even, 30, 3) == draw_values(even, 30, 3)
    assert draw_values(even, 30, 3) != draw_values(even, 30, 4)


def test_comparison_runs_replicate_i_at_draw_i(tmp_path):
    post = load_posterior(_posterior(tmp_path / "p.parquet"))
    a = small(name="a", years=3)
    b = small(name="b", years=3, reimbursement={"companion_test_reimbursed": False})
    plain = run_comparison([a, b], 3, seed=5, workers=1)
    comp = run_comparison([a, b], 3, seed=5, workers=1, posterior=post)
    # the seeds-only half is the plain comparison, bit for bit
    pd.testing.assert_frame_equal(comp.results["b"].summary, plain.results["b"].summary)
    seeds = replicate_seeds(5, 3)
    for i in range(3):
        _, summary, _ = run_once(with_draw(b, a, comp.draws[i]), seeds[i])
        got = comp.with_posterior.results["b"].summary.iloc[i]
        assert got["approvals"] == summary["approvals"]
        assert got["loa_phase1"] == pytest.approx(summary["loa_phase1"], nan_ok=True)


def test_uncertainty_table_counts_the_other_sign():
    class Res:
        def __init__(self, values):
            self.summary = pd.DataFrame({"replicate": range(len(values)), "approvals": values})

    class Comp:
        names = ["base", "x"]
        base = "base"

    seeds, post = Comp(), Comp()
    seeds.results = {"base": Res([10.0] * 10), "x": Res([12.0] * 9 + [9.0])}
    post.results = {"base": Res([10.0] * 10), "x": Res([12.0] * 6 + [9.0] * 4)}
    seeds.with_posterior = post
    from ecosim.analysis import uncertainty

    assert uncertainty._other_sign(
        seeds.results["base"].summary, seeds.results["x"].summary, "approvals"
    ) == pytest.approx(0.1)
    assert uncertainty._other_sign(
        post.results["base"].summary, post.results["x"].summary, "approvals"
    ) == pytest.approx(0.4)


def test_compare_posterior_report_gives_both_intervals(tmp_path, capsys):
    base = write_tiny(tmp_path / "base.yaml", "base")
    other = write_tiny(
        tmp_path / "other.yaml", "other", "reimbursement:\n  companion_test_reimbursed: false\n"
    )
    post = _posterior(tmp_path / "posterior.parquet")
    out = tmp_path / "cmp"
    args = ["compare", str(base), str(other), "-n", "3", "-w", "1", "-q", "-o", str(out)]
    assert cli.main([*args, "--no-entities", "--posterior", str(post)]) == 0
    table = pd.read_csv(out / "uncertainty.csv")
    assert {"diff_low", "post_low", "other_sign", "post_other_sign"} <= set(table.columns)
    report = (out / "report.md").read_text()
    assert "Luck or what we do not know about the world" in report
    assert "with the posterior" in report
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["posterior_draws"]) == 3
    assert "luck or what we do not know" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("frame", "field"),
    [
        (pd.DataFrame({PARAM: [0.2]}), "weight"),
        (pd.DataFrame({"pipeline.phase9.success": [0.2], "weight": [1.0]}), "phase9"),
        (pd.DataFrame({PARAM: [0.2], "weight": [-1.0]}), "weight"),
        (pd.DataFrame({PARAM: [np.nan], "weight": [1.0]}), PARAM),
        (pd.DataFrame({PARAM: [], "weight": []}), "no particles"),
    ],
)
def test_bad_posterior_names_file_and_field(tmp_path, capsys, frame, field):
    path = tmp_path / "bad.parquet"
    frame.to_parquet(path)
    with pytest.raises(ScenarioError, match=field):
        load_posterior(path)
    base = write_tiny(tmp_path / "base.yaml", "base")
    other = write_tiny(tmp_path / "other.yaml", "other")
    code = cli.main(["compare", str(base), str(other), "-q", "--posterior", str(path)])
    assert code == 2
    err = capsys.readouterr().err
    assert "bad.parquet" in err and "Traceback" not in err


def test_missing_and_unreadable_posterior(tmp_path):
    with pytest.raises(ScenarioError, match="no such posterior file"):
        load_posterior(tmp_path / "none.parquet")
    junk = tmp_path / "junk.parquet"
    junk.write_text("not parquet")
    with pytest.raises(ScenarioError, match="junk.parquet: not a posterior sample"):
        load_posterior(junk)


def test_sentences_say_when_the_sign_depends_on_parameters():
    table = pd.DataFrame(
        [
            {
                "scenario": "x",
                "outcome": "approvals",
                "label": "therapies approved",
                "diff": 2.0,
                "diff_low": 1.0,
                "diff_high": 3.0,
                "post_diff": 1.0,
                "post_low": -1.0,
                "post_high": 3.0,
                "other_sign": 0.05,
                "post_other_sign": 0.3,
            }
        ]
    )
    (text,) = uncertainty_sentences(table, "x")
    assert "changes across the posterior in 30% of draws" in text
    assert "2.0 times as wide" in text
    table.loc[0, "post_other_sign"] = 0.02
    (text,) = uncertainty_sentences(table, "x")
    assert "the sign holds in 98% of draws" in text
    table.loc[0, "post_other_sign"] = DEPENDS_SHARE
    (text,) = uncertainty_sentences(table, "x")
    assert "depends on parameters" in text
    table.loc[0, "other_sign"] = 0.2  # as uncertain on the seeds alone: luck, not parameters
    (text,) = uncertainty_sentences(table, "x")
    assert "luck, more than the parameters" in text and "depends on" not in text


def test_sweep_replicate_r_runs_at_draw_r_and_a_swept_value_wins():
    from types import SimpleNamespace

    from ecosim.experiments.sweep import sweep_payloads

    exp = SimpleNamespace(
        seed=1,
        replicates=2,
        outcomes=[],
        step_outcomes=[],
        record_every=0,
        record=SimpleNamespace(entities=False),
    )
    design = SimpleNamespace(points=pd.DataFrame({PARAM: [0.3], "trust.gain_rate": [0.05]}))
    draws = [
        {PARAM: 0.1, "pipeline.phase3.success": 0.5},
        {PARAM: 0.2, "pipeline.phase3.success": 0.6},
    ]
    payloads = list(sweep_payloads(exp, small(), design, draws))
    values = [payload[1] for _, payload in payloads]
    assert [v["pipeline.phase3.success"] for v in values] == [0.5, 0.6]
    assert all(v[PARAM] == 0.3 for v in values)  # the swept value, not the draw


def test_python_compare_is_the_cli_comparison_and_checks_a_frame(tmp_path):
    import ecosim

    path = _posterior(tmp_path / "p.parquet")
    a = small(name="a", years=3)
    b = small(name="b", years=3, reimbursement={"companion_test_reimbursed": False})
    comp = ecosim.compare(a, b, replicates=2, seed=5, posterior=path, workers=1)
    direct = run_comparison([a, b], 2, seed=5, workers=1, posterior=load_posterior(path))
    assert comp.draws == direct.draws
    pd.testing.assert_frame_equal(
        comp.with_posterior.results["b"].summary, direct.with_posterior.results["b"].summary
    )
    with pytest.raises(ScenarioError, match="field 'weight'"):
        ecosim.compare(a, b, replicates=2, posterior=pd.DataFrame({PARAM: [0.2]}))
