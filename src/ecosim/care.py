"""One quarter of patient care: awareness, testing, matching, and the trial pools.

Providers' testing reports and the market's coverage feed the cascade
(:meth:`ecosim.patients.PatientCohort.cascade`), which uses the awareness at the start
of the quarter; outreach then raises awareness for the next quarter. Trial pools are
formed from patients within reach of a site, eligible and accepting (patient navigation
helps), plus tested biomarker-positive patients elsewhere whom a shared data platform
routes to a trial (:mod:`ecosim.conditions.shared_measurement`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.patients import Cascade
from ecosim.trials import TrialPools

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["patient_quarter"]


def patient_quarter(m: EcosystemModel) -> tuple[Cascade, TrialPools]:
    """Awareness, testing, matching; the trial pools per subtype."""
    pat = m.params.patients
    out = m.params.outreach
    effort = np.minimum(1.0, m.outreach_effort)
    m.testing_rate = np.where(m.testing_n > 0, m.testing_sum / np.maximum(m.testing_n, 1), 0.0)
    m.treatment_precision = m.market.treatment(True)
    m.treatment_unselected = m.market.treatment(False)
    cascade = m.patients.cascade(
        m.testing_rate,
        m.treatment_precision.fraction,
        m.treatment_unselected.fraction * pat.indication_share,
    )
    # trial pools: within reach, eligible, accepting (outreach helps navigation)
    access = m.patients.trial_access()
    accept = np.minimum(1.0, pat.trial_acceptance * (1 + out.trial_navigation * effort))
    inc = m.patients.incidence
    prev = m.patients.prevalence
    at_sites = (inc * (access * accept * pat.trial_eligibility)[:, None]).sum(axis=0)
    # biomarker-positive: screened at trial sites, plus tested patients elsewhere whom a
    # shared data platform routes to a trial
    routing = m.conditions.shared_measurement.routing()
    tested_share = m.patients.awareness * m.testing_rate * m.patients.region_access
    routed_reach = (1 - access) * routing * tested_share
    routed = (inc * (routed_reach * accept * pat.trial_eligibility)[:, None]).sum(axis=0)
    pools = TrialPools(
        negative=at_sites * (1 - prev), positive=at_sites * prev, routed=routed * prev
    )
    m.patients.raise_awareness(out.awareness_gain * effort)  # for next quarter
    return cascade, pools
