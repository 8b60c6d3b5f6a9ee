"""The long-run check of the siloed baseline: whether the ecosystem is stationary.

Runs the baseline for 60 years (``--years``) on 20 replicates and compares, for each
quantity, the mean over replicates of its average over years 28-30 with the same over
years 58-60 (the last ``--window`` years of each half)::

    .venv/bin/python tools/long_run.py [--replicates 20] [--seed 2026] [--years 60]

The calibration page (``docs/calibration.md``) reports the table; the test
``tests/test_calibration.py::test_long_run_stationary`` asserts the 15 % band.
"""

from __future__ import annotations

import argparse

from ecosim.analysis.long_run import long_run_markdown, long_run_table


def main() -> None:
    """Print the long-run table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", "-n", type=int, default=20)
    parser.add_argument("--seed", "-s", type=int, default=2026)
    parser.add_argument("--years", type=float, default=60.0)
    parser.add_argument("--window", type=float, default=2.0)
    parser.add_argument("--workers", "-w", type=int)
    args = parser.parse_args()
    table = long_run_table(args.replicates, args.seed, args.years, args.window, args.workers)
    print(long_run_markdown(table))


if __name__ == "__main__":
    main()
