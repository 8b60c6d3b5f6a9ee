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

if TYPE_CHECKING:
    from ecosim.agents.base import Organisation
    from ecosim.model import EcosystemModel

__all__ = ["choose_biomarker_slot", "choose_target", "start_programme"]


def choose_target(m: EcosystemModel, org: Organisation) -> tuple[int, int]:
    """The (subtype, target) an organisation works on next."""
    tp = m.params.targets
    k = m.params.science.targets_per_subtype
    p = m.programmes
    n_slots = len(p.clinical)  # slots are subtype-major: slot = subtype x k + target
    # other owners' active programmes per slot: all counts less the chooser's own
    clinical, early = p.clinical, p.early
    own = p.active_of(org.idx)
    if len(own):
        own_slots = p.slots(own)
        own_clinical = p.phase[own] >= Phase.PHASE1
        clinical = clinical - np.bincount(own_slots[own_clinical], minlength=n_slots)
        early = early - np.bincount(own_slots[~own_clinical], minlength=n_slots)
    visible = clinical + m.conditions.transparency() * early
    score = m.patients.log_share_by_slot - tp.crowding_penalty * visible
    # a biomarker the organisation can use makes a target more attractive
    score = score + tp.precision_preference * m.knowledge.usable(org.idx)
    agenda = m.conditions.common_agenda
    if agenda.present():
        per_subtype = (clinical + early).reshape(-1, k).sum(axis=1)
        bonus = agenda.target_bonus(m.patients.subtype_share(), per_subtype)
        score = score + np.repeat(bonus, k)
    score = score + m.rng.gumbel(size=n_slots)
    s, t = divmod(int(np.argmax(score)), k)
    return s, t


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
