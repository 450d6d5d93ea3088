"""Find entities by name for people who do not write SPARQL: ``zonegraph find 科技``.

Every name of an entity counts (its ``rdfs:label``, its English ``skos:prefLabel`` and each
``skos:altLabel``), compared
after ``normalize.fold`` (NFKC, simplified script, no spaces or quotes, lower case), so
``兩江新區`` finds 两江新区. Matches are ranked by how good the best-matching name is —
exact, then prefix, then contains, then fuzzy (``difflib`` similarity, for typos and
near-misses) — and within a rank by how much the graph says about the entity (articles
that mention it), so the real thing comes before a stray extraction of the same name.

The candidates and their counts come from three plain SPARQL queries, so ``find`` works on a remote endpoint too.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..errors import QueryError
from ..store.corrections import short

RANKS = ("exact", "prefix", "contains", "fuzzy")
#: Below this ``difflib`` ratio a name is not offered as a fuzzy match.
FUZZY_CUTOFF = 0.7

ENTITY_NAMES = """
SELECT ?entity ?label ?name ?type
WHERE {
  VALUES ?class { zg:Zone zg:Park zg:Enterprise zg:Institution zg:GovernmentBody
                  zg:Person zg:Fund zg:Policy zg:Program zg:Place zg:Event }
  ?entity a ?class ;
          rdfs:label ?label ;
          rdfs:label|skos:prefLabel|skos:altLabel ?name .
  BIND (STRAFTER(STR(?class), "#") AS ?type)
}
"""
ARTICLE_COUNTS = """
SELECT ?entity (COUNT(DISTINCT ?article) AS ?n)
WHERE { ?article schema:mentions ?entity }
GROUP BY ?entity
"""
RELATION_COUNTS = """
SELECT ?entity (COUNT(*) AS ?n)
WHERE {
  VALUES ?p { zg:memberOf zg:locatedIn zg:partOf zg:cooperatesWith zg:issuedBy zg:launchedBy }
  { ?entity ?p ?other } UNION { ?other ?p ?entity }
}
GROUP BY ?entity
"""


@dataclass(frozen=True)
class Match:
    """One entity that matched: how well, under which of its names, and how much it has."""

    rank: str
    entity: str  # IRI
    label: str
    matched: str  # the name that matched (label or alias)
    types: tuple[str, ...]
    articles: int
    relations: int
    score: float  # similarity of the matched name, 1.0 for exact

    def row(self) -> dict:
        """The match as ``zonegraph find`` shows it, one value per column of ``COLUMNS``
        (the alias only when the name that matched is not the label; ``id`` the full IRI)."""
        return dict(zip(COLUMNS, (self.rank, self.label, "/".join(self.types), self.articles,
                                  self.relations, "" if self.matched == self.label else
                                  self.matched, self.entity)))


#: The columns of a found entity (``Match.row``), in the order ``zonegraph find`` shows them.
COLUMNS = ("match", "name", "type", "articles", "relations", "matched alias", "id")


def rank_name(query: str, name: str) -> tuple[int, float] | None:
    """(rank index, similarity) of ``name`` for the folded ``query``, or None if no match."""
    from ..ingest.normalize import fold

    q, n = fold(query), fold(name)
    if not q or not n:
        return None
    if n == q:
        return 0, 1.0
    ratio = difflib.SequenceMatcher(None, q, n).ratio()
    if n.startswith(q):
        return 1, ratio
    if q in n:
        return 2, ratio
    if ratio >= FUZZY_CUTOFF:
        return 3, ratio
    return None


def rank_entities(query: str, rows: list[dict], entity_type: str | None = None,
                  limit: int | None = 20) -> list[Match]:
    """Rank entity name rows (``entity label name type articles relations``) for ``query``."""
    if not query.strip():
        raise QueryError("give a name (or part of one) to look for")
    best: dict[str, tuple[int, float, str]] = {}
    info: dict[str, dict] = {}
    for row in rows:
        if entity_type and row["type"].lower() != entity_type.lower():
            continue
        iri = row["entity"]
        entry = info.setdefault(iri, {"label": row["label"], "types": set(),
                                      "articles": int(row.get("articles", 0)),
                                      "relations": int(row.get("relations", 0))})
        entry["types"].add(row["type"])
        hit = rank_name(query, row["name"])
        if hit is None:
            continue
        key = (hit[0], -hit[1], row["name"])
        if iri not in best or key < (best[iri][0], -best[iri][1], best[iri][2]):
            best[iri] = (hit[0], hit[1], row["name"])
    matches = [Match(RANKS[r], iri, info[iri]["label"], name, tuple(sorted(info[iri]["types"])),
                     info[iri]["articles"], info[iri]["relations"], score)
               for iri, (r, score, name) in best.items()]
    # fuzzy matches go by similarity first; the others by how much the graph knows
    matches.sort(key=lambda m: (RANKS.index(m.rank), -m.score if m.rank == "fuzzy" else 0,
                                -m.articles, -m.relations, -m.score, len(m.label), m.label))
    return matches if limit is None else matches[:limit]


def match_rows(matches: list[Match]) -> list[dict]:
    """The matches as rows of ``COLUMNS``, for tables, CSV and JSON alike."""
    return [m.row() for m in matches]


def find_entities(target, query: str, entity_type: str | None = None,
                  limit: int | None = 20) -> list[Match]:
    """Entities whose names match ``query``, best first, from a ``sparql_run.QueryTarget``."""
    from .run import run_sparql

    def select(sparql: str) -> list[dict]:
        variables, terms = run_sparql(target, sparql)
        return [{v: t.value for v, t in zip(variables, row) if t is not None} for row in terms]

    return rank_entities(query, entity_rows(select), entity_type, limit)


def exact_name_rows(select, names) -> list[dict]:
    """The rows of ``entity_rows`` (without counts) of the entities that carry one of
    ``names`` exactly: a look-up by index, where ``entity_rows`` reads every name."""
    import pyoxigraph as ox

    values = " ".join(str(ox.Literal(n)) for n in dict.fromkeys(names) if n)
    return select(ENTITY_NAMES.replace("WHERE {", "WHERE {\n  VALUES ?name { " + values + " }", 1))


def entity_rows(select) -> list[dict]:
    """Every name of every entity with its counts, from ``select`` (SPARQL → rows of
    strings): what ``rank_entities`` ranks, for ``find`` and for ``curate``'s names."""
    articles = {r["entity"]: r["n"] for r in select(ARTICLE_COUNTS)}
    relations = {r["entity"]: r["n"] for r in select(RELATION_COUNTS)}
    return [{**r, "articles": articles.get(r["entity"], 0),
             "relations": relations.get(r["entity"], 0)} for r in select(ENTITY_NAMES)]


