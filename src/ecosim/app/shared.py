"""Worlds stepped once however many students watch them.

A class starts on the same settings and the same seed, and a world depends only on its
scenario and its seed: thirty students pressing Play on the defaults watch the same two
worlds. A :class:`SharedWorld` is stepped once, keeps what the page needs at every
quarter it has reached, and serves each session its own quarter; a :class:`Session` is
one student's pair of worlds and clock. The figures are those of a world of one's own
(the tests compare them with :class:`~ecosim.app.lockstep.Lockstep`); only the work is
shared. A world is freed when its last session closes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ecosim.app.frames import assemble, world_frame
from ecosim.app.lockstep import world_table
from ecosim.model import EcosystemModel
from ecosim.scenario import Scenario

__all__ = ["Session", "SharedWorld", "WorldCache"]


class SharedWorld:
    """One world (scenario, seed) and its frame part at every quarter reached so far."""

    def __init__(self, scenario: Scenario, seed: int):
        self.scenario = scenario
        self.model = EcosystemModel(
            scenario, rng=np.random.default_rng(np.random.SeedSequence(seed))
        )
        self.parts: list[dict[str, Any]] = [world_frame(self.model, "")]
        self.users = 0

    def at(self, quarter: int, name: str) -> dict[str, Any]:
        """The world's frame part at ``quarter`` (stepping it there first), named ``name``."""
        while len(self.parts) <= quarter:
            self.model.step()
            self.parts.append(world_frame(self.model, ""))
        return {**self.parts[quarter], "name": name}


@dataclass
class Session:
    """One student's two worlds, their names and the quarter the student has reached."""

    left: SharedWorld
    right: SharedWorld
    names: tuple[str, str]
    seed: int
    horizon: int
    quarter: int = 0
    keys: tuple[str, str] = field(default=("", ""))

    def step(self, quarters: int) -> dict[str, Any]:
        """Advance by up to ``quarters`` (not past the horizon); return the frame."""
        self.quarter = min(self.quarter + max(0, quarters), self.horizon)
        return self.frame()

    def frame(self) -> dict[str, Any]:
        """The frame at the session's quarter (see :func:`ecosim.app.frames.frame`)."""
        worlds = [
            world.at(self.quarter, name)
            for world, name in zip((self.left, self.right), self.names, strict=True)
        ]
        return assemble(worlds, self.quarter, self.horizon, self.seed)

    def to_csv(self) -> str:
        """Both worlds' recorded steps up to the session's quarter, as CSV text."""
        tables = [
            world_table(w.model, name, w.scenario.name, self.seed, steps=self.quarter)
            for w, name in zip((self.left, self.right), self.names, strict=True)
        ]
        return pd.concat(tables, ignore_index=True).to_csv(index=False)


class WorldCache:
    """The shared worlds of one worker process, by scenario and seed."""

    def __init__(self) -> None:
        self.worlds: dict[str, SharedWorld] = {}

    def _get(self, scenario: Scenario, seed: int) -> tuple[str, SharedWorld]:
        key = f"{seed}:{scenario.model_dump_json()}"
        if key not in self.worlds:
            self.worlds[key] = SharedWorld(scenario, seed)
        world = self.worlds[key]
        world.users += 1
        return key, world

    def open(
        self, baseline: Scenario, chosen: Scenario, seed: int, names: tuple[str, str]
    ) -> Session:
        """A session on the shared worlds of (baseline, seed) and (chosen, seed).

        The baseline takes the chosen scenario's horizon, as in :class:`Lockstep`.
        """
        if baseline.years != chosen.years:
            baseline = baseline.model_copy(update={"years": chosen.years})
        left_key, left = self._get(baseline, seed)
        right_key, right = self._get(chosen, seed)
        return Session(left, right, names, int(seed), chosen.steps, keys=(left_key, right_key))

    def close(self, session: Session) -> None:
        """Release a session's worlds; a world no session watches is freed."""
        for key in session.keys:
            world = self.worlds.get(key)
            if world is not None:
                world.users -= 1
                if world.users <= 0:
                    del self.worlds[key]
