"""What organisations work on: target choice, biomarker research, starting programmes.

A firm starting a programme takes the (subtype, target) slot with the best

    score = rNPV of a new programme there / valuation.choice_scale_musd
            + condition bonuses + Gumbel,

a logit choice over values (:mod:`ecosim.valuation`): the slot's market, its expected
order-of-entry share against the visible competitors, whether the firm can use a
biomarker there (and how strong it is), and the payers' expected decisions all enter
through the value. An academic centre has no sales of its own: its research follows
the slot's expected peak sales (score ``log`` of them). The Gumbel noise makes the
choice a logit draw. A member of the initiative behind its pledge to the common agenda
may take its best agenda slot instead (:mod:`ecosim.agenda`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim import development
from ecosim.perspectives import typical_buyer
from ecosim.pipeline import Phase
from ecosim.sectors import Sector
from ecosim.units import TINY
from ecosim.valuation import new_programmes, peak_sales, seller_value, value

if TYPE_CHECKING:
    from ecosim.agents.base import Organisation
    from ecosim.model import EcosystemModel

__all__ = [
    "TargetScores",
    "choose_biomarker_slot",
    "choose_target",
    "start_programme",
    "target_scores",
]


def choose_target(
    m: EcosystemModel, org: Organisation, scores: TargetScores | None = None
) -> tuple[int, int, float]:
    """The (subtype, target) an organisation works on next, and its value to a firm.

    The value (million USD) is the rNPV of a new discovery programme there to the firm;
    for an academic centre it is the expected peak sales of a therapy there. ``scores``
    from :func:`target_scores` may be passed while nothing has changed since (a firm
    weighing several ideas in one quarter); the draw is the same either way.
    """
    score, worth = target_scores(m, org) if scores is None else scores
    noisy = score + m.rng.gumbel(size=len(score))
    slot = m.initiative.agenda.steer(org.idx, noisy, worth)  # a member's pledge
    k = m.params.science.targets_per_subtype
    s, t = divmod(slot, k)
    return s, t, float(worth[slot])


TargetScores = tuple[np.ndarray, np.ndarray]
"""Per slot: the choice score (before the Gumbel draw) and the value to the organisation."""


def target_scores(m: EcosystemModel, org: Organisation) -> TargetScores:
    """Choice score and value of every (subtype, target) slot to an organisation."""
    k = m.params.science.targets_per_subtype
    p = m.programmes
    n_slots = len(p.clinical)  # slots are subtype-major: slot = subtype x k + target
    subtype = np.repeat(np.arange(n_slots // k), k)
    precision = m.knowledge.usable(org.idx)
    strength = np.where(precision, m.knowledge.strength, 0.0)
    c = new_programmes(m, precision, subtype, strength)
    if m.is_firm[org.idx]:
        worth = value(m, org.idx, c)
        if m.sector_code[org.idx] != m.SECTOR_CODES[Sector.pharma]:  # a biotech can sell
            worth = seller_value(m, worth, value(m, typical_buyer(m), c))
        score = worth / m.params.valuation.choice_scale_musd
    else:
        worth = peak_sales(m, c, bool(m.initiative.member[org.idx]))
        score = np.log(np.maximum(worth, TINY))
    return score, worth


def choose_biomarker_slot(m: EcosystemModel, centre: int) -> int:
    """(Subtype, target) slot of the next biomarker discovery.

    Research follows the market (incidence) but for the share a member centre pledged to
    the common agenda (:mod:`ecosim.agenda`).
    """
    k = m.params.science.targets_per_subtype
    pull = np.repeat(m.patients.subtype_share(), k) / k
    weights = m.initiative.agenda.research_weights(pull, m.knowledge.public, centre)
    return int(m.rng.choice(len(pull), p=weights / weights.sum()))


def start_programme(
    m: EcosystemModel,
    firm: Organisation,
    phase: Phase,
    subtype: int | None = None,
    target: int | None = None,
    seeded: bool = False,
    originator: int | None = None,
    open_ip: bool = False,
) -> int:
    """Start a programme owned by ``firm`` (on the slot it chooses, if none given); its id."""
    if subtype is None or target is None:
        subtype, target, _ = choose_target(m, firm)
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
