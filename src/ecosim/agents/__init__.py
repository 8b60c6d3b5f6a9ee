"""Stakeholder agents, one module per type.

Every agent is an :class:`~ecosim.agents.base.Organisation` (a ``mesa.Agent``) with a
sector, capabilities, cash and a decision rule in ``step``.
"""

from ecosim.agents.academia import Academia
from ecosim.agents.backbone import Backbone
from ecosim.agents.base import CAPABILITIES, Organisation
from ecosim.agents.biotech import Biotech
from ecosim.agents.firm import Firm
from ecosim.agents.investor import Investor
from ecosim.agents.patient_org import PatientOrg
from ecosim.agents.payer import Payer
from ecosim.agents.pharma import Pharma
from ecosim.agents.provider import CareProvider
from ecosim.agents.public_funder import PublicFunder
from ecosim.agents.regulator import Regulator

__all__ = [
    "CAPABILITIES",
    "Academia",
    "Backbone",
    "Biotech",
    "CareProvider",
    "Firm",
    "Investor",
    "Organisation",
    "PatientOrg",
    "Payer",
    "Pharma",
    "PublicFunder",
    "Regulator",
]
