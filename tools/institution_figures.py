"""Membership, termination and network figures of scenarios (issue 13's before/after).

For each scenario, runs replicates (seeds spawned from ``--seed``, as ``ecosim compare``
does) and reports the mean over replicates of:

- partnerships: formed per run; ended by reason (shares of ended partnerships); the
  share of partnerships formed between a pair that had worked together before (repeat
  partnering); the share of academic collaborations held by the busiest academic centre;
- the network at the end: density and clustering (``network_*_end``);
- reputation: the spread (standard deviation) across live firms of what the
  organisations that know a firm think of it (its mean trust among those acquainted with
  it, or among all live organisations where the model keeps no acquaintance);
- consortia and the initiative: members at the end, joins, and leaves by reason.

Usage::

    .venv/bin/python tools/institution_figures.py scenarios/siloed.yaml \
        scenarios/collective_impact.yaml --replicates 10 --seed 2026 --out figures.csv
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from ecosim import load_scenario
from ecosim.experiments.replicates import replicate_seeds
from ecosim.metrics import summarise
from ecosim.model import EcosystemModel
from ecosim.records import entity_tables
from ecosim.sectors import FIRMS, Sector


def _reputation_spread(m: EcosystemModel) -> float:
    n = m.n_orgs
    alive = m.alive[:n]
    known = getattr(m, "acquainted", None)
    seen = known[:n, :n].copy() if known is not None else np.ones((n, n), dtype=bool)
    seen &= alive[:, None]
    np.fill_diagonal(seen, False)
    firms = np.flatnonzero(alive & np.isin(m.sector_code[:n], [m.SECTOR_CODES[s] for s in FIRMS]))
    counts = seen[:, firms].sum(axis=0)
    sums = np.where(seen[:, firms], m.trust[:n, firms], 0.0).sum(axis=0)
    rep = sums[counts > 0] / counts[counts > 0]
    return float(rep.std()) if len(rep) > 1 else float("nan")


def _one(job: tuple[str, np.random.SeedSequence]) -> dict[str, float]:
    path, ss = job
    scenario = load_scenario(path)
    m = EcosystemModel(scenario, rng=np.random.default_rng(ss))
    for _ in range(scenario.steps):
        m.step()
    rec = entity_tables(m)
    summary = summarise(m.recorder.frame(), rec, scenario)
    parts = rec["partnerships"]
    ended = parts[parts["end_reason"] != "active"]
    row: dict[str, float] = {"partnerships_formed": float(len(parts))}
    for reason, share in ended["end_reason"].value_counts(normalize=True).items():
        row[f"ended_{reason}"] = float(share)
    lo, hi = parts[["a", "b"]].min(axis=1), parts[["a", "b"]].max(axis=1)
    pair = lo.astype(str) + "-" + hi.astype(str)
    row["repeat_partnering_share"] = float(pair.duplicated().mean()) if len(pair) else 0.0
    acad = parts[parts["kind"] == "academic_collaboration"]
    if len(acad):
        centre = np.where(acad["sector_a"] == Sector.academia.value, acad["a"], acad["b"])
        row["top_centre_share"] = float(pd.Series(centre).value_counts(normalize=True).iloc[0])
    row["network_density_end"] = summary["network_density_end"]
    row["network_clustering_end"] = summary["network_clustering_end"]
    row["termination_rate"] = summary["partnership_termination_rate"]
    row["reputation_spread_firms"] = _reputation_spread(m)
    mem = rec["memberships"]
    for kind, group in mem.groupby("consortium"):
        row[f"{kind}_joins"] = float(len(group))
        row[f"{kind}_members_end"] = float((group["reason"] == "member").sum())
        row[f"{kind}_left_low_trust"] = float((group["reason"] == "low_trust").sum())
        row[f"{kind}_left_other"] = float((~group["reason"].isin(["member", "low_trust"])).sum())
    return row


def main() -> None:
    """Run the scenarios and print (and optionally write) the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="+", type=Path)
    ap.add_argument("--replicates", type=int, default=10)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    table = {}
    with ProcessPoolExecutor(args.workers) as pool:
        for path in args.scenarios:
            jobs = [(str(path), ss) for ss in replicate_seeds(args.seed, args.replicates)]
            rows = pd.DataFrame(list(pool.map(_one, jobs)))
            table[path.stem] = rows.mean()
    out = pd.DataFrame(table)
    pd.set_option("display.width", 200)
    print(out.round(4).to_string())
    if args.out:
        out.to_csv(args.out)


if __name__ == "__main__":
    main()
