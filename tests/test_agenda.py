"""The common agenda: members agree priorities and choose whether to keep their pledge."""

import numpy as np
import pytest

from ecosim.agenda import _borda
from ecosim.model import EcosystemModel

from .conftest import small

FREE = {
    "fee_firm_musd_per_year": 0.0,
    "fee_nonprofit_musd_per_year": 0.0,
    "effort_musd_per_year": 0.0,
}
"""Membership costs nothing, so firms stay although an agenda alone gives them no service."""


def agenda_model(steps=1, seed=2, founding=1.0, **agenda) -> EcosystemModel:
    m = EcosystemModel(
        small(
            collective_impact={"common_agenda": {"intensity": 1.0, **agenda}},
            initiative={**FREE, "founding_share": founding},
        ),
        rng=seed,
        check=True,
    )
    for _ in range(steps):
        m.step()
    return m


def test_borda_points_follow_the_ranking():
    assert _borda(np.array([0.1, 0.5, 0.3])).tolist() == [0.0, 2.0, 1.0]


def test_the_agenda_is_agreed_once_there_are_members():
    m = agenda_model(steps=1)  # the first review
    size = int(np.ceil(m.params.collective_impact.common_agenda.agenda_share * 6))
    assert m.initiative.agenda.priority.sum() == size
    nobody = EcosystemModel(
        small(
            collective_impact={"common_agenda": 1.0},
            initiative={"founding_share": 0.0, "nonprofit_budget_musd_per_year": 0.0},
        ),
        rng=2,
    )
    nobody.step()  # no founders, and membership pays for nobody
    assert nobody.initiative.members().sum() == 0
    assert not nobody.initiative.agenda.agreed


@pytest.mark.parametrize("firms_only", [True, False])
def test_who_is_in_sets_the_agenda(firms_only, monkeypatch):
    m = agenda_model(steps=1)
    ag = m.initiative.agenda
    share = m.patients.subtype_share()
    need = share[::-1].copy()  # needs ranked the other way round from markets
    monkeypatch.setattr(ag, "_need", lambda s: need)
    rows = np.flatnonzero(m.initiative.members())
    m.consortia.members["initiative"][rows[m.is_firm[rows] != firms_only]] = False
    ag.agree()
    size = ag.priority.sum()
    wanted = share if firms_only else need
    assert set(np.flatnonzero(ag.priority)) == set(np.argsort(-wanted, kind="stable")[:size])


def _choice(m, org, best_worth, agenda_worth):
    """Noisy scores and values with the best slot off the agenda, the next best on it."""
    k = m.params.science.targets_per_subtype
    on = np.repeat(m.initiative.agenda.priority, k)
    noisy = np.zeros(len(on))
    worth = np.zeros(len(on))
    off_slot, on_slot = np.flatnonzero(~on)[0], np.flatnonzero(on)[0]
    noisy[off_slot], noisy[on_slot] = 2.0, 1.0
    worth[off_slot], worth[on_slot] = best_worth, agenda_worth
    return noisy, worth, int(off_slot), int(on_slot)


def test_a_member_keeps_its_pledge_when_it_costs_little():
    m = agenda_model(steps=1, compliance_tolerance=0.25)
    ag = m.initiative.agenda
    firm = next(int(f) for f in m.live_indices("pharma") if m.initiative.member[f])
    noisy, worth, off_slot, on_slot = _choice(m, m.org(firm), 100.0, 80.0)
    assert ag.due(firm)
    assert ag.steer(firm, noisy, worth) == on_slot
    noisy, worth, off_slot, on_slot = _choice(m, m.org(firm), 100.0, 70.0)
    assert ag.steer(firm, noisy, worth) == off_slot  # forgoing 30 % is too much


def test_breaking_a_pledge_costs_trust_among_the_members_who_know():
    m = agenda_model(steps=4, compliance_tolerance=0.0)
    ag = m.initiative.agenda
    n = m.n_orgs
    members = m.initiative.members()
    firm = next(
        int(f)
        for f in m.live_indices("pharma", "biotech")
        if members[f] and (m.acquainted[:n, f] & members).sum() > 1
    )
    knows = np.flatnonzero(m.acquainted[:n, firm] & members)
    knows = knows[knows != firm]
    before, broken = m.trust[knows, firm].copy(), ag.broken
    noisy, worth, off_slot, _ = _choice(m, m.org(firm), 100.0, 99.0)
    assert ag.steer(firm, noisy, worth) == off_slot
    assert ag.broken == broken + 1 and ag.broke[firm]
    ag.agree()  # the yearly report
    assert np.all(m.trust[knows, firm] <= before) and np.any(m.trust[knows, firm] < before)
    assert not ag.broke.any()


def test_non_members_and_members_ahead_of_their_pledge_choose_freely():
    m = agenda_model(steps=1, founding=0.5, compliance_tolerance=1.0)
    m.params.collective_impact.common_agenda.intensity = 0.5
    m.conditions.common_agenda.level = 0.5
    ag = m.initiative.agenda
    firms = m.live_indices("pharma", "biotech")
    outsider = next(int(f) for f in firms if not m.initiative.member[f])
    member = next(int(f) for f in firms if m.initiative.member[f])
    noisy, worth, off_slot, on_slot = _choice(m, m.org(outsider), 100.0, 1.0)
    assert ag.steer(outsider, noisy, worth) == off_slot
    assert ag.steer(member, noisy, worth) == on_slot  # behind: 0 of 0 on the agenda
    ag.record(member, int(np.flatnonzero(ag.priority)[0]))
    assert not ag.due(member)  # one of one on the agenda: ahead of a half pledge
    assert ag.steer(member, noisy, worth) == off_slot


def test_member_centres_research_goes_to_unmet_agenda_slots():
    m = agenda_model(steps=1)
    ag = m.initiative.agenda
    k = m.params.science.targets_per_subtype
    pull = np.repeat(m.patients.subtype_share(), k) / k
    centres = m.live_indices("academia")
    member = next(int(c) for c in centres if m.initiative.member[c])
    w = ag.research_weights(pull, m.knowledge.public, member)
    off = ~np.repeat(ag.priority, k)
    assert np.all(w[off] == 0) and w.sum() > 0
    m.initiative.member[member] = False
    assert np.array_equal(ag.research_weights(pull, m.knowledge.public, member), pull)


def test_members_who_keep_their_pledge_start_their_work_on_the_agenda():
    def on_agenda_share(tolerance):
        m = agenda_model(steps=24, seed=4, compliance_tolerance=tolerance)
        ag = m.initiative.agenda
        members = m.initiative.members()
        started = ag.started[: m.n_orgs][members].sum()
        assert started >= 20
        return ag.on_agenda[: m.n_orgs][members].sum() / started, ag.broken

    (keep, kept_broken), (free, free_broken) = on_agenda_share(1.0), on_agenda_share(0.0)
    assert keep == 1.0 and kept_broken == 0  # every choice of theirs on that year's agenda
    assert free < keep and free_broken > 0  # those that cost something are broken