#: How many candidates an unknown or ambiguous name lists (``resolve_name``).
CANDIDATES = 6


def resolve_name(select, name: str, entity_type: str | None = None) -> str:
    """The IRI of the one entity called ``name`` (any label or alias, as ``find`` compares
    them, but only exactly), from ``select`` (SPARQL → rows of strings); a ``zgid:`` or
    full entity IRI names one node directly. No match, or several, is a ``QueryError``
    listing the candidates.

    The names stored exactly as given (or as ``fold`` gives them) are looked up first; when
    that finds not exactly one entity, every name is ranked as ``find`` ranks them (in a
    large store that takes seconds; it also gives the candidates an error lists)."""
    from ..ingest.normalize import fold

    iri = _as_iri(name)
    if iri is not None:
        if select(f"SELECT ?l WHERE {{ <{iri}> rdfs:label ?l }} LIMIT 1"):
            return iri
        raise QueryError(f"{name}: no entity has this IRI")
    exact = [m for m in rank_entities(name, exact_name_rows(select, (name, fold(name))),
                                      entity_type, limit=None) if m.rank == "exact"]
    if len(exact) == 1:
        return exact[0].entity
    matches = rank_entities(name, entity_rows(select), entity_type, limit=None)
    exact = [m for m in matches if m.rank == "exact"]
    if len(exact) == 1:
        return exact[0].entity
    listed = "; ".join(f"{m.label} ({'/'.join(m.types)}, {short(m.entity)})"
                       for m in (exact or matches)[:CANDIDATES])
    narrowed = f" of type {entity_type}" if entity_type else ""
    if exact:
        raise QueryError(f"{name!r} names {len(exact)} entities{narrowed}: {listed}; "
                         "add --type or give the IRI")
    raise QueryError(f"no entity{narrowed} is called {name!r}"
                     + (f"; similar: {listed}" if listed else ""))


def _as_iri(name: str) -> str | None:
    """The entity IRI ``name`` spells (``zgid:…`` or in full), if it is one."""
    import pyoxigraph as ox

    from ..graph.namespace import ID

    iri = str(ID) + name[len("zgid:"):] if name.startswith("zgid:") else name
    if not iri.startswith(str(ID)):
        return None
    try:
        return ox.NamedNode(iri).value
    except ValueError:
        raise QueryError(f"{name}: not an IRI") from None
