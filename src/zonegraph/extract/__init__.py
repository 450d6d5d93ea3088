"""Extraction stage: a spaCy ``zh`` pipeline (jieba segmenter) plus ZoneGraph's components.

``Extractor(data_dir).extract(title, body, date)`` returns an ``Extraction`` for one
article; offsets refer to ``title + "\\n" + body``.

May import ``ingest`` (normalization) and ``zonegraph.errors``; never a later stage.
"""
from __future__ import annotations

from .model import ENTITY_TYPES, PREDICATES, Extraction, Mention, Post, Relation

__all__ = ["Extractor", "build_nlp", "Extraction", "Mention", "Post", "Relation",
           "ENTITY_TYPES", "PREDICATES"]


def build_nlp(data_dir: str = ""):
    """The ZoneGraph pipeline: ``spacy.blank('zh')`` with jieba's words, then our components."""
    import spacy

    from . import tokenizer  # noqa: F401  registers the tokenizer
    from .components import PIPES, ensure_extensions  # registers the factories

    ensure_extensions()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zonegraph.JiebaTokenizer.v1"}}})
    for name in PIPES:
        cfg = {"data_dir": data_dir} if name in ("zonegraph_gazetteer", "zonegraph_resolve",
                                                  "zonegraph_people", "zonegraph_relations") else {}
        nlp.add_pipe(name, config=cfg)
    return nlp


class Extractor:
    """Runs the pipeline on articles; load once, use for many documents."""

    def __init__(self, data_dir: str = ""):
        self.nlp = build_nlp(data_dir)

    def extract(self, title: str, body: str, date: str = "") -> Extraction:
        """Everything found in one article; offsets refer to ``title + "\n" + body``.

        A very long body (a 20 MB page with no line breaks) is read in pieces of about
        ``CHUNK`` characters cut at sentence ends: spaCy's alignment of jieba's words
        grows faster than linearly with the text, the pieces keep the cost linear.
        """
        if len(body) <= CHUNK:
            return self._extract(title, body, date)
        result = Extraction()
        offset = len(title) + 1
        for n, piece in enumerate(_pieces(body)):
            part = self._extract(title if n == 0 else "", piece, date)
            shift = 0 if n == 0 else offset - 1  # "" + "\n" + piece: piece starts at 1
            moved = {id(m): m for m in part.mentions
                     + [x for r in part.relations for x in (r.subject, r.object)]
                     + [p.organization for p in part.posts]}
            for m in moved.values():  # each mention once, however many relations share it
                m.start, m.end = m.start + shift, m.end + shift
            for r in part.relations:
                r.sentence = (r.sentence[0] + shift, r.sentence[1] + shift)
            for p in part.posts:
                p.sentence = (p.sentence[0] + shift, p.sentence[1] + shift)
            result.mentions += part.mentions
            result.relations += part.relations
            result.posts += part.posts
            result.amounts.update(part.amounts)
            result.dates.update(part.dates)
            result.zone_key = result.zone_key or part.zone_key
            offset += len(piece)
        return result

    def _extract(self, title: str, body: str, date: str) -> Extraction:
        text = f"{title}\n{body}"
        doc = self.nlp.make_doc(text)
        doc._.zg_context = {"date": date, "title": title}
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        mentions = doc._.zg_mentions or []
        return Extraction(mentions=mentions, relations=doc._.zg_relations or [],
                          posts=doc._.zg_posts or [], amounts=doc._.zg_amounts or {},
                          dates=doc._.zg_dates or {}, zone_key=doc._.zg_zone or "")


#: Longest piece of an article the pipeline reads at once (characters).
CHUNK = 20000


def _pieces(body: str) -> list[str]:
    """``body`` cut into pieces of at most about ``CHUNK`` characters, at sentence ends."""
    pieces, start = [], 0
    while start < len(body):
        end = min(start + CHUNK, len(body))
        if end < len(body):
            cut = max(body.rfind(c, start + CHUNK // 2, end) for c in "。!?;\n")
            end = cut + 1 if cut > 0 else end
        pieces.append(body[start:end])
        start = end
    return pieces
