"""``ecosim compare``: scenarios on the same seeds, with a report."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ecosim.cli.output import atomic_output, safe_name, write_entities, write_scenario
from ecosim.cli.parser import EXIT_OK
from ecosim.scenario import Scenario, ScenarioError, load_scenario

__all__ = ["cmd_compare", "load_all"]


def load_all(paths: Sequence[Path]) -> list[Scenario]:
    """Load every file; raise one :class:`ScenarioError` listing every error of every file.

    Names are made unique (a report needs one name per scenario).
    """
    scenarios, errors = [], []
    for path in paths:
        try:
            scenarios.append(load_scenario(path))
        except ScenarioError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ScenarioError(errors)
    seen: set[str] = set()
    for s, path in zip(scenarios, paths, strict=True):
        if s.name in seen:
            s.name = f"{s.name}-{Path(path).stem}" if s.name != Path(path).stem else s.name
            while s.name in seen:
                s.name += "'"
        seen.add(s.name)
    return scenarios


def cmd_compare(args: argparse.Namespace) -> int:
    """Run every scenario on the same seeds; write tables, charts, reports and entities."""
    from tqdm import tqdm

    from ecosim.analysis.comparison import comparison_table, findings
    from ecosim.analysis.report import write_comparison
    from ecosim.experiments.compare import run_comparison
    from ecosim.experiments.posterior_runs import load_posterior

    files = [args.base, *args.others]
    scenarios = load_all(files)  # every error of every file, before any run
    posterior = load_posterior(args.posterior) if args.posterior else None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = args.out or Path("results") / f"compare-{scenarios[0].name}-{stamp}"
    command = "ecosim " + " ".join(sys.argv[1:]) if sys.argv[1:] else "ecosim compare"
    manifest = {
        "command": command,
        "scenarios": {s.name: str(f) for s, f in zip(scenarios, files, strict=True)},
        "base": scenarios[0].name,
        "replicates": args.replicates,
        "seed": args.seed,
        "posterior": str(args.posterior) if args.posterior else None,
    }
    with atomic_output(out, manifest) as tmp:
        total = args.replicates * len(scenarios) * (2 if posterior is not None else 1)
        with tqdm(
            total=total, desc="compare", unit="run", disable=args.quiet, file=sys.stderr
        ) as bar:
            comp = run_comparison(
                scenarios,
                args.replicates,
                args.seed,
                args.workers,
                progress=bar.update,
                posterior=posterior,
                posterior_file=str(args.posterior or ""),
            )
        manifest["replicate_seeds"] = comp.results[comp.base].seeds
        if comp.draws is not None:
            manifest["posterior_draws"] = comp.draws
        paths = write_comparison(comp, tmp, command)
        for s, f in zip(scenarios, files, strict=True):
            write_scenario(tmp, f"scenario-{safe_name(s.name)}.yaml", s, f)
        if not args.no_entities:
            write_entities(tmp, _stacked_entities(comp))
    table = comparison_table(comp)
    for name, sentences in findings(comp, table).items():
        print(f"\n{name} vs {comp.base} ({args.replicates} paired replicates):")
        for line in sentences[:6]:
            print(f"  - {line}")
    if comp.with_posterior is not None:
        from ecosim.analysis.uncertainty import uncertainty_sentences, uncertainty_table

        unknown = uncertainty_table(comp)
        for name in comp.names[1:]:
            print(f"\n{name}: luck or what we do not know (posterior {args.posterior}):")
            for line in uncertainty_sentences(unknown, name)[:4]:
                print(f"  - {line}")
    print(f"\nReport: {out / paths['report_html'].name}")
    print(f"        {out / paths['report_md'].name}")
    return EXIT_OK


def _stacked_entities(comp) -> dict[str, pd.DataFrame]:
    """Every scenario's entity tables, one table per kind with a ``scenario`` column."""
    out: dict[str, list[pd.DataFrame]] = {}
    for name, res in comp.results.items():
        for kind, df in res.entities.items():
            out.setdefault(kind, []).append(df.assign(scenario=name)[["scenario", *df.columns]])
    return {kind: pd.concat(frames, ignore_index=True) for kind, frames in out.items()}
