"""Unit conversions, a half and numerical tolerances: the only numbers model code names.

Every number that shapes behaviour is a scenario parameter (:mod:`ecosim.scenario`);
model code uses the literals 0, 1 and -1 and the names below, nothing else (a test
checks the source). Money is held in million USD (``musd``); prices, thresholds and
payers' budgets in USD; run totals are reported in billion USD (``busd``).
"""

__all__ = [
    "HALF",
    "MUSD_PER_BUSD",
    "QUARTERS_PER_YEAR",
    "TINY",
    "TOLERANCE",
    "USD_PER_MUSD",
]

QUARTERS_PER_YEAR = 4
"""Steps per year: one step is a quarter."""

USD_PER_MUSD = 1e6
"""US dollars in a million US dollars."""

MUSD_PER_BUSD = 1e3
"""Million US dollars in a billion US dollars."""

TOLERANCE = 1e-9
"""Slack when comparing accumulated floating-point counts or sums (not behaviour)."""

TINY = 1e-12
"""Floor that keeps a logarithm or a division finite (not behaviour)."""

HALF = 0.5
"""A half: the mean of two directions of trust, the mean-one log-normal's -sigma^2 / 2."""
