"""What payers know about a therapy's QALY gain: a trial estimate, then a registry.

At approval the trial gives an estimate of the QALY gain that is off by a log-normal
error of sigma ``therapies.evidence_spread`` (extrapolating survival beyond the trial's
follow-up; an assumption). Payers decide on this estimate, never on the true gain.
Under coverage with evidence development a registry records the outcomes of the patients
the payer treats: a share ``coverage_with_evidence.registry_recording`` of them, and all
of them where the shared data platform records outcomes. Each recorded patient's outcome
scatters around the true gain with log-sd ``coverage_with_evidence.patient_outcome_spread``;
at review the payer combines trial and registry (a normal update on the log scale) and
covers or withdraws on the posterior mean (:func:`posterior_gain`). More recorded patients
mean a posterior nearer the truth: the registry resolves the uncertainty the provisional
cover was granted for.

A payer whose estimate puts the cost per QALY close to its threshold (within
``reimbursement.close_call_z`` standard errors of the trial estimate, on the log scale)
asks the firm for further analyses before deciding: the appraisal takes
``reimbursement.further_evidence_years`` longer (:func:`close_call`). Clear cases are
decided on time, so decision delays depend on the evidence.
"""

from __future__ import annotations

import numpy as np

__all__ = ["close_call", "posterior_gain", "recorded_share", "trial_estimate"]


def trial_estimate(true_gain: float, spread: float, rng: np.random.Generator) -> float:
    """The trial's estimate of a QALY gain (median-unbiased log-normal error; one draw)."""
    return float(true_gain * np.exp(spread * rng.standard_normal()))


def recorded_share(registry_recording: float, outcome_data: float) -> float:
    """Share of treated patients whose outcomes reach the payer's registry (0-1).

    Args:
        registry_recording: share a payer's own registry records.
        outcome_data: coverage of shared outcome data (0-1); those patients are recorded.
    """
    return registry_recording + (1.0 - registry_recording) * outcome_data


def posterior_gain(
    estimate: float,
    true_gain: float,
    recorded: float,
    trial_spread: float,
    patient_spread: float,
    rng: np.random.Generator,
) -> float:
    """The payer's posterior mean QALY gain after the registry (one draw, always).

    Args:
        estimate: the trial estimate the payer decided on.
        true_gain: the therapy's true QALY gain per treated patient.
        recorded: patients whose outcomes the registry recorded.
        trial_spread: log-sd of the trial estimate (``therapies.evidence_spread``).
        patient_spread: log-sd of one patient's outcome around the true gain.
        rng: the model's generator (one normal draw, whatever the inputs).

    Returns:
        exp of the precision-weighted mean of the trial's and the registry's log gains;
        the trial estimate when nothing was recorded or the trial left no doubt, the
        registry's mean when each patient's outcome is exact.
    """
    noise = rng.standard_normal()
    if estimate <= 0 or true_gain <= 0 or recorded <= 0 or trial_spread <= 0:
        return estimate
    data_var = np.square(patient_spread) / recorded
    observed = np.log(true_gain) + np.sqrt(data_var) * noise
    if data_var <= 0:
        return float(np.exp(observed))
    prior_precision = 1.0 / np.square(trial_spread)
    data_precision = 1.0 / data_var
    mean = (np.log(estimate) * prior_precision + observed * data_precision) / (
        prior_precision + data_precision
    )
    return float(np.exp(mean))


def close_call(icer: float, threshold: float, spread: float, z: float) -> bool:
    """Whether a decision is too close to call on the trial evidence.

    Args:
        icer: cost per QALY on the trial estimate (USD/QALY).
        threshold: the payer's threshold (USD/QALY).
        spread: log-sd of the trial estimate (``therapies.evidence_spread``).
        z: standard errors within which the payer asks for more (``close_call_z``).
    """
    if not (np.isfinite(icer) and icer > 0 and threshold > 0):
        return False
    return bool(abs(np.log(icer / threshold)) < z * spread)
