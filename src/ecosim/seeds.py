"""One kind of seed for every entry point.

A run's randomness comes from one ``numpy.random.SeedSequence``. Every entry point accepts
the same :data:`SeedLike` values and turns them into that sequence the same way, so
``ecosim.run(scenario, seed=7)``, ``run_once(scenario, 7)`` and the Mesa path
``EcosystemModel(scenario, rng=7)`` give the same run, and any run of a sweep or a
comparison is reproduced from what its manifest records for it::

    manifest = json.load(open("results/sweep-x/manifest.json"))
    ecosim.run(scenario, seed=manifest["replicate_seeds"][r])  # run r of every point

A manifest records a seed as ``{"entropy": "2026", "spawn_key": [3]}``: replicate 3 of base
seed 2026 (``SeedSequence(2026).spawn(n)[3]``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

__all__ = ["DEFAULT_SEED", "SeedLike", "generator", "seed_record", "seed_sequence"]

DEFAULT_SEED = 2026
"""The seed every entry point uses when none is given (``run``, ``compare``, ``sweep``,
``calibrate``, ``make demo``, the Python API, EMA and the classroom app), so the same
baseline reads the same figures in every report (issue 16: 0 in one place and 2026 in
another gave 44.7 approvals in one report and 47.4 in the other)."""

SeedLike = int | np.random.SeedSequence | Mapping[str, Any]
"""An integer, a ``SeedSequence``, or a manifest's record ``{"entropy", "spawn_key"}``."""


def seed_sequence(seed: SeedLike) -> np.random.SeedSequence:
    """The ``SeedSequence`` a seed stands for.

    Raises:
        TypeError: not a seed (a float, a string, a record without ``entropy``).
    """
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, (bool, np.bool_)):
        raise TypeError(f"not a seed: {seed!r}")
    if isinstance(seed, (int, np.integer)):
        if seed < 0:
            raise TypeError(f"a seed must be >= 0, got {seed}")
        return np.random.SeedSequence(int(seed))
    if isinstance(seed, Mapping) and "entropy" in seed:
        key = seed.get("spawn_key", ())
        if not isinstance(key, Sequence) or isinstance(key, str):
            raise TypeError(f"spawn_key must be a list of integers, got {key!r}")
        return np.random.SeedSequence(int(seed["entropy"]), spawn_key=tuple(int(k) for k in key))
    raise TypeError(
        f"not a seed: {seed!r} (an integer, a SeedSequence or a manifest's "
        '{"entropy": ..., "spawn_key": [...]})'
    )


def generator(seed: SeedLike | np.random.Generator | None) -> np.random.Generator:
    """The run's generator: the given one, or a fresh one from the seed (OS entropy if None)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        return np.random.default_rng()
    return np.random.default_rng(seed_sequence(seed))


def seed_record(seed: np.random.SeedSequence) -> dict[str, Any]:
    """What a manifest records for a seed (JSON; :func:`seed_sequence` reads it back)."""
    return {"entropy": str(seed.entropy), "spawn_key": list(seed.spawn_key)}
