"""Fingerprint the outputs of the bundled scenarios, to check that a refactor changed nothing.

Runs every scenario in ``scenarios/`` for a few seeds and writes, per run, every per-step
column and every per-run outcome to a JSON file. ``--compare OLD.json`` then lists each
output that differs from an earlier fingerprint (with the largest difference), so a change
that should be a pure refactor can be shown to be one, and a fix that changes behaviour
shows exactly which outputs it moves.

Usage::

    .venv/bin/python tools/fingerprint.py --out /tmp/before.json
    # ... change the code ...
    .venv/bin/python tools/fingerprint.py --out /tmp/after.json --compare /tmp/before.json
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from ecosim import load_scenario, run_once

ROOT = Path(__file__).resolve().parents[1]


def fingerprint(seeds: list[int], years: float | None) -> dict[str, dict[str, list[float]]]:
    """Outputs of every bundled scenario and seed: ``{"name/seed": {output: values}}``."""
    out: dict[str, dict[str, list[float]]] = {}
    overrides = {"years": years} if years else None
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = load_scenario(path, overrides)
        for seed in seeds:
            res = run_once(scenario, seed)
            row = {f"step.{c}": res.steps[c].astype(float).tolist() for c in res.steps.columns}
            row.update({f"run.{k}": [float(v)] for k, v in res.summary.items()})
            out[f"{path.stem}/{seed}"] = row
    return out


def _gap(a: list[float], b: list[float]) -> float:
    if len(a) != len(b):
        return math.inf
    worst = 0.0
    for x, y in zip(a, b, strict=True):
        if math.isnan(x) and math.isnan(y):
            continue
        worst = max(worst, abs(x - y) if not (math.isnan(x) or math.isnan(y)) else math.inf)
    return worst


def compare(new: dict, old: dict) -> list[str]:
    """One line per (run, output) that differs; missing or extra outputs too."""
    lines = []
    for run in sorted(set(new) | set(old)):
        if run not in new or run not in old:
            lines.append(f"{run}: only in {'new' if run in new else 'old'}")
            continue
        for key in sorted(set(new[run]) | set(old[run])):
            if key not in new[run] or key not in old[run]:
                lines.append(f"{run} {key}: only in {'new' if key in new[run] else 'old'}")
                continue
            gap = _gap(new[run][key], old[run][key])
            if gap > 0:
                lines.append(f"{run} {key}: differs (largest gap {gap:.3g})")
    return lines


def main() -> None:
    """Write a fingerprint and optionally compare it with an earlier one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path, default=None)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--years", type=float, default=None)
    args = parser.parse_args()
    new = fingerprint(args.seeds, args.years)
    args.out.write_text(json.dumps(new))
    print(f"{args.out}: {len(new)} runs")
    if args.compare:
        lines = compare(new, json.loads(args.compare.read_text()))
        print("\n".join(lines) if lines else "identical to " + str(args.compare))


if __name__ == "__main__":
    main()
