"""Hostile documents and hostile visitors: document text never runs as code in any page
ZoneGraph writes, documents never make ZoneGraph read other files, and ``serve`` lets a
visitor read the graph and nothing more.

The hostile texts are written for these tests. Pages are loaded in headless Chromium
(``zonegraph.views.browser``; ``make browser`` installs it) and clicked through; every payload
would set ``window.__zgPwned`` if it ran.
"""
from __future__ import annotations

import http.client
import http.server
import io
import re
import socket
import socketserver
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from zonegraph.cli.main import cli
from zonegraph.ingest.read import read_document

from conftest import _share_extractor

# ------------------------------------------------------------------ hostile documents

FLAG = "__zgPwned"
PAYLOADS = {
    "script": f"<script>window.{FLAG}='script'</script>",
    "img": f"\"><img src=x onerror=\"window.{FLAG}='img'\">",
    "svg": f"'><svg onload=window.{FLAG}='svg'>",
    "link": f"javascript:window.{FLAG}='link'",
}
HOSTILE_TEXT = (
    f"两江新区动态{PAYLOADS['script']}\n"
    f"2024年5月8日，重庆两江新区与四川天府新区签署数字经济合作协议{PAYLOADS['img']}，"
    "双方将共建跨区域算力调度平台。\n"
    f"两江新区管委会印发《两江新区{PAYLOADS['script']}产业发展规划》和《关于支持“{PAYLOADS['img']}”"
    f"产业发展的若干政策》，详见{PAYLOADS['link']}。\n"
    f"两江新区与“{PAYLOADS['svg']}”科技有限公司签署战略合作协议，共建人工智能创新中心。\n"
    f"（来源：{PAYLOADS['script']}测试网）\n")
HOSTILE_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><meta name='date' content='2024-06-01'>"
    f"<title>天府新区新闻 &lt;script&gt;window.{FLAG}='title'&lt;/script&gt;</title></head><body>"
    "<article><h1>天府新区与两江新区深化合作</h1>"
    f"<p>6月1日，四川天府新区与重庆两江新区签署协同发展合作协议 &quot;&gt;&lt;img src=x "
    f"onerror=window.{FLAG}='page'&gt;，双方将共建成渝地区双城经济圈产业合作示范园。"
    f"<a href=\"javascript:window.{FLAG}='href'\" title='\"><img src=x onerror=window.{FLAG}=1>'>"
    "详情</a></p></article></body></html>")
#: A file name that is itself markup (allowed on Linux), shown wherever documents are listed.
HOSTILE_NAME = f"<img src=x onerror=window.{FLAG}='file'>.txt"


class HostileStore:
    def __init__(self, root: Path):
        self.root = root
        self.store = root / "store"
        self.pages: dict[str, Path] = {}


