"""Run SPARQL where the user points: the local store or a remote endpoint, with parameters
and an optional time limit, and get the same result shape back from each.

Three paths, one result (``(variables, rows)`` for SELECT, a bool for ASK, a list of
triples for CONSTRUCT/DESCRIBE, as ``zonegraph.sparql.query`` formats them):

* local, no time limit — pyoxigraph in this process, parameters as a ``VALUES`` row, the
  store kept open between calls (``store_access.shared_read_only``);
* local with ``timeout`` — the same in a worker process that is killed when the time is
  up (``zonegraph.sparql.worker``: pyoxigraph cannot interrupt a query, a process can be
  killed), the answer coming back as SPARQL JSON / N-Triples;
* remote — the SPARQL 1.1 Protocol (``zonegraph.sparql.remote``), the predeclared prefixes
  written into the text and the parameters as a ``VALUES`` row
  (``zonegraph.sparql.text.bind_inline``); ``timeout`` is the HTTP wait.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import QueryError
from ..graph.namespace import PREFIXES
from ..store.access import (  # noqa: F401 (read side, shared)
    check_store_dir,
    open_read_only,
    shared_read_only,
)
from .named import NamedQuery
from .worker import one_line, syntax_message

#: A check per parameter kind, run when a named query finds nothing, so that a misspelt
#: name is reported as such instead of as an empty table.
_EXISTS = {
    "name": "ASK { ?entity rdfs:label|skos:prefLabel|skos:altLabel ?value }",
    "document": "ASK { ?doc a zg:Document . { ?doc zg:fileName ?value } UNION "
                "{ ?doc zg:sha256 ?value } }",
}


@dataclass(frozen=True)
class QueryTarget:
    """Where a query runs: ``endpoint`` (a query URL) if given, else the ``store`` folder."""

    store: Path | None = None
    endpoint: str | None = None
    timeout: float | None = None
    #: Extraction alone: the default graph is the union of the document graphs, without
    #: the analysts' corrections (``zonegraph curate``).
    raw: bool = False

    def __post_init__(self):
        if self.timeout is not None and self.timeout <= 0:
            raise QueryError("--timeout must be a positive number of seconds")
        if self.raw and self.endpoint:
            raise QueryError("--raw reads the local store; a remote endpoint has its own graph")


def literal_bindings(values: dict[str, str]) -> dict:
    """Variable name → plain string value, as pyoxigraph ``Variable`` → ``Literal``."""
    import pyoxigraph as ox

    return {ox.Variable(k): ox.Literal(v) for k, v in values.items()}


def name_terms(name: str) -> tuple:
    """Every literal a name may be stored as: as given and simplified, tagged ``zh-Hans`` or
    ``zh-Hant`` (names are tagged by script, see ``graph.names``), plain (graphs built before
    names were tagged), and as given tagged ``en`` (official English names)."""
    import pyoxigraph as ox

    from ..graph.names import ENGLISH, SIMPLIFIED, TRADITIONAL
    from ..ingest.normalize import to_simplified

    terms = [ox.Literal(form, language=tag) if tag else ox.Literal(form)
             for form in dict.fromkeys((name, to_simplified(name)))
             for tag in (SIMPLIFIED, TRADITIONAL, "")]
    return (*terms, ox.Literal(name, language=ENGLISH))


def parameter_bindings(values: dict[str, str], kinds: dict[str, str]) -> dict:
    """``values`` (variable → value) as pyoxigraph bindings: a variable whose kind (see
    ``named.PARAM_KINDS``) is ``name`` matches the name in any of its scripts and tags,
    the others the plain string."""
    import pyoxigraph as ox

    return {ox.Variable(k): name_terms(v) if kinds.get(k) == "name" else ox.Literal(v)
            for k, v in values.items()}


def serialized(bindings: dict) -> dict:
    """Bindings as N-Triples terms (a tuple of terms stays a list of them), for ``VALUES``."""
    return {v.value: [str(x) for x in t] if isinstance(t, tuple) else str(t)
            for v, t in bindings.items()}


def run_sparql(target: QueryTarget, sparql: str, bindings: dict | None = None):
    """Run ``sparql`` with ``bindings`` (pyoxigraph ``Variable`` → term) at ``target``."""
    if not sparql or not sparql.strip():
        raise QueryError("no query given (pass SPARQL text, --file F.rq or --named NAME)")
    bindings = bindings or {}
    if target.endpoint:
        return _run_remote(target, sparql, bindings)
    if target.store is None:
        raise QueryError("no store or endpoint to query")
    if target.timeout is not None:
        return _run_in_worker(target, sparql, bindings)
    return _run_here(target.store, sparql, bindings, target.raw)


def _run_here(store_path: Path, sparql: str, bindings: dict, raw: bool = False):
    import pyoxigraph as ox

    from .text import bind_inline
    from .worker import raw_default_graph

    store = shared_read_only(store_path)  # kept open; reopened when a build publishes
    options = {"default_graph": raw_default_graph(store)} if raw else {}
    if bindings:  # a VALUES row: Oxigraph plans with it (substitutions are evaluated late,
        # measured 53 s against 0.02 s for co-mentioned on 1.5 M triples)
        sparql = bind_inline(sparql, serialized(bindings))
    try:
        result = store.query(sparql, prefixes=PREFIXES, **options)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            return [v.value for v in result.variables], [list(row) for row in result]
        return list(result)
    except SyntaxError as exc:
        raise QueryError(syntax_message(one_line(exc))) from None
    except (OSError, ValueError, RuntimeError) as exc:
        if "SELECT projection" in str(exc):
            raise QueryError(f"a parameter must be one of the query's result columns "
                             f"({one_line(exc)})") from None
        raise QueryError(f"query failed: {one_line(exc)}") from None


def _run_in_worker(target: QueryTarget, sparql: str, bindings: dict):
    from .remote import parse_answer
    from .worker import QueryWorker, term_spec
    check_store_dir(target.store)
    worker = QueryWorker(target.store)
    try:
        reply = worker.run({
            "query": sparql, "prefixes": PREFIXES, "raw": target.raw,
            "bindings": {v.value: term_spec(t) for v, t in bindings.items()},
            "accept": ["application/sparql-results+json", "application/n-triples"],
        }, target.timeout)
    finally:
        worker.close()
    return parse_answer(reply.media_type, reply.body)


def _run_remote(target: QueryTarget, sparql: str, bindings: dict):
    from .remote import parse_answer, query_endpoint
    from .text import bind_inline, with_prefixes

    text = with_prefixes(sparql, PREFIXES)
    text = bind_inline(text, serialized(bindings))
    media, body = query_endpoint(target.endpoint, text, timeout=target.timeout)
    return parse_answer(media, body)


def run_named(target: QueryTarget, query: NamedQuery, params: dict[str, str]):
    """Run a named query with ``params`` (parameter name → value).

    Raises ``QueryError`` for unknown or missing parameters, and — when the query finds
    nothing — for a name or document parameter that matches nothing in the graph.
    """
    values = query.bindings(params)
    kinds = {p.variable: p.kind for p in query.parameters}
    result = run_sparql(target, query.sparql, parameter_bindings(values, kinds))
    if _is_empty(result):
        for p in query.parameters:
            check = _EXISTS.get(p.kind)
            if check and p.variable in values and not run_sparql(target, check, parameter_bindings(
                    {"value": values[p.variable]}, {"value": p.kind})):
                what = "document" if p.kind == "document" else "entity"
                raise QueryError(f"no {what} is called {values[p.variable]!r}"
                                 + (f"; `zonegraph find {values[p.variable]}` lists similar names"
                                    if p.kind == "name" else
                                    "; give the file name or sha256 of a built document"))
    return result


def _is_empty(result) -> bool:
    if isinstance(result, tuple):
        return not result[1]
    if isinstance(result, list):
        return not result
    return False
