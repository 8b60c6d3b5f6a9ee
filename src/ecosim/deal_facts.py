"""Run outcomes of firms' deals and decisions: the deal facts C11-C13 and what firms did.

Computed from the entity tables (:mod:`ecosim.records`), like every run outcome
(:func:`ecosim.metrics.summarise`):

- C11: the median of upfront / (upfront + milestones) over agreed licences and
  co-developments between firms;
- C12: the median royalty of agreed firm-to-firm licences signed early (discovery to
  phase I) and late (phase II on);
- C13: of the programmes in the clinic (phase I or later) whose last holder was a pharma
  firm, as owner or co-developing partner, the share another organisation originated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecosim.pipeline import PHASE_KEYS, Phase
from ecosim.sectors import FIRMS, Sector

__all__ = ["deal_facts"]

_EARLY = PHASE_KEYS[: int(Phase.PHASE1) + 1]
_FIRM_DEALS = ("licence", "co_development")


def _median(values: pd.Series) -> float:
    return float(values.median()) if len(values) else float("nan")


def deal_facts(records: dict[str, pd.DataFrame], steps: pd.DataFrame) -> dict[str, float]:
    """C11-C13, deals agreed, stops by reason and R&D per dollar of revenue."""
    deals = records["deals"]
    firms = deals["seller_sector"].isin(FIRMS) & deals["buyer_sector"].isin(FIRMS)
    agreed = deals[(deals["outcome"] == "agreed") & firms]
    struct = agreed[agreed["kind"].isin(_FIRM_DEALS) & (agreed["deal_value_musd"] > 0)]
    licences = agreed[agreed["kind"] == "licence"]
    early = licences["phase"].isin(_EARLY)
    progs = records["programmes"]
    clinic = progs["entered_phase1"].to_numpy() >= 0
    owner_pharma = (progs["owner_sector"] == Sector.pharma).to_numpy()
    partner_pharma = (progs["partner_sector"] == Sector.pharma).to_numpy() & ~owner_pharma
    holder = np.where(owner_pharma, progs["owner"], progs["partner"])
    held = clinic & (owner_pharma | partner_pharma)
    external = held & (progs["originator"].to_numpy() != holder)
    revenue = float(steps["firm_revenue_musd"].sum())
    return {
        "upfront_share": _median(struct["upfront_musd"] / struct["deal_value_musd"]),
        "royalty_early": _median(licences.loc[early, "royalty"]),
        "royalty_late": _median(licences.loc[~early, "royalty"]),
        "external_share": float(external.sum() / held.sum()) if held.sum() else float("nan"),
        "deals_agreed": float(len(agreed[agreed["kind"] != "academic_licence"])),
        "no_go_stops": float((progs["outcome"] == "no_go").sum()),
        "budget_stops": float((progs["outcome"] == "strategic").sum()),
        "rd_to_revenue": float(steps["rd_spend_musd"].sum() / revenue) if revenue > 0 else 0.0,
    }
