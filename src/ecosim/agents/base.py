"""The organisation agent shared by every stakeholder type.

An organisation has a sector, a row in the model's trust matrix (``idx``), a region, a
capability vector (discovery, clinical, regulatory, commercial, data; each 0-1, drawn
from Beta distributions around its sector's means in the ``capabilities`` section),
cash in million USD, and a decision rule in ``step``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

from ecosim.sectors import Capability

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel
    from ecosim.scenario.world import Capabilities

__all__ = ["CAPABILITIES", "Organisation", "sector_means"]

CAPABILITIES = tuple(c.name for c in Capability)
"""Names of the capabilities, in the order of the capability vector."""


def sector_means(params: Capabilities, sector: str) -> np.ndarray:
    """Mean capability vector of a sector (``capabilities.<sector>``)."""
    profile = getattr(params, sector)
    return np.array([getattr(profile, name) for name in CAPABILITIES])


class Organisation(mesa.Agent):
    """Base class of every stakeholder agent.

    Attributes:
        sector: sector name (:class:`ecosim.sectors.Sector`).
        idx: row of this organisation in the model's trust and capability arrays.
        region: home region index.
        cash: cash in million USD (stored in the model's ``cash`` array).
        alive: False once the organisation has exited.
    """

    sector = "organisation"

    def __init__(self, model: EcosystemModel, region: int, cash: float = 0.0):
        super().__init__(model)
        self.region = region
        self.alive = True
        means = sector_means(model.params.capabilities, self.sector)
        k = model.params.capabilities.concentration
        caps = model.rng.beta(means * k, (1 - means) * k)
        self.idx = model.register_organisation(self, caps)
        self.cash = cash
        model.ledger.open_account(self.idx, cash)

    @property
    def model_(self) -> EcosystemModel:
        """The model, typed as an :class:`~ecosim.model.EcosystemModel`."""
        return self.model  # type: ignore[return-value]

    @property
    def cash(self) -> float:
        """Cash in million USD (a view of the model's cash array)."""
        return float(self.model_.cash[self.idx])

    @cash.setter
    def cash(self, musd: float) -> None:
        self.model_.cash[self.idx] = musd

    @property
    def caps(self) -> np.ndarray:
        """Capability vector of the organisation (a view into the model's array)."""
        return self.model_.caps[self.idx]

    def step(self) -> None:
        """Act for one quarter (default: nothing)."""
