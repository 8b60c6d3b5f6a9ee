"""Measures of the partnership network: density and clustering, from the edge list."""

from __future__ import annotations

import numpy as np

from ecosim.units import HALF

__all__ = ["network_measures"]


def network_measures(a: np.ndarray, b: np.ndarray, nodes: np.ndarray) -> tuple[float, float]:
    """Density and average clustering (networkx convention) of an undirected graph.

    Computed from the edge list: the triangles through an edge are the common neighbours
    of its two ends (a boolean intersection over the nodes that have edges), so there is
    no dense matrix product and the cost follows the edges.

    Args:
        a: one end of each edge (organisation rows).
        b: the other end (repeated edges count once; self-loops are ignored).
        nodes: the graph's nodes (sorted organisation rows); edges must join them.
    """
    n = len(nodes)
    if n <= 1:
        return 0.0, 0.0
    keep = a != b
    lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    i, j = np.searchsorted(nodes, lo), np.searchsorted(nodes, hi)
    keys = np.unique(i * n + j)  # each undirected edge once
    i, j = keys // n, keys % n
    pairs = np.stack([i, j])
    deg = np.bincount(np.concatenate([i, j]), minlength=n).astype(float)
    density = float(deg.sum() / (n * (n - 1)))
    linked = np.flatnonzero(deg > 0)  # only nodes with edges can be in a triangle
    where = np.searchsorted(linked, pairs)
    adj = np.zeros((len(linked), len(linked)), dtype=bool)
    adj[where[0], where[1]] = adj[where[1], where[0]] = True
    common = np.count_nonzero(adj[where[0]] & adj[where[1]], axis=1).astype(float)
    tri = (np.bincount(i, common, minlength=n) + np.bincount(j, common, minlength=n)) * HALF
    possible = deg * (deg - 1) * HALF
    local = np.divide(tri, possible, out=np.zeros(n), where=possible > 0)
    return density, float(local.mean())
