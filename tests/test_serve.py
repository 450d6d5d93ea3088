"""``zonegraph serve``: the SPARQL 1.1 Protocol endpoint, its limits, and the browser page.

Servers run on 127.0.0.1 with a port the OS picks, on the session's sample store (read
only) or on a tiny store made here whose labels try to inject HTML. The browser tests
use headless Chromium (``make test`` installs it); they skip, saying so, only where no
Chromium is installed.
"""
from __future__ import annotations

import csv
import gc
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest

from zonegraph.sparql.named import load_named_queries
from zonegraph.sparql.serve import ServeSettings, parse_accept, serve_in_thread

ZONES = "SELECT ?zone ?name WHERE { ?zone a zg:Zone ; rdfs:label ?name } ORDER BY ?name"
ZONE_GRAPH = "CONSTRUCT { ?zone a zg:Zone ; rdfs:label ?name } WHERE { ?zone a zg:Zone ; rdfs:label ?name }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LIANGJIANG = "https://w3id.org/zonegraph/id/zone/liangjiang"


class Endpoint:
    """A running server and a small HTTP client for it (errors are answers, not raised)."""

    def __init__(self, settings: ServeSettings):
        self.server, self.thread = serve_in_thread(settings)
        self.url = self.server.url.rstrip("/")

    def request(self, path: str, data: bytes | None = None, headers: dict | None = None,
                method: str | None = None, timeout: float = 60):
        req = urllib.request.Request(self.url + path, data=data, headers=headers or {},
                                     method=method)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read()

    def get(self, query: str, accept: str | None = None, **params):
        qs = urllib.parse.urlencode({"query": query, **params})
        return self.request(f"/sparql?{qs}", headers={"Accept": accept} if accept else {})

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def endpoint(sample_store):
    ep = Endpoint(ServeSettings(store=sample_store.store, port=0, timeout=10,
                                max_bytes=200_000, workers=2, quiet=True))
    yield ep
    ep.stop()


def _rows(body: bytes, fmt) -> set[tuple[str, ...]]:
    return {tuple(str(row[v]) for v in ("zone", "name"))
            for row in ox.parse_query_results(body, fmt)}


# ------------------------------------------------------------------ protocol

def test_get_returns_sparql_json(endpoint):
    status, headers, body = endpoint.get(ZONES)
    assert status == 200
    assert headers["Content-Type"] == "application/sparql-results+json"
    data = json.loads(body)
    assert data["head"]["vars"] == ["zone", "name"]
    names = {b["name"]["value"] for b in data["results"]["bindings"]}
    assert "重庆两江新区" in names and len(names) == 8


