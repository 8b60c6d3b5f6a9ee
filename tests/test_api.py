import pytest

import ecosim
from ecosim.scenario import ScenarioError

from .conftest import small


def test_run_returns_named_outcomes_and_is_deterministic():
    s = small(years=3)
    a = ecosim.run(s, seed=4)
    assert a == pytest.approx(ecosim.run(s, seed=4), nan_ok=True)
    assert "approvals" in a and "loa_phase1" in a


def test_overrides_by_dotted_path_or_double_underscore():
    s = small(years=3)
    a = ecosim.run(s, seed=1, **{"trust.gain_rate": 0.09})
    b = ecosim.run(s, seed=1, trust__gain_rate=0.09)
    assert a == pytest.approx(b, nan_ok=True)
    assert ecosim.with_overrides(s, trust__gain_rate=0.09).trust.gain_rate == 0.09


def test_bad_override_names_the_field():
    with pytest.raises(ScenarioError, match="trust.gain_rate"):
        ecosim.with_overrides(small(), trust__gain_rate=5)
    with pytest.raises(ScenarioError, match="did you mean 'trust.gain_rate'"):
        ecosim.with_overrides(small(), trust__gain_rat=0.1)
