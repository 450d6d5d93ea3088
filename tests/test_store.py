"""The graph a build writes: named graphs, articles, evidence, and what rebuilds and
removals do to the store."""
from __future__ import annotations

import hashlib
import re

import pytest
from rdflib import RDF, Dataset, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS, XSD

from zonegraph.ingest.read import read_document
from zonegraph.store import graph_store as store_module
from zonegraph.store.graph_store import GraphStore

from conftest import SAMPLE_FILES, SAMPLES

ZG = Namespace("https://w3id.org/zonegraph/ontology#")
ZGID = Namespace("https://w3id.org/zonegraph/id/")
GRAPH = "https://w3id.org/zonegraph/graph/"


@pytest.fixture(scope="module")
def dataset(sample_store) -> Dataset:
    ds = Dataset()
    ds.parse(sample_store.trig, format="trig")
    return ds


def _named_graphs(ds: Dataset):
    return [g for g in ds.graphs() if str(g.identifier).startswith(GRAPH)]


def _union(ds: Dataset):
    return {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}


def test_build_reports_what_it_did(sample_store):
    assert "documents: 5 built, 0 unchanged, 0 failed; articles: 10" in sample_store.output


def test_one_named_graph_per_document_named_by_its_sha256(dataset):
    expected = {hashlib.sha256((SAMPLES / name).read_bytes()).hexdigest(): name
                for name in SAMPLE_FILES}
    graphs = _named_graphs(dataset)
    assert {str(g.identifier)[len(GRAPH):] for g in graphs} == set(expected)
    for g in graphs:
        sha = str(g.identifier)[len(GRAPH):]
        (doc,) = g.subjects(RDF.type, ZG.Document)
        assert doc == ZGID[f"document/{sha}"]
        assert g.value(doc, ZG.sha256) == Literal(sha)
        assert g.value(doc, ZG.fileName) == Literal(expected[sha])


def test_newsletter_masthead_is_on_its_document(dataset):
    sha = hashlib.sha256((SAMPLES / "newsletter_2023_q3.txt").read_bytes()).hexdigest()
    g = dataset.graph(URIRef(GRAPH + sha))
    doc = ZGID[f"document/{sha}"]
    assert g.value(doc, ZG.series) == Literal("新区观察")
    assert g.value(doc, ZG.issueNumber) == Literal("第3期")
    publisher = g.value(doc, DCTERMS.publisher)  # the masthead's publisher is an institution
    assert g.value(publisher, RDFS.label) == Literal("新区发展研究中心", lang="zh-Hans")
    assert (publisher, RDF.type, ZG.Institution) in g
    assert g.value(doc, DCTERMS.date) == Literal("2023-09-15", datatype=XSD.date)


def test_articles_have_title_source_and_document(dataset):
    per_document = {}
    sources = set()
    for g in _named_graphs(dataset):
        articles = list(g.subjects(RDF.type, ZG.Article))
        (doc,) = g.subjects(RDF.type, ZG.Document)
        per_document[str(g.value(doc, ZG.fileName))] = len(articles)
        for a in articles:
            assert g.value(a, ZG.inDocument) == doc
            title = g.value(a, DCTERMS.title)
            assert title is not None and str(title).strip()
            source = g.value(a, DCTERMS.source)
            assert source is not None
            sources.add(str(source))
    # every sample article closes with a （来源：…） line
    assert per_document == {"newsletter_2023_q3.txt": 4, "newsletter_2024_q1.txt": 3,
                            "tianfu_news.html": 1, "jiangbei_brief.docx": 1,
                            "xiongan_report.pdf": 1}
    assert sources == {"两江新区官网", "天府新区官网", "西咸新区官网", "浦东新区官网", "湘江新区官网",
                       "天府新区融媒体中心", "江北新区官网", "雄安新区官网"}


def _without_line_breaks(text: str) -> str:
    text = re.sub(r"\s*\n\s*", "", text.strip())
    return re.sub(r"\s+", " ", text)


def test_every_evidence_quotes_its_sentence_from_the_original_text(dataset):
    originals = {}
    for name in SAMPLE_FILES:
        doc = read_document(SAMPLES / name)
        originals[doc.sha256] = doc.text
    count = 0
    for g in _named_graphs(dataset):
        sha = str(g.identifier)[len(GRAPH):]
        for ev in g.subjects(RDF.type, ZG.Evidence):
            count += 1
            sentence = g.value(ev, ZG.sentence)
            start, end = g.value(ev, ZG.startOffset), g.value(ev, ZG.endOffset)
            article = g.value(ev, PROV.wasDerivedFrom)
            assert sentence is not None and start is not None and end is not None
            assert (article, RDF.type, ZG.Article) in g
            assert g.value(article, ZG.inDocument) == ZGID[f"document/{sha}"]
            assert 0 <= start.toPython() < end.toPython() <= len(originals[sha])
            quoted = originals[sha][start.toPython():end.toPython()]
            assert _without_line_breaks(quoted) == str(sentence)
            # the statement it describes is asserted in the same graph
            s, p, o = g.value(ev, RDF.subject), g.value(ev, RDF.predicate), g.value(ev, RDF.object)
            assert (s, p, o) in g
    assert count > 20


