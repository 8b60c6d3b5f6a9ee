import numpy as np

from ecosim.rules import partnering


def test_partner_choice_follows_complementarity_when_it_weighs_and_noise_is_small():
    rng = np.random.default_rng(0)
    own = np.array([0.9, 0.1, 0.1])
    cands = np.array([[0.9, 0.1, 0.1], [0.1, 0.9, 0.9]])
    trust, rep = np.array([0.5, 0.5]), np.array([0.5, 0.5])
    picks = [
        partnering.choose_partner(rng, own, cands, trust, rep, 0.3, 5.0, 0.05) for _ in range(50)
    ]
    assert all(p == 1 for p in picks)
    # with heavy noise and little weight on complementarity the choice is a coin flip
    noisy = [
        partnering.choose_partner(rng, own, cands, trust, rep, 0.3, 0.0, 1.0) for _ in range(200)
    ]
    assert 50 < sum(noisy) < 150


def test_trust_wins_when_capabilities_are_alike():
    rng = np.random.default_rng(1)
    own, cands = np.array([0.5, 0.5]), np.array([[0.5, 0.5], [0.5, 0.5]])
    pick = partnering.choose_partner(
        rng, own, cands, np.array([0.2, 0.9]), np.array([0.5, 0.5]), 0.0, 1.0, 0.01
    )
    assert pick == 1
    assert partnering.choose_partner(rng, own, cands[:0], [], [], 0.0, 1.0, 0.1) == -1
