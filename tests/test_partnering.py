import numpy as np

from ecosim.rules import partnering


def choose(rng, own, cands, trust, rep, weight, fit_weight, noise):
    fit = fit_weight * partnering.complementarity(own, cands)
    return partnering.choose_partner(rng, fit, trust, rep, weight, noise)


def test_partner_choice_follows_complementarity_when_it_weighs_and_noise_is_small():
    rng = np.random.default_rng(0)
    own = np.array([0.9, 0.1, 0.1])
    cands = np.array([[0.9, 0.1, 0.1], [0.1, 0.9, 0.9]])
    trust, rep = np.array([0.5, 0.5]), np.array([0.5, 0.5])
    picks = [choose(rng, own, cands, trust, rep, 0.3, 5.0, 0.05) for _ in range(50)]
    assert all(p == 1 for p in picks)
    # with heavy noise and no weight on fit the choice is a coin flip
    noisy = [choose(rng, own, cands, trust, rep, 0.3, 0.0, 1.0) for _ in range(200)]
    assert 50 < sum(noisy) < 150


def test_trust_wins_when_capabilities_are_alike():
    rng = np.random.default_rng(1)
    own, cands = np.array([0.5, 0.5]), np.array([[0.5, 0.5], [0.5, 0.5]])
    pick = choose(rng, own, cands, np.array([0.2, 0.9]), np.array([0.5, 0.5]), 0.0, 1.0, 0.01)
    assert pick == 1
    assert partnering.choose_partner(rng, np.zeros(0), [], [], 0.0, 0.1) == -1


def test_comparative_advantage_prefers_a_specialist_in_what_the_chooser_lacks():
    own = np.array([0.8, 0.8, 0.2])  # weak at the third capability
    all_rounder = [0.9, 0.9, 0.9]
    specialist = [0.3, 0.3, 0.8]
    wrong_specialist = [0.8, 0.3, 0.3]
    cands = np.array([all_rounder, specialist, wrong_specialist])
    comp = partnering.complementarity(own, cands)
    adv = partnering.comparative_advantage(own, cands)
    assert np.argmax(comp) == 0  # seen from outside, the best all-rounder adds most
    assert np.argmax(adv) == 1  # with the map, the specialist in what it lacks
    assert adv[0] == 0.0 and adv[2] < 0
