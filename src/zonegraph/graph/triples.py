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
import itertools
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

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
    # title, source, date, mentions (keys), statements and posts read in it; url, text_date,
    # date_from, source_from if known. Read once, article after article, as the triples are
    # made: a newsletter archive's articles need not be held all at once (``build.spill``)
    articles: Iterable[dict] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
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


def document_triples(rec: DocumentRecord) -> Iterator[tuple[str, str, str]]:
    """All triples of one document, each once, as N-Triples terms, made as they are read.

    Written as text, not as rdflib terms: building and converting those took a fifth of a
    build's time, and the store parses N-Quads itself (``DocumentQuads``). Made one at a
    time, never as one list: a document's triples take some 35 times its text (evidence
    sentences, names), so a newsletter archive held whole took gigabytes. Only what can
    repeat is remembered (positions and relations of the document, evidence nodes of an
    article), not every triple; articles are read once, in order.
    """
    seen: set[bytes] = set()  # positions and relations said more than once (``_said``)
    doc = _iri(document_iri(rec.sha256))
    yield (doc, A, _iri(ZG.Document))
    yield (doc, _iri(ZG.sha256), _text(rec.sha256))
    yield (doc, _iri(ZG.fileName), _text(rec.file_name))
    yield (doc, _iri(SCHEMA.url), _iri(rec.url))
    yield (doc, _iri(DCTERMS.format), _text(rec.media_type))
    for prop, value in ((ZG.series, rec.series), (ZG.issueNumber, rec.number)):
        if value:
            yield (doc, _iri(prop), _text(value))
    if _date(rec.date):
        yield (doc, _iri(DCTERMS.date), _date(rec.date))
    if rec.metadata_sha256:
        yield (doc, _iri(ZG.metadataSha256), _text(rec.metadata_sha256))

    iris = {k: _iri(entity_iri(e)) for k, e in rec.entities.items()}
    if rec.publisher_key in iris:
        yield (doc, _iri(DCTERMS.publisher), iris[rec.publisher_key])
    elif rec.publisher:
        yield (doc, _iri(DCTERMS.publisher), _text(rec.publisher))
    for key, ent in rec.entities.items():
        node = iris[key]
        yield (node, A, _iri(ENTITY_CLASSES[ent.type]))
        label = _tagged(ent.label, SIMPLIFIED)  # the same from every document: ``graph.names``
        yield (node, _iri(RDFS.label), label)
        yield (node, _iri(SKOS.prefLabel), label)
        if ent.name_en:
            yield (node, _iri(SKOS.prefLabel), _tagged(ent.name_en, ENGLISH))
        for alias in sorted(ent.aliases):
            yield (node, _iri(SKOS.altLabel), _tagged(alias, script_tag(alias)))
        for rule in sorted(ent.merged_by):
            yield (node, _iri(ZG.mergedBy), _text(rule))
        if ent.gazetteer_id:
            yield (node, _iri(ZG.gazetteerId), _text(ent.gazetteer_id))
        if ent.amount is not None:
            yield (node, _iri(ZG.amountCNY), _typed(f"{ent.amount:.0f}", XSD.decimal))
        if ent.type == "Policy" and _date(ent.date):
            yield (node, _iri(DCTERMS.issued), _date(ent.date))
        facts = rec.zone_facts.get(key, {})
        if _date(facts.get("approved", "")):
            yield (node, _iri(ZG.approvalDate), _date(facts["approved"]))

    for i, art in enumerate(rec.articles):
        a = _iri(article_iri(rec.sha256, i))
        yield (a, A, _iri(ZG.Article))
        yield (a, _iri(ZG.inDocument), doc)
        yield (a, _iri(DCTERMS.title), _text(art["title"]))
        if art.get("source"):
            yield (a, _iri(DCTERMS.source), _text(art["source"]))
        if _date(art.get("date", "")):
            yield (a, _iri(DCTERMS.date), _date(art["date"]))
        if _date(art.get("text_date", "")):
            yield (a, _iri(ZG.textDate), _date(art["text_date"]))
        for prop, key in ((ZG.dateFrom, "date_from"), (ZG.sourceFrom, "source_from")):
            if art.get(key):
                yield (a, _iri(prop), _text(art[key]))
        if art.get("url"):  # checked to be an http(s) URL without characters an IRI forbids
            yield (a, _iri(SCHEMA.url), _iri(art["url"]))
        for key in sorted(art.get("mentions", ())):
            if key in iris:
                yield (a, _iri(SCHEMA.mentions), iris[key])
        yield from _post_triples(rec, art.get("posts", ()), iris, seen)
        yield from _statement_triples(rec, art.get("statements", ()), iris, seen)


def _said(triple: tuple[str, str, str]) -> bytes:
    """A triple as 16 bytes, to remember that it was made: a newsletter archive makes
    hundreds of thousands of relations, a third of the memory of their terms."""
    return hashlib.blake2b("\x1f".join(triple).encode("utf-8"), digest_size=16).digest()


