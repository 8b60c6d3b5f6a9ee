"""Money for treatment: what payers pay, when, and to whom.

Each quarter the best covered therapy of each kind treats its subtype's patients
(:meth:`ecosim.market.Market.coverage`). What a treated patient costs the payer is paid
on the reimbursement rule's schedule (:meth:`ecosim.rules.reimbursement.CoverageRule.
payment_schedule`): at once, or in instalments that are owed (:class:`Instalments`) and
paid when due to whoever holds the therapy then. Of every payment a live licensor
receives its royalty, a live co-owner ``partnering.co_development_share`` of the rest,
the owner the remainder; a therapy whose owner has exited is paid to nobody (recorded as
``unclaimed_sales``). Reimbursed tests are paid too. Patients gain QALYs at treatment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.columns import ColumnStore
from ecosim.patients import Cascade
from ecosim.units import USD_PER_MUSD

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["Instalments", "pay_for_treatment", "pay_sales"]


class Instalments(ColumnStore):
    """Payments owed by payers for patients already treated (million USD)."""

    COLUMNS = {
        "programme": (np.int64, -1, 0),
        "due": (np.int64, -1, 0),
        "musd": (np.float64, 0.0, 0),
        "paid": (bool, False, 0),
    }

    def owe(self, pid: int, musd: float, shares: np.ndarray, step: int) -> None:
        """Owe ``musd`` for therapy ``pid`` in ``shares`` from quarter ``step`` on."""
        for k, share in enumerate(shares.tolist()):
            i = self._new_row()
            self.programme[i], self.due[i], self.musd[i] = pid, step + k, musd * share

    def due_now(self, step: int) -> np.ndarray:
        """Rows due at ``step`` or earlier and not yet paid."""
        return np.flatnonzero((self.view("due") <= step) & ~self.view("paid"))

    def outstanding_musd(self) -> float:
        """Total still owed (million USD)."""
        return float(self.view("musd")[~self.view("paid")].sum())


def pay_sales(m: EcosystemModel, pid: int, musd: float) -> None:
    """Pay ``musd`` of payer money for therapy ``pid`` to its licensor, co-owner and owner."""
    p = m.programmes
    owner, licensor, co_owner = p.owner[pid], p.licensor[pid], p.co_owner[pid]
    if not m.alive[owner]:
        # the owner left and nobody took the therapy over: the payer's money is recorded
        # as unclaimed rather than credited to anyone
        m.transfer("payers", "unclaimed_sales", musd)
        return
    royalty = p.royalty[pid] if licensor >= 0 and m.alive[licensor] else 0.0
    if royalty > 0:
        m.transfer("payers", int(licensor), musd * royalty)
    net = musd * (1 - royalty)
    if co_owner >= 0 and m.alive[co_owner]:  # co-developers share sales
        share = m.params.partnering.co_development_share
        m.transfer("payers", int(co_owner), net * share)
        net *= 1 - share
    m.transfer("payers", int(owner), net)


def pay_for_treatment(m: EcosystemModel, c: Cascade) -> dict[str, float]:
    """Payers pay for treatment (now or in instalments) and tests; QALYs are gained.

    Returns:
        This quarter's payer cash out (``payer_spend_musd``), the cost of tests done
        (``test_spend_musd``), QALYs gained and the instalments still owed afterwards
        (``payer_outstanding_musd``).
    """
    reimb = m.params.reimbursement
    _, price_p, qaly_p, best_p = m.coverage_precision
    _, price_u, qaly_u, best_u = m.coverage_unselected
    matched = c.matched.sum(axis=0)
    unsel = c.treated_unselected.sum(axis=0)
    tests = float(c.tested.sum())
    test_spend = tests * m.params.patients.test_cost_usd
    therapy = matched * price_p + unsel * price_u
    shares = m.coverage.payment_schedule()
    at_once = len(shares) == 1
    for best, sales in ((best_p, matched * price_p), (best_u, unsel * price_u)):
        for s in np.flatnonzero(best >= 0):
            pid = m.market.programme[best[s]]
            musd = sales[s] / USD_PER_MUSD
            if at_once:
                pay_sales(m, pid, musd)
            else:
                m.instalments.owe(pid, musd, shares, m.steps)
    therapy_cash = float(therapy.sum()) / USD_PER_MUSD
    if not at_once:
        due = m.instalments.due_now(m.steps)
        for i in due:
            pay_sales(m, int(m.instalments.programme[i]), float(m.instalments.musd[i]))
        m.instalments.paid[due] = True
        therapy_cash = float(m.instalments.musd[due].sum())
    if reimb.companion_test_reimbursed and test_spend > 0:
        m.transfer("payers", "test_providers", test_spend / USD_PER_MUSD)
    return {
        "payer_spend_musd": therapy_cash
        + (test_spend / USD_PER_MUSD if reimb.companion_test_reimbursed else 0.0),
        "test_spend_musd": test_spend / USD_PER_MUSD,
        "qalys": float((matched * qaly_p).sum() + (unsel * qaly_u).sum()),
        "payer_outstanding_musd": m.instalments.outstanding_musd(),
    }
