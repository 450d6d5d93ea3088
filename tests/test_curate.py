"""``zonegraph curate``: corrections kept beside the extracted graph, applied to every
reader, kept through rebuilds, undone, exported and imported.

The texts are invented for these tests: two short news items about zones, enterprises and
an office the extractor wrongly takes for a partner.
"""
from __future__ import annotations

import csv
import json

import pyoxigraph as ox
import pytest

from zonegraph.store import access as store_access
from zonegraph.store.graph_store import GraphStore

TEXT_A = """滨海新区与南沙新区签署产业协作协议

2024年3月5日，天津滨海新区与广州南沙新区在天津市签署产业协作协议，双方将在港口物流、跨境贸易等领域开展合作。
同日，星河智造科技有限公司落户滨海新区，宏远物流集团与南沙新区签署合作备忘录。
华辰新材料股份有限公司入驻南沙新区，计划建设研发中心。
"""
TEXT_B = """金普新区推动数字经济发展

2024年4月2日，大连金普新区与舟山群岛新区签署战略合作协议，共同推进海洋经济发展。
星河智造科技有限公司与金普新区签署合作协议。
"""
TEXT_C = """南沙新区举办跨境贸易论坛

2024年5月8日，宏远物流集团与南沙新区签署合作备忘录，星河智造科技有限公司与南沙新区签署合作协议。
"""

PAIRS = """SELECT DISTINCT ?a ?b WHERE { ?x zg:cooperatesWith ?y .
  ?x rdfs:label ?a . ?y rdfs:label ?b }"""


@pytest.fixture
def built(tmp_path, run_cli):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (docs / "b.txt").write_text(TEXT_B, encoding="utf-8")
    store = tmp_path / "store"
    result = run_cli("build", docs, "--store", store)
    assert result.exit_code == 0, result.output
    return docs, store


def rows(run_cli, store, sparql, *options):
    result = run_cli("query", sparql, "--store", store, "--format", "json", *options)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    return {tuple(b[v]["value"] for v in data["head"]["vars"] if v in b)
            for b in data["results"]["bindings"]}


def pairs(run_cli, store, *options) -> set[frozenset]:
    return {frozenset(r) for r in rows(run_cli, store, PAIRS, *options)}


def curate(run_cli, store, *args):
    """``zonegraph curate ARGS``; a correction is made ``--by tester``."""
    by = () if args[0] in ("undo", "export", "import", "list") else ("--by", "tester")
    result = run_cli("curate", *args, "--store", store, *by)
    assert result.exit_code == 0, result.output
    return result.output


