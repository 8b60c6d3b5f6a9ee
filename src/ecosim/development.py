"""Submodel: one quarter of programme development, vectorised over programmes.

For every programme in development, in order:

1. *Pause between phases* (planning, financing) counts down.
2. *Review queue*: a programme in review needs a regulator slot before its clock runs.
3. *Cost*: a running phase costs, per quarter, its cost (scaled by trial size) divided
   by the phase's nominal duration from the scenario; a trial that runs longer than
   nominal costs more, a phase III shortened by early engagement costs less. A
   co-developing partner pays half. Spend on duplicated work (a later programme on a
   (subtype, target) another firm is already pursuing) is tallied.
4. *Trials* (phases I-III) enrol from their subtype's pool (:mod:`ecosim.trials`) and
   close for poor accrual when too slow.
5. *Completion*: a phase completes once its planned time has passed and, for a trial, its
   enrolment target is met. Success is drawn with

   ``logit p = logit(base) + precision + capability + relationship + data + quality``

   where *precision* is ``precision_logit_effect x biomarker strength`` (phases II and
   III of biomarker-selected programmes), *capability* is ``capability_logit_effect x
   (team capability - CAPABILITY_REF)`` (the best of owner and partner, clinical for
   trials, regulatory for review, discovery before), *relationship* is
   ``trust_logit_effect x (mutual trust - 0.5)`` for partnered programmes, *data* is
   ``data_logit_effect x (data access - DATA_REF)`` (discovery, preclinical, phase II)
   and *quality* is the programme's latent molecule quality.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy.special import expit, logit

from ecosim.agents.base import CLINICAL, DISCOVERY, REGULATORY
from ecosim.agents.public_funder import PRE_COMPETITIVE_PHASES
from ecosim.pipeline import PHASE_KEYS, TRIAL_PHASES, Phase
from ecosim.trials import TrialPools, closure_due, enrol

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["advance", "phase_params", "phase_tables"]

CAPABILITY_REF = 0.6
"""Team capability at which the capability effect on success is zero (0-1)."""

DATA_REF = 0.45
"""Data access at which the data effect on success is zero (0-1)."""

QUALITY_LOGIT = 1.0
"""Log-odds effect of one unit of latent molecule quality (quality is N(0, 0.5))."""

ACADEMIC_REACH = 0.3
"""Extra relative site reach of a trial with an academic collaborator."""

PER_PATIENT_COST_SHARE = 0.6
"""Share of a trial's cost that scales with its number of patients (the rest is fixed:
protocol, sites, regulatory work). Smaller enriched trials cost less."""

BACKBONE_ENGAGEMENT = 0.5
"""Added chance of early regulatory engagement arranged by a backbone (full intensity)."""

CO_DEVELOPMENT_SHARE = 0.5
"""Share of a programme's cost paid by a co-developing partner."""

_CAP_BY_PHASE = np.array([DISCOVERY, DISCOVERY, CLINICAL, CLINICAL, CLINICAL, REGULATORY])


def phase_params(m: EcosystemModel, phase: int):
    """Scenario parameters of a phase (0-5)."""
    return getattr(m.params.pipeline, PHASE_KEYS[phase])


def phase_tables(m: EcosystemModel) -> dict[str, np.ndarray]:
    """Duration (quarters), cost (million USD) and base success of each phase."""
    pp = m.params.pipeline
    ph = [getattr(pp, k) for k in PHASE_KEYS]
    return {
        "duration": np.array([x.duration_years * 4 for x in ph]),
        "cost": np.array([x.cost_musd for x in ph]),
        "success": np.array([x.success for x in ph]),
    }


def planned_duration(m: EcosystemModel, phase: int, n: int) -> np.ndarray:
    """Draw planned durations (quarters) for ``n`` programmes entering ``phase``."""
    mean = phase_params(m, phase).duration_years * 4
    cv = m.params.pipeline.duration_cv
    if cv < 1e-6:  # no spread (a tiny cv would overflow the gamma shape 1/cv^2)
        return np.full(n, mean)
    shape = 1.0 / cv**2
    return np.maximum(1.0, m.rng.gamma(shape, mean / shape, n))


