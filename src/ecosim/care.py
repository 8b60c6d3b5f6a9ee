"""One quarter of patient care: awareness, testing, matching, and the trial pools.

Providers' testing reports and the market's coverage feed the cascade
(:meth:`ecosim.patients.PatientCohort.cascade`) of the patients starting a line of
treatment (:mod:`ecosim.course`), which uses the awareness at the start of the quarter;
outreach then raises awareness for the next quarter. Trial pools are formed from the
same line starters with a trial available at their site (academic centres host more,
:mod:`ecosim.sites`), eligible and accepting (patient navigation helps).
Biomarker-selected trials take only tested positive patients: at trial sites those
tested in routine care and those the trial screens at its own cost (a test per patient
screened; :mod:`ecosim.development`), and tested positive patients elsewhere whom a
shared data platform routes to a trial (:mod:`ecosim.conditions.shared_measurement`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim import diagnostics
from ecosim.patients import Cascade
from ecosim.trials import TrialPools

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["patient_quarter"]


def patient_quarter(m: EcosystemModel) -> tuple[Cascade, TrialPools]:
    """Awareness, testing, matching; the trial pools per subtype."""
    pat = m.params.patients
    out = m.params.outreach
    n = m.testing_n.sum(axis=1)
    m.testing_rate = np.where(n > 0, m.testing_sum.sum(axis=1) / np.maximum(n, 1), 0.0)
    m.testing_by_type = np.where(m.testing_n > 0, m.testing_sum / np.maximum(m.testing_n, 1), 0.0)
    m.treatment_precision = m.market.treatment(True)
    m.treatment_unselected = m.market.treatment(False)
    covered = diagnostics.covered_share(m)  # patients elsewhere pay for a retest
    cascade = m.patients.cascade(
        m.testing_rate,
        m.treatment_precision.fraction,
        m.treatment_unselected.fraction * pat.indication_share,
        covered + (1.0 - covered) * pat.unreimbursed_test_uptake,
    )
    # trial pools: a trial available at their site, eligible, accepting (patient
    # organisations' navigation helps)
    cohort = m.patients
    access = cohort.trial_access()
    # navigators reach a share of the region's patients (its navigation effort); those
    # they help accept at the navigated rate, the others at the usual one
    navigated = np.minimum(1.0, m.outreach_navigation)
    accept = pat.trial_acceptance + navigated * (out.navigated_acceptance - pat.trial_acceptance)
    enrolable = accept * pat.trial_eligibility
    inc = cascade.starting  # every line start is a chance to join a trial
    prev = cohort.prevalence
    at_sites = (inc * (access * enrolable)[:, None]).sum(axis=0)
    # biomarker-selected trials take only tested positive patients: at trial sites those
    # tested in routine care (free to the trial) and those the trial screens itself, at
    # its sponsor's cost (ecosim.development); elsewhere, tested positive patients whom a
    # shared data platform routes to a trial
    routine = cohort.awareness[:, None] * m.testing_by_type  # [region, site type]
    site_tested = cohort.sites.mean(cohort.trial_availability * routine)
    known = (inc * (site_tested * enrolable)[:, None]).sum(axis=0)
    screened = np.divide(
        at_sites - known, at_sites, out=np.zeros_like(at_sites), where=at_sites > 0
    )
    routing = m.consortia.platform.routing()
    tested_share = cohort.awareness * m.testing_rate
    routed_reach = (1 - access) * routing * tested_share
    routed = (inc * (routed_reach * enrolable)[:, None]).sum(axis=0)
    pools = TrialPools(
        negative=at_sites * (1 - prev),
        positive=at_sites * prev,
        routed=routed * prev,
        screened=np.clip(screened, 0.0, 1.0),
    )
    campaigns = np.minimum(1.0, m.outreach_awareness)
    m.patients.raise_awareness(out.awareness_gain * campaigns)  # for next quarter
    return cascade, pools