def test_evidence_for_the_planted_zone_cooperation(dataset):
    liangjiang, tianfu = ZGID["zone/liangjiang"], ZGID["zone/tianfu"]
    union = _union(dataset)
    # a symmetric property: one direction is asserted
    assert {(liangjiang, ZG.cooperatesWith, tianfu), (tianfu, ZG.cooperatesWith, liangjiang)} & union
    sentences = {str(o) for s, p, o, _ in dataset.quads((None, ZG.sentence, None, None))
                 if {(s, RDF.subject, liangjiang), (s, RDF.object, tianfu)} <= union
                 or {(s, RDF.subject, tianfu), (s, RDF.object, liangjiang)} <= union}
    assert any("签署战略合作框架协议" in s for s in sentences)


def test_zones_carry_gazetteer_facts(dataset):
    union = _union(dataset)
    zone = ZGID["zone/xiongan"]
    assert (zone, RDF.type, ZG.Zone) in union
    assert (zone, RDFS.label, Literal("河北雄安新区", lang="zh-Hans")) in union
    assert (zone, SKOS.prefLabel, Literal("Hebei Xiong'an New Area", lang="en")) in union
    assert (zone, ZG.gazetteerId, Literal("xiongan")) in union
    assert (zone, ZG.approvalDate, Literal("2017-04-01", datatype=XSD.date)) in union


def test_enterprise_label_keeps_the_brackets_the_document_wrote(dataset):
    union = _union(dataset)
    labels = {str(o) for s, p, o in union if p == RDFS.label and (s, RDF.type, ZG.Enterprise) in union}
    assert "长翼智行（重庆）科技有限公司" in labels


# ------------------------------------------------------------------ rebuilds and removals

def _documents(store):
    with GraphStore(store, read_only=True) as gs:
        return {d.sha256: d for d in gs.documents()}


def _split(quads):
    default = {q[:3] for q in quads if q[3] == ""}
    graphs: dict[str, set] = {}
    for s, p, o, g in quads:
        if g:
            graphs.setdefault(g, set()).add((s, p, o))
    return default, graphs


def test_default_graph_is_the_union_of_the_document_graphs(sample_store, read_quads):
    default, graphs = _split(read_quads(sample_store.store))
    assert len(graphs) == 5
    assert default == set().union(*graphs.values())


def test_building_again_changes_nothing(store_copy, run_cli, read_quads):
    before = read_quads(store_copy)
    result = run_cli("build", SAMPLES, "--store", store_copy)
    assert result.exit_code == 0, result.output
    assert "documents: 0 built, 5 unchanged, 0 failed" in result.output
    assert read_quads(store_copy) == before


def test_force_rebuild_gives_the_same_graph(store_copy, run_cli, read_quads):
    before = read_quads(store_copy)
    result = run_cli("build", SAMPLES / "newsletter_2024_q1.txt", "--store", store_copy, "--force")
    assert result.exit_code == 0, result.output
    assert "documents: 1 built, 0 unchanged" in result.output
    assert read_quads(store_copy) == before


def test_bulk_loaded_batches_give_the_graph_one_transaction_gives(
        sample_store, tmp_path, run_cli, read_quads, monkeypatch):
    monkeypatch.setattr(store_module, "BATCH_BYTES", 1)  # every document its own batch,
    monkeypatch.setattr(store_module, "TRANSACTION_BYTES", 0)  # each through the bulk loader
    result = run_cli("build", SAMPLES, "--store", tmp_path / "store")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "store" / store_module.JOURNAL_NAME).exists()
    assert read_quads(tmp_path / "store") == read_quads(sample_store.store)


