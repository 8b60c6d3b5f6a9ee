"""Who knows which biomarkers and targets, under the IP regime.

A biomarker predicts response to drugs on one target in one subtype: it makes programmes
on that (subtype, target) *slot* biomarker-selected (precision). Each slot has a
biomarker *strength* (0-1, how well it predicts response) that grows with every
discovery, faster when the discoverer has more data. Knowledge is private (the owner
and its licensees), shared (the discoverer and its active partners) or public (the
commons), according to the IP regime; private knowledge leaks to the public at
``science.private_diffusion_per_year``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim.scenario import IPRegime

if TYPE_CHECKING:
    from ecosim.agents.base import Organisation
    from ecosim.model import EcosystemModel

__all__ = ["DATA_WEIGHT", "INITIAL_STRENGTH", "Knowledge"]

DATA_WEIGHT = 0.7
"""Share of a discovery's strength gain that depends on the discoverer's data access."""

INITIAL_STRENGTH = (0.4, 0.8)
"""Range (uniform) of the strength of biomarkers public at the start."""


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
        self.strength = np.where(self.public, model.rng.uniform(*INITIAL_STRENGTH, n_slots), 0.0)
        self.open_targets: list[tuple[int, int]] = []
        self.discoveries = 0

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
        """Record a discovery by ``org`` on a slot and give access to it by IP regime."""
        m = self.model
        self.discoveries += 1
        data = (1 - DATA_WEIGHT) + DATA_WEIGHT * m.data_access[org.idx]
        gain = m.params.science.biomarker_strength_gain * data
        self.strength[slot] += gain * (1.0 - self.strength[slot])
        regime = m.params.ip.regime
        if regime == IPRegime.open:
            self.public[slot] = True
        elif regime == IPRegime.shared:
            self.known[org.idx, slot] = True
            for other in m.partnerships.partners_of(org.idx):
                self.known[other, slot] = True
        elif org.sector == "academia":
            licensee = m.deals.license_biomarker(org, slot)
            if licensee < 0:  # no licensee found: the centre publishes
                self.public[slot] = True
        else:
            self.known[org.idx, slot] = True

    def publish_target(self, subtype: int, target: int) -> None:
        """Put an open (pre-competitive) target in the commons."""
        self.open_targets.append((subtype, target))

    def take_open_target(self) -> tuple[int, int] | None:
        """A firm takes the oldest open target, if any."""
        return self.open_targets.pop(0) if self.open_targets else None

    def diffuse(self) -> None:
        """Private biomarkers become public at the diffusion rate."""
        m = self.model
        rate = m.params.science.private_diffusion_per_year / 4.0
        private = self.known.any(axis=0) & ~self.public
        leak = private & (m.rng.random(len(private)) < rate)
        self.public |= leak
