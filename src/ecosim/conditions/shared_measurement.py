"""Shared measurement: a data platform that members contribute to and use.

The platform itself (what is contributed, pooled and worth what, where) is
:mod:`ecosim.data_platform`; this module holds its parameters and the two rules it
follows: which data a region can use, and what a pool of that size is worth.
The intensity is the platform's scope: the share of members' data types pooled.
"""

from __future__ import annotations

import numpy as np

from ecosim.conditions.base import Condition, ConditionParams, register
from ecosim.parameters import param

__all__ = ["SharedMeasurement"]


class SharedMeasurementParams(ConditionParams):
    """Shared measurement: a data platform for biomarker discovery, matching, outcome data."""

    data_sharing_restriction: float = param(
        0.0,
        "0-1",
        "Cross-border restriction on data sharing (share of the pooled data lost).",
        assumption="a scenario choice; the reach of data-protection rules on secondary "
        "use of health data would inform it",
        ge=0,
        le=1,
    )
    pool_gain: float = param(
        0.8,
        "fraction",
        "Share of the gap to full data access that pooled data close for a member when the "
        "pool is worth all it can be (the gain is this times the pool's value, 0-1).",
        assumption="pooled genomic data sets (e.g. AACR GENIE) multiply what one "
        "organisation holds; the discovery yield of pooled against single-centre data "
        "would inform it",
        ge=0,
        le=1,
    )
    half_saturation: float = param(
        10.0,
        "holdings",
        "Pooled holdings at which the platform gives half of what it can: a unit of holdings "
        "is what one organisation with full data capability contributes at full scope.",
        assumption="pooled genomic data gain value with diminishing returns in the number of "
        "contributing centres (AACR Project GENIE pools sequencing from many cancer centres "
        "because one centre sees too few patients with a rare variant); discovery yield "
        "against the number of contributing sites would inform it",
        gt=0,
        le=1000,
    )
    curation_cost_musd_per_year: float = param(
        0.2,
        "million USD per year per unit of holdings",
        "Cost of curating, harmonising and sharing one unit of holdings for a year, paid by "
        "the contributing member.",
        assumption="data-coordination budgets of GENIE member sites and registry curation "
        "costs would inform it",
        ge=0,
        le=100,
    )


@register
class SharedMeasurement(Condition):
    """A shared data platform and its consortium."""

    name = "shared_measurement"
    Params = SharedMeasurementParams

    def consortium_level(self) -> float:
        """How strongly the data-sharing consortium works (it exists while above 0)."""
        return self.level

    def scope(self) -> float:
        """Share of a member's data types the platform pools (0-1)."""
        return self.level

    def usable_pool(self, held: np.ndarray) -> np.ndarray:
        """Holdings members in each region can use, given holdings ``held`` by region.

        Their own region's data in full, other regions' less the cross-border restriction.
        """
        abroad = held.sum() - held
        return held + (1.0 - self.params.data_sharing_restriction) * abroad

    def pool_value(self, pool: np.ndarray) -> np.ndarray:
        """What a pool of ``pool`` holdings is worth (0-1): ``pool / (pool + half_saturation)``."""
        return pool / (pool + self.params.half_saturation)
