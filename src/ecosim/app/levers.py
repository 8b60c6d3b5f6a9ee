"""The teaching levers of the classroom app and how they map to scenario fields.

A lever is what a student moves: a slider, a switch or a choice. Each one writes one or
more dotted scenario paths. Its range lies inside the schema's range for those fields
(checked by the tests), so a lever can never produce an invalid scenario.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ecosim.rules.ip import REGISTRY as IP_REGIMES
from ecosim.rules.reimbursement import REGISTRY as COVERAGE_RULES
from ecosim.scenario import Scenario
from ecosim.scenario.paths import get_path

__all__ = ["FAMILIES", "LEVERS", "Lever", "lever_values", "overrides"]

TRUST_INITIAL = (
    "trust.initial_within_industry",
    "trust.initial_industry_academia",
    "trust.initial_industry_payer",
    "trust.initial_other",
)


@dataclass(frozen=True)
class Lever:
    """One control of the app.

    Attributes:
        key: short name, used for the widget and in exported data.
        label: what the student sees.
        paths: dotted scenario fields the lever sets (all to the same value).
        kind: ``slider`` (float), ``switch`` (bool) or ``choice`` (one of ``choices``).
        low, high, step: slider range and step, inside the schema's range.
        choices: allowed values of a choice.
        help: one sentence on what the lever does in the model.
        family: the group the app shows it in (a key of :data:`FAMILIES`).
    """

    key: str
    label: str
    paths: tuple[str, ...]
    kind: Literal["slider", "switch", "choice"]
    low: float = 0.0
    high: float = 1.0
    step: float = 0.05
    choices: tuple[str, ...] = ()
    help: str = ""
    family: str = "trust"


FAMILIES: dict[str, tuple[str, str]] = {
    "trust": ("Trust", "How much organisations rely on each other before and during work."),
    "ip": ("Intellectual property", "Who owns what a partnership discovers."),
    "payers": ("Payers", "Whether therapies and their tests are paid for."),
    "conditions": (
        "The five conditions of collective impact",
        "An initiative's members act on these; each costs money or staff time.",
    ),
    "patients": ("Patients", "How patients learn about testing and reach trials."),
}
"""Lever groups in the order the app shows them: title and one line of explanation."""


LEVERS: tuple[Lever, ...] = (
    Lever(
        "trust_initial",
        "Initial trust",
        TRUST_INITIAL,
        "slider",
        help="Trust every pair of organisations starts with (0-1).",
    ),
    Lever(
        "trust_gain",
        "Trust growth per good quarter",
        ("trust.gain_rate",),
        "slider",
        high=0.2,
        step=0.01,
        help="Share of the gap to full trust closed by a quarter in which partners deliver.",
    ),
    Lever(
        "ip_regime",
        "IP regime",
        ("ip.regime",),
        "choice",
        choices=IP_REGIMES.names(),
        help="Who owns biomarker discoveries: the finder, the partners, or everyone.",
        family="ip",
    ),
    Lever(
        "ip_framework",
        "IP framework agreed up front",
        ("ip.shared.framework_agreed",),
        "switch",
        help="Without one, shared-IP partnerships risk disputes that destroy trust.",
        family="ip",
    ),
    Lever(
        "reimbursement_rule",
        "Payer rule",
        ("reimbursement.rule",),
        "choice",
        choices=COVERAGE_RULES.names(),
        help="How payers decide to cover a newly approved therapy.",
        family="payers",
    ),
    Lever(
        "test_reimbursed",
        "Companion test reimbursed",
        ("reimbursement.companion_test_reimbursed",),
        "switch",
        help="Whether payers pay for the genomic test that finds eligible patients.",
        family="payers",
    ),
    Lever(
        "common_agenda",
        "Common agenda",
        ("collective_impact.common_agenda.intensity",),
        "slider",
        help="Members agree priorities and pledge part of their new targets to them.",
        family="conditions",
    ),
    Lever(
        "shared_measurement",
        "Shared measurement",
        ("collective_impact.shared_measurement.intensity",),
        "slider",
        help="A data platform members feed at a cost: data, trial matching, outcome data.",
        family="conditions",
    ),
    Lever(
        "mutually_reinforcing",
        "Mutually reinforcing activities",
        ("collective_impact.mutually_reinforcing.intensity",),
        "slider",
        help="Members pick partners for what each does best; a full partner says no.",
        family="conditions",
    ),
    Lever(
        "continuous_communication",
        "Continuous communication",
        ("collective_impact.continuous_communication.intensity",),
        "slider",
        help="Member partners meet, at a cost, and see each other's work more clearly.",
        family="conditions",
    ),
    Lever(
        "backbone",
        "Backbone organisation",
        ("collective_impact.backbone.intensity",),
        "slider",
        help="A coordinator whose budget buys introductions, liaison, invitations and outreach.",
        family="conditions",
    ),
    Lever(
        "outreach",
        "Patient outreach",
        ("outreach.intensity",),
        "slider",
        help="Patient organisations raise awareness of testing and help patients into trials.",
        family="patients",
    ),
)
"""The levers, in the order the app shows them."""

_BY_KEY = {lever.key: lever for lever in LEVERS}


def lever_values(scenario: Scenario) -> dict[str, Any]:
    """The value each lever shows for a scenario (initial trust: the mean of its fields)."""
    data = scenario.model_dump(mode="json")
    values: dict[str, Any] = {}
    for lever in LEVERS:
        raw = [get_path(data, p) for p in lever.paths]
        if lever.kind == "slider":
            values[lever.key] = round(sum(raw) / len(raw), 4)
        elif lever.kind == "switch":
            values[lever.key] = bool(raw[0])
        else:
            values[lever.key] = str(raw[0])
    return values


def overrides(scenario: Scenario, values: dict[str, Any]) -> dict[str, Any]:
    """Scenario overrides (dotted path -> value) for the levers that differ from ``scenario``.

    Levers the user left alone produce nothing, so the scenario's own values stay exact
    (for example its four different initial-trust values).

    Raises:
        KeyError: an unknown lever key.
    """
    shown = lever_values(scenario)
    out: dict[str, Any] = {}
    for key, value in values.items():
        lever = _BY_KEY[key]
        if value == shown[key]:
            continue
        for path in lever.paths:
            out[path] = value
    return out
