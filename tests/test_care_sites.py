"""Providers and regions that differ: academic and community sites (ecosim.sites).

A region's testing, trial access and access to new therapies follow its mix of provider
types, drawn per seed; biomarker-selected trials enrol only tested positive patients and
pay for the tests they screen with.
"""

import numpy as np
import pytest

from ecosim.model import EcosystemModel
from ecosim.sites import ACADEMIC, SiteMix, split_mean
from ecosim.trials import TrialPools

from .conftest import small

MANY_SITES = {"care_providers": 60, "regions": 4}


def _model(seed: int = 1, **sections) -> EcosystemModel:
    sections.setdefault("population", MANY_SITES)
    return EcosystemModel(small(**sections), rng=seed)


@pytest.mark.parametrize("ratio", [1.0, 1.5, 3.0])
def test_type_rates_keep_the_national_mean(ratio):
    community, academic = split_mean(0.5, ratio, 0.25)
    assert 0.25 * academic + 0.75 * community == pytest.approx(0.5)
    assert academic == pytest.approx(min(1.0, ratio * community))


def test_capped_academic_rate_raises_the_community_rate():
    community, academic = split_mean(0.8, 4.0, 0.5)
    assert academic == 1.0
    assert 0.5 * academic + 0.5 * community == pytest.approx(0.8)


def test_site_mix_shares_patients_equally_among_a_regions_providers():
    mix = SiteMix.from_providers(np.array([0, 0, 0, 1]), np.array([ACADEMIC, 0, 0, 0]), 3)
    assert mix.academic.tolist() == pytest.approx([1 / 3, 0.0, 0.0])
    assert mix.share[2].sum() == 0.0  # a region without providers has no care


def test_regions_with_fewer_academic_providers_test_less_and_reach_fewer_trials():
    m = _model(providers={"mix_concentration": 0.5})
    for _ in range(4):
        m.step()
    academic = m.patients.sites.academic
    assert np.ptp(academic) > 0.2  # the draw gave regions different mixes
    order = np.argsort(academic, kind="stable")
    distinct = np.diff(academic[order]) > 0
    assert (np.diff(m.testing_rate[order])[distinct] > 0).all()
    assert (np.diff(m.patients.trial_access()[order])[distinct] > 0).all()
    assert (np.diff(m.patients.therapy_access[order])[distinct] > 0).all()


def test_regional_gaps_vary_by_seed_and_vanish_with_one_site_type():
    ratios = set()
    for seed in range(4):
        m = _model(seed)
        m.step()
        ratios.add(round(float(m.testing_rate.min() / m.testing_rate.max()), 6))
    assert len(ratios) > 1  # not a fixed ramp
    m = _model(patients={"academic_care_share": 0.0})
    m.step()
    assert np.ptp(m.testing_rate) == pytest.approx(0.0)
    assert np.ptp(m.patients.therapy_access) == pytest.approx(0.0)


def _screened(awareness: float) -> np.ndarray:
    m = _model(
        patients={"initial_awareness": awareness, "baseline_testing": 1.0},
        providers={"academic_testing_ratio": 1.0, "base_usefulness": 1.0},
    )
    m.step()
    return m.last_pools.screened


def test_selected_trials_screen_only_patients_untested_in_routine_care():
    assert _screened(1.0) == pytest.approx(0.0)  # everyone tested: nothing to screen
    assert _screened(0.0) == pytest.approx(1.0)  # nobody tested: the trial screens all


def test_screening_needs_one_test_per_patient_screened():
    pools = TrialPools(
        negative=np.array([0.0]),
        positive=np.array([10.0]),
        routed=np.array([10.0]),
        screened=np.array([0.5]),
    )
    # half the enrolees come from sites, half of those were screened, 1 in 10 positive
    tests = pools.screening_tests(np.array([0]), np.array([2.0]), np.array([0.1]))
    assert tests == pytest.approx([5.0])
