"""Approved therapies: coverage, uptake, payments and health gained.

After approval a therapy waits for each payer's coverage decision
(:mod:`ecosim.rules.reimbursement`). Covered therapies are taken up linearly over
``patients.uptake_years``. Each quarter, patients matched to a covered precision therapy
on their subtype (see :mod:`ecosim.patients`) and patients in the indication of a covered
non-selected therapy are treated; payers pay the agreed price (and the test, when it is
reimbursed), owners earn sales less royalties, and patients gain QALYs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.rules import reimbursement as rules

if TYPE_CHECKING:
    from ecosim.agents.payer import Payer
    from ecosim.model import EcosystemModel

__all__ = ["Market"]

PENDING, COVERED, REJECTED, WITHDRAWN = 0, 1, 2, 3

QALY_SPREAD = 0.5
"""Log-normal sigma of a therapy's QALY gain around the scenario mean."""

PRICE_SPREAD = 0.3
"""Log-normal sigma of a therapy's list price around the scenario price."""

BENEFIT_BASE, BENEFIT_QUALITY, BENEFIT_STRENGTH = 0.6, 0.4, 0.3
"""A therapy's QALY gain relative to the scenario mean: ``BENEFIT_BASE + BENEFIT_QUALITY x
molecule quality`` (+ ``BENEFIT_STRENGTH x biomarker strength`` if biomarker-selected)."""


