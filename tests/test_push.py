"""``zonegraph push`` and ``zonegraph query --endpoint`` against a real Oxigraph server.

The server is ``oxigraph serve`` from the PyPI package ``oxigraph`` (a test dependency),
started on a free 127.0.0.1 port with the default graph as the union of the named
graphs — the set-up the README gives for a shared server — and stopped afterwards.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from zonegraph.errors import QueryError
from zonegraph.sparql.named import get_named_query, load_named_queries
from zonegraph.sparql.remote import EndpointError, graph_store_url, push
from zonegraph.sparql.run import QueryTarget, open_read_only, run_named, run_sparql

LIBRARY = load_named_queries()


class OxigraphServer:
    def __init__(self, root: Path):
        exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
        if not Path(exe).exists():
            if os.environ.get("CI"):
                pytest.fail("the oxigraph server binary is missing (pip install '.[test]')")
            pytest.skip("no `oxigraph` binary: pip install oxigraph (in the test extras)")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [exe, "serve", "--location", str(root), "--bind", f"127.0.0.1:{self.port}",
             # the server's own limit ends the runaway query a client gave up on
             "--union-default-graph", "--timeout-s", "10"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{self.base}/query?query=ASK%7B%7D", timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError):
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("oxigraph serve did not start")
                time.sleep(0.1)

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    def quads(self) -> set[tuple[str, str, str, str]]:
        _, rows = run_sparql(QueryTarget(endpoint=self.query_url),
                             "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return {tuple(str(t) for t in row) for row in rows}

    def update(self, sparql: str) -> None:
        data = urllib.parse.urlencode({"update": sparql}).encode()
        urllib.request.urlopen(urllib.request.Request(f"{self.base}/update", data=data), timeout=30)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-server"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def pushed(oxigraph, sample_store):
    """The sample store pushed once (the first push's report)."""
    return push(open_read_only(sample_store.store), oxigraph.store_url)


def local_quads(store_path: Path) -> set[tuple[str, str, str, str]]:
    store = open_read_only(store_path)
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
            for q in store.quads_for_pattern(None, None, None, None)
            if not isinstance(q.graph_name, ox.DefaultGraph)}


# ------------------------------------------------------------------ push

def test_push_sends_one_named_graph_per_document(pushed, oxigraph, sample_store):
    assert sorted(name for name, _, _ in pushed.graphs) == [
        "jiangbei_brief.docx", "newsletter_2023_q3.txt", "newsletter_2024_q1.txt",
        "tianfu_news.html", "xiongan_report.pdf"]
    assert all(g.startswith("https://w3id.org/zonegraph/graph/") for _, g, _ in pushed.graphs)
    assert oxigraph.quads() == local_quads(sample_store.store)
    assert pushed.triples == len(local_quads(sample_store.store))


def test_pushing_twice_changes_nothing(pushed, oxigraph, sample_store):
    before = oxigraph.quads()
    again = push(open_read_only(sample_store.store), oxigraph.store_url)
    assert again.graphs == pushed.graphs
    assert oxigraph.quads() == before


def test_push_replaces_what_a_document_sent_before(pushed, oxigraph, sample_store):
    graph = pushed.graphs[0][1]
    stale = ("<https://w3id.org/zonegraph/id/enterprise/stale>",
             "<http://www.w3.org/2000/01/rdf-schema#label>", '"已删除的旧说法"', f"<{graph}>")
    oxigraph.update(f"INSERT DATA {{ GRAPH <{graph}> {{ {' '.join(stale[:3])} }} }}")
    assert stale in oxigraph.quads()
    push(open_read_only(sample_store.store), oxigraph.store_url)
    assert stale not in oxigraph.quads()
    assert oxigraph.quads() == local_quads(sample_store.store)


def test_push_command(pushed, oxigraph, sample_store, run_cli):
    result = run_cli("push", "--endpoint", oxigraph.store_url, "--store", sample_store.store)
    assert result.exit_code == 0, result.output
    assert "sent newsletter_2023_q3.txt:" in result.stdout
    assert f"pushed 5 document graph(s), {pushed.triples} triples" in result.stdout


