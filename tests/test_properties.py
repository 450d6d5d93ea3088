"""Properties that must hold for any text whatsoever, checked with Hypothesis.

* the normalizer and the segmenter never crash, and every offset they give points into
  the original text (evidence quotes it);
* normalizing twice changes nothing, and folding a name twice neither;
* IRIs are valid and stable for any name, and any text survives the trip into the store.

Strings are drawn from all of Unicode (controls, combining marks, line and paragraph
separators, full-width forms, hanzi of every block) plus a newsletter-like alphabet, so
that lines, headers, page numbers and source lines actually occur.
"""
from __future__ import annotations

import re
import unicodedata

import pyoxigraph as ox
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from zonegraph.graph.triples import (DocumentQuads, DocumentRecord, Statement, document_triples,
                             entity_iri, graph_iri)
from zonegraph.graph.link import Entity
from zonegraph.graph.namespace import ENTITY_CLASSES
from zonegraph.ingest.normalize import fold, normalize
from zonegraph.ingest.segment import segment

NEWSLETTER = list("兩江新區管委會發展經濟两江新区企业签约合作年月日第期页来源本期导读目录"
                  "０１２３４５ＡＢabc12345 　\t\r\n\n\n。，、：；！？…（）()【】《》“”\"'-—·•")
LINE_BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x85"]
SOURCE_LINE = st.sampled_from(["（来源：经济日报）", "(来源: 新华社)", "本期导读", "- 2 -", "第 3 页",
                               "西咸研究", "2024年3月1日", "1. 两江新区签约", "产业发展"])

any_text = st.text(max_size=200)
newsletter_text = st.lists(
    st.one_of(st.text(alphabet=NEWSLETTER, max_size=60), SOURCE_LINE,
              st.sampled_from(LINE_BREAKS), st.text(max_size=8)),
    max_size=25).map("".join)
texts = st.one_of(any_text, newsletter_text)
PROPERTY = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


# ------------------------------------------------------------------ normalizer

def _check_offsets(norm) -> None:
    assert len(norm.offsets) == len(norm.text)
    assert all(0 <= o < len(norm.original) for o in norm.offsets)
    assert list(norm.offsets) == sorted(norm.offsets)
    if norm.text:
        a, b = norm.to_original(0, len(norm.text))
        assert 0 <= a < b <= len(norm.original)


@PROPERTY
@given(texts)
@example("")
@example("\r\n\u2028\x85")
@example("ﷺ" * 3)  # NFKC turns one character into eighteen
def test_normalize_never_crashes_and_every_offset_points_into_the_original(text):
    norm = normalize(text)
    assert norm.original == text
    _check_offsets(norm)
    for i, ch in enumerate(norm.text):
        if ch in " \n":  # joints and paragraph breaks point at the next kept character
            continue
        source = text[norm.offsets[i]]
        assert ch in fold(unicodedata.normalize("NFKC", source)) or not fold(ch) or \
            fold(ch) in fold(source) or _converted(source, ch), (i, ch, source)


def _converted(source: str, ch: str) -> bool:
    """OpenCC converts by phrase, so a character may come out as another than alone."""
    return "\u4e00" <= source <= "\u9fff" or "\u3400" <= source <= "\u4dbf" or ord(source) > 0xffff


@PROPERTY
@given(texts)
@example("两江新区\n两江新区\n两江新区管委会\n两江新区")
def test_normalizing_twice_changes_nothing(text):
    once = normalize(text).text
    assert normalize(once).text == once


@PROPERTY
@given(texts, st.integers(-5, 300), st.integers(-5, 300))
def test_any_span_maps_back_to_a_span_of_the_original(text, start, end):
    norm = normalize(text)
    a, b = norm.to_original(start, end)
    assert 0 <= a <= b <= len(text)
    assert norm.original_span(start, end) == text[a:b]


# ------------------------------------------------------------------ segmenter

