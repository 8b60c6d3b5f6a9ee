"""Common agenda: priorities the members agree, and a pledge each member may keep.

How the agenda is agreed and kept is :mod:`ecosim.agenda`; this module holds its
parameters. The intensity is the pledge: the share of its new targets (and of its
biomarker research) a member commits to the agenda's priorities.
"""

from __future__ import annotations

from ecosim.conditions.base import Condition, ConditionParams, register
from ecosim.parameters import param

__all__ = ["CommonAgenda"]


class CommonAgendaParams(ConditionParams):
    """Common agenda: members agree priorities and pledge part of their work to them."""

    agenda_share: float = param(
        0.3,
        "fraction",
        "Share of the subtypes the agreed agenda names as priorities.",
        assumption="agendas name a few priorities (Kania and Kramer 2011); the number of "
        "priorities in cancer-research roadmaps against the subtypes they span would "
        "inform it",
        gt=0,
        le=1,
    )
    compliance_tolerance: float = param(
        0.25,
        "fraction",
        "Most a member forgoes to keep its pledge, as a share of the value of its best "
        "target (a choice forgoing more breaks the pledge).",
        assumption="members keep voluntary commitments that cost them little; compliance "
        "reports of voluntary industry commitments (e.g. the AMR Industry Alliance) would "
        "inform it",
        ge=0,
        le=1,
    )
    public_slot_weight: float = param(
        0.001,
        "weight",
        "Research weight of a slot that already has a public biomarker, relative to an "
        "unmet one, under the agenda.",
        assumption="the agenda steers research almost entirely to unmet slots; research "
        "portfolios of agenda-setting initiatives would inform it",
        ge=0,
        le=1,
    )


@register
class CommonAgenda(Condition):
    """Members agree priorities and pledge part of their new work to them."""

    name = "common_agenda"
    Params = CommonAgendaParams

    def pledge(self) -> float:
        """Share of its new targets and research a member commits to the agenda (0-1)."""
        return self.level

    def transparency(self) -> float:
        """Agreeing an agenda shows who is working on what."""
        return self.level
