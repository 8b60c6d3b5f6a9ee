"""Field names that changed, and shorthand values: old files keep working.

When a parameter moved into the section of the option or condition that uses it, its
old dotted path is listed in :data:`RENAMED` and is read as the new one, in scenario
files, ``extends`` chains, overrides, experiment files and app levers. A section that
declares a ``shorthand`` field accepts a single value in place of the mapping: in
``collective_impact``, ``backbone: 1.0`` means ``backbone: {intensity: 1.0}``.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel

__all__ = ["REMOVED", "RENAMED", "canonical_path", "normalise"]

RENAMED: dict[str, str] = {
    "reimbursement.outcome_data_required": "reimbursement.outcome_based.outcome_data_required",
    "reimbursement.responder_share": "reimbursement.outcome_based.responder_share",
    "ip.framework_agreed": "ip.shared.framework_agreed",
    "ip.dispute_probability": "ip.shared.dispute_probability",
    "trust.loss_rate": "trust.asymmetric.loss_rate",
    "collective_impact.backbone_cost_musd_per_year": (
        "collective_impact.backbone.budget_musd_per_year"
    ),
    "collective_impact.backbone.cost_musd_per_year": (
        "collective_impact.backbone.budget_musd_per_year"
    ),
    "collective_impact.data_sharing_restriction": (
        "collective_impact.shared_measurement.data_sharing_restriction"
    ),
}
"""Old dotted path -> current dotted path."""

REMOVED: dict[str, str] = {
    "collective_impact.backbone.invitation_boost": "the backbone buys invitations to the "
    "initiative's platforms; see collective_impact.backbone.invitation_cost_musd",
    "collective_impact.mutually_reinforcing.trial_network_reach": "member providers open "
    "sites to the trial network and member trials share them; see "
    "collective_impact.mutually_reinforcing.network_capacity_per_provider",
    "collective_impact.continuous_communication.dispute_cut": "disputes follow the IP "
    "rule for everyone; meetings give member partners information, at a cost; see "
    "collective_impact.continuous_communication.meeting_cost_musd",
    "collective_impact.continuous_communication.escalation_cut": "disputes follow the IP "
    "rule for everyone; meetings give member partners information, at a cost; see "
    "collective_impact.continuous_communication.meeting_cost_musd",
    "collective_impact.mutually_reinforcing.complementarity_weight": "members choosing "
    "among members weigh comparative advantage from the initiative's map of strengths, "
    "and a full partner declines; see partnerships.capacity_academia",
    "collective_impact.common_agenda.neglect_bonus": "members agree priorities by a Borda "
    "count and choose whether to keep their pledge; see "
    "collective_impact.common_agenda.agenda_share and compliance_tolerance",
    "collective_impact.shared_measurement.decision_support": "member providers test more "
    "when the data platform can match their positive patients to trials; see "
    "collective_impact.shared_measurement.half_saturation",
    "collective_impact.backbone.matchmaking_chance": "the backbone buys introductions for "
    "members; see collective_impact.backbone.introduction_cost_musd",
    "collective_impact.backbone.advice_slots_per_year": "the backbone buys regulatory "
    "liaison for members' programmes; see collective_impact.backbone.liaison_cost_musd",
    "trust.friction_base": "bad quarters come from what partners deliver, seen with noise; "
    "see trust.observation_sd and trust.shortfall_tolerance",
    "collective_impact.continuous_communication.trust_gain_boost": "meetings give partners "
    "more looks at each other's work; see "
    "collective_impact.continuous_communication.meetings_per_quarter",
    "collective_impact.continuous_communication.friction_cut": "meetings give partners "
    "more looks at each other's work; see "
    "collective_impact.continuous_communication.meetings_per_quarter",
    "outreach.trial_navigation": "navigators reach a share of patients, who accept at "
    "outreach.navigated_acceptance",
    "firms.pharma_budget_musd_per_year": "R&D budgets follow revenue; see firms.rd_intensity "
    "and firms.pharma_initial_cash_musd",
    "patients.uptake_years": "uptake follows the owner's sales force; see "
    "market.detailing_reach_per_quarter",
    "firms.pharma_new_programmes_per_year": "research output follows the R&D budget; "
    "see firms.pharma_ideas_per_busd",
    "targets.crowding_penalty": "firms value a target's expected order-of-entry share; "
    "see market.order_of_entry_exponent and valuation",
    "targets.precision_preference": "firms value a biomarker through its success "
    "rates and market; see valuation",
    "firms.in_licensing_share": "the external share of pharma pipelines emerges from "
    "deals by value; see firms.pharma_searches_per_year and bargaining",
    "partnering.academic_licence_value_musd": "academic licence terms are bargained over "
    "the licensee's value; see bargaining",
    "ip.royalty_rate": "royalties are bargained; see bargaining",
    "ip.academic_royalty_factor": "royalties are bargained; see bargaining",
    "ip.upfront_share": "upfront payments are bargained; see bargaining",
    "ip.milestone_multiple": "milestones are bargained; see bargaining",
    "ip.open.appropriability": "weaker appropriation under open IP acts through "
    "crowded markets and lower deal values, not a factor",
    "population.biotech_entry_per_year": "new biotechs are founded by venture funds "
    "with the capital they have; see investors",
    "firms.biotech_raise_probability": "venture funds decide rounds by the pipeline's "
    "value; see investors",
    "firms.raise_stage_base": "venture funds decide rounds by the pipeline's value; see investors",
    "firms.raise_stage_step": "venture funds decide rounds by the pipeline's value; see investors",
    "ip.open_appropriability": "weaker appropriation under open IP acts through "
    "crowded markets and lower deal values, not a factor",
    "regulation.early_engagement_base": "early engagement is the agency's decision with "
    "its capacity; see regulation.advice_slots_per_year",
    "collective_impact.backbone.engagement": "the backbone buys regulatory liaison for "
    "members; see collective_impact.backbone.liaison_cost_musd",
    "collective_impact.backbone.outreach_boost": "the backbone directs patient "
    "organisations' outreach to the regions that need it instead of multiplying it; see "
    "docs/model.md, patient organisations",
    "reimbursement.ced_withdrawal_probability": "a review under coverage with evidence "
    "development decides on the evidence its registry collected; see "
    "reimbursement.coverage_with_evidence.registry_recording",
    "reimbursement.coverage_with_evidence.withdrawal_probability": "a review decides on "
    "the evidence the registry collected; see "
    "reimbursement.coverage_with_evidence.registry_recording",
    "reimbursement.coverage_with_evidence.data_withdrawal_cut": "shared outcome data "
    "record more patients in the registry; see "
    "reimbursement.coverage_with_evidence.registry_recording",
    "patients.region_access_spread": "regional access follows each region's mix of "
    "academic and community providers; see providers.mix_concentration",
    "patients.community_trial_access": "trial availability is the national share "
    "patients.trial_availability, split by site type; see patients.academic_enrolment_ratio",
    "firms.valuation_sales_years": "firms value sales over the product's life, discounted, "
    "with loss of exclusivity; see market.product_life_years and valuation",
}
"""Dotted paths of parameters that no longer exist -> what replaced them (for messages)."""


def _section_at(root: type[BaseModel], parts: list[str]) -> type[BaseModel] | None:
    """The section class at a dotted path, or None if the path is not a section."""
    model: Any = root
    for part in parts:
        fields = getattr(model, "model_fields", None)
        if not fields or part not in fields:
            return None
        model = fields[part].annotation
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def canonical_path(path: str, root: type[BaseModel]) -> str:
    """The current dotted path for ``path``: renames applied, shorthand sections expanded.

    ``collective_impact.backbone`` becomes ``collective_impact.backbone.intensity``.
    """
    path = RENAMED.get(path, path)
    target = _section_at(root, path.split("."))
    shorthand = getattr(target, "shorthand", None) if target is not None else None
    return f"{path}.{shorthand}" if shorthand else path


def _pop(data: dict, parts: list[str]) -> tuple[bool, Any]:
    node = data
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            return False, None
    if parts[-1] not in node:
        return False, None
    return True, node.pop(parts[-1])


def _put(data: dict, parts: list[str], value: Any) -> None:
    node = data
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):  # absent (a value here is reported by validation)
            child = {}
            node[part] = child
        node = child
    node.setdefault(parts[-1], value)


def _expand(data: Any, model: type[BaseModel]) -> Any:
    """Replace shorthand values of sections by their mapping, recursively."""
    if not isinstance(data, dict):
        return data
    out = {}
    for key, value in data.items():
        field = model.model_fields.get(key) if isinstance(key, str) else None
        ann = field.annotation if field is not None else None
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            shorthand = getattr(ann, "shorthand", None)
            if shorthand and not isinstance(value, dict):
                value = {shorthand: value}
            value = _expand(value, ann)
        out[key] = value
    return out


def normalise(
    data: dict[str, Any], root: type[BaseModel], renamed: dict[str, str] | None = None
) -> dict[str, Any]:
    """Raw scenario data with old names moved to new paths and shorthand values expanded.

    A new path given explicitly wins over its old name.

    Args:
        data: the mapping read from a file (or overrides).
        root: the model the data are for (the scenario).
        renamed: if given, receives new path -> old path for every rename applied, so that
            messages can quote what the user wrote.
    """
    data = _expand(copy.deepcopy(data), root)
    for old, new in RENAMED.items():
        found, value = _pop(data, old.split("."))
        if found:
            _put(data, new.split("."), value)
            if renamed is not None:
                renamed[new] = old
    return data
