"""Budget cap: the threshold rule, and the therapy's yearly spend must fit the budget.

The payer's budget for new therapies (``reimbursement.annual_budget_musd``) is renewed
each year less what the therapies it already covers cost a year (:mod:`ecosim.market`);
a therapy whose expected yearly spend does not fit what is left is rejected.
"""

from __future__ import annotations

from ecosim.rules.reimbursement.base import CoverageCase, CoverageRule, Decision, register

__all__ = ["BudgetCap"]


@register
class BudgetCap(CoverageRule):
    """Cover within the threshold and within the payer's remaining yearly budget."""

    name = "budget_cap"

    def decide(self, case: CoverageCase) -> Decision:
        """The threshold decision, rejected when its yearly spend exceeds the budget left."""
        d = self.threshold_decision(case, self.name)
        if d.covered and d.paid_per_patient * case.yearly_patients > case.budget_left_usd:
            return Decision(False, "rejected", 0.0, d.delay_quarters)
        return d

    def price_points(self, case: CoverageCase) -> tuple[float, ...]:
        """The threshold rule's points and the highest price whose yearly spend fits."""
        points = super().price_points(case)
        if case.yearly_patients <= 0:
            return points
        return (*points, case.budget_left_usd / case.yearly_patients)

    def fits_budget(self, yearly_usd: float, budget_left_usd: float) -> bool:
        """A test is covered only if a year of testing fits the budget left."""
        return yearly_usd <= budget_left_usd