def enter_phase(m: EcosystemModel, ids: np.ndarray, phase: int) -> None:
    """Move programmes ``ids`` into ``phase`` with fresh plans."""
    p, pp = m.programmes, m.params.pipeline
    if len(ids) == 0:
        return
    p.phase[ids] = phase
    p.phase_step[ids] = m.steps
    p.t_in_phase[ids] = 0
    p.enrolled[ids] = 0.0
    p.planned[ids] = planned_duration(m, phase, len(ids))
    p.gap[ids] = m.rng.poisson(pp.gap_years * 4, len(ids))
    target = phase_params(m, phase).enrolment
    factor = np.where(p.precision[ids], pp.precision_enrolment_factor, 1.0)
    p.enrol_target[ids] = np.ceil(target * factor).astype(np.int64)
    size = factor if target > 0 else 1.0
    cost = phase_params(m, phase).cost_musd
    p.phase_cost[ids] = cost * (PER_PATIENT_COST_SHARE * size + 1 - PER_PATIENT_COST_SHARE)
    p.recruit[ids] = m.rng.lognormal(0.0, pp.trial_recruitment_spread, len(ids))
    if phase == Phase.PHASE1:
        p.phase1_step[ids] = m.steps
        m.tally["trials_started"] += len(ids)
        m.deals.seek_academic(ids)
    elif phase in (Phase.PHASE2, Phase.PHASE3):
        m.tally["trials_started"] += len(ids)
    if phase == Phase.PHASE3:
        engage = m.params.regulation.early_engagement_base + BACKBONE_ENGAGEMENT * (
            m.params.collective_impact.backbone
        )
        early = m.rng.random(len(ids)) < engage
        p.early_engagement[ids] = early
        p.planned[ids] *= np.where(early, 1.0 - pp.early_engagement_time_cut, 1.0)


def _success_probability(m: EcosystemModel, ids: np.ndarray, phase: np.ndarray) -> np.ndarray:
    p, pp = m.programmes, m.params.pipeline
    tab = m.phase_tables
    lo = logit(np.clip(tab["success"][phase], 1e-6, 1 - 1e-6))
    owner, partner = p.owner[ids], p.partner[ids]
    cap_idx = _CAP_BY_PHASE[phase]
    cap = m.caps[owner, cap_idx]
    has_partner = partner >= 0
    cap = np.where(has_partner, np.maximum(cap, m.caps[np.maximum(partner, 0), cap_idx]), cap)
    lo += pp.capability_logit_effect * (cap - CAPABILITY_REF)
    selected = p.precision[ids] & ((phase == Phase.PHASE2) | (phase == Phase.PHASE3))
    lo += pp.precision_logit_effect * p.strength[ids] * selected
    trust = m.partnerships.pair_trust(ids)
    lo += np.where(has_partner, pp.trust_logit_effect * (np.nan_to_num(trust, nan=0.5) - 0.5), 0)
    data = m.data_access[owner]
    data = np.where(has_partner, np.maximum(data, m.data_access[np.maximum(partner, 0)]), data)
    uses_data = (phase <= Phase.PRECLINICAL) | (phase == Phase.PHASE2)
    lo += uses_data * pp.data_logit_effect * (data - DATA_REF)
    lo += QUALITY_LOGIT * p.quality[ids]
    return expit(lo)


def _charge(m: EcosystemModel, ids: np.ndarray) -> None:
    """Pay this quarter's cost of running programmes ``ids``."""
    p = m.programmes
    tab = m.phase_tables
    phase = p.phase[ids]
    cost = p.phase_cost[ids] / tab["duration"][phase]
    p.spent[ids] += cost
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
    own_share = np.where(co_dev, 1.0 - CO_DEVELOPMENT_SHARE, 1.0)
    for o, c in zip(p.owner[ids], cost * own_share, strict=True):
        m.transfer(int(o), "rd", float(c))
    for q, c in zip(partner[co_dev], cost[co_dev] * CO_DEVELOPMENT_SHARE, strict=True):
        m.transfer(int(q), "rd", float(c))


def mark_duplicates(m: EcosystemModel) -> None:
    """Flag programmes that duplicate an earlier programme of another firm."""
    p = m.programmes
    act = np.flatnonzero(p.active_mask())
    p.duplicate[: p.n] = False
    if len(act) < 2:
        return
    key = p.subtype[act] * m.params.science.targets_per_subtype + p.target[act]
    order = np.lexsort((p.start_step[act], key))
    k_sorted, own_sorted = key[order], p.owner[act][order]
    new_key = np.r_[True, k_sorted[1:] != k_sorted[:-1]]
    first_owner = np.maximum.accumulate(np.where(new_key, np.arange(len(order)), 0))
    dup = ~new_key & (own_sorted != own_sorted[first_owner])
    p.duplicate[act[order]] = dup