def test_the_next_writer_finishes_a_batch_a_killed_build_was_bulk_loading(store_copy, read_quads):
    import pyoxigraph as ox

    before = read_quads(store_copy)
    sha = hashlib.sha256((SAMPLES / "newsletter_2023_q3.txt").read_bytes()).hexdigest()
    with GraphStore(store_copy) as writer:
        named = list(writer.ox.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH + sha)))
        writer.remove_document(sha)
    union = [ox.Quad(q.subject, q.predicate, q.object) for q in named]
    batch = ox.serialize(named + union, format=ox.RdfFormat.N_QUADS)
    # killed half-way: the named graph's indexes written, the default graph's not yet
    half_done = ox.Store(str(store_copy))
    half_done.bulk_load(ox.serialize(named, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    del half_done
    (store_copy / store_module.JOURNAL_NAME).write_bytes(batch)

    GraphStore(store_copy).close()
    assert not (store_copy / store_module.JOURNAL_NAME).exists()
    assert read_quads(store_copy) == before  # what readers see, published by that writer


def test_a_journal_that_cannot_be_read_stops_the_build_and_readers_keep_their_graph(
        store_copy, run_cli, read_quads):
    before = read_quads(store_copy)
    (store_copy / store_module.JOURNAL_NAME).write_bytes(b"<not n-quads")
    result = run_cli("build", SAMPLES, "--store", store_copy)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and store_module.JOURNAL_NAME in result.stderr
    assert "Traceback" not in result.output
    assert read_quads(store_copy) == before


V1 = """贵安新区数据中心集群建设提速
3月5日，黔峰算力科技有限公司与贵安新区管委会签署投资协议，将在贵安综合保税区建设绿色数据中心。
（来源：贵安新区官网）
"""
V2 = V1.replace("黔峰算力科技有限公司", "黔岭云数科技有限公司")


def test_rebuilding_an_edited_file_replaces_its_contribution(tmp_path, run_cli, read_quads):
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    corpus.mkdir()
    path = corpus / "guian.txt"
    path.write_text(V1, encoding="utf-8")
    assert run_cli("build", corpus, "--store", store).exit_code == 0
    old_sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert set(_documents(store)) == {old_sha}
    old_labels = {q[2] for q in read_quads(store) if q[1] == RDFS.label.n3()}
    assert '"黔峰算力科技有限公司"@zh-hans' in old_labels

    path.write_text(V2, encoding="utf-8")
    result = run_cli("build", corpus, "--store", store)
    assert result.exit_code == 0, result.output
    assert "documents: 1 built, 0 unchanged, 0 failed" in result.output
    new_sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert set(_documents(store)) == {new_sha}

    quads = read_quads(store)
    default, graphs = _split(quads)
    assert set(graphs) == {GRAPH + new_sha}
    assert not any(old_sha in "".join(q) for q in quads)
    labels = {t[2] for t in default if t[1] == RDFS.label.n3()}
    assert '"黔岭云数科技有限公司"@zh-hans' in labels
    assert '"黔峰算力科技有限公司"@zh-hans' not in labels
    assert default == graphs[GRAPH + new_sha]
    documents = [t for t in default if t[1] == RDF.type.n3() and t[2] == ZG.Document.n3()]
    assert len(documents) == 1


def test_remove_takes_out_exactly_one_document(store_copy, run_cli, read_quads):
    default, graphs = _split(read_quads(store_copy))
    sha = hashlib.sha256((SAMPLES / "newsletter_2023_q3.txt").read_bytes()).hexdigest()
    removed_graph = graphs.pop(GRAPH + sha)
    others = set().union(*graphs.values())
    only_there = removed_graph - others
    shared = removed_graph & others
    assert only_there and shared  # the test means something: both kinds exist

    result = run_cli("remove", "newsletter_2023_q3.txt", "--store", store_copy)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "removed newsletter_2023_q3.txt"

    default_after, graphs_after = _split(read_quads(store_copy))
    assert graphs_after == graphs
    assert default_after == others
    assert not (default_after & only_there)
    assert shared <= default_after
    assert sha not in _documents(store_copy)


def test_remove_by_sha_prefix(store_copy, run_cli):
    sha = hashlib.sha256((SAMPLES / "tianfu_news.html").read_bytes()).hexdigest()
    result = run_cli("remove", sha[:12], "--store", store_copy)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "removed tianfu_news.html"
    assert len(_documents(store_copy)) == 4


def test_remove_unknown_document_is_an_error(store_copy, run_cli):
    result = run_cli("remove", "no_such_newsletter.txt", "--store", store_copy)
    assert result.exit_code == 1
    assert "no_such_newsletter.txt" in result.stderr
    assert len(_documents(store_copy)) == 5


def test_evidence_is_the_whole_sentence_when_the_first_line_is_a_sentence(tmp_path, run_cli):
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    corpus.mkdir()
    sentence = "5月8日，两江新区与天府新区签署数字经济合作协议，双方将共建跨区域算力调度平台。"
    (corpus / "news.txt").write_text(sentence + "\n下一步，两区将推动更多项目落地。\n", encoding="utf-8")
    assert run_cli("build", corpus, "--store", store).exit_code == 0
    with GraphStore(store, read_only=True) as gs:
        quoted = {r["s"] for r in gs.select("SELECT ?s WHERE { ?e a zg:Evidence ; zg:sentence ?s }")}
    assert quoted == {sentence}


def test_only_gazetteer_rows_have_a_gazetteer_id(dataset):
    from zonegraph.extract.gazetteer import load_gazetteer

    known = {key.split(":", 1)[1] for key in load_gazetteer().entries}
    ids = {str(o) for s, p, o in _union(dataset) if p == ZG.gazetteerId}
    assert "xiongan" in ids
    assert ids <= known, sorted(ids - known)[:5]
