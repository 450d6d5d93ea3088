"""``zonegraph serve``: a read-only SPARQL 1.1 Protocol endpoint and a browser page.

* ``/sparql`` — GET ``?query=`` or POST (``application/sparql-query`` or a form with
  ``query=``); answers negotiated by ``Accept`` (or ``?format=``): SPARQL results as
  JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE graphs as Turtle, N-Triples or JSON-LD.
* ``/`` — the query page (``resources/sparql.html``: no CDN, no external request), with
  the named queries as examples; ``/entity?iri=…`` — one entity's page (``entity_page``).

Why it is safe to leave running on a laptop:

* read-only — the store is opened read-only, SPARQL Update (``update=``,
  ``application/sparql-update``, or an update sent as a query) is refused with 403;
* no outbound traffic — a query with ``SERVICE`` is refused with 403 before it runs;
* bounded — each query runs in a worker process (``sparql_worker.WorkerPool``) that is
  killed after ``timeout`` seconds (503), and a result larger than ``max_bytes`` is
  refused (400, "add a LIMIT") rather than truncated, so no client mistakes part of an
  answer for all of it;
* local — it binds 127.0.0.1 unless told otherwise, and while bound to loopback it only
  answers requests whose ``Host`` is a loopback name, so a web page the user visits
  cannot reach it through DNS rebinding; no CORS headers are sent;
* concurrent — one thread per connection, ``workers`` queries evaluated at once.
"""
from __future__ import annotations

import html
import ipaddress
import json
import secrets
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

from ..errors import QueryError, ZoneGraphError
from ..graph.namespace import PREFIXES
from .text import bind_inline, is_update, uses_service
from .worker import NotAcceptable, QueryTimeout, ResultTooLarge, WorkerPool

#: ``?format=`` shortcuts (for links and downloads, which cannot set Accept).
FORMAT_PARAM = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
    "ttl": "text/turtle", "ntriples": "application/n-triples", "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}
MAX_REQUEST_BYTES = 1 << 20
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


@dataclass(frozen=True)
class ServeSettings:
    """How the endpoint runs; every limit is per query."""

    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0
    max_bytes: int = 50_000_000
    workers: int = 2
    quiet: bool = False


