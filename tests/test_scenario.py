from pathlib import Path

import pytest

from ecosim.scenario import Scenario, ScenarioError, load_scenario, scenario_from_dict

EXCLUDE = {"name", "description", "extends"}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_bundled_siloed_equals_schema_defaults(scenarios_dir):
    siloed = load_scenario(scenarios_dir / "siloed.yaml")
    assert siloed.model_dump(exclude=EXCLUDE) == Scenario().model_dump(exclude=EXCLUDE)
    assert siloed.name == "siloed"


def test_collective_impact_turns_on_all_five_conditions_and_nothing_else(scenarios_dir):
    ci = load_scenario(scenarios_dir / "collective_impact.yaml")
    c = ci.collective_impact
    conditions = (c.common_agenda, c.shared_measurement, c.mutually_reinforcing)
    conditions += (c.continuous_communication, c.backbone)
    assert [x.intensity for x in conditions] == [1, 1, 1, 1, 1]
    assert c.backbone.model_dump(exclude={"intensity"}) == type(c.backbone)().model_dump(
        exclude={"intensity"}
    )
    base = Scenario().model_dump(exclude=EXCLUDE | {"collective_impact"})
    assert ci.model_dump(exclude=EXCLUDE | {"collective_impact"}) == base


def test_extends_deep_merges_and_child_wins(tmp_path, scenarios_dir):
    write(tmp_path, "parent.yaml", "trust:\n  gain_rate: 0.1\n  observation_sd: 0.3\n")
    child = write(tmp_path, "child.yaml", "extends: parent.yaml\ntrust:\n  observation_sd: 0.5\n")
    s = load_scenario(child)
    assert s.trust.gain_rate == 0.1 and s.trust.observation_sd == 0.5
    assert s.name == "child"


def test_partial_phase_section_keeps_that_phase_defaults():
    # regression: a partial section once reset cost, success and enrolment to the
    # generic PhaseParams defaults
    s = scenario_from_dict({"pipeline": {"phase3": {"duration_years": 3.0}}})
    default = Scenario().pipeline.phase3
    assert s.pipeline.phase3.duration_years == 3.0
    assert s.pipeline.phase3.cost_musd == default.cost_musd
    assert s.pipeline.phase3.enrolment == default.enrolment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "trust:\n  gain_rat: 0.1\n",
            "field 'trust.gain_rat': unknown field (did you mean 'trust.gain_rate'?)",
        ),
        ("populaton:\n  pharma: 3\n", "did you mean 'population'?"),
        ("population:\n  pharma: ten\n", "field 'population.pharma'"),
        (
            "trust:\n  observation_sd: 9\n",
            "bad.yaml:2: field 'trust.observation_sd': 9 is out of range; allowed: at least 0 "
            "and at most 5 (share of the agreed contribution)",
        ),
        (
            "trust:\n  loss_rate: 3\n",
            "field 'trust.asymmetric.loss_rate' (written 'trust.loss_rate'): 3 is out of range",
        ),
        ("ip:\n  regime: closed\n", "field 'ip.regime'"),
        ("firms:\n  biotech_round_musd: .inf\n", "finite number"),
        ("trust: [1, 2\n", "malformed YAML at line"),
        ("- a\n- b\n", "top level must be a mapping"),
    ],
)
def test_bad_input_names_file_and_field(tmp_path, text, expected):
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert expected in str(err.value)
    assert str(path) in str(err.value)


def test_every_error_is_reported_at_once(tmp_path):
    path = write(tmp_path, "bad.yaml", "trust:\n  loss_rate: 3\n  gain_rate: -1\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert len(err.value.messages) == 2


def test_error_names_the_file_that_set_the_field(tmp_path):
    write(tmp_path, "parent.yaml", "trust:\n  observation_sd: 9\n")
    child = write(tmp_path, "child.yaml", "extends: parent.yaml\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(child)
    assert "parent.yaml:2: field 'trust.observation_sd'" in str(err.value)  # the parent's line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # issue 16: "Input should be less than or equal to 1 (got 8)" gave no range or unit
        (
            "years: 30\ntrust:\n  gain_rate: 80\n",
            "bad.yaml:3: field 'trust.gain_rate': 80 is out of range; allowed: at least 0 and "
            "at most 1 (per good quarter); did you mean 0.8 for 80 %?",
        ),
        ("trust:\n  gain_rate: 80%\n", "write 0.8 for 80 % (a plain number, no %)"),
        ("trust:\n  observation_sd: '50 %'\n", "write 0.5 for 50 %"),
        ("years: 20%\n", "write a plain number, without %: 20"),
        ("years: 0\n", "bad.yaml:1: field 'years': 0 is out of range; allowed: more than 0"),
    ],
)
def test_a_bad_value_gets_its_line_range_unit_and_fix(tmp_path, text, expected):
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, "bad.yaml", text))
    assert expected in str(err.value)


