"""Fill the generated parts of the docs from the code and from model runs.

- ``docs/model.md``: the parameter table (from the schema), between the
  ``<!-- parameters:start -->`` and ``<!-- parameters:end -->`` markers.
- ``docs/calibration.md`` (with ``--calibration``): the C1-C13 table from 20 replicates of
  the siloed baseline (seed 2026, as in the tests) and the siloed vs collective-impact
  table, between ``<!-- calibration:... -->`` and ``<!-- comparison:... -->`` markers.
- ``docs/calibration.md`` (with ``--long-run``): the 60-year stationarity check of the
  baseline (``<!-- long-run:... -->``).
- ``docs/calibration.md`` (with ``--posterior DIR``): the fit per target and the
  identifiability table of a finished ``ecosim calibrate`` folder (``<!-- fit:... -->``,
  ``<!-- posterior:... -->``).

Usage: ``.venv/bin/python tools/write_docs.py [--calibration] [--long-run] [--posterior DIR]``.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ecosim import load_scenario, run_replicates
from ecosim.analysis.calibration import (
    EU_SCENARIO,
    EU_TARGETS,
    calibration_table,
    lowest_transition_is_phase2,
)
from ecosim.analysis.long_run import long_run_markdown, long_run_table
from ecosim.calibration.report import fit_markdown, identifiability_markdown
from ecosim.metrics import RUN_OUTCOMES
from ecosim.scenario_docs import parameter_table

ROOT = Path(__file__).resolve().parents[1]
REPLICATES, SEED = 20, 2026


def fill(path: Path, marker: str, body: str) -> None:
    """Replace the text between a marker pair in ``path``."""
    text = path.read_text()
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{path}: markers for {marker!r} not found")
    path.write_text(pattern.sub(lambda _: f"{start}\n{body}\n{end}", text))


def fmt(x: float) -> str:
    """Format a number for a Markdown table."""
    if not np.isfinite(x):
        return "n/a"
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def calibration_section() -> tuple[str, str]:
    """Run both bundled scenarios; return the calibration and the comparison tables."""
    siloed = run_replicates(load_scenario(ROOT / "scenarios/siloed.yaml"), REPLICATES, SEED)
    european = run_replicates(load_scenario(ROOT / "scenarios" / EU_SCENARIO), REPLICATES, SEED)
    table = pd.concat(
        [calibration_table(siloed.summary), calibration_table(european.summary, EU_TARGETS)]
    )
    lines = [
        "| # | metric | target | model (mean ± 95 % CI) | in range | source |",
        "|---|---|---|---|---|---|",
    ]
    for r in table.itertuples():
        lines.append(
            f"| {r.code} | {r.metric} | {r.low:.3g}-{r.high:.3g} | {r.model:.3g} ± {r.ci95:.2g} "
            f"| {'yes' if r.ok else '**no**'} | {r.source} |"
        )
    c3 = lowest_transition_is_phase2(siloed.summary)
    lines.append(
        f"| C3 | phase II to III is the lowest transition | strictly lowest | "
        f"{'lowest' if c3 else 'not lowest'} | {'yes' if c3 else '**no**'} | BIO 2021 |"
    )
    collective = run_replicates(
        load_scenario(ROOT / "scenarios/collective_impact.yaml"), REPLICATES, SEED
    )
    a = siloed.summary.drop(columns="replicate")
    b = collective.summary.drop(columns="replicate")
    diff = b - a  # same seeds: paired differences (common random numbers)
    rows = [
        "| outcome | siloed | collective impact | difference (95 % CI, paired) |",
        "|---|---|---|---|",
    ]
    for col, desc in RUN_OUTCOMES.items():
        d = diff[col].dropna()
        half = 1.96 * d.std(ddof=1) / np.sqrt(len(d)) if len(d) > 1 else float("nan")
        rows.append(
            f"| {desc} | {fmt(a[col].mean())} | {fmt(b[col].mean())} | "
            f"{fmt(d.mean())} ± {fmt(half)} |"
        )
    return "\n".join(lines), "\n".join(rows)


def main() -> None:
    """Write the generated doc sections."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calibration", action="store_true", help="also run the model")
    parser.add_argument(
        "--long-run", action="store_true", help="also run the 60-year check of the baseline"
    )
    parser.add_argument(
        "--posterior", type=Path, help="a finished calibration folder (ecosim calibrate --out)"
    )
    args = parser.parse_args()
    fill(ROOT / "docs/model.md", "parameters", parameter_table())
    print("docs/model.md: parameter table written")
    if args.calibration:
        calib, comparison = calibration_section()
        fill(ROOT / "docs/calibration.md", "calibration", calib)
        fill(ROOT / "docs/calibration.md", "comparison", comparison)
        print("docs/calibration.md: tables written")
    if args.long_run:
        fill(ROOT / "docs/calibration.md", "long-run", long_run_markdown(long_run_table()))
        print("docs/calibration.md: long-run table written")
    if args.posterior:
        doc = ROOT / "docs/calibration.md"
        fill(doc, "fit", fit_markdown(pd.read_csv(args.posterior / "fit.csv")))
        ident = pd.read_csv(args.posterior / "identifiability.csv")
        fill(doc, "posterior", identifiability_markdown(ident))
        print(f"docs/calibration.md: fit and posterior tables from {args.posterior} written")


if __name__ == "__main__":
    main()
