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

import numpy as np

__all__ = ["COSTS", "Ledger"]

COSTS = ("rd", "overhead", "backbone")
"""Accounts that are costs: money received there has been spent (``model.spend``)."""


class Ledger:
    """Cash flows of the current quarter, plus each organisation's opening cash."""

    def __init__(self) -> None:
        self.opening: dict[int, float] = {}
        self._net: defaultdict[int, float] = defaultdict(float)
        self._batches: list[tuple[np.ndarray, np.ndarray]] = []
        self.account_in: defaultdict[str, float] = defaultdict(float)
        self.account_out: defaultdict[str, float] = defaultdict(float)

    def begin(self, cash: dict[int, float]) -> None:
        """Start a quarter: remember each organisation's cash, forget last quarter's flows."""
        self.opening = dict(cash)
        self._net.clear()
        self._batches.clear()
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
            self._net[src] -= musd
        if isinstance(dst, str):
            self.account_in[dst] += musd
        else:
            self._net[dst] += musd

    def record_payments(self, payers: np.ndarray, dst: str, musd: np.ndarray) -> None:
        """Record organisations ``payers`` each paying ``musd`` into account ``dst``."""
        self._batches.append((np.asarray(payers), -np.asarray(musd)))
        self.account_in[dst] += float(np.sum(musd))

    def org_net(self, n: int) -> np.ndarray:
        """Net recorded flow of each of the first ``n`` organisations this quarter."""
        net = np.zeros(n)
        for idx, value in self._net.items():
            net[idx] += value
        for rows, amounts in self._batches:
            np.add.at(net, rows, amounts)
        return net
