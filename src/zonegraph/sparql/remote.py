"""Talking to other SPARQL servers: run queries there and push the graph to them.

Institutes that share one triple store (Oxigraph, Apache Jena Fuseki, GraphDB …) use the
two W3C protocols every such server speaks, with nothing but ``urllib``:

* SPARQL 1.1 Protocol (query URL, e.g. Oxigraph ``…/query``, Fuseki ``…/DATASET/query``,
  GraphDB ``…/repositories/REPO``): queries are POSTed form-encoded;
* SPARQL 1.1 Graph Store HTTP Protocol (Oxigraph ``…/store``, Fuseki ``…/DATASET/data``,
  GraphDB ``…/repositories/REPO/rdf-graphs/service``): ``push`` PUTs each document's
  named graph, which replaces whatever that graph held, so pushing twice changes nothing
  and a rebuilt document replaces its old statements.

The server's default graph must be the union of its named graphs for the named queries
to see the data (Oxigraph ``--union-default-graph``, Fuseki ``tdb2:unionDefaultGraph``;
GraphDB's default graph already is): push writes only named graphs, so that two
institutes pushing to one server never overwrite each other's union.

Credentials, if the server wants them, come from ``$ZONEGRAPH_ENDPOINT_AUTH``
(``user:password``, sent as HTTP Basic auth) so they stay out of shell history.
"""
from __future__ import annotations

import base64
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Callable

from ..errors import QueryError, ZoneGraphError

QUERY_ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, "
                "text/turtle;q=0.8, application/sparql-results+xml;q=0.5")
_RESULTS = {"application/sparql-results+json": "JSON", "application/json": "JSON",
            "application/sparql-results+xml": "XML", "application/xml": "XML",
            "text/tab-separated-values": "TSV"}
_GRAPHS = {"application/n-triples": "N_TRIPLES", "text/turtle": "TURTLE",
           "application/ld+json": "JSON_LD", "application/rdf+xml": "RDF_XML",
           "text/plain": "N_TRIPLES"}


class EndpointError(ZoneGraphError):
    """A remote endpoint cannot be reached or refused a request."""


def _headers(extra: dict[str, str]) -> dict[str, str]:
    headers = {"User-Agent": "zonegraph", **extra}
    auth = os.environ.get("ZONEGRAPH_ENDPOINT_AUTH")
    if auth:
        headers["Authorization"] = "Basic " + base64.b64encode(auth.encode()).decode()
    return headers


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"{url}: not an http(s) URL of a SPARQL endpoint")


def _send(request: urllib.request.Request, timeout: float | None, what: str) -> tuple[str, bytes]:
    url = request.full_url.split("?", 1)[0]
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            ctype = resp.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
            return ctype, resp.read()
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace")
        first = " ".join(body.split())[:300] or exc.reason
        if exc.code == 400 and what == "query":
            raise QueryError(f"the endpoint refused the query: {first}") from None
        raise EndpointError(f"{url} answered {exc.code} {exc.reason}: {first}") from None
    except (TimeoutError, socket.timeout):
        raise _timeout(what, timeout) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise _timeout(what, timeout) from None
        raise EndpointError(f"cannot reach {url}: {exc.reason}") from None
    except (ConnectionError, OSError) as exc:
        raise EndpointError(f"cannot reach {url}: {exc}") from None


def _timeout(what: str, timeout: float | None) -> ZoneGraphError:
    from .worker import QueryTimeout

    if what == "query":
        return QueryTimeout(f"query timed out after {timeout:g} s (waiting for the endpoint)")
    return EndpointError(f"the endpoint did not answer within {timeout:g} s")


def query_endpoint(url: str, sparql: str, timeout: float | None = None,
                   accept: str = QUERY_ACCEPT) -> tuple[str, bytes]:
    """POST ``sparql`` to the query URL ``url``: (media type, body) of the answer."""
    _check_url(url)
    data = urllib.parse.urlencode({"query": sparql}).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST", headers=_headers({
        "Content-Type": "application/x-www-form-urlencoded", "Accept": accept}))
    return _send(request, timeout, "query")


def parse_answer(media_type: str, body: bytes):
    """An endpoint's answer as ``zonegraph.sparql.query`` results: (variables, rows), a bool, or
    a list of triples."""
    import pyoxigraph as ox

    try:
        if media_type in _RESULTS:
            result = ox.parse_query_results(body, getattr(ox.QueryResultsFormat,
                                                          _RESULTS[media_type]))
            if isinstance(result, ox.QueryBoolean):
                return bool(result)
            return [v.value for v in result.variables], [list(row) for row in result]
        if media_type in _GRAPHS:
            return [q.triple for q in ox.parse(body, getattr(ox.RdfFormat, _GRAPHS[media_type]))]
    except SyntaxError as exc:
        raise EndpointError(f"the endpoint's answer is not valid {media_type}: "
                            f"{' '.join(str(exc).split())[:200]}") from None
    raise EndpointError(f"the endpoint answered in {media_type or 'an unnamed format'}, "
                        "which ZoneGraph cannot read")


# ------------------------------------------------------------------ push

@dataclass
class PushReport:
    """What ``push`` sent: (file name, graph IRI, triples) per document."""

    endpoint: str
    graphs: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(n for _, _, n in self.graphs)


def graph_store_url(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol URL of one named graph (``…?graph=<IRI>``)."""
    sep = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"


def put_graph(endpoint: str, graph: str, ntriples: bytes, timeout: float | None = 60) -> None:
    """Replace the named graph ``graph`` at the Graph Store endpoint with ``ntriples``."""
    request = urllib.request.Request(graph_store_url(endpoint, graph), data=ntriples,
                                     method="PUT", headers=_headers(
                                         {"Content-Type": "application/n-triples"}))
    _send(request, timeout, "push")


DOCUMENT_GRAPHS = """
SELECT ?g ?file WHERE {
  GRAPH ?g { ?doc a zg:Document ; zg:fileName ?file }
  FILTER (STRSTARTS(STR(?g), STR(zggraph:)))
} ORDER BY ?file ?g
"""


def push(store, endpoint: str, timeout: float | None = 60,
         on_graph: Callable[[str, str, int], None] | None = None) -> PushReport:
    """Send every document graph of the pyoxigraph ``store`` to ``endpoint``, one PUT each,
    with the analysts' corrections applied, and then the curation graph (the corrections
    and what they add), so the server's union is the curated graph.

    Only the named graphs go (never the local default graph: a server shared by several
    stores keeps its own union). ``on_graph(file_name, graph_iri, triples)`` is called
    after each one.
    """
    import pyoxigraph as ox

    from ..graph.namespace import CURATION_GRAPH, GRAPH, PREFIXES
    from ..store.corrections import stored_corrections
    from ..store.curation import Curation

    _check_url(endpoint)
    report = PushReport(endpoint)
    curation = Curation(stored_corrections(store))
    touched = curation.touched(store) if curation else set()
    present: set[str] = set()

    def send(file_name: str, graph: str, triples: list) -> None:
        put_graph(endpoint, graph, ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES), timeout)
        report.graphs.append((file_name, graph, len(triples)))
        if on_graph is not None:
            on_graph(file_name, graph, len(triples))

    graphs = store.query(DOCUMENT_GRAPHS, prefixes={**PREFIXES, "zggraph": str(GRAPH)})
    for row in list(graphs):
        graph = row["g"]
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
        if graph.value in touched:
            present |= curation.present(triples, graph.value)
            triples = curation.apply(triples, graph.value)
        send(row["file"].value, graph.value, triples)
    if curation:
        send("corrections", str(CURATION_GRAPH), curation.additions(present))
    return report
