"""Deals with academic centres: target licences, biomarker licences, trial collaborations.

A centre hands a new target to the firm it prefers (partner score,
:func:`ecosim.rules.partnering.choose_partner`) as a licence with bargained terms (its
outside option is to publish) or as an academic collaboration; licenses a biomarker
exclusively; and joins programmes entering phase I as a collaborator (sites, data). Every
negotiation with terms is logged (:class:`ecosim.bargaining.DealLog`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.bargaining import sign, split_value
from ecosim.decisions import people_sign
from ecosim.pipeline import Phase
from ecosim.sectors import FIRMS, Sector
from ecosim.targets import start_programme
from ecosim.valuation import new_programmes

if TYPE_CHECKING:
    from ecosim.agents.base import Organisation

__all__ = ["AcademicDeals"]


class AcademicDeals:
    """The academic side of :class:`ecosim.deals.Deals` (a mixin: it uses its helpers)."""

    def academic_target_deal(
        self, centre: Organisation, subtype: int, target: int, kind: str
    ) -> None:
        """A centre hands a new target to a firm as a ``licence`` or an academic collaboration.

        The firm the centre prefers (partner score) values a preclinical programme on the
        target; if it gains from it, has room and signs, it starts the programme with the
        centre as licensor (terms bargained, the centre's outside option being to
        publish) or as working partner. Otherwise the target is published.
        """
        m = self.model
        firm = self._choose(centre, self._with_room(m.live_indices(*FIRMS)))
        if firm < 0:
            m.knowledge.publish_target(subtype, target)
            return
        org = m.org(firm)
        slot = m.knowledge.slot(subtype, target)
        precision = m.knowledge.has_biomarker(firm, slot)
        strength = float(m.knowledge.strength[slot]) if precision else 0.0
        c = new_programmes(
            m, np.array([precision]), np.array([subtype]), np.array([strength]), Phase.PRECLINICAL
        )
        terms = split_value(
            m, c, 0.0, firm, 1.0, 1.0, 0.0, royalties=m.ip.royalties(academic_licensor=True)
        )
        # a shared-IP collaboration is logged under its own kind
        kind_log = "academic_licence" if kind == "licence" else "academic_collaboration"
        if terms is None:
            self._no_deal(kind_log, -1, centre.idx, firm)
            m.knowledge.publish_target(subtype, target)
            return
        row = self.log.add(m, kind_log, -1, centre.idx, firm, "agreed")
        if kind == "licence":  # a collaboration pays nothing: the partners share the IP
            self.log.set_terms(row, terms)
        paid = terms if kind == "licence" else None  # the programme's costs come later
        agreed = people_sign(m.decisions, kind_log, -1, centre.idx, firm, paid)
        if not sign(m, centre.idx, firm) or not agreed:  # drawn either way
            self._fail(row, "trust" if agreed else "declined")
            m.knowledge.publish_target(subtype, target)
            return
        pid = start_programme(
            m, org, Phase.PRECLINICAL, subtype=subtype, target=target, originator=centre.idx
        )
        self.log.programme[row], self.log.phase[row] = pid, int(Phase.PRECLINICAL)
        p = m.programmes
        if kind == "academic_collaboration":
            p.set_partner(pid, centre.idx)
            m.partnerships.form(firm, centre.idx, "academic_collaboration", pid)
            return
        p.licensor[pid] = centre.idx
        self._pay(firm, centre.idx, terms.upfront)
        p.royalty[pid] = terms.royalty
        p.milestone[pid] = terms.milestone
        m.partnerships.form(centre.idx, firm, "licence", pid)

    def license_biomarker(self, centre: Organisation, slot: int) -> int:
        """A centre licenses a biomarker exclusively to one firm; returns it or -1."""
        m = self.model
        firm = self._choose(centre, m.live_indices(*FIRMS))
        if firm < 0 or not self._negotiate(centre.idx, firm, "biomarker_licence"):
            return -1
        m.knowledge.grant(firm, slot)
        m.partnerships.form(centre.idx, firm, "licence")
        return firm

    def seek_academic(self, pids: np.ndarray) -> None:
        """Programmes entering phase I look for an academic collaborator (sites, data)."""
        m = self.model
        centres = m.live_indices(Sector.academia)
        if len(centres) == 0:
            return
        for pid in pids:
            if m.programmes.partner[pid] >= 0:
                continue
            draw = m.rng.random()
            member = bool(m.initiative.member[m.programmes.owner[pid]])
            introduced = int(member and m.introductions >= 1.0)
            m.introductions -= introduced  # the backbone's introduction
            rounds = 1 + introduced
            if draw >= m.params.partnering.academic_collaboration_chance * rounds:
                continue
            owner = m.org(int(m.programmes.owner[pid]))
            centre = self._choose(owner, centres)
            if centre >= 0 and self._negotiate(
                owner.idx, centre, "academic_collaboration", int(pid)
            ):
                m.programmes.set_partner(int(pid), centre)
                m.partnerships.form(owner.idx, centre, "academic_collaboration", int(pid))