def _post_triples(rec: DocumentRecord, posts: Iterable[PostRecord], iris: dict[str, str],
                  seen: set) -> Iterator[tuple[str, str, str]]:
    for post in posts:
        if post.person not in iris or post.organization not in iris:
            continue
        pos = _iri(ID[f"position/{_h(post.person, post.organization, post.title)}"])
        holds = (iris[post.person], _iri(ZG.holds), pos)
        if (said := _said(holds)) in seen:
            continue
        seen.add(said)
        yield holds
        yield (pos, A, _iri(ZG.Position))
        yield (pos, _iri(ZG.organization), iris[post.organization])
        yield (pos, _iri(ZG.title), _text(post.title))


def _statement_triples(rec: DocumentRecord, statements: Iterable[Statement],
                       iris: dict[str, str], seen: set) -> Iterator[tuple[str, str, str]]:
    """One article's statements, each with its evidence node. An evidence node is one
    sentence's: said twice, the more confident statement describes it. Its sentence is in
    one article, so evidence nodes are told apart an article at a time."""
    evidence = set()
    for st in sorted(statements, key=lambda st: -st.confidence):
        if st.subject not in iris or st.object not in iris:
            continue
        s, p, o = iris[st.subject], _iri(RELATIONS[st.predicate]), iris[st.object]
        if st.predicate == "cooperatesWith" and o[1:-1] < s[1:-1]:
            s, o = o, s  # one evidence node per unordered pair and sentence
        ev = _iri(ID[f"evidence/{_h(rec.sha256, s[1:-1], st.predicate, o[1:-1], str(st.start))}"])
        if ev in evidence:
            continue
        evidence.add(ev)
        # cooperatesWith once per pair (owl:SymmetricProperty gives the other)
        if (said := _said((s, p, o))) not in seen:
            seen.add(said)
            yield (s, p, o)
        yield (ev, A, _iri(ZG.Evidence))
        yield (ev, _iri(RDF.subject), s)
        yield (ev, _iri(RDF.predicate), p)
        yield (ev, _iri(RDF.object), o)
        yield (ev, _iri(PROV.wasDerivedFrom), _iri(article_iri(rec.sha256, st.article)))
        yield (ev, _iri(ZG.sentence), _text(st.sentence))
        yield (ev, _iri(ZG.startOffset), _typed(str(st.start), XSD.integer))
        yield (ev, _iri(ZG.endOffset), _typed(str(st.end), XSD.integer))
        yield (ev, _iri(ZG.confidence), _typed(f"{st.confidence:.2f}", XSD.decimal))
        yield (ev, _iri(ZG.extractedBy), _text(st.rule))
        if st.planned:
            yield (ev, _iri(ZG.planned), _typed("true", XSD.boolean))


#: Triples per part of a document's N-Quads: about 5 MB of text.
PART_TRIPLES = 20_000


#: Bytes of N-Quads read from a file at a time (about a part).
READ_BYTES = 5 << 20
#: Parts a worker keeps in memory to send (``DocumentQuads.made``); the rest go to a file.
SENT_PARTS = 4


class DocumentQuads:
    """A document's N-Quads, its named graph and the default-graph (union) copy, in parts
    of ``PART_TRIPLES`` triples made as they are read: what ``GraphStore.queue_document``
    writes. A document of thousands of articles is never one string (the store journals a
    document bigger than a batch part by part, ``store.graph_store``).

    Read once; ``made()`` makes and keeps all parts (to send them from a worker process).
    ``triples`` counts the triples made so far.
    """

    def __init__(self, sha256: str, triples: Iterable[tuple[str, str, str]]):
        self._graph = _iri(graph_iri(sha256))
        self._triples: Iterator | None = iter(triples)
        self._parts: list[bytes] | None = None
        self._file: Path | None = None  # parts past the first ``SENT_PARTS`` (``made``)
        self.triples = 0

    def __iter__(self) -> Iterator[bytes]:
        if self._parts is not None:
            yield from self._parts
            if self._file is not None:
                yield from _read_parts(self._file)
            return
        if self._triples is None:
            raise RuntimeError("a document's N-Quads are read once")
        triples, self._triples = self._triples, None
        part: list[str] = []
        for s, p, o in triples:
            part.append(f"{s} {p} {o} {self._graph} .\n{s} {p} {o} .\n")
            if len(part) == PART_TRIPLES:
                self.triples += len(part)
                yield "".join(part).encode("utf-8")
                part = []
        if part:
            self.triples += len(part)
            yield "".join(part).encode("utf-8")

    def made(self, folder: Path) -> "DocumentQuads":
        """Make every part now and keep them (picklable then): the first ``SENT_PARTS`` in
        memory, the others in a file in ``folder``, which reading them deletes. A worker
        sends a newsletter archive's gigabytes of N-Quads as a file name, not through its
        pipe (``build.workers``)."""
        if self._parts is None:
            parts = iter(self)
            self._parts = list(itertools.islice(parts, SENT_PARTS))
            more = next(parts, None)
            if more is not None:
                fd, name = tempfile.mkstemp(prefix="quads-", suffix=".nq", dir=folder)
                self._file = Path(name)
                with os.fdopen(fd, "wb") as out:
                    out.write(more)
                    out.writelines(parts)
        return self


def _read_parts(path: Path) -> Iterator[bytes]:
    """The N-Quads of a file a part (whole lines) at a time; the file is deleted once read."""
    with path.open("rb") as fh:
        while part := fh.read(READ_BYTES) + fh.readline():
            yield part
    path.unlink()
