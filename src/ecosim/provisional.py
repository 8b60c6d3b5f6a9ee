"""Provisional cover reviewed on the evidence its registry collected.

Under coverage with evidence development a payer covers a therapy provisionally and
reviews it after ``review_after_quarters``: its registry recorded a share of the
patients it treated since (:func:`ecosim.evidence.recorded_share`), the payer updates its
estimate of the QALY gain (:func:`ecosim.evidence.posterior_gain`) and withdraws cover
that is not cost-effective on the posterior, or confirms it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ecosim import evidence
from ecosim.coverage_status import CoverageStatus

if TYPE_CHECKING:
    from ecosim.market import Market

__all__ = ["review"]


def review(mk: Market, k: int, outcome_data: float) -> None:
    """Review provisional cover that has collected evidence for long enough.

    The payer's registry recorded its share of the patients treated since the cover
    (:mod:`ecosim.evidence`); it withdraws cover not cost-effective on the posterior.
    """
    m = mk.model
    payer = m.payers[k]
    after = payer.rule.review_after_quarters()
    if after is None:
        return
    due = np.flatnonzero(
        (mk.status[:, k] == CoverageStatus.covered)
        & mk.provisional[:, k]
        & (m.steps - mk.covered_at[:, k] >= after)
    )
    if len(due) == 0:
        return
    ced = m.params.reimbursement.coverage_with_evidence
    recording = evidence.recorded_share(ced.registry_recording, outcome_data)
    for t in due.tolist():
        recorded = _payer_treated(mk, t, k) * recording
        believed = evidence.posterior_gain(
            mk.qaly_estimate[t],
            mk.qaly[t],
            recorded,
            m.params.therapies.evidence_spread,
            ced.patient_outcome_spread,
            m.rng,
        )
        if payer.rule.withdraws(mk.paid[t, k], believed, payer.threshold_usd):
            mk.set_status(t, k, CoverageStatus.withdrawn)
            mk.withdrawn_at[t, k] = m.steps
            mk.committed[t, k] = 0.0
        mk.provisional[t, k] = False


def _payer_treated(mk: Market, t: int, k: int) -> float:
    """Patients of payer ``k`` treated with therapy ``t`` since it covered it.

    The country's count since then, split among the payers covering it now by their
    population shares.
    """
    shares = np.array([p.share for p in mk.model.payers])
    covering = shares[mk.status[t] == CoverageStatus.covered].sum()
    if covering <= 0:
        return 0.0
    since = mk.treated[t] - mk.treated_at_cover[t, k]
    return float(since * shares[k] / covering)
