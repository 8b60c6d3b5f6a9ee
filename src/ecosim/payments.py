"""Money for treatment: what payers pay, when, and to whom.

Each quarter the covered therapies of each market treat their share of its patients
(:meth:`ecosim.market.Market.treatment`). What a treated patient costs the payer is paid
on the schedule of that payer's reimbursement rule (:meth:`ecosim.rules.reimbursement.
CoverageRule.payment_schedule`): at once, or in instalments that are owed (:class:`Instalments`) and
paid when due to whoever holds the therapy then (:func:`pay_sales`: generic makers,
licensor, co-owner, owner; a therapy whose owner has exited is paid to nobody, recorded
as ``unclaimed_sales``). Revenue is booked by :func:`earn`. Tests are paid by payers that
cover them and by their patients elsewhere (out of pocket, :mod:`ecosim.diagnostics`).
Patients gain QALYs at treatment; false positives are treated and paid for without gain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim import diagnostics
from ecosim.columns import ColumnStore
from ecosim.patients import Cascade
from ecosim.sectors import Sector
from ecosim.units import QUARTERS_PER_YEAR, USD_PER_MUSD

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["Instalments", "earn", "pay_for_treatment", "pay_sales"]


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


def earn(m: EcosystemModel, src: str, idx: int, musd: float) -> None:
    """Organisation ``idx`` receives ``musd`` of revenue from outside account ``src``.

    A firm's sales and royalties count as its revenue (``model.revenue``). A pharma
    firm's cash is its R&D account: revenue goes to the parent company, which funds the
    R&D budget from it (:meth:`ecosim.agents.pharma.Pharma.set_budget`). Other
    organisations keep everything; a biotech pays the costs of selling its own
    therapies in :func:`pay_sales`.
    """
    m.transfer(src, idx, musd)
    if m.is_firm[idx]:
        m.revenue[idx, m.steps % QUARTERS_PER_YEAR] += musd
        if m.sector_code[idx] == m.SECTOR_CODES[Sector.pharma]:
            m.transfer(idx, "parent", musd)  # the parent sets the R&D budget from it


def pay_sales(m: EcosystemModel, pid: int, musd: float, src: str = "payers") -> None:
    """Pay ``musd`` of sales of therapy ``pid`` from ``src`` to whoever is owed it.

    After loss of exclusivity generic makers take ``1 - market.originator_share_after_loe``
    of the sales. Of the originator's part a live licensor receives its royalty, a live
    co-owner ``partnering.co_development_share`` of the rest, the owner the remainder;
    a biotech owner pays the costs of selling (``firms.commercial_cost_share``) at once.
    """
    p = m.programmes
    t = m.market.index_of(pid)
    if m.market.generic[t]:
        generic = musd * (1.0 - m.params.market.originator_share_after_loe)
        m.transfer(src, "generic_makers", generic)
        musd -= generic
    owner, licensor, co_owner = p.owner[pid], p.licensor[pid], p.co_owner[pid]
    m.market.sales[t] += musd
    if not m.alive[owner]:
        # the owner left and nobody took the therapy over: the money is recorded as
        # unclaimed rather than credited to anyone
        m.transfer(src, "unclaimed_sales", musd)
        return
    royalty = p.royalty[pid] if licensor >= 0 and m.alive[licensor] else 0.0
    if royalty > 0:
        earn(m, src, int(licensor), musd * royalty)
    net = musd * (1 - royalty)
    if co_owner >= 0 and m.alive[co_owner]:  # co-developers share sales
        share = m.params.partnering.co_development_share
        _earn_sales(m, src, int(co_owner), net * share)
        net *= 1 - share
    _earn_sales(m, src, int(owner), net)


def _earn_sales(m: EcosystemModel, src: str, idx: int, musd: float) -> None:
    """A firm earns sales of its own therapy; a biotech pays the selling costs at once."""
    earn(m, src, idx, musd)
    if m.sector_code[idx] != m.SECTOR_CODES[Sector.pharma]:
        m.transfer(idx, "operations", musd * m.params.firms.commercial_cost_share)


def _pools(m: EcosystemModel, c: Cascade) -> tuple:
    """(treatment split, patients per subtype, share who gain) of each kind of therapy."""
    # found positive: true positives gain, false positives are treated without benefit
    true_pos = c.eligible.sum(axis=0)
    found = true_pos + c.false_positive.sum(axis=0)
    benefit = np.divide(true_pos, found, out=np.zeros_like(found), where=found > 0) * c.gain
    # patients a new unselected therapy could treat: in its indication, within reach
    unmatched = (c.incident - c.first_line_matched) * m.patients.therapy_access[:, None]
    unmatched = unmatched.sum(axis=0)
    return (
        (m.treatment_precision, found, benefit),
        (m.treatment_unselected, unmatched, np.ones(len(found))),
    )


def _schedules(m: EcosystemModel) -> list[tuple[np.ndarray, np.ndarray]]:
    """Payers grouped by their rule: (its payment schedule, which payers), in order."""
    rules = [p.rule for p in m.payers] or [m.coverage]
    return [
        (rule.payment_schedule(), np.array([r is rule for r in rules]))
        for rule in dict.fromkeys(rules)
    ]


def pay_for_treatment(m: EcosystemModel, c: Cascade) -> dict[str, float]:
    """Payers pay for treatment (now or in instalments) and tests; QALYs are gained.

    Returns:
        This quarter's payer cash out (``payer_spend_musd``), the cost of tests done
        (``test_spend_musd``), QALYs gained and the instalments still owed afterwards
        (``payer_outstanding_musd``).
    """
    pools = _pools(m, c)
    tests = float(c.tests.sum())
    m.last_tests_per_year = tests * QUARTERS_PER_YEAR
    test_by_payers, test_out_of_pocket = diagnostics.split_test_spend(m, tests)
    groups = _schedules(m)
    qalys = 0.0
    therapy_usd = 0.0  # paid at once
    mk = m.market
    indication = m.params.patients.indication_share
    for (split, pool, gains), scale in zip(pools, (1.0, indication), strict=True):
        subs = np.asarray(mk.subtype, dtype=np.int64)[split.therapy]
        treated = pool[subs] * scale * split.volume
        qalys += float((treated * gains[subs] * np.asarray(mk.qaly)[split.therapy]).sum())
        for t, n, paid, by_payer in zip(
            split.therapy.tolist(),
            treated.tolist(),
            split.paid.tolist(),
            split.payer_spend,
            strict=True,
        ):
            mk.treated[t] += n
            usd = n * paid
            pid = mk.programme[t]
            for schedule, payers in groups:
                part = usd if len(groups) == 1 else usd * float(by_payer[payers].sum())
                if len(schedule) == 1:
                    therapy_usd += part
                    pay_sales(m, pid, part / USD_PER_MUSD)
                else:
                    m.instalments.owe(pid, part / USD_PER_MUSD, schedule, m.steps)
    due = m.instalments.due_now(m.steps)
    for i in due:
        pay_sales(m, int(m.instalments.programme[i]), float(m.instalments.musd[i]))
    m.instalments.paid[due] = True
    therapy_cash = therapy_usd / USD_PER_MUSD + float(m.instalments.musd[due].sum())
    if test_by_payers > 0:
        m.transfer("payers", "test_providers", test_by_payers / USD_PER_MUSD)
    if test_out_of_pocket > 0:
        m.transfer("patients", "test_providers", test_out_of_pocket / USD_PER_MUSD)
    return {
        "payer_spend_musd": therapy_cash + test_by_payers / USD_PER_MUSD,
        "out_of_pocket_musd": test_out_of_pocket / USD_PER_MUSD,
        "test_spend_musd": (test_by_payers + test_out_of_pocket) / USD_PER_MUSD,
        "qalys": qalys,
        "payer_outstanding_musd": m.instalments.outstanding_musd(),
    }
