"""Building the world at the start of a run, and the entry of new firms.

Organisations are created type by type, each in region ``i mod regions`` (regulators,
payers, academic centres, patient organisations, providers, the backbone and the public
funder if present, pharma, biotech); firms get a pipeline near the steady state
(``firms.initial_pipeline``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim import development
from ecosim.agents import (
    Academia,
    Backbone,
    Biotech,
    CareProvider,
    Organisation,
    PatientOrg,
    Payer,
    Pharma,
    PublicFunder,
    Regulator,
)
from ecosim.pipeline import PHASE_KEYS, Phase
from ecosim.scenario import Scenario
from ecosim.sectors import Capability
from ecosim.targets import start_programme
from ecosim.units import QUARTERS_PER_YEAR

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["biotech_entry", "build", "initial_count"]


def initial_count(params: Scenario) -> int:
    """Organisations the world starts with (the backbone and public funder included)."""
    pop = params.population
    return (
        pop.pharma
        + pop.biotech
        + pop.academia
        + pop.payers
        + pop.regulators
        + pop.patient_orgs
        + pop.care_providers
        + 1
        + 1
    )


def _regions(n: int, regions: int) -> list[int]:
    return [i % regions for i in range(n)]


def build(m: EcosystemModel) -> None:
    """Create every organisation and the firms' initial pipelines."""
    pop = m.params.population

    def place(n: int) -> list[int]:
        return _regions(n, pop.regions)

    for r in place(pop.regulators):
        Regulator(m, r)
    for r in place(pop.payers):
        m.payers.append(Payer(m, r))
    for p in m.payers:
        p.share = 1.0 / len(m.payers)
    for r in place(pop.academia):
        Academia(m, r)
    for r in place(pop.patient_orgs):
        PatientOrg(m, r)
    for r in place(pop.care_providers):
        CareProvider(m, r)
    if m.conditions.backbone.present():
        Backbone(m, 0)
    if m.params.public_funding.budget_musd_per_year > 0:
        m.public_funder = PublicFunder(m, 0)
    for r in place(pop.pharma):
        _seed_pipeline(m, Pharma(m, r))
    for r in place(pop.biotech):
        _seed_pipeline(m, Biotech(m, r))
    n = m.n_orgs
    m.data_access[:n] = m.consortia.data_access(m.caps[:n, Capability.data])


def _seed_pipeline(m: EcosystemModel, firm: Organisation) -> None:
    """Give a firm a pipeline in every phase, with phase clocks part-way through."""
    counts = getattr(m.params.firms.initial_pipeline, firm.sector)
    p = m.programmes
    for phase, key in enumerate(PHASE_KEYS):
        for _ in range(m.rng.poisson(getattr(counts, key))):
            pid = start_programme(m, firm, Phase(phase), seeded=True)
            development.enter_phase(m, np.array([pid]), phase)
            p.gap[pid] = 0
            frac = m.rng.random()
            p.t_in_phase[pid] = int(frac * p.planned[pid])
            # a submission already under review needs an agency to review it
            under_review = phase == Phase.REVIEW and m.params.population.regulators > 0
            p.enrolled[pid] = 1.0 if under_review else frac * p.enrol_target[pid]
            p.phase1_step[pid] = -1  # entered phase I before the run: not timed


def biotech_entry(m: EcosystemModel) -> None:
    """New biotech firms are founded (Poisson), in random regions, without programmes."""
    pop = m.params.population
    for _ in range(m.rng.poisson(pop.biotech_entry_per_year / QUARTERS_PER_YEAR)):
        Biotech(m, int(m.rng.integers(pop.regions)))
        m.tally["firm_entries"] += 1
