"""What organisations work on: target choice, biomarker research, starting programmes.

A firm starting a programme, or a centre with a new target, takes the (subtype, target)
slot with the best

    score = log(share_s) - crowding_penalty x visible[s, t]
            + precision_preference x [a usable biomarker] + condition bonuses + Gumbel

(``targets`` section): share_s is the subtype's incidence share; ``visible`` counts other
owners' active programmes on the slot, weight 1 from phase I on (trial registries) and
the conditions' transparency before; a common agenda adds its priorities
(:mod:`ecosim.conditions.common_agenda`). The Gumbel noise makes the choice a logit draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim import development
from ecosim.pipeline import Phase
from ecosim.units import TINY

if TYPE_CHECKING:
    from ecosim.agents.base import Organisation
    from ecosim.model import EcosystemModel

__all__ = ["choose_biomarker_slot", "choose_target", "start_programme"]


def choose_target(m: EcosystemModel, org: Organisation) -> tuple[int, int]:
    """The (subtype, target) an organisation works on next."""
    tp = m.params.targets
    k = m.params.science.targets_per_subtype
    share = m.patients.subtype_share()
    n_s = len(share)
    p = m.programmes
    act = np.flatnonzero(p.active_mask())
    act = act[p.owner[act] != org.idx]
    weight = np.where(p.phase[act] >= Phase.PHASE1, 1.0, m.conditions.transparency())
    visible = np.bincount(
        p.subtype[act] * k + p.target[act], weights=weight, minlength=n_s * k
    ).reshape(n_s, k)
    score = np.log(np.maximum(share, TINY))[:, None] - tp.crowding_penalty * visible
    # a biomarker the organisation can use makes a target more attractive
    score = score + tp.precision_preference * m.knowledge.usable(org.idx).reshape(n_s, k)
    agenda = m.conditions.common_agenda
    if agenda.present():
        per_subtype = np.bincount(p.subtype[act], minlength=n_s)
        score = score + agenda.target_bonus(share, per_subtype)[:, None]
    score = score + m.rng.gumbel(size=score.shape)
    s, t = np.unravel_index(int(np.argmax(score)), score.shape)
    return int(s), int(t)


def choose_biomarker_slot(m: EcosystemModel) -> int:
    """(Subtype, target) slot of the next biomarker discovery.

    Research follows the market (incidence) unless a common agenda points it at slots
    with no public biomarker yet.
    """
    k = m.params.science.targets_per_subtype
    pull = np.repeat(m.patients.subtype_share(), k) / k
    weights = m.conditions.common_agenda.research_weights(pull, m.knowledge.public)
    return int(m.rng.choice(len(pull), p=weights / weights.sum()))


def start_programme(
    m: EcosystemModel,
    firm: Organisation,
    phase: Phase,
    subtype: int | None = None,
    target: int | None = None,
    seeded: bool = False,
    originator: int | None = None,
) -> int:
    """Start a programme owned by ``firm``; return its id.

    When targets have been published to the commons (always under open IP, and when an
    academic licence fails), a share ``targets.open_target_uptake`` of new programmes
    start from the oldest one, in preclinical.
    """
    open_ip = False
    take_open = subtype is None and not seeded and bool(m.knowledge.open_targets)
    if take_open and m.rng.random() < m.params.targets.open_target_uptake:
        subtype, target = m.knowledge.take_open_target()
        phase, open_ip = Phase.PRECLINICAL, True
    if subtype is None or target is None:
        subtype, target = choose_target(m, firm)
    slot = m.knowledge.slot(subtype, target)
    precision = m.knowledge.has_biomarker(firm.idx, slot)
    pid = m.programmes.add(
        owner=firm.idx,
        subtype=subtype,
        target=target,
        precision=precision,
        strength=float(m.knowledge.strength[slot]) if precision else 0.0,
        quality=float(m.rng.normal(0.0, m.params.pipeline.quality_sd)),
        step=m.steps,
        phase=phase,
        open_ip=open_ip,
        originator=originator,
    )
    if not seeded:
        development.enter_phase(m, np.array([pid]), int(phase))
    return pid
