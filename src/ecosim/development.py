"""Submodel: one quarter of programme development, vectorised over programmes.

First, therapies whose accelerated review ends reach the market
(:mod:`ecosim.accelerated`). Then for every programme in development, in order:

1. *Pause between phases* (planning, financing) counts down.
2. *Review queue*: a programme in review needs a regulator slot before its clock runs
   (:mod:`ecosim.regulation`: priority first, priority reviews shorter).
3. *Cost*: a running phase costs, per quarter, its cost (scaled by trial size) divided
   by the phase's nominal duration from the scenario; a trial that runs longer than
   nominal costs more, a phase III shortened by early engagement costs less. A
   co-developing firm pays ``partnering.co_development_share``. Spend on duplicated
   work (a later programme on a (subtype, target) another firm is already pursuing) is
   tallied.
4. *Trials* (phases I-III) enrol from their subtype's pool (:mod:`ecosim.trials`) and
   close for poor accrual when too slow. A biomarker-selected trial pays for the tests
   it screens patients with (``patients.test_cost_usd`` per test, ``1 / prevalence``
   tests per positive patient not tested in routine care), as a cost of its phase.
5. *Completion*: a phase completes once its planned time has passed and, for a trial, its
   enrolment target is met. Success is drawn with

   ``logit p = logit(base) + precision + capability + relationship + data + quality``

   where *precision* is ``precision_logit_effect x biomarker strength`` (phases II and
   III of biomarker-selected programmes), *capability* is ``capability_logit_effect x
   (team capability - capability_reference)`` (the best of owner and partner, clinical
   for trials, regulatory for review, discovery before), *relationship* is
   ``trust_logit_effect x (mutual trust - trust_reference)`` for partnered programmes,
   *data* is ``data_logit_effect x (data access - data_reference)`` (discovery,
   preclinical, phase II) and *quality* is ``quality_logit_effect x`` the programme's
   latent molecule quality (all in the ``pipeline`` section). Results enter the track
   record (:mod:`ecosim.beliefs`); a programme that succeeded enters the next phase if
   its owner decides so at the gate (:func:`ecosim.portfolio.gate`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from scipy.special import expit, logit

from ecosim import accelerated, portfolio, regulation
from ecosim.pipeline import CAPABILITY_BY_PHASE, PHASE_KEYS, EndReason, Phase
from ecosim.pipeline import in_trial as trial_phase
from ecosim.sectors import Sector
from ecosim.trials import TrialPools, closure_due, enrol
from ecosim.units import QUARTERS_PER_YEAR, TOLERANCE, USD_PER_MUSD

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["PRE_COMPETITIVE_PHASES", "advance", "enter_phase", "phase_params", "phase_tables"]

PRE_COMPETITIVE_PHASES = (Phase.DISCOVERY, Phase.PRECLINICAL)
"""Phases a public funder co-funds (:mod:`ecosim.agents.public_funder`)."""

_CAPABILITY_BY_PHASE = np.array(CAPABILITY_BY_PHASE)


def phase_params(m: EcosystemModel, phase: int):
    """Scenario parameters of a phase (0-5)."""
    return getattr(m.params.pipeline, PHASE_KEYS[phase])


def phase_tables(m: EcosystemModel) -> dict[str, np.ndarray]:
    """Duration (quarters), cost (million USD), base success and enrolment of each phase."""
    pp = m.params.pipeline
    ph = [getattr(pp, k) for k in PHASE_KEYS]
    return {
        "duration": np.array([x.duration_years * QUARTERS_PER_YEAR for x in ph]),
        "cost": np.array([x.cost_musd for x in ph]),
        "success": np.array([x.success for x in ph]),
        "enrolment": np.array([x.enrolment for x in ph]),
    }


def planned_duration(m: EcosystemModel, phase: int, n: int) -> np.ndarray:
    """Draw planned durations (quarters) for ``n`` programmes entering ``phase``."""
    mean = m.phase_tables["duration"][phase]
    cv = m.params.pipeline.duration_cv
    if cv <= TOLERANCE:  # no spread (a tiny cv would overflow the gamma shape 1/cv^2)
        return np.full(n, mean)
    shape = 1.0 / (cv * cv)
    return np.maximum(1.0, m.rng.gamma(shape, mean / shape, n))


def enter_phase(m: EcosystemModel, ids: np.ndarray, phase: int) -> None:
    """Move programmes ``ids`` into ``phase`` with fresh plans.

    A plan is a planned duration (gamma around the phase's duration), a pause before the
    phase starts (Poisson), an enrolment target (smaller for biomarker-selected trials),
    the phase's cost (scaled with trial size) and a recruiting power (log-normal). A
    programme entering phase I seeks an academic collaborator; one entering phase III
    asks for early regulatory engagement, which shortens its plan if the agency has a
    slot (:func:`ecosim.regulation.engage`), and for accelerated approval if it
    qualifies (:mod:`ecosim.accelerated`).
    """
    if len(ids) == 0:
        return
    if len(ids) == 1:  # most entries are one programme: scalar code, the same draws
        _enter_one(m, int(ids[0]), phase)
    else:
        _enter_many(m, ids, phase)
    m.pay_milestones(ids)
    if phase == Phase.PHASE1:
        m.programmes.phase1_step[ids] = m.steps
        m.tally["trials_started"] += len(ids)
        m.deals.seek_academic(ids)
    elif phase in (Phase.PHASE2, Phase.PHASE3):
        m.tally["trials_started"] += len(ids)
    if phase == Phase.PHASE3:
        regulation.engage(m, ids)
        accelerated.grant(m, ids)


def _enter_many(m: EcosystemModel, ids: np.ndarray, phase: int) -> None:
    p, pp, tab = m.programmes, m.params.pipeline, m.phase_tables
    p.move(ids, phase)
    p.phase_step[ids] = m.steps
    p.entered[ids, phase] = m.steps
    p.t_in_phase[ids] = 0
    p.enrolled[ids] = 0.0
    p.planned[ids] = planned_duration(m, phase, len(ids))
    p.gap[ids] = m.rng.poisson(pp.gap_years * QUARTERS_PER_YEAR, len(ids))
    target = tab["enrolment"][phase]
    factor = np.where(p.precision[ids], pp.precision_enrolment_factor, 1.0)
    p.enrol_target[ids] = np.ceil(target * factor).astype(np.int64)
    size = factor if target > 0 else 1.0
    per_patient = pp.per_patient_cost_share
    p.phase_cost[ids] = tab["cost"][phase] * (per_patient * size + 1 - per_patient)
    if phase == Phase.PHASE3:  # a biomarker-selected therapy develops its test with it
        p.phase_cost[ids] += p.precision[ids] * m.params.diagnostics.development_cost_musd
    p.recruit[ids] = m.rng.lognormal(0.0, pp.trial_recruitment_spread, len(ids))


def _enter_one(m: EcosystemModel, pid: int, phase: int) -> None:
    """:func:`_enter_many` for one programme (the same values and draws, in order)."""
    p, pp, tab = m.programmes, m.params.pipeline, m.phase_tables
    p.move_one(pid, phase)
    p.phase_step[pid] = m.steps
    p.entered[pid, phase] = m.steps
    p.t_in_phase[pid] = 0
    p.enrolled[pid] = 0.0
    mean, cv = float(tab["duration"][phase]), pp.duration_cv
    if cv <= TOLERANCE:
        p.planned[pid] = mean
    else:
        shape = 1.0 / (cv * cv)
        p.planned[pid] = max(1.0, m.rng.gamma(shape, mean / shape))
    p.gap[pid] = m.rng.poisson(pp.gap_years * QUARTERS_PER_YEAR)
    target = float(tab["enrolment"][phase])
    factor = pp.precision_enrolment_factor if p.precision[pid] else 1.0
    p.enrol_target[pid] = math.ceil(target * factor)
    size = factor if target > 0 else 1.0
    per_patient = pp.per_patient_cost_share
    p.phase_cost[pid] = float(tab["cost"][phase]) * (per_patient * size + 1 - per_patient)
    if phase == Phase.PHASE3 and p.precision[pid]:  # its companion test
        p.phase_cost[pid] += m.params.diagnostics.development_cost_musd
    p.recruit[pid] = m.rng.lognormal(0.0, pp.trial_recruitment_spread)


def _success_probability(m: EcosystemModel, ids: np.ndarray, phase: np.ndarray) -> np.ndarray:
    p, pp = m.programmes, m.params.pipeline
    tab = m.phase_tables
    with np.errstate(divide="ignore"):  # a base success of 0 or 1 stays 0 or 1
        lo = logit(tab["success"][phase])
    owner, partner = p.owner[ids], p.partner[ids]
    cap_idx = _CAPABILITY_BY_PHASE[phase]
    cap = m.caps[owner, cap_idx]
    has_partner = partner >= 0
    cap = np.where(has_partner, np.maximum(cap, m.caps[np.maximum(partner, 0), cap_idx]), cap)
    lo += pp.capability_logit_effect * (cap - pp.capability_reference)
    selected = p.precision[ids] & ((phase == Phase.PHASE2) | (phase == Phase.PHASE3))
    lo += pp.precision_logit_effect * p.strength[ids] * selected
    trust = m.partnerships.pair_trust(ids)
    ref = pp.trust_reference
    lo += np.where(has_partner, pp.trust_logit_effect * (np.nan_to_num(trust, nan=ref) - ref), 0)
    data = m.data_access[owner]
    data = np.where(has_partner, np.maximum(data, m.data_access[np.maximum(partner, 0)]), data)
    uses_data = (phase <= Phase.PRECLINICAL) | (phase == Phase.PHASE2)
    lo += uses_data * pp.data_logit_effect * (data - pp.data_reference)
    lo += pp.quality_logit_effect * p.quality[ids]
    return expit(lo)


def _charge(m: EcosystemModel, ids: np.ndarray) -> None:
    """Pay this quarter's cost of running programmes ``ids``."""
    phase = m.programmes.phase[ids]
    _pay(m, ids, m.programmes.phase_cost[ids] / m.phase_tables["duration"][phase])


def _pay(m: EcosystemModel, ids: np.ndarray, cost: np.ndarray) -> None:
    """Programmes ``ids`` spend ``cost`` (million USD each) in their current phase.

    The owner pays, a co-developing partner its share, the public funder its co-funding
    of pre-competitive work of PPP members.
    """
    p = m.programmes
    phase = p.phase[ids]
    p.spent[ids] += cost
    p.spent_phase[ids, phase] += cost
    dup = p.duplicate[ids]
    m.record_spend("rd", float(cost.sum()))
    m.record_spend("duplicate", float(cost[dup].sum()))
    partner = p.partner[ids]
    co_dev = (partner >= 0) & m.is_firm[np.maximum(partner, 0)]
    public = np.zeros(len(ids))
    if m.public_funder is not None:  # PPP members' pre-competitive work is co-funded
        members = m.consortia.members["public_private"][p.owner[ids]]
        eligible = members & np.isin(phase, PRE_COMPETITIVE_PHASES)
        public[eligible] = m.public_funder.cofund(cost[eligible])
        m.record_spend("public", float(public.sum()))
        m.transfer("public_funder", "rd", float(public.sum()))
    cost = cost - public  # what the firms pay
    partner_share = m.params.partnering.co_development_share
    own_share = np.where(co_dev, 1.0 - partner_share, 1.0)
    m.pay_costs(p.owner[ids], "rd", cost * own_share)
    m.pay_costs(partner[co_dev], "rd", cost[co_dev] * partner_share)


def mark_duplicates(m: EcosystemModel) -> None:
    """Flag programmes that duplicate an earlier programme of another firm."""
    p = m.programmes
    act = p.active_ids()
    p.duplicate[: p.n] = False
    if len(act) <= 1:
        return
    key = p.subtype[act] * m.params.science.targets_per_subtype + p.target[act]
    order = np.lexsort((p.start_step[act], key))
    k_sorted, own_sorted = key[order], p.owner[act][order]
    new_key = np.ones(len(k_sorted), dtype=bool)
    new_key[1:] = k_sorted[1:] != k_sorted[:-1]
    first_owner = np.maximum.accumulate(np.where(new_key, np.arange(len(order)), 0))
    dup = ~new_key & (own_sorted != own_sorted[first_owner])
    p.duplicate[act[order]] = dup
    p.was_duplicate[act[order]] |= dup


def advance(m: EcosystemModel, pools: TrialPools) -> float:
    """Advance every programme in development by one quarter.

    Args:
        m: the model.
        pools: patients available to trials per subtype.

    Returns:
        Patients enrolled in trials this quarter (industry and academic).
    """
    accelerated.launch_due(m)  # therapies whose accelerated review ends reach the market
    p = m.programmes
    act = p.active_ids()
    # 1. pauses between phases: a programme pausing this quarter does not run
    pausing = act[p.gap[act] > 0]
    run = act[p.gap[act] <= 0]
    p.gap[pausing] -= 1
    # 2. review queue; 3. cost
    run = regulation.admit_to_review(m, run)
    _charge(m, run)
    # 4. trials
    enrolled = _run_trials(m, run, pools)
    p.t_in_phase[run] += 1
    _close_slow_trials(m, run)
    # 5. completion and success
    _complete(m, run[p.phase[run] < Phase.APPROVED])
    return enrolled


def _run_trials(m: EcosystemModel, run: np.ndarray, pools: TrialPools) -> float:
    """Enrol industry and academic trials from the pools; return patients enrolled."""
    p, pp = m.programmes, m.params.pipeline
    in_trial = run[trial_phase(p.phase[run])]
    demand = p.enrol_target[in_trial] / np.maximum(p.planned[in_trial], 1.0)
    need = np.maximum(p.enrol_target[in_trial] - p.enrolled[in_trial], 0.0)
    at = m.academic_trials
    all_need = np.concatenate([need, at.need()])
    network = m.consortia.trial_reach(np.concatenate([p.owner[in_trial], at.owner]), all_need > 0)
    reach = network[: len(in_trial)]
    partner = p.partner[in_trial]
    academic = m.SECTOR_CODES[Sector.academia]
    reach = reach + pp.academic_trial_reach * (
        (partner >= 0) & (m.sector_code[np.maximum(partner, 0)] == academic)
    )
    all_sub = np.concatenate([p.subtype[in_trial], at.subtype])
    all_sel = np.concatenate([p.precision[in_trial], np.zeros(len(at.subtype), bool)])
    all_dem = np.concatenate([demand, at.demand()])
    all_rec = np.concatenate([p.recruit[in_trial], at.recruit])
    all_reach = np.concatenate([reach, network[len(in_trial) :]])
    got = enrol(all_sub, all_sel, all_dem, all_rec, all_reach, pools, all_need)
    own = got[: len(in_trial)]
    p.enrolled[in_trial] += own
    screening = p.precision[in_trial] & (own > 0)
    if screening.any():  # the sponsor pays the tests its trial screened patients with
        ids = in_trial[screening]
        tests = pools.screening_tests(p.subtype[ids], own[screening], m.patients.prevalence)
        _pay(m, ids, tests * m.params.patients.test_cost_usd / USD_PER_MUSD)
    done_a, closed_a = at.advance(got[len(in_trial) :])
    m.tally["trials_completed"] += done_a
    m.tally["trials_closed_accrual"] += closed_a
    return float(got.sum())


def _close_slow_trials(m: EcosystemModel, run: np.ndarray) -> None:
    """Close industry trials for poor accrual; their programmes end."""
    p, pp = m.programmes, m.params.pipeline
    in_trial = run[trial_phase(p.phase[run])]
    closing = in_trial[
        closure_due(
            p.t_in_phase[in_trial].astype(float),
            p.planned[in_trial],
            p.enrolled[in_trial],
            p.enrol_target[in_trial].astype(float),
            pp.accrual_grace_years * QUARTERS_PER_YEAR,
            pp.accrual_close_threshold,
            pp.max_accrual_extension,
        )
    ]
    m.tally["trials_closed_accrual"] += len(closing)
    m.track_record.record(
        p.owner[closing], p.precision[closing], p.phase[closing], np.zeros(len(closing), bool)
    )
    m.end_programmes(closing, EndReason.poor_accrual)


def _complete(m: EcosystemModel, run: np.ndarray) -> None:
    """Phases whose time is up (and whose trial is enrolled) succeed or fail."""
    p = m.programmes
    phase = p.phase[run]
    timed = p.t_in_phase[run] >= p.planned[run]
    enrolled = (~trial_phase(phase)) | (p.enrolled[run] >= p.enrol_target[run] - TOLERANCE)
    done = run[timed & enrolled]
    if len(done) == 0:
        return
    ph = p.phase[done]
    ok = m.rng.random(len(done)) < _success_probability(m, done, ph)
    m.tally["trials_completed"] += int(np.count_nonzero(trial_phase(ph)))
    m.track_record.record(p.owner[done], p.precision[done], ph, ok)
    m.end_programmes(done[~ok], EndReason.failed)
    for phase_now in np.unique(ph[ok]):
        movers = done[ok & (ph == phase_now)]
        if phase_now == Phase.REVIEW:
            m.approve(movers)
        else:
            enter_phase(m, portfolio.gate(m, movers, int(phase_now) + 1), int(phase_now) + 1)
