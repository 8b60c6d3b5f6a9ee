"""Shared measurement: a data platform that members contribute to and use.

- *Data-sharing consortium* (:mod:`ecosim.consortia`): it exists while the intensity is
  above 0; a member's data access rises towards 1 by ``intensity x (1 -
  data_sharing_restriction) x pool_gain`` of the gap (biomarker discovery, success in
  discovery, preclinical and phase II).
- *Trial routing* (:mod:`ecosim.cohort`): tested patients away from trial sites are
  routed to biomarker-selected trials in proportion to ``intensity x (1 - restriction)``.
- *Outcome data* (:mod:`ecosim.market`): the same share, times the payers' share of
  consortium membership, is the outcome-data coverage that outcome-based payment and
  coverage-with-evidence reviews need.
- *Decision support* (:mod:`ecosim.agents.provider`): providers' target testing
  propensity rises by ``intensity x decision_support``.
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
        "Share of the gap to full data access that pooled data close for a member at full "
        "intensity.",
        assumption="pooled genomic data sets (e.g. AACR GENIE) multiply what one "
        "organisation holds; the discovery yield of pooled against single-centre data "
        "would inform it",
        ge=0,
        le=1,
    )
    decision_support: float = param(
        0.15,
        "probability",
        "Rise of providers' testing propensity from the platform's decision support at "
        "full intensity.",
        assumption="trials of clinical decision support for genomic testing would inform it",
        ge=0,
        le=1,
    )


@register
class SharedMeasurement(Condition):
    """A shared data platform and its consortium."""

    name = "shared_measurement"
    Params = SharedMeasurementParams

    def consortium_level(self) -> float:
        """How strongly the data-sharing consortium works (it exists while above 0)."""
        return self.level

    def routing(self, member_share: np.ndarray) -> np.ndarray:
        """Share of tested patients away from trial sites routed to trials, by region.

        Only member providers route: ``member_share`` is their share in each region.
        """
        return self.level * (1 - self.params.data_sharing_restriction) * member_share

    def data_gain(self) -> float:
        """Share of the gap to full data access closed for a consortium member."""
        return self.level * (1.0 - self.params.data_sharing_restriction) * self.params.pool_gain

    def outcome_data(self, payer_member_share: float) -> float:
        """Coverage of shared outcome data (0-1) given the payers' share of membership."""
        return float(self.level * (1 - self.params.data_sharing_restriction) * payer_member_share)

    def decision_support(self, member: bool) -> float:
        """Rise of a member provider's target testing propensity."""
        return self.params.decision_support * self.level * member
