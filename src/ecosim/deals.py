"""Deal-making: how organisations find partners and agree terms.

Every deal follows the same three moves: list candidates, choose one by partner score
(:func:`ecosim.rules.partnering.choose_partner`: trust, reputation, complementarity),
and negotiate (success probability rises with trust, the trust rule's effect). Terms
follow the IP regime (:meth:`ecosim.rules.ip.IPRule.terms`); money moves between the
parties' cash.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.pipeline import Phase
from ecosim.rules import partnering
from ecosim.sectors import FIRMS, Sector
from ecosim.targets import start_programme
from ecosim.units import HALF
from ecosim.valuation import expected_value

if TYPE_CHECKING:
    from ecosim.agents.base import Organisation
    from ecosim.agents.biotech import Biotech
    from ecosim.agents.pharma import Pharma
    from ecosim.model import EcosystemModel

__all__ = ["Deals"]


class Deals:
    """The deal-making of one model."""

    def __init__(self, model: EcosystemModel):
        self.model = model
        self.failed_this_step = 0

    # ------------------------------------------------------------------ core moves
    def _with_room(self, firms: np.ndarray) -> np.ndarray:
        """Firms that can take on one more programme."""
        m = self.model
        p = m.programmes
        return np.array(
            [f for f in firms if p.count_active(int(f)) < m.org(f).max_programmes()],
            dtype=np.int64,
        )

    def _choose(self, chooser: Organisation, candidates: np.ndarray) -> int:
        """Pick a partner among organisation indices ``candidates`` (or -1)."""
        m = self.model
        if len(candidates) == 0:
            return -1
        matching = m.conditions.mutually_reinforcing
        k = partnering.choose_partner(
            m.rng,
            m.caps[chooser.idx],
            m.caps[candidates],
            m.trust[chooser.idx, candidates],
            m.reputation[candidates],
            m.params.trust.reputation_weight,
            matching.complementarity_weight(),
            m.params.partnering.noise_sd * matching.noise_factor(),
        )
        return int(candidates[k])

    def _negotiate(self, a: int, b: int) -> bool:
        """Whether ``a`` and ``b`` agree terms (probability rises with mutual trust)."""
        m = self.model
        trust = HALF * (m.trust[a, b] + m.trust[b, a])
        ok = m.rng.random() < m.trust_rule.agreement_probability(trust)
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
        act = p.active_of(owner) if owner is not None else p.active_ids()
        phase, own = p.phase[act], p.owner[act]
        ok = (phase >= Phase.PRECLINICAL) & (phase <= Phase.PHASE2) & (p.partner[act] < 0)
        ok &= m.sector_code[own] == m.SECTOR_CODES[Sector.biotech]
        ok &= m.alive[own]
        return act[ok]

    def _licensable(self, pid: int) -> bool:
        """A programme carries one licence: one already in-licensed is co-developed."""
        return bool(self.model.programmes.licensor[pid] < 0)

    def _transfer(self, pid: int, pharma: int, biotech: int, licence: bool) -> None:
        """Close a licence (ownership moves) or a co-development (pharma joins)."""
        m = self.model
        value = float(expected_value(m, np.array([pid]))[0])
        terms = m.ip.terms(value, academic_licensor=False)
        self._pay(pharma, biotech, terms.upfront_musd)
        p = m.programmes
        if licence:
            p.royalty[pid] = terms.royalty_rate
            p.milestone[pid] = terms.milestone_musd
            p.set_owner(pid, pharma)
            p.licensor[pid] = biotech
            m.partnerships.form(biotech, pharma, "licence", pid)
        else:
            p.set_partner(pid, pharma)
            m.partnerships.form(biotech, pharma, "co_development", pid)

    def seek_asset(self, pharma: Pharma) -> None:
        """Pharma in-licenses or co-develops a biotech programme."""
        m = self.model
        if m.programmes.count_active(pharma.idx) >= pharma.max_programmes():
            return
        assets = self._biotech_assets()
        if len(assets) == 0:
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
        pharmas = self._with_room(m.live_indices(Sector.pharma))
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
        pharmas = self._with_room(m.live_indices(Sector.pharma))
        pharma = self._choose(biotech, pharmas)
        if pharma < 0 or not self._negotiate(biotech.idx, pharma):
            return False
        m.programmes.set_owner(pid, pharma)
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
        pharmas = m.live_indices(Sector.pharma)
        if len(mine) == 0 or len(pharmas) == 0:
            return
        buyer = self._choose(biotech, pharmas)
        for pid in mine:
            p.set_owner(int(pid), buyer)
        p.co_owner[mine[p.co_owner[mine] == buyer]] = -1

    # ------------------------------------------------------------------ academic deals
    def academic_target_deal(
        self, centre: Organisation, subtype: int, target: int, kind: str
    ) -> None:
        """A centre hands a new target to a firm as a ``licence`` or an academic collaboration.

        The firm starts a preclinical programme with the centre as licensor (paying the
        upfront on ``partnering.academic_licence_value_musd``) or as working partner. With
        no firm agreeing, or the chosen one at its programme cap, the target is published.
        """
        m = self.model
        firm = self._choose(centre, m.live_indices(*FIRMS))
        if firm < 0 or not self._negotiate(centre.idx, firm):
            m.knowledge.publish_target(subtype, target)
            return
        org = m.org(firm)
        if m.programmes.count_active(firm) >= org.max_programmes():
            m.knowledge.publish_target(subtype, target)
            return
        pid = start_programme(
            m, org, Phase.PRECLINICAL, subtype=subtype, target=target, originator=centre.idx
        )
        p = m.programmes
        if kind == "academic_collaboration":
            p.set_partner(pid, centre.idx)
            m.partnerships.form(firm, centre.idx, "academic_collaboration", pid)
            return
        p.licensor[pid] = centre.idx
        value = m.params.partnering.academic_licence_value_musd
        terms = m.ip.terms(value, academic_licensor=True)
        self._pay(firm, centre.idx, terms.upfront_musd)
        p.royalty[pid] = terms.royalty_rate
        p.milestone[pid] = terms.milestone_musd
        m.partnerships.form(centre.idx, firm, "licence", pid)

    def license_biomarker(self, centre: Organisation, slot: int) -> int:
        """A centre licenses a biomarker exclusively to one firm; returns it or -1."""
        m = self.model
        firm = self._choose(centre, m.live_indices(*FIRMS))
        if firm < 0 or not self._negotiate(centre.idx, firm):
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
            draw = m.rng.random()  # drawn before the matchmaking round, in this order
            rounds = 1 + m.conditions.backbone.matchmaking_rounds(m.rng)
            if draw >= m.params.partnering.academic_collaboration_chance * rounds:
                continue
            owner = m.org(int(m.programmes.owner[pid]))
            centre = self._choose(owner, centres)
            if centre >= 0 and self._negotiate(owner.idx, centre):
                m.programmes.set_partner(int(pid), centre)
                m.partnerships.form(owner.idx, centre, "academic_collaboration", int(pid))
