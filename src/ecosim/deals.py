"""Deal-making: how organisations find partners and agree terms.

Every deal follows the same three moves: list candidates, choose one by partner score
(:func:`ecosim.rules.partnering.choose_partner`: trust, reputation, complementarity),
and negotiate (success probability rises with trust). Terms follow the IP regime
(:func:`ecosim.rules.ip.deal_terms`); money moves between the parties' cash.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.pipeline import Phase
from ecosim.rules import ip as ip_rules
from ecosim.rules import partnering

if TYPE_CHECKING:
    from ecosim.agents.base import Organisation
    from ecosim.agents.biotech import Biotech
    from ecosim.agents.pharma import Pharma
    from ecosim.model import EcosystemModel

__all__ = ["Deals"]

ACADEMIC_COLLABORATION_CHANCE = 0.5
"""Chance that a programme entering phase I looks for an academic collaborator."""

ACADEMIC_LICENCE_VALUE_MUSD = 20.0
"""Deal value of an academic target licence (million USD), the base of its upfront."""


class Deals:
    """The deal-making of one model."""

    def __init__(self, model: EcosystemModel):
        self.model = model
        self.failed_this_step = 0

    # ------------------------------------------------------------------ core moves
    def _with_room(self, firms: np.ndarray) -> np.ndarray:
        """Firms that can take on one more programme."""
        m = self.model
        return np.array(
            [f for f in firms if len(m.org(f).active_programmes()) < m.org(f).max_programmes()],
            dtype=np.int64,
        )

    def _choose(self, chooser: Organisation, candidates: np.ndarray) -> int:
        """Pick a partner among organisation indices ``candidates`` (or -1)."""
        m = self.model
        if len(candidates) == 0:
            return -1
        k = partnering.choose_partner(
            m.rng,
            m.caps[chooser.idx],
            m.caps[candidates],
            m.trust[chooser.idx, candidates],
            m.reputation[candidates],
            m.params.trust.reputation_weight,
            m.params.collective_impact.mutually_reinforcing,
        )
        return int(candidates[k])

    def _negotiate(self, a: int, b: int) -> bool:
        """Whether ``a`` and ``b`` agree terms (probability rises with mutual trust)."""
        m = self.model
        trust = 0.5 * (m.trust[a, b] + m.trust[b, a])
        ok = m.rng.random() < partnering.agreement_probability(trust)
        if not ok:
            self.failed_this_step += 1
        return ok

    def _pay(self, payer: int, payee: int, amount: float) -> None:
        self.model.transfer(int(payer), int(payee), amount)

    # ------------------------------------------------------------------ firm deals
    def _biotech_assets(self, owner: int | None = None) -> np.ndarray:
        """Unpartnered programmes of live biotech firms in preclinical to phase II."""
        m = self.model
        p = m.programmes
        phase, own = p.view("phase"), p.view("owner")
        ok = (phase >= Phase.PRECLINICAL) & (phase <= Phase.PHASE2) & (p.view("partner") < 0)
        ok &= m.sector_code[own] == m.SECTOR_CODES["biotech"]
        ok &= m.alive[own]
        if owner is not None:
            ok &= own == owner
        return np.flatnonzero(ok)

    def _licensable(self, pid: int) -> bool:
        """A programme carries one licence: one already in-licensed is co-developed."""
        return bool(self.model.programmes.licensor[pid] < 0)

    def _transfer(self, pid: int, pharma: int, biotech: int, licence: bool) -> None:
        """Close a licence (ownership moves) or a co-development (pharma joins)."""
        m = self.model
        value = float(m.expected_value(np.array([pid]))[0])
        terms = ip_rules.deal_terms(m.params.ip, value, academic_licensor=False)
        self._pay(pharma, biotech, terms.upfront_musd)
        if licence:
            m.programmes.royalty[pid] = terms.royalty_rate
            m.programmes.milestone[pid] = terms.milestone_musd
            m.programmes.owner[pid] = pharma
            m.programmes.licensor[pid] = biotech
            m.partnerships.form(biotech, pharma, "licence", pid)
        else:
            m.programmes.partner[pid] = pharma
            m.partnerships.form(biotech, pharma, "co_development", pid)

    def seek_asset(self, pharma: Pharma) -> None:
        """Pharma in-licenses or co-develops a biotech programme."""
        m = self.model
        assets = self._biotech_assets()
        if len(assets) == 0 or len(pharma.active_programmes()) >= pharma.max_programmes():
            return
        owners = np.unique(m.programmes.owner[assets])
        biotech = self._choose(pharma, owners)
        if biotech < 0 or not self._negotiate(pharma.idx, biotech):
            return
        mine = assets[m.programmes.owner[assets] == biotech]
        pid = int(mine[np.argmax(m.programmes.phase[mine])])
        short = m.org(biotech).cash < m.params.firms.biotech_round_musd
        self._transfer(pid, pharma.idx, biotech, licence=short and self._licensable(pid))

    def seek_pharma_partner(self, biotech: Biotech) -> None:
        """A biotech short of cash licenses out its most advanced free programme."""
        m = self.model
        assets = self._biotech_assets(owner=biotech.idx)
        pharmas = self._with_room(m.live_indices("pharma"))
        if len(assets) == 0 or len(pharmas) == 0:
            return
        pharma = self._choose(biotech, pharmas)
        if pharma < 0 or not self._negotiate(biotech.idx, pharma):
            return
        pid = int(assets[np.argmax(m.programmes.phase[assets])])
        self._transfer(pid, pharma, biotech.idx, licence=self._licensable(pid))

    def sell_programme(self, biotech: Biotech, pid: int) -> bool:
        """An exiting biotech sells a programme to a pharma firm, if one agrees."""
        m = self.model
        if m.programmes.phase[pid] < Phase.PRECLINICAL:
            return False
        pharmas = self._with_room(m.live_indices("pharma"))
        pharma = self._choose(biotech, pharmas)
        if pharma < 0 or not self._negotiate(biotech.idx, pharma):
            return False
        m.programmes.owner[pid] = pharma
        m.programmes.partner[pid] = -1
        return True

    def hand_over_therapies(self, biotech: Biotech) -> None:
        """An exiting biotech's marketed therapies go to the pharma firm it prefers.

        A marketed therapy always finds a buyer; with no pharma firm left, its sales are
        simply not paid to anyone (the owner has gone).
        """
        m = self.model
        p = m.programmes
        mine = np.flatnonzero((p.view("owner") == biotech.idx) & (p.view("approved_step") >= 0))
        pharmas = m.live_indices("pharma")
        if len(mine) == 0 or len(pharmas) == 0:
            return
        buyer = self._choose(biotech, pharmas)
        p.owner[mine] = buyer
        p.co_owner[mine[p.co_owner[mine] == buyer]] = -1

    # ------------------------------------------------------------------ academic deals
    def license_target(self, centre: Organisation, subtype: int, target: int) -> None:
        """A centre licenses (exclusive) or co-develops (shared) a target with a firm."""
        m = self.model
        firms = m.live_indices("pharma", "biotech")
        firm = self._choose(centre, firms)
        if firm < 0 or not self._negotiate(centre.idx, firm):
            m.knowledge.publish_target(subtype, target)
            return
        org = m.org(firm)
        if len(org.active_programmes()) >= org.max_programmes():
            m.knowledge.publish_target(subtype, target)
            return
        pid = m.start_programme(org, Phase.PRECLINICAL, subtype=subtype, target=target)
        if m.params.ip.regime == "shared":
            m.programmes.partner[pid] = centre.idx
            m.partnerships.form(firm, centre.idx, "academic_collaboration", pid)
        else:
            m.programmes.licensor[pid] = centre.idx
            terms = ip_rules.deal_terms(
                m.params.ip, ACADEMIC_LICENCE_VALUE_MUSD, academic_licensor=True
            )
            self._pay(firm, centre.idx, terms.upfront_musd)
            m.programmes.royalty[pid] = terms.royalty_rate
            m.programmes.milestone[pid] = terms.milestone_musd
            m.partnerships.form(centre.idx, firm, "licence", pid)

    def license_biomarker(self, centre: Organisation, slot: int) -> int:
        """A centre licenses a biomarker exclusively to one firm; returns it or -1."""
        m = self.model
        firm = self._choose(centre, m.live_indices("pharma", "biotech"))
        if firm < 0 or not self._negotiate(centre.idx, firm):
            return -1
        m.knowledge.known[firm, slot] = True
        m.partnerships.form(centre.idx, firm, "licence")
        return firm

    def seek_academic(self, pids: np.ndarray) -> None:
        """Programmes entering phase I look for an academic collaborator (sites, data)."""
        m = self.model
        centres = m.live_indices("academia")
        if len(centres) == 0:
            return
        for pid in pids:
            if m.programmes.partner[pid] >= 0:
                continue
            if m.rng.random() >= ACADEMIC_COLLABORATION_CHANCE * (1 + m.matchmaking_rounds()):
                continue
            owner = m.org(int(m.programmes.owner[pid]))
            centre = self._choose(owner, centres)
            if centre >= 0 and self._negotiate(owner.idx, centre):
                m.programmes.partner[pid] = centre
                m.partnerships.form(owner.idx, centre, "academic_collaboration", int(pid))
