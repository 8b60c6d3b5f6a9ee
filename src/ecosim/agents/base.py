"""The organisation agent shared by every stakeholder type.

An organisation has a sector, a row in the model's trust matrix (``idx``), a region, a
capability vector (discovery, clinical, regulatory, commercial, data; each 0-1), cash in
million USD, and a decision rule in ``step``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["CAPABILITIES", "Organisation", "SECTOR_CAPABILITY"]

CAPABILITIES = ("discovery", "clinical", "regulatory", "commercial", "data")
DISCOVERY, CLINICAL, REGULATORY, COMMERCIAL, DATA = range(5)

SECTOR_CAPABILITY: dict[str, tuple[float, ...]] = {
    # mean capability by sector (discovery, clinical, regulatory, commercial, data);
    # drawn per organisation from Beta distributions with these means (concentration 12).
    "pharma": (0.50, 0.80, 0.80, 0.85, 0.40),
    "biotech": (0.70, 0.35, 0.30, 0.20, 0.35),
    "academia": (0.75, 0.55, 0.20, 0.05, 0.60),
    "payer": (0.05, 0.05, 0.20, 0.30, 0.50),
    "regulator": (0.05, 0.30, 0.95, 0.05, 0.40),
    "patient_org": (0.05, 0.20, 0.10, 0.05, 0.30),
    "provider": (0.10, 0.45, 0.10, 0.05, 0.35),
    "backbone": (0.10, 0.20, 0.40, 0.10, 0.70),
    "public_funder": (0.10, 0.05, 0.30, 0.05, 0.40),
}
CONCENTRATION = 12.0


class Organisation(mesa.Agent):
    """Base class of every stakeholder agent.

    Attributes:
        sector: sector name (see ``ecosim.scenario.SECTORS``).
        idx: row of this organisation in the model's trust and capability arrays.
        region: home region index.
        cash: cash in million USD.
        alive: False once the organisation has exited.
    """

    sector = "organisation"

    def __init__(self, model: EcosystemModel, region: int, cash: float = 0.0):
        super().__init__(model)
        self.region = region
        self.cash = cash
        self.alive = True
        means = np.array(SECTOR_CAPABILITY[self.sector])
        caps = model.rng.beta(means * CONCENTRATION, (1 - means) * CONCENTRATION)
        self.idx = model.register_organisation(self, caps)
        model.ledger.open_account(self.idx, cash)

    @property
    def model_(self) -> EcosystemModel:
        """The model, typed as an :class:`~ecosim.model.EcosystemModel`."""
        return self.model  # type: ignore[return-value]

    @property
    def caps(self) -> np.ndarray:
        """Capability vector of the organisation (a view into the model's array)."""
        return self.model_.caps[self.idx]

    def step(self) -> None:
        """Act for one quarter (default: nothing)."""
