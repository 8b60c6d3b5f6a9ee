"""The rule families: pure functions of state and scenario parameters.

- :mod:`ecosim.rules.trust`: initial trust by sector pair and the update rule.
- :mod:`ecosim.rules.ip`: deal terms, disputes and appropriability by IP regime.
- :mod:`ecosim.rules.reimbursement`: payer coverage decisions and payments.
- :mod:`ecosim.rules.partnering`: partner scoring and negotiation.
"""

from ecosim.rules import ip, partnering, reimbursement, trust

__all__ = ["ip", "partnering", "reimbursement", "trust"]
