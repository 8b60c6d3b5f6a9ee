"""The model's decision hooks as questions a student can read and answer.

Each hook of :class:`ecosim.decisions.Decisions` becomes a :class:`Question`: the
organisation it is for, a plain sentence of what the organisation knows, the choices
(value and label) and the agent's own choice. :class:`AskingDecisions` turns every hook
of a played organisation into a question and hands it to :meth:`answer`; a subclass says
who answers (a student in :mod:`ecosim.app.classroom`, a record in :class:`Replay`).

Every question has a key (quarter, kind, organisation, subject, and how many such
questions came before it that quarter): the subject is the therapy of a coverage
question, the programme of a deal and the deal's kind, so that a replay that undoes one
choice puts each later answer to the same question and not to the next one asked. A
history can so be replayed with its choices, or with all but one (the debrief's "what
this choice changed").
"""

from __future__ import annotations

from dataclasses import dataclass

from ecosim.analysis.comparison import plain_name
from ecosim.decisions import (
    AssetOption,
    CoverageView,
    DealOffer,
    Decisions,
    MembershipView,
    OutreachView,
)
from ecosim.model import EcosystemModel
from ecosim.pipeline import Phase
from ecosim.seeds import DEFAULT_SEED
from ecosim.units import USD_PER_MUSD

__all__ = ["AskingDecisions", "Question", "Replay", "display_names"]

Key = tuple[int, str, int, str, int]

MEMBERSHIP_LABELS = {
    "stay": "Stay a full member (fee and staff time)",
    "free_ride": "Pay the fee only (free-ride: members notice)",
    "leave": "Leave the initiative",
    "join": "Ask to join (the members decide)",
    "stay_out": "Stay out",
}
"""The membership choices as a student reads them."""


@dataclass(frozen=True)
class Question:
    """One decision put to the person playing ``row``."""

    key: Key
    row: int
    kind: str
    text: str
    choices: tuple[tuple[str, str], ...]
    default: str

    @property
    def quarter(self) -> int:
        """The quarter the question was asked in."""
        return self.key[0]

    @property
    def values(self) -> tuple[str, ...]:
        """The values of its choices, in order."""
        return tuple(v for v, _ in self.choices)

    def label(self, value: str) -> str:
        """The label of choice ``value``."""
        return dict(self.choices).get(value, value)


def display_names(m: EcosystemModel) -> dict[int, str]:
    """Every organisation's display name, by row: sector, number in creation order, region."""
    counts: dict[str, int] = {}
    names = {}
    for org in m.orgs:
        counts[org.sector] = counts.get(org.sector, 0) + 1
        names[org.idx] = f"{plain_name(org.sector)} {counts[org.sector]}, region {org.region + 1}"
    return names


def _musd(x: float) -> str:
    return f"{x:,.1f} M USD"


def _usd(x: float) -> str:
    return f"{x / USD_PER_MUSD:,.2f} M USD" if abs(x) >= USD_PER_MUSD else f"{x:,.0f} USD"


