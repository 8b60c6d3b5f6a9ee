"""Building the world at the start of a run.

Organisations are created type by type, each in region ``i mod regions`` (regulators,
payers, academic centres, patient organisations, providers (academic or community,
drawn from their region's mix, :mod:`ecosim.sites`), the backbone and the public
funder if present, venture funds, pharma, biotech); firms get a pipeline near the steady
state (``firms.initial_pipeline``), pharma firms marketed therapies
(``firms.initial_marketed``), and each biotech is held by one fund drawn at random. New
biotechs enter later when funds found them (:mod:`ecosim.agents.investor`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim import development, sites
from ecosim.agents import (
    Academia,
    Backbone,
    Biotech,
    CareProvider,
    Investor,
    Organisation,
    PatientOrg,
    Payer,
    Pharma,
    PublicFunder,
    Regulator,
)
from ecosim.pipeline import PHASE_KEYS, Phase
from ecosim.rules import reimbursement as reimbursement_rules
from ecosim.scenario import Scenario
from ecosim.targets import choose_target, start_programme
from ecosim.units import QUARTERS_PER_YEAR

if TYPE_CHECKING:
    from ecosim.model import EcosystemModel

__all__ = ["build", "initial_count"]


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
        + params.investors.funds
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
    _size_payers(m)
    for r in place(pop.academia):
        Academia(m, r)
    for r in place(pop.patient_orgs):
        PatientOrg(m, r)
    provider_regions = np.array(place(pop.care_providers), dtype=np.int64)
    types = sites.draw_types(
        m.rng,
        provider_regions,
        pop.regions,
        m.params.patients.academic_care_share,
        m.params.providers.mix_concentration,
    )
    for r, t in zip(provider_regions, types, strict=True):
        CareProvider(m, int(r), int(t))
    mix = sites.SiteMix.from_providers(provider_regions, types, pop.regions)
    m.patients.set_sites(mix, m.params.providers.community_therapy_access)
    if m.conditions.backbone.present():
        Backbone(m, 0)
    if m.params.public_funding.budget_musd_per_year > 0:
        m.public_funder = PublicFunder(m, 0)
    funds = [Investor(m, r) for r in place(m.params.investors.funds)]
    for r in place(pop.pharma):
        pharma = Pharma(m, r)
        _seed_pipeline(m, pharma)
        _seed_marketed(m, pharma)
    for r in place(pop.biotech):
        biotech = Biotech(m, r)
        biotech.stakes[funds[int(m.rng.integers(len(funds)))].idx] = 1.0  # its investor
        _seed_pipeline(m, biotech)
    m.initiative.found()
    m.consortia.refresh_data_access()


def _size_payers(m: EcosystemModel) -> None:
    """Draw the payers' population shares and thresholds (:mod:`ecosim.agents.payer`)."""
    n = len(m.payers)
    if n == 0:
        return
    reimb = m.params.reimbursement
    shares = m.rng.dirichlet(np.full(n, reimb.payer_share_concentration)) if n > 1 else [1.0]
    spread = m.rng.normal(0.0, reimb.threshold_spread, n)
    for payer, share, z in zip(m.payers, shares, spread, strict=True):
        payer.set_size(float(share), n, reimb.threshold_usd_per_qaly * float(np.exp(z)))
    # payers that differ in rule: the last ones follow the second rule (their sizes are
    # drawn independently of their place in the list)
    second = round(reimb.second_rule_payers * n)
    if second:
        rule = reimbursement_rules.create(reimb, "second_rule")
        for payer in m.payers[n - second :]:
            payer.rule = rule


def _seed_pipeline(m: EcosystemModel, firm: Organisation) -> None:
    """Give a firm a pipeline in every phase, with phase clocks part-way through.

    Each programme is on the target the firm chooses (:func:`ecosim.targets.choose_target`);
    one it would value at less than nothing in its phase is not seeded.
    """
    counts = getattr(m.params.firms.initial_pipeline, firm.sector)
    p = m.programmes
    for phase, key in enumerate(PHASE_KEYS):
        for _ in range(m.rng.poisson(getattr(counts, key))):
            subtype, target, _ = choose_target(m, firm)
            if firm.new_value(subtype, target, Phase(phase)) <= 0:
                continue  # the firm would have stopped it: it holds only what it values
            pid = start_programme(m, firm, Phase(phase), subtype, target, seeded=True)
            development.enter_phase(m, np.array([pid]), phase)
            p.gap[pid] = 0
            frac = m.rng.random()
            p.t_in_phase[pid] = int(frac * p.planned[pid])
            # a submission already under review needs an agency to review it
            under_review = phase == Phase.REVIEW and m.params.population.regulators > 0
            p.enrolled[pid] = 1.0 if under_review else frac * p.enrol_target[pid]
            p.phase1_step[pid] = -1  # entered phase I before the run: not timed


def _seed_marketed(m: EcosystemModel, firm: Organisation) -> None:
    """Give a pharma firm therapies approved before the run, of ages spread over a life."""
    life = m.params.market.product_life_years * QUARTERS_PER_YEAR
    for _ in range(m.rng.poisson(m.params.firms.initial_marketed)):
        pid = start_programme(m, firm, Phase.REVIEW, seeded=True)
        approved = -int(m.rng.integers(1, max(int(life), 1) + 1))  # quarters before the run
        m.programmes.approve(np.array([pid]), approved)
        m.programmes.start_step[pid] = m.programmes.phase_step[pid] = approved
        m.market.add(pid, approved_step=approved)
