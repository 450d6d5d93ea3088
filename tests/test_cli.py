"""The ``zonegraph`` commands, run for real on files under tmp_path."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from zonegraph.cli.main import cli
from zonegraph.extract.gazetteer import load_gazetteer
from zonegraph.store.graph_store import GraphStore

from conftest import REPO, SAMPLES

#: The zones the sample corpus is about (data/samples/README.md), by gazetteer id.
SAMPLE_ZONE_IDS = ("liangjiang", "tianfu", "xixian", "pudong", "xiongan", "xiangjiang",
                   "guian", "jiangbei")
ZONE_QUERY = "SELECT ?name WHERE { ?zone a zg:Zone ; rdfs:label ?name } ORDER BY ?name"


@pytest.fixture(scope="module")
def sample_zone_names():
    entries = load_gazetteer().entries
    return sorted(entries[f"zone:{z}"].name for z in SAMPLE_ZONE_IDS)


def _error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def _assert_one_line_error(result, *words):
    assert result.exit_code == 1, result.output
    lines = _error_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].lower().startswith("error: ")
    assert "Traceback" not in result.output
    for w in words:
        assert w in lines[0]
    return lines[0]


# ------------------------------------------------------------------ query

@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_formats_list_the_sample_zones(sample_store, run_cli, fmt, sample_zone_names):
    result = run_cli("query", ZONE_QUERY, "--store", sample_store.store, "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    if fmt == "json":
        data = json.loads(out)
        assert data["head"]["vars"] == ["name"]
        names = [b["name"]["value"] for b in data["results"]["bindings"]]
        assert {b["name"]["type"] for b in data["results"]["bindings"]} == {"literal"}
    elif fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert rows[0] == ["name"]
        names = [r[0] for r in rows[1:]]
    else:
        names = [n for n in sample_zone_names if n in out]
        assert f"{len(sample_zone_names)} row(s)" in out
    assert sorted(names) == sample_zone_names


def test_query_from_file_with_graph_clause(sample_store, run_cli, tmp_path):
    rq = tmp_path / "documents.rq"
    rq.write_text("SELECT ?name (COUNT(DISTINCT ?a) AS ?articles) WHERE {\n"
                  "  GRAPH ?g { ?d a zg:Document ; zg:fileName ?name . ?a zg:inDocument ?d }\n"
                  "} GROUP BY ?name ORDER BY ?name\n", encoding="utf-8")
    result = run_cli("query", "--file", rq, "--store", sample_store.store, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [["name", "articles"], ["jiangbei_brief.docx", "1"],
                    ["newsletter_2023_q3.txt", "4"], ["newsletter_2024_q1.txt", "3"],
                    ["tianfu_news.html", "1"], ["xiongan_report.pdf", "1"]]


def test_ask_query(sample_store, run_cli):
    result = run_cli("query", "ASK { <https://w3id.org/zonegraph/id/zone/liangjiang> a zg:Zone }", "--store",
                     sample_store.store, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"boolean": True}


@pytest.mark.parametrize("sparql", ["SELEC ?x WHERE { ?x ?p ?o }",
                                    "SELECT ?x WHERE { ?x a zg:Zone ",
                                    "SELECT ?x WHERE { ?x a nope:Thing }"])
def test_malformed_query_is_a_one_line_error(sample_store, run_cli, sparql):
    result = run_cli("query", sparql, "--store", sample_store.store)
    line = _assert_one_line_error(result)
    assert "query" in line
    assert result.stdout == ""


def test_error_lines_start_with_lowercase_error_as_documented(sample_store, run_cli):
    result = run_cli("query", "SELEC ?x", "--store", sample_store.store)
    assert _error_lines(result)[0].startswith("error: ")


def test_query_needs_sparql(sample_store, run_cli):
    _assert_one_line_error(run_cli("query", "--store", sample_store.store), "no query")


# ------------------------------------------------------------------ stats, validate

def test_stats_counts_the_sample_corpus(sample_store, run_cli):
    result = run_cli("stats", "--store", sample_store.store)
    assert result.exit_code == 0, result.output
    out = result.stdout
    with GraphStore(sample_store.store, read_only=True) as gs:
        triples = gs.triple_count()
    assert f"documents: 5  articles: 10  triples: {triples}" in out
    assert re.search(r"^\s+Zone\s+8$", out, re.M)
    for label in ("Person", "Enterprise", "Policy", "Fund", "cooperatesWith", "memberOf", "issuedBy"):
        m = re.search(rf"^\s+{label}\s+(\d+)$", out, re.M)
        assert m and int(m.group(1)) > 0, label


def test_validate_sample_store_conforms(sample_store, run_cli):
    result = run_cli("validate", "--store", sample_store.store)
    assert result.exit_code == 0, result.output
    assert "conforms: 5 document graph(s) checked" in result.stdout


# ------------------------------------------------------------------ export

@pytest.mark.parametrize("fmt,rdflib_format,quads", [
    ("ttl", "turtle", False), ("trig", "trig", True), ("nq", "nquads", True),
    ("jsonld", "json-ld", False)])
def test_export_parses_back_with_the_same_triples(sample_store, run_cli, tmp_path, fmt,
                                                  rdflib_format, quads):
    out = tmp_path / f"graph.{fmt}"
    result = run_cli("export", "--format", fmt, "--out", out, "--store", sample_store.store)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"wrote {out}"
    with GraphStore(sample_store.store, read_only=True) as gs:
        expected = gs.triple_count()  # the default graph: each fact once
    if quads:
        ds = Dataset()
        ds.parse(out, format=rdflib_format)
        graphs = {q[3] for q in ds.quads((None, None, None, None))}
        assert len(graphs) == 5  # one named graph per document
        triples = {q[:3] for q in ds.quads((None, None, None, None))}
    else:
        triples = set(Graph().parse(out, format=rdflib_format))
    assert len(triples) == expected


def test_build_out_file_is_the_store_as_trig(sample_store, tmp_path, run_cli):
    exported = tmp_path / "again.trig"
    assert run_cli("export", "--out", exported, "--store", sample_store.store).exit_code == 0
    a, b = Dataset(), Dataset()
    a.parse(sample_store.trig, format="trig")
    b.parse(exported, format="trig")
    assert set(a.quads((None, None, None, None))) == set(b.quads((None, None, None, None)))


# ------------------------------------------------------------------ view

XSS = "<script>alert(1)</script>"


def test_view_escapes_text_from_documents(tmp_path, run_cli):
    corpus, store, page = tmp_path / "corpus", tmp_path / "store", tmp_path / "view.html"
    corpus.mkdir()
    (corpus / "xss.txt").write_text(
        f"两江新区动态{XSS}\n"
        f"5月8日，两江新区与天府新区签署数字经济合作协议{XSS}，双方将共建跨区域算力调度平台。\n"
        "（来源：测试网）\n", encoding="utf-8")
    assert run_cli("build", corpus, "--store", store).exit_code == 0
    result = run_cli("view", "--focus", "两江新区", "--out", page, "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {page}")
    html = page.read_text(encoding="utf-8")
    assert "alert(1)" in html  # the text did reach the page (escaped) ...
    assert "<script>alert" not in html  # ... but not as markup
    assert "<title>ZoneGraph: 两江新区</title>" in html


@pytest.fixture(scope="module")
def whole_view(sample_store, tmp_path_factory):
    page = tmp_path_factory.mktemp("view") / "all.html"
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["view", "--out", str(page), "--store", str(sample_store.store)])
    assert result.exit_code == 0, result.output
    html = re.sub(r"<!--.*?-->", "", page.read_text(encoding="utf-8"), flags=re.S)
    return result.stdout, html


def test_view_of_the_whole_graph_inlines_the_network_library(whole_view):
    stdout, html = whole_view
    m = re.search(r"\((\d+) nodes, (\d+) edges\)", stdout)
    assert m and int(m.group(1)) > 50 and int(m.group(2)) > 50
    assert "new vis.Network(" in html
    assert len(html) > 300_000  # the library itself is inlined
    scripts = re.findall(r"<script[^>]*\bsrc=[\"']([^\"']+)", html)
    assert not [s for s in scripts if "vis" in s]  # the vis-network code is in the page


def test_view_page_loads_nothing_from_the_network(whole_view):
    _, html = whole_view
    assert not re.search(r"<(?:script|link)\b[^>]*\b(?:src|href)=[\"']https?://", html)


def test_view_unknown_focus_is_an_error(sample_store, run_cli, tmp_path):
    result = run_cli("view", "--focus", "不存在的新区名称", "--out", tmp_path / "v.html",
                     "--store", sample_store.store)
    _assert_one_line_error(result, "不存在的新区名称")
    assert not (tmp_path / "v.html").exists()


# ------------------------------------------------------------------ build errors

GOOD = """舟山群岛新区推进绿色石化基地建设
6月3日，浙江舟山群岛新区召开绿色石化产业推进会，部署下半年重点工作。
（来源：舟山新区官网）
"""


def test_bad_files_are_reported_and_skipped_good_file_built(store_copy, tmp_path, run_cli):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a_empty.txt").write_bytes(b"")
    (corpus / "b_binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "c_good.txt").write_text(GOOD, encoding="utf-8")

    result = run_cli("build", corpus, "--store", store_copy)
    assert result.exit_code == 1
    lines = _error_lines(result)
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"error: {corpus / 'a_empty.txt'}: ")
    assert "empty" in lines[0]
    assert lines[1].startswith(f"error: {corpus / 'b_binary.txt'}: ")
    assert "Traceback" not in result.output
    assert "documents: 1 built, 0 unchanged, 2 failed" in result.stdout

    with GraphStore(store_copy, read_only=True) as gs:
        names = sorted(d.file_name for d in gs.documents())
    assert names == sorted(["c_good.txt", "jiangbei_brief.docx", "newsletter_2023_q3.txt",
                            "newsletter_2024_q1.txt", "tianfu_news.html", "xiongan_report.pdf"])


def test_build_of_nothing_readable_is_an_error(tmp_path, run_cli):
    (tmp_path / "empty_dir").mkdir()
    _assert_one_line_error(run_cli("build", tmp_path / "empty_dir", "--store", tmp_path / "s"),
                           "no input files")


def test_build_with_unknown_out_format_is_an_error(tmp_path, run_cli):
    src = tmp_path / "good.txt"
    src.write_text(GOOD, encoding="utf-8")
    _assert_one_line_error(run_cli("build", src, "--store", tmp_path / "s", "--out",
                                   tmp_path / "graph.xml"), "graph.xml")


@pytest.mark.parametrize("command", [["stats"], ["validate"], ["query", ZONE_QUERY],
                                     ["export", "--out", "x.ttl"], ["view", "--out", "x.html"],
                                     ["remove", "a.txt"], ["build", str(SAMPLES / "tianfu_news.html")]])
def test_store_path_that_is_a_file_is_a_one_line_error(tmp_path, run_cli, command, monkeypatch):
    monkeypatch.chdir(tmp_path)
    not_a_store = tmp_path / "store.txt"
    not_a_store.write_text("not a store", encoding="utf-8")
    result = run_cli(*command, "--store", not_a_store)
    _assert_one_line_error(result, str(not_a_store), "not a directory")


def test_missing_store_for_reading_is_a_one_line_error(tmp_path, run_cli):
    _assert_one_line_error(run_cli("stats", "--store", tmp_path / "nowhere"), "zonegraph build")


def test_store_from_environment_variable(sample_store, run_cli, monkeypatch):
    monkeypatch.setenv("ZONEGRAPH_STORE", str(sample_store.store))
    result = run_cli("stats")
    assert result.exit_code == 0, result.output
    assert "documents: 5" in result.stdout


# ------------------------------------------------------------------ help and docs

COMMANDS = sorted(cli.commands)


def test_the_documented_commands_exist():
    assert set(COMMANDS) >= {"build", "export", "query", "remove", "stats", "validate", "view"}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run_cli, command):
    result = run_cli(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"zonegraph {command}" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    readme = REPO / "README.md"
    assert readme.exists()
    assert f"`zonegraph {command}" in readme.read_text(encoding="utf-8")


def test_installed_console_script_runs(tmp_path):
    exe = Path(sys.executable).with_name("zonegraph")
    if not exe.exists():
        exe = shutil.which("zonegraph")
    assert exe, "the zonegraph console script is not installed"
    proc = subprocess.run([str(exe), "stats", "--store", str(tmp_path / "none")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and "zonegraph" in version.stdout
