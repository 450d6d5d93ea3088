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

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from .link import Entity
from .namespace import GRAPH, ID, RELATIONS, SCHEMA, ZG, ENTITY_CLASSES

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
    articles: list[dict] = field(default_factory=list)  # title, source, date, mentions(keys)
    entities: dict[str, Entity] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    posts: list[PostRecord] = field(default_factory=list)
    zone_facts: dict[str, dict] = field(default_factory=dict)  # zone key -> gazetteer attrs


def _date(value: str) -> Literal | None:
    return Literal(value, datatype=XSD.date) if value and len(value) == 10 else None


def document_quads(rec: DocumentRecord) -> list[tuple]:
    """All quads of one document, in its named graph."""
    g = graph_iri(rec.sha256)
    triples: list[tuple] = []
    add = triples.append
    doc = document_iri(rec.sha256)
    add((doc, RDF.type, ZG.Document))
    add((doc, ZG.sha256, Literal(rec.sha256)))
    add((doc, ZG.fileName, Literal(rec.file_name)))
    add((doc, SCHEMA.url, URIRef(rec.url)))
    add((doc, DCTERMS.format, Literal(rec.media_type)))
    for prop, value in ((ZG.series, rec.series), (ZG.issueNumber, rec.number)):
        if value:
            add((doc, prop, Literal(value)))
    if _date(rec.date):
        add((doc, DCTERMS.date, _date(rec.date)))

    iris = {k: entity_iri(e) for k, e in rec.entities.items()}
    if rec.publisher_key in iris:
        add((doc, DCTERMS.publisher, iris[rec.publisher_key]))
    elif rec.publisher:
        add((doc, DCTERMS.publisher, Literal(rec.publisher)))
    for i, art in enumerate(rec.articles):
        a = article_iri(rec.sha256, i)
        add((a, RDF.type, ZG.Article))
        add((a, ZG.inDocument, doc))
        add((a, DCTERMS.title, Literal(art["title"])))
        if art.get("source"):
            add((a, DCTERMS.source, Literal(art["source"])))
        if _date(art.get("date", "")):
            add((a, DCTERMS.date, _date(art["date"])))
        for key in sorted(art.get("mentions", ())):
            if key in iris:
                add((a, SCHEMA.mentions, iris[key]))

    for key, ent in rec.entities.items():
        node = iris[key]
        add((node, RDF.type, ENTITY_CLASSES[ent.type]))
        add((node, RDFS.label, Literal(ent.label)))
        for alias in sorted(ent.aliases):
            add((node, SKOS.altLabel, Literal(alias)))
        for rule in sorted(ent.merged_by):
            add((node, ZG.mergedBy, Literal(rule)))
        if ent.gazetteer_id:
            add((node, ZG.gazetteerId, Literal(ent.gazetteer_id)))
        if ent.amount is not None:
            add((node, ZG.amountCNY, Literal(f"{ent.amount:.0f}", datatype=XSD.decimal)))
        if ent.type == "Policy" and _date(ent.date):
            add((node, DCTERMS.issued, _date(ent.date)))
        facts = rec.zone_facts.get(key, {})
        if _date(facts.get("approved", "")):
            add((node, ZG.approvalDate, _date(facts["approved"])))

    for post in rec.posts:
        if post.person not in iris or post.organization not in iris:
            continue
        pos = ID[f"position/{_h(post.person, post.organization, post.title)}"]
        add((iris[post.person], ZG.holds, pos))
        add((pos, RDF.type, ZG.Position))
        add((pos, ZG.organization, iris[post.organization]))
        add((pos, ZG.title, Literal(post.title)))

    evidence = set()
    for st in sorted(rec.statements, key=lambda st: -st.confidence):
        if st.subject not in iris or st.object not in iris:
            continue
        s, p, o = iris[st.subject], RELATIONS[st.predicate], iris[st.object]
        if st.predicate == "cooperatesWith" and str(o) < str(s):
            s, o = o, s  # one evidence node per unordered pair and sentence
        ev = ID[f"evidence/{_h(rec.sha256, str(s), st.predicate, str(o), str(st.start))}"]
        if ev in evidence:
            continue
        evidence.add(ev)
        add((s, p, o))  # cooperatesWith once per pair (owl:SymmetricProperty gives the other)
        add((ev, RDF.type, ZG.Evidence))
        add((ev, RDF.subject, s))
        add((ev, RDF.predicate, p))
        add((ev, RDF.object, o))
        add((ev, PROV.wasDerivedFrom, article_iri(rec.sha256, st.article)))
        add((ev, ZG.sentence, Literal(st.sentence)))
        add((ev, ZG.startOffset, Literal(st.start, datatype=XSD.integer)))
        add((ev, ZG.endOffset, Literal(st.end, datatype=XSD.integer)))
        add((ev, ZG.confidence, Literal(f"{st.confidence:.2f}", datatype=XSD.decimal)))
        add((ev, ZG.extractedBy, Literal(st.rule)))
        if st.planned:
            add((ev, ZG.planned, Literal(True)))
    seen = set()
    quads = []
    for t in triples:
        if t not in seen:
            seen.add(t)
            quads.append((*t, g))
    return quads