def test_push_errors_are_one_line(sample_store, run_cli, oxigraph):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    for endpoint, words in [(f"http://127.0.0.1:{port}/store", "cannot reach"),
                            ("ftp://example.org/store", "not an http(s) URL"),
                            (f"{oxigraph.base}/nothing-here", "answered 404")]:
        result = run_cli("push", "--endpoint", endpoint, "--store", sample_store.store)
        assert result.exit_code == 1, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], lines


def test_graph_store_url():
    assert graph_store_url("http://h/store", "https://g/1") == "http://h/store?graph=https%3A%2F%2Fg%2F1"
    assert graph_store_url("http://h/ds/data?x=1", "g").endswith("?x=1&graph=g")


# ------------------------------------------------------------------ queries at the endpoint

@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_named_queries_give_the_same_rows_remotely(pushed, oxigraph, sample_store, name):
    nq = get_named_query(name, LIBRARY)

    def rows(target):
        variables, terms = run_named(target, nq, nq.example_params)
        return variables, sorted(tuple(str(t) for t in row) for row in terms)

    local = rows(QueryTarget(store=sample_store.store))
    remote = rows(QueryTarget(endpoint=oxigraph.query_url))
    assert remote == local and local[1]


def test_plain_query_with_predeclared_prefixes_and_params(pushed, oxigraph, run_cli):
    result = run_cli("query", "--endpoint", oxigraph.query_url, "--format", "csv", "--param",
                     "n=两江新区", "SELECT DISTINCT ?e ?n WHERE { ?e skos:altLabel ?a FILTER (STR(?a) = ?n) }")
    assert result.exit_code == 0, result.output
    # DISTINCT: Oxigraph's union default graph repeats a triple once per graph holding it
    assert result.stdout.splitlines() == ["e,n", "https://w3id.org/zonegraph/id/zone/liangjiang,两江新区"]


def test_remote_ask_and_construct(pushed, oxigraph):
    target = QueryTarget(endpoint=oxigraph.query_url)
    assert run_sparql(target, "ASK { ?z a zg:Zone }") is True
    triples = run_sparql(target, "CONSTRUCT { ?z a zg:Zone } WHERE { ?z a zg:Zone }")
    assert len(triples) == 8


def test_remote_named_query_from_the_command_line(pushed, oxigraph, run_cli):
    result = run_cli("query", "--endpoint", oxigraph.query_url, "--named", "zone-partners",
                     "--param", "zone=两江新区", "--format", "tsv")
    assert result.exit_code == 0, result.output
    assert "四川天府新区" in result.stdout


def test_remote_errors(pushed, oxigraph):
    target = QueryTarget(endpoint=oxigraph.query_url)
    with pytest.raises(QueryError, match="the endpoint refused the query"):
        run_sparql(target, "SELECT ?x WHERE {")
    with pytest.raises(QueryError, match="no entity is called '两江'"):
        run_named(target, get_named_query("zone-partners", LIBRARY), {"zone": "两江"})
    hostile = '两江新区" } UNION { ?zone ?p ?o } #'
    with pytest.raises(QueryError, match="no entity is called"):
        run_named(target, get_named_query("zone-partners", LIBRARY), {"zone": hostile})
    with pytest.raises(EndpointError, match="not an http"):
        run_sparql(QueryTarget(endpoint="file:///etc/passwd"), "ASK {}")


def test_find_at_the_endpoint(pushed, oxigraph, run_cli):
    result = run_cli("find", "两江新区", "--endpoint", oxigraph.query_url, "--format", "tsv")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[1].split("\t")
    assert first[:3] == ["exact", "重庆两江新区", "Zone"]


def test_remote_timeout_is_reported(pushed, oxigraph):  # last: the server keeps computing
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"timed out after 0\.5 s"):
        run_sparql(QueryTarget(endpoint=oxigraph.query_url, timeout=0.5),
                   "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert time.monotonic() - started < 10
