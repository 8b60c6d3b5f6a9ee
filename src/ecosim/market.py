"""Approved therapies: coverage decisions, competition, loss of exclusivity.

After approval a therapy waits for each payer's coverage decision, made by the
payer's reimbursement rule (:mod:`ecosim.rules.reimbursement`). The covered
therapies of one market (subtype and kind) share its patients by prescriber choice
(:mod:`ecosim.uptake`); :mod:`ecosim.payments` moves the money. A therapy's QALY gain,
the trial's estimate of it and its reference price are drawn at approval (``therapies``
section); its owner sets the country's list price (:mod:`ecosim.pricing`). After
``market.exclusivity_years`` generics or biosimilars enter: the price paid falls by
``market.generic_price_cut`` and the payers' committed spend with it; after
``market.product_life_years`` the therapy is superseded and leaves the market.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim import evidence, pricing, provisional, uptake
from ecosim.coverage_status import CoverageStatus
from ecosim.decisions import cover_as_person
from ecosim.rules.reimbursement import CoverageCase
from ecosim.rules.reimbursement import icer as icer_of
from ecosim.units import HALF, QUARTERS_PER_YEAR

if TYPE_CHECKING:
    from ecosim.agents.payer import Payer
    from ecosim.model import EcosystemModel

__all__ = ["CoverageStatus", "Market"]


_PER_PAYER = {
    "status": (np.int64, CoverageStatus.pending),
    "paid": (np.float64, 0.0),
    "covered_at": (np.int64, -1),
    "decided_at": (np.int64, -1),
    "withdrawn_at": (np.int64, -1),
    "committed": (np.float64, 0.0),  # expected yearly spend (USD)
    "provisional": (bool, False),
    "mode": (object, ""),
    "in_appraisal": (bool, False),  # the payer has started (or finished) its appraisal
    "appraised_from": (np.int64, 0),  # quarter the appraisal started
    "treated_at_cover": (np.float64, 0.0),  # patients treated in the country by then
}
"""Per (therapy, payer) arrays: one row per therapy, one column per payer."""


class Market:
    """Therapies and their coverage by each payer."""

    def __init__(self, model: EcosystemModel):
        self.model = model
        self.programme: list[int] = []
        self._index: dict[int, int] = {}  # programme id -> therapy index
        self.subtype: list[int] = []
        self.precision: list[bool] = []
        self.qaly: list[float] = []  # true QALY gain per treated patient
        self.qaly_estimate: list[float] = []  # the trial's estimate, what payers see
        self.price: list[float] = []  # the country's list price (ecosim.pricing)
        self.world_price: list[float] = []  # the reference price abroad
        self.approved: list[int] = []
        self.dx_ready: list[int] = []
        self.generic: list[bool] = []  # lost exclusivity
        self.revoked: list[bool] = []  # accelerated approval withdrawn
        self.treated: list[float] = []  # patients treated in the country so far
        self.sales: list[float] = []  # million USD of sales so far, country and world
        self._tables = {name: np.zeros((0, 0), dtype=dt) for name, (dt, _) in _PER_PAYER.items()}
        self.first_cover_delay: list[float] = []  # years, per therapy covered at least once
        self._columns: dict[str, np.ndarray] = {}  # the lists above as arrays
        self._changes = 0  # status changes so far (for cached counts)
        self._counted_at: tuple[int, int] = (-1, -1)
        self._covered_precision = 0

    @property
    def n(self) -> int:
        """Number of approved therapies."""
        return len(self.programme)

    def __getattr__(self, name: str) -> np.ndarray:
        """The per-payer tables (``status``, ``paid``, ...): one row per therapy."""
        tables = self.__dict__.get("_tables")
        if tables is None or name not in tables:
            raise AttributeError(name)
        return tables[name][: self.n]

    def _add_row(self, n_pay: int) -> None:
        """Room for one more therapy in every per-payer table (capacity doubles)."""
        for name, (dtype, fill) in _PER_PAYER.items():
            table = self._tables[name]
            if table.shape[1] != n_pay or len(table) < self.n:
                grown = np.full((max(self.n + self.n, 1), n_pay), fill, dtype=dtype)
                grown[: len(table)] = table if table.shape[1] == n_pay else grown[: len(table)]
                self._tables[name] = grown

    def add(self, pid: int, approved_step: int | None = None) -> None:
        """Register an approved programme as a therapy awaiting coverage.

        ``approved_step`` is the quarter of approval (default: now; negative for the
        therapies marketed before the run).
        """
        m = self.model
        step = m.steps if approved_step is None else approved_step
        p, pat, th = m.programmes, m.params.patients, m.params.therapies
        precision = bool(p.precision[pid])
        mean = pat.qaly_gain_matched if precision else pat.qaly_gain_unselected
        # a stronger biomarker and a better molecule give more benefit per patient
        selected = th.benefit_strength * p.strength[pid] if precision else 0.0
        benefit = mean * (th.benefit_base + th.benefit_quality * p.quality[pid] + selected)
        qaly = benefit * m.rng.lognormal(-np.square(th.qaly_spread) * HALF, th.qaly_spread)
        reference = m.params.reimbursement.price_usd_per_patient * m.rng.lognormal(
            -np.square(th.price_spread) * HALF, th.price_spread
        )
        estimate = evidence.trial_estimate(qaly, th.evidence_spread, m.rng)
        lag = 0
        if precision and not m.params.regulation.co_approve_diagnostic:
            lag = round(m.params.regulation.diagnostic_lag_years * QUARTERS_PER_YEAR)
        self._index[pid] = self.n
        self.programme.append(pid)
        self.subtype.append(int(p.subtype[pid]))
        self.precision.append(precision)
        self.qaly.append(float(qaly))
        self.qaly_estimate.append(estimate)
        self.price.append(float(reference))  # until the owner sets it (below)
        self.world_price.append(float(reference))
        self.approved.append(step)
        self.dx_ready.append(step + lag)
        self.generic.append(False)
        self.revoked.append(False)
        self.treated.append(0.0)
        self.sales.append(0.0)
        self._columns = {
            "programme": np.array(self.programme, dtype=np.int64),
            "subtype": np.array(self.subtype, dtype=np.int64),
            "precision": np.array(self.precision, dtype=bool),
            "qaly": np.array(self.qaly),
            "approved": np.array(self.approved, dtype=np.int64),
            "dx_ready": np.array(self.dx_ready, dtype=np.int64),
        }
        self._add_row(len(m.payers))
        self._set_launch_price(self.n - 1)
        if step < 1:  # marketed before the run: appraised from approval, no slot needed
            self.in_appraisal[self.n - 1] = True
            self.appraised_from[self.n - 1] = step
        self._changes += 1

    def _set_launch_price(self, t: int) -> None:
        """The owner sets therapy ``t``'s list price here (:mod:`ecosim.pricing`)."""
        m = self.model
        yearly = self.yearly_patients(t)
        if yearly <= 0:  # with no patients to treat here, the price makes no difference
            return
        self.price[t] = pricing.launch_price(
            m.payers,
            self.world_price[t],
            self.qaly_estimate[t],
            self.outcome_data(),
            yearly,
            m.params.reimbursement.max_discount,
            pricing.referenced_revenue(m, self.precision[t], self.subtype[t], yearly),
        )

    @property
    def columns(self) -> dict[str, np.ndarray]:
        """Per-therapy arrays: programme, subtype, precision, qaly, approved, dx_ready.

        Read them; do not write.
        """
        return self._columns

    def __contains__(self, pid: int) -> bool:
        """Whether programme ``pid`` is a therapy on this market (approved or not yet)."""
        return pid in self._index

    def index_of(self, pid: int) -> int:
        """Therapy index of approved programme ``pid``."""
        return self._index[pid]

    def outcome_data(self) -> float:
        """Coverage of shared outcome data (0-1) from the data platform."""
        return self.model.consortia.platform.outcome_data()

    def decide(self, payer: Payer) -> None:
        """Payer ``payer`` decides on pending therapies and reviews provisional cover."""
        m = self.model
        if self.n == 0:
            return
        k = m.payers.index(payer)
        self._start_appraisals(payer, k)
        od = self.outcome_data()
        running = m.steps - self.appraised_from[:, k]
        due = self.in_appraisal[:, k] & (running >= payer.rule.earliest_decision())
        for t in np.flatnonzero((self.status[:, k] == CoverageStatus.pending) & due):
            elapsed = m.steps - self.approved[t]
            yearly = self.yearly_patients(t) * payer.share
            case = CoverageCase(
                self.price[t],
                self.qaly_estimate[t],
                od,
                yearly,
                payer.budget_left_usd,
                payer.threshold_usd,
            )
            d = payer.rule.decide(case)
            if running[t] < d.delay_quarters + self._further_evidence(t, payer):
                continue
            if payer.idx in m.decisions.controls:
                owner = int(m.programmes.owner[self.programme[t]])
                d = cover_as_person(m.decisions, payer.idx, int(self.programme[t]), owner, case, d)
            self.decided_at[t, k] = m.steps
            self.mode[t, k] = d.mode
            if not d.covered:
                self.set_status(t, k, CoverageStatus.rejected)
                continue
            self._cover(t, k, payer, d, yearly, elapsed)
        provisional.review(self, k, od)

    def _further_evidence(self, t: int, payer: Payer) -> int:
        """Quarters a close call adds to payer's appraisal of therapy ``t`` (evidence.py)."""
        reimb = self.model.params.reimbursement
        icer = icer_of(self.price[t], self.qaly_estimate[t])
        spread = self.model.params.therapies.evidence_spread
        if evidence.close_call(icer, payer.threshold_usd, spread, reimb.close_call_z):
            return round(reimb.further_evidence_years * QUARTERS_PER_YEAR)
        return 0

    def _start_appraisals(self, payer: Payer, k: int) -> None:
        """Start appraisals of waiting therapies, in order of approval, while slots last.

        A therapy approved since the payer last acted (payers act before a quarter's
        approvals) is appraised from its approval, so with slots to spare nothing waits.
        """
        m = self.model
        waiting = np.flatnonzero(~self.in_appraisal[:, k])
        if len(waiting) == 0:
            return
        approved = self._columns["approved"][waiting]
        start = waiting[np.lexsort((waiting, approved))][: max(0, int(payer.appraisal_slots))]
        self.in_appraisal[start, k] = True
        arrived = self._columns["approved"][start]
        # approved since the payer last acted: counted from approval; queued ones from now
        self.appraised_from[start, k] = np.where(arrived >= m.steps - 1, arrived, m.steps)
        payer.appraisal_slots -= len(start)

    def appraisal_queue(self) -> int:
        """(Therapy, payer) appraisals waiting for a slot."""
        if self.n == 0:
            return 0
        return int(np.count_nonzero(~self.in_appraisal))

    def _cover(self, t: int, k: int, payer: Payer, d, yearly: float, elapsed: int) -> None:
        m = self.model
        self.set_status(t, k, CoverageStatus.covered)
        self.paid[t, k] = d.paid_per_patient
        self.provisional[t, k] = d.provisional
        self.covered_at[t, k] = m.steps
        self.treated_at_cover[t, k] = self.treated[t]
        self.committed[t, k] = payer.rule.budget_impact(d.paid_per_patient, yearly)
        payer.budget_left_usd -= self.committed[t, k]
        if (self.covered_at[t] >= 0).sum() == 1 and self.approved[t] >= 1:  # approved in the run
            self.first_cover_delay.append(elapsed / QUARTERS_PER_YEAR)
            m.reimbursed_this_step += 1
        owner = int(m.programmes.owner[self.programme[t]])
        if d.agreement and m.alive[owner]:
            m.partnerships.form(payer.idx, owner, "outcome_based", self.programme[t])

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
        inc = pat.incidence[:, s] * QUARTERS_PER_YEAR
        if self.precision[t]:  # tested positive patients
            tested = pat.awareness * m.testing_rate
            return float((inc * tested).sum() * pat.prevalence[s])
        # the indication, at sites that prescribe new therapies
        return float((inc * pat.therapy_access).sum() * m.params.patients.indication_share)

    def on_market(self) -> np.ndarray:
        """Per therapy, whether it is still on the market (not superseded)."""
        if self.n == 0:
            return np.zeros(0, dtype=bool)
        life = self.model.params.market.product_life_years * QUARTERS_PER_YEAR
        young = self.model.steps - self._columns["approved"] < life
        return young & ~np.array(self.revoked, dtype=bool)

    def revoke(self, pid: int) -> None:
        """The approval of therapy ``pid`` is withdrawn: it leaves the market, cover ends."""
        t = self._index[pid]
        self.revoked[t] = True
        # cover ends; pending appraisals end too (nothing left to appraise)
        open_ = np.isin(self.status[t], (CoverageStatus.covered, CoverageStatus.pending))
        self.status[t, open_] = CoverageStatus.withdrawn
        self.withdrawn_at[t, open_] = self.model.steps
        self.committed[t] = 0.0
        self.provisional[t] = False
        self.in_appraisal[t] = True  # nothing left to appraise: no slot, no queue
        self._changes += 1

    def attraction(self, precision: bool) -> np.ndarray:
        """Prescribers' attraction to each therapy (0 for other kinds, off the market)."""
        m = self.model
        a = self._columns
        on = self.on_market() & (a["precision"] == precision)
        rank = uptake.entry_rank(a["subtype"], a["approved"], on)
        pat = m.params.patients
        mean = pat.qaly_gain_matched if precision else pat.qaly_gain_unselected
        return uptake.attraction(m, rank, a["qaly"], mean)

    def treatment(self, precision: bool) -> uptake.Split:
        """How the country's patients of one kind split among the covered therapies."""
        m = self.model
        n_s = m.patients.n_subtypes
        if self.n == 0 or self.status.shape[1] == 0:  # nothing approved, or no payer
            return uptake.split(
                np.zeros(0, np.int64),
                np.zeros(0),
                np.zeros((0, 0)),
                np.zeros(0),
                np.zeros((0, 0)),
                n_s,
            )
        a = self._columns
        shares = np.array([p.share for p in m.payers])
        covered = self.status == CoverageStatus.covered
        owners = m.programmes.owner[a["programme"]]
        reach = uptake.conversion(m, owners)
        curve = uptake.uptake_curve(m.steps - self.covered_at, reach[:, None]) * covered
        ready = (m.steps >= a["dx_ready"]) & (a["precision"] == precision)
        attract = self.attraction(precision) * ready
        return uptake.split(a["subtype"], attract, curve, shares, self.paid * covered, n_s)

    def age(self) -> None:
        """Therapies reaching the end of exclusivity get generic competition.

        The price payers pay (and will pay) falls by ``market.generic_price_cut``; so do
        their committed yearly spend and the list price of a therapy still pending.
        Superseded therapies commit nothing.
        """
        if self.n == 0:
            return
        m = self.model
        mp = m.params.market
        age = m.steps - self._columns["approved"]
        due = (age >= mp.exclusivity_years * QUARTERS_PER_YEAR) & ~np.array(self.generic)
        keep = 1.0 - mp.generic_price_cut
        for t in np.flatnonzero(due).tolist():
            self.generic[t] = True
            self.price[t] *= keep
            self.world_price[t] *= keep
            self.paid[t] *= keep
            self.committed[t] *= keep
        self.committed[~self.on_market()] = 0.0

    def covered_precision_count(self) -> int:
        """Number of precision therapies covered by at least one payer.

        Every provider asks each quarter; the answer changes only with a payer's decision,
        so it is kept until the coverage table changes.
        """
        if self._counted_at != (self._changes, self.model.steps):
            covered = (self.status == CoverageStatus.covered).any(axis=1) & self.on_market()
            precision = np.array(self.precision, dtype=bool)
            self._covered_precision = int(np.count_nonzero(covered & precision))
            self._counted_at = (self._changes, self.model.steps)
        return self._covered_precision

    def set_status(self, t: int, k: int, status: CoverageStatus) -> None:
        """Set payer ``k``'s standing on therapy ``t`` (and note that coverage changed)."""
        self.status[t, k] = status
        self._changes += 1

    def on_patent_count(self) -> int:
        """Number of therapies on the market that have not lost exclusivity."""
        if self.n == 0:
            return 0
        return int(np.count_nonzero(self.on_market() & ~np.array(self.generic)))

    def covered_count(self) -> int:
        """Number of therapies covered by at least one payer."""
        if self.n == 0:
            return 0
        covered = (self.status == CoverageStatus.covered).any(axis=1) & self.on_market()
        return int(covered.sum())
