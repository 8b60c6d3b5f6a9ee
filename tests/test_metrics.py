import networkx as nx
import numpy as np
import pytest

from ecosim.metrics import network_measures


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_network_measures_match_networkx(seed):
    g = nx.gnp_random_graph(30, 0.15, seed=seed)
    adj = nx.to_numpy_array(g)
    density, clustering = network_measures(adj)
    assert density == pytest.approx(nx.density(g))
    assert clustering == pytest.approx(nx.average_clustering(g))


def test_empty_network():
    assert network_measures(np.zeros((1, 1))) == (0.0, 0.0)
