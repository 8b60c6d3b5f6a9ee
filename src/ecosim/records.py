"""Entity records: what happened to each organisation, programme, partnership, therapy.

:func:`entity_tables` turns a finished (or running) model into tidy tables, one row per
entity, so that researchers can ask questions that per-step counts cannot answer ("how
long do academic collaborations last?", "which programmes were early-engaged?"):

- ``organisations``: row, sector, region, entry and exit step, capabilities, end cash;
- ``programmes``: owner and originator (with sectors), last working partner, licensor,
  subtype, target, flags (``marketed_at_start``: a therapy approved before the run),
  the step it entered each phase, how and when it ended, spend by phase;
- ``partnerships``: both members and their sectors, kind, programme, start and end step,
  end reason, shared IP;
- ``therapies``: programme, subtype, approval step (0 or less: marketed before the
  run), QALY gain, list price here and reference price abroad, test availability, loss of
  exclusivity, patients treated
  and sales so far;
- ``coverage``: one row per therapy and payer: decision, rule mode, decision step, price
  paid, the coverage spell (from, until);
- ``memberships``: one row per membership spell of the collective-impact initiative
  (consortium ``initiative``) or a consortium: join, leave, reason (``member`` while it
  lasts, ``low_trust``, ``exit``, ``cost`` (membership did not pay), ``chosen`` (a
  person playing it chose to leave) or ``initiative`` (left the initiative, hence its
  platforms));
- ``deals``: one row per negotiation between firms, and of academic targets (licences
  under exclusive IP, collaborations under shared IP, without payments): kind,
  programme and its phase, seller and buyer with sectors, outcome (agreed, or why it
  failed), upfront, milestones, royalty, and each side's value of the deal.

Steps are quarters (step 0 is the world before the first quarter; -1 means never).
Run-level outcomes that can be computed from these records are
(:func:`ecosim.metrics.summarise`), so the two cannot disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ecosim.agents.base import CAPABILITIES
from ecosim.bargaining import DEAL_KINDS, OUTCOMES
from ecosim.market import CoverageStatus
from ecosim.partnerships import KINDS, PartnershipEnd
from ecosim.pipeline import PHASE_KEYS, EndReason, Phase
from ecosim.sectors import Sector

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["ENTITY_TABLES", "entity_tables"]

ENTITY_TABLES = (
    "organisations",
    "programmes",
    "partnerships",
    "therapies",
    "coverage",
    "memberships",
    "deals",
)
"""Names of the entity tables, in output order."""

_SECTOR_NAMES = np.array([s.value for s in Sector] + [""], dtype=object)  # -1: none


def _sector(m: EcosystemModel, rows: np.ndarray) -> np.ndarray:
    """Sector name of each organisation row ("" for -1)."""
    codes = np.where(rows >= 0, m.sector_code[np.maximum(rows, 0)], -1)
    return _SECTOR_NAMES[codes]


def organisations(m: EcosystemModel) -> pd.DataFrame:
    """One row per organisation that ever existed in the run."""
    n = m.n_orgs
    rows = np.arange(n)
    table = {
        "organisation": rows,
        "sector": _sector(m, rows),
        "region": [o.region for o in m.orgs],
        "entry_step": m.entry_step[:n],
        "exit_step": m.exit_step[:n],
        "cash_end_musd": [o.cash for o in m.orgs],
    }
    for k, name in enumerate(CAPABILITIES):
        table[f"capability_{name}"] = m.caps[:n, k]
    return pd.DataFrame(table)


def _programme_outcome(p) -> np.ndarray:
    """How each programme stands: approved, an end reason, or active."""
    names = np.array([r.name for r in EndReason], dtype=object)
    out = names[p.view("end_reason")]
    out[p.view("phase") < Phase.APPROVED] = "active"
    return out


def programmes(m: EcosystemModel) -> pd.DataFrame:
    """One row per programme ever started."""
    p = m.programmes
    entered = p.view("entered")
    last = np.max(np.where(entered >= 0, np.arange(len(PHASE_KEYS)), -1), axis=1)
    outcome = _programme_outcome(p)
    end_step = np.where(outcome == EndReason.approved.name, p.view("approved_step"), -1)
    end_step = np.where(p.view("phase") == Phase.ENDED, p.view("ended_step"), end_step)
    table = {
        "programme": np.arange(p.n),
        "owner": p.view("owner"),
        "owner_sector": _sector(m, p.view("owner")),
        "originator": p.view("originator"),
        "originator_sector": _sector(m, p.view("originator")),
        "partner": p.view("last_partner"),
        "partner_sector": _sector(m, p.view("last_partner")),
        "licensor": p.view("licensor"),
        "licensor_sector": _sector(m, p.view("licensor")),
        "subtype": p.view("subtype"),
        "target": p.view("target"),
        "precision": p.view("precision"),
        "open_ip": p.view("open_ip"),
        "early_engagement": p.view("early_engagement"),
        "priority_review": p.view("priority_review"),
        "accelerated": p.view("accelerated_step") >= 0,
        "accelerated_step": p.view("accelerated_step"),
        "duplicated": p.view("was_duplicate"),
        "marketed_at_start": (p.view("phase") == Phase.APPROVED) & (p.view("approved_step") < 1),
        "start_step": p.view("start_step"),
        **{f"entered_{key}": entered[:, k] for k, key in enumerate(PHASE_KEYS)},
        "last_phase": np.array(PHASE_KEYS + ("",), dtype=object)[last],
        "outcome": outcome,
        "end_step": end_step,
        "spent_musd": p.view("spent"),
        **{f"spent_{key}_musd": p.view("spent_phase")[:, k] for k, key in enumerate(PHASE_KEYS)},
    }
    return pd.DataFrame(table)


def partnerships(m: EcosystemModel) -> pd.DataFrame:
    """One row per bilateral partnership ever formed."""
    ps = m.partnerships
    a, b = ps.view("a"), ps.view("b")
    return pd.DataFrame(
        {
            "partnership": np.arange(ps.n),
            "a": a,
            "sector_a": _sector(m, a),
            "b": b,
            "sector_b": _sector(m, b),
            "kind": np.array(KINDS, dtype=object)[ps.view("kind")],
            "programme": ps.view("programme"),
            "start_step": ps.view("start"),
            "end_step": ps.view("end_step"),
            "end_reason": np.array([e.name for e in PartnershipEnd], dtype=object)[
                ps.view("status")
            ],
            "shared_ip": ps.view("shared_ip"),
        }
    )


def therapies(m: EcosystemModel) -> pd.DataFrame:
    """One row per approved therapy."""
    mk = m.market
    pids = np.array(mk.programme, dtype=np.int64)
    return pd.DataFrame(
        {
            "therapy": np.arange(mk.n),
            "programme": pids,
            "owner_end": m.programmes.owner[pids] if mk.n else np.zeros(0, dtype=np.int64),
            "subtype": np.array(mk.subtype, dtype=np.int64),
            "precision": np.array(mk.precision, dtype=bool),
            "approval_step": np.array(mk.approved, dtype=np.int64),
            "test_ready_step": np.array(mk.dx_ready, dtype=np.int64),
            "qaly_gain": np.array(mk.qaly, dtype=float),
            "qaly_gain_estimate": np.array(mk.qaly_estimate, dtype=float),
            "approval_withdrawn": np.array(mk.revoked, dtype=bool),
            "list_price_usd": np.array(mk.price, dtype=float),
            "world_price_usd": np.array(mk.world_price, dtype=float),
            "lost_exclusivity": np.array(mk.generic, dtype=bool),
            "patients_treated": np.array(mk.treated, dtype=float),
            "sales_musd": np.array(mk.sales, dtype=float),
        }
    )


def deals(m: EcosystemModel) -> pd.DataFrame:
    """One row per negotiation (:mod:`ecosim.bargaining`)."""
    log = m.deals.log
    seller, buyer = log.view("seller"), log.view("buyer")
    phase = log.view("phase")
    names = np.array(PHASE_KEYS + ("", ""), dtype=object)
    upfront, milestones = log.view("upfront_musd"), log.view("milestones_musd")
    return pd.DataFrame(
        {
            "step": log.view("step"),
            "kind": np.array(DEAL_KINDS, dtype=object)[log.view("kind")],
            "programme": log.view("programme"),
            "phase": np.where(phase >= 0, names[np.clip(phase, 0, len(names) - 1)], ""),
            "seller": seller,
            "seller_sector": _sector(m, seller),
            "buyer": buyer,
            "buyer_sector": _sector(m, buyer),
            "outcome": np.array(OUTCOMES, dtype=object)[log.view("outcome")],
            "upfront_musd": upfront,
            "milestones_musd": milestones,
            "deal_value_musd": upfront + milestones,
            "royalty": log.view("royalty"),
            "seller_value_musd": log.view("seller_value_musd"),
            "buyer_value_musd": log.view("buyer_value_musd"),
        }
    )


def coverage(m: EcosystemModel) -> pd.DataFrame:
    """One row per therapy and payer: the payer's decision and its coverage spell."""
    mk = m.market
    n_t, n_p = mk.status.shape
    t, k = (a.ravel() for a in np.meshgrid(np.arange(n_t), np.arange(n_p), indexing="ij"))
    payer_rows = np.array([p.idx for p in m.payers], dtype=np.int64)
    payer_share = np.array([p.share for p in m.payers], dtype=np.float64)
    names = np.array([s.name for s in CoverageStatus], dtype=object)
    return pd.DataFrame(
        {
            "therapy": t,
            "programme": np.array(mk.programme, dtype=np.int64)[t],
            "payer": payer_rows[k] if n_p else k,
            "payer_share": payer_share[k] if n_p else np.zeros(0),
            "decision": names[mk.status.ravel()],
            "mode": mk.mode.ravel(),
            "decision_step": mk.decided_at.ravel(),
            "price_paid_usd": mk.paid.ravel(),
            "covered_from": mk.covered_at.ravel(),
            "covered_until": mk.withdrawn_at.ravel(),
            "provisional": mk.provisional.ravel(),
        }
    )


def memberships(m: EcosystemModel) -> pd.DataFrame:
    """One row per spell of consortium membership."""
    spells = m.consortia.spells
    rows = np.array([s.organisation for s in spells], dtype=np.int64)
    return pd.DataFrame(
        {
            "organisation": rows,
            "sector": _sector(m, rows),
            "consortium": [s.consortium for s in spells],
            "join_step": np.array([s.join for s in spells], dtype=np.int64),
            "leave_step": np.array([s.leave for s in spells], dtype=np.int64),
            "reason": [s.reason for s in spells],
        }
    )


def entity_tables(m: EcosystemModel) -> dict[str, pd.DataFrame]:
    """Every entity table of a model (:data:`ENTITY_TABLES`), by name."""
    builders = {
        "organisations": organisations,
        "programmes": programmes,
        "partnerships": partnerships,
        "therapies": therapies,
        "coverage": coverage,
        "memberships": memberships,
        "deals": deals,
    }
    return {name: builders[name](m) for name in ENTITY_TABLES}
