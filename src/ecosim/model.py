"""The ecosystem model: builds the world and orders one quarter.

One step is one quarter of a year. Its order of events:

1. organisations act, type by type (academia, biotech, pharma, backbone, regulators,
   payers, patient organisations, care providers), in random order within a type;
2. consortia convene, private knowledge diffuses, new biotech firms enter;
3. patients pass through the cascade (awareness, testing, matching, treatment);
4. programmes develop: costs, trial accrual, phase completion (:mod:`ecosim.development`);
5. partnerships live: progress or friction, trust updates, endings;
6. money flows from payers to therapy owners and licensors;
7. outcomes are recorded (:mod:`ecosim.metrics`).

Nothing here imports from the experiment, analysis, app or CLI layers.
"""

from __future__ import annotations

import mesa
import numpy as np

from ecosim import development, invariants
from ecosim.agents import (
    Academia,
    Backbone,
    Biotech,
    CareProvider,
    Organisation,
    PatientOrg,
    Payer,
    Pharma,
    PublicFunder,
    Regulator,
)
from ecosim.agents.base import DATA
from ecosim.consortia import Consortia
from ecosim.deals import Deals
from ecosim.knowledge import Knowledge
from ecosim.ledger import Ledger
from ecosim.market import Market
from ecosim.metrics import Recorder
from ecosim.partnerships import Partnerships
from ecosim.patients import PatientCohort
from ecosim.pipeline import PHASE_KEYS, Phase, Programmes
from ecosim.rules import ip as ip_rules
from ecosim.rules import trust as trust_rules
from ecosim.scenario import SECTORS, Scenario
from ecosim.trials import AcademicTrials, TrialPools

__all__ = ["EcosystemModel"]

ACT_ORDER = (
    PublicFunder,
    Academia,
    Biotech,
    Pharma,
    Backbone,
    Regulator,
    Payer,
    PatientOrg,
    CareProvider,
)

CROWDING_PENALTY = 0.7
"""Drop in a target's attractiveness (log units) per visible competing programme."""

QUALITY_SD = 0.5
"""Sd of a programme's latent molecule quality (logit units, see development.py)."""

OPEN_TARGET_UPTAKE = 0.5
"""Share of new programmes that start from a published target when the commons has one."""

PRECISION_PREFERENCE = 0.5
"""Added attractiveness (log units) of a target with a usable biomarker."""

SALES_YEARS = 8.0
"""Years of sales a firm counts when valuing a programme."""

# initial pipeline of a firm, by phase (discovery ... review), near the steady state
_INITIAL_PIPELINE = {
    "pharma": (6, 4, 3, 3, 1, 0.4),
    "biotech": (0.6, 0.5, 0.3, 0.2, 0.05, 0),
}