def advance(m: EcosystemModel, pools: TrialPools) -> float:
    """Advance every programme in development by one quarter.

    Args:
        m: the model.
        pools: patients available to trials per subtype.

    Returns:
        Patients enrolled in trials this quarter (industry and academic).
    """
    p, pp = m.programmes, m.params.pipeline
    act = np.flatnonzero(p.active_mask())
    # 1. pauses between phases: a programme pausing this quarter does not run
    pausing = act[p.gap[act] > 0]
    run = act[p.gap[act] <= 0]
    p.gap[pausing] -= 1
    # 2. review queue: admit in order of arrival while slots last
    queued = run[(p.phase[run] == Phase.REVIEW) & (p.enrolled[run] < 1)]
    queued = queued[np.argsort(p.phase_step[queued], kind="stable")]
    admit = queued[: max(0, int(m.review_slots))]
    p.enrolled[admit] = 1.0
    m.review_slots = min(m.review_slots - len(admit), 1.0 + m.review_capacity_quarter)
    run = run[(p.phase[run] != Phase.REVIEW) | (p.enrolled[run] >= 1)]
    # 3. cost
    _charge(m, run)
    # 4. trials
    in_trial = run[np.isin(p.phase[run], TRIAL_PHASES)]
    demand = p.enrol_target[in_trial] / np.maximum(p.planned[in_trial], 1.0)
    need = np.maximum(p.enrol_target[in_trial] - p.enrolled[in_trial], 0.0)
    reach = m.consortia.trial_reach(p.owner[in_trial])
    partner = p.partner[in_trial]
    reach = reach + ACADEMIC_REACH * (
        (partner >= 0) & (m.sector_code[np.maximum(partner, 0)] == m.SECTOR_CODES["academia"])
    )
    at = m.academic_trials
    all_sub = np.concatenate([p.subtype[in_trial], at.subtype])
    all_sel = np.concatenate([p.precision[in_trial], np.zeros(len(at.subtype), bool)])
    all_dem = np.concatenate([demand, at.demand()])
    all_rec = np.concatenate([p.recruit[in_trial], at.recruit])
    all_reach = np.concatenate([reach, m.consortia.trial_reach(at.owner)])
    all_need = np.concatenate([need, at.need()])
    got = enrol(all_sub, all_sel, all_dem, all_rec, all_reach, pools, all_need)
    p.enrolled[in_trial] += got[: len(in_trial)]
    done_a, closed_a = at.advance(got[len(in_trial) :])
    m.tally["trials_completed"] += done_a
    m.tally["trials_closed_accrual"] += closed_a
    p.t_in_phase[run] += 1
    closing = in_trial[
        closure_due(
            p.t_in_phase[in_trial].astype(float),
            p.planned[in_trial],
            p.enrolled[in_trial],
            p.enrol_target[in_trial].astype(float),
            pp.accrual_grace_years * 4,
            pp.accrual_close_threshold,
            pp.max_accrual_extension,
        )
    ]
    m.tally["trials_closed_accrual"] += len(closing)
    m.end_programmes(closing, "poor_accrual")
    # 5. completion and success
    run = run[p.phase[run] < Phase.APPROVED]
    phase = p.phase[run]
    timed = p.t_in_phase[run] >= p.planned[run]
    enrolled = (~np.isin(phase, TRIAL_PHASES)) | (p.enrolled[run] >= p.enrol_target[run] - 1e-9)
    done = run[timed & enrolled]
    if len(done):
        ph = p.phase[done]
        ok = m.rng.random(len(done)) < _success_probability(m, done, ph)
        is_trial = np.isin(ph, TRIAL_PHASES)
        m.tally["trials_completed"] += int(is_trial.sum())
        m.count_transitions(done[ok], ph[ok], success=True)
        m.end_programmes(done[~ok], "failed")
        for phase_now in np.unique(ph[ok]):
            movers = done[ok & (ph == phase_now)]
            if phase_now == Phase.REVIEW:
                m.approve(movers)
            else:
                enter_phase(m, movers, int(phase_now) + 1)
    return float(got.sum())
