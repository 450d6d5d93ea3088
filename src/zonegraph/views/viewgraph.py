"""The graph a view shows: entities with their names, attributes, posts and articles, and
the relations between them with the evidence behind each one.

Views (``zonegraph.views.page``) and analyses (``zonegraph.views.analyze``) both start from a
``ViewGraph``, so what a researcher sees and what ``zonegraph analyze`` counts are the same
graph. Filters act on evidence first — a relation stays while one of its sentences passes
(confidence, article date) — and then on entities (type), so a filtered view never shows a
link it cannot back with a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from ..errors import ZoneGraphError
from ..graph.namespace import ENTITY_CLASSES, RELATIONS
from ..ingest.normalize import fold
from ..store.graph_store import GraphStore

#: When an entity carries several types, the first of these names it (Zone before Place:
#: 浦东新区 is also a district, but researchers look for it as a zone).
TYPE_ORDER = ("Zone", "Person", "Fund", "Policy", "Program", "Event", "Park", "Enterprise",
              "Institution", "GovernmentBody", "Place")
#: The relation that is symmetric; its edges are keyed with the smaller IRI first.
SYMMETRIC = "cooperatesWith"

EdgeKey = tuple[str, str, str]  # (subject IRI, relation local name, object IRI)


@dataclass(frozen=True)
class Article:
    """Where evidence comes from: a news article's title, outlet, date (ISO, a year-month,
    or "") and web page (an http(s) URL, or "")."""

    iri: str
    title: str
    source: str = ""
    date: str = ""
    url: str = ""


@dataclass(frozen=True)
class Evidence:
    """One sentence supporting one relation, in the direction it was extracted."""

    subject: str
    predicate: str
    object: str
    sentence: str
    article: str
    confidence: float | None = None
    planned: bool = False
    #: Set on a relation an analyst added (``zonegraph curate add``): who and when; the
    #: ``sentence`` is then the analyst's note and ``article`` the correction.
    curated: str = ""


@dataclass(frozen=True, order=True)
class Post:
    """A post: ``person`` holds ``title`` in ``organization`` (both IRIs)."""

    person: str
    organization: str
    title: str


@dataclass
class Entity:
    """One node: its fullest name, other names, types (first = shown type) and facts."""

    iri: str
    label: str
    types: tuple[str, ...]
    names: tuple[str, ...] = ()
    attributes: dict[str, str] = field(default_factory=dict)
    articles: tuple[str, ...] = ()  # IRIs of the articles that mention it
    #: The analysts' corrections of this node (``zonegraph curate``), each in words.
    corrections: tuple[str, ...] = ()

    @property
    def type(self) -> str:
        return self.types[0]


@dataclass
class ViewGraph:
    """Entities (by IRI), relations (by ``EdgeKey``) with their evidence, articles and posts.

    ``notes`` says what was done to the graph (filters, roll-ups) so a view can tell its
    reader; transformations return a new ``ViewGraph`` and leave their input alone.
    """

    nodes: dict[str, Entity] = field(default_factory=dict)
    edges: dict[EdgeKey, list[Evidence]] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    posts: tuple[Post, ...] = ()
    notes: tuple[str, ...] = ()
    #: Label of every entity loaded, kept through filters: evidence and posts may name
    #: entities a filter or roll-up took out of ``nodes``.
    labels: dict[str, str] = field(default_factory=dict)

    def neighbours(self) -> dict[str, set[str]]:
        """Undirected adjacency of the nodes, over every relation."""
        adj: dict[str, set[str]] = {n: set() for n in self.nodes}
        for s, _, o in self.edges:
            if s in adj and o in adj and s != o:
                adj[s].add(o)
                adj[o].add(s)
        return adj


def edge_key(subject: str, predicate: str, obj: str) -> EdgeKey:
    """The key of a relation: symmetric relations are keyed one way only."""
    if predicate == SYMMETRIC and obj < subject:
        subject, obj = obj, subject
    return (subject, predicate, obj)


def article_count(evidence: list[Evidence]) -> int:
    """How many distinct articles support a relation (what edge widths show)."""
    return len({e.article for e in evidence})


# --------------------------------------------------------------------------- loading

def _local(iri: str) -> str:
    """``zg:cooperatesWith`` → ``cooperatesWith``; ``dcterms:issued`` → ``issued``."""
    return re.split(r"[#/]", iri)[-1]


#: Relations analysts added: the note is their evidence (``zonegraph.store.curation``).
CURATED_EVIDENCE = """
SELECT ?s ?p ?o ?c ?note ?by ?when WHERE {
  ?ev a zg:Evidence ; zg:curated true ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      prov:wasDerivedFrom ?c .
  OPTIONAL { ?ev rdfs:comment ?note } OPTIONAL { ?ev prov:wasAttributedTo/rdfs:label ?by }
  OPTIONAL { ?ev prov:generatedAtTime ?when } }"""
#: Corrections of a node (merged into it, split from it, renamed, retyped).
NODE_CORRECTIONS = """
SELECT ?e ?action ?note ?by ?when WHERE {
  ?c a zg:Correction ; zg:action ?action ; zg:target|zg:keep|zg:newNode ?e .
  FILTER (?action != "drop")
  OPTIONAL { ?c rdfs:comment ?note } OPTIONAL { ?c prov:wasAttributedTo/rdfs:label ?by }
  OPTIONAL { ?c prov:generatedAtTime ?when } }"""


#: Languages a view or report shows names in: ``zh``, the canonical simplified Chinese
#: name; ``en``, the official English name where there is one (zones, central bodies),
#: else the Chinese name.
LANGUAGES = ("zh", "en")
ENGLISH_NAMES = """
SELECT ?e ?name WHERE { ?e skos:prefLabel ?name FILTER (LANGMATCHES(LANG(?name), "en")) }"""


def load_view_graph(store: GraphStore, lang: str = "zh") -> ViewGraph:
    """Read entities, relations, evidence, articles and posts from ``store`` (the union),
    each entity labelled in ``lang`` (see ``LANGUAGES``) with its other names beside."""
    classes = " ".join(f"zg:{t}" for t in ENTITY_CLASSES)
    relations = " ".join(f"zg:{p}" for p in RELATIONS)
    types: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for r in store.select(f"""
        SELECT ?e ?label ?cls WHERE {{
          VALUES ?cls {{ {classes} }} ?e a ?cls ; rdfs:label ?label }}"""):
        types.setdefault(r["e"], set()).add(_local(r["cls"]))
        labels.setdefault(r["e"], r["label"])
    alts: dict[str, set[str]] = {}
    for r in store.select("SELECT ?e ?alt WHERE { ?e skos:altLabel ?alt }"):
        alts.setdefault(r["e"], set()).add(r["alt"])
    for r in store.select(ENGLISH_NAMES):  # found by English names too, shown in English
        if r["e"] in labels:
            alts.setdefault(r["e"], set()).update((labels[r["e"]], r["name"]))
            if lang == "en":
                labels[r["e"]] = r["name"]
    attributes: dict[str, dict[str, str]] = {}
    for r in store.select("""
        SELECT ?e ?p ?v WHERE {
          VALUES ?p { zg:amountCNY dcterms:issued zg:approvalDate zg:gazetteerId }
          ?e ?p ?v }"""):
        attributes.setdefault(r["e"], {})[_local(r["p"])] = r["v"]
    articles = {r["a"]: Article(r["a"], r.get("title", ""), r.get("source", ""),
                                r.get("date", "")[:10], r.get("url", ""))
                for r in store.select("""
        SELECT ?a ?title ?source ?date ?url WHERE { ?a a zg:Article .
          OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a dcterms:source ?source }
          OPTIONAL { ?a dcterms:date ?date } OPTIONAL { ?a schema:url ?url } }""")}
    mentions: dict[str, set[str]] = {}
    for r in store.select("SELECT ?a ?e WHERE { ?a a zg:Article ; schema:mentions ?e }"):
        mentions.setdefault(r["e"], set()).add(r["a"])

    view = ViewGraph(articles=articles, labels=labels)
    for iri, ts in types.items():
        ordered = tuple(sorted(ts, key=TYPE_ORDER.index))
        view.nodes[iri] = Entity(iri, labels[iri], ordered,
                                 tuple(sorted(alts.get(iri, set()) - {labels[iri]})),
                                 attributes.get(iri, {}),
                                 tuple(sorted(mentions.get(iri, ()))))
    for r in store.select(f"""
        SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {relations} }} ?s ?p ?o }}"""):
        view.edges.setdefault(edge_key(r["s"], _local(r["p"]), r["o"]), [])
    seen: set[tuple] = set()
    for r in sorted(store.select("""
        SELECT ?s ?p ?o ?sentence ?article ?conf ?planned WHERE {
          ?ev a zg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
              zg:sentence ?sentence ; prov:wasDerivedFrom ?article .
          OPTIONAL { ?ev zg:confidence ?conf } OPTIONAL { ?ev zg:planned ?planned } }"""),
                    key=lambda r: (r["article"], r["sentence"], r["s"], r["o"])):
        p = _local(r["p"])
        if p not in RELATIONS:
            continue
        key = edge_key(r["s"], p, r["o"])
        if (key, r["sentence"], r["article"]) in seen:  # one sentence, both directions
            continue
        seen.add((key, r["sentence"], r["article"]))
        conf = float(r["conf"]) if "conf" in r else None
        view.edges.setdefault(key, []).append(Evidence(
            r["s"], p, r["o"], r["sentence"], r["article"], conf,
            r.get("planned", "false") in ("true", "1")))
    for r in store.select(CURATED_EVIDENCE):
        p = _local(r["p"])
        key = edge_key(r["s"], p, r["o"])
        view.edges.setdefault(key, []).append(Evidence(
            r["s"], p, r["o"], r.get("note", ""), r["c"],
            curated=" · ".join(filter(None, (r.get("by", ""), r.get("when", "")[:10])))))
    corrections: dict[str, list[str]] = {}
    for r in store.select(NODE_CORRECTIONS):
        line = " · ".join(filter(None, (r["action"], r.get("note", ""), r.get("by", ""),
                                        r.get("when", "")[:10])))
        corrections.setdefault(r["e"], []).append(line)
    for iri, lines in corrections.items():
        if iri in view.nodes:
            view.nodes[iri].corrections = tuple(sorted(lines))
    view.posts = tuple(sorted(Post(r["person"], r["org"], r["title"]) for r in store.select("""
        SELECT ?person ?org ?title WHERE {
          ?person zg:holds ?pos . ?pos zg:organization ?org ; zg:title ?title }""")))
    view.edges = {k: v for k, v in view.edges.items() if k[0] in view.nodes and k[2] in view.nodes}
    return view


# --------------------------------------------------------------------------- filters

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_date_bound(text: str, *, end: bool = False) -> str:
    """``2024``, ``2024-03`` or ``2024-03-05`` → an inclusive ISO bound (start or end)."""
    m = _DATE.match(text.strip())
    if not m:
        raise ZoneGraphError(f"{text}: not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            return date(int(year), int(month), int(day)).isoformat()
        if month:
            date(int(year), int(month), 1)
            return f"{year}-{int(month):02d}-{'31' if end else '01'}"
    except ValueError:
        raise ZoneGraphError(f"{text}: not a date (use YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return f"{year}-12-31" if end else f"{year}-01-01"


def parse_types(text: str) -> frozenset[str]:
    """``Zone,enterprise`` → the entity class names (case-insensitive), or an error."""
    by_lower = {t.lower(): t for t in ENTITY_CLASSES}
    out = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        if part.lower() not in by_lower:
            raise ZoneGraphError(f"{part}: unknown entity type; expected one of "
                                 f"{', '.join(ENTITY_CLASSES)}")
        out.add(by_lower[part.lower()])
    return frozenset(out)


@dataclass(frozen=True)
class ViewFilter:
    """What to keep: entity types (empty = all), an article-date range, a confidence floor."""

    types: frozenset[str] = frozenset()
    since: str = ""
    until: str = ""
    min_confidence: float = 0.0
    undated: str = "exclude"  # or "include": articles without a date pass a date range

    @classmethod
    def parse(cls, types: str | None = None, since: str | None = None,
              until: str | None = None, min_confidence: float = 0.0,
              undated: str = "exclude") -> "ViewFilter":
        """Build a filter from command-line text; raises ``ZoneGraphError`` on bad input."""
        f = cls(parse_types(types) if types else frozenset(),
                parse_date_bound(since) if since else "",
                parse_date_bound(until, end=True) if until else "",
                float(min_confidence or 0.0), undated)
        if f.since and f.until and f.since > f.until:
            raise ZoneGraphError(f"--since {since} is after --until {until}")
        return f

    @property
    def on_evidence(self) -> bool:
        return bool(self.since or self.until or self.min_confidence > 0)

    def describe(self) -> list[str]:
        parts = []
        if self.types:
            parts.append("types: " + ", ".join(t for t in TYPE_ORDER if t in self.types))
        if self.since or self.until:
            parts.append(f"articles dated {self.since or '…'} to {self.until or '…'}"
                         + (" or undated" if self.undated == "include" else ""))
        if self.min_confidence > 0:
            parts.append(f"evidence with confidence ≥ {self.min_confidence:g}")
        return parts


def _evidence_passes(f: ViewFilter, ev: Evidence, articles: dict[str, Article]) -> bool:
    if f.min_confidence > 0 and not ev.curated and (ev.confidence is None
                                                    or ev.confidence < f.min_confidence):
        return False
    if f.since or f.until:
        return _in_range(f, articles.get(ev.article, Article("", "")).date)
    return True


def _in_range(f: ViewFilter, when: str) -> bool:
    """Whether an article dated ``when`` passes the date range: a year-month (a manifest
    may give only the month) passes when the month and the range overlap; an undated
    article only with ``--undated include``."""
    if not when:
        return f.undated == "include"
    last = when if len(when) == 10 else when + "-31"
    return not (f.since and last < f.since) and not (f.until and when > f.until)


def undated_articles(view: ViewGraph) -> int:
    """How many of the view's articles have no date: what a date range leaves out (or,
    with ``--undated include``, keeps), for the command line to say."""
    return sum(1 for a in view.articles.values() if not a.date)


def apply_filter(view: ViewGraph, f: ViewFilter) -> ViewGraph:
    """The part of ``view`` that ``f`` keeps.

    With a date range, entities stay when an article of that range mentions them or a
    kept relation touches them; with a confidence floor only relations are dropped (an
    entity has no confidence of its own).
    """
    edges = view.edges
    nodes = view.nodes
    if f.on_evidence:
        edges = {}
        for key, evidence in view.edges.items():
            kept = [e for e in evidence if _evidence_passes(f, e, view.articles)]
            if kept:
                edges[key] = kept
    if f.since or f.until:
        in_range = {a for a, art in view.articles.items() if _in_range(f, art.date)}
        ends = {k[0] for k in edges} | {k[2] for k in edges}
        nodes = {i: n for i, n in nodes.items() if i in ends or in_range.intersection(n.articles)}
    if f.types:
        nodes = {i: n for i, n in nodes.items() if f.types.intersection(n.types)}
    edges = {k: v for k, v in edges.items() if k[0] in nodes and k[2] in nodes}
    return replace(view, nodes=dict(nodes), edges=edges, notes=view.notes + tuple(f.describe()))


# --------------------------------------------------------------------------- selections

def find_entities(view: ViewGraph, name: str) -> list[str]:
    """IRIs of the entities called ``name`` (any of their names, folded); a unique partial
    match is accepted, several partial matches are an error that lists them."""
    key = fold(name)
    if not key:
        raise ZoneGraphError("empty entity name")
    exact = [i for i, n in view.nodes.items() if key in {fold(x) for x in (n.label, *n.names)}]
    if exact:
        return sorted(exact)
    partial = sorted(i for i, n in view.nodes.items()
                     if any(key in fold(x) for x in (n.label, *n.names)))
    if len(partial) == 1:
        return partial
    if partial:
        shown = ", ".join(sorted(view.nodes[i].label for i in partial)[:6])
        more = ", …" if len(partial) > 6 else ""
        raise ZoneGraphError(f"{name}: several entities match ({shown}{more}); give the full name")
    raise ZoneGraphError(f"{name}: no entity of that name")


def ego(view: ViewGraph, name: str, depth: int = 1) -> ViewGraph:
    """The entities within ``depth`` relations of the entity called ``name``, and the
    relations among them."""
    start = find_entities(view, name)
    adj = view.neighbours()
    keep = set(start)
    frontier = set(start)
    for _ in range(depth):
        frontier = {m for n in frontier for m in adj[n]} - keep
        keep |= frontier
    label = view.nodes[start[0]].label
    return replace(view, nodes={i: n for i, n in view.nodes.items() if i in keep},
                   edges={k: v for k, v in view.edges.items() if k[0] in keep and k[2] in keep},
                   notes=view.notes + (f"within {depth} relation(s) of {label}",))


def zone_organs(view: ViewGraph) -> dict[str, str]:
    """Government bodies that are ``partOf`` a zone (its 管委会, 党工委 …) → that zone."""
    out = {}
    for s, p, o in view.edges:
        if (p == "partOf" and s in view.nodes and o in view.nodes
                and "GovernmentBody" in view.nodes[s].types and view.nodes[o].type == "Zone"):
            out.setdefault(s, o)
    return out


def cooperation(view: ViewGraph, *, zones_only: bool = False) -> ViewGraph:
    """The zone-cooperation network: zones, and (unless ``zones_only``) the places and
    organizations they cooperate with; one edge per pair with all its evidence.

    A zone's own organs (两江新区管委会 signs for 两江新区) count as the zone: the evidence
    keeps the names as written, so a reader still sees who signed.
    """
    organs = zone_organs(view)
    zones = {i for i, n in view.nodes.items() if n.type == "Zone"}
    edges: dict[EdgeKey, list[Evidence]] = {}
    for (s, p, o), evidence in view.edges.items():
        if p != SYMMETRIC:
            continue
        a, b = organs.get(s, s), organs.get(o, o)
        if a == b or not ({a, b} & zones) or (zones_only and not {a, b} <= zones):
            continue
        merged = edges.setdefault(edge_key(a, SYMMETRIC, b), [])
        signed = s in organs or o in organs  # the organ that signed, rather than its zone
        for e in evidence:
            same = next((i for i, m in enumerate(merged)
                         if m.sentence == e.sentence and m.article == e.article), None)
            if same is None:
                merged.append(e)
            elif signed:
                merged[same] = e
    keep = zones | {k[0] for k in edges} | {k[2] for k in edges}
    note = "zone cooperation" + (" (zones only)" if zones_only else "") + \
           "; a zone's organs count as the zone"
    return replace(view, nodes={i: n for i, n in view.nodes.items() if i in keep},
                   edges=edges, notes=view.notes + (note,))


@dataclass(frozen=True)
class Selection:
    """Which part of the graph a view or an analysis is about."""

    filters: ViewFilter = ViewFilter()
    cooperation: bool = False
    zones_only: bool = False  # implies cooperation
    focus: str | None = None
    depth: int = 1

    @property
    def title(self) -> str:
        """The page title a view of this selection gets unless given one."""
        if self.focus:
            return "ZoneGraph: " + self.focus
        return "ZoneGraph: zone cooperation" if self.cooperation or self.zones_only else "ZoneGraph"


def select(view: ViewGraph, selection: Selection) -> ViewGraph:
    """Apply ``selection``: evidence filters, then the cooperation roll-up (which needs the
    zone organs a type filter could remove), then types, then the focus."""
    f = selection.filters
    view = apply_filter(view, replace(f, types=frozenset()))
    if selection.cooperation or selection.zones_only:
        view = cooperation(view, zones_only=selection.zones_only)
    if f.types:
        view = apply_filter(view, ViewFilter(types=f.types))
    if selection.focus:
        view = ego(view, selection.focus, selection.depth)
    return view


def load_selection(store_path, selection: Selection = Selection(), lang: str = "zh",
                   raw: bool = False) -> ViewGraph:
    """Open the store at ``store_path`` read-only, load the view graph (names in ``lang``;
    curated, or with ``raw`` extraction alone) and select from it."""
    with GraphStore(store_path, read_only=True, raw=raw) as store:
        view = load_view_graph(store, lang)
    return select(view, selection)
