"""The pipeline's tokenizer: jieba's words (run by jieba-rs), offsets that fit the text.

Users read ``doc`` tokens and every component reads the cached token spans, so the
words must be jieba's and the spans must cover the text exactly.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from zonegraph.extract.tokenizer import DICTIONARY_TAGS
from zonegraph.ingest.read import read_document
from zonegraph.ingest.normalize import normalize

SAMPLES = sorted(Path(__file__).resolve().parents[1].joinpath("data", "samples").glob("*.txt"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_words_are_the_words_jieba_cuts(extractor, path):
    jieba = pytest.importorskip("jieba")
    text = normalize(read_document(path).text).text
    doc = extractor.nlp.make_doc(text)
    assert [t.text for t in doc] == [w for w in jieba.lcut(text) if w]


def test_token_spans_cover_the_text_and_skip_whitespace(extractor):
    text = "两江新区 管委会\n\n  发布《若干措施》,Q3 增长12.5%。"
    doc = extractor.nlp.make_doc(text)
    assert doc.text == text
    spans = doc.user_data["zg_tokens"]
    assert all(text[s:e] == w and not w.isspace() for s, e, w in spans)
    assert "".join(w for _, _, w in spans) == "".join(text.split())


def test_dictionary_tags_are_jiebas(extractor):
    jieba_posseg = pytest.importorskip("jieba.posseg")
    table = jieba_posseg.dt.word_tag_tab
    extractor.nlp.make_doc("管委会主任表示,将加快建设国际物流枢纽。")
    for word in ("管委会", "主任", "表示", "加快", "建设", "国际", "物流", "枢纽", "健全"):
        assert DICTIONARY_TAGS.get(word) == table[word]
    assert DICTIONARY_TAGS.get("云鼎智造") is None  # no dictionary word: no tag
