"""Care providers: they test and treat patients and host trials.

A provider's testing propensity (probability it tests an aware patient) moves
``providers.adoption_speed`` of the way each quarter towards a target set by (a) the
baseline testing rate, (b) whether the companion test is reimbursed, (c) how many
covered matched therapies exist (testing only pays when it leads to treatment) and (d)
decision support from a shared data platform (:mod:`ecosim.conditions.shared_measurement`).
"""

from __future__ import annotations

from ecosim.agents.base import Organisation
from ecosim.sectors import Sector

__all__ = ["CareProvider"]


class CareProvider(Organisation):
    """A hospital or clinic."""

    sector = Sector.provider

    def __init__(self, model, region: int):
        super().__init__(model, region)
        self.testing = self.target_testing()

    def target_testing(self) -> float:
        """Testing propensity the provider is moving towards (0-1)."""
        m = self.model_
        pat = m.params.patients
        reimbursed = m.params.reimbursement.companion_test_reimbursed
        base = pat.baseline_testing * (1.0 if reimbursed else pat.unreimbursed_test_uptake)
        pp = m.params.providers
        covered = m.market.covered_precision_count()
        usefulness = pp.base_usefulness + (1 - pp.base_usefulness) * min(
            1.0, covered / pp.therapies_for_full_adoption
        )
        support = m.conditions.shared_measurement.decision_support()
        return min(1.0, base * usefulness + support)

    def step(self) -> None:
        """Adjust testing propensity and report it for the region."""
        m = self.model_
        speed = m.params.providers.adoption_speed
        self.testing += speed * (self.target_testing() - self.testing)
        m.testing_sum[self.region] += self.testing
        m.testing_n[self.region] += 1
