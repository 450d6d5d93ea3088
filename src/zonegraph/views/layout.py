"""Node positions computed in Python, for views too big for in-browser physics.

vis-network's physics needs minutes to settle a few thousand nodes; positions computed
here let the page draw at once with physics off. Each connected component is laid out
on its own (a force layout pushes unconnected parts to the rim) and the components are
packed in rows, largest first. Small components use ``nx.spring_layout``; networkx needs
scipy for 500 nodes and more and its Fruchterman-Reingold is O(n²) per iteration, so
large components use a force layout whose repulsion is estimated from a random sample
of nodes per iteration (O(n·k + m)): about a second for 20,000 nodes.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

#: Components up to this size are laid out by ``nx.spring_layout`` (its dense solver).
SPRING_LIMIT = 300
#: Pixels between neighbouring nodes, roughly, in the positions returned.
SPACING = 40.0


def precomputed_layout(G: nx.Graph, *, seed: int = 0, iterations: int = 60) -> dict:
    """Pixel positions for every node of ``G``: node → (x, y), deterministic for a seed.

    Examples
    --------
    >>> pos = precomputed_layout(nx.path_graph(4))
    >>> sorted(pos) == [0, 1, 2, 3]
    True
    """
    if len(G) == 0:
        return {}
    parts = sorted((sorted(c, key=str) for c in nx.connected_components(G)),
                   key=lambda c: (-len(c), str(c[0])))
    placed = [_component_layout(_ordered_subgraph(G, c) if len(c) > 3 else None, c, seed,
                                iterations) for c in parts]
    return _pack(placed)


def _ordered_subgraph(G: nx.Graph, nodes: list) -> nx.Graph:
    """The subgraph on ``nodes`` with nodes and edges in that order. ``G.subgraph`` iterates
    a set when the part is small, so its order (and the seeded layout) would change with
    Python's string hashing from one run to the next."""
    C = nx.Graph()
    C.add_nodes_from(nodes)
    rank = {v: i for i, v in enumerate(nodes)}
    pairs = sorted(((a, b) if rank[a] < rank[b] else (b, a)
                    for a, b in G.subgraph(nodes).edges()), key=lambda e: (rank[e[0]], rank[e[1]]))
    C.add_edges_from((a, b, G.edges[a, b]) for a, b in pairs)
    return C


def _component_layout(C: nx.Graph | None, nodes: list, seed: int, iterations: int) -> dict:
    """Positions of one component, centred on 0, scaled so neighbours are ~SPACING apart."""
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n <= 3:
        angles = [2 * math.pi * i / n for i in range(n)]
        return {v: (SPACING * math.cos(a), SPACING * math.sin(a)) for v, a in zip(nodes, angles)}
    if n <= SPRING_LIMIT:
        raw = nx.spring_layout(C, seed=seed, iterations=50)
        pos = np.array([raw[v] for v in nodes], dtype=float)
    else:
        pos = _sampled_force_layout(C, nodes, seed, iterations)
    pos -= pos.mean(axis=0)
    radius = np.sqrt((pos ** 2).sum(axis=1)).max() or 1.0
    pos *= SPACING * math.sqrt(n) / radius
    return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, pos)}


def _sampled_force_layout(C: nx.Graph, nodes: list, seed: int, iterations: int) -> np.ndarray:
    """Fruchterman-Reingold with repulsion from ``samples`` random nodes per node and
    iteration.

    The sampled repulsion, scaled by n/samples, is an unbiased estimate of the full sum;
    the cooling temperature averages its noise away.
    """
    rng = np.random.default_rng(seed)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    edges = np.array([(index[a], index[b]) for a, nbrs in C.adjacency() for b in nbrs
                      if index[a] < index[b]], dtype=np.int64).reshape(-1, 2)
    u, v = edges[:, 0], edges[:, 1]
    x, y = rng.uniform(-1.0, 1.0, size=(2, n))
    k2 = 1.0 / n  # squared ideal distance in the unit square
    k = math.sqrt(k2)
    samples = min(16, n - 1)
    scale = (n - 1) / samples
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        others = rng.integers(0, n, size=(n, samples))
        dx = x[:, None] - x[others]
        dy = y[:, None] - y[others]
        push = k2 * scale / np.maximum(dx * dx + dy * dy, 1e-6)
        disp_x = (dx * push).sum(axis=1)
        disp_y = (dy * push).sum(axis=1)
        ex, ey = x[u] - x[v], y[u] - y[v]
        pull = np.sqrt(ex * ex + ey * ey) / k
        # bincount accumulates per node; np.add.at is ten times slower
        disp_x += np.bincount(v, ex * pull, minlength=n) - np.bincount(u, ex * pull, minlength=n)
        disp_y += np.bincount(v, ey * pull, minlength=n) - np.bincount(u, ey * pull, minlength=n)
        length = np.maximum(np.sqrt(disp_x * disp_x + disp_y * disp_y), 1e-9)
        step = np.minimum(length, temperature) / length
        x += disp_x * step
        y += disp_y * step
        temperature -= cooling
    return np.column_stack([x, y])


def _pack(placed: list[dict]) -> dict:
    """Components side by side in rows about as wide as the largest one (shelf packing)."""
    def extent(p):
        xs = [x for x, _ in p.values()]
        ys = [y for _, y in p.values()]
        return min(xs), max(xs), min(ys), max(ys)

    boxes = [extent(p) for p in placed]
    total = sum((b[1] - b[0] + 2 * SPACING) * (b[3] - b[2] + 2 * SPACING) for b in boxes)
    row_width = max(math.sqrt(total) * 1.2, boxes[0][1] - boxes[0][0] + 2 * SPACING)
    out = {}
    x = y = row_height = 0.0
    for p, (x0, x1, y0, y1) in zip(placed, boxes):
        w, h = x1 - x0 + 2 * SPACING, y1 - y0 + 2 * SPACING
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in p.items():
            out[node] = (round(px - x0 + x + SPACING, 1), round(py - y0 + y + SPACING, 1))
        x += w
        row_height = max(row_height, h)
    return out
