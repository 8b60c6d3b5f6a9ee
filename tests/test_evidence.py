"""Payers decide on a trial's estimate; a registry under provisional cover corrects it.

(ecosim.evidence, coverage with evidence development in ecosim.market)
"""

import numpy as np
import pytest

from ecosim.evidence import close_call, posterior_gain, recorded_share, trial_estimate
from ecosim.market import CoverageStatus
from ecosim.model import EcosystemModel
from ecosim.rules.reimbursement import icer

from .conftest import small


def test_without_recorded_patients_the_payer_keeps_the_trial_estimate():
    rng = np.random.default_rng(0)
    assert posterior_gain(0.5, 1.0, 0.0, 0.3, 1.0, rng) == 0.5


def test_more_recorded_patients_bring_the_posterior_nearer_the_truth():
    def error(recorded: float) -> float:
        rng = np.random.default_rng(1)
        draws = [posterior_gain(0.5, 1.0, recorded, 0.3, 1.0, rng) for _ in range(400)]
        return float(np.mean(np.abs(np.log(draws))))

    errors = [error(n) for n in (1.0, 10.0, 100.0, 10_000.0)]
    assert errors == sorted(errors, reverse=True)
    assert errors[0] > 0.3 and errors[-1] < 0.02


def test_trial_estimates_scatter_around_the_truth():
    rng = np.random.default_rng(2)
    logs = np.log([trial_estimate(2.0, 0.3, rng) for _ in range(4000)]) - np.log(2.0)
    assert abs(logs.mean()) < 0.02 and logs.std() == pytest.approx(0.3, rel=0.05)
    assert trial_estimate(2.0, 0.0, rng) == 2.0


def test_shared_outcome_data_record_the_patients_a_registry_misses():
    assert recorded_share(0.3, 0.0) == pytest.approx(0.3)
    assert recorded_share(0.3, 1.0) == pytest.approx(1.0)


def _reviews(recording: float) -> tuple[int, int]:
    """Reviews whose decision agrees with the true cost per QALY, and all reviews."""
    agree = total = 0
    for seed in range(6):
        m = EcosystemModel(
            small(
                years=12,
                population={"payers": 4, "pharma": 4, "biotech": 12},
                reimbursement={
                    # one threshold, and firms price at the payers' break-even on the
                    # trial estimate, so the estimate's error decides who deserves cover
                    "price_usd_per_patient": 1_000_000,
                    "threshold_spread": 0.0,
                    "rule": "coverage_with_evidence",
                    "coverage_with_evidence": {
                        "registry_recording": recording,
                        "review_years": 2.0,
                        "threshold_factor": 1.0,
                        "patient_outcome_spread": 0.2,
                    },
                },
                therapies={"evidence_spread": 0.6},
            ),
            rng=seed,
        )
        for _ in range(48):  # 12 years
            m.step()
        mk = m.market
        reviewed = (mk.covered_at >= 0) & ~mk.provisional
        for t, k in zip(*np.nonzero(reviewed), strict=True):
            if mk.covered_at[t, k] + 8 > m.steps:
                continue
            withdrawn = mk.status[t, k] == CoverageStatus.withdrawn
            deserved = icer(mk.paid[t, k], mk.qaly[t]) > m.payers[k].threshold_usd
            agree += int(withdrawn == deserved)
            total += 1
    return agree, total


def test_a_registry_that_records_patients_makes_reviews_agree_with_the_truth():
    blind_agree, blind = _reviews(0.0)
    seen_agree, seen = _reviews(1.0)
    assert blind >= 10 and seen >= 10
    # provisional cover granted on the trial estimate; without registry data the review
    # confirms it (wrongly for about 1 in 4), with it the review follows the true gain
    # (but for close calls the patients' own outcomes cannot settle): 0.72 against 0.80
    # over these six seeds at the calibrated defaults (0.76 against 0.81 at the earlier
    # hand-tuned ones: the share of close calls moves with the pipeline, the gap stays)
    assert seen_agree / seen > 0.75
    assert seen_agree / seen > blind_agree / blind + 0.05


def test_a_close_call_is_one_the_trial_evidence_cannot_settle():
    assert close_call(100_000, 110_000, spread=0.3, z=0.5)  # log ratio 0.095 < 0.15
    assert not close_call(200_000, 100_000, spread=0.3, z=0.5)  # clearly above
    assert not close_call(100_000, 110_000, spread=0.0, z=0.5)  # no doubt left
    assert not close_call(float("inf"), 100_000, spread=0.3, z=0.5)  # no gain at all


def _first_cover_years(z: float) -> float:
    delays = []
    for seed in range(6):
        m = EcosystemModel(
            small(
                years=10,
                population={"payers": 4, "pharma": 4, "biotech": 12},
                reimbursement={"close_call_z": z, "further_evidence_years": 1.0},
            ),
            rng=seed,
        )
        for _ in range(40):
            m.step()
        delays += m.market.first_cover_delay
    return float(np.mean(delays))


def test_close_calls_take_longer_to_decide():
    # with every call close, each appraisal waits a year for further analyses
    assert _first_cover_years(10.0) > _first_cover_years(0.0) + 0.5
