import numpy as np
import pytest

from ecosim import development
from ecosim.model import EcosystemModel
from ecosim.pipeline import Programmes

from .conftest import small


@pytest.mark.parametrize("cv", [0.25, 0.0])
@pytest.mark.parametrize("phase", range(6))
def test_one_programme_enters_a_phase_as_a_batch_of_one_would(phase, cv):
    # the scalar path exists for speed: it must set the same values and draw the same numbers
    scenario = small(pipeline={"duration_cv": cv})
    one, many = EcosystemModel(scenario, rng=9), EcosystemModel(scenario, rng=9)
    for model in (one, many):
        model.programmes.precision[model.programmes.active_ids()[:3]] = True
    for pid in one.programmes.active_ids()[:3]:
        development._enter_one(one, int(pid), phase)
        development._enter_many(many, np.array([pid]), phase)
    for column in Programmes.COLUMNS:
        a, b = getattr(one.programmes, column), getattr(many.programmes, column)
        np.testing.assert_array_equal(a, b, err_msg=column)
    np.testing.assert_array_equal(one.programmes.early, many.programmes.early)
    np.testing.assert_array_equal(one.programmes.clinical, many.programmes.clinical)
    assert one.rng.random() == many.rng.random()


def test_a_phase_with_no_spread_lasts_exactly_its_duration():
    m = EcosystemModel(small(pipeline={"duration_cv": 0.0}), rng=1)
    pid = int(m.programmes.active_ids()[0])
    development.enter_phase(m, np.array([pid]), 3)
    assert m.programmes.planned[pid] == m.params.pipeline.phase2.duration_years * 4
