"""Regulators that decide: a review capacity that binds, priority review, advice slots.

Each test changes one regulatory parameter and checks what the agency's decisions do to
programmes (ecosim.regulation), over the same seeds.
"""

import numpy as np

from ecosim import regulation
from ecosim.api import run_once, with_overrides
from ecosim.model import EcosystemModel

from .conftest import small

SEEDS = range(2)
BUSY = {"years": 10, "population": {"pharma": 4, "biotech": 14}}


def _runs(**overrides):
    scenario = with_overrides(small(**BUSY), **overrides)
    return [run_once(scenario, seed) for seed in SEEDS]


def _mean(results, outcome: str) -> float:
    return float(np.nanmean([r.summary[outcome] for r in results]))


def test_a_binding_review_capacity_queues_submissions_and_lengthens_review():
    ample = _runs(**{"regulation.review_capacity_per_year": 100.0})
    scarce = _runs(**{"regulation.review_capacity_per_year": 0.3})
    assert max(r.steps["review_queue"].max() for r in ample) == 0
    assert max(r.steps["review_queue"].max() for r in scarce) > 0
    assert _mean(scarce, "review_years") > _mean(ample, "review_years") + 0.5


def test_priority_reviews_are_shorter():
    ample = {"regulation.review_capacity_per_year": 100.0}
    standard = _runs(**ample, **{"regulation.priority_review_ratio": 1.0})
    fast = _runs(**ample, **{"regulation.priority_review_ratio": 0.3})
    assert _mean(fast, "review_years") < _mean(standard, "review_years")
    flagged = [r.entities["programmes"]["priority_review"].sum() for r in fast]
    assert sum(flagged) > 0


def test_early_engagement_needs_an_advice_slot():
    none = _runs(**{"regulation.advice_slots_per_year": 0.0})
    ample = _runs(**{"regulation.advice_slots_per_year": 100.0})
    assert _mean(none, "early_engagement_share") == 0.0
    assert _mean(ample, "early_engagement_share") > 0.9


def test_a_backbone_adds_advice_slots_for_members():
    overrides = {"regulation.advice_slots_per_year": 0.0}
    alone = _runs(**overrides)
    backbone = _runs(
        **overrides,
        **{
            "collective_impact.backbone.intensity": 1.0,
            "collective_impact.backbone.budget_musd_per_year": 100.0,
        },
    )
    assert _mean(alone, "early_engagement_share") == 0.0
    # the liaison serves the initiative's members (most firms), not the others
    assert 0.6 < _mean(backbone, "early_engagement_share") < 1.0


def test_priority_goes_to_unmet_need_and_biomarkers_first():
    m = EcosystemModel(small(), rng=3)
    p = m.programmes
    ids = np.arange(p.n)
    prio = regulation.priority(m, ids)
    assert prio[p.precision[ids]].all()  # biomarker-selected: always priority
    served = set(m.market.columns["subtype"][m.market.on_market()].tolist())
    unselected = ids[~p.precision[ids]]
    expected = np.array([int(p.subtype[i]) not in served for i in unselected])
    assert (prio[unselected] == expected).all()
    # in the agency's order every priority programme precedes every other
    order = regulation._order(m, ids)
    flags = regulation.priority(m, order)
    assert not (np.diff(flags.astype(int)) > 0).any()
