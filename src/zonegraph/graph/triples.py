"""Turn one processed document into RDF quads in its own named graph.

Design (see ``ontology/README.md``): everything a document contributes lives in the named
graph ``graph:<sha256>``, so rebuilding or removing it replaces or drops exactly that
graph. Each relation is asserted directly (``s zg:cooperatesWith o``) and described by a
``zg:Evidence`` node (a reified statement) pointing to the article and to the sentence,
with character offsets into the document's original text.
IRIs are stable: derived from gazetteer ids, document hashes and entity keys only.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, XSD, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from .link import Entity
from .names import ENGLISH, SIMPLIFIED, script_tag
from .namespace import ENTITY_CLASSES, GRAPH, ID, RELATIONS, SCHEMA, ZG

#: IRI path segment for each entity type.
KIND = {t: t.lower() for t in ENTITY_CLASSES}
KIND["GovernmentBody"] = "body"


def _h(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def entity_iri(ent: Entity) -> URIRef:
    """Stable IRI of an entity: its gazetteer id, else a hash of its key."""
    if ent.gazetteer_id:
        prefix = ent.key.split(":", 1)[0]
        return ID[f"{prefix}/{ent.gazetteer_id}"]
    return ID[f"{KIND[ent.type]}/{_h(ent.key)}"]


def graph_iri(sha256: str) -> URIRef:
    return GRAPH[sha256]


def document_iri(sha256: str) -> URIRef:
    return ID[f"document/{sha256}"]


def article_iri(sha256: str, index: int) -> URIRef:
    return ID[f"article/{sha256[:16]}-{index}"]


@dataclass
class Statement:
    """A relation with where it was read: article, sentence and offsets in the original."""

    subject: str  # entity keys
    predicate: str
    object: str
    article: int
    sentence: str
    start: int
    end: int
    confidence: float
    rule: str
    planned: bool = False


@dataclass
class PostRecord:
    person: str
    organization: str
    title: str


@dataclass
class DocumentRecord:
    """What the graph stage needs to know about one document."""

    sha256: str
    file_name: str
    url: str
    media_type: str
    series: str = ""
    number: str = ""
    date: str = ""
    publisher: str = ""
    publisher_key: str = ""  # the publisher's entity, when the masthead names an organization
    metadata_sha256: str = ""  # of the metadata given with the file (a manifest row)
    # title, source, date, mentions (keys); url, text_date, date_from, source_from if known
    articles: list[dict] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    posts: list[PostRecord] = field(default_factory=list)
    zone_facts: dict[str, dict] = field(default_factory=dict)  # zone key -> gazetteer attrs


def _iri(term: str) -> str:
    return f"<{term}>"


#: What N-Triples' string literals must escape; every other character is written as is.
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _text(value: str) -> str:
    """A plain (``xsd:string``) literal."""
    return '"' + value.translate(_ESCAPES) + '"'


def _tagged(value: str, language: str) -> str:
    """A language-tagged literal (``"重庆两江新区"@zh-Hans``)."""
    return _text(value) + "@" + language


def _typed(lexical: str, datatype: str) -> str:
    """A typed literal whose lexical form needs no escaping (numbers, dates, booleans)."""
    return f'"{lexical}"^^<{datatype}>'


def _date(value: str) -> str | None:
    """An ISO date, or a year-month (what a manifest may give), as a typed literal."""
    if value and len(value) == 10:
        return _typed(value, XSD.date)
    return _typed(value, XSD.gYearMonth) if value and len(value) == 7 else None


A = _iri(RDF.type)


def document_triples(rec: DocumentRecord) -> list[tuple[str, str, str]]:
    """All triples of one document, each once, as N-Triples terms.

    Written as text, not as rdflib terms: building and converting those took a fifth of a
    build's time, and the store parses N-Quads itself (``document_nquads``).
    """
    triples: list[tuple] = []
    add = triples.append
    doc = _iri(document_iri(rec.sha256))
    add((doc, A, _iri(ZG.Document)))
    add((doc, _iri(ZG.sha256), _text(rec.sha256)))
    add((doc, _iri(ZG.fileName), _text(rec.file_name)))
    add((doc, _iri(SCHEMA.url), _iri(rec.url)))
    add((doc, _iri(DCTERMS.format), _text(rec.media_type)))
    for prop, value in ((ZG.series, rec.series), (ZG.issueNumber, rec.number)):
        if value:
            add((doc, _iri(prop), _text(value)))
    if _date(rec.date):
        add((doc, _iri(DCTERMS.date), _date(rec.date)))
    if rec.metadata_sha256:
        add((doc, _iri(ZG.metadataSha256), _text(rec.metadata_sha256)))

    iris = {k: _iri(entity_iri(e)) for k, e in rec.entities.items()}
    if rec.publisher_key in iris:
        add((doc, _iri(DCTERMS.publisher), iris[rec.publisher_key]))
    elif rec.publisher:
        add((doc, _iri(DCTERMS.publisher), _text(rec.publisher)))
    for i, art in enumerate(rec.articles):
        a = _iri(article_iri(rec.sha256, i))
        add((a, A, _iri(ZG.Article)))
        add((a, _iri(ZG.inDocument), doc))
        add((a, _iri(DCTERMS.title), _text(art["title"])))
        if art.get("source"):
            add((a, _iri(DCTERMS.source), _text(art["source"])))
        if _date(art.get("date", "")):
            add((a, _iri(DCTERMS.date), _date(art["date"])))
        if _date(art.get("text_date", "")):
            add((a, _iri(ZG.textDate), _date(art["text_date"])))
        for prop, key in ((ZG.dateFrom, "date_from"), (ZG.sourceFrom, "source_from")):
            if art.get(key):
                add((a, _iri(prop), _text(art[key])))
        if art.get("url"):  # checked to be an http(s) URL without characters an IRI forbids
            add((a, _iri(SCHEMA.url), _iri(art["url"])))
        for key in sorted(art.get("mentions", ())):
            if key in iris:
                add((a, _iri(SCHEMA.mentions), iris[key]))

    for key, ent in rec.entities.items():
        node = iris[key]
        add((node, A, _iri(ENTITY_CLASSES[ent.type])))
        label = _tagged(ent.label, SIMPLIFIED)  # the same from every document: ``graph.names``
        add((node, _iri(RDFS.label), label))
        add((node, _iri(SKOS.prefLabel), label))
        if ent.name_en:
            add((node, _iri(SKOS.prefLabel), _tagged(ent.name_en, ENGLISH)))
        for alias in sorted(ent.aliases):
            add((node, _iri(SKOS.altLabel), _tagged(alias, script_tag(alias))))
        for rule in sorted(ent.merged_by):
            add((node, _iri(ZG.mergedBy), _text(rule)))
        if ent.gazetteer_id:
            add((node, _iri(ZG.gazetteerId), _text(ent.gazetteer_id)))
        if ent.amount is not None:
            add((node, _iri(ZG.amountCNY), _typed(f"{ent.amount:.0f}", XSD.decimal)))
        if ent.type == "Policy" and _date(ent.date):
            add((node, _iri(DCTERMS.issued), _date(ent.date)))
        facts = rec.zone_facts.get(key, {})
        if _date(facts.get("approved", "")):
            add((node, _iri(ZG.approvalDate), _date(facts["approved"])))

    for post in rec.posts:
        if post.person not in iris or post.organization not in iris:
            continue
        pos = _iri(ID[f"position/{_h(post.person, post.organization, post.title)}"])
        add((iris[post.person], _iri(ZG.holds), pos))
        add((pos, A, _iri(ZG.Position)))
        add((pos, _iri(ZG.organization), iris[post.organization]))
        add((pos, _iri(ZG.title), _text(post.title)))

    evidence = set()
    for st in sorted(rec.statements, key=lambda st: -st.confidence):
        if st.subject not in iris or st.object not in iris:
            continue
        s, p, o = iris[st.subject], _iri(RELATIONS[st.predicate]), iris[st.object]
        if st.predicate == "cooperatesWith" and o[1:-1] < s[1:-1]:
            s, o = o, s  # one evidence node per unordered pair and sentence
        ev = _iri(ID[f"evidence/{_h(rec.sha256, s[1:-1], st.predicate, o[1:-1], str(st.start))}"])
        if ev in evidence:
            continue
        evidence.add(ev)
        add((s, p, o))  # cooperatesWith once per pair (owl:SymmetricProperty gives the other)
        add((ev, A, _iri(ZG.Evidence)))
        add((ev, _iri(RDF.subject), s))
        add((ev, _iri(RDF.predicate), p))
        add((ev, _iri(RDF.object), o))
        add((ev, _iri(PROV.wasDerivedFrom), _iri(article_iri(rec.sha256, st.article))))
        add((ev, _iri(ZG.sentence), _text(st.sentence)))
        add((ev, _iri(ZG.startOffset), _typed(str(st.start), XSD.integer)))
        add((ev, _iri(ZG.endOffset), _typed(str(st.end), XSD.integer)))
        add((ev, _iri(ZG.confidence), _typed(f"{st.confidence:.2f}", XSD.decimal)))
        add((ev, _iri(ZG.extractedBy), _text(st.rule)))
        if st.planned:
            add((ev, _iri(ZG.planned), _typed("true", XSD.boolean)))
    return list(dict.fromkeys(triples))


def document_nquads(sha256: str, triples: list[tuple[str, str, str]]) -> bytes:
    """N-Quads of a document's ``triples`` in its named graph, then their default-graph
    (union) copy: what ``GraphStore.queue_document`` writes."""
    g = _iri(graph_iri(sha256))
    statements = [f"{s} {p} {o}" for s, p, o in triples]
    return "".join([*(f"{t} {g} .\n" for t in statements),
                    *(f"{t} .\n" for t in statements)]).encode("utf-8")
