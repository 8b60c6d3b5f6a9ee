"""Who takes an organisation's decisions: its agent (the default) or a person.

The participatory mode (issue 16) lets a student play one organisation. The model asks
``model.decisions`` at each decision that organisation takes, with what the organisation
knows and the choice its own agent would make (``default``); :class:`Decisions` returns
that choice, so a run without a person is the run the model always made. A person's
choice takes the same path as the agent's, with the same costs: a covered therapy is
paid for out of the payer's budget, an approached asset is negotiated like any other.

Hooks: a payer's coverage of a therapy (:meth:`Decisions.cover`), the asset a pharma
firm approaches (:meth:`Decisions.choose_asset`), whether a firm signs the terms of a
deal (:meth:`Decisions.accept_deal`) and an organisation's yearly membership of the
initiative (:meth:`Decisions.membership`) and where a patient organisation runs its own
outreach (:meth:`Decisions.outreach_region`). A person's choice never moves the model's
own draws: the trust draw of a declined deal and the members' agreement draw of an
organisation its agent would have put forward are still taken, and a join the agent
would not have asked for draws from the person's own stream (:attr:`Decisions.rng`).
Later draws follow the state, so a history with a person's choices is compared with
the agents-only history from the same seed run beside it (``docs/design-classroom.md``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ecosim.rules.reimbursement import CoverageCase, Decision, icer
from ecosim.seeds import DEFAULT_SEED

__all__ = [
    "PERSON_COVERED",
    "PERSON_REFUSED",
    "AssetOption",
    "CoverageView",
    "DealOffer",
    "Decisions",
    "MembershipView",
    "OutreachView",
    "cover_as_person",
    "people_sign",
]

PERSON_COVERED = "person_covered"
"""Coverage mode of a therapy a person covered against the payer's rule."""
PERSON_REFUSED = "person_refused"
"""Coverage mode of a therapy a person refused although the payer's rule covered it."""


@dataclass(frozen=True)
class CoverageView:
    """What a payer knows when it decides on one therapy.

    Attributes:
        payer: the payer's organisation row.
        therapy: the therapy's programme id.
        owner: the organisation row of its owner.
        price_usd: list price per treated patient (USD).
        qaly_estimate: the trial's estimate of its QALY gain per patient.
        cost_per_qaly_usd: price over the estimated gain (USD/QALY).
        threshold_usd_per_qaly: the payer's own threshold (USD/QALY).
        yearly_patients: the payer's patients a year who would be treated.
        budget_left_usd: what is left of the payer's yearly budget (USD).
        rule_mode: what the payer's rule decided ("threshold", "rejected", ...).
    """

    payer: int
    therapy: int
    owner: int
    price_usd: float
    qaly_estimate: float
    cost_per_qaly_usd: float
    threshold_usd_per_qaly: float
    yearly_patients: float
    budget_left_usd: float
    rule_mode: str


@dataclass(frozen=True)
class AssetOption:
    """A biotech asset a pharma firm could approach.

    Attributes:
        programme: the programme id.
        owner: the biotech's organisation row.
        phase: its development phase (``Phase`` code).
        gain_musd: what the firm would add to it (million USD of rNPV).
    """

    programme: int
    owner: int
    phase: int
    gain_musd: float


@dataclass(frozen=True)
class DealOffer:
    """Terms one side of a deal is asked to sign (after the buyer's budget allowed them).

    Attributes:
        asked: the row of the side asked (a person plays it).
        kind: the deal kind (``licence``, ``co_development``, ``academic_collaboration``...).
        programme: the programme id (-1: a programme the deal would start on a target).
        seller: the seller's organisation row.
        buyer: the buyer's organisation row.
        upfront_musd: the upfront payment (million USD).
        milestone_musd: the milestone payment (million USD).
        royalty: the royalty on sales (fraction).
        commitment_musd: what the buyer commits in the first year (million USD).
    """

    asked: int
    kind: str
    programme: int
    seller: int
    buyer: int
    upfront_musd: float
    milestone_musd: float
    royalty: float
    commitment_musd: float


@dataclass(frozen=True)
class OutreachView:
    """What a patient organisation knows when it places its own outreach for a quarter.

    Attributes:
        row: the organisation row.
        home: its home region.
        effort: its own effort this quarter (0-1; what a backbone coordinates is apart).
        away_reach: the share of effort that reaches patients outside the home region.
        unaware: per region, the share of patients not aware of testing (0-1).
        patients_per_quarter: per region, new patients a quarter.
    """

    row: int
    home: int
    effort: float
    away_reach: float
    unaware: tuple[float, ...]
    patients_per_quarter: tuple[float, ...]