@pytest.fixture(scope="module")
def hostile(extractor, tmp_path_factory) -> HostileStore:
    """The hostile documents built through the real pipeline, and every page made from them."""
    h = HostileStore(tmp_path_factory.mktemp("hostile"))
    corpus = h.root / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (corpus / "hostile.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    (corpus / HOSTILE_NAME).write_text(HOSTILE_TEXT.replace("5月8日", "5月9日"), encoding="utf-8")
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp:
        _share_extractor(mp, extractor)

        def run(*args):
            result = runner.invoke(cli, [*map(str, args), "--store", str(h.store)])
            assert result.exit_code == 0, result.output
            return result

        run("build", corpus)
        for name, extra in [("view", []), ("focus", ["--focus", "两江新区", "--depth", "2"]),
                            ("cooperation", ["--cooperation"])]:
            h.pages[name] = h.root / f"{name}.html"
            run("view", *extra, "--out", h.pages[name])
        run("snapshot", "--as-of", "2099-12-31", "--out", h.root / "snapshot")
    h.pages["report"] = h.root / "snapshot" / "report.html"
    h.pages["snapshot-view"] = h.root / "snapshot" / "view.html"
    return h


def _literals(store: Path) -> list[str]:
    from zonegraph.store.access import open_read_only

    import pyoxigraph as ox

    return [q.object.value for q in open_read_only(store).quads_for_pattern(None, None, None, None)
            if isinstance(q.object, ox.Literal)]


def test_the_payloads_reach_the_graph_as_plain_text(hostile):
    """Otherwise the page tests below would prove nothing."""
    literals = "\n".join(_literals(hostile.store))
    for payload in (PAYLOADS["script"], PAYLOADS["img"], PAYLOADS["link"], HOSTILE_NAME):
        assert payload in literals, payload


@pytest.mark.parametrize("name", ["view", "focus", "cooperation", "report", "snapshot-view"])
def test_pages_hold_document_text_only_escaped(hostile, name):
    html = hostile.pages[name].read_text(encoding="utf-8")
    assert FLAG in html, "the hostile text is on the page"
    for raw in ("<script>window.", "<img src=x", "<svg onload", "href=\"javascript:", "href='javascript:"):
        assert raw not in html, raw


def test_markdown_report_does_not_pass_markup_through(hostile):
    report = (hostile.root / "snapshot" / "report.md").read_text(encoding="utf-8")
    assert "<script>window." not in report and "<img src=x" not in report


# ------------------------------------------------------------------ in a browser

@pytest.fixture(scope="module")
def browser():
    from zonegraph.views.browser import Browser, find_chromium

    if find_chromium() is None:
        pytest.skip("no headless Chromium: `make browser` installs it")
    with Browser() as b:
        yield b


INERT = f"""(() => {{
  const bad = [];
  if (window.{FLAG} !== undefined) bad.push("payload ran: " + window.{FLAG});
  for (const e of document.querySelectorAll("*")) {{
    for (const a of e.attributes) {{
      if (/^on/i.test(a.name)) bad.push("handler " + e.tagName + "." + a.name);
      if (/^\\s*javascript:/i.test(a.value)) bad.push("javascript: in " + e.tagName + "." + a.name);
    }}
  }}
  for (const s of document.scripts) if (s.textContent.trim().startsWith("window.{FLAG}")) bad.push("script element");
  for (const i of document.images) if (i.getAttribute("src") === "x") bad.push("injected img");
  return bad;
}})()"""


def _assert_inert(page) -> None:
    assert page.evaluate(INERT) == []
    exceptions = [e for e in page.errors if e.startswith("exception")]
    assert not exceptions, exceptions


def _hover_and_click_every_node(page) -> int:
    """Real mouse events on each node (vis shows its tooltip, the panel opens), then a
    click on every edge; returns how many nodes were visited."""
    page.wait_for("document.body.dataset.ready === '1'")
    points = page.evaluate("""(() => {
      const net = window.zgNetwork, box = net.canvas.frame.getBoundingClientRect();
      return net.body.nodeIndices.map(id => {
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        return {id: id, x: box.left + p.x, y: box.top + p.y};
      });
    })()""")
    for p in points:
        page.evaluate(f"window.zgNetwork.fit({{nodes: [{p['id']!r}], animation: false}})")
        xy = page.evaluate(f"""(() => {{
          const net = window.zgNetwork, box = net.canvas.frame.getBoundingClientRect();
          const p = net.canvasToDOM(net.getPositions([{p['id']!r}])[{p['id']!r}]);
          return [box.left + p.x, box.top + p.y];
        }})()""")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            page.send("Input.dispatchMouseEvent", {"type": kind, "x": xy[0], "y": xy[1],
                                                   "button": "left", "clickCount": 1})
        page.evaluate("new Promise(r => setTimeout(r, 350))")  # vis's tooltip delay
        _assert_inert(page)
    page.evaluate("""window.zgNetwork.body.data.edges.getIds().forEach(
        id => window.zgNetwork.body.emitter.emit("click", {nodes: [], edges: [id]}))""")
    return len(points)


@pytest.mark.parametrize("name", ["view", "focus", "cooperation", "snapshot-view"])
def test_views_stay_inert_when_every_node_is_hovered_and_clicked(hostile, browser, name):
    page = browser.open(hostile.pages[name])
    try:
        visited = _hover_and_click_every_node(page)
        assert visited >= 2
        _assert_inert(page)
        shown = page.evaluate("document.body.innerText + ' ' + "
                              "[...document.querySelectorAll('.vis-tooltip')].map(e => e.innerText).join(' ')")
        assert "<" in shown and FLAG in shown or name == "cooperation", \
            "the hostile text is shown as text"
    finally:
        page.close()


def test_report_page_is_inert(hostile, browser):
    page = browser.open(hostile.pages["report"])
    try:
        _assert_inert(page)
    finally:
        page.close()


@pytest.fixture(scope="module")
def hostile_server(hostile):
    from zonegraph.sparql.serve import ServeSettings, serve_in_thread

    server, _ = serve_in_thread(ServeSettings(store=hostile.store, port=0, timeout=10, workers=1,
                                              quiet=True))
    yield server
    server.shutdown()
    server.server_close()


def test_serve_pages_are_inert_with_hostile_labels_titles_and_sentences(hostile, hostile_server,
                                                                       browser):
    from zonegraph.store.access import open_read_only

    base = hostile_server.url.rstrip("/")
    listing = ("SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o) && CONTAINS(STR(?o), "
               f"\"{FLAG}\")) }}")
    urls = [base + "/?" + urllib.parse.urlencode({"query": listing, "run": "1"})]
    entities = {r["e"].value for r in open_read_only(hostile.store).query(
        "SELECT DISTINCT ?e WHERE { ?e a ?t ; ?p ?o FILTER(isLiteral(?o) && CONTAINS(STR(?o), \""
        + FLAG + "\")) FILTER(STRSTARTS(STR(?t), STR(zg:))) }",
        prefixes={"zg": "https://w3id.org/zonegraph/ontology#"})}
    assert entities
    urls += [base + "/entity?" + urllib.parse.urlencode({"iri": e}) for e in sorted(entities)]
    for url in urls:
        page = browser.open(url)
        try:
            if "/entity" not in url:  # the query page fetches its results
                page.wait_for(f"document.body.innerText.includes('{FLAG}')")
            _assert_inert(page)
            assert FLAG in page.evaluate("document.body.innerText"), url
        finally:
            page.close()


# ------------------------------------------------------------------ serve over HTTP

class Trap:
    """A local HTTP server that records every request: the endpoint must never call it."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.end_headers()
                self.wfile.write(b'{"head":{"vars":[]},"results":{"bindings":[{}]}}')

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def endpoint(sample_store):
    from zonegraph.sparql.serve import ServeSettings, serve_in_thread

    server, _ = serve_in_thread(ServeSettings(store=sample_store.store, port=0, timeout=10,
                                              workers=1, quiet=True))
    trap = Trap()
    yield server, trap
    trap.close()
    server.shutdown()
    server.server_close()


def _get(server, params: dict, headers: dict | None = None):
    req = urllib.request.Request(server.url + "sparql?" + urllib.parse.urlencode(params),
                                 headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _count(server) -> int:
    import json

    status, body = _get(server, {"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


SERVICE_FORMS = {
    "plain": "SELECT * WHERE {{ ?a ?b ?c . SERVICE <{trap}/plain> {{ ?s ?p ?o }} }} LIMIT 1",
    "lower case": "select * where {{ ?a ?b ?c . service <{trap}/lower> {{ ?s ?p ?o }} }} limit 1",
    "silent, no space after": "SELECT * WHERE{{?a ?b ?c . SERVICE SILENT<{trap}/silent>{{?s ?p ?o}}}}LIMIT 1",
    "in a subquery": "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{trap}/sub> {{ ?s ?p ?o }} }} }} }}",
    "after a comment": "SELECT * WHERE {{ ?a ?b ?c # }}\n . SERVICE <{trap}/comment> {{ ?s ?p ?o }} }}",
    "glued to a dot": "SELECT * WHERE {{ ?a ?b ?c.SERVICE <{trap}/dot> {{ ?s ?p ?o }} }} LIMIT 1",
    "glued to a filter": "SELECT * WHERE {{ ?a ?b ?c FILTER(true).SERVICE <{trap}/filter> {{ ?s ?p ?o }} }}",
}
@pytest.mark.parametrize("form", list(SERVICE_FORMS))
def test_service_is_refused_and_nothing_is_called(endpoint, form):
    server, trap = endpoint
    before = len(trap.hits)
    status, body = _get(server, {"query": SERVICE_FORMS[form].format(trap=trap.url)})
    assert trap.hits[before:] == []
    assert status == 403 and b"SERVICE" in body


@pytest.mark.parametrize("params", [
    {"query": "SELECT * FROM <{trap}/from> WHERE {{ ?s ?p ?o }} LIMIT 1"},
    {"query": "SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1", "default-graph-uri": "{trap}/dgu"},
    {"query": "SELECT * WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT 1", "named-graph-uri": "{trap}/ngu"},
    {"query": "DESCRIBE <{trap}/describe>"},
    {"query": "SELECT * WHERE {{ BIND(IRI(\"{trap}/iri\") AS ?x) ?x ?p ?o }}"},
])
def test_graph_names_and_iris_in_a_query_are_never_fetched(endpoint, params):
    server, trap = endpoint
    before = len(trap.hits)
    status, _ = _get(server, {k: v.format(trap=trap.url) for k, v in params.items()})
    assert status == 200
    assert trap.hits[before:] == []


@pytest.mark.parametrize("update", [
    "insert data { <http://e/s> <http://e/p> 1 }",
    "PREFIX x: <http://e/>\n# a comment\nINSERT DATA { x:s x:p 1 }",
    "LOAD <file:///etc/passwd>",
    "CLEAR ALL",
    "DROP SILENT DEFAULT",
    "WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } ; DELETE WHERE { ?s ?p ?o }",
])
def test_updates_in_any_form_change_nothing(endpoint, update):
    server, _ = endpoint
    before = _count(server)
    for how in ("query", "update"):
        status, _ = _get(server, {how: update})
        assert status in (400, 403), (how, status)
    data = urllib.parse.urlencode({"update": update}).encode()
    req = urllib.request.Request(server.url + "sparql", data=data, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req, timeout=60)
    assert info.value.code == 403
    assert _count(server) == before


def test_oversized_requests_are_refused_without_reading_them(endpoint):
    server, _ = endpoint
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.putrequest("POST", "/sparql")
    conn.putheader("Content-Type", "application/sparql-query")
    conn.putheader("Content-Length", str(64 << 20))  # 64 MB announced, none sent
    conn.endheaders()
    resp = conn.getresponse()
    assert resp.status == 413
    conn.close()
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("GET", "/sparql?query=" + "x" * 200_000)
    assert conn.getresponse().status == 414
    conn.close()
    assert _count(server) > 0  # still answering


def test_serve_listens_on_loopback_only_by_default(sample_store):
    from zonegraph.sparql.serve import ServeSettings, serve_in_thread

    server, _ = serve_in_thread(ServeSettings(store=sample_store.store, port=0, workers=1,
                                              quiet=True))
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        others = [a for a in _own_addresses() if not a.startswith("127.")]
        for address in others:
            with pytest.raises(OSError):
                socket.create_connection((address, port), timeout=2).close()
    finally:
        server.shutdown()
        server.server_close()


def _own_addresses() -> set[str]:
    found = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(info[4][0])
    except OSError:
        pass
    return found


# ------------------------------------------------------------------ files named by documents

@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-1f2e3d", encoding="utf-8")
    return path


def _docx_with(document_xml_edit, rels_edit=None) -> bytes:
    import docx

    buf = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("两江新区召开数字经济推进会，部署下一阶段重点工作。PLACEHOLDER")
    document.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            data = src.read(item).decode("utf-8") if item.filename.endswith((".xml", ".rels")) \
                else src.read(item)
            if item.filename == "word/document.xml":
                data = document_xml_edit(data)
            elif item.filename == "word/_rels/document.xml.rels" and rels_edit:
                data = rels_edit(data)
            z.writestr(item, data)
    return out.getvalue()


def _with_doctype(xml: str, doctype: str) -> str:
    end = xml.index("?>") + 2
    return xml[:end] + doctype + xml[end:]


class FileOpens:
    """Every file Python opens while active (an audit hook: it cannot be removed, so it is
    installed once and switched on and off)."""

    installed = False
    active: list | None = None

    @classmethod
    def record(cls):
        if not cls.installed:
            def hook(event, args):
                if cls.active is not None and event == "open" and isinstance(args[0], (str, Path)):
                    cls.active.append(str(args[0]))
            sys.addaudithook(hook)
            cls.installed = True
        cls.active = []
        return cls

    @classmethod
    def stop(cls) -> list[str]:
        found, cls.active = cls.active, None
        return found


def test_docx_xml_is_parsed_without_external_entities(tmp_path, secret):
    doctype = (f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">'
               f'<!ENTITY % p SYSTEM "file://{secret}"> %p;]>')
    path = tmp_path / "xxe.docx"
    path.write_bytes(_docx_with(lambda x: _with_doctype(x, doctype).replace("PLACEHOLDER", "&xxe;")))
    FileOpens.record()
    try:
        text = read_document(path).text
    except Exception as exc:  # refusing the file is fine too
        text = str(exc)
    opened = FileOpens.stop()
    assert "TOP-SECRET" not in text
    assert str(secret) not in opened


def test_docx_relationships_cannot_point_outside_the_package(tmp_path, secret):
    def rels(xml: str) -> str:
        extra = (f'<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/officeDocument/'
                 f'2006/relationships/image" Target="file://{secret}" TargetMode="External"/>'
                 f'<Relationship Id="rIdX2" Type="http://schemas.openxmlformats.org/officeDocument/'
                 f'2006/relationships/aFChunk" Target="../../../../{secret}"/>')
        return xml.replace("</Relationships>", extra + "</Relationships>")

    path = tmp_path / "rels.docx"
    path.write_bytes(_docx_with(lambda x: x.replace("PLACEHOLDER", ""), rels))
    FileOpens.record()
    try:
        text = read_document(path).text
    except Exception as exc:
        text = str(exc)
    opened = FileOpens.stop()
    assert "TOP-SECRET" not in text
    assert str(secret) not in opened


def test_html_is_parsed_without_external_entities_or_includes(tmp_path, secret):
    page = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            '<html xmlns:xi="http://www.w3.org/2001/XInclude"><head><title>两江新区</title>'
            f'<link rel="stylesheet" href="file://{secret}"><base href="file://{tmp_path}/">'
            '</head><body><p>5月8日，重庆两江新区与四川天府新区签署数字经济合作协议，'
            f'双方将共建跨区域算力调度平台。&xxe;</p><xi:include href="file://{secret}" parse="text"/>'
            f'<iframe src="secret.txt"></iframe><img src="../{secret.name}"></body></html>')
    for name in ("xxe.html", "xxe.xhtml"):
        path = tmp_path / name
        path.write_text(page, encoding="utf-8")
        FileOpens.record()
        text = read_document(path).text
        opened = FileOpens.stop()
        assert "签署数字经济合作协议" in text
        assert "TOP-SECRET" not in text
        assert str(secret) not in opened


def test_paths_named_in_a_document_are_never_opened(tmp_path, secret, run_cli):
    names = [str(secret), f"file://{secret}", "../secret.txt", "secret.txt", "~/.ssh/id_rsa",
             "/etc/passwd", "\\\\server\\share\\secret.txt"]
    text = ("两江新区动态\n" + "".join(
        f"5月{i + 1}日，重庆两江新区与四川天府新区签署《{n}合作协议》，详见{n}。\n" for i, n in enumerate(names))
        + "（来源：测试网）\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "paths.txt").write_text(text, encoding="utf-8")
    FileOpens.record()
    result = run_cli("build", corpus, "--store", tmp_path / "store")
    opened = FileOpens.stop()
    assert result.exit_code == 0, result.output
    named = {str(secret), "/etc/passwd", str(Path("~/.ssh/id_rsa").expanduser())}
    assert not [p for p in opened if p in named or p.endswith("secret.txt")]
    assert re.search("TOP-SECRET", "\n".join(_literals(tmp_path / "store"))) is None
