"""A person's membership choice at the initiative's yearly review (participatory mode).

At the review (:meth:`ecosim.initiative.Initiative._review`) each eligible organisation's
agent stays, free-rides or leaves, or asks to join. For an organisation a person plays,
the person is shown what the agent weighs (:class:`~ecosim.decisions.MembershipView`)
and picks among the choices it can pay for: a non-profit cannot commit beyond its yearly
budget for the initiative, a firm pays out of its own cash and weighs the gain. Asking
to join still needs the members' agreement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.decisions import MEMBERSHIP_CHOICES, Decisions, MembershipView

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["membership_views", "people_choose"]

STAY, FREE_RIDE, LEAVE, JOIN, STAY_OUT = MEMBERSHIP_CHOICES


def membership_views(
    m: EcosystemModel, rows: np.ndarray, fee: np.ndarray, effort: np.ndarray, gain: np.ndarray
) -> list[tuple[int, MembershipView]]:
    """The views of the reviewed organisations people play, with their index in ``rows``.

    ``fee``, ``effort`` and ``gain`` are per reviewed row (million USD; see ``_review``).
    """
    played = m.decisions.controls
    if not played:
        return []
    budget = m.params.initiative.nonprofit_budget_musd_per_year
    views = []
    for i in np.flatnonzero(np.isin(rows, list(played))):
        row, firm = int(rows[i]), bool(m.is_firm[rows[i]])
        member = bool(m.initiative.member[row])
        room = np.inf if firm else budget
        affords = {STAY: fee[i] + effort[i] <= room, FREE_RIDE: fee[i] <= room}
        affords.update({LEAVE: member, JOIN: fee[i] <= room, STAY_OUT: not member})
        open_ = (STAY, FREE_RIDE, LEAVE) if member else (JOIN, STAY_OUT)
        choices = [c for c in open_ if affords[c]]
        view = MembershipView(
            row=row,
            member=member,
            fee_musd=float(fee[i]),
            effort_musd=float(effort[i]),
            gain_musd=float(gain[i]),
            budget_musd=float(room),
            choices=tuple(choices),
        )
        views.append((int(i), view))
    return views


def _default(i: int, view: MembershipView, ask, leave, free) -> str:
    """The agent's own choice for reviewed row ``i``."""
    if view.member:
        return LEAVE if leave[i] else FREE_RIDE if free[i] else STAY
    return JOIN if ask[i] else STAY_OUT


def people_choose(
    decisions: Decisions,
    views: list[tuple[int, MembershipView]],
    ask: np.ndarray,
    leave: np.ndarray,
    free: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The review's masks after the people's choices: who asks to join, leaves, free-rides.

    ``ask``, ``leave`` and ``free`` are the agents' own choices per reviewed row; they are
    not changed (the caller still draws the agents' agreement for ``ask``). A choice not
    open to the organisation is taken as the agent's own. A person who asks to join
    works fully if it can pay for the effort.
    """
    asks, leave, free = ask.copy(), leave.copy(), free.copy()
    for i, view in views:
        default = _default(i, view, ask, leave, free)
        chosen = decisions.membership(view, default)
        if chosen == default or chosen not in view.choices:
            continue
        asks[i] = chosen == JOIN
        leave[i] = chosen == LEAVE
        # who joins against its agent's advice works fully if it can pay for the effort
        over = view.fee_musd + view.effort_musd > view.budget_musd
        free[i] = chosen == FREE_RIDE or (chosen == JOIN and over)
    return asks, leave, free