def test_a_value_that_is_no_percentage_gets_no_percent_hint(tmp_path):
    for value in (150, 2, 1.5):  # not a percentage of a share, or too small to tell
        with pytest.raises(ScenarioError) as err:
            load_scenario(write(tmp_path, "bad.yaml", f"trust:\n  gain_rate: {value}\n"))
        assert "did you mean" not in str(err.value) and "at most 1" in str(err.value)


@pytest.mark.parametrize(
    ("parent", "expected"),
    [
        ("silod", "(did you mean 'siloed'?)"),
        ("colective_impact.yaml", "did you mean 'collective_impact'"),
        ("my_bse", "did you mean 'my_base.yaml'?"),  # a scenario beside the file
        ("zzzz", "(library scenarios: annuity, "),
    ],
)
def test_a_mistyped_extends_suggests_names(tmp_path, parent, expected):
    write(tmp_path, "my_base.yaml", "years: 5\n")
    child = write(tmp_path, "child.yaml", f"extends: {parent}\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(child)
    assert "field 'extends': file not found" in str(err.value) and expected in str(err.value)


def test_missing_file_and_missing_parent(tmp_path):
    with pytest.raises(ScenarioError, match="file not found"):
        load_scenario(tmp_path / "nope.yaml")
    child = write(tmp_path, "child.yaml", "extends: nope.yaml\n")
    with pytest.raises(ScenarioError, match="field 'extends': file not found"):
        load_scenario(child)


def test_extends_cycle_is_an_error(tmp_path):
    write(tmp_path, "a.yaml", "extends: b.yaml\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\n")
    with pytest.raises(ScenarioError, match="cycle"):
        load_scenario(tmp_path / "a.yaml")
    write(tmp_path, "self.yaml", "extends: self.yaml\n")
    with pytest.raises(ScenarioError, match="cycle"):
        load_scenario(tmp_path / "self.yaml")


def test_non_utf8_file(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ScenarioError, match="not UTF-8"):
        load_scenario(path)


def test_yaml_is_loaded_safely(tmp_path):
    path = write(tmp_path, "evil.yaml", "name: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(ScenarioError, match="never code"):
        load_scenario(path)


def test_json_schema_carries_units_and_descriptions():
    schema = Scenario.model_json_schema()
    trust = schema["$defs"]["AsymmetricParams"]["properties"]["loss_rate"]
    assert trust["unit"] == "per bad quarter"
    assert trust["maximum"] == 1 and trust["description"]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "{}\n"])
def test_an_empty_scenario_file_is_an_error_naming_it(tmp_path, text):
    path = write(tmp_path, "empty.yaml", text)
    with pytest.raises(ScenarioError, match=r"empty\.yaml: empty scenario file"):
        load_scenario(path)


def test_old_field_names_still_load_as_the_new_ones(tmp_path):
    old = write(
        tmp_path,
        "old.yaml",
        "trust:\n  loss_rate: 0.3\nip:\n  regime: shared\n  framework_agreed: false\n"
        "collective_impact:\n  backbone: 1.0\n  backbone_cost_musd_per_year: 40\n"
        "  data_sharing_restriction: 0.5\nreimbursement:\n  responder_share: 0.4\n",
    )
    s = load_scenario(old)
    assert s.trust.asymmetric.loss_rate == 0.3
    assert s.ip.shared.framework_agreed is False
    assert s.collective_impact.backbone.intensity == 1.0
    assert s.collective_impact.backbone.budget_musd_per_year == 40
    assert s.collective_impact.shared_measurement.data_sharing_restriction == 0.5
    assert s.reimbursement.outcome_based.responder_share == 0.4


def test_a_number_for_a_condition_is_its_intensity_and_keeps_the_parents_settings(tmp_path):
    write(tmp_path, "parent.yaml", "collective_impact:\n  backbone:\n    cost_musd_per_year: 9\n")
    child = write(
        tmp_path, "child.yaml", "extends: parent.yaml\ncollective_impact:\n  backbone: 0.5\n"
    )
    backbone = load_scenario(child).collective_impact.backbone
    assert backbone.intensity == 0.5 and backbone.budget_musd_per_year == 9


def test_options_are_those_registered():
    from ecosim.rules import ip, reimbursement, trust

    s = Scenario.model_json_schema()["$defs"]
    assert set(s["ReimbursementRule"]["enum"]) == set(reimbursement.REGISTRY.names())
    assert set(s["IPRegime"]["enum"]) == {"exclusive", "shared", "open"} == set(ip.REGISTRY.names())
    assert set(s["TrustRuleName"]["enum"]) == set(trust.REGISTRY.names())
    assert "annuity" in reimbursement.REGISTRY.names()


@pytest.mark.parametrize(
    "text",
    [
        "review: &x {duration_years: 99, foo: *x}\n",  # an alias inside its own anchor
        "patients:\n  incidence_per_year: " + "9" * 400 + "\n",  # too large for a float
    ],
)
def test_odd_yaml_in_a_bad_value_is_still_a_clean_error(tmp_path, text):
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, "odd.yaml", text))
    assert "odd.yaml:" in str(err.value)
