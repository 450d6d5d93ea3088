"""Counts over the store: documents, articles, entities by type, relations by predicate, and
the names that break the one-name-per-thing rule (see ``graph.names``)."""
from __future__ import annotations

from ..extract.model import ENTITY_TYPES, PREDICATES
from ..graph.names import SIMPLIFIED, is_generic, script_tag
from .graph_store import GraphStore

#: Entities whose union graph holds more than one ``rdfs:label`` (two documents disagreed).
MANY_LABELS = """
SELECT ?e (GROUP_CONCAT(?label; separator=" | ") AS ?labels)
WHERE { ?e rdfs:label ?label } GROUP BY ?e HAVING (COUNT(DISTINCT ?label) > 1) ORDER BY ?e
"""
NAMES = """
SELECT ?e ?p ?name (LANG(?name) AS ?lang)
WHERE { VALUES ?p { rdfs:label skos:altLabel } ?e ?p ?name } ORDER BY ?e ?p ?name
"""


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
        "names": name_problems(store),
    }


def name_problems(store: GraphStore) -> dict[str, list[str]]:
    """What breaks "one name per thing", each as ``IRI: names`` lines:

    * ``many_labels`` — entities with more than one ``rdfs:label``;
    * ``label_script`` — labels not in simplified script tagged ``zh-Hans`` (a traditional
      or untagged label: the same entity may be listed in both scripts);
    * ``generic_names`` — labels or aliases that are a generic word or a reference (新区, 双方).
    """
    many = [f"{r['e']}: {r['labels']}" for r in store.select(MANY_LABELS)]
    script, generic = [], []
    for r in store.select(NAMES):
        name, label = r["name"], r["p"].endswith("#label")
        if label and (r.get("lang", "").lower() != SIMPLIFIED.lower() or script_tag(name) != SIMPLIFIED):
            script.append(f"{r['e']}: {name}" + (f"@{r['lang']}" if r.get("lang") else ""))
        if is_generic(name):
            generic.append(f"{r['e']}: {name}")
    return {"many_labels": many, "label_script": script, "generic_names": generic}
