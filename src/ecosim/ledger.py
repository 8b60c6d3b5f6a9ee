"""Every movement of cash in one quarter, recorded twice (double entry).

Organisations hold cash (million USD). Each change of an organisation's cash goes through
:meth:`Ledger.transfer` from a source to a destination: another organisation, or an
account outside the ecosystem (payers, investors, a pharma parent's budget, the public
funder) or a cost (R&D, overhead, the backbone). The invariant checks
(:mod:`ecosim.invariants`) then verify that money is conserved: each organisation's cash
moved by exactly its recorded flows, every cost recorded as spend was paid by someone,
and every payer dollar reached an owner, a licensor or a co-owner, or is recorded as
unclaimed.
"""

from __future__ import annotations

from collections import defaultdict

__all__ = ["COSTS", "Ledger"]

COSTS = ("rd", "overhead", "backbone")
"""Accounts that are costs: money received there has been spent (``model.spend``)."""


class Ledger:
    """Cash flows of the current quarter, plus each organisation's opening cash."""

    def __init__(self) -> None:
        self.opening: dict[int, float] = {}
        self.org_net: defaultdict[int, float] = defaultdict(float)
        self.account_in: defaultdict[str, float] = defaultdict(float)
        self.account_out: defaultdict[str, float] = defaultdict(float)

    def begin(self, cash: dict[int, float]) -> None:
        """Start a quarter: remember each organisation's cash, forget last quarter's flows."""
        self.opening = dict(cash)
        self.org_net.clear()
        self.account_in.clear()
        self.account_out.clear()

    def open_account(self, idx: int, cash: float) -> None:
        """An organisation created during the quarter starts with ``cash``."""
        self.opening[idx] = cash

    def record(self, src: int | str, dst: int | str, musd: float) -> None:
        """Record ``musd`` moving from ``src`` to ``dst`` (organisation row or account name)."""
        if isinstance(src, str):
            self.account_out[src] += musd
        else:
            self.org_net[src] -= musd
        if isinstance(dst, str):
            self.account_in[dst] += musd
        else:
            self.org_net[dst] += musd
