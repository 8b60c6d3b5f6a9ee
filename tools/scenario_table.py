"""Compare every bundled scenario with the siloed baseline on the headline outcomes.

Runs each scenario in ``scenarios/`` with the same replicate seeds as the siloed
baseline (common random numbers) and prints a Markdown table of the paired mean
differences (relative to the baseline) and their paired t-test p-values::

    .venv/bin/python tools/scenario_table.py [--replicates 20] [--seed 2026] [--out FILE]
        [--only NAME ...]

``--only`` runs just the named scenarios against the baseline (rows of scenarios a change
did not touch keep their figures: the seeds are the same).

Used for the before/after tables of the Model 2.0 issues (``docs/design-firms.md``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ecosim.analysis.statistics import paired_comparison
from ecosim.experiments.compare import run_comparison
from ecosim.scenario import load_scenario

OUTCOMES = {
    "approvals": "approvals",
    "patients_matched": "matched",
    "qalys": "QALYs",
    "rd_spend_busd": "R&D spend",
    "cost_per_approval_busd": "cost per approval",
    "firm_exits": "firm exits",
}
"""Summary columns of the table and their short headings."""


def main() -> None:
    """Run the comparison and print (or write) the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", "-n", type=int, default=20)
    parser.add_argument("--seed", "-s", type=int, default=2026)
    parser.add_argument("--out", "-o", type=Path)
    parser.add_argument("--workers", "-w", type=int)
    parser.add_argument("--only", nargs="+", metavar="NAME", help="scenarios to compare")
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[1] / "scenarios"
    names = args.only or sorted(p.stem for p in root.glob("*.yaml"))
    files = [root / "siloed.yaml"] + [root / f"{n}.yaml" for n in names if n != "siloed"]
    scenarios = [load_scenario(f) for f in files]
    comparison = run_comparison(
        scenarios, replicates=args.replicates, seed=args.seed, workers=args.workers
    )
    summary = comparison.summary()
    base = summary[summary.scenario == scenarios[0].name]
    head = "| scenario | " + " | ".join(OUTCOMES.values()) + " |"
    lines = [head, "|---" * (len(OUTCOMES) + 1) + "|"]
    means = " | ".join(f"{base[c].mean():.4g}" for c in OUTCOMES)
    lines.append(f"| siloed (mean) | {means} |")
    for scn in scenarios[1:]:
        other = summary[summary.scenario == scn.name]
        table = paired_comparison(base, other, list(OUTCOMES)).set_index("outcome")
        cells = [f"{table.loc[c, 'rel']:+.1%} (p={table.loc[c, 'p_ttest']:.2g})" for c in OUTCOMES]
        lines.append(f"| {scn.name} | " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