class Market:
    """Therapies and their coverage by each payer."""

    def __init__(self, model: EcosystemModel):
        self.model = model
        self.programme: list[int] = []
        self.subtype: list[int] = []
        self.precision: list[bool] = []
        self.qaly: list[float] = []
        self.price: list[float] = []
        self.approved: list[int] = []
        self.dx_ready: list[int] = []
        self.status = np.zeros((0, 0), dtype=np.int64)
        self.paid = np.zeros((0, 0))
        self.covered_at = np.zeros((0, 0), dtype=np.int64)
        self.committed = np.zeros((0, 0))  # expected yearly spend (USD) per therapy, payer
        self.first_cover_delay: list[float] = []  # years, per therapy covered at least once

    @property
    def n(self) -> int:
        """Number of approved therapies."""
        return len(self.programme)

    def add(self, pid: int) -> None:
        """Register an approved programme as a therapy awaiting coverage."""
        m = self.model
        p, pat = m.programmes, m.params.patients
        precision = bool(p.precision[pid])
        mean = pat.qaly_gain_matched if precision else pat.qaly_gain_unselected
        # a stronger biomarker and a better molecule give more benefit per patient
        selected = BENEFIT_STRENGTH * p.strength[pid] if precision else 0.0
        benefit = mean * (BENEFIT_BASE + BENEFIT_QUALITY * p.quality[pid] + selected)
        qaly = benefit * m.rng.lognormal(-(QALY_SPREAD**2) / 2, QALY_SPREAD)
        price = m.params.reimbursement.price_usd_per_patient * m.rng.lognormal(
            -(PRICE_SPREAD**2) / 2, PRICE_SPREAD
        )
        co_approve = m.params.regulation.co_approve_diagnostic
        lag = (
            0
            if (co_approve or not precision)
            else round(m.params.regulation.diagnostic_lag_years * 4)
        )
        self.programme.append(pid)
        self.subtype.append(int(p.subtype[pid]))
        self.precision.append(precision)
        self.qaly.append(float(qaly))
        self.price.append(float(price))
        self.approved.append(m.steps)
        self.dx_ready.append(m.steps + lag)
        n_pay = len(m.payers)
        if self.status.shape[1] != n_pay:  # first therapy: one column per payer
            self.status = np.zeros((0, n_pay), dtype=np.int64)
            self.paid = np.zeros((0, n_pay))
            self.covered_at = np.zeros((0, n_pay), dtype=np.int64)
            self.committed = np.zeros((0, n_pay))
        self.committed = np.vstack([self.committed, np.zeros((1, n_pay))])
        self.status = np.vstack([self.status, np.zeros((1, n_pay), dtype=np.int64)])
        self.paid = np.vstack([self.paid, np.zeros((1, n_pay))])
        self.covered_at = np.vstack([self.covered_at, np.full((1, n_pay), -1, dtype=np.int64)])

    def outcome_data(self) -> float:
        """Coverage of shared outcome data (0-1) from the data-sharing consortium."""
        m = self.model
        ci = m.params.collective_impact
        n_pay = len(m.payers)
        if n_pay == 0:
            return 0.0
        share_members = np.mean([m.consortia.members["data_sharing"][p.idx] for p in m.payers])
        return float(ci.shared_measurement * (1 - ci.data_sharing_restriction) * share_members)

    def decide(self, payer: Payer) -> None:
        """Payer ``payer`` decides on pending therapies and re-evaluates provisional cover."""
        m = self.model
        if self.n == 0:
            return
        params = m.params.reimbursement
        k = m.payers.index(payer)
        od = self.outcome_data()
        for t in np.flatnonzero(self.status[:, k] == PENDING):
            elapsed = m.steps - self.approved[t]
            yearly = self.yearly_patients(t) * payer.share
            d = rules.decide(
                params,
                price=self.price[t],
                qaly_gain=self.qaly[t],
                outcome_data=od,
                yearly_patients=yearly,
                budget_left_usd=payer.budget_left_usd,
            )
            if elapsed < d.delay_quarters:
                continue
            if not d.covered:
                self.status[t, k] = REJECTED
                continue
            self.status[t, k] = COVERED
            self.paid[t, k] = d.paid_per_patient
            self.covered_at[t, k] = m.steps
            self.committed[t, k] = d.paid_per_patient * yearly
            payer.budget_left_usd -= self.committed[t, k]
            if (self.covered_at[t] >= 0).sum() == 1:
                self.first_cover_delay.append(elapsed / 4.0)
                m.reimbursed_this_step += 1
            owner = int(m.programmes.owner[self.programme[t]])
            if d.mode == "outcome_based" and m.alive[owner]:
                m.partnerships.form(payer.idx, owner, "outcome_based", self.programme[t])
            if d.mode == "ced":
                self.paid[t, k] = -d.paid_per_patient  # negative marks provisional cover
        # coverage with evidence development: re-evaluate after the evidence period
        review = round(rules.CED_REVIEW_YEARS * 4)
        prov = np.flatnonzero(
            (self.status[:, k] == COVERED)
            & (self.paid[:, k] < 0)
            & (m.steps - self.covered_at[:, k] >= review)
        )
        for t in prov:
            paid = -self.paid[t, k]
            if rules.ced_withdrawn(params, paid, self.qaly[t], od, m.rng.random()):
                self.status[t, k] = WITHDRAWN
                self.committed[t, k] = 0.0
            self.paid[t, k] = paid

    def committed_usd(self, payer: Payer) -> float:
        """Expected yearly spend of a payer on the therapies it covers (USD)."""
        if self.n == 0 or self.committed.shape[1] == 0:
            return 0.0
        return float(self.committed[:, self.model.payers.index(payer)].sum())

    def yearly_patients(self, t: int) -> float:
        """Patients a year the therapy would treat across the whole population."""
        m = self.model
        s = self.subtype[t]
        pat = m.patients
        inc = pat.incidence[:, s] * 4 * pat.region_access  # per region, reachable care
        if self.precision[t]:
            tested = pat.awareness * m.testing_rate
            return float((inc * tested).sum() * pat.prevalence[s])
        return float(inc.sum() * m.params.patients.indication_share)

    def coverage(self, precision: bool) -> tuple[np.ndarray, ...]:
        """Coverage of each subtype by the best covered therapy of one kind.

        Returns:
            Per subtype: effective coverage (0-1), price paid (USD), QALY gain per
            treated patient, and the therapy used (index, -1 for none).
        """
        m = self.model
        n_s = m.patients.n_subtypes
        cov, price, qaly = np.zeros(n_s), np.zeros(n_s), np.zeros(n_s)
        best = np.full(n_s, -1, dtype=np.int64)
        if self.n == 0 or self.status.shape[1] == 0:  # nothing approved, or no payer
            return cov, price, qaly, best
        shares = np.array([p.share for p in m.payers])
        covered = self.status == COVERED
        # uptake ramps up from each payer's own coverage decision
        ramp_q = m.params.patients.uptake_years * 4
        ramp = np.minimum(1.0, (m.steps - self.covered_at + 1) / ramp_q) * covered
        eff = (ramp * shares).sum(axis=1)  # numpy sum, not BLAS: same bits everywhere
        dx = m.steps >= np.array(self.dx_ready)
        eff = eff * dx * (np.array(self.precision) == precision)
        paid = np.abs(self.paid) * covered
        mean_paid = paid.sum(axis=1) / np.maximum(covered.sum(axis=1), 1)
        subs = np.array(self.subtype)
        for t in np.flatnonzero(eff > 0):
            s = subs[t]
            if eff[t] > cov[s] or (eff[t] == cov[s] and self.qaly[t] > qaly[s]):
                cov[s], price[s], qaly[s], best[s] = eff[t], mean_paid[t], self.qaly[t], t
        return cov, price, qaly, best

    def covered_precision_count(self) -> int:
        """Number of precision therapies covered by at least one payer."""
        if self.n == 0:
            return 0
        return int(((self.status == COVERED).any(axis=1) & np.array(self.precision)).sum())
