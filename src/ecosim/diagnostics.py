"""Companion diagnostics: what the test finds, what it costs, and who pays for it.

Every biomarker-selected programme develops its companion test with its phase III
(``diagnostics.development_cost_musd``, part of the phase's cost, so firms value it). A
test finds ``diagnostics.sensitivity`` of the biomarker-positive patients and calls
``1 - diagnostics.specificity`` of the negative ones positive: those are treated with a
matched therapy, paid for, without benefit (:mod:`ecosim.payments`).

Whether a payer covers the test is its decision (:func:`decide_coverage`, each year):

- a test outside the benefit basket (``reimbursement.companion_test_reimbursed``
  false) is never covered;
- otherwise, without an appraisal (``reimbursement.test_appraisal`` false), it is
  covered, as under a national coverage determination (Medicare NCD 90.2, 2018);
- with an appraisal, the payer covers it when test-and-treat has a non-negative net
  monetary benefit at its threshold: per patient tested, the QALYs that the matched
  therapies it covers gain for the true positives found, valued at the threshold,
  less what it pays for them and for the false positives, less the test's price
  (and, under a budget cap, when the year's testing fits the budget left).

Patients of a payer that does not cover the test pay for it themselves: providers test
fewer of them (``patients.unreimbursed_test_uptake``), and what they pay is counted as
out-of-pocket spend (:func:`split_test_spend`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.market import CoverageStatus

if TYPE_CHECKING:
    from ecosim.agents.payer import Payer
    from ecosim.model import EcosystemModel

__all__ = ["covered_share", "decide_coverage", "net_benefit_per_test", "split_test_spend"]


def net_benefit_per_test(m: EcosystemModel, k: int) -> float:
    """Net monetary benefit (USD) per patient tested of payer ``k``'s test-and-treat.

    Uses the payer's covered, marketed precision therapies with their test ready, the
    subtypes' shares and prevalences, and the test's performance; per subtype the best
    covered therapy (the largest net benefit per treated patient) is the one counted.
    """
    mk = m.market
    dx = m.params.diagnostics
    price = m.params.patients.test_cost_usd
    if mk.n == 0:
        return -price
    threshold = m.payers[k].threshold_usd
    a = mk.columns
    on = (
        (mk.status[:, k] == CoverageStatus.covered)
        & mk.on_market()
        & a["precision"]
        & (m.steps >= a["dx_ready"])
    )
    n_s = m.patients.n_subtypes
    gain = np.zeros(n_s)  # net benefit per true positive treated
    cost = np.zeros(n_s)  # payment per false positive treated
    paid = mk.paid[:, k]
    for t in np.flatnonzero(on).tolist():
        s = int(a["subtype"][t])
        value = threshold * float(a["qaly"][t]) - float(paid[t])
        if cost[s] == 0.0 or value > gain[s]:
            gain[s], cost[s] = value, float(paid[t])
    share = m.patients.subtype_share()
    prev = m.patients.prevalence
    true_pos = share * prev * dx.sensitivity
    false_pos = share * (1.0 - prev) * (1.0 - dx.specificity)
    return float((true_pos * gain - false_pos * cost).sum()) - price


def decide_coverage(m: EcosystemModel, payer: Payer) -> bool:
    """Whether ``payer`` covers the companion test this year (see the module docstring)."""
    reimb = m.params.reimbursement
    if not reimb.companion_test_reimbursed:
        return False
    if not reimb.test_appraisal:
        return True
    k = m.payers.index(payer)
    if net_benefit_per_test(m, k) < 0:
        return False
    tests = m.last_tests_per_year * payer.share
    return payer.rule.fits_budget(tests * m.params.patients.test_cost_usd, payer.budget_left_usd)


def covered_share(m: EcosystemModel) -> float:
    """Share of the population whose payer covers the test (1 if there are no payers)."""
    if not m.payers:
        return float(m.params.reimbursement.companion_test_reimbursed)
    total = sum(p.share for p in m.payers)  # 1 up to rounding: all covering gives exactly 1
    return float(sum(p.share for p in m.payers if p.covers_test) / total) if total > 0 else 0.0


def split_test_spend(m: EcosystemModel, tests: float) -> tuple[float, float]:
    """USD of this quarter's tests paid by payers and by patients (out of pocket).

    Untested patients of covering and non-covering payers differ only in the uptake of
    testing (providers cannot tell them apart), so tests split by tested share.
    """
    cov = covered_share(m)
    uptake = m.params.patients.unreimbursed_test_uptake
    tested_covered = cov
    tested_uncovered = (1.0 - cov) * uptake
    total = tested_covered + tested_uncovered
    price = m.params.patients.test_cost_usd
    if total <= 0:
        return 0.0, tests * price
    by_payers = tests * price * tested_covered / total
    return by_payers, tests * price - by_payers
