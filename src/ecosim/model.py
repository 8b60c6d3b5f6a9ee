"""The ecosystem model: its state, and the order of events in one quarter.

One step is one quarter of a year. Its order of events (:meth:`EcosystemModel.step`):

0. data access and duplicates are refreshed, therapies age (loss of exclusivity,
   superseded therapies; :meth:`ecosim.market.Market.age`);
1. organisations act, type by type (public funder, investors, academia, biotech, pharma,
   backbone, regulators, payers, patient organisations, care providers), in random order;
2. consortia convene, private knowledge diffuses, venture funds found new biotechs;
3. patients pass through the cascade (awareness, testing, matching; :mod:`ecosim.care`);
4. programmes develop: costs, trial accrual, phase completion (:mod:`ecosim.development`);
5. partnerships live: progress or friction, trust updates, endings;
6. money flows from payers and the rest of the world to therapy owners and licensors
   (:mod:`ecosim.payments`, :mod:`ecosim.world_sales`); pharma settles its R&D account; each
   year's end, registries publish its results (:meth:`ecosim.beliefs.TrackRecord.publish`);
7. outcomes are recorded (:mod:`ecosim.metrics`).

The world is built by :mod:`ecosim.world`. Nothing here imports from the experiment,
analysis, app or CLI layers.
"""

from __future__ import annotations

from typing import Any

import mesa
import numpy as np

from ecosim import (
    care,
    development,
    invariants,
    org_arrays,
    payments,
    regulation,
    world,
    world_sales,
)
from ecosim.accelerated import share_sales
from ecosim.accelerated import withdraw as withdraw_accelerated
from ecosim.agents import (
    Academia,
    Backbone,
    Biotech,
    CareProvider,
    Investor,
    Organisation,
    PatientOrg,
    Payer,
    Pharma,
    PublicFunder,
    Regulator,
)
from ecosim.agents.investor import found_biotechs
from ecosim.beliefs import TrackRecord
from ecosim.conditions import Conditions
from ecosim.consortia import Consortia
from ecosim.deals import Deals
from ecosim.decisions import Decisions
from ecosim.initiative import Initiative
from ecosim.knowledge import Knowledge
from ecosim.ledger import Ledger
from ecosim.market import Market
from ecosim.mesa_interface import model_arguments, one_blas_thread, step_collector
from ecosim.metrics import Recorder
from ecosim.outlook import Outlook
from ecosim.partnerships import PartnershipEnd, Partnerships
from ecosim.patients import PatientCohort
from ecosim.pipeline import EndReason, Phase, Programmes, in_trial
from ecosim.rules import ip as ip_rules
from ecosim.rules import reimbursement as reimbursement_rules
from ecosim.rules import trust as trust_rules
from ecosim.scenario.overrides import ScenarioLike
from ecosim.sectors import FIRMS, Sector
from ecosim.seeds import SeedLike
from ecosim.sites import SITE_TYPES
from ecosim.trials import AcademicTrials
from ecosim.units import QUARTERS_PER_YEAR

__all__ = ["EcosystemModel"]

ACT_ORDER = (
    PublicFunder,
    Investor,
    Academia,
    Biotech,
    Pharma,
    Backbone,
    Regulator,
    Payer,
    PatientOrg,
    CareProvider,
)

TALLIES = (
    "approvals",
    "approvals_precision",
    "trials_started",
    "trials_completed",
    "trials_closed_accrual",
    "trials_stopped_other",
    "failure_spend",
    "firm_exits",
    "firm_entries",
    "accelerated_approvals",
    "accelerated_withdrawn",
)
"""Counts and sums of events in the current quarter."""


