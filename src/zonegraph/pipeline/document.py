"""One document through every stage but storage: normalize, segment, extract, link, and
its N-Quads for the store.

Both the build (``run``) and its worker processes (``workers``) import this module;
neither imports the other's module-level code.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .settings import Settings
from .spill import Spill
from ..errors import InputError
from ..extract import Extractor
from ..extract.gazetteer import load_gazetteer
from ..graph.triples import DocumentQuads, DocumentRecord, PostRecord, Statement, document_triples
from ..ingest.manifest import Given
from ..ingest.read import SourceDocument
from ..graph.link import DocumentLinker, Entity
from ..graph.names import name_entities
from ..ingest.normalize import NormalizedText, fold, normalize
from ..ingest.segment import Segmented, segment


def display_name(text: str) -> str:
    """A name as the original writes it (its script kept), without white space next to CJK."""
    return re.sub(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+", "", text.strip())


def display(text: str) -> str:
    """Original text made readable: PDF line breaks inside a line removed, spaces squeezed."""
    text = re.sub(r"\s*\n\s*", "", text.strip())
    return re.sub(r"\s+", " ", text)


def written_source(norm: NormalizedText, art) -> str:
    """An article's source as the document writes it (its script kept)."""
    at = norm.text.find(art.source, art.end) if art.source else -1
    if at < 0:
        return art.source
    return display_name(norm.original_span(at, at + len(art.source))) or art.source


def publisher_entity(name: str) -> Entity | None:
    """The organization a newsletter's masthead names as its publisher (某某新区研究院)."""
    from ..extract.names import SUFFIXES

    etype = next((t for suffix, t in SUFFIXES if name.endswith(suffix)), None)
    if not name or etype not in ("Institution", "GovernmentBody", "Enterprise"):
        return None
    return Entity(key=f"name:{etype}:{fold(name)}", type=etype, label=name, confidence=0.9)


def written_title(post, layout, to_doc, norm: NormalizedText) -> str:
    """A post's title in the document's own script, when it is written right before the name."""
    a = post.person.start - len(post.title)
    if a < 0:
        return post.title
    start, end = to_doc(a, layout), to_doc(post.person.start - 1, layout) + 1
    shown = display_name(norm.original_span(start, end))
    return shown if fold(shown) == fold(post.title) else post.title


@dataclass
class ProcessedDocument:
    source: SourceDocument
    norm: NormalizedText
    segmented: Segmented
    record: DocumentRecord


def declared(source: SourceDocument, given: Given) -> Given:
    """What is known of a document besides its text: the user's values (a manifest row,
    build options) first, then what a web page says of itself (origin "page")."""
    page = {k: source.meta[k] for k in ("url", "date", "source", "title") if source.meta.get(k)}
    return given.over(Given(**page, origin={k: "page" for k in page}))


def dated(article: dict, known: Given) -> dict:
    """An article's date and source with the declared ones winning over what the text
    gives; the text's own date is kept (``text_date``) when it differs, and where each
    value came from is recorded (``date_from``, ``source_from``)."""
    out = dict(article)
    for key in ("date", "source"):
        if known.origin.get(key) and getattr(known, key):
            out[key], out[f"{key}_from"] = getattr(known, key), known.origin[key]
        elif article.get(key):
            out[f"{key}_from"] = "text"
    if article.get("date") and out["date"] != article["date"]:
        out["text_date"] = article["date"]
    if known.url:
        out["url"] = known.url
    return out


def process(source: SourceDocument, extractor: Extractor, settings: Settings,
            given: Given = Given()) -> ProcessedDocument:
    """Run every stage but storage on one document; ``given`` is what a manifest row or
    build options say of it.

    Articles are taken one at a time: each is extracted, its mentions given to the
    document's linker (``graph.link.DocumentLinker``), and reduced to what the graph needs
    (entity keys, evidence sentences, posts), which is set aside (``spill``) until every
    article is linked. So a newsletter archive of thousands of articles is built in the
    memory of its largest article and its distinct names; the record's ``articles`` are
    read back, with their entities' keys, as its triples are made.
    """
    known = declared(source, given)
    norm = normalize(source.text)
    seg = segment(norm, fallback_title=known.title)
    if not seg.articles:
        raise InputError(source.path, "no article text found")
    gazetteer = load_gazetteer(settings.data_dir)
    zone_names = {f: e.key for e in gazetteer.zones() for f in (e.name, *e.aliases)
                  if f.endswith("新区")}
    linker = DocumentLinker(source.sha256, zone_names)
    # names as the original writes them (full-width brackets, no PDF line breaks), also
    # where a mention carries another mention's name (a short form names its full form);
    # they are kept as aliases in the document's script, the label is canonical (graph.names)
    written: dict[str, str] = {}
    articles = Spill()
    for i, art in enumerate(seg.articles):
        ts, te = art.title_span
        title = norm.text[ts:te] if te > ts else ""  # a title not in the text is not read
        body = norm.text[art.start:art.end]
        shown = display(norm.original_span(ts, te)) if te > ts else art.title
        article = dated({"title": shown or art.title,
                         "source": written_source(norm, art), "date": art.date}, known)
        # a bare 6月12日 in the text takes its year from the publication date
        when = article.get("date", "")
        ex = extractor.extract(title, body, when + "-31" if len(when) == 7 else when)
        layout = (title, ts if te > ts else None, art.start)
        for m in ex.mentions:
            a, b = _to_doc(m.start, layout), _to_doc(m.end - 1, layout) + 1
            shown = display_name(norm.original_span(a, b))
            if shown and fold(shown) == fold(m.text):
                written.setdefault(m.text, shown)
                m.text = shown
        articles.append(_reduced(article, i, ex, linker.add(ex, renamed=True), layout, norm,
                                 settings))
    found, entity_keys = linker.finish(renamed=written)
    entities = {k: e for k, e in found.items() if e.confidence >= settings.min_confidence}
    publisher = publisher_entity(seg.publisher)
    if publisher is not None:
        publisher = entities.setdefault(publisher.key, publisher)
    entities = name_entities(entities, gazetteer.official_name, gazetteer.english_name)
    zone_facts = {e.key: e.attrs for e in gazetteer.zones() if e.key in entities}
    record = DocumentRecord(
        sha256=source.sha256, file_name=source.path.name, url=source.path.resolve().as_uri(),
        media_type=source.media_type, series=seg.series, number=seg.number,
        date=known.date or seg.date, metadata_sha256=given.digest(),
        publisher=seg.publisher, publisher_key=publisher.key if publisher else "",
        articles=_linked(articles, entity_keys), entities=entities, zone_facts=zone_facts)
    return ProcessedDocument(source, norm, seg, record)


