"""`ecosim compare` and the scenario commands: exit codes, messages, files written."""

import json

import pandas as pd
import pytest

from ecosim import cli

from .conftest import write_tiny


@pytest.fixture
def pair(tmp_path):
    base = write_tiny(tmp_path / "base.yaml", "base")
    other = write_tiny(
        tmp_path / "other.yaml", "other", "reimbursement:\n  companion_test_reimbursed: false\n"
    )
    return base, other


def test_compare_writes_a_complete_report(pair, tmp_path, capsys):
    out = tmp_path / "cmp"
    code = cli.main(
        [
            "compare",
            str(pair[0]),
            str(pair[1]),
            "-n",
            "3",
            "-s",
            "5",
            "-o",
            str(out),
            "-q",
            "-w",
            "1",
        ]
    )
    assert code == 0
    names = {p.name for p in out.iterdir()}
    for expected in (
        "report.html",
        "report.md",
        "comparison.csv",
        "comparison.parquet",
        "time_to_benefit.csv",
        "summary.csv",
        "steps.parquet",
        "manifest.json",
        "trajectories.png",
        "trajectories.svg",
        "differences.png",
        "networks.png",
        "networks.svg",
        "cascade.png",
        "cascade.svg",
        "acceptability.png",
        "net_benefit.csv",
        "summary.pdf",
    ):
        assert expected in names, expected
    html = (out / "report.html").read_text()
    assert "data:image/png;base64," in html and "<img" in html
    assert 'src="http' not in html  # self-contained: nothing loaded from the network
    md = (out / "report.md").read_text()
    assert "Other compared with Base" in md and "lowers patients tested" in md
    # issue 16: the report leads with the answer, then the payer's view
    assert md.index("## At a glance: Other against Base") < md.index("## Health economics")
    assert md.index("## Health economics") < md.index("## Scenarios")
    first_screen = md[: md.index("## Health economics")]
    assert "years, 3 replicates" in first_screen and "undiscounted" in first_screen
    assert "who pays" in first_screen and "What this rests on" in first_screen
    assert "e-0" not in md.split("## Means by scenario")[0]  # no scientific-notation p-values
    assert (out / "summary.pdf").read_bytes().startswith(b"%PDF")
    table = pd.read_csv(out / "comparison.csv")
    row = table[table["outcome"] == "patients_tested"].iloc[0]
    assert row["diff"] < 0 and row["p_ttest"] < 0.05  # unreimbursed tests: less testing
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["base"] == "base" and manifest["replicates"] == 3
    assert "Report:" in capsys.readouterr().out
    progs = pd.read_parquet(out / "entities" / "programmes.parquet")
    assert list(progs.columns[:3]) == ["scenario", "replicate", "programme"]
    assert set(progs["scenario"]) == {"base", "other"} and set(progs["replicate"]) == {0, 1, 2}
    summary = pd.read_csv(out / "summary.csv")
    in_run = progs[(progs["outcome"] == "approved") & ~progs["marketed_at_start"]]
    approved = in_run.groupby(["scenario", "replicate"]).size()
    for r in summary.itertuples():
        assert approved.get((r.scenario, r.replicate), 0) == r.approvals


def test_compare_uses_common_random_numbers(pair, tmp_path):
    out = tmp_path / "same"
    assert (
        cli.main(
            ["compare", str(pair[0]), str(pair[0]), "-n", "3", "-o", str(out), "-q", "-w", "1"]
        )
        == 0
    )
    table = pd.read_csv(out / "comparison.csv")
    # pairing worked: outcomes defined in these short runs are paired on all three seeds
    assert (table["n"] == 3).sum() > 15 and (table["n"] <= 3).all()
    # the same scenario twice on the same seeds: every defined difference is exactly zero
    defined = table["diff"].dropna()
    assert len(defined) > 15 and (defined == 0).all()


def test_compare_lists_every_error_before_running(tmp_path, pair, capsys):
    bad1 = tmp_path / "bad1.yaml"
    bad1.write_text("trust:\n  gain_rat: 0.1\n")
    bad2 = tmp_path / "bad2.yaml"
    bad2.write_text("ip:\n  regime: closed\n")
    out = tmp_path / "never"
    code = cli.main(["compare", str(pair[0]), str(bad1), str(bad2), "-o", str(out), "-q"])
    err = capsys.readouterr().err
    assert code == 2
    assert "bad1.yaml:2: field 'trust.gain_rat'" in err and "bad2.yaml:2: field 'ip.regime'" in err
    assert "Traceback" not in err and not out.exists()


def test_interrupted_compare_leaves_no_report(pair, tmp_path, monkeypatch):
    import ecosim.experiments.compare as compare

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(compare, "run_comparison", boom)
    out = tmp_path / "cut"
    assert cli.main(["compare", str(pair[0]), str(pair[1]), "-o", str(out), "-q"]) == 130
    assert not out.exists() and not list(tmp_path.glob(".cut.partial-*"))


def test_scenarios_list_show_validate_schema(capsys, scenarios_dir):
    assert cli.main(["scenarios", "list", "--dir", str(scenarios_dir)]) == 0
    listed = capsys.readouterr().out
    for name in (
        "siloed",
        "collective_impact",
        "open_ip",
        "low_trust",
        "budget_cap",
        "public_private_partnership",
        "patient_outreach",
    ):
        assert name in listed
    assert cli.main(["scenarios", "show", "open_ip", "--dir", str(scenarios_dir)]) == 0
    shown = capsys.readouterr().out
    assert "regime: open" in shown and "trust:" in shown  # fully resolved
    assert cli.main(["scenarios", "show", "nope", "--dir", str(scenarios_dir)]) == 2
    assert "no scenario 'nope'" in capsys.readouterr().err
    assert cli.main(["validate", *map(str, sorted(scenarios_dir.glob("*.yaml")))]) == 0


def test_schema_is_json_with_every_section(capsys):
    assert cli.main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    for section in ("trust", "ip", "reimbursement", "collective_impact", "public_funding"):
        assert section in schema["properties"]


def test_validate_reports_each_bad_file(tmp_path, capsys):
    good = tmp_path / "good.yaml"
    good.write_text("name: good\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("years: -1\n")
    assert cli.main(["validate", str(good), str(bad)]) == 2
    captured = capsys.readouterr()
    assert "ok: " in captured.out and "bad.yaml:1: field 'years'" in captured.err
    assert "1 of 2 files have errors" in captured.err


def test_validate_recognises_experiment_and_calibration_files(tmp_path, capsys):
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    files = [root / "calibration/baseline.yaml", *sorted((root / "experiments").glob("*.yaml"))]
    assert cli.main(["validate", *map(str, files)]) == 0
    out = capsys.readouterr().out
    assert "(calibration baseline:" in out and "(experiment " in out
    exp = tmp_path / "exp.yaml"
    exp.write_text(
        f"base: {root / 'scenarios/siloed.yaml'}\ndesign: {{method: factorial}}\n"
        "parameters:\n- {path: trust.gain_rat, levels: [0.1]}\n"
    )
    assert cli.main(["validate", str(exp)]) == 2
    err = capsys.readouterr().err
    assert "field 'parameters.0.path'" in err and "did you mean 'trust.gain_rate'" in err
    assert "unknown field" not in err.replace("unknown scenario field", "")  # not a scenario


def test_every_bundled_scenario_says_what_it_stands_for(scenarios_dir):
    for path in scenarios_dir.glob("*.yaml"):
        text = path.read_text()
        assert text.startswith("#"), path.name
        assert "description:" in text, path.name
