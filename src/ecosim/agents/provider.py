"""Care providers: they test and treat patients and host trials.

A provider's testing propensity (probability it tests an aware patient) moves a tenth
of the way each quarter towards a target set by (a) the baseline testing rate,
(b) whether the companion test is reimbursed, (c) how many covered matched therapies
exist (testing only pays when it leads to treatment) and (d) decision support from a
shared data platform.
"""

from __future__ import annotations

from ecosim.agents.base import Organisation

__all__ = ["CareProvider"]

ADOPTION_SPEED = 0.1
"""Share of the gap to its target testing propensity a provider closes per quarter."""

THERAPIES_FOR_FULL_ADOPTION = 8
"""Covered matched therapies at which testing is fully worthwhile to a provider."""

BASE_USEFULNESS = 0.6
"""Share of the baseline testing rate a provider keeps when no matched therapy exists."""

DECISION_SUPPORT = 0.15
"""Rise in testing propensity from a shared data platform's decision support (at full
shared measurement)."""


class CareProvider(Organisation):
    """A hospital or clinic."""

    sector = "provider"

    def __init__(self, model, region: int):
        super().__init__(model, region)
        self.testing = self.target_testing()

    def target_testing(self) -> float:
        """Testing propensity the provider is moving towards (0-1)."""
        m = self.model_
        pat = m.params.patients
        reimbursed = m.params.reimbursement.companion_test_reimbursed
        base = pat.baseline_testing * (1.0 if reimbursed else pat.unreimbursed_test_uptake)
        covered = m.market.covered_precision_count()
        usefulness = BASE_USEFULNESS + (1 - BASE_USEFULNESS) * min(
            1.0, covered / THERAPIES_FOR_FULL_ADOPTION
        )
        support = DECISION_SUPPORT * m.params.collective_impact.shared_measurement
        return min(1.0, base * usefulness + support)

    def step(self) -> None:
        """Adjust testing propensity and report it for the region."""
        m = self.model_
        self.testing += ADOPTION_SPEED * (self.target_testing() - self.testing)
        m.testing_sum[self.region] += self.testing
        m.testing_n[self.region] += 1
