"""The reimbursement protocol: what every payer coverage rule decides.

A rule is one class, registered by name, that answers four questions about an approved
therapy (and owns the parameters only it uses, as its ``Params`` section):

- :meth:`CoverageRule.decide`: cover or not, at what price per treated patient, after
  what delay, provisionally or for good, with an outcome-based agreement or not;
- :meth:`CoverageRule.price`: the price after negotiation against a threshold;
- :meth:`CoverageRule.payment_schedule`: when the money for a treated patient moves
  (the shares of the price paid in each quarter from treatment);
- :meth:`CoverageRule.budget_impact`: the yearly spend a coverage commits the payer to;
- :meth:`CoverageRule.price_points`: the list prices at which its decision changes (for
  the firm's launch price, :mod:`ecosim.pricing`).

Rules with provisional cover also say when and how it is reviewed
(:meth:`CoverageRule.review_after_quarters`, :meth:`CoverageRule.withdraws`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

import numpy as np

from ecosim.parameters import Section, param
from ecosim.registry import Option, Registry
from ecosim.units import QUARTERS_PER_YEAR

__all__ = [
    "REGISTRY",
    "CoverageCase",
    "CoverageRule",
    "Decision",
    "ReimbursementCommon",
    "icer",
    "register",
]

REGISTRY = Registry("reimbursement rule", "ecosim.rules.reimbursement", default="threshold")
register = REGISTRY.register


class ReimbursementCommon(Section):
    """How payers decide coverage of approved therapies and their tests."""

    threshold_usd_per_qaly: float = param(
        150_000,
        "USD/QALY",
        "Median cost-effectiveness threshold of the payers.",
        source="US ICER 100-150 k USD per QALY; NICE 20-30 k GBP.",
        ge=0,
        le=10_000_000,
    )
    second_rule_payers: float = param(
        0.0,
        "fraction of payers",
        "Share of the payers (by number, rounded) that follow second_rule instead of "
        "rule (the population they hold varies with the payers' drawn sizes).",
        assumption="a policy choice of the scenario: a country where some payers appraise "
        "cost-effectiveness and others pay within a budget or in instalments",
        ge=0,
        le=1,
    )
    threshold_spread: float = param(
        0.3,
        "log-sd",
        "Spread of the payers' thresholds around the median (log-normal; 0 = one threshold).",
        assumption="payers' willingness to pay differs (ICER's 100-150 k USD range is "
        "about a third); thresholds of different payers would inform it",
        ge=0,
        le=3,
    )
    payer_share_concentration: float = param(
        4.0,
        "concentration",
        "Dirichlet concentration of the payers' shares of the population (higher: more "
        "equal payers).",
        assumption="a few insurers of unequal size; enrolment by insurer would inform it",
        gt=0,
        le=1_000,
    )
    decision_delay_years: float = param(
        1.5,
        "years",
        "Time an appraisal takes once the payer starts it (queue time comes on top).",
        source="EFPIA/IQVIA W.A.I.T. 2019-2024: about 500-580 days from approval to availability.",
        ge=0,
        le=10,
    )
    close_call_z: float = param(
        0.5,
        "standard errors",
        "A payer asks for further analyses when the cost per QALY on the trial estimate is "
        "within this many standard errors of its threshold (log scale).",
        assumption="contested appraisals that need a second committee meeting; the share "
        "of NICE appraisals with more than one meeting would inform it",
        ge=0,
        le=10,
    )
    further_evidence_years: float = param(
        0.5,
        "years",
        "Time further analyses add to a close appraisal.",
        assumption="a second committee meeting a few months later; appraisal timelines "
        "of bodies such as NICE would inform it",
        ge=0,
        le=10,
    )
    appraisals_per_year: float = param(
        3.0,
        "appraisals/year",
        "Appraisals a payer can start per year; therapies beyond it wait, in order of approval.",
        assumption="an HTA body's appraisal capacity set against this ecosystem's approvals "
        "(about 1.1 a year in the baseline, more in a busy year); appraisal counts of HTA "
        "bodies would inform it",
        gt=0,
        le=10_000,
    )
    annual_budget_musd: float = param(
        4_000,
        "million USD/year",
        "New-therapy budget of a payer of average size (scaled by its population share; "
        "binding under budget_cap only).",
        assumption="a payer's yearly spend on newly launched medicines would inform it",
        ge=0,
        le=1_000_000,
    )
    companion_test_reimbursed: bool = param(
        True,
        "",
        "Whether genomic tests are in the payers' benefit basket (if not, patients pay for "
        "them out of pocket).",
        assumption="a policy choice of the scenario",
    )
    test_appraisal: bool = param(
        False,
        "",
        "Whether each payer appraises the test yearly and covers it only when test-and-treat "
        "has a non-negative net monetary benefit at its threshold (if not, a test in the "
        "basket is covered, as under a national coverage determination).",
        source="Medicare NCD 90.2 (2018) covers next-generation sequencing in advanced "
        "cancer without a cost-effectiveness appraisal; European HTA bodies appraise tests "
        "with their therapies.",
    )
    price_usd_per_patient: float = param(
        120_000,
        "USD/patient",
        "List price of a course of a new therapy.",
        assumption="of the order of a year of a new targeted oncology drug; launch prices "
        "would inform it",
        ge=0,
        le=100_000_000,
    )
    max_discount: float = param(
        0.30,
        "fraction of list price",
        "Largest confidential discount a firm grants in negotiation.",
        assumption="confidential discounts of a few tens of per cent; managed-entry "
        "agreement data would inform it",
        ge=0,
        le=1,
    )


@dataclass(frozen=True)
class CoverageCase:
    """What a payer knows about a therapy when it decides.

    Attributes:
        price: list price per treated patient (USD).
        qaly_gain: QALYs gained per treated patient.
        outcome_data: coverage of shared outcome data, 0-1.
        yearly_patients: patients the payer expects to treat per year.
        budget_left_usd: the payer's remaining yearly budget for new therapies.
        threshold: the payer's cost-effectiveness threshold (USD/QALY).
    """

    price: float
    qaly_gain: float
    outcome_data: float
    yearly_patients: float
    budget_left_usd: float
    threshold: float


@dataclass(frozen=True)
class Decision:
    """A payer's coverage decision on one therapy.

    Attributes:
        covered: whether the payer covers the therapy.
        mode: the rule's name for what it decided ("threshold", "rejected", ...).
        paid_per_patient: USD the payer pays per treated patient (before any schedule).
        delay_quarters: quarters after approval at which the decision takes effect.
        provisional: cover that is reviewed later (coverage with evidence development).
        agreement: an outcome-based agreement with the therapy's owner comes with it.
    """

    covered: bool
    mode: str
    paid_per_patient: float
    delay_quarters: int
    provisional: bool = False
    agreement: bool = False


def icer(paid_per_patient: float, qaly_gain: float) -> float:
    """Cost per QALY gained (USD/QALY); infinite when nothing is gained.

    The companion test is paid (or not) separately and counted in payer spend.
    """
    if qaly_gain <= 0:
        return float("inf")
    return paid_per_patient / qaly_gain


class CoverageRule(Option, ABC):
    """Base of every reimbursement rule; ``params`` is the scenario's reimbursement section.

    Attributes as for :class:`ecosim.registry.Option`.
    """

    def delay(self) -> int:
        """Quarters from approval to a full decision."""
        return round(self.common.decision_delay_years * QUARTERS_PER_YEAR)

    def earliest_decision(self) -> int:
        """The fewest quarters after approval any decision of this rule takes effect.

        Payers skip therapies approved more recently: deciding earlier changes nothing.
        """
        return self.delay()

    def fast_delay(self, share: float) -> int:
        """Quarters to a faster decision taking ``share`` of the full delay (at least one)."""
        return max(1, round(self.delay() * share))

    def price(self, price: float, qaly: float, threshold: float) -> float | None:
        """Price after negotiation against ``threshold``, or None when no deal is possible.

        A price within the threshold is accepted; above it the firm concedes down to the
        threshold if that is a discount of at most ``max_discount``.
        """
        if icer(price, qaly) <= threshold:
            return price
        target = threshold * qaly
        if target >= price * (1.0 - self.common.max_discount):
            return target
        return None

    def threshold_decision(self, case: CoverageCase, mode: str) -> Decision:
        """Cover at the negotiated price after the full delay, or reject."""
        agreed = self.price(case.price, case.qaly_gain, case.threshold)
        if agreed is None:
            return Decision(False, "rejected", 0.0, self.delay())
        return Decision(True, mode, agreed, self.delay())

    @abstractmethod
    def decide(self, case: CoverageCase) -> Decision:
        """The payer's decision on one therapy."""

    def price_points(self, case: CoverageCase) -> tuple[float, ...]:
        """List prices at which this rule's decision on ``case`` changes (USD per patient).

        A firm setting its launch price tries them (:mod:`ecosim.pricing`). Default: the
        highest price accepted without a discount (threshold x QALY gain) and with the
        largest one.
        """
        return self._accepted_prices(case.threshold * case.qaly_gain)

    def _accepted_prices(self, accepted: float, scale: float = 1.0) -> tuple[float, ...]:
        """``accepted`` and ``accepted / (1 - max_discount)``, each divided by ``scale``."""
        keep = 1.0 - self.common.max_discount
        points = (accepted, accepted / keep) if keep > 0 else (accepted,)
        return tuple(p / scale for p in points) if scale > 0 else ()

    def payment_schedule(self) -> np.ndarray:
        """Shares of a treated patient's price paid in quarters 0, 1, ... after treatment.

        Default: everything at treatment.
        """
        return np.ones(1)

    def fits_budget(self, yearly_usd: float, budget_left_usd: float) -> bool:
        """Whether a yearly spend (a test's) fits the payer's budget. Default: always."""
        return True

    def budget_impact(self, paid_per_patient: float, yearly_patients: float) -> float:
        """Yearly spend (USD) a coverage commits the payer to. Default: price x patients."""
        return paid_per_patient * yearly_patients

    def review_after_quarters(self) -> int | None:
        """Quarters after which provisional cover is reviewed (None: never)."""
        return None

    def withdraws(self, paid: float, qaly_gain: float, threshold: float) -> bool:
        """Whether a review withdraws provisional cover. Default: never.

        ``qaly_gain`` is what the payer believes after the evidence collected
        (:mod:`ecosim.evidence`).
        """
        return False