@PROPERTY
@given(texts, st.text(max_size=30), st.sampled_from(["", "2024-03-01", "2024"]))
def test_segment_never_crashes_and_articles_lie_inside_the_text(text, title, date):
    norm = normalize(text)
    seg = segment(norm, fallback_title=title, fallback_date=date)
    n = len(norm.text)
    previous_end = 0
    for i, art in enumerate(seg.articles):
        assert art.index == i
        assert 0 <= art.start <= art.end <= n
        assert art.start >= previous_end or art.start >= art.title_span[1]
        previous_end = art.end
        ts, te = art.title_span
        assert 0 <= ts <= te <= n
        if art.end > art.start:
            a, b = norm.to_original(art.start, art.end)
            assert 0 <= a < b <= len(text)
        assert "\n" not in art.title
    for iso in (seg.date, *(a.date for a in seg.articles)):
        assert iso == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso) or iso == date


# ------------------------------------------------------------------ names and IRIs

@PROPERTY
@given(any_text)
def test_folding_a_name_twice_changes_nothing(name):
    assert fold(fold(name)) == fold(name)


ENTITY_IRI = re.compile(r"https://w3id\.org/zonegraph/id/[a-z]+/[0-9a-f]{16}")
TYPES = st.sampled_from(sorted(ENTITY_CLASSES))


def _entity(kind: str, name: str) -> Entity:
    return Entity(key=f"{kind}:{fold(name)}", type=kind, label=name)


@PROPERTY
@given(TYPES, any_text)
def test_entity_iris_are_valid_and_stable_for_any_name(kind, name):
    iri = entity_iri(_entity(kind, name))
    assert ENTITY_IRI.fullmatch(str(iri))
    assert ox.NamedNode(str(iri)).value == str(iri)  # Oxigraph accepts it as an IRI
    assert entity_iri(_entity(kind, name)) == iri
    assert entity_iri(_entity(kind, unicodedata.normalize("NFKC", name))) == iri


@PROPERTY
@given(TYPES, any_text, any_text)
def test_names_that_fold_apart_get_their_own_iris(kind, a, b):
    assume(fold(a) != fold(b))
    assert entity_iri(_entity(kind, a)) != entity_iri(_entity(kind, b))


def test_every_gazetteer_row_mints_a_valid_iri():
    from zonegraph.extract.gazetteer import load_gazetteer

    for key, row in load_gazetteer().entries.items():
        ent = Entity(key=key, type=row.type, label=row.name, gazetteer_id=key.split(":", 1)[1])
        iri = str(entity_iri(ent))
        assert re.fullmatch(r"https://w3id\.org/zonegraph/id/[a-z]+/[A-Za-z0-9_.\-]+", iri), iri
        assert ox.NamedNode(iri).value == iri


SHA = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)


@PROPERTY
@given(SHA, any_text, any_text, any_text)
def test_any_text_goes_into_the_store_and_comes_back_unchanged(sha, label, alias, sentence):
    """Labels and evidence sentences come from documents: whatever they hold (quotes,
    angle brackets, line breaks, " <graph> ." itself) is one literal, never RDF syntax."""
    a, b = _entity("Zone", label or "甲"), _entity("Place", alias + "乙")
    a.aliases = {alias} if alias and alias != a.label else set()
    record = DocumentRecord(
        sha256=sha, file_name=label + ".txt", url="file:///tmp/x.txt", media_type="text/plain",
        articles=[{"title": sentence, "source": alias, "date": "", "mentions": {a.key, b.key},
                   "statements": [Statement(a.key, "cooperatesWith", b.key, 0, sentence, 0, 1,
                                            0.5, "test")]}],
        entities={a.key: a, b.key: b})
    triples = list(document_triples(record))
    store = ox.Store()
    store.load(b"".join(DocumentQuads(sha, triples)), format=ox.RdfFormat.N_QUADS)
    graph = ox.NamedNode(str(graph_iri(sha)))
    named = {q.triple for q in store.quads_for_pattern(None, None, None, graph)}
    union = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert len(named) == len(triples) and union == named
    literals = {t.object.value for t in named if isinstance(t.object, ox.Literal)}
    assert {a.label, sentence, label + ".txt"} <= literals
    if a.aliases:
        assert alias in literals
