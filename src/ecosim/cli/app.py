"""``ecosim app``: the classroom web app."""

from __future__ import annotations

import argparse
import sys

from ecosim.cli.parser import EXIT_BAD_INPUT

__all__ = ["cmd_app"]


def cmd_app(args: argparse.Namespace) -> int:
    """Serve the classroom app (offline; 127.0.0.1 unless told otherwise)."""
    from ecosim.app.server import AppError, serve

    try:
        return serve(
            port=args.port,
            host=args.host,
            scenario=args.scenario,
            idle_minutes=args.idle_minutes,
        )
    except AppError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
