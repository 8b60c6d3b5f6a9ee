"""Trust rules: initial trust by sector pair, the update rule, the effect of trust.

One module per rule (registered by name; protocol in :mod:`ecosim.rules.trust.base`):
``asymmetric`` and ``symmetric``. :data:`TrustParams` is the scenario section ``trust``.
"""

from ecosim.rules.trust.base import REGISTRY, TrustCommon, TrustRule, pair_experience

__all__ = ["REGISTRY", "TrustParams", "TrustRule", "TrustRuleName", "create", "pair_experience"]

TrustParams, TrustRuleName = REGISTRY.schema(
    "TrustParams",
    "TrustRuleName",
    TrustCommon,
    "rule",
    "How experience moves trust: asymmetric (slow up, fast down) or symmetric.",
    __name__,
    source="Slovic 1993; Tykhonov et al. 2008, JASSS 11(3)1 (asymmetric).",
)


def create(params: TrustParams) -> TrustRule:
    """The rule a scenario's ``trust`` section names, with its parameters."""
    return REGISTRY.create(params, "rule")