def _to_doc(pos: int, layout) -> int:
    """A position in an article's ``title + "\n" + body`` as a position in the document."""
    title, title_start, body_start = layout
    if pos <= len(title):
        return (title_start if title_start is not None else body_start) + min(pos, max(len(title) - 1, 0))
    return body_start + pos - len(title) - 1


def _reduced(article: dict, index: int, ex, keys: dict[int, str], layout,
             norm: NormalizedText, settings: Settings) -> dict:
    """An article as the graph needs it, its entities by provisional key (``keys``):
    what it mentions, its statements with their sentence, its posts."""
    statements: list[Statement] = []
    for rel in ex.relations:
        if rel.confidence < settings.min_confidence:
            continue
        a = _to_doc(rel.sentence[0], layout)
        b = _to_doc(max(rel.sentence[1] - 1, rel.sentence[0]), layout) + 1
        o_start, o_end = norm.to_original(a, b)
        statements.append(Statement(keys[id(rel.subject)], rel.predicate, keys[id(rel.object)],
                                    index, display(norm.original[o_start:o_end]), o_start,
                                    o_end, rel.confidence, rel.rule, rel.planned))
    posts = [PostRecord(keys[id(post.person)], keys[id(post.organization)],
                        written_title(post, layout, _to_doc, norm))
             for post in ex.posts if post.confidence >= settings.min_confidence]
    return {**article, "mentions": {keys[id(m)] for m in ex.mentions},
            "statements": statements, "posts": posts}


def _linked(articles: Spill, keys: dict[str, str]) -> Iterator[dict]:
    """The articles set aside, their provisional keys replaced by entity keys; a statement
    whose two ends are one entity is no statement."""
    for article in articles:
        article["mentions"] = {keys[k] for k in article["mentions"]}
        statements = []
        for st in article["statements"]:
            st.subject, st.object = keys[st.subject], keys[st.object]
            if st.subject != st.object:
                statements.append(st)
        article["statements"] = statements
        for post in article["posts"]:
            post.person, post.organization = keys[post.person], keys[post.organization]
        yield article


@dataclass(frozen=True)
class PreparedDocument:
    """A processed document as the store takes it, with what the build report counts."""

    sha256: str
    nquads: DocumentQuads  # its named graph and the union copy, made as the store reads them
    articles: int
    entities: Counter
    relations: Counter  # counted as ``nquads`` is read
    warnings: tuple[str, ...] = ()  # what reading left out (``SourceDocument.warnings``)

    @property
    def triples(self) -> int:
        """How many triples it has: known once the store has read ``nquads``."""
        return self.nquads.triples


def prepare(source: SourceDocument, extractor: Extractor, settings: Settings,
            given: Given = Given()) -> PreparedDocument:
    """``process`` one document; its quads are made as the store reads them, so only its
    entities are held, never all its N-Quads (a worker makes them before sending,
    ``DocumentQuads.made``), nor its articles (read back as the quads are made)."""
    done = process(source, extractor, settings, given)
    record, relations = done.record, Counter()
    record.articles = _counted(record.articles, relations)
    return PreparedDocument(source.sha256, DocumentQuads(source.sha256, document_triples(record)),
                            len(done.segmented.articles),
                            Counter(e.type for e in record.entities.values()), relations,
                            source.warnings)


def _counted(articles: Iterable[dict], relations: Counter) -> Iterator[dict]:
    """``articles`` as they are, their statements counted by predicate in ``relations``."""
    for article in articles:
        relations.update(st.predicate for st in article["statements"])
        yield article


#: What preparing a file gave: (path, sha256 or "", the document, None when the store has
#: it already, or the error that made it unreadable).
Prepared = tuple[Path, str, PreparedDocument | InputError | None]