def parse_accept(header: str | None) -> list[str]:
    """Media ranges of an ``Accept`` header, best first (q=0 dropped, ties keep order)."""
    if not header:
        return []
    ranges = []
    for i, part in enumerate(header.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((-q, i, media.lower()))
    return [media for _, _, media in sorted(ranges)]


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    header = header.strip().lower()
    if header.startswith("["):
        return header.split("]", 1)[0] + "]"
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def page_examples() -> list[dict]:
    """The named queries as the page's examples, each runnable as shown (parameters of its
    example bound by a ``VALUES`` row, as for a remote endpoint)."""
    from .named import load_named_queries
    from .run import parameter_bindings, serialized

    out = []
    for nq in load_named_queries().values():
        values = {p.variable: nq.example_params[p.name]
                  for p in nq.parameters if p.name in nq.example_params}
        text = nq.sparql
        if values:
            kinds = {p.variable: p.kind for p in nq.parameters}
            text = bind_inline(text, serialized(parameter_bindings(values, kinds)))
        out.append({"name": nq.name, "title": nq.title, "question": nq.question,
                    "parameters": [{"name": p.name, "help": p.help, "optional": p.optional}
                                   for p in nq.parameters],
                    "example": nq.example, "sparql": text})
    return out


def _json_for_script(value) -> str:
    """JSON safe inside ``<script type="application/json">`` (no ``</script>`` break-out)."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(nonce: str) -> str:
    """The query page, with the named queries and prefixes embedded as JSON."""
    template = (resources.files("zonegraph.sparql") / "resources" / "sparql.html").read_text("utf-8")
    style = (resources.files("zonegraph.sparql") / "resources" / "style.css").read_text("utf-8")
    return (template.replace("{{NONCE}}", html.escape(nonce))
            .replace("{{STYLE}}", style)
            .replace("{{EXAMPLES}}", _json_for_script(page_examples()))
            .replace("{{PREFIXES}}", _json_for_script(PREFIXES)))


class EndpointServer(ThreadingHTTPServer):
    """The HTTP server: holds the settings and the pool of query workers."""

    daemon_threads = True

    def __init__(self, settings: ServeSettings):
        self.settings = settings
        self.pool = WorkerPool(settings.store, size=settings.workers, wait=settings.timeout)
        try:
            super().__init__((settings.host, settings.port), EndpointHandler)
        except OSError:
            self.pool.close()
            raise
        self.guard_host = is_loopback(settings.host)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/"

    def run_query(self, request: dict):
        """Run one worker request with this server's limits."""
        request = {"prefixes": PREFIXES, "max_bytes": self.settings.max_bytes, **request}
        return self.pool.run(request, self.settings.timeout)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class EndpointHandler(BaseHTTPRequestHandler):
    server: EndpointServer
    server_version = "ZoneGraph"
    protocol_version = "HTTP/1.1"
    timeout = 30  # seconds a client may stay silent before its connection is closed

    # ------------------------------------------------------------ plumbing

    def log_message(self, format, *args):  # noqa: A002 (BaseHTTPRequestHandler's name)
        if not self.server.settings.quiet:
            super().log_message(format, *args)

    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, extra: dict | None = None):
        self._send(status, f"error: {message}\n".encode("utf-8"), "text/plain; charset=utf-8",
                   extra)

    def _html(self, body: str, nonce: str, status: int = 200):
        csp = (f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
               "connect-src 'self'; img-src 'self' data:; form-action 'self'; "
               "base-uri 'none'; frame-ancestors 'none'")
        self._send(status, body.encode("utf-8"), "text/html; charset=utf-8",
                   {"Content-Security-Policy": csp, "Referrer-Policy": "no-referrer"})

    def _host_allowed(self) -> bool:
        if not self.server.guard_host:
            return True
        host = self.headers.get("Host")
        return host is None or is_loopback(_host_name(host))

    def _route(self):
        if not self._host_allowed():
            self._error(403, "this endpoint only answers requests addressed to localhost")
            return None
        return urllib.parse.urlsplit(self.path)

    # ------------------------------------------------------------ methods

    def do_GET(self):  # noqa: N802 (http.server's naming)
        url = self._route()
        if url is None:
            return
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path == "/sparql":
            if "update" in params:
                return self._error(403, "this endpoint is read-only: SPARQL Update is refused")
            if "query" not in params:
                if "text/html" in (self.headers.get("Accept") or ""):
                    return self._send(303, b"", "text/plain", {"Location": "/"})
                return self._error(400, "no query: send ?query=… (SPARQL 1.1 Protocol)")
            return self._query(params)
        if url.path in ("/", "/index.html"):
            nonce = secrets.token_urlsafe(16)
            return self._html(render_page(nonce), nonce)
        if url.path == "/entity":
            return self._entity(params)
        if url.path == "/favicon.ico":
            return self._send(204, b"", "image/x-icon")
        return self._error(404, f"nothing at {url.path}; the SPARQL endpoint is /sparql")

    do_HEAD = do_GET

    def do_POST(self):  # noqa: N802
        url = self._route()
        if url is None:
            return
        if url.path != "/sparql":
            return self._error(404, f"nothing to POST to at {url.path}; use /sparql")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_REQUEST_BYTES:
            self.close_connection = True  # the body is not read: the connection cannot go on
            return self._error(413 if length > 0 else 400,
                               f"send a Content-Length of at most {MAX_REQUEST_BYTES} bytes")
        body = self.rfile.read(length) if length else b""
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        ctype = (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if ctype == "application/sparql-update" or "update" in params:
            return self._error(403, "this endpoint is read-only: SPARQL Update is refused")
        if ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                return self._error(403, "this endpoint is read-only: SPARQL Update is refused")
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif ctype == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        else:
            return self._error(415, "POST a query as application/sparql-query or as a form "
                               "(application/x-www-form-urlencoded) with query=…")
        return self._query(params)

    def _refuse_method(self):
        if self._route() is None:
            return
        self._error(405, "this endpoint is read-only; use GET or POST with a query",
                    {"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = _refuse_method

    # ------------------------------------------------------------ SPARQL

    def _query(self, params: dict[str, list[str]]):
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._error(400, "send exactly one non-empty query parameter")
        sparql = queries[0]
        if is_update(sparql):
            return self._error(403, "this endpoint is read-only: SPARQL Update is refused")
        if uses_service(sparql):
            return self._error(403, "SERVICE (federated query) is not allowed here: this "
                               "endpoint does not call other servers")
        accept = parse_accept(self.headers.get("Accept"))
        fmt = (params.get("format") or [""])[0].lower()
        if fmt:
            if fmt not in FORMAT_PARAM:
                return self._error(400, f"unknown format {fmt!r}; use one of "
                                   f"{', '.join(FORMAT_PARAM)}")
            accept = [FORMAT_PARAM[fmt]]
        request = {"query": sparql, "accept": accept,
                   "default_graph": params.get("default-graph-uri") or None,
                   "named_graphs": params.get("named-graph-uri") or None}
        try:
            reply = self.server.run_query(request)
        except QueryTimeout as exc:
            return self._error(503, str(exc))
        except NotAcceptable as exc:
            return self._error(406, str(exc))
        except ResultTooLarge as exc:
            return self._error(400, str(exc))
        except QueryError as exc:
            status = 503 if "busy" in str(exc) or "shutting down" in str(exc) else 400
            return self._error(status, str(exc))
        ctype = reply.media_type + ("; charset=utf-8" if reply.media_type.startswith("text/")
                                    else "")
        extra = {"Vary": "Accept"}
        if fmt:
            ext = {"json": "srj", "xml": "srx"}.get(fmt, fmt)
            extra["Content-Disposition"] = f'attachment; filename="zonegraph-result.{ext}"'
        return self._send(200, reply.body, ctype, extra)

    def _entity(self, params: dict[str, list[str]]):
        from .entity_page import EntityNotFound, render_entity

        iri = (params.get("iri") or [""])[0]
        nonce = secrets.token_urlsafe(16)
        try:
            page = render_entity(self.server.run_query, iri, nonce)
        except EntityNotFound as exc:
            return self._error(404, str(exc))
        except QueryTimeout as exc:
            return self._error(503, str(exc))
        except ZoneGraphError as exc:
            return self._error(400, str(exc))
        return self._html(page, nonce)


def make_server(settings: ServeSettings) -> EndpointServer:
    """A ready server (workers started, port bound); ``serve_forever()`` runs it."""
    from .run import open_read_only

    open_read_only(settings.store)  # a clear error now rather than from every worker
    return EndpointServer(settings)


def serve_in_thread(settings: ServeSettings) -> tuple[EndpointServer, threading.Thread]:
    """Start a server on a background thread (tests, notebooks); ``shutdown()`` then
    ``server_close()`` stops it."""
    server = make_server(settings)
    thread = threading.Thread(target=server.serve_forever, name="zonegraph-serve", daemon=True)
    thread.start()
    return server, thread
