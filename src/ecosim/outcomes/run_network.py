"""Per-run outcomes of partnerships, the network and the initiative (:mod:`ecosim.outcomes.run`)."""

from __future__ import annotations

from ecosim.outcomes.base import F1, F2, PCT, G, Outcome
from ecosim.outcomes.base import run_outcome as _run

__all__ = ["NETWORK"]

NETWORK: tuple[Outcome, ...] = (
    _run(
        "partnerships_formed",
        "partnerships",
        "partnerships formed",
        "Bilateral partnerships formed in the run.",
    ),
    _run(
        "partnership_termination_rate",
        "fraction",
        "share of partnerships terminated early",
        "Share of ended partnerships that were terminated early (low trust, dispute, "
        "strategic stop).",
        fmt=PCT,
        better=-1,
    ),
    _run(
        "initiative_members_end",
        "organisations",
        "initiative members (end)",
        "Members of the collective-impact initiative, mean of the last "
        "``observation.end_window_years``.",
        fmt="{:.1f}",
    ),
    _run(
        "initiative_spend_busd",
        "billion USD",
        "initiative membership cost (bn USD)",
        "Fees, staff effort, data curation and meetings members spent on the initiative.",
        fmt=F2,
        better=-1,
    ),
    _run(
        "network_density_end",
        "0-1",
        "partnership network density (end)",
        "Partnership network density, mean of the last ``observation.end_window_years``.",
        fmt="{:.4f}",
    ),
    _run(
        "network_clustering_end",
        "0-1",
        "partnership network clustering (end)",
        "Partnership network clustering, mean of the end window.",
        fmt=G,
    ),
    _run(
        "trust_industry_end",
        "0-1",
        "trust between firms (end)",
        "Mean trust between firms, mean of the end window.",
        fmt=F2,
        better=1,
    ),
    _run(
        "trust_partners_end",
        "0-1",
        "trust between partners (end)",
        "Mean mutual trust of active partners, mean of the end window.",
        fmt=F2,
        better=1,
    ),
    _run("firm_exits", "firms", "biotech exits", "Biotech exits in the run.", fmt=F1, better=-1),
)
"""Run outcomes of partnerships, the network, trust, the initiative and firm exits."""
