"""The ``ecosim`` command line (thin: parsing, messages and exit codes only).

One module per command: :mod:`~ecosim.cli.run`, :mod:`~ecosim.cli.compare`,
:mod:`~ecosim.cli.library` (scenarios, validate, schema), :mod:`~ecosim.cli.sweep`
(sweep, analyze, discover), :mod:`~ecosim.cli.calibrate` and :mod:`~ecosim.cli.app`;
:mod:`~ecosim.cli.output` is the one atomic-output pipeline of ``run`` and ``compare``.

Exit codes: 0 success, 1 internal error, 2 bad input (scenario, arguments, output
folder), 130 interrupted. Bad input never prints a traceback; set ``ECOSIM_DEBUG=1`` to
see one for internal errors.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ecosim.cli.app import cmd_app
from ecosim.cli.calibrate import cmd_calibrate
from ecosim.cli.compare import cmd_compare
from ecosim.cli.library import cmd_scenarios, cmd_schema, cmd_validate
from ecosim.cli.parser import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    build_parser,
)
from ecosim.cli.run import cmd_run
from ecosim.cli.sweep import cmd_analyze, cmd_discover, cmd_sweep
from ecosim.scenario import ScenarioError

__all__ = ["main"]

COMMANDS = {
    "sweep": cmd_sweep,
    "analyze": cmd_analyze,
    "discover": cmd_discover,
    "calibrate": cmd_calibrate,
    "run": cmd_run,
    "compare": cmd_compare,
    "scenarios": cmd_scenarios,
    "validate": cmd_validate,
    "schema": cmd_schema,
    "app": cmd_app,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ecosim`` command; returns the exit code."""
    from ecosim.experiments.engine import EngineError
    from ecosim.experiments.storage import OutputError
    from ecosim.invariants import InvariantError

    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or an argument error (2)
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command](args)
    except ScenarioError as exc:
        for line in exc.messages:
            print(f"error: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except InvariantError as exc:
        msg = f"error: the model broke an invariant (a bug, please report it): {exc}"
        print(msg, file=sys.stderr)
        return EXIT_INTERNAL
    except (OutputError, EngineError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("\ninterrupted: no results were written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # an internal error: short message unless debugging
        if os.environ.get("ECOSIM_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("set ECOSIM_DEBUG=1 to see the traceback, and please report it", file=sys.stderr)
        return EXIT_INTERNAL