def assert_consistent(store):
    """The default graph is exactly the union of the curated document graphs and what the
    corrections add — as a from-scratch derivation gives it, whatever the history."""
    with GraphStore(store, read_only=True) as gs:
        derived = {t for _, ts in gs.document_graphs() for t in ts}
        default = {q.triple for q in gs.ox.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert derived == default


FIRM_NANSHA = frozenset({"宏远物流集团", "广州南沙新区"})


def test_reject_takes_a_relation_and_its_evidence_out_of_queries_but_not_out_of_raw(
        built, run_cli):
    _, store = built
    assert FIRM_NANSHA in pairs(run_cli, store)
    out = curate(run_cli, store, "reject", "宏远物流集团", "cooperatesWith", "南沙新区",
                 "--note", "an office, not a partner")
    assert "reject" in out and "宏远物流集团" in out
    assert FIRM_NANSHA not in pairs(run_cli, store)
    assert frozenset({"天津滨海新区", "广州南沙新区"}) in pairs(run_cli, store)
    evidence = rows(run_cli, store, """SELECT ?ev WHERE { ?ev a zg:Evidence ;
        rdf:subject|rdf:object ?x , ?y . ?x rdfs:label "宏远物流集团"@zh-Hans . ?y rdfs:label "广州南沙新区"@zh-Hans }""")
    assert not evidence
    assert FIRM_NANSHA in pairs(run_cli, store, "--raw")
    assert_consistent(store)


def test_add_puts_a_relation_in_with_the_note_as_its_evidence(built, run_cli, tmp_path):
    _, store = built
    added = frozenset({"华辰新材料股份有限公司", "大连金普新区"})
    assert added not in pairs(run_cli, store)
    curate(run_cli, store, "add", "华辰新材料股份有限公司", "cooperatesWith", "金普新区",
           "--note", "两地合作见第二篇报道")
    assert added in pairs(run_cli, store)
    assert added not in pairs(run_cli, store, "--raw")
    (note, by), = rows(run_cli, store, """SELECT ?note ?by WHERE { ?ev zg:curated true ;
        rdfs:comment ?note ; prov:wasAttributedTo/rdfs:label ?by }""")
    assert (note, by) == ("两地合作见第二篇报道", "tester")
    # the view's evidence panel gets the note, author and date; the export has the relation
    page = tmp_path / "view.html"
    assert run_cli("view", "--store", store, "--out", page).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "两地合作见第二篇报道" in html and "tester · 20" in html
    raw_page = tmp_path / "raw.html"
    assert run_cli("view", "--raw", "--store", store, "--out", raw_page).exit_code == 0
    assert "两地合作见第二篇报道" not in raw_page.read_text(encoding="utf-8")
    for raw in ((), ("--raw",)):
        out = tmp_path / f"graph{len(raw)}.ttl"
        assert run_cli("export", "--store", store, "--format", "ttl", "--out", out,
                       *raw).exit_code == 0
        g = ox.Store()
        g.load(path=str(out), format=ox.RdfFormat.TURTLE)
        found = bool(g.query("""ASK { ?a <https://w3id.org/zonegraph/ontology#cooperatesWith> ?b .
            ?a <http://www.w3.org/2000/01/rdf-schema#label> "华辰新材料股份有限公司" .
            ?b <http://www.w3.org/2000/01/rdf-schema#label> "大连金普新区" }"""))
        assert found is not raw
    assert_consistent(store)


def test_relation_evidence_lists_an_added_relation_beside_the_extracted_ones(built, run_cli):
    _, store = built
    curate(run_cli, store, "add", "星河智造科技有限公司", "cooperatesWith", "滨海新区",
           "--note", "见园区公告")

    def evidence():
        result = run_cli("query", "--store", store, "--named", "relation-evidence", "--param",
                         "subject=星河智造科技有限公司", "--param", "object=滨海新区",
                         "--format", "csv")
        assert result.exit_code == 0, result.output
        return list(csv.DictReader(result.output.splitlines()))

    got = evidence()
    added = [r for r in got if r["curated"] == "true"]
    assert [(r["relationName"], r["note"], r["curatedBy"], r["sentence"], r["file"])
            for r in added] == [("cooperatesWith", "见园区公告", "tester", "", "")]
    assert added[0]["curatedAt"].startswith("20")
    # what the text says of the two (the firm settled there) is listed as before
    extracted = [r for r in got if r["curated"] == "false"]
    assert extracted and all(r["sentence"] and r["file"] == "a.txt" and not r["note"]
                             for r in extracted)
    curate(run_cli, store, "undo", added[0]["evidence"].rsplit("-", 1)[1])
    assert [r for r in evidence() if r["curated"] == "true"] == []


def test_drop_takes_an_entity_with_its_relations_out_of_find_and_queries(built, run_cli):
    _, store = built
    curate(run_cli, store, "drop", "宏远物流集团", "--note", "not a party here")
    assert not any("宏远物流集团" in p for p in pairs(run_cli, store))
    assert "宏远物流集团" not in run_cli("find", "宏远物流", "--store", store, "--format", "tsv").output
    assert any("宏远物流集团" in p for p in pairs(run_cli, store, "--raw"))
    assert_consistent(store)


def test_merge_rewrites_the_other_node_into_the_kept_one(built, run_cli):
    _, store = built
    curate(run_cli, store, "merge", "星河智造科技有限公司", "华辰新材料股份有限公司")
    labels = rows(run_cli, store, """SELECT ?alt ?t WHERE { ?e rdfs:label "星河智造科技有限公司"@zh-Hans ;
        skos:altLabel ?alt ; a ?t }""")
    assert ("华辰新材料股份有限公司", "https://w3id.org/zonegraph/ontology#Enterprise") in labels
    assert not rows(run_cli, store, 'SELECT ?e WHERE { ?e rdfs:label "华辰新材料股份有限公司"@zh-Hans }')
    located = rows(run_cli, store, """SELECT ?z WHERE { ?e rdfs:label "星河智造科技有限公司"@zh-Hans ;
        zg:locatedIn/rdfs:label ?z }""")
    assert located == {("天津滨海新区",), ("广州南沙新区",)}
    # the other name now finds the kept node, so corrections can name it either way
    found = run_cli("find", "华辰新材料股份有限公司", "--store", store, "--format", "tsv").output
    assert "星河智造" in found
    assert_consistent(store)


def test_split_gives_one_documents_mentions_a_node_of_their_own(built, run_cli):
    _, store = built
    curate(run_cli, store, "split", "星河智造科技有限公司", "--documents", "b.txt",
           "--as", "星河智造（大连）")
    partners = rows(run_cli, store, """SELECT ?n ?z WHERE { ?e rdfs:label ?n ;
        zg:cooperatesWith|^zg:cooperatesWith ?x . ?x rdfs:label ?z
        FILTER (STRSTARTS(?n, "星河智造")) }""")
    assert ("星河智造（大连）", "大连金普新区") in partners
    assert ("星河智造科技有限公司", "大连金普新区") not in partners
    located = rows(run_cli, store, """SELECT ?z WHERE { ?e rdfs:label "星河智造科技有限公司"@zh-Hans ;
        zg:locatedIn/rdfs:label ?z }""")
    assert located == {("天津滨海新区",)}
    assert_consistent(store)


def test_rename_and_retype(built, run_cli):
    _, store = built
    curate(run_cli, store, "rename", "星河智造科技有限公司", "星河智造")
    curate(run_cli, store, "retype", "星河智造", "Institution")
    (label, alt, t), = rows(run_cli, store, """SELECT ?l ?alt ?t WHERE {
        ?e rdfs:label ?l ; skos:altLabel ?alt ; a ?t . FILTER (STR(?l) = "星河智造") }""")
    assert (alt, t) == ("星河智造科技有限公司", "https://w3id.org/zonegraph/ontology#Institution")
    # still one name per thing: one rdfs:label, the same skos:prefLabel, both @zh-Hans
    names = rows(run_cli, store, """SELECT ?p ?n WHERE { ?e rdfs:label "星河智造"@zh-Hans ;
        ?p ?n FILTER (?p IN (rdfs:label, skos:prefLabel)) }""")
    assert names == {("http://www.w3.org/2000/01/rdf-schema#label", "星河智造"),
                     ("http://www.w3.org/2004/02/skos/core#prefLabel", "星河智造")}
    assert "Institution" in run_cli("find", "星河智造科技有限公司", "--store", store,
                                    "--format", "tsv").output
    assert_consistent(store)


def test_views_ring_corrected_nodes_and_list_their_corrections(built, run_cli, tmp_path):
    _, store = built
    curate(run_cli, store, "rename", "星河智造科技有限公司", "星河智造", "--note", "short name")
    page = tmp_path / "view.html"
    assert run_cli("view", "--store", store, "--out", page).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert html.count("\"borderWidth\":3,") == 1  # the one corrected node, ringed
    assert "rename · short name · tester · 20" in html


def test_corrections_survive_a_forced_rebuild_and_apply_to_new_documents(built, run_cli):
    docs, store = built
    curate(run_cli, store, "reject", "宏远物流集团", "cooperatesWith", "南沙新区")
    curate(run_cli, store, "rename", "星河智造科技有限公司", "星河智造")
    assert run_cli("build", docs, "--store", store, "--force").exit_code == 0
    assert FIRM_NANSHA not in pairs(run_cli, store)
    (docs / "c.txt").write_text(TEXT_C, encoding="utf-8")
    assert run_cli("build", docs, "--store", store).exit_code == 0
    current = pairs(run_cli, store)
    assert FIRM_NANSHA not in current  # the new document says it again: still rejected
    assert frozenset({"星河智造", "广州南沙新区"}) in current  # its statement, renamed
    assert FIRM_NANSHA in pairs(run_cli, store, "--raw")
    assert_consistent(store)
    assert run_cli("remove", "c.txt", "--store", store).exit_code == 0
    assert frozenset({"星河智造", "广州南沙新区"}) not in pairs(run_cli, store)
    assert_consistent(store)


def test_undo_restores_what_extraction_said(built, run_cli):
    _, store = built
    before = pairs(run_cli, store)
    out = curate(run_cli, store, "merge", "天津滨海新区", "宏远物流集团")
    cid = out.split()[0]
    assert pairs(run_cli, store) != before
    assert f"undone {cid}" in curate(run_cli, store, "undo", cid[:6])
    assert pairs(run_cli, store) == before
    listed = json.loads(run_cli("curate", "list", "--store", store, "--format", "json").output)
    assert listed == []
    assert_consistent(store)


def test_export_then_import_into_a_fresh_store_is_idempotent(built, run_cli, tmp_path):
    docs, store = built
    curate(run_cli, store, "reject", "宏远物流集团", "cooperatesWith", "南沙新区", "--note", "no")
    curate(run_cli, store, "add", "华辰新材料股份有限公司", "cooperatesWith", "金普新区",
           "--note", "见报道")
    curate(run_cli, store, "split", "星河智造科技有限公司", "--documents", "b.txt")
    corrections = tmp_path / "corrections.ttl"
    curate(run_cli, store, "export", corrections)
    assert "zg:Correction" in corrections.read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    assert run_cli("build", docs, "--store", fresh).exit_code == 0
    assert "imported 3 correction(s); 0 already here" in curate(run_cli, fresh, "import",
                                                                 corrections)

    def dump(s):
        out = tmp_path / "dump.nq"
        assert run_cli("export", "--store", s, "--format", "nq", "--out", out).exit_code == 0
        return out.read_bytes()

    once = dump(fresh)
    assert once == dump(store)
    assert "imported 0 correction(s); 3 already here" in curate(run_cli, fresh, "import",
                                                                 corrections)
    checked = run_cli("validate", "--store", fresh)  # the corrections too, against the shapes
    assert checked.exit_code == 0 and "conforms: 2 document graph(s)" in checked.output
    assert dump(fresh) == once
    assert pairs(run_cli, fresh) == pairs(run_cli, store)


def test_unknown_and_ambiguous_names_are_one_line_errors_and_write_nothing(built, run_cli):
    _, store = built
    result = run_cli("curate", "drop", "星河智造科技", "--store", store)  # part of a name
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: no entity is called '星河智造科技'")
    assert "星河智造科技有限公司" in lines[0]  # the candidates
    curate(run_cli, store, "split", "星河智造科技有限公司", "--documents", "b.txt")
    result = run_cli("curate", "rename", "星河智造科技有限公司", "星河", "--store", store)
    assert result.exit_code == 1
    line, = result.output.strip().splitlines()
    assert "names 2 entities" in line and line.count("zgid:enterprise/") == 2
    result = run_cli("curate", "reject", "宏远物流集团", "worksWith", "南沙新区", "--store", store)
    assert result.exit_code == 1 and "not a relation" in result.output
    listed = json.loads(run_cli("curate", "list", "--store", store, "--format", "json").output)
    assert [c["action"] for c in listed] == ["split"]


def test_a_correction_whose_target_is_gone_is_listed_as_dangling(built, run_cli):
    docs, store = built
    curate(run_cli, store, "rename", "舟山群岛新区", "舟山新区", "--note", "short name")
    assert run_cli("remove", "b.txt", "--store", store).exit_code == 0
    listed = run_cli("curate", "list", "--store", store, "--format", "csv").output
    header, row = listed.strip().splitlines()
    assert header.startswith("id,action,")
    assert ",rename,浙江舟山群岛新区 to 舟山新区,short name," in row
    assert row.endswith("dangling: zgid:zone/zhoushan")
    assert run_cli("build", docs, "--store", store).exit_code == 0  # b.txt back: applies again
    listed = json.loads(run_cli("curate", "list", "--store", store, "--format", "json").output)
    assert listed[0]["status"] == "applied" and listed[0]["note"] == "short name"
    assert ("舟山新区",) in rows(run_cli, store, "SELECT ?l WHERE { ?z a zg:Zone ; rdfs:label ?l }")


def test_curating_is_refused_while_a_build_holds_the_writer_lock(built, run_cli):
    _, store = built
    lock = store_access.WriterLock(store)
    try:
        result = run_cli("curate", "drop", "宏远物流集团", "--store", store)
        assert result.exit_code == 1
        assert "is writing to this store" in result.output
        # reading still works meanwhile
        assert run_cli("curate", "list", "--store", store).exit_code == 0
    finally:
        lock.release()
    listed = json.loads(run_cli("curate", "list", "--store", store, "--format", "json").output)
    assert listed == []
    assert any("宏远物流集团" in p for p in pairs(run_cli, store))


def test_snapshots_list_their_corrections_and_diff_shows_them(built, run_cli, tmp_path):
    _, store = built
    first = curate(run_cli, store, "reject", "宏远物流集团", "cooperatesWith", "南沙新区",
                   "--note", "an office").split()[0]
    assert run_cli("snapshot", "--as-of", "2024-12-31", "--out", tmp_path / "s1",
                   "--store", store).exit_code == 0
    manifest = json.loads((tmp_path / "s1" / "manifest.json").read_text(encoding="utf-8"))
    assert [(c["id"], c["action"], c["note"], c["by"]) for c in manifest["corrections"]] == [
        (first, "reject", "an office", "tester")]
    with (tmp_path / "s1" / "edges.csv").open(encoding="utf-8") as fh:
        edges = {frozenset((r["source_label"], r["target_label"])) for r in csv.DictReader(fh)
                 if r["predicate"] == "cooperatesWith"}
    assert FIRM_NANSHA not in edges and frozenset({"天津滨海新区", "广州南沙新区"}) in edges
    second = curate(run_cli, store, "drop", "华辰新材料股份有限公司").split()[0]
    assert run_cli("snapshot", "--as-of", "2024-12-31", "--out", tmp_path / "s2",
                   "--store", store).exit_code == 0
    result = run_cli("diff", tmp_path / "s1", tmp_path / "s2")
    assert result.exit_code == 0
    assert "## Corrections added (1)" in result.output
    assert f"| {second} | drop | 华辰新材料股份有限公司 |" in result.output
    assert "| 华辰新材料股份有限公司 | Enterprise |" in result.output  # the entity it removed


def test_push_sends_the_curated_graph(built, run_cli, tmp_path):
    from test_push import OxigraphServer

    from zonegraph.sparql.run import QueryTarget, run_sparql

    _, store = built
    curate(run_cli, store, "reject", "宏远物流集团", "cooperatesWith", "南沙新区")
    curate(run_cli, store, "add", "华辰新材料股份有限公司", "cooperatesWith", "金普新区",
           "--note", "见报道")
    server = OxigraphServer(tmp_path / "server")
    try:
        result = run_cli("push", "--endpoint", server.store_url, "--store", store)
        assert result.exit_code == 0, result.output
        assert "sent corrections" in result.output
        _, remote = run_sparql(QueryTarget(endpoint=server.query_url), PAIRS)
        assert {frozenset(t.value for t in row) for row in remote} == pairs(run_cli, store)
    finally:
        server.stop()


def test_any_history_of_corrections_gives_what_a_fresh_store_gives(built, run_cli, tmp_path):
    docs, store = built
    curate(run_cli, store, "reject", "宏远物流集团", "cooperatesWith", "南沙新区")
    merge = curate(run_cli, store, "merge", "天津滨海新区", "宏远物流集团").split()[0]
    curate(run_cli, store, "rename", "天津滨海新区", "滨海新区")
    curate(run_cli, store, "retype", "华辰新材料股份有限公司", "Institution")
    curate(run_cli, store, "drop", "舟山群岛新区")
    assert run_cli("remove", "b.txt", "--store", store).exit_code == 0
    curate(run_cli, store, "undo", merge)
    assert run_cli("build", docs, "--store", store).exit_code == 0
    assert_consistent(store)
    corrections = tmp_path / "corrections.ttl"
    curate(run_cli, store, "export", corrections)
    fresh = tmp_path / "fresh"
    assert run_cli("build", docs, "--store", fresh).exit_code == 0
    curate(run_cli, fresh, "import", corrections)
    for s in (store, fresh):
        out = tmp_path / f"{s.name}.nq"
        assert run_cli("export", "--store", s, "--format", "nq", "--out", out).exit_code == 0
    assert (tmp_path / "store.nq").read_bytes() == (tmp_path / "fresh.nq").read_bytes()
    assert frozenset({"宏远物流集团", "滨海新区"}) in pairs(run_cli, store)  # merge undone


def test_the_endpoints_entity_page_shows_an_added_relation_with_its_note(built, run_cli):
    from types import SimpleNamespace

    from zonegraph.graph.namespace import PREFIXES
    from zonegraph.sparql.entity_page import render_entity
    from zonegraph.sparql.worker import execute
    from zonegraph.store.access import open_read_only

    _, store = built
    curate(run_cli, store, "add", "华辰新材料股份有限公司", "cooperatesWith", "金普新区",
           "--note", "<b>见</b>第二篇")
    ox_store = open_read_only(store)

    def run(request):  # as the server's workers run the page's queries
        header, body = execute(ox_store, {**request, "prefixes": PREFIXES})
        return SimpleNamespace(media_type=header["media_type"], body=body)

    (iri,), = rows(run_cli, store, 'SELECT ?e WHERE { ?e rdfs:label "大连金普新区"@zh-Hans }')
    page = render_entity(run, iri, "nonce")
    assert "&lt;b&gt;见&lt;/b&gt;第二篇" in page and "curated by tester" in page
