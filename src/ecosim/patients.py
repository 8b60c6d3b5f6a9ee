"""Vectorised patient cohorts by region and molecular subtype.

Patients are never Python objects. Each quarter a cohort of incident patients, an array
``[region, subtype]`` of counts, passes through the precision-medicine cascade::

    incident -> aware of genomic testing -> tested -> found biomarker-positive (eligible;
             the test's sensitivity) -> matched to a covered precision therapy -> treated

(negative patients the test calls positive, by its specificity, are treated too, without
benefit)

and, separately, through trial access (site within reach, eligible, accepts). Counts are
expected values (no sampling noise): with hundreds of thousands of patients a year the
binomial noise is below one per cent and would only slow the run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ecosim.scenario import Scenario
from ecosim.sites import SITE_TYPES, SiteMix, split_mean
from ecosim.units import QUARTERS_PER_YEAR, TINY

__all__ = ["Cascade", "PatientCohort"]


@dataclass
class Cascade:
    """One quarter's cascade, each array ``[region, subtype]`` (patients).

    ``eligible`` are the biomarker-positive patients the test finds (true positives);
    ``false_positive`` the negative ones it calls positive.
    """

    incident: np.ndarray
    aware: np.ndarray
    tested: np.ndarray
    eligible: np.ndarray
    matched: np.ndarray
    treated_unselected: np.ndarray
    false_positive: np.ndarray


class PatientCohort:
    """Incidence, awareness and trial access of the country's cancer patients.

    Args:
        scenario: the validated scenario.
        rng: the model's generator (subtype prevalences and regional shares are drawn
            once at the start; the providers' mix comes with :meth:`set_sites`).
    """

    def __init__(self, scenario: Scenario, rng: np.random.Generator):
        pop, pat = scenario.population, scenario.patients
        self.params = pat
        self.test = scenario.diagnostics
        n_r, n_s = pop.regions, pop.subtypes
        # subtype shares follow a Zipf law; regions split by population share
        ranks = np.arange(1, n_s + 1, dtype=float)
        sub_share = ranks ** (-pat.subtype_concentration)
        sub_share /= sub_share.sum()
        reg_share = (
            rng.dirichlet(np.full(n_r, pop.region_share_concentration)) if n_r > 1 else np.ones(1)
        )
        quarterly = pat.incidence_per_year / QUARTERS_PER_YEAR
        self.incidence = quarterly * np.outer(reg_share, sub_share)
        lo, hi = pat.biomarker_prevalence
        self.prevalence = rng.uniform(lo, hi, size=n_s)
        # set from the providers' types once they exist (set_sites)
        self.sites = SiteMix(np.zeros((n_r, len(SITE_TYPES))))
        self.therapy_access = np.zeros(n_r)
        """Per region, share of patients a new non-selected therapy reaches (by site type)."""
        self.trial_availability = np.zeros(len(SITE_TYPES))
        """Per site type, probability a patient there has a trial available."""
        self.awareness = np.full(n_r, pat.initial_awareness)
        self.n_regions, self.n_subtypes = n_r, n_s
        inc = self.incidence.sum(axis=0)  # incidence is constant: its shares are too
        total = inc.sum()
        self._share = inc / total if total > 0 else np.full(len(inc), 1.0 / len(inc))
        self._share.flags.writeable = False
        self.log_share = np.log(np.maximum(self._share, TINY))
        """Log of each subtype's share (the market term of target choice)."""
        self.log_share_by_slot = np.repeat(self.log_share, scenario.science.targets_per_subtype)
        """The same for every (subtype, target) slot, subtype-major."""
        cdf = self._share.cumsum()
        self._share_cdf = cdf / cdf[-1]

    def subtype_share(self) -> np.ndarray:
        """Share of incident patients by subtype (uniform if there are none); read-only."""
        return self._share

    def draw_subtypes(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` subtypes drawn by incidence share (as ``rng.choice(..., p=share)`` draws)."""
        return self._share_cdf.searchsorted(rng.random(n), side="right")

    # ------------------------------------------------------------------ awareness
    def raise_awareness(self, outreach_by_region: np.ndarray) -> None:
        """Awareness rises with background drift and patient-organisation outreach.

        Args:
            outreach_by_region: effective outreach effort per region, 0-1 (already
                scaled by the outreach gain per quarter).
        """
        gap = 1.0 - self.awareness
        rise = np.clip(self.params.awareness_drift + outreach_by_region, 0.0, 1.0)
        self.awareness = self.awareness + rise * gap

    # ------------------------------------------------------------------ access
    def set_sites(self, sites: SiteMix, community_therapy_access: float) -> None:
        """Take the regions' mix of academic and community providers (:mod:`ecosim.sites`).

        Args:
            sites: patients' split between site types by region.
            community_therapy_access: relative prescribing of new non-selected
                therapies at community sites (``providers.community_therapy_access``).
        """
        p = self.params
        self.sites = sites
        self.therapy_access = sites.mean(np.array([community_therapy_access, 1.0]))
        community, academic = split_mean(
            p.trial_availability, p.academic_enrolment_ratio, p.academic_care_share
        )
        self.trial_availability = np.array([community, academic])

    def trial_access(self) -> np.ndarray:
        """Probability a patient in each region has a trial available at their site."""
        return self.sites.mean(self.trial_availability)

    def cascade(
        self,
        testing_rate: np.ndarray,
        covered_precision: np.ndarray,
        covered_unselected: np.ndarray,
    ) -> Cascade:
        """Pass this quarter's incident patients through the cascade.

        Args:
            testing_rate: per region, probability an aware patient is tested (the mean
                over the region's providers).
            covered_precision: per subtype, 1 if a covered matched therapy exists.
            covered_unselected: per subtype, 1 if a covered non-selected new therapy
                exists.

        Returns:
            The cascade counts for the quarter.
        """
        inc = self.incidence
        aware = inc * self.awareness[:, None]
        tested = aware * testing_rate[:, None]
        eligible = tested * (self.prevalence * self.test.sensitivity)[None, :]
        false_pos = tested * ((1.0 - self.prevalence) * (1.0 - self.test.specificity))[None, :]
        matched = eligible * covered_precision[None, :]
        # patients not matched to a precision therapy may receive a new unselected one
        unmatched = inc - matched
        treated_unsel = unmatched * covered_unselected[None, :] * self.therapy_access[:, None]
        return Cascade(inc, aware, tested, eligible, matched, treated_unsel, false_pos)