class EcosystemModel(mesa.Model):
    """A precision-medicine partnership ecosystem.

    Args:
        params: the scenario: a :class:`~ecosim.scenario.Scenario`, a file, a library name
            (``"siloed"``) or a mapping; the schema defaults (the siloed baseline) if None.
        rng: the seed (:data:`ecosim.seeds.SeedLike`) or a ``numpy.random.Generator``, the
            only source of randomness: ``EcosystemModel(s, rng=7)`` is ``ecosim.run(s, seed=7)``.
        check: verify the invariants (:mod:`ecosim.invariants`) after every step; by
            default when the environment sets ``ECOSIM_CHECK=1``.
        seed: the seed, as Mesa's ``batch_run`` passes it (instead of ``rng``).
        decisions: who takes the choices (:mod:`ecosim.decisions`; default: the agents).
        **overrides: parameter values by dotted path or ``__`` (:mod:`ecosim.mesa_interface`).

    Attributes:
        params: the scenario.
        trust_rule, ip, coverage: the scenario's rule of each family (:mod:`ecosim.rules`).
        conditions: the collective-impact conditions (:mod:`ecosim.conditions`).
        programmes: every therapy programme (:class:`~ecosim.pipeline.Programmes`).
        trust: trust matrix between organisations (row trusts column), 0-1.
        acquainted: pairs that have worked together (:mod:`ecosim.reputation`).
        recorder: per-step outcomes (:class:`~ecosim.metrics.Recorder`).
        datacollector: the same outcomes for Mesa (``mesa.DataCollector``).
    """

    SECTOR_CODES = {s.value: i for i, s in enumerate(Sector)}

    def __init__(
        self,
        params: ScenarioLike | None = None,
        rng: SeedLike | np.random.Generator | None = None,
        check: bool | None = None,
        *,
        seed: SeedLike | None = None,
        decisions: Decisions | None = None,
        **overrides: Any,
    ):
        params, rng = model_arguments(params, rng, seed, overrides)
        super().__init__(rng=rng)
        self.params = params
        self.decisions = decisions if decisions is not None else Decisions()
        self.check = invariants.checking() if check is None else check
        self.trust_rule = trust_rules.create(params.trust)
        self.ip = ip_rules.create(params.ip)
        self.coverage = reimbursement_rules.create(params.reimbursement)
        self.conditions = Conditions(params.collective_impact)
        self.last_cascade = None
        self.last_pools = None
        # providers report their testing during the quarter; before the first report,
        # payers deciding on therapies marketed before the run see the baseline
        self.testing_rate = np.full(params.population.regions, params.patients.baseline_testing)
        self.testing_by_type = np.full(
            (params.population.regions, len(SITE_TYPES)), params.patients.baseline_testing
        )
        self._init_organisation_arrays(world.initial_count(params))
        self.phase_tables = development.phase_tables(self)
        self.review_capacity_quarter, self.advice_capacity_quarter = regulation.quarterly_capacity(
            self
        )
        self.review_slots = self.advice_slots = self.liaison_slots = self.introductions = 0.0
        self.invitations = 0.0  # the backbone's invitations to the initiative's platforms
        self.review_queue = 0
        self.last_tests_per_year = 0.0  # tests of the last quarter, a year (diagnostics)
        self.spend: dict[str, float] = {}
        self.tally: dict[str, float] = {}
        self.ledger = Ledger()
        self.patients = PatientCohort(params, self.rng)
        k = params.science.targets_per_subtype
        self.programmes = Programmes(k, params.population.subtypes * k)
        self.knowledge = Knowledge(self, params.population.subtypes, self._org_cap)
        self.track_record = TrackRecord(params.valuation, self._org_cap)
        self.market_outlook: Outlook | None = None  # this year's (ecosim.outlook)
        self.market_competitors: tuple | None = None  # (key, views) (ecosim.outlook)
        self.partnerships = Partnerships(self)
        self.deals = Deals(self)
        self.consortia = Consortia(self, self._org_cap)
        self.initiative = Initiative(self, self._org_cap)
        self.market = Market(self)
        self.instalments = payments.Instalments()
        self.academic_trials = AcademicTrials(self)
        self.payers: list[Payer] = []
        self.public_funder: PublicFunder | None = None
        self._begin_quarter()
        world.build(self)
        self.recorder = Recorder(self)
        self.datacollector = step_collector(self)

    # ------------------------------------------------------------------ organisations
    def _init_organisation_arrays(self, capacity: int) -> None:
        self.n_orgs = 0
        self.orgs: list[Organisation] = []
        self._sector_masks: dict[tuple[str, ...], np.ndarray] = {}
        org_arrays.allocate(self, capacity)
        self._trust_table = org_arrays.sector_trust_table(self.trust_rule, list(self.SECTOR_CODES))

    def register_organisation(self, org: Organisation, caps: np.ndarray) -> int:
        """Give a new organisation its row in the model's arrays; return the row."""
        if self.n_orgs == self._org_cap:
            self._grow_orgs()
        i = self.n_orgs
        self.n_orgs += 1
        self.orgs.append(org)
        self.caps[i] = caps
        self.cap_mean[i] = caps.mean()
        code = self.SECTOR_CODES[org.sector]
        self.sector_code[i] = code
        self.is_firm[i] = org.sector in FIRMS
        self.alive[i] = True
        self.entry_step[i] = self.steps
        codes = self.sector_code[: i + 1]
        self.trust[i, : i + 1] = self._trust_table[code, codes]
        self.trust[: i + 1, i] = self._trust_table[codes, code]
        self.trust[i, i] = 1.0
        return i

    def _grow_orgs(self) -> None:
        new = self._org_cap + self._org_cap
        org_arrays.grow(self, new)
        self.knowledge.grow(new)
        self.track_record.grow(new)
        self.consortia.grow(new)
        self.initiative.grow(new)
        self._org_cap = new

    def org(self, idx: int) -> Organisation:
        """The organisation in row ``idx``."""
        return self.orgs[idx]

    def live_indices(self, *sectors: str) -> np.ndarray:
        """Rows of live organisations of the given sectors."""
        wanted = self._sector_masks.get(sectors)
        if wanted is None:
            wanted = np.zeros(len(self.SECTOR_CODES), dtype=bool)
            wanted[[self.SECTOR_CODES[s] for s in sectors]] = True
            self._sector_masks[sectors] = wanted
        n = self.n_orgs
        return np.flatnonzero(self.alive[:n] & wanted[self.sector_code[:n]])

    def organisation_exit(self, org: Organisation) -> None:
        """Remove an organisation that leaves the ecosystem."""
        org.alive = False
        self.alive[org.idx] = False
        self.exit_step[org.idx] = self.steps
        self.partnerships.end_for_organisation(org.idx)
        self.consortia.leave_all(org.idx)
        self.academic_trials.remove_owner(org.idx)
        self.tally["firm_exits"] += 1
        org.remove()

    # ------------------------------------------------------------------ money
    def transfer(self, src: int | str, dst: int | str, musd: float) -> None:
        """Move ``musd`` million USD between organisations (rows) or outside accounts (names).

        Every change of an organisation's cash goes through here, so that the ledger can
        prove money is conserved (see :mod:`ecosim.ledger`).
        """
        if not isinstance(src, str):
            self.cash[src] -= musd
        if not isinstance(dst, str):
            self.cash[dst] += musd
        self.ledger.record(src, dst, musd)

    def pay_costs(self, payers: np.ndarray, kind: str, musd: np.ndarray) -> None:
        """Organisations ``payers`` each pay ``musd`` to the cost account ``kind``, in order.

        The same as one :meth:`transfer` per payment (cash falls by each amount in turn),
        in one array operation.
        """
        np.subtract.at(self.cash, payers, musd)
        self.ledger.record_payments(payers, kind, musd)

    def record_spend(self, kind: str, musd: float) -> None:
        """Add to this quarter's spend of a kind (million USD)."""
        self.spend[kind] = self.spend.get(kind, 0.0) + musd

    # ------------------------------------------------------------------ programme ends
    def end_programmes(self, ids, reason: EndReason) -> None:
        """End programmes (failure of their current phase) and their partnerships."""
        ids = np.asarray(ids, dtype=np.int64)
        if len(ids) == 0:
            return
        p = self.programmes
        ids = ids[p.phase[ids] < Phase.APPROVED]
        withdraw_accelerated(self, ids)  # a confirmatory obligation left unmet
        if reason in (EndReason.strategic, EndReason.no_go, EndReason.owner_exit):
            # trials stopped for strategy or a firm's exit (running or about to start: a
            # trial is counted as started when its phase is entered)
            self.tally["trials_stopped_other"] += int(np.count_nonzero(in_trial(p.phase[ids])))
        self.tally["failure_spend"] += float(p.spent[ids].sum())
        p.end(ids, reason, self.steps)
        ending = {
            EndReason.strategic: PartnershipEnd.strategic,
            EndReason.no_go: PartnershipEnd.strategic,
            EndReason.owner_exit: PartnershipEnd.exit,
        }.get(reason, PartnershipEnd.completed)
        self.partnerships.end_for_programmes(ids, ending)

    def yearly_revenue(self, idx: int) -> float:
        """Revenue of organisation ``idx`` over the last four quarters (million USD)."""
        return float(self.revenue[idx].sum())

    def pay_milestones(self, ids: np.ndarray) -> None:
        """Programmes ``ids`` reached a milestone event (a later phase, approval).

        An owner pays its live licensor the licence's milestone; a live co-developing
        partner pays the owner the co-development's milestone (:mod:`ecosim.bargaining`).
        """
        p = self.programmes
        for pid in np.asarray(ids, dtype=np.int64).tolist():
            owner, licensor, partner = int(p.owner[pid]), int(p.licensor[pid]), int(p.partner[pid])
            if licensor >= 0 and self.alive[licensor] and p.milestone[pid] > 0:
                self.transfer(owner, licensor, float(p.milestone[pid]))
            if partner >= 0 and self.alive[partner] and p.codev_milestone[pid] > 0:
                self.transfer(partner, owner, float(p.codev_milestone[pid]))

    def approve(self, ids: np.ndarray) -> None:
        """Approve programmes that passed review; they become therapies."""
        p = self.programmes
        p.approve(ids, self.steps)
        for pid in ids.tolist():
            if pid not in self.market:  # an accelerated one is on the market already
                self.market.add(pid)
                share_sales(self, pid)
        self.pay_milestones(ids)
        self.tally["approvals"] += len(ids)
        self.tally["approvals_precision"] += int(p.precision[ids].sum())
        self.partnerships.end_for_programmes(ids, keep=("outcome_based",))

    # ------------------------------------------------------------------ the quarter
    def _begin_quarter(self) -> None:
        self.ledger.begin(dict(enumerate(self.cash[: self.n_orgs].tolist())))
        self.revenue[:, self.steps % QUARTERS_PER_YEAR] = 0.0  # this quarter's, a year on
        self.spend = dict.fromkeys(
            ("rd", "duplicate", "backbone", "overhead", "public", "initiative"), 0.0
        )
        self.tally = dict.fromkeys(TALLIES, 0.0)
        n_r = self.params.population.regions
        self.outreach_awareness = np.zeros(n_r)  # patient organisations' effort by region
        self.outreach_navigation = np.zeros(n_r)
        self.testing_sum = np.zeros((n_r, len(SITE_TYPES)))  # by region and site type
        self.testing_n = np.zeros((n_r, len(SITE_TYPES)))
        self.disputes_this_step = 0
        self.reimbursed_this_step = 0
        self.partnerships.formed_this_step = 0
        self.deals.failed_this_step = 0
        self.partnerships.ended_this_step[:] = 0
        self.consortia.joined_this_step = 0
        self.consortia.left_this_step = 0

    def step(self) -> None:
        """Advance the ecosystem by one quarter; stop running at the scenario's horizon."""
        with one_blas_thread():
            self._quarter()
        self.datacollector.collect(self)
        self.running = self.steps < self.params.steps

    def _quarter(self) -> None:
        self._begin_quarter()
        self.consortia.refresh_data_access()
        development.mark_duplicates(self)
        self.market.age()

        # 1-2. organisations act; consortia, knowledge, entry
        for cls in ACT_ORDER:
            agents = self.agents_by_type.get(cls)
            if agents:
                agents.shuffle_do("step")
        self.initiative.quarter()
        self.consortia.convene()
        self.knowledge.diffuse()
        found_biotechs(self)

        # 3. patients
        cascade, pools = care.patient_quarter(self)
        self.last_cascade, self.last_pools = cascade, pools

        # 4-5. development and partnerships
        enrolled = development.advance(self, pools)
        self.partnerships.live()

        # 6-7. money and outcomes
        money = payments.pay_for_treatment(self, cascade)
        money["world_sales_musd"] = world_sales.pay_rest_of_world(self)
        for pharma in self.agents_by_type.get(Pharma, ()):
            pharma.settle()
        if self.steps % QUARTERS_PER_YEAR == 0:
            self.track_record.publish()  # the year's results enter firms' beliefs
        self.recorder.record(cascade, enrolled, money)
        if self.check:
            invariants.verify(self)
