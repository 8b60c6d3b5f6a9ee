"""Who takes an organisation's decisions: its agent (the default) or a person.

The participatory mode (issue 16) lets a student play one organisation. The model asks
``model.decisions`` at each decision that organisation takes, with what the organisation
knows and the choice its own agent would make (``default``); :class:`Decisions` returns
that choice, so a run without a person is the run the model always made. A person's
choice takes the same path as the agent's, with the same costs: a covered therapy is
paid for out of the payer's budget, an approached asset is negotiated like any other.

Hooks so far: a payer's coverage of a therapy (:meth:`Decisions.cover`) and the asset a
pharma firm approaches (:meth:`Decisions.choose_asset`). Neither draws random numbers,
so a person's choice leaves the draws of that quarter where they were; later draws
follow the state, so a history with a person's choices is compared with the agents-only
history from the same seed run beside it (``docs/design-classroom.md``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ecosim.rules.reimbursement import CoverageCase, Decision, icer

__all__ = [
    "PERSON_COVERED",
    "PERSON_REFUSED",
    "AssetOption",
    "CoverageView",
    "Decisions",
    "cover_as_person",
]

PERSON_COVERED = "person_covered"
"""Coverage mode of a therapy a person covered against the payer's rule."""
PERSON_REFUSED = "person_refused"
"""Coverage mode of a therapy a person refused although the payer's rule covered it."""


@dataclass(frozen=True)
class CoverageView:
    """What a payer knows when it decides on one therapy.

    Attributes:
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


class Decisions:
    """The agents' own choices: every hook returns ``default``.

    Attributes:
        controls: the organisation row a person plays (``-1``: nobody).
    """

    controls: int = -1

    def cover(self, view: CoverageView, default: bool) -> bool:
        """Whether the payer covers the therapy (``default``: its rule's decision)."""
        return default

    def choose_asset(self, options: list[AssetOption], default: int | None) -> int | None:
        """The programme the pharma firm approaches, or None for none this time."""
        return default


def cover_as_person(
    decisions: Decisions, therapy: int, owner: int, case: CoverageCase, d: Decision
) -> Decision:
    """The coverage decision of the person playing a payer (the rule's ``d`` if they agree).

    Cover the rule refused is at the list price, without an agreement, and comes out of
    the same budget; refusing what the rule covered frees that budget.
    """
    view = CoverageView(
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