class AskingDecisions(Decisions):
    """Decisions that put each hook of a played organisation as a :class:`Question`.

    Args:
        model_names: display names by row (:func:`display_names`).
        controls: the rows people play.
        seed: seed of the people's own stream (see :class:`Decisions`).
    """

    def __init__(self, model_names: dict[int, str], controls=(), seed: int = DEFAULT_SEED):
        super().__init__(controls, seed)
        self.names = model_names
        self.quarter = 0
        self._asked: dict[tuple[int, str, int, str], int] = {}

    def name(self, row: int) -> str:
        """Display name of organisation ``row``."""
        return self.names.get(int(row), f"organisation {row}")

    def answer(self, question: Question) -> str:
        """The answer to ``question`` (here: the agent's own)."""
        return question.default

    def _ask(self, row: int, kind: str, text: str, choices, default: str, subject: str = "") -> str:
        asked = (self.quarter, kind, int(row), subject)
        n = self._asked.get(asked, 0)
        self._asked[asked] = n + 1
        q = Question((*asked, n), int(row), kind, text, tuple(choices), default)
        value = self.answer(q)
        return value if value in dict(q.choices) else default

    def cover(self, view: CoverageView, default: bool) -> bool:
        """Cover a therapy? (see :meth:`Decisions.cover`)."""
        text = (
            f"A new therapy by {self.name(view.owner)}: {_usd(view.price_usd)} per patient, "
            f"{view.qaly_estimate:.2f} QALYs gained per patient (the trial's estimate), so "
            f"{_usd(view.cost_per_qaly_usd)} per QALY; your threshold is "
            f"{_usd(view.threshold_usd_per_qaly)} per QALY. About "
            f"{view.yearly_patients:,.0f} of your patients a year would be treated; "
            f"{_usd(view.budget_left_usd)} of this year's budget is left. "
            f"Your rule says: {'cover' if default else 'do not cover'} ({view.rule_mode})."
        )
        choices = (("cover", "Cover it"), ("refuse", "Do not cover it"))
        default_choice = "cover" if default else "refuse"
        chosen = self._ask(view.payer, "cover", text, choices, default_choice, str(view.therapy))
        return chosen == "cover"

    def choose_asset(
        self, firm: int, options: list[AssetOption], default: int | None
    ) -> int | None:
        """Which asset to approach? (see :meth:`Decisions.choose_asset`)."""
        text = (
            "Business development: biotech programmes you could approach this quarter, "
            "with what your firm would add to each (its value to you less a typical "
            "biotech's). Approaching one starts a negotiation."
        )
        choices = [
            (
                str(o.programme),
                f"{self.name(o.owner)}: programme {o.programme} ({Phase(o.phase).name.lower()}), "
                f"you add {_musd(o.gain_musd)}",
            )
            for o in options
        ] + [("none", "Approach no one this quarter")]
        chosen = self._ask(
            firm, "asset", text, choices, "none" if default is None else str(default)
        )
        return None if chosen == "none" else int(chosen)

    def accept_deal(self, offer: DealOffer, default: bool) -> bool:
        """Sign the terms? (see :meth:`Decisions.accept_deal`)."""
        buying = offer.asked == offer.buyer
        other = offer.seller if buying else offer.buyer
        what = "a new programme" if offer.programme < 0 else f"programme {offer.programme}"
        paid = offer.upfront_musd or offer.milestone_musd or offer.royalty
        deal = f"a {offer.kind.replace('_', ' ')} on {what}"
        text = (
            f"Agreed terms of {deal}: you {'buy from' if buying else 'sell to'} "
            f"{self.name(other)}. Upfront {_musd(offer.upfront_musd)}, milestones "
            f"{_musd(offer.milestone_musd)} each, royalty {offer.royalty:.0%}, first-year "
            f"commitment of the buyer {_musd(offer.commitment_musd)}."
            if paid
            else f"A proposal of {deal} with {self.name(other)}: no payments, each side "
            "brings its own work (sites, data, the programme)."
        ) + " Your team would sign."
        choices = (("sign", "Sign"), ("decline", "Decline"))
        subject = f"{offer.kind} {offer.programme} {offer.seller}-{offer.buyer}"
        chosen = self._ask(
            offer.asked, "deal", text, choices, "sign" if default else "decline", subject
        )
        return chosen == "sign"

    def membership(self, view: MembershipView, default: str) -> str:
        """Stay, free-ride, leave, join? (see :meth:`Decisions.membership`)."""
        room = "no limit" if view.budget_musd == float("inf") else _musd(view.budget_musd)
        text = (
            "The initiative's yearly review. You are "
            f"{'a member' if view.member else 'not a member'}. "
            f"Fee {_musd(view.fee_musd)} a year, staff time worth {_musd(view.effort_musd)}; "
            + (
                f"what membership adds to your programmes: {_musd(view.gain_musd)}."
                if view.budget_musd == float("inf")
                else f"your budget for it: {room}."
            )
        )
        choices = [(c, MEMBERSHIP_LABELS[c]) for c in view.choices]
        return self._ask(view.row, "membership", text, choices, default)

    def outreach_region(self, view: OutreachView, default: int) -> int:
        """Where to run outreach this quarter? (see :meth:`Decisions.outreach_region`)."""
        text = (
            f"Your outreach this quarter (effort {view.effort:.2f}). At home, in region "
            f"{view.home + 1}, all of it reaches patients; elsewhere, with no local partners, "
            f"{view.away_reach:.0%} of it does."
        )
        choices = [
            (
                str(r),
                f"Region {r + 1}{' (home)' if r == view.home else ''}: {u:.0%} of "
                f"{n:,.0f} new patients a quarter not aware of testing",
            )
            for r, (u, n) in enumerate(zip(view.unaware, view.patients_per_quarter, strict=True))
        ]
        return int(self._ask(view.row, "outreach", text, choices, str(default)))


class Replay(AskingDecisions):
    """Answers each question with a recorded choice (the agent's own where none is).

    ``played`` gives the rows people played in each quarter (a student who joined late
    or left is played only in the quarters they were there); set :attr:`quarter` before
    each step.
    """

    def __init__(
        self,
        model_names,
        played: dict[int, frozenset[int]],
        recorded: dict[Key, str],
        seed: int = DEFAULT_SEED,
    ):
        self.played, self.recorded = played, recorded  # before the quarter is first set
        super().__init__(model_names, (), seed)

    @property
    def quarter(self) -> int:
        """The quarter being stepped; setting it sets who is played in it."""
        return self._quarter

    @quarter.setter
    def quarter(self, value: int) -> None:
        self._quarter = value
        self.controls = self.played.get(value, frozenset())

    def answer(self, question: Question) -> str:
        """The recorded choice, or the agent's own."""
        return self.recorded.get(question.key, question.default)
