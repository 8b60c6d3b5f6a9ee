"""What partners deliver in a quarter, and how well the other side sees it.

Trust moves on behaviour (:mod:`ecosim.partnerships`, :mod:`ecosim.consortia`): each
quarter each side of a partnership delivers a share of what it agreed, and the other side
sees that share with noise. A quarter that looks worse than the agreement by more than
``trust.shortfall_tolerance`` is a bad experience.

What a side delivers (0-1) follows from its constraints and incentives:

- *capacity*: an organisation gives full effort to ``partnerships.capacity_<sector>``
  partnerships; with more active ones each gets capacity / active (an over-committed
  organisation under-delivers everywhere). A partner that is full declines new
  partnerships (:mod:`ecosim.deals`); one that starts them itself may still over-commit;
- *rivalry*: a firm that works on a partner's programme while it owns another active
  programme in the same subtype holds back ``partnerships.rival_holdback`` of its effort;
- *IP terms*: where the IP regime leaves what a firm brings free for others to use
  (:meth:`ecosim.rules.ip.base.IPRule.protects`), the firm withholds its proprietary
  share ``partnerships.proprietary_share``.

How well it is seen: the noise sd is ``trust.observation_sd`` x (1 + culture + capability
gap) / sqrt(1 + looks), where culture is ``partnerships.culture_friction`` across sectors,
the gap is the difference of the partners' mean capabilities, and looks are the extra
observations a quarter that meetings give (:mod:`ecosim.conditions.continuous_communication`):
the mean of several looks is less noisy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.sectors import Sector

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = [
    "capacities",
    "delivered",
    "falls_short",
    "has_room",
    "hold_meetings",
    "load",
    "observation_sd",
    "spread",
]


def capacities(m: EcosystemModel) -> np.ndarray:
    """Partnerships each organisation can give full effort to, by row."""
    pp = m.params.partnerships
    by_code = np.full(len(m.SECTOR_CODES), pp.capacity_other)
    by_code[m.SECTOR_CODES[Sector.pharma]] = pp.capacity_pharma
    by_code[m.SECTOR_CODES[Sector.biotech]] = pp.capacity_biotech
    by_code[m.SECTOR_CODES[Sector.academia]] = pp.capacity_academia
    return by_code[m.sector_code[: m.n_orgs]]


def load(m: EcosystemModel) -> np.ndarray:
    """Active partnerships of each organisation, by row."""
    ps = m.partnerships
    act = ps.active()
    return np.bincount(np.concatenate([ps.a[act], ps.b[act]]), minlength=m.n_orgs)[: m.n_orgs]


def has_room(m: EcosystemModel, rows: np.ndarray) -> np.ndarray:
    """Whether organisations ``rows`` can take on one more partnership at full effort."""
    return load(m)[rows] < capacities(m)[rows]


def spread(m: EcosystemModel) -> np.ndarray:
    """Share of full effort each organisation can give each of its active partnerships."""
    return np.minimum(1.0, capacities(m) / np.maximum(load(m), 1.0))


def hold_meetings(m: EcosystemModel, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pairs ``a``-``b`` that both take part in the initiative meet; the extra looks of each.

    Members that free-ride give the initiative no staff time, so they skip its meetings.
    Each side pays ``meeting_cost_musd`` a meeting from its cash (account ``meetings``,
    counted as initiative spend): what is not paid for does not happen, and what happens
    is paid for.
    """
    talk = m.conditions.continuous_communication
    looks = talk.looks(m.initiative.take_part(a) & m.initiative.take_part(b))
    if not looks.any():
        return looks
    cost = looks * talk.params.meeting_cost_musd
    each_side = np.concatenate([cost, cost])
    m.pay_costs(np.concatenate([a, b]), "meetings", each_side)
    m.record_spend("initiative", float(each_side.sum()))
    return looks


def _rivals(m: EcosystemModel, side: np.ndarray, pids: np.ndarray) -> np.ndarray:
    """Whether ``side`` owns another active programme in the subtype of ``pids``."""
    p = m.programmes
    act = p.active_ids()
    owns = np.zeros((m.n_orgs, m.params.population.subtypes), dtype=bool)
    owns[p.owner[act], p.subtype[act]] = True
    has = pids >= 0
    out = np.zeros(len(side), dtype=bool)
    pid = pids[has]
    out[has] = owns[side[has], p.subtype[pid]] & (side[has] != p.owner[pid])
    return out


def delivered(
    m: EcosystemModel, a: np.ndarray, b: np.ndarray, pids: np.ndarray, protected: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Share of the agreed contribution each side of each partnership delivers (0-1).

    Args:
        m: the model.
        a: one side of each active partnership (organisation rows; the active
            partnerships are the load).
        b: the other side.
        pids: the programme each works on (-1 for none).
        protected: whether the IP terms keep what a firm brings to each its own
            (:meth:`ecosim.rules.ip.base.IPRule.protects` of its kind).
    """
    effort = spread(m)
    hold = m.params.partnerships.rival_holdback
    withheld = m.params.partnerships.proprietary_share * ~protected
    out_a = effort[a] * (1.0 - hold * _rivals(m, a, pids)) * (1.0 - withheld * m.is_firm[a])
    out_b = effort[b] * (1.0 - hold * _rivals(m, b, pids)) * (1.0 - withheld * m.is_firm[b])
    return out_a, out_b


def observation_sd(m: EcosystemModel, a: np.ndarray, b: np.ndarray, looks: float) -> np.ndarray:
    """Sd of the noise with which ``a`` sees ``b``'s contribution (symmetric in a, b)."""
    culture = np.where(
        m.sector_code[a] != m.sector_code[b], m.params.partnerships.culture_friction, 0.0
    )
    gap = np.abs(m.cap_mean[a] - m.cap_mean[b])
    return m.params.trust.observation_sd * (1.0 + culture + gap) / np.sqrt(1.0 + looks)


def falls_short(m: EcosystemModel, share: np.ndarray, sd: np.ndarray) -> np.ndarray:
    """Whether a delivered ``share``, seen with noise ``sd``, looks like a shortfall."""
    seen = share + m.rng.normal(0.0, 1.0, len(share)) * sd
    return seen < 1.0 - m.params.trust.shortfall_tolerance
