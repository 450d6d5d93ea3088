"""One name per thing (issue 15): canonical labels tagged @zh-Hans, other forms as tagged
aliases, English names, no generic words as names, one node across documents and scripts,
and every face (named queries, find, views, stats) working with tagged names.

The two documents are invented for these tests: one in simplified, one in traditional
characters, naming the same zone organ with and without the province.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from zonegraph.graph.link import Entity
from zonegraph.graph.names import canonical_label, display_form, is_generic, name_entities

SIMPLIFIED_DOC = """湘江新区与本地企业签署合作协议

2024年3月5日，湖南湘江新区管委会与星澜微电子科技（长沙）有限公司签署战略合作协议。湖南湘江新区党工委书记周明远出席签约仪式。星澜微电子将在新区建设研发中心。湘江新区党工委表示，新区将与两江新区深化产业合作，双方将共建联合实验室。
（来源：湘江新区融媒体中心）
"""
TRADITIONAL_DOC = """兩江新區與湘江新區攜手推進產業協同

2024年4月8日，重慶兩江新區管委會與湘江新區黨工委在長沙簽署合作框架協議。湘江新區黨工委書記周明遠表示，新區將與兩江新區共建產業聯盟。兩江新區管委會副主任陳嘉禾出席。
（來源：兩江新區新聞中心）
"""
ZONE = "https://w3id.org/zonegraph/id/zone/"


@pytest.fixture(scope="module")
def both_scripts(tmp_path_factory, extractor) -> Path:
    """The two documents built into one store with the CLI; returns the store."""
    from click.testing import CliRunner

    import zonegraph.pipeline.run
    from zonegraph.cli.main import cli

    root = tmp_path_factory.mktemp("scripts")
    (root / "docs").mkdir()
    (root / "docs" / "xiangjiang.txt").write_text(SIMPLIFIED_DOC, encoding="utf-8")
    (root / "docs" / "liangjiang.txt").write_text(TRADITIONAL_DOC, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(zonegraph.pipeline.run, "Extractor", lambda data_dir="": extractor)
        result = CliRunner().invoke(cli, ["build", str(root / "docs"), "--store", str(root / "store")],
                                    catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "store"


def select(store: Path, sparql: str) -> list[dict]:
    from zonegraph.store.graph_store import GraphStore

    with GraphStore(store, read_only=True) as gs:
        result = gs.ox.query(sparql, prefixes={"zg": "https://w3id.org/zonegraph/ontology#",
                                               "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                                               "skos": "http://www.w3.org/2004/02/skos/core#"})
        names = [v.value for v in result.variables]
        return [dict(zip(names, row)) for row in result]


def names_of(store: Path, iri: str) -> dict[str, set]:
    rows = select(store, f"SELECT ?p ?n WHERE {{ <{iri}> ?p ?n FILTER isLiteral(?n) }}")
    out: dict[str, set] = {}
    for r in rows:
        out.setdefault(r["p"].value.rsplit("#", 1)[-1], set()).add(r["n"])
    return out


# ------------------------------------------------------------------ the rules


@pytest.mark.parametrize("word", ["新区", "新區", "本区", "该区", "双方", "公司", "集团", "管委会",
                                  "管委會", "党工委", "区委", "市政府", "园区", "基地", "项目", "该公司"])
def test_generic_words_and_references_are_not_names(word):
    assert is_generic(word)


@pytest.mark.parametrize("name", ["两江新区", "湘江新区党工委", "双流区", "三峡集团", "星澜微电子"])
def test_names_that_start_like_a_reference_are_names(name):
    assert not is_generic(name)


def test_display_form_is_simplified_with_chinese_brackets():
    assert display_form("星瀾微電子科技(長沙)有限公司") == "星澜微电子科技（长沙）有限公司"
    assert display_form("《关于 支持新区发展的意见》") == "关于支持新区发展的意见"


def test_a_zone_organ_is_named_by_the_zones_official_name_whatever_the_text_wrote():
    official = {"zone:xiangjiang": "湖南湘江新区"}.get
    for written in ("湘江新区党工委", "湘江新區黨工委", "湖南湘江新区党工委"):
        ent = Entity(key="organ:xiangjiang:党工委", type="GovernmentBody", label=written)
        assert canonical_label(ent, official) == "湖南湘江新区党工委"


def test_an_entity_named_only_by_a_generic_word_is_dropped_and_generic_aliases_go():
    kept = name_entities({
        "name:GovernmentBody:管委会": Entity("name:GovernmentBody:管委会", "GovernmentBody", "管委会"),
        "zone:liangjiang": Entity("zone:liangjiang", "Zone", "兩江新區", {"新區", "两江"},
                                  gazetteer_id="liangjiang"),
    }, {"zone:liangjiang": "重庆两江新区"}.get, {"zone:liangjiang": "Chongqing Liangjiang New Area"}.get)
    assert list(kept) == ["zone:liangjiang"]
    zone = kept["zone:liangjiang"]
    assert zone.label == "重庆两江新区" and zone.name_en == "Chongqing Liangjiang New Area"
    assert zone.aliases == {"兩江新區", "两江新区", "两江"}


# ------------------------------------------------------------------ documents in both scripts


def test_one_label_per_entity_across_documents_and_scripts(both_scripts):
    many = select(both_scripts, "SELECT ?e WHERE { ?e rdfs:label ?l } GROUP BY ?e HAVING (COUNT(?l) > 1)")
    assert many == []
    labels = select(both_scripts, "SELECT ?e ?l ?p WHERE { ?e rdfs:label ?l ; skos:prefLabel ?p "
                                  "FILTER (LANGMATCHES(LANG(?p), 'zh-Hans')) }")
    assert labels and all(r["l"].language == "zh-hans" and r["l"] == r["p"] for r in labels)
    # every label is simplified: the traditional forms are aliases tagged zh-Hant
    from zonegraph.ingest.normalize import to_simplified

    assert all(to_simplified(r["l"].value) == r["l"].value for r in labels)


def test_every_zone_has_its_official_name_and_an_english_name(both_scripts):
    zones = {r["z"].value: names_of(both_scripts, r["z"].value)
             for r in select(both_scripts, "SELECT DISTINCT ?z WHERE { ?z a zg:Zone }")}
    assert set(zones) == {ZONE + "xiangjiang", ZONE + "liangjiang"}
    liangjiang = zones[ZONE + "liangjiang"]
    assert liangjiang["label"] == {ox.Literal("重庆两江新区", language="zh-Hans")}
    assert ox.Literal("Chongqing Liangjiang New Area", language="en") in liangjiang["prefLabel"]
    assert ox.Literal("兩江新區", language="zh-Hant") in liangjiang["altLabel"]
    xiangjiang = zones[ZONE + "xiangjiang"]
    assert xiangjiang["label"] == {ox.Literal("湖南湘江新区", language="zh-Hans")}
    assert ox.Literal("Hunan Xiangjiang New Area", language="en") in xiangjiang["prefLabel"]


def test_no_entity_is_named_by_a_generic_word(both_scripts):
    names = select(both_scripts, "SELECT ?n WHERE { ?e rdfs:label|skos:altLabel|skos:prefLabel ?n }")
    assert names and not [r["n"].value for r in names if is_generic(r["n"].value)]


def test_a_zones_party_organ_with_and_without_the_province_is_one_node(both_scripts):
    rows = select(both_scripts, """SELECT DISTINCT ?e WHERE { ?e rdfs:label|skos:altLabel ?n
        FILTER (STR(?n) IN ("湖南湘江新区党工委", "湘江新区党工委", "湘江新區黨工委")) }""")
    assert len(rows) == 1
    names = names_of(both_scripts, rows[0]["e"].value)
    assert names["label"] == {ox.Literal("湖南湘江新区党工委", language="zh-Hans")}
    assert ox.Literal("湘江新區黨工委", language="zh-Hant") in names["altLabel"]
    # 两江新区管委会 / 重慶兩江新區管委會: one node, labelled by the zone's official name
    organ = select(both_scripts, """SELECT DISTINCT ?e WHERE { ?e rdfs:label|skos:altLabel ?n
        FILTER (STR(?n) IN ("两江新区管委会", "重慶兩江新區管委會", "兩江新區管委會")) }""")
    assert len(organ) == 1
    assert names_of(both_scripts, organ[0]["e"].value)["label"] == {
        ox.Literal("重庆两江新区管委会", language="zh-Hans")}


def test_a_person_in_both_scripts_with_the_same_post_is_one_node(both_scripts):
    rows = select(both_scripts, """SELECT DISTINCT ?e WHERE { ?e a zg:Person ; rdfs:label|skos:altLabel ?n
        FILTER (STR(?n) IN ("周明远", "周明遠")) }""")
    assert len(rows) == 1


def test_evidence_sentences_keep_the_documents_script(both_scripts):
    sentences = {r["s"].value for r in select(both_scripts, "SELECT ?s WHERE { ?ev zg:sentence ?s }")}
    assert any("黨工委書記周明遠" in s for s in sentences)
    assert any("党工委书记周明远" in s for s in sentences)


def test_stats_reports_no_name_problems(both_scripts, run_cli):
    result = run_cli("stats", "--store", both_scripts)
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.output.splitlines()]
    counts = {" ".join(w[:-1]): w[-1] for w in lines if w and w[-1].isdigit()}
    assert counts["entities with more than one label"] == "0"
    assert counts["labels not simplified @zh-Hans"] == "0"
    assert counts["generic words as names"] == "0"


def test_stats_catches_two_labels_a_traditional_label_and_a_generic_name(tmp_path, run_cli):
    from zonegraph.store.graph_store import GraphStore

    e = "<https://w3id.org/zonegraph/id/zone/liangjiang>"
    label, alt = "<http://www.w3.org/2000/01/rdf-schema#label>", "<http://www.w3.org/2004/02/skos/core#altLabel>"
    with GraphStore(tmp_path / "store") as gs:
        for sha, triples in (("a" * 64, [f'{e} {label} "重庆两江新区"@zh-Hans']),
                             ("b" * 64, [f'{e} {label} "重慶兩江新區"', f'{e} {alt} "新區"@zh-Hant'])):
            g = f"<https://w3id.org/zonegraph/graph/{sha}>"
            gs.queue_document(sha, "".join(f"{t} {g} .\n{t} .\n" for t in triples).encode("utf-8"))
    result = run_cli("stats", "--store", tmp_path / "store")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "entities with more than one label  1" in out
    assert any(" | " in line and "重庆两江新区" in line and "重慶兩江新區" in line for line in out.splitlines())
    assert "labels not simplified @zh-Hans     1" in out
    assert "generic words as names             1" in out and ": 新區" in out


# ------------------------------------------------------------------ the faces


@pytest.mark.parametrize("name", ["湘江新區黨工委", "湘江新区党工委", "湖南湘江新区党工委"])
def test_named_queries_accept_any_form_of_a_name(both_scripts, run_cli, name):
    result = run_cli("query", "--store", both_scripts, "--named", "entity-relations",
                     "--param", f"entity={name}", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["results"]["bindings"]
    others = {r["otherName"]["value"] for r in rows}
    assert {"重庆两江新区", "周明远"} <= others  # canonical names of the other ends
    assert all(r["otherName"]["xml:lang"] == "zh-hans" for r in rows)


def test_named_queries_in_a_time_limited_worker_accept_traditional_names(both_scripts, run_cli):
    result = run_cli("query", "--store", both_scripts, "--named", "relation-evidence", "--timeout", "60",
                     "--param", "subject=湘江新區黨工委", "--param", "object=兩江新區", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "湖南湘江新区党工委,cooperatesWith,重庆两江新区" in result.output
    assert "黨工委書記周明遠" in result.output  # the sentence as the traditional document wrote it


def test_named_queries_accept_an_english_name(both_scripts, run_cli):
    result = run_cli("query", "--store", both_scripts, "--named", "zone-partners",
                     "--param", "zone=Chongqing Liangjiang New Area", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "湖南湘江新区党工委" in result.output


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_find_by_english_name_in_every_format(both_scripts, run_cli, fmt):
    result = run_cli("find", "Liangjiang New Area", "--store", both_scripts, "--type", "Zone",
                     "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        first = json.loads(result.output)[0]
        assert first["name"] == "重庆两江新区" and first["matched alias"] == "Chongqing Liangjiang New Area"
        assert first["id"] == ZONE + "liangjiang"
    elif fmt in ("csv", "tsv"):
        sep = "," if fmt == "csv" else "\t"
        head, first = result.output.splitlines()[:2]
        assert head.split(sep)[:3] == ["match", "name", "type"]
        assert first.split(sep)[1:3] == ["重庆两江新区", "Zone"]
    else:  # rich wraps cells to the terminal's width: look at the cells' text
        assert "match" in result.output and "Zone" in result.output and "重庆" in result.output


def test_find_a_generic_word_gives_no_zone_as_exact_match(both_scripts, run_cli):
    result = run_cli("find", "新区", "--store", both_scripts, "--format", "json")
    if result.exit_code == 0:
        assert not [m for m in json.loads(result.output) if m["match"] == "exact"]
    else:
        assert "no entity has a name like" in result.output


def test_views_and_analyses_in_english(both_scripts, run_cli, tmp_path):
    result = run_cli("analyze", "--store", both_scripts, "--lang", "en", "--format", "json")
    assert result.exit_code == 0, result.output
    names = {r["name"] for r in json.loads(result.output)}
    assert {"Chongqing Liangjiang New Area", "Hunan Xiangjiang New Area"} <= names
    assert "湖南湘江新区党工委" in names  # no English name: the Chinese one
    result = run_cli("analyze", "--store", both_scripts, "--format", "json")
    assert "重庆两江新区" in {r["name"] for r in json.loads(result.output)}
    out = tmp_path / "view.html"
    result = run_cli("view", "--store", both_scripts, "--lang", "en", "--focus", "Hunan Xiangjiang New Area",
                     "--out", out)
    assert result.exit_code == 0, result.output
    assert "Hunan Xiangjiang New Area" in out.read_text(encoding="utf-8")


def test_snapshot_report_in_english(both_scripts, run_cli, tmp_path):
    result = run_cli("snapshot", "--store", both_scripts, "--as-of", "2024", "--out", tmp_path / "snap",
                     "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Chongqing Liangjiang New Area" in (tmp_path / "snap" / "report.md").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "snap" / "manifest.json").read_text())["lang"] == "en"


def test_writing_to_a_closed_pipe_ends_quietly(both_scripts):
    exe = Path(sys.executable).with_name("zonegraph")
    # far more rows than a pipe holds, so the writer meets the closed pipe
    proc = subprocess.run(f"'{exe}' query --store '{both_scripts}' --format csv "
                          f"'SELECT ?s ?p ?o WHERE {{ ?s ?p ?o . ?a ?b ?c }}' | head -1",
                          shell=True, capture_output=True, text=True, timeout=300)
    assert proc.stdout.startswith("s,p,o")
    assert proc.stderr == "", proc.stderr
