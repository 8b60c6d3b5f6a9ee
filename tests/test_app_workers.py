"""The classroom's worker processes: worlds stepped off the page's thread."""

import pytest

from ecosim.app.frames import frame
from ecosim.app.lockstep import Lockstep
from ecosim.app.shared import WorldCache
from ecosim.app.workers import PoolClosedError, WorkerError, WorldPool

from .conftest import small


@pytest.fixture(scope="module")
def pool():
    p = WorldPool(workers=2)
    yield p
    p.shutdown()


def test_a_worker_steps_the_same_worlds_as_this_process(pool):
    """One seed, one run: the worker's frames are the ones a local Lockstep gives."""
    s = small(years=2)
    handle, first = pool.open(s, s, 5, ("A", "B"))
    local = Lockstep(s, s, 5, names=("A", "B"))
    assert first == frame(local)
    got = pool.step(handle, 3)
    local.step(3)
    assert got == frame(local)
    assert got["quarter"] == 3
    assert pool.csv(handle) == local.to_csv()
    pool.close(handle)


def test_sessions_spread_over_the_workers_and_are_freed(pool):
    s = small(years=1)
    handles = [pool.open(s, s, k, ("A", "B"))[0] for k in range(4)]
    assert sorted(h.worker for h in handles) == [0, 0, 1, 1]
    assert pool.sessions() == 4
    for h in handles:
        pool.close(h)
        pool.close(h)  # twice is harmless (a closed tab after a new run)
    assert pool.sessions() == 0


def test_stepping_a_closed_run_is_an_error_not_a_hang(pool):
    s = small(years=1)
    handle, _ = pool.open(s, s, 1, ("A", "B"))
    pool.close(handle)
    with pytest.raises(WorkerError, match="KeyError"):
        pool.step(handle)


def test_a_run_stops_at_its_horizon(pool):
    s = small(years=1)
    handle, _ = pool.open(s, s, 2, ("A", "B"))
    f = pool.step(handle, 10)
    assert f["quarter"] == f["horizon"] == 4
    assert pool.step(handle, 1)["quarter"] == 4
    pool.close(handle)


def test_after_shutdown_requests_fail_at_once():
    p = WorldPool(workers=1)
    s = small(years=1)
    handle, _ = p.open(s, s, 1, ("A", "B"))
    p.shutdown(timeout=2)
    assert all(w.process.poll() is not None for w in p._workers)
    with pytest.raises(PoolClosedError):
        p.step(handle)


def test_a_dead_worker_is_reported_not_waited_for():
    p = WorldPool(workers=1)
    s = small(years=1)
    handle, _ = p.open(s, s, 1, ("A", "B"))
    p._workers[0].process.kill()
    p._workers[0].process.wait()
    with pytest.raises(PoolClosedError):
        p.step(handle)
    p.shutdown()


def test_the_same_settings_share_their_worker(pool):
    s = small(years=1)
    a, _ = pool.open(s, s, 9, ("A", "B"))
    b, _ = pool.open(s, s, 9, ("A", "B"))
    assert a.worker == b.worker
    pool.close(a)
    pool.close(b)


def test_shared_worlds_give_every_student_the_frames_of_a_world_of_their_own():
    """Two students on the same settings, at different quarters, and a third on others."""
    s, other = small(years=2), small(years=2, trust={"gain_rate": 0.2})
    cache = WorldCache()
    ahead = cache.open(s, other, 4, ("Left", "Right"))
    behind = cache.open(s, other, 4, ("Left", "Right"))
    lone = cache.open(s, s, 4, ("Left", "Same"))
    assert len(cache.worlds) == 2  # (s, 4) and (other, 4): three sessions, two worlds
    ahead.step(5)
    behind.step(2)
    lone.step(3)
    for session, quarters, chosen, names in (
        (ahead, 5, other, ("Left", "Right")),
        (behind, 2, other, ("Left", "Right")),
        (lone, 3, s, ("Left", "Same")),
    ):
        local = Lockstep(s, chosen, 4, names=names)
        local.step(quarters)
        assert session.frame() == frame(local)
        assert session.to_csv() == local.to_csv()
    assert ahead.step(100)["quarter"] == 8  # the horizon
    for session in (ahead, behind, lone):
        cache.close(session)
    assert cache.worlds == {}
