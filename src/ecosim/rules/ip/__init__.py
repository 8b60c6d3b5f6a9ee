"""IP regimes: who owns a discovery, where knowledge flows, royalties and disputes.

One module per regime (registered by name; protocol in :mod:`ecosim.rules.ip.base`):
``exclusive``, ``shared`` and ``open``. :data:`IPParams` is the scenario section ``ip``.
"""

from ecosim.rules.ip.base import REGISTRY, IPCommon, IPRule

__all__ = ["REGISTRY", "IPParams", "IPRegime", "IPRule", "create"]

IPParams, IPRegime = REGISTRY.schema(
    "IPParams",
    "IPRegime",
    IPCommon,
    "regime",
    "exclusive: owner licenses, no spill-over; shared: joint ownership by contribution; "
    "open: discoveries go to a commons.",
    __name__,
    assumption="a policy choice of the scenario (exclusive licensing is the norm)",
)


def create(params: IPParams) -> IPRule:
    """The regime a scenario's ``ip`` section names, with its parameters."""
    return REGISTRY.create(params, "regime")
