"""Patient organisations put their outreach where it is needed (ecosim.outreach).

Each organisation splits its effort between awareness campaigns and trial navigation by
the need in its region; a backbone directs part of it to the regions with the most
unaware patients. Coordination moves effort and adds none.
"""

import numpy as np
import pytest

from ecosim.agents import Backbone, PatientOrg
from ecosim.model import EcosystemModel
from ecosim.outreach import awareness_share, need_weights

from .conftest import small

REGIONS = {"patient_orgs": 4, "regions": 4, "care_providers": 8}


def _efforts(backbone: float, awareness: list[float], founding: float = 1.0) -> EcosystemModel:
    m = EcosystemModel(
        small(
            population=REGIONS,
            collective_impact={"backbone": {"intensity": backbone}},
            initiative={"founding_share": founding},
        ),
        rng=5,
    )
    m.patients.awareness = np.array(awareness)
    m.outreach_awareness[:] = 0.0
    m.outreach_navigation[:] = 0.0
    for backbone in m.agents_by_type.get(Backbone, ()):
        backbone.plan()  # this year's services, coordination among them
    for org in m.agents_by_type[PatientOrg]:
        org.step()
    return m


def test_campaigns_give_way_to_navigation_as_awareness_rises():
    shares = awareness_share(np.array([0.1, 0.5, 0.9, 1.0]), trial_acceptance=0.55)
    assert (np.diff(shares) < 0).all()
    assert shares[-1] == 0.0  # everyone aware: all effort goes to navigation


def test_coordinated_effort_goes_where_most_patients_are_unaware():
    weights = need_weights(np.array([0.2, 0.8]), patients=np.array([100.0, 100.0]))
    assert weights == pytest.approx([0.8, 0.2])
    assert need_weights(np.ones(3), np.ones(3)) == pytest.approx([1 / 3] * 3)


def test_a_backbone_leaves_organisations_outside_the_initiative_alone():
    m = _efforts(1.0, [0.1, 0.9, 0.9, 0.9], founding=0.0)
    effort = m.outreach_awareness + m.outreach_navigation
    assert effort == pytest.approx([m.params.outreach.intensity] * 4)  # each at home


@pytest.mark.parametrize("backbone", [0.0, 1.0])
def test_a_backbone_moves_outreach_to_the_unaware_region_without_adding_any(backbone):
    awareness = [0.1, 0.9, 0.9, 0.9]
    m = _efforts(backbone, awareness)
    effort = m.outreach_awareness + m.outreach_navigation
    intensity = m.params.outreach.intensity
    assert effort.sum() == pytest.approx(4 * intensity)  # four organisations, all spent
    if backbone == 0.0:
        assert effort == pytest.approx([intensity] * 4)  # each in its home region
    else:
        assert effort[0] > 3 * effort[1:].max()
    # the unaware region gets mostly campaigns, the aware ones mostly navigation
    assert m.outreach_awareness[0] > m.outreach_navigation[0]
    assert (m.outreach_awareness[1:] < m.outreach_navigation[1:]).all()
