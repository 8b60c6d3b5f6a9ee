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

from ecosim.course import Line, LinePool, State
from ecosim.scenario import Scenario
from ecosim.sites import SITE_TYPES, SiteMix, split_mean
from ecosim.units import QUARTERS_PER_YEAR, TINY

__all__ = ["Cascade", "PatientCohort"]


@dataclass
class Cascade:
    """One quarter's cascade, each array ``[region, subtype]`` (patients).

    The cascade runs for every patient who starts a line of treatment this quarter
    (``starting``: the ``incident`` patients starting their first line and those who
    progress to a further line, :mod:`ecosim.course`). ``aware``, ``tested`` and
    ``eligible`` count starters who are aware, have a test result (new or earlier) and
    are known biomarker-positive (true positives, the test's sensitivity);
    ``false_positive`` the negative ones a test called positive; ``matched`` those
    matched to a covered precision therapy now. ``tests`` counts the tests done this
    quarter (first tests and retests); ``gain`` per subtype is the mean gain of a matched
    therapy over the lines where its eligible patients start (1 in the first line).
    """

    incident: np.ndarray
    starting: np.ndarray
    aware: np.ndarray
    tested: np.ndarray
    eligible: np.ndarray
    matched: np.ndarray
    first_line_matched: np.ndarray
    treated_unselected: np.ndarray
    false_positive: np.ndarray
    tests: np.ndarray
    incident_aware: np.ndarray
    gain: np.ndarray


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
        self.course = LinePool(scenario.course, n_r, n_s)
        """Patients on each line of treatment (:mod:`ecosim.course`)."""
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
        retest_uptake: float = 1.0,
    ) -> Cascade:
        """Pass this quarter's line starters through the cascade; move the pool on.

        Args:
            testing_rate: per region, probability an aware patient is tested (the mean
                over the region's providers).
            covered_precision: per subtype, 1 if a covered matched therapy exists.
            covered_unselected: per subtype, 1 if a covered non-selected new therapy
                exists.
            retest_uptake: relative uptake of a retest (1 where payers cover the test;
                lower where patients pay for it themselves).

        Returns:
            The cascade counts for the quarter.
        """
        inc = self.incidence
        starts = self.course.progress()
        starts[Line.first, State.untested] = inc
        untested = starts[:, State.untested]
        aware = untested * self.awareness[:, None]
        tested = aware * testing_rate[:, None]
        true_found, false_found, retests = self._results(starts, tested, retest_uptake)
        matched = true_found * covered_precision
        staying = self._staying(starts, tested, retests)
        staying[:, State.found] = true_found - matched
        matched_false = false_found * covered_precision
        staying[:, State.falsely_found] = false_found - matched_false
        self.course.settle(staying, float(inc.sum()), float(matched.sum() + matched_false.sum()))
        known = starts[:, State.negative :].sum(axis=1)  # starters with an earlier result
        first_matched = matched[Line.first]
        # patients not matched to a precision therapy when they are diagnosed may receive
        # a new unselected one (its indication is a share of the new patients)
        unmatched = inc - first_matched
        treated_unsel = unmatched * covered_unselected[None, :] * self.therapy_access[:, None]
        return Cascade(
            incident=inc,
            starting=starts.sum(axis=(0, 1)),
            aware=(aware + known).sum(axis=0),
            tested=(tested + known).sum(axis=0),
            eligible=true_found.sum(axis=0),
            matched=matched.sum(axis=0),
            first_line_matched=first_matched,
            treated_unselected=treated_unsel,
            false_positive=false_found.sum(axis=0),
            tests=(tested + sum(retests)).sum(axis=0),
            incident_aware=aware[Line.first],
            gain=self.course.mean_gain(true_found.sum(axis=1)),
        )

    def _results(
        self, starts: np.ndarray, tested: np.ndarray, uptake: float
    ) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray]]:
        """Known positives among starters: true and false ones, ``[line, region, subtype]``.

        Starters found positive earlier stay found; of those tested negative earlier,
        ``course.retest_share`` x ``uptake`` are tested again (only a missed positive can
        turn positive, a true negative can test falsely positive).
        """
        sens, spec = self.test.sensitivity, self.test.specificity
        prev = self.prevalence
        retest = self.course.retest * uptake
        retest_negative = starts[:, State.negative] * retest
        retest_missed = starts[:, State.missed] * retest
        true_found = tested * (prev * sens)[None, :] + retest_missed * sens + starts[:, State.found]
        false_found = (
            tested * ((1.0 - prev) * (1.0 - spec))[None, :]
            + retest_negative * (1.0 - spec)
            + starts[:, State.falsely_found]
        )
        return true_found, false_found, (retest_negative, retest_missed)

    def _staying(
        self, starts: np.ndarray, tested: np.ndarray, retests: tuple[np.ndarray, np.ndarray]
    ) -> np.ndarray:
        """Starters' states after the tests (found states are set by the caller)."""
        sens, spec = self.test.sensitivity, self.test.specificity
        prev = self.prevalence
        retest_negative, retest_missed = retests
        staying = np.empty_like(starts)
        staying[:, State.untested] = starts[:, State.untested] - tested
        staying[:, State.negative] = (
            starts[:, State.negative]
            - retest_negative * (1.0 - spec)
            + tested * ((1.0 - prev) * spec)[None, :]
        )
        staying[:, State.missed] = (
            starts[:, State.missed] - retest_missed * sens + tested * (prev * (1.0 - sens))[None, :]
        )
        return staying
