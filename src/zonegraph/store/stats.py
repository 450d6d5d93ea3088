"""Counts over the store: documents, articles, entities by type, relations by predicate."""
from __future__ import annotations

from ..extract.model import ENTITY_TYPES, PREDICATES
from .graph_store import GraphStore


def store_stats(store: GraphStore) -> dict:
    one = lambda q: int(store.select(q)[0]["n"])  # noqa: E731
    entities = {}
    for t in ENTITY_TYPES:
        entities[t] = one(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a zg:{t} }}")
    relations = {}
    for p in PREDICATES:
        relations[p] = one(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s zg:{p} ?o }}")
    return {
        "documents": one("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a zg:Document }"),
        "articles": one("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a zg:Article }"),
        "triples": store.triple_count(),
        "entities": entities,
        "relations": relations,
    }