MEMBERSHIP_CHOICES = ("stay", "free_ride", "leave", "join", "stay_out")
"""A yearly membership choice: a member stays (fee and effort), free-rides (fee only) or
leaves; a non-member asks to join (the members agree with a probability) or stays out."""


@dataclass(frozen=True)
class MembershipView:
    """What an organisation knows at the initiative's yearly review.

    Attributes:
        row: the organisation row.
        member: whether it is a member now.
        fee_musd: the year's fee (million USD).
        effort_musd: the year's effort in staff time, priced (million USD).
        gain_musd: what membership adds to a firm's programmes (rNPV, million USD;
            0 for non-profits).
        budget_musd: a non-profit's yearly budget for the initiative (million USD;
            infinite for firms, which weigh the gain instead).
        choices: the choices open to it (a non-profit cannot commit beyond its budget).
    """

    row: int
    member: bool
    fee_musd: float
    effort_musd: float
    gain_musd: float
    budget_musd: float
    choices: tuple[str, ...]


class Decisions:
    """The agents' own choices: every hook returns ``default``.

    Args:
        controls: the organisation rows people play (none: nobody).
        seed: seed of the people's own random stream, :attr:`rng` (draws the model
            would not have taken).
    """

    def __init__(self, controls: Iterable[int] = (), seed: int = DEFAULT_SEED) -> None:
        self.controls = frozenset(int(row) for row in controls)
        # a stream of its own: not the model's default_rng(SeedSequence(seed)) again
        self.rng = np.random.default_rng([seed, 1])

    def cover(self, view: CoverageView, default: bool) -> bool:
        """Whether the payer covers the therapy (``default``: its rule's decision)."""
        return default

    def choose_asset(
        self, firm: int, options: list[AssetOption], default: int | None
    ) -> int | None:
        """The programme pharma firm ``firm`` approaches, or None for none this time."""
        return default

    def accept_deal(self, offer: DealOffer, default: bool) -> bool:
        """Whether the side ``offer.asked`` (buyer or seller) signs the terms."""
        return default

    def membership(self, view: MembershipView, default: str) -> str:
        """The organisation's membership choice, one of ``view.choices``."""
        return default

    def outreach_region(self, view: OutreachView, default: int) -> int:
        """The region where the patient organisation spends its own outreach effort."""
        return default


def cover_as_person(
    decisions: Decisions, payer: int, therapy: int, owner: int, case: CoverageCase, d: Decision
) -> Decision:
    """The coverage decision of the person playing a payer (the rule's ``d`` if they agree).

    Cover the rule refused is at the list price, without an agreement, and comes out of
    the same budget; refusing what the rule covered frees that budget.
    """
    view = CoverageView(
        payer=payer,
        therapy=therapy,
        owner=owner,
        price_usd=float(case.price),
        qaly_estimate=float(case.qaly_gain),
        cost_per_qaly_usd=icer(case.price, case.qaly_gain),
        threshold_usd_per_qaly=float(case.threshold),
        yearly_patients=float(case.yearly_patients),
        budget_left_usd=float(case.budget_left_usd),
        rule_mode=d.mode,
    )
    wanted = bool(decisions.cover(view, d.covered))
    if wanted == d.covered:
        return d
    if wanted:
        return Decision(True, PERSON_COVERED, float(case.price), d.delay_quarters)
    return Decision(False, PERSON_REFUSED, 0.0, d.delay_quarters)


def people_sign(
    decisions: Decisions,
    kind: str,
    programme: int,
    seller: int,
    buyer: int,
    terms=None,
    commitment: float = 0.0,
) -> bool:
    """Whether the people playing a deal's sides sign it (True when nobody plays either).

    Each played side is asked, the buyer first; one refusal ends it. ``terms`` carries
    ``upfront``, ``milestone`` and ``royalty`` (million USD, fraction), or is None for a
    collaboration without payments; ``commitment`` is the buyer's first year (million USD).
    """
    played = [row for row in (buyer, seller) if row in decisions.controls]
    for row in played:
        offer = DealOffer(
            asked=int(row),
            kind=kind,
            programme=int(programme),
            seller=int(seller),
            buyer=int(buyer),
            upfront_musd=float(terms.upfront) if terms is not None else 0.0,
            milestone_musd=float(terms.milestone) if terms is not None else 0.0,
            royalty=float(terms.royalty) if terms is not None else 0.0,
            commitment_musd=float(commitment),
        )
        if not decisions.accept_deal(offer, True):
            return False
    return True