class EcosystemModel(mesa.Model):
    """A precision-medicine partnership ecosystem.

    Args:
        params: a validated :class:`~ecosim.scenario.Scenario`.
        rng: seed or ``numpy.random.Generator``; the only source of randomness.
        check: verify the invariants (:mod:`ecosim.invariants`) after every step; by
            default when the environment sets ``ECOSIM_CHECK=1``.

    Attributes:
        params: the scenario.
        programmes: every therapy programme (:class:`~ecosim.pipeline.Programmes`).
        trust: trust matrix between organisations (row trusts column), 0-1.
        recorder: per-step outcomes (:class:`~ecosim.metrics.Recorder`).
    """

    SECTOR_CODES = {s: i for i, s in enumerate((*SECTORS, "backbone"))}

    def __init__(
        self,
        params: Scenario,
        rng: np.random.Generator | int | None = None,
        check: bool | None = None,
    ):
        super().__init__(rng=rng)
        self.params = params
        self.check = invariants.checking() if check is None else check
        self.last_cascade = None
        self.last_pools = None
        pop = params.population
        capacity = 64 + 2 * (
            pop.pharma
            + pop.biotech
            + pop.academia
            + pop.payers
            + pop.regulators
            + pop.patient_orgs
            + pop.care_providers
        )
        self._org_cap = capacity
        self.n_orgs = 0
        self.orgs: list[Organisation] = []
        self.caps = np.zeros((capacity, 5))
        self.sector_code = np.full(capacity, -1, dtype=np.int64)
        self.alive = np.zeros(capacity, dtype=bool)
        self.is_firm = np.zeros(capacity, dtype=bool)  # pharma or biotech
        self.trust = np.zeros((capacity, capacity))
        self._trust_table = self._sector_trust_table()
        self.reputation = np.full(capacity, 0.5)
        self.data_access = np.zeros(capacity)
        self.phase_tables = development.phase_tables(self)
        self.review_capacity_quarter = pop.regulators * (
            params.regulation.review_capacity_per_year / 4.0
        )
        self.review_slots = 0.0
        self.appropriability = ip_rules.appropriability(params.ip)
        self.spend: dict[str, float] = {}
        self.tally: dict[str, float] = {}
        self.transitions = np.zeros((2, 2, len(PHASE_KEYS)), dtype=np.int64)
        self.ledger = Ledger()

        self.patients = PatientCohort(params, self.rng)
        self.programmes = Programmes()
        self.knowledge = Knowledge(self, pop.subtypes, capacity)
        self.partnerships = Partnerships(self)
        self.deals = Deals(self)
        self.consortia = Consortia(self, capacity)
        self.market = Market(self)
        self.academic_trials = AcademicTrials(self)
        self.payers: list[Payer] = []
        self._begin_quarter()
        self._build_world()
        self.recorder = Recorder(self)

    # ------------------------------------------------------------------ world
    def _build_world(self) -> None:
        pop = self.params.population
        regions = pop.regions

        def place(n: int) -> list[int]:
            return [i % regions for i in range(n)]

        for r in place(pop.regulators):
            Regulator(self, r)
        for r in place(pop.payers):
            self.payers.append(Payer(self, r))
        for p in self.payers:
            p.share = 1.0 / len(self.payers)
        for r in place(pop.academia):
            Academia(self, r)
        for r in place(pop.patient_orgs):
            PatientOrg(self, r)
        for r in place(pop.care_providers):
            CareProvider(self, r)
        if self.params.collective_impact.backbone > 0:
            Backbone(self, 0)
        self.public_funder = (
            PublicFunder(self, 0) if self.params.public_funding.budget_musd_per_year > 0 else None
        )
        for r in place(pop.pharma):
            self._seed_pipeline(Pharma(self, r))
        for r in place(pop.biotech):
            self._seed_pipeline(Biotech(self, r))
        self.data_access[: self.n_orgs] = self.consortia.data_access(self.caps[: self.n_orgs, DATA])

    def _seed_pipeline(self, firm: Organisation) -> None:
        """Give a firm a pipeline in every phase, with phase clocks part-way through."""
        for phase, mean in enumerate(_INITIAL_PIPELINE[firm.sector]):
            for _ in range(self.rng.poisson(mean)):
                pid = self.start_programme(firm, Phase(phase), seeded=True)
                development.enter_phase(self, np.array([pid]), phase)
                p = self.programmes
                p.gap[pid] = 0
                frac = self.rng.random()
                p.t_in_phase[pid] = int(frac * p.planned[pid])
                # a submission already under review needs an agency to review it
                under_review = phase == Phase.REVIEW and self.params.population.regulators > 0
                p.enrolled[pid] = 1.0 if under_review else frac * p.enrol_target[pid]
                p.phase1_step[pid] = -1  # entered phase I before the run: not timed

    def _sector_trust_table(self) -> np.ndarray:
        names = list(self.SECTOR_CODES)
        tp = self.params.trust
        return np.array([[trust_rules.initial_value(a, b, tp) for b in names] for a in names])

    def register_organisation(self, org: Organisation, caps: np.ndarray) -> int:
        """Give a new organisation its row in the model's arrays; return the row."""
        if self.n_orgs == self._org_cap:
            self._grow_orgs()
        i = self.n_orgs
        self.n_orgs += 1
        self.orgs.append(org)
        self.caps[i] = caps
        code = self.SECTOR_CODES[org.sector]
        self.sector_code[i] = code
        self.is_firm[i] = org.sector in ("pharma", "biotech")
        self.alive[i] = True
        codes = self.sector_code[: i + 1]
        self.trust[i, : i + 1] = self._trust_table[code, codes]
        self.trust[: i + 1, i] = self._trust_table[codes, code]
        self.trust[i, i] = 1.0
        return i

    def _grow_orgs(self) -> None:
        new = self._org_cap * 2
        for name in ("caps", "sector_code", "alive", "is_firm", "reputation", "data_access"):
            old = getattr(self, name)
            arr = np.zeros((new, *old.shape[1:]), dtype=old.dtype)
            arr[: self._org_cap] = old
            setattr(self, name, arr)
        trust = np.zeros((new, new))
        trust[: self._org_cap, : self._org_cap] = self.trust
        self.trust = trust
        self.knowledge.grow(new)
        self.consortia.grow(new)
        self._org_cap = new

    def org(self, idx: int) -> Organisation:
        """The organisation in row ``idx``."""
        return self.orgs[idx]

    def live_indices(self, *sectors: str) -> np.ndarray:
        """Rows of live organisations of the given sectors."""
        codes = [self.SECTOR_CODES[s] for s in sectors]
        n = self.n_orgs
        return np.flatnonzero(self.alive[:n] & np.isin(self.sector_code[:n], codes))

    def organisation_exit(self, org: Organisation) -> None:
        """Remove an organisation that leaves the ecosystem."""
        org.alive = False
        self.alive[org.idx] = False
        self.partnerships.end_for_organisation(org.idx)
        self.academic_trials.remove_owner(org.idx)
        self.tally["firm_exits"] += 1
        org.remove()

    # ------------------------------------------------------------------ choices
    def choose_target(self, org: Organisation) -> tuple[int, int]:
        """Pick the (subtype, target) an organisation works on next.

        Attractiveness is the log of the subtype's incidence (market), less a crowding
        penalty per visible competing programme on the same target. Programmes in the
        clinic are always visible (trial registries); earlier ones only with
        transparency (continuous communication or a common agenda). A common agenda
        adds the shared priority of neglected subtypes. Gumbel noise makes the choice
        a logit draw.
        """
        ci = self.params.collective_impact
        k = self.params.science.targets_per_subtype
        share = self.patients.subtype_share()
        n_s = len(share)
        p = self.programmes
        act = np.flatnonzero(p.active_mask())
        act = act[p.owner[act] != org.idx]
        transparency = max(ci.continuous_communication, ci.common_agenda)
        weight = np.where(p.phase[act] >= Phase.PHASE1, 1.0, transparency)
        visible = np.bincount(
            p.subtype[act] * k + p.target[act], weights=weight, minlength=n_s * k
        ).reshape(n_s, k)
        score = np.log(np.maximum(share, 1e-12))[:, None] - CROWDING_PENALTY * visible
        # a biomarker the organisation can use makes a target more attractive
        score = score + PRECISION_PREFERENCE * self.knowledge.usable(org.idx).reshape(n_s, k)
        if ci.common_agenda > 0:
            per_subtype = np.bincount(p.subtype[act], minlength=n_s)
            need = np.log(share.mean() / np.maximum(share, 1e-12)) + 1.0 * (per_subtype == 0)
            score = score + ci.common_agenda * np.clip(need, 0, None)[:, None]
        score = score + self.rng.gumbel(size=score.shape)
        s, t = np.unravel_index(int(np.argmax(score)), score.shape)
        return int(s), int(t)

    def choose_biomarker_slot(self) -> int:
        """(Subtype, target) slot of the next biomarker discovery.

        Research follows the market (incidence) unless a common agenda points it at
        slots with no public biomarker yet.
        """
        k = self.params.science.targets_per_subtype
        pull = np.repeat(self.patients.subtype_share(), k) / k
        a = self.params.collective_impact.common_agenda
        unmet = (~self.knowledge.public).astype(float) + 1e-3
        weights = (1 - a) * pull + a * unmet / unmet.sum()
        return int(self.rng.choice(len(pull), p=weights / weights.sum()))

    def start_programme(
        self,
        firm: Organisation,
        phase: Phase,
        subtype: int | None = None,
        target: int | None = None,
        seeded: bool = False,
    ) -> int:
        """Start a programme owned by ``firm``; return its id."""
        open_ip = False
        # when targets have been published to the commons (always under open IP, and when
        # an academic licence fails), a share of new programmes start from one
        take_open = subtype is None and not seeded and bool(self.knowledge.open_targets)
        if take_open and self.rng.random() < OPEN_TARGET_UPTAKE:
            subtype, target = self.knowledge.take_open_target()
            phase, open_ip = Phase.PRECLINICAL, True
        if subtype is None or target is None:
            subtype, target = self.choose_target(firm)
        slot = self.knowledge.slot(subtype, target)
        precision = self.knowledge.has_biomarker(firm.idx, slot)
        pid = self.programmes.add(
            owner=firm.idx,
            subtype=subtype,
            target=target,
            precision=precision,
            strength=float(self.knowledge.strength[slot]) if precision else 0.0,
            quality=float(self.rng.normal(0.0, QUALITY_SD)),
            step=self.steps,
            phase=phase,
            open_ip=open_ip,
        )
        if not seeded:
            development.enter_phase(self, np.array([pid]), int(phase))
        return pid

    # ------------------------------------------------------------------ money and value
    def transfer(self, src: int | str, dst: int | str, musd: float) -> None:
        """Move ``musd`` million USD between organisations (rows) or outside accounts (names).

        Every change of an organisation's cash goes through here, so that the ledger can
        prove money is conserved (see :mod:`ecosim.ledger`).
        """
        if not isinstance(src, str):
            self.orgs[src].cash -= musd
        if not isinstance(dst, str):
            self.orgs[dst].cash += musd
        self.ledger.record(src, dst, musd)

    def record_spend(self, kind: str, musd: float) -> None:
        """Add to this quarter's spend of a kind (million USD)."""
        self.spend[kind] = self.spend.get(kind, 0.0) + musd

    def quarterly_cost(self, ids: np.ndarray) -> np.ndarray:
        """Cost of each programme to its owner this quarter (million USD).

        Nothing while pausing or queued for review; the owner's share when a firm
        co-develops it.
        """
        p = self.programmes
        ph = np.minimum(p.phase[ids], Phase.REVIEW)
        cost = p.phase_cost[ids] / self.phase_tables["duration"][ph]
        idle = (p.gap[ids] > 0) | ((p.phase[ids] == Phase.REVIEW) & (p.enrolled[ids] < 1))
        partner = p.partner[ids]
        co_dev = (partner >= 0) & self.is_firm[np.maximum(partner, 0)]
        share = np.where(co_dev, 1.0 - development.CO_DEVELOPMENT_SHARE, 1.0)
        return np.where(idle, 0.0, cost * share)

    def expected_value(self, ids: np.ndarray) -> np.ndarray:
        """Risk-adjusted value of programmes to their owner (million USD)."""
        p = self.programmes
        tab = self.phase_tables
        ph = np.minimum(p.phase[ids], Phase.REVIEW)
        rev_prob = np.cumprod(tab["success"][::-1])[::-1]  # P(approval | start of phase)
        remaining = np.cumsum(tab["cost"][::-1])[::-1]
        inc = self.patients.incidence.sum(axis=0)[p.subtype[ids]] * 4
        share = np.where(
            p.precision[ids],
            self.patients.prevalence[p.subtype[ids]],
            self.params.patients.indication_share,
        )
        price = self.params.reimbursement.price_usd_per_patient
        sales = inc * share * price * SALES_YEARS / 1e6 * self.appropriability
        return rev_prob[ph] * sales - remaining[ph]

    def end_programmes(self, ids, reason: str) -> None:
        """End programmes (failure of their current phase) and their partnerships."""
        ids = np.asarray(ids, dtype=np.int64)
        if len(ids) == 0:
            return
        p = self.programmes
        ids = ids[p.phase[ids] < Phase.APPROVED]
        self.count_transitions(ids, p.phase[ids], success=False)
        if reason in ("strategic", "owner_exit"):
            # trials stopped for strategy or a firm's exit (running or about to start: a
            # trial is counted as started when its phase is entered)
            in_trial = np.isin(p.phase[ids], (Phase.PHASE1, Phase.PHASE2, Phase.PHASE3))
            self.tally["trials_stopped_other"] += int(in_trial.sum())
        self.tally["failure_spend"] += float(p.spent[ids].sum())
        p.end(ids, reason, self.steps)
        ending = {"strategic": "strategic", "owner_exit": "exit"}.get(reason, "completed")
        self.partnerships.end_for_programmes(ids, ending)

    def count_transitions(self, ids: np.ndarray, phase: np.ndarray, success: bool) -> None:
        """Tally phase outcomes by precision (for realised transition rates)."""
        prec = self.programmes.precision[ids].astype(np.int64)
        np.add.at(self.transitions, (int(success), prec, phase), 1)

    def approve(self, ids: np.ndarray) -> None:
        """Approve programmes that passed review; they become therapies."""
        p = self.programmes
        p.phase[ids] = int(Phase.APPROVED)
        p.approved_step[ids] = self.steps
        p.end_reason[ids] = 5
        for pid in ids:
            self.market.add(int(pid))
            partner, licensor = p.partner[pid], p.licensor[pid]
            if partner >= 0 and self.is_firm[partner]:
                p.co_owner[pid] = partner
            if licensor >= 0 and self.alive[licensor] and p.milestone[pid] > 0:
                self.transfer(int(p.owner[pid]), int(licensor), p.milestone[pid])  # milestone
        self.tally["approvals"] += len(ids)
        self.tally["approvals_precision"] += int(p.precision[ids].sum())
        self.partnerships.end_for_programmes(ids)

    def matchmaking_rounds(self) -> int:
        """Extra partner searches a backbone organisation arranges this quarter."""
        b = self.params.collective_impact.backbone
        return int(self.rng.random() < b)

    # ------------------------------------------------------------------ the quarter
    def _begin_quarter(self) -> None:
        self.ledger.begin({o.idx: o.cash for o in self.orgs})
        self.spend = {"rd": 0.0, "duplicate": 0.0, "backbone": 0.0, "overhead": 0.0, "public": 0.0}
        self.tally = dict.fromkeys(
            (
                "approvals",
                "approvals_precision",
                "trials_started",
                "trials_completed",
                "trials_closed_accrual",
                "trials_stopped_other",
                "failure_spend",
                "firm_exits",
                "firm_entries",
            ),
            0.0,
        )
        n_r = self.params.population.regions
        self.outreach_effort = np.zeros(n_r)
        self.testing_sum = np.zeros(n_r)
        self.testing_n = np.zeros(n_r)
        self.disputes_this_step = 0
        self.reimbursed_this_step = 0
        self.partnerships.formed_this_step = 0
        self.deals.failed_this_step = 0
        self.partnerships.ended_this_step[:] = 0
        self.consortia.joined_this_step = 0
        self.consortia.left_this_step = 0

    def step(self) -> None:
        """Advance the ecosystem by one quarter."""
        self._begin_quarter()
        n = self.n_orgs
        self.reputation[:n] = trust_rules.reputation(self.trust[:n, :n], self.alive[:n])
        self.data_access[:n] = self.consortia.data_access(self.caps[:n, DATA])
        development.mark_duplicates(self)

        # 1-2. organisations act; consortia, knowledge, entry
        for cls in ACT_ORDER:
            agents = self.agents_by_type.get(cls)
            if agents:
                agents.shuffle_do("step")
        self.consortia.convene()
        self.knowledge.diffuse()
        for _ in range(self.rng.poisson(self.params.population.biotech_entry_per_year / 4)):
            Biotech(self, int(self.rng.integers(self.params.population.regions)))
            self.tally["firm_entries"] += 1

        # 3. patients
        cascade, pools = self._patient_quarter()
        self.last_cascade, self.last_pools = cascade, pools

        # 4-5. development and partnerships
        enrolled = development.advance(self, pools)
        self.partnerships.live()

        # 6-7. money and outcomes
        money = self._pay_for_treatment(cascade)
        self.recorder.record(cascade, enrolled, money)
        if self.check:
            invariants.verify(self)

    def _patient_quarter(self):
        """Awareness, testing, matching; the trial pools per subtype."""
        pat = self.params.patients
        out = self.params.outreach
        effort = np.minimum(1.0, self.outreach_effort)
        self.testing_rate = np.where(
            self.testing_n > 0, self.testing_sum / np.maximum(self.testing_n, 1), 0.0
        )
        self.coverage_precision = self.market.coverage(True)
        self.coverage_unselected = self.market.coverage(False)
        cascade = self.patients.cascade(
            self.testing_rate,
            self.coverage_precision[0],
            self.coverage_unselected[0] * pat.indication_share,
        )
        # trial pools: within reach, eligible, accepting (outreach helps navigation)
        access = self.patients.trial_access()
        accept = np.minimum(1.0, pat.trial_acceptance * (1 + out.trial_navigation * effort))
        inc = self.patients.incidence
        prev = self.patients.prevalence
        at_sites = (inc * (access * accept * pat.trial_eligibility)[:, None]).sum(axis=0)
        # biomarker-positive: screened at trial sites, plus tested patients elsewhere whom
        # a shared data platform routes to a trial
        ci = self.params.collective_impact
        routing = ci.shared_measurement * (1 - ci.data_sharing_restriction)
        tested_share = self.patients.awareness * self.testing_rate * self.patients.region_access
        routed_reach = (1 - access) * routing * tested_share
        routed = (inc * (routed_reach * accept * pat.trial_eligibility)[:, None]).sum(axis=0)
        pools = TrialPools(
            negative=at_sites * (1 - prev), positive=at_sites * prev, routed=routed * prev
        )
        self.patients.raise_awareness(out.awareness_gain * effort)  # for next quarter
        return cascade, pools

    def _pay_for_treatment(self, c) -> dict[str, float]:
        """Payers pay for treatment and tests; owners and licensors earn sales."""
        reimb = self.params.reimbursement
        _, price_p, qaly_p, best_p = self.coverage_precision
        _, price_u, qaly_u, best_u = self.coverage_unselected
        matched = c.matched.sum(axis=0)
        unsel = c.treated_unselected.sum(axis=0)
        tests = float(c.tested.sum())
        test_spend = tests * self.params.patients.test_cost_usd
        therapy = matched * price_p + unsel * price_u
        for best, sales in ((best_p, matched * price_p), (best_u, unsel * price_u)):
            for s in np.flatnonzero(best >= 0):
                pid = self.market.programme[best[s]]
                p = self.programmes
                owner, licensor, co_owner = p.owner[pid], p.licensor[pid], p.co_owner[pid]
                musd = sales[s] / 1e6
                if not self.alive[owner]:
                    # the owner left and nobody took the therapy over: the payer's money
                    # is recorded as unclaimed rather than credited to anyone
                    self.transfer("payers", "unclaimed_sales", musd)
                    continue
                royalty = p.royalty[pid] if licensor >= 0 and self.alive[licensor] else 0.0
                if royalty > 0:
                    self.transfer("payers", int(licensor), musd * royalty)
                net = musd * (1 - royalty)
                if co_owner >= 0 and self.alive[co_owner]:  # co-developers share sales
                    self.transfer("payers", int(co_owner), net * development.CO_DEVELOPMENT_SHARE)
                    net *= 1 - development.CO_DEVELOPMENT_SHARE
                self.transfer("payers", int(owner), net)
        if reimb.companion_test_reimbursed and test_spend > 0:
            self.transfer("payers", "test_providers", test_spend / 1e6)
        return {
            "payer_spend_musd": float(therapy.sum()) / 1e6
            + (test_spend / 1e6 if reimb.companion_test_reimbursed else 0.0),
            "test_spend_musd": test_spend / 1e6,
            "qalys": float((matched * qaly_p).sum() + (unsel * qaly_u).sum()),
        }
