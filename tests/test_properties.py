"""Property-based tests: generated scenarios across the whole schema keep every invariant.

Hypothesis draws valid scenarios from the schema itself (every section, every field, each
at its bounds or anywhere between), plus the named extremes: no organisations of a type,
one payer with no budget, trust at zero everywhere, the largest allowed populations. Each
scenario runs with the invariant checks on (:mod:`ecosim.invariants`) and must finish.

``ECOSIM_HYPOTHESIS_EXAMPLES`` sets the number of generated scenarios (default 25; the
figure in docs/reliability.md comes from a long campaign with 500).
"""

import os
import typing
from enum import Enum

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from ecosim.experiments.replicates import run_once
from ecosim.model import EcosystemModel
from ecosim.scenario import Scenario, scenario_from_dict

from .conftest import write_artifact

EXAMPLES = int(os.environ.get("ECOSIM_HYPOTHESIS_EXAMPLES", "25"))
SMALL_POPULATION = 30  # typical draws stay below this; the bounds themselves are drawn too
HORIZONS = (0.25, 0.5, 1.0, 2.0)  # years: short, so that the largest worlds stay quick
TRIED: list[dict] = []


def _bounds(field) -> tuple[float | None, float | None, bool, bool]:
    lo = hi = None
    open_low = open_high = False
    for m in field.metadata:
        if hasattr(m, "ge"):
            lo = m.ge
        if hasattr(m, "gt"):
            lo, open_low = m.gt, True
        if hasattr(m, "le"):
            hi = m.le
        if hasattr(m, "lt"):
            hi, open_high = m.lt, True
    return lo, hi, open_low, open_high


def _field_strategy(section: str, name: str, field) -> st.SearchStrategy:
    ann = field.annotation
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return _section_strategy(ann, f"{section}.{name}")
    if isinstance(ann, type) and issubclass(ann, Enum):
        return st.sampled_from([e.value for e in ann])
    if typing.get_origin(ann) is typing.Literal:
        return st.sampled_from(typing.get_args(ann))
    if ann is bool:
        return st.booleans()
    if typing.get_origin(ann) is tuple:  # an ordered (low, high) range of shares
        return st.tuples(st.floats(0, 1), st.floats(0, 1)).map(lambda t: tuple(sorted(t)))
    lo, hi, open_low, open_high = _bounds(field)
    assert lo is not None and hi is not None, f"{section}.{name} has no bounds"
    if ann is int:
        typical = min(hi, lo + SMALL_POPULATION) if section == "population" else hi
        return st.one_of(st.just(lo), st.just(hi), st.integers(lo, typical))
    low = lo + 1e-3 if open_low else lo
    high = hi - 1e-3 if open_high else hi
    return st.one_of(st.just(low), st.just(float(high)), st.floats(low, high))


def _section_strategy(model: type[BaseModel], section: str) -> st.SearchStrategy:
    fields = {k: _field_strategy(section, k, f) for k, f in model.model_fields.items()}
    # any subset of the fields: the rest keep their defaults
    return st.fixed_dictionaries({}, optional=fields)


def _scenario_strategy() -> st.SearchStrategy:
    sections = {
        k: _section_strategy(f.annotation, k)
        for k, f in Scenario.model_fields.items()
        if isinstance(f.annotation, type) and issubclass(f.annotation, BaseModel)
    }
    return st.fixed_dictionaries(
        {"name": st.just("generated"), "years": st.sampled_from(HORIZONS)}, optional=sections
    )


LARGEST = {
    "name": "largest",
    "years": 0.5,
    "population": {
        k: _bounds(f)[1]
        for k, f in Scenario.model_fields["population"].annotation.model_fields.items()
    },
    "patients": {"incidence_per_year": 5_000_000},
}
NO_PAYER_BUDGET = {
    "name": "one payer, no budget",
    "years": 2.0,
    "population": {"payers": 1},
    "reimbursement": {"rule": "budget_cap", "annual_budget_musd": 0.0},
}
ZERO_TRUST = {
    "name": "zero trust",
    "years": 2.0,
    "trust": {
        "initial_within_industry": 0.0,
        "initial_industry_academia": 0.0,
        "initial_industry_payer": 0.0,
        "initial_other": 0.0,
        "gain_rate": 0.0,
    },
}


def _run_checked(data: dict) -> None:
    scenario = scenario_from_dict(data, "<generated>")
    TRIED.append(data)
    model = EcosystemModel(scenario, rng=np.random.default_rng(len(TRIED)), check=True)
    for _ in range(scenario.steps):
        model.step()  # raises InvariantError on any broken invariant
    steps = model.recorder.frame()
    assert len(steps) == scenario.steps
    assert np.isfinite(steps.to_numpy(dtype=float)).all()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every machine: a slow draw cannot surprise CI
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_scenario_strategy())
@example(LARGEST)
@example(NO_PAYER_BUDGET)
@example(ZERO_TRUST)
def test_generated_scenarios_keep_every_invariant(data):
    _run_checked(data)


POPULATION_FIELDS = [
    k
    for k, f in Scenario.model_fields["population"].annotation.model_fields.items()
    if f.annotation is int and _bounds(f)[0] == 0
]


@pytest.mark.parametrize("kind", POPULATION_FIELDS)
def test_a_world_without_one_kind_of_organisation(kind):
    _run_checked({"name": f"no {kind}", "years": 2.0, "population": {kind: 0}})


def test_no_organisations_at_all_still_runs():
    _run_checked({"name": "empty", "years": 1.0, "population": dict.fromkeys(POPULATION_FIELDS, 0)})


def test_a_full_run_of_a_generated_extreme_summarises():
    """The summary of a run with no industry at all is defined (zeros or NaN, no crash)."""
    scenario = scenario_from_dict(
        {"name": "no industry", "years": 3.0, "population": {"pharma": 0, "biotech": 0}}
    )
    _, summary, _ = run_once(scenario, 1)
    assert summary["approvals"] == 0


@pytest.fixture(scope="module", autouse=True)
def _report_scenarios_tried():
    """Write how many generated scenarios ran to test-artifacts/ (quoted in the docs)."""
    yield
    write_artifact("scenarios-generated.txt", f"{len(TRIED)}\n")
