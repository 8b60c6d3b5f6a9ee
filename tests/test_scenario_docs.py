"""The schema documents itself, and the generated files cannot go stale."""

import re
import typing

from ecosim.scenario import Scenario, load_scenario, safe_yaml
from ecosim.scenario.paths import field_info
from ecosim.scenario_docs import leaf_paths, parameter_rows, parameter_table, siloed_yaml

from .conftest import ROOT, SCENARIOS


def _flatten(data: dict, prefix: str = "") -> list[str]:
    out = []
    for key, value in data.items():
        if isinstance(value, dict):
            out += _flatten(value, f"{prefix}{key}.")
        elif key not in ("name", "description", "extends"):
            out.append(f"{prefix}{key}")
    return out


def test_siloed_yaml_is_generated_from_the_schema():
    text = (SCENARIOS / "siloed.yaml").read_text()
    assert text == siloed_yaml(), "stale: run .venv/bin/python tools/write_siloed.py"


def test_siloed_yaml_lists_every_field_itself():
    written = _flatten(safe_yaml((SCENARIOS / "siloed.yaml").read_text()))
    assert sorted(written) == sorted(leaf_paths())  # not filled in from the defaults
    assert len(written) == len(set(written))


def test_siloed_yaml_holds_the_defaults():
    exclude = {"name", "description", "extends"}
    siloed = load_scenario(SCENARIOS / "siloed.yaml")
    assert siloed.model_dump(exclude=exclude) == Scenario().model_dump(exclude=exclude)


def test_parameter_table_in_the_model_docs_is_current():
    text = (ROOT / "docs" / "model.md").read_text()
    match = re.search(r"<!-- parameters:start -->\n(.*?)\n<!-- parameters:end -->", text, re.S)
    assert match, "docs/model.md has no parameter table markers"
    assert match.group(1) == parameter_table(), "stale: run .venv/bin/python tools/write_docs.py"


def test_every_parameter_has_unit_bounds_and_a_source_or_assumption():
    problems = []
    for path, desc, unit, _, basis in parameter_rows():
        info = field_info(path)
        ann = info.annotation
        numeric = ann in (int, float)
        if not desc:
            problems.append(f"{path}: no description")
        if not basis.startswith(("Source: ", "Assumption: ")) or len(basis) < len("Source: x"):
            problems.append(f"{path}: no source or assumption ({basis!r})")
        informed = (
            "would inform",
            "would place",
            "tuned",
            "posterior median",
            "choice",
            "moves with",
        )
        if basis.startswith("Assumption: ") and not any(w in basis for w in informed):
            problems.append(f"{path}: the assumption does not say what would inform it")
        if numeric and not unit:
            problems.append(f"{path}: no unit")
        bounds = {type(m).__name__ for m in info.metadata}
        if numeric and not ({"Ge", "Gt"} & bounds and {"Le", "Lt"} & bounds):
            problems.append(f"{path}: no range (both bounds)")
        if typing.get_origin(ann) is tuple and "range" not in desc.lower():
            problems.append(f"{path}: a pair should say it is a range")
    assert problems == []
