"""Care sites by type: academic centres and community providers.

Each care provider is an academic centre or a community site. A region's mix is drawn
once at the start: the probability that a provider in region ``r`` is academic is drawn
from a Beta distribution with mean ``patients.academic_care_share`` and concentration
``providers.mix_concentration``, and each provider's type is then drawn with it. Patients
are shared equally among their region's providers, so a region's academic share of
patients is the share of its providers that are academic.

Types differ in what they do for patients (the national means are the calibrated
figures; the types split them):

- *testing*: academic centres test ``providers.academic_testing_ratio`` times as often;
- *trials*: academic centres host trials for ``patients.academic_enrolment_ratio`` times
  as many patients (Unger et al. 2019: a trial is available to 44 % of patients);
- *new non-selected therapies*: a community site prescribes them to
  ``providers.community_therapy_access`` of the patients an academic centre would.

So a region with fewer academic providers tests less, reaches fewer trials and treats
fewer patients with new therapies; the regional equity gap follows from the draw and
from what providers do, not from a fixed ramp.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

__all__ = ["ACADEMIC", "COMMUNITY", "SITE_TYPES", "SiteMix", "SiteType", "draw_types", "split_mean"]


class SiteType(IntEnum):
    """Provider types; the value is the column in ``[region, type]`` arrays."""

    community = 0
    academic = 1


COMMUNITY, ACADEMIC = SiteType.community, SiteType.academic
SITE_TYPES = tuple(t.name for t in SiteType)
"""Names of the provider types, in column order."""


def split_mean(mean: float, ratio: float, academic_share: float) -> tuple[float, float]:
    """Community and academic rates whose patient-weighted mean is ``mean``.

    The academic rate is ``ratio`` times the community rate, capped at 1; when the cap
    binds, the community rate rises so that the mean still holds (if it can).

    Args:
        mean: national mean rate (probability).
        ratio: academic rate over community rate (>= 1).
        academic_share: national share of patients at academic centres.

    Returns:
        ``(community, academic)`` rates, each 0-1.
    """
    h = academic_share
    community = mean / (h * ratio + 1.0 - h)
    academic = min(1.0, community * ratio)
    if academic >= 1.0 and h < 1.0:
        community = (mean - h) / (1.0 - h)
    return float(np.clip(community, 0.0, 1.0)), float(academic)


def draw_types(
    rng: np.random.Generator, regions: np.ndarray, n_regions: int, mean: float, concentration: float
) -> np.ndarray:
    """Draw each provider's type (``ACADEMIC`` or ``COMMUNITY``) from its region's mix.

    Args:
        rng: the model's generator.
        regions: region of each provider.
        n_regions: number of regions.
        mean: mean academic share (``patients.academic_care_share``).
        concentration: Beta concentration of the regional shares.

    Returns:
        Type of each provider (int array).
    """
    lo = np.finfo(float).tiny
    a = max(mean * concentration, lo)
    b = max((1.0 - mean) * concentration, lo)
    share = rng.beta(a, b, size=n_regions)
    return (rng.random(len(regions)) < share[regions]).astype(np.int64)


@dataclass(frozen=True)
class SiteMix:
    """Patients' split between site types in every region.

    Attributes:
        share: ``[region, type]`` share of the region's patients at each type of site
            (rows sum to 1 where the region has a provider, 0 where it has none).
    """

    share: np.ndarray

    @classmethod
    def from_providers(cls, regions: np.ndarray, types: np.ndarray, n_regions: int) -> SiteMix:
        """Equal patient shares per provider within its region."""
        counts = np.zeros((n_regions, len(SITE_TYPES)))
        np.add.at(counts, (regions, types), 1.0)
        total = counts.sum(axis=1, keepdims=True)
        share = np.divide(counts, total, out=np.zeros_like(counts), where=total > 0)
        return cls(share)

    @property
    def academic(self) -> np.ndarray:
        """Share of each region's patients at academic centres."""
        return self.share[:, ACADEMIC]

    def mean(self, by_type: np.ndarray) -> np.ndarray:
        """Per region, the patient-weighted mean of a ``[type]`` or ``[region, type]`` rate."""
        rate = np.broadcast_to(by_type, self.share.shape)
        return (self.share * rate).sum(axis=1)
