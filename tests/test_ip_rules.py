import numpy as np

from ecosim.model import EcosystemModel
from ecosim.rules import ip
from ecosim.scenario import scenario_from_dict

from .conftest import small


def regime(**params):
    return ip.create(scenario_from_dict({"ip": params}).ip)


def test_only_shared_ip_without_a_framework_has_disputes():
    assert regime(regime="exclusive").dispute_probability() == 0
    assert regime(regime="shared").dispute_probability() == 0  # framework agreed
    loose = regime(regime="shared", shared={"framework_agreed": False, "dispute_probability": 0.1})
    assert loose.dispute_probability() == 0.1
    assert loose.shared_ownership("co_development") and not loose.shared_ownership("outcome_based")
    assert not regime().shared_ownership("co_development")


def test_only_open_ip_rules_out_royalties():
    assert not regime(regime="open").royalties(academic_licensor=False)
    assert not regime(regime="open").royalties(academic_licensor=True)
    for name in ("exclusive", "shared"):
        assert regime(regime=name).royalties(academic_licensor=False)


def _discover(regime_name: str):
    m = EcosystemModel(small(ip={"regime": regime_name}), rng=3)
    centre = m.org(int(m.live_indices("academia")[0]))
    slot = int(np.flatnonzero(~m.knowledge.public)[0])
    m.knowledge.discover_biomarker(centre, slot)
    return m, centre, slot


def test_open_ip_puts_a_discovery_in_the_commons():
    m, _, slot = _discover("open")
    assert m.knowledge.public[slot]


def test_shared_ip_keeps_a_discovery_with_the_discoverer():
    m, centre, slot = _discover("shared")
    assert not m.knowledge.public[slot] and m.knowledge.known[centre.idx, slot]


def test_exclusive_ip_licenses_or_publishes():
    m, centre, slot = _discover("exclusive")
    licensees = np.flatnonzero(m.knowledge.known[:, slot])
    assert m.knowledge.public[slot] or (len(licensees) == 1 and m.is_firm[licensees[0]])
    assert not m.knowledge.known[centre.idx, slot]
