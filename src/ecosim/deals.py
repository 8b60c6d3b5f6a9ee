"""Deal-making: how organisations find partners and agree terms.

Firm deals are by value: a pharma firm's business development takes the biotech asset
it would add most to; a biotech short of cash offers its most advanced free programme to
the pharma firms that would gain from it and prefers one by partner score
(:func:`ecosim.rules.partnering.choose_partner`: trust, reputation, fit; a partner at
capacity declines).
Terms are bargained (:mod:`ecosim.bargaining`); a negotiation fails for want of
surplus, of the buyer's budget, or of trust. The IP regime says whether royalties are
possible (:meth:`ecosim.rules.ip.IPRule.royalties`). Money moves between the parties'
cash; every negotiation is logged (``Deals.log``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim import contribution, portfolio
from ecosim.academic_deals import AcademicDeals
from ecosim.bargaining import OUTCOMES, DealLog, Terms, cash_need, sign, split_value
from ecosim.decisions import AssetOption, people_sign
from ecosim.perspectives import typical_seller
from ecosim.pipeline import Phase
from ecosim.reputation import seen_by
from ecosim.rules import partnering
from ecosim.sectors import Sector
from ecosim.units import QUARTERS_PER_YEAR
from ecosim.valuation import candidates, quarterly_burn, quarterly_cost, value

if TYPE_CHECKING:
    from ecosim.agents.base import Organisation
    from ecosim.agents.biotech import Biotech
    from ecosim.agents.pharma import Pharma
    from ecosim.model import EcosystemModel

__all__ = ["Deals"]


class Deals(AcademicDeals):
    """The deal-making of one model (firm deals here, academic ones in the mixin)."""

    def __init__(self, model: EcosystemModel):
        self.model = model
        self.failed_this_step = 0
        self.log = DealLog()

    # ------------------------------------------------------------------ core moves
    def _with_room(self, firms: np.ndarray) -> np.ndarray:
        """Firms that can take on one more programme."""
        m = self.model
        p = m.programmes
        return np.array(
            [f for f in firms if p.count_active(int(f)) < m.org(f).max_programmes()],
            dtype=np.int64,
        )

    def _choose(self, chooser: Organisation, options: np.ndarray) -> int:
        """Pick a partner among organisation indices ``options`` (or -1)."""
        m = self.model
        options = options[contribution.has_room(m, options)]  # a full partner declines
        if len(options) == 0:
            return -1
        matching = m.conditions.mutually_reinforcing
        matched = m.initiative.member[chooser.idx] & m.initiative.member[options]
        k = partnering.choose_partner(
            m.rng,
            matching.fit(m.caps[chooser.idx], m.caps[options], matched),
            m.trust[chooser.idx, options],
            seen_by(m, chooser.idx, options),
            m.params.trust.reputation_weight,
            m.params.partnering.noise_sd * matching.noise_factor(matched),
        )
        return int(options[k])

    def _negotiate(self, seller: int, buyer: int, kind: str, pid: int = -1) -> bool:
        """Whether two sides agree to work together (the trust rule's probability).

        A deal ``kind`` without payments (the ``buyer`` takes the licence or the
        collaborator). People playing either side are asked; the trust draw is taken
        either way.
        """
        m = self.model
        agreed = people_sign(m.decisions, kind, pid, seller, buyer)
        ok = sign(m, seller, buyer) and agreed
        if not ok:
            self.failed_this_step += 1
        return ok

    def _no_deal(self, kind: str, pid: int, seller: int, buyer: int) -> None:
        """Log and count a negotiation that found no surplus."""
        self.log.add(self.model, kind, pid, seller, buyer, "no_surplus")
        self.failed_this_step += 1

    def _fail(self, row: int, reason: str) -> None:
        """Mark logged negotiation ``row`` as failed for ``reason`` and count it."""
        self.log.outcome[row] = OUTCOMES.index(reason)
        self.failed_this_step += 1

    def _conclude(
        self, kind: str, pid: int, seller: int, buyer: int, terms: Terms, commitment: float
    ) -> bool:
        """Log agreed terms; the buyer must afford ``commitment`` and both must sign.

        On success the buyer pays the upfront.
        """
        m = self.model
        row = self.log.add(m, kind, pid, seller, buyer, "agreed")
        self.log.set_terms(row, terms)
        if commitment > portfolio.headroom(m, m.org(buyer)):
            self._fail(row, "budget")
            return False
        declined = not people_sign(m.decisions, kind, pid, seller, buyer, terms, commitment)
        signed = sign(m, seller, buyer)  # drawn either way: a refusal moves no draws
        if declined or not signed:
            self._fail(row, "declined" if declined else "trust")
            return False
        self._pay(buyer, seller, terms.upfront)
        return True

    def _license(self, pid: int, seller: int, buyer: int, terms: Terms) -> None:
        """Ownership moves to the licensee; the licensor earns the royalty and milestones."""
        p = self.model.programmes
        p.royalty[pid] = terms.royalty
        p.milestone[pid] = terms.milestone
        p.set_owner(pid, buyer)
        p.licensor[pid] = seller
        self.model.partnerships.form(seller, buyer, "licence", pid)

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

    def _alternatives(self, buyer: int, exclude: int) -> float:
        """What ``buyer`` keeps from its best other deal for a biotech asset (million USD).

        Its share ``1 - bargaining.seller_power`` of the value it would add to the best
        other unpartnered biotech asset: the buyer's outside option in a negotiation. The
        more assets compete for a buyer, the less each seller gets.
        """
        assets = self._biotech_assets()
        assets = assets[assets != exclude]
        if len(assets) == 0:
            return 0.0
        return self._keeps(self._gains(buyer, assets).max())

    def _gains(self, buyer: int, assets: np.ndarray) -> np.ndarray:
        """Value ``buyer`` would add to each asset over a typical biotech (million USD)."""
        m = self.model
        c = candidates(m, assets)
        return value(m, buyer, c) - value(m, typical_seller(m), c)

    def _keeps(self, gain: float) -> float:
        """A buyer's share of a deal's gain under Nash bargaining (nothing if no gain)."""
        return (1.0 - self.model.params.bargaining.seller_power) * max(float(gain), 0.0)

    def _terms(
        self, pid: int, seller: int, buyer: int, licence: bool, rival: float | None = None
    ) -> Terms | None:
        """Bargained terms of selling ``pid`` (a licence) or a share of it (co-development).

        ``rival``: the buyer's outside option (:meth:`_alternatives` when not given).
        """
        m = self.model
        ids = np.array([pid])
        c = candidates(m, ids)
        share = 1.0 if licence else m.params.partnering.co_development_share
        keeps = share * portfolio.outside_option(m, seller, pid)
        others = m.programmes.active_of(seller)
        others = others[others != pid]
        burn = quarterly_burn(m, others) + m.params.firms.biotech_overhead_musd_per_year / (
            QUARTERS_PER_YEAR
        )
        return split_value(
            m,
            c,
            keeps,
            buyer,
            share,
            share,
            need=cash_need(m, seller, burn),
            royalties=licence and m.ip.royalties(academic_licensor=False),
            buyer_keeps=self._alternatives(buyer, pid) if rival is None else rival,
        )

    def _close(
        self, pid: int, pharma: int, biotech: int, licence: bool, rival: float | None = None
    ) -> bool:
        """Negotiate a licence (ownership moves) or a co-development (pharma joins)."""
        m = self.model
        kind = "licence" if licence else "co_development"
        terms = self._terms(pid, biotech, pharma, licence, rival)
        if terms is None:
            self._no_deal(kind, pid, biotech, pharma)
            return False
        share_cost = quarterly_cost(m, np.array([pid]))[0] * QUARTERS_PER_YEAR
        if not licence:
            share_cost *= m.params.partnering.co_development_share
        if not self._conclude(kind, pid, biotech, pharma, terms, terms.upfront + share_cost):
            return False
        if licence:
            self._license(pid, biotech, pharma, terms)
        else:
            m.programmes.codev_milestone[pid] = terms.milestone
            m.programmes.set_partner(pid, pharma)
            m.partnerships.form(biotech, pharma, "co_development", pid)
        return True

    def _person_chooses(
        self, firm: int, assets: np.ndarray, gain: np.ndarray, order: np.ndarray
    ) -> int:
        """Index into ``assets`` of the asset the person playing the firm approaches (-1: none).

        The person sees the assets the firm would add value to, best first, and the one
        its business development would approach.
        """
        m = self.model
        kept = [int(i) for i in order if gain[i] > 0]
        options = [
            AssetOption(
                programme=int(assets[i]),
                owner=int(m.programmes.owner[assets[i]]),
                phase=int(m.programmes.phase[assets[i]]),
                gain_musd=float(gain[i]),
            )
            for i in kept
        ]
        default = options[0].programme if options else None
        chosen = m.decisions.choose_asset(firm, options, default)
        return next((i for i, o in zip(kept, options, strict=True) if o.programme == chosen), -1)

    def seek_asset(self, pharma: Pharma) -> None:
        """Pharma business development: the biotech asset with the most to gain from it.

        Candidates are ranked by what the pharma firm would add to them (its value less
        a typical biotech's); the best is negotiated (:mod:`ecosim.bargaining`).
        """
        m = self.model
        if m.programmes.count_active(pharma.idx) >= pharma.max_programmes():
            return
        assets = self._biotech_assets()
        if len(assets) == 0:
            return
        gain = self._gains(pharma.idx, assets)
        order = np.argsort(-gain, kind="stable")
        best = int(order[0])
        if pharma.idx in m.decisions.controls:
            best = self._person_chooses(pharma.idx, assets, gain, order)
        if best < 0 or gain[best] <= 0:
            return
        others = order[order != best]
        rival = self._keeps(gain[others[0]]) if len(others) else 0.0
        pid = int(assets[best])
        biotech = int(m.programmes.owner[pid])
        short = m.org(biotech).cash < m.params.firms.biotech_round_musd
        self._close(pid, pharma.idx, biotech, short and self._licensable(pid), rival)

    def seek_pharma_partner(self, biotech: Biotech) -> None:
        """A biotech short of cash licenses out its most advanced free programme.

        It asks the pharma firms with room that would gain from it, prefers one by
        partner score (trust, reputation, complementarity) and negotiates.
        """
        m = self.model
        assets = self._biotech_assets(owner=biotech.idx)
        pharmas = self._with_room(m.live_indices(Sector.pharma))
        if len(assets) == 0 or len(pharmas) == 0:
            return
        pid = int(assets[np.argmax(m.programmes.phase[assets])])
        c = candidates(m, np.array([pid]))
        own = float(value(m, biotech.idx, c)[0])
        gains = np.array([float(value(m, int(f), c)[0]) for f in pharmas.tolist()])
        pharma = self._choose(biotech, pharmas[gains > own])
        if pharma >= 0:
            self._close(pid, pharma, biotech.idx, licence=self._licensable(pid))

    def out_license(self, seller: int, ids: np.ndarray, gate: int | None = None) -> np.ndarray:
        """A pharma firm offers programmes it is about to stop; return those nobody took.

        A programme it values at less than nothing, or cannot pay for, may be worth more
        to another pharma firm (another team, record and sales force). The seller offers
        each to the live pharma firm with room that would gain most from it; its outside
        option is to stop the programme (nothing), so it receives its bargaining share of
        the buyer's value as a licence (ownership moves, the seller takes an upfront,
        milestones and a royalty; :mod:`ecosim.bargaining`). Programmes with a working
        partner or a licensor of their own are not offered. ``gate``: the programmes
        are about to enter that phase (they are valued at its start).
        """
        m = self.model
        p = m.programmes
        ids = np.asarray(ids, dtype=np.int64)
        free = (p.partner[ids] < 0) & (p.licensor[ids] < 0) & (p.phase[ids] < Phase.REVIEW)
        if not free.any():
            return ids
        buyers = self._with_room(m.live_indices(Sector.pharma))
        buyers = buyers[buyers != seller]
        placed = np.zeros(len(ids), dtype=bool)
        for k in np.flatnonzero(free).tolist():
            if len(buyers) == 0:
                break
            placed[k] = self._out_license_one(seller, int(ids[k]), buyers, gate)
        return ids[~placed]

    def _out_license_one(self, seller: int, pid: int, buyers: np.ndarray, gate: int | None):
        m = self.model
        c = candidates(m, np.array([pid]), gate)
        gains = np.array([float(value(m, int(b), c)[0]) for b in buyers.tolist()])
        best = int(np.argmax(gains))
        if gains[best] <= 0:
            return False
        buyer = int(buyers[best])
        royalties = m.ip.royalties(academic_licensor=False)
        rival = self._alternatives(buyer, pid)
        terms = split_value(m, c, 0.0, buyer, 1.0, 1.0, 0.0, royalties, buyer_keeps=rival)
        if terms is None:
            self._no_deal("licence", pid, seller, buyer)
            return False
        if not self._conclude("licence", pid, seller, buyer, terms, terms.upfront):
            return False
        self._license(pid, seller, buyer, terms)
        return True

    def sell_programme(self, biotech: Biotech, pid: int) -> bool:
        """An exiting biotech sells a programme to a pharma firm, if one gains from it.

        The seller's outside option is nothing (the programme would stop), so it gets
        its bargaining share of the buyer's value, all in cash (an acquisition).
        """
        m = self.model
        if m.programmes.phase[pid] < Phase.PRECLINICAL:
            return False
        pharmas = self._with_room(m.live_indices(Sector.pharma))
        pharma = self._choose(biotech, pharmas)
        if pharma < 0:
            return False
        c = candidates(m, np.array([pid]))
        rival = self._alternatives(pharma, pid)
        terms = split_value(m, c, 0.0, pharma, 1.0, 1.0, 0.0, False, buyer_keeps=rival)
        if terms is None:
            self._no_deal("acquisition", pid, biotech.idx, pharma)
            return False
        price = terms.price  # all paid at once
        bought = Terms(price, 0.0, 0, 0.0, 0.0, terms.buyer_value, price)
        if not self._conclude("acquisition", pid, biotech.idx, pharma, bought, price):
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
        mine = np.flatnonzero(
            (p.view("owner") == biotech.idx) & (p.view("phase") == Phase.APPROVED)
        )
        pharmas = m.live_indices(Sector.pharma)
        if len(mine) == 0 or len(pharmas) == 0:
            return
        buyer = self._choose(biotech, pharmas)
        for pid in mine:
            p.set_owner(int(pid), buyer)
        p.co_owner[mine[p.co_owner[mine] == buyer]] = -1