@pytest.mark.parametrize("accept, fmt", [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_result_formats_by_accept(endpoint, accept, fmt):
    status, headers, body = endpoint.get(ZONES, accept)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == accept
    reference = _rows(endpoint.get(ZONES)[2], ox.QueryResultsFormat.JSON)
    assert _rows(body, fmt) == reference and len(reference) == 8


def test_csv_results(endpoint):
    status, headers, body = endpoint.get(ZONES, "text/csv")
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8"
    table = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert table[0] == ["zone", "name"]
    assert [LIANGJIANG, "重庆两江新区"] in table


def test_accept_quality_values_choose_the_format(endpoint):
    _, headers, _ = endpoint.get(ZONES, "text/csv;q=0.2, application/sparql-results+xml;q=0.9")
    assert headers["Content-Type"].startswith("application/sparql-results+xml")
    assert parse_accept("a/b;q=0.5, c/d, e/f;q=0") == ["c/d", "a/b"]


def test_post_query_and_form(endpoint):
    reference = endpoint.get(ZONES)[2]
    direct = endpoint.request("/sparql", ZONES.encode(), {"Content-Type": "application/sparql-query"})
    form = endpoint.request("/sparql", urllib.parse.urlencode({"query": ZONES}).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})
    assert direct[0] == form[0] == 200
    assert direct[2] == form[2] == reference
    status, _, body = endpoint.request("/sparql", b"x", {"Content-Type": "text/plain"})
    assert status == 415 and body.startswith(b"error: ")


def test_ask(endpoint):
    status, _, body = endpoint.get("ASK { ?z a zg:Zone }")
    assert status == 200 and json.loads(body)["boolean"] is True


@pytest.mark.parametrize("accept, fmt", [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
])
def test_construct_as_rdf(endpoint, accept, fmt):
    status, headers, body = endpoint.get(ZONE_GRAPH, accept)
    assert status == 200 and headers["Content-Type"].split(";")[0] == accept
    triples = list(ox.parse(body, fmt))
    assert len(triples) == 16  # 8 zones × (type, label)
    assert ox.Literal("重庆两江新区", language="zh-Hans") in {t.object for t in triples}


def test_describe_defaults_to_turtle(endpoint):
    status, headers, body = endpoint.get(f"DESCRIBE <{LIANGJIANG}>")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert any(str(t.object) == '"重庆两江新区"@zh-hans' for t in ox.parse(body, ox.RdfFormat.TURTLE))


def test_graph_result_in_a_results_format_is_not_acceptable(endpoint):
    status, _, body = endpoint.get(ZONE_GRAPH, "text/csv")
    assert status == 406 and b"text/turtle" in body


def test_format_parameter_for_download_links(endpoint):
    status, headers, body = endpoint.get(ZONES, format="csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert "attachment" in headers["Content-Disposition"]
    assert endpoint.get(ZONES, format="pdf")[0] == 400


def test_named_and_default_graph_parameters(endpoint, sample_store):
    from zonegraph.store.graph_store import GraphStore

    with GraphStore(sample_store.store, read_only=True) as gs:
        doc = next(d for d in gs.documents() if d.file_name == "jiangbei_brief.docx")
    graph = f"https://w3id.org/zonegraph/graph/{doc.sha256}"
    status, _, body = endpoint.get(ZONES, **{"default-graph-uri": graph})
    names = {b["name"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert status == 200 and names == {"南京江北新区", "上海浦东新区"}  # the docx names these two


# ------------------------------------------------------------------ refusals

def _triples(endpoint) -> int:
    body = endpoint.get("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[2]
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("how", ["update-body", "update-form", "update-get", "update-as-query"])
def test_updates_are_refused(endpoint, how):
    before = _triples(endpoint)
    update = f"INSERT DATA {{ <{LIANGJIANG}> <http://example.org/p> 'x' }}"
    if how == "update-body":
        status, _, body = endpoint.request("/sparql", update.encode(),
                                           {"Content-Type": "application/sparql-update"})
    elif how == "update-form":
        status, _, body = endpoint.request("/sparql", urllib.parse.urlencode({"update": update}).encode(),
                                           {"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "update-get":
        status, _, body = endpoint.request("/sparql?" + urllib.parse.urlencode({"update": update}))
    else:
        status, _, body = endpoint.get(update)
    assert status == 403 and b"read-only" in body
    assert _triples(endpoint) == before


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_graph_store_writes_are_refused(endpoint, method):
    status, headers, _ = endpoint.request("/sparql", b"", method=method)
    assert status == 405 and "POST" in headers["Allow"]


def test_service_is_refused_before_it_runs(endpoint):
    status, _, body = endpoint.get("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 403 and b"SERVICE" in body
    # the word in a string or a comment is not a SERVICE clause
    status, _, _ = endpoint.get('SELECT ("SERVICE" AS ?x) WHERE { } # SERVICE <http://x/>')
    assert status == 200


def test_syntax_error_is_one_line_with_position(endpoint):
    status, headers, body = endpoint.get("SELECT ?x WHERE {\n  ?x ?y }")
    text = body.decode()
    assert status == 400 and headers["Content-Type"].startswith("text/plain")
    assert text.startswith("error: malformed query at line 2, column") and text.count("\n") == 1


def test_results_over_the_cap_are_refused_not_truncated(endpoint):
    status, _, body = endpoint.get("SELECT * WHERE { ?s ?p ?o }")
    assert status == 400 and b"larger than the cap of 200000 bytes" in body
    assert endpoint.get("SELECT * WHERE { ?s ?p ?o } LIMIT 10")[0] == 200


def test_requests_for_other_hosts_are_refused(endpoint):
    port = endpoint.server.server_address[1]
    assert endpoint.request("/", headers={"Host": "evil.example"})[0] == 403
    assert endpoint.request("/", headers={"Host": f"localhost:{port}"})[0] == 200
    assert endpoint.request("/", headers={"Host": f"127.0.0.1:{port}"})[0] == 200


def test_binds_to_loopback_unless_told_otherwise(endpoint):
    from zonegraph.cli.main import cli

    assert ServeSettings(store=Path(".")).host == "127.0.0.1"
    host = next(p for p in cli.commands["serve"].params if p.name == "host")
    assert host.default == "127.0.0.1"
    assert endpoint.server.server_address[0] == "127.0.0.1"
    # no CORS: another site's page cannot read answers
    assert "Access-Control-Allow-Origin" not in endpoint.get(ZONES)[1]


def test_unknown_paths(endpoint):
    assert endpoint.request("/nope")[0] == 404
    status, _, body = endpoint.request("/sparql")
    assert status == 400 and b"no query" in body


def test_named_queries_through_this_endpoint_match_the_store(endpoint, sample_store):
    from zonegraph.sparql.named import get_named_query
    from zonegraph.sparql.run import QueryTarget, run_named

    nq = get_named_query("relation-evidence")
    here = run_named(QueryTarget(store=sample_store.store), nq, nq.example_params)
    there = run_named(QueryTarget(endpoint=endpoint.url + "/sparql"), nq, nq.example_params)
    assert there[0] == here[0] and sorted(map(str, there[1])) == sorted(map(str, here[1]))


# ------------------------------------------------------------------ limits under load

@pytest.fixture(scope="module")
def strict_endpoint(sample_store):
    ep = Endpoint(ServeSettings(store=sample_store.store, port=0, timeout=3, workers=2, quiet=True))
    yield ep
    ep.stop()


def test_runaway_query_times_out_while_others_are_answered(strict_endpoint):
    ep = strict_endpoint
    with ThreadPoolExecutor(max_workers=9) as pool:
        started = time.monotonic()
        slow = pool.submit(ep.get, RUNAWAY)
        time.sleep(0.3)  # the runaway holds one of the two workers
        quick = [pool.submit(ep.get, ZONES) for _ in range(8)]
        answers = [f.result() for f in quick]
        quick_done = time.monotonic() - started
        status, _, body = slow.result()
    assert status == 503 and body.decode().strip() == "error: query timed out after 3 s"
    assert all(a[0] == 200 for a in answers)
    assert len({a[2] for a in answers}) == 1
    assert quick_done < 2.5, "quick queries did not wait for the runaway one"
    # the killed worker was replaced: two queries at once still work
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert [f.result()[0] for f in [pool.submit(ep.get, ZONES) for _ in range(2)]] == [200, 200]


# ------------------------------------------------------------------ pages

def test_page_is_self_contained(endpoint):
    status, headers, body = endpoint.request("/")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert page.count(f'nonce="{nonce}"') == 2  # the one style and the one script
    # nothing is loaded from anywhere else
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    examples = json.loads(re.search(r'<script type="application/json" id="examples">(.*?)</script>',
                                    page, re.S).group(1))
    assert [e["name"] for e in examples] == list(load_named_queries())
    partners = next(e for e in examples if e["name"] == "zone-partners")
    # the name in each form it may be stored as: tagged by script, plain, English
    assert 'VALUES (?zoneName) { ("两江新区"@zh-hans) ("两江新区"@zh-hant) ("两江新区")' in partners["sparql"]


@pytest.mark.parametrize("name", sorted(load_named_queries()))
def test_page_examples_run_as_shown(endpoint, name):
    page = endpoint.request("/")[2].decode("utf-8")
    examples = json.loads(re.search(r'id="examples">(.*?)</script>', page, re.S).group(1))
    sparql = next(e for e in examples if e["name"] == name)["sparql"]
    status, _, body = endpoint.get(sparql)
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"], f"{name}: its example finds nothing"


def test_entity_page(endpoint):
    status, headers, body = endpoint.request("/entity?" + urllib.parse.urlencode({"iri": LIANGJIANG}))
    page = body.decode("utf-8")
    assert status == 200 and "script-src" in headers["Content-Security-Policy"]
    assert "<h1>重庆两江新区</h1>" in page
    assert "<dd>重庆两江新区</dd>" not in page  # its zh-Hans prefLabel is the label, shown once
    assert "两江新区" in page  # its alias
    assert "<dt>English name</dt><dd>Chongqing Liangjiang New Area</dd>" in page
    assert 'href="/entity?iri=https%3A%2F%2Fw3id.org%2Fzonegraph%2Fid%2Fzone%2Ftianfu"' in page
    # evidence sentence and its article (newsletter_2023_q3.txt)
    assert "会上，两江新区与天府新区签署战略合作框架协议" in page
    assert "newsletter_2023_q3.txt" in page
    assert "Articles that mention it" in page


def test_entity_page_errors(endpoint):
    assert endpoint.request("/entity?iri=not%20an%20iri")[0] == 400
    assert endpoint.request("/entity?iri=https%3A%2F%2Fexample.org%2Fnothing")[0] == 404


# ------------------------------------------------------------------ hostile text

HOSTILE_LABEL = '<script>window.pwned=1</script>&amp; <b>bold</b>'
HOSTILE_SENTENCE = '<img src=x onerror="window.pwned=2">与安全新区合作'


@pytest.fixture(scope="module")
def hostile_endpoint(tmp_path_factory):
    """A store whose texts are HTML: every page must show them as text."""
    path = tmp_path_factory.mktemp("hostile") / "store"
    zg, rdf = "https://w3id.org/zonegraph/ontology#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    n = ox.NamedNode
    evil, zone = n("https://w3id.org/zonegraph/id/enterprise/evil"), n(LIANGJIANG)
    ev = n("https://w3id.org/zonegraph/id/evidence/evil")
    graph = n("https://w3id.org/zonegraph/graph/" + "0" * 64)
    triples = [(evil, n(rdf + "type"), n(zg + "Enterprise")), (evil, n(rdfs + "label"), ox.Literal(HOSTILE_LABEL)),
               (zone, n(rdf + "type"), n(zg + "Zone")), (zone, n(rdfs + "label"), ox.Literal("安全新区")),
               (evil, n(zg + "cooperatesWith"), zone), (ev, n(rdf + "type"), n(zg + "Evidence")),
               (ev, n(rdf + "subject"), evil), (ev, n(rdf + "predicate"), n(zg + "cooperatesWith")),
               (ev, n(rdf + "object"), zone), (ev, n(zg + "sentence"), ox.Literal(HOSTILE_SENTENCE))]
    store = ox.Store(str(path))
    store.extend([ox.Quad(*t, g) for t in triples for g in (graph, ox.DefaultGraph())])
    store.flush()
    del store
    gc.collect()
    ep = Endpoint(ServeSettings(store=path, port=0, timeout=10, workers=1, quiet=True))
    yield ep
    ep.stop()


def test_entity_page_escapes_document_text(hostile_endpoint):
    page = hostile_endpoint.request("/entity?" + urllib.parse.urlencode(
        {"iri": "https://w3id.org/zonegraph/id/enterprise/evil"}))[2].decode("utf-8")
    assert "<script>window" not in page and "<img" not in page and "<b>bold" not in page
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;&amp;amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "&lt;img src=x onerror=&quot;window.pwned=2&quot;&gt;" in page


# ------------------------------------------------------------------ in a real browser

def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("no headless Chromium: `make test` installs it (apt-get install chromium)")
    return exe


def render(url: str, screenshot: Path | None = None) -> str:
    """The DOM of ``url`` after its scripts ran (fetches included), via headless Chromium."""
    exe = _chromium()
    with tempfile.TemporaryDirectory() as profile:
        args = [exe, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--disable-extensions",
                f"--user-data-dir={profile}", "--virtual-time-budget=10000",
                "--window-size=1280,900"]
        if screenshot is not None:
            subprocess.run(args + [f"--screenshot={screenshot}", url], capture_output=True,
                           timeout=120, check=False)
        proc = subprocess.run(args + ["--dump-dom", url], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    return proc.stdout.decode("utf-8")


def test_browser_runs_a_named_query_and_links_entities(endpoint, tmp_path):
    shot = tmp_path / "page.png"
    dom = render(endpoint.url + "/?example=zone-partners&run=1", screenshot=shot)
    status = re.search(r'<div id="status"[^>]*>(.*?)</div>', dom, re.S).group(1)
    assert re.fullmatch(r"\d+ rows? in [\d.]+ s", status), status
    assert "<th>partnerName</th>" in dom
    assert '<td title="@zh-hans">四川天府新区</td>' in dom  # a tagged name shows its tag on hover
    assert '<a href="/entity?iri=https%3A%2F%2Fw3id.org%2Fzonegraph%2Fid%2Fzone%2Ftianfu"' in dom
    assert 'VALUES (?zoneName)' in dom  # the editor shows the query it ran
    assert shot.exists() and shot.stat().st_size > 10_000
    # and CSV/TSV/JSON download links for the same query
    assert re.search(r'<a href="/sparql\?query=[^"]+&amp;format=csv">CSV</a>', dom)


def test_browser_shows_errors_and_entity_pages(endpoint):
    dom = render(endpoint.url + "/?" + urllib.parse.urlencode({"query": "SELECT ?x WHERE {"}))
    assert re.search(r'<div id="status"[^>]*class="error"[^>]*>error: malformed query at line 1',
                     dom), dom[-3000:]
    dom = render(endpoint.url + "/entity?" + urllib.parse.urlencode({"iri": LIANGJIANG}))
    assert "<h1>重庆两江新区</h1>" in dom and "四川天府新区</a>" in dom


def test_browser_shows_hostile_labels_as_text(hostile_endpoint):
    query = "SELECT ?e ?label WHERE { ?e rdfs:label ?label }"
    dom = render(hostile_endpoint.url + "/?" + urllib.parse.urlencode({"query": query}))
    assert "2 rows" in dom
    table = re.search(r'<div id="results">(.*)</div>', dom, re.S).group(1)
    assert "<script>" not in table and "<b>" not in table
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;&amp;amp; &lt;b&gt;bold&lt;/b&gt;" in table
    assert "pwned" not in re.sub(r"&lt;script&gt;window\.pwned=1", "", table)


# ------------------------------------------------------------------ the command

def test_serve_command(sample_store):
    exe = Path(sys.executable).with_name("zonegraph")
    proc = subprocess.Popen([str(exe), "serve", "--store", str(sample_store.store), "--port", "0",
                             "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        line = proc.stdout.readline()
        url = re.search(r"at (http://127\.0\.0\.1:\d+/)", line).group(1)
        with urllib.request.urlopen(url + "sparql?" + urllib.parse.urlencode({"query": ZONES}),
                                    timeout=60) as resp:
            assert len(json.loads(resp.read())["results"]["bindings"]) == 8
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_command_errors(tmp_path, run_cli):
    result = run_cli("serve", "--store", tmp_path / "none")
    assert result.exit_code == 1 and result.stderr.startswith("error: ")
    assert "no graph store" in result.stderr
