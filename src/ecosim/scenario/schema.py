"""The scenario: every section, assembled. Everything a run needs except the seed."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ecosim.conditions import CollectiveImpact
from ecosim.parameters import param
from ecosim.rules.ip import IPParams
from ecosim.rules.reimbursement import ReimbursementParams
from ecosim.rules.trust import TrustParams
from ecosim.scenario.course import Course
from ecosim.scenario.development import Academia, Pipeline, Science, Targets
from ecosim.scenario.initiative import Initiative
from ecosim.scenario.investors import Investors
from ecosim.scenario.market import Diagnostics, MarketParams, Observation, Therapies
from ecosim.scenario.organisations import Firms, Providers, PublicFunding, Regulation
from ecosim.scenario.partnering import Bargaining, Consortia, Partnering, Partnerships
from ecosim.scenario.valuation import Valuation
from ecosim.scenario.world import Capabilities, Outreach, Patients, Population
from ecosim.units import QUARTERS_PER_YEAR

__all__ = ["Scenario"]


class Scenario(BaseModel):
    """One complete, validated scenario: everything a run needs except the seed.

    Sections follow the mechanisms they parameterise: the world (population,
    capabilities, patients and the course of their disease), development (pipeline,
    science, targets, academia), the
    organisations (firms, providers, regulation, public funding), partnering (partner
    choice, partnership life, consortia), the three rule families (trust, IP,
    reimbursement), therapies, the collective-impact conditions, outreach and what is
    observed.
    """

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    name: str = Field("scenario", description="Short name used in output folders.")
    description: str = Field("", description="What real situation the scenario stands for.")
    extends: str | None = Field(None, description="Scenario file this one inherits from.")
    years: float = param(
        30,
        "years",
        "Simulated horizon (one step is a quarter).",
        source="Model brief: a default horizon of 30 years.",
        gt=0,
        le=200,
    )
    population: Population = Field(default_factory=Population)
    capabilities: Capabilities = Field(default_factory=Capabilities)
    patients: Patients = Field(default_factory=Patients)
    course: Course = Field(default_factory=Course)
    pipeline: Pipeline = Field(default_factory=Pipeline)
    firms: Firms = Field(default_factory=Firms)
    valuation: Valuation = Field(default_factory=Valuation)
    investors: Investors = Field(default_factory=Investors)
    academia: Academia = Field(default_factory=Academia)
    science: Science = Field(default_factory=Science)
    targets: Targets = Field(default_factory=Targets)
    providers: Providers = Field(default_factory=Providers)
    partnering: Partnering = Field(default_factory=Partnering)
    partnerships: Partnerships = Field(default_factory=Partnerships)
    bargaining: Bargaining = Field(default_factory=Bargaining)
    consortia: Consortia = Field(default_factory=Consortia)
    initiative: Initiative = Field(default_factory=Initiative)
    trust: TrustParams = Field(default_factory=TrustParams)
    ip: IPParams = Field(default_factory=IPParams)
    reimbursement: ReimbursementParams = Field(default_factory=ReimbursementParams)
    therapies: Therapies = Field(default_factory=Therapies)
    diagnostics: Diagnostics = Field(default_factory=Diagnostics)
    market: MarketParams = Field(default_factory=MarketParams)
    regulation: Regulation = Field(default_factory=Regulation)
    collective_impact: CollectiveImpact = Field(default_factory=CollectiveImpact)
    outreach: Outreach = Field(default_factory=Outreach)
    public_funding: PublicFunding = Field(default_factory=PublicFunding)
    observation: Observation = Field(default_factory=Observation)

    @model_validator(mode="after")
    def _check_ranges(self) -> Scenario:
        for path, (lo, hi) in (
            ("patients.biomarker_prevalence", self.patients.biomarker_prevalence),
            ("science.initial_strength", self.science.initial_strength),
        ):
            if not 0 <= lo <= hi <= 1:
                raise ValueError(f"{path} must be [low, high] with 0 <= low <= high <= 1")
        return self

    @property
    def steps(self) -> int:
        """Number of quarterly steps in the horizon."""
        return round(self.years * QUARTERS_PER_YEAR)
