import networkx as nx
import numpy as np
import pytest

from ecosim.network import network_measures


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_network_measures_match_networkx(seed):
    g = nx.gnp_random_graph(30, 0.15, seed=seed)
    a, b = (np.array(x) for x in zip(*g.edges(), strict=True))
    density, clustering = network_measures(a, b, np.arange(30))
    assert density == pytest.approx(nx.density(g))
    assert clustering == pytest.approx(nx.average_clustering(g))


def test_repeated_edges_count_once_and_isolated_nodes_count():
    # nodes 10, 20, 30 form a triangle (one edge listed twice, both ways); 40 is isolated
    a, b = np.array([10, 20, 30, 20]), np.array([20, 30, 10, 10])
    density, clustering = network_measures(a, b, np.array([10, 20, 30, 40]))
    g = nx.Graph([(10, 20), (20, 30), (30, 10)])
    g.add_node(40)
    assert density == pytest.approx(nx.density(g)) == pytest.approx(0.5)
    assert clustering == pytest.approx(nx.average_clustering(g)) == pytest.approx(0.75)


def test_empty_network():
    none = np.zeros(0, dtype=np.int64)
    assert network_measures(none, none, np.array([3])) == (0.0, 0.0)
    assert network_measures(none, none, np.array([1, 2, 3])) == (0.0, 0.0)
