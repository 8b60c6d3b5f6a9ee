"""Reimbursement rules: how payers decide coverage and when money moves.

One module per rule (registered by name, see :mod:`ecosim.rules.reimbursement.base` for
the protocol): ``threshold``, ``outcome_based``, ``coverage_with_evidence``,
``budget_cap`` and ``annuity``. :data:`ReimbursementParams` is the scenario section
``reimbursement``: the parameters every rule uses, the ``rule`` (an enum of the
registered names) and one nested section per rule that has parameters of its own.
"""

from ecosim.rules.reimbursement.base import (
    REGISTRY,
    CoverageCase,
    CoverageRule,
    Decision,
    ReimbursementCommon,
    icer,
)

__all__ = [
    "REGISTRY",
    "CoverageCase",
    "CoverageRule",
    "Decision",
    "ReimbursementParams",
    "ReimbursementRule",
    "create",
    "icer",
]

ReimbursementParams, ReimbursementRule = REGISTRY.schema(
    "ReimbursementParams",
    "ReimbursementRule",
    ReimbursementCommon,
    "rule",
    "The payers' coverage rule.",
    __name__,
    alternates={
        "second_rule": (
            "The coverage rule of the payers that do not follow rule (their number is "
            "set by second_rule_payers).",
            {"assumption": "a policy choice of the scenario (payers that differ)"},
        )
    },
    assumption="a policy choice of the scenario (threshold: cost-effectiveness "
    "appraisal as practised by HTA bodies)",
)


def create(params: ReimbursementParams, selector: str = "rule") -> CoverageRule:
    """The rule a scenario's reimbursement section names (``rule`` or ``second_rule``)."""
    return REGISTRY.create(params, selector)
