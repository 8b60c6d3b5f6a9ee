"""``ecosim scenarios``, ``ecosim validate`` and ``ecosim schema``: the scenario library."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecosim.cli.parser import EXIT_BAD_INPUT, EXIT_OK
from ecosim.library import scenario_dir
from ecosim.scenario import Scenario, ScenarioError, load_scenario

__all__ = ["cmd_schema", "cmd_scenarios", "cmd_validate"]


def cmd_scenarios(args: argparse.Namespace) -> int:
    """List the scenario library, or show one scenario fully resolved."""
    from ecosim.scenario_docs import commented_yaml

    folder = scenario_dir(args.dir)
    if args.action == "list":
        files = sorted(folder.glob("*.yaml"))
        if not files:
            print(f"error: {folder}: no scenario files", file=sys.stderr)
            return EXIT_BAD_INPUT
        width = max(len(f.stem) for f in files)
        for f in files:
            try:
                s = load_scenario(f)
                text = s.description.splitlines()[0] if s.description else ""
            except ScenarioError as exc:
                text = f"INVALID: {exc.messages[0]}"
            print(f"{f.stem:<{width}}  {text}")
        return EXIT_OK
    path = Path(args.name)
    if not path.exists():
        path = folder / f"{args.name}.yaml"
    if not path.exists():
        names = ", ".join(sorted(f.stem for f in folder.glob("*.yaml")))
        print(f"error: no scenario {args.name!r} in {folder} (known: {names})", file=sys.stderr)
        return EXIT_BAD_INPUT
    scenario = load_scenario(path)
    print(
        commented_yaml(scenario, f"# {path} resolved (extends followed, defaults filled)"), end=""
    )
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Check scenario files; every error of every file, exit 2 if any."""
    bad = 0
    for path in args.files:
        try:
            s = load_scenario(path)
            print(f"ok: {path} ({s.name})")
        except ScenarioError as exc:
            bad += 1
            for line in exc.messages:
                print(f"error: {line}", file=sys.stderr)
    if bad:
        print(f"{bad} of {len(args.files)} files have errors", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of scenario files (for editor completion)."""
    import json

    print(json.dumps(Scenario.model_json_schema(), indent=2))
    return EXIT_OK
