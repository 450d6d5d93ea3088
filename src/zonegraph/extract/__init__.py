"""Extraction stage: a spaCy ``zh`` pipeline (jieba segmenter) plus ZoneGraph's components.

``Extractor(data_dir).extract(title, body, date)`` returns an ``Extraction`` for one
article; offsets refer to ``title + "\\n" + body``.
"""
from __future__ import annotations

from .model import ENTITY_TYPES, PREDICATES, Extraction, Mention, Post, Relation

__all__ = ["Extractor", "build_nlp", "Extraction", "Mention", "Post", "Relation",
           "ENTITY_TYPES", "PREDICATES"]


def build_nlp(data_dir: str = ""):
    """The ZoneGraph pipeline: ``spacy.blank('zh')`` with jieba, then our components."""
    import logging

    import jieba
    import spacy

    from .components import PIPES, ensure_extensions  # registers the factories

    jieba.setLogLevel(logging.WARNING)
    ensure_extensions()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
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
        text = f"{title}\n{body}"
        doc = self.nlp.make_doc(text)
        doc.user_data["zg_text"] = text  # Doc.text would re-join every token on each access
        doc._.zg_context = {"date": date, "title": title}
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        mentions = doc._.zg_mentions or []
        return Extraction(mentions=mentions, relations=doc._.zg_relations or [],
                          posts=doc._.zg_posts or [], amounts=doc._.zg_amounts or {},
                          dates=doc._.zg_dates or {}, zone_key=doc._.zg_zone or "")
