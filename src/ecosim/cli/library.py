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


def file_kind(path: Path) -> str:
    """``scenario``, ``experiment`` or ``calibration``, from a file's top-level keys.

    A calibration lists ``targets`` (a scenario's ``targets`` is a mapping); an experiment
    names a ``base`` scenario and lists the ``parameters`` it varies; anything else is read
    as a scenario (an unreadable file too, so that its error comes from the scenario reader).
    """
    from ecosim.scenario.yaml_safety import read_yaml

    try:
        data = read_yaml(path)
    except ScenarioError:
        return "scenario"
    if isinstance(data.get("targets"), list):
        return "calibration"
    if "base" in data and isinstance(data.get("parameters"), list):
        return "experiment"
    return "scenario"


def _check(path: Path) -> str:
    """What ``path`` is, once checked (raises ScenarioError with every problem)."""
    kind = file_kind(path)
    if kind == "calibration":
        from ecosim.calibration.spec import load_calibration

        cal, _ = load_calibration(path)
        return (
            f"calibration {cal.name}: {len(cal.parameters)} parameters, {len(cal.targets)} targets"
        )
    if kind == "experiment":
        from ecosim.experiments.design import load_experiment

        exp, _ = load_experiment(path)
        return f"experiment {exp.name}: {len(exp.parameters)} parameters"
    return load_scenario(path).name


def cmd_validate(args: argparse.Namespace) -> int:
    """Check scenario, experiment and calibration files; every error of every file, exit 2."""
    bad = 0
    for path in args.files:
        try:
            print(f"ok: {path} ({_check(Path(path))})")
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
