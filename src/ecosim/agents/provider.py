"""Care providers: they test and treat patients and host trials.

A provider is an academic centre or a community site (:mod:`ecosim.sites`); its type
sets its baseline testing (academic centres test ``providers.academic_testing_ratio``
times as often, the national mean staying ``patients.baseline_testing``), how many of
its patients have a trial available, and how readily it prescribes new non-selected
therapies. Its testing propensity (probability it tests an aware patient) moves
``providers.adoption_speed`` of the way each quarter towards a target set by (a) its
baseline, (b) the share of its patients whose payer covers the companion test
(:mod:`ecosim.diagnostics`; the others pay for it and fewer are tested), (c) how many
covered matched therapies exist (testing only pays when it leads to treatment) and, for a
member of the data platform, how many biomarker-selected trials it can match a positive
patient to (:mod:`ecosim.data_platform`).
"""

from __future__ import annotations

from ecosim import diagnostics
from ecosim.agents.base import Organisation
from ecosim.sectors import Sector
from ecosim.sites import ACADEMIC, SITE_TYPES, split_mean

__all__ = ["CareProvider"]


class CareProvider(Organisation):
    """A hospital or clinic.

    Args:
        model: the model.
        region: home region.
        site_type: ``sites.ACADEMIC`` or ``sites.COMMUNITY``.
    """

    sector = Sector.provider

    def __init__(self, model, region: int, site_type: int):
        super().__init__(model, region)
        self.site_type = int(site_type)
        pat = model.params.patients
        self.baseline_testing = split_mean(
            pat.baseline_testing,
            model.params.providers.academic_testing_ratio,
            pat.academic_care_share,
        )[self.site_type]
        """Testing propensity of its type with a reimbursed test and every therapy."""
        self.testing = self.target_testing()

    @property
    def academic(self) -> bool:
        """True for an academic centre."""
        return self.site_type == ACADEMIC

    @property
    def type_name(self) -> str:
        """``academic`` or ``community``."""
        return SITE_TYPES[self.site_type]

    def target_testing(self) -> float:
        """Testing propensity the provider is moving towards (0-1)."""
        m = self.model_
        pat = m.params.patients
        paid = diagnostics.covered_share(m)  # of its patients, whose payer pays the test
        uptake = paid + (1.0 - paid) * pat.unreimbursed_test_uptake
        base = self.baseline_testing * uptake
        pp = m.params.providers
        # a positive result is worth acting on: a covered precision therapy, or a trial
        # the data platform can match the patient to (ecosim.data_platform)
        options = m.market.covered_precision_count() + m.consortia.platform.matchable_trials(
            self.idx
        )
        usefulness = pp.base_usefulness + (1 - pp.base_usefulness) * min(
            1.0, options / pp.therapies_for_full_adoption
        )
        return min(1.0, base * usefulness)

    def step(self) -> None:
        """Adjust testing propensity and report it for its region and type."""
        m = self.model_
        speed = m.params.providers.adoption_speed
        self.testing += speed * (self.target_testing() - self.testing)
        m.testing_sum[self.region, self.site_type] += self.testing
        m.testing_n[self.region, self.site_type] += 1
