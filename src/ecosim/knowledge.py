"""Who knows which biomarkers and targets, under the IP regime.

A biomarker predicts response to drugs on one target in one subtype: it makes programmes
on that (subtype, target) *slot* biomarker-selected (precision). Each slot has a
biomarker *strength* (0-1, how well it predicts response) that grows with every
discovery, faster when the discoverer has more data. Knowledge is private (the owner
and its licensees), shared (the discoverer and its active partners) or public (the
commons), according to the IP regime (:mod:`ecosim.rules.ip`); private knowledge leaks
to the public at ``science.private_diffusion_per_year``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.units import QUARTERS_PER_YEAR

if TYPE_CHECKING:
    from ecosim.agents.base import Organisation
    from ecosim.model import EcosystemModel

__all__ = ["Knowledge"]


class Knowledge:
    """Biomarker knowledge by organisation and subtype, and the commons of open targets."""

    def __init__(self, model: EcosystemModel, n_subtypes: int, capacity: int):
        self.model = model
        sci = model.params.science
        self.targets = sci.targets_per_subtype
        n_slots = n_subtypes * self.targets
        self.known = np.zeros((capacity, n_slots), dtype=bool)
        n_public = round(sci.initial_biomarker_share * n_slots)
        self.public = np.zeros(n_slots, dtype=bool)
        self.public[model.rng.choice(n_slots, n_public, replace=False)] = True
        low, high = sci.initial_strength
        self.strength = np.where(self.public, model.rng.uniform(low, high, n_slots), 0.0)
        self.open_targets: list[tuple[int, int]] = []

    def grow(self, capacity: int) -> None:
        """Make room for more organisations."""
        extra = np.zeros((capacity - self.known.shape[0], self.known.shape[1]), dtype=bool)
        self.known = np.vstack([self.known, extra])

    def slot(self, subtype: int, target: int) -> int:
        """Index of a (subtype, target) slot."""
        return subtype * self.targets + target

    def has_biomarker(self, idx: int, slot: int) -> bool:
        """Whether organisation ``idx`` can run a biomarker-selected programme on a slot."""
        return bool(self.public[slot] or self.known[idx, slot])

    def usable(self, idx: int) -> np.ndarray:
        """Slots on which organisation ``idx`` can run biomarker-selected programmes."""
        return self.public | self.known[idx]

    def discover_biomarker(self, org: Organisation, slot: int) -> None:
        """Record a discovery by ``org`` on a slot; the IP regime decides who may use it."""
        m = self.model
        weight = m.params.science.data_weight
        data = (1 - weight) + weight * m.data_access[org.idx]
        gain = m.params.science.biomarker_strength_gain * data
        self.strength[slot] += gain * (1.0 - self.strength[slot])
        m.ip.biomarker_discovered(m, org, slot)

    def grant(self, idx: int, slot: int) -> None:
        """Organisation ``idx`` may now use the biomarker on ``slot`` (private knowledge)."""
        self.known[idx, slot] = True

    def make_public(self, slot: int) -> None:
        """The biomarker on ``slot`` becomes public: every firm may use it."""
        self.public[slot] = True

    def publish_target(self, subtype: int, target: int) -> None:
        """Put an open (pre-competitive) target in the commons."""
        self.open_targets.append((subtype, target))

    def take_open_target(self) -> tuple[int, int] | None:
        """A firm takes the oldest open target, if any."""
        return self.open_targets.pop(0) if self.open_targets else None

    def diffuse(self) -> None:
        """Private biomarkers become public at the diffusion rate."""
        m = self.model
        rate = m.params.science.private_diffusion_per_year / QUARTERS_PER_YEAR
        private = self.known.any(axis=0) & ~self.public
        leak = private & (m.rng.random(len(private)) < rate)
        self.public |= leak
