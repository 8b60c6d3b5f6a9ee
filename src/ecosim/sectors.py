"""The kinds of organisation and of capability: labels shared by every layer."""

from enum import IntEnum, StrEnum

__all__ = ["FIRMS", "Capability", "Sector"]


class Sector(StrEnum):
    """Sectors of the ecosystem (the value is the name used in files and outputs)."""

    pharma = "pharma"
    biotech = "biotech"
    academia = "academia"
    payer = "payer"
    regulator = "regulator"
    patient_org = "patient_org"
    provider = "provider"
    public_funder = "public_funder"
    backbone = "backbone"
    investor = "investor"


FIRMS = (Sector.pharma, Sector.biotech)
"""Sectors that develop drugs."""


class Capability(IntEnum):
    """Columns of an organisation's capability vector (each 0-1)."""

    discovery = 0
    clinical = 1
    regulatory = 2
    commercial = 3
    data = 4
