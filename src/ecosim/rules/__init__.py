"""The rule families, each a package of named options (plug-ins), and partner scoring.

- :mod:`ecosim.rules.trust`: initial trust by sector pair, the update rule, the effect of
  trust on negotiations (``asymmetric``, ``symmetric``).
- :mod:`ecosim.rules.ip`: ownership, knowledge flow, deal terms and disputes
  (``exclusive``, ``shared``, ``open``).
- :mod:`ecosim.rules.reimbursement`: coverage decisions, prices, payment schedules and
  budget impact (``threshold``, ``outcome_based``, ``coverage_with_evidence``,
  ``budget_cap``, ``annuity``).
- :mod:`ecosim.rules.partnering`: partner scoring.

Adding an option is one module in the family's package (``docs/contributing.md``).
"""

from ecosim.rules import ip, partnering, reimbursement, trust

__all__ = ["ip", "partnering", "reimbursement", "trust"]
