"""SPARQL over the store, with the common prefixes predeclared and results in several formats.

Queries run on pyoxigraph directly (the store's own engine), whose default graph is the
set union of every document's named graph (see ``zonegraph.store.graph_store``).
"""
from __future__ import annotations

import csv
import io
import json

from ..errors import QueryError
from ..graph.namespace import PREFIXES
from ..store.graph_store import GraphStore

FORMATS = ("table", "csv", "tsv", "json")


def _term_text(term) -> str:
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)


def run_query(store: GraphStore, sparql: str):
    """Execute ``sparql``; returns (variables, rows of terms) for SELECT, a bool for ASK,
    or a list of triples for CONSTRUCT/DESCRIBE. Raises ``QueryError`` with a position."""
    import pyoxigraph as ox

    try:
        result = store.ox.query(sparql, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QueryError(f"malformed query: {_one_line(exc)}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {_one_line(exc)}") from None
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        return variables, [list(row) for row in result]
    return list(result)


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text[:300]


def format_result(result, fmt: str) -> str:
    """Render a query result as text in ``fmt`` (table is left to the CLI's rich table)."""
    if isinstance(result, bool):
        return json.dumps({"boolean": result}) if fmt == "json" else ("yes" if result else "no")
    if isinstance(result, list):  # triples
        import pyoxigraph as ox

        out = io.BytesIO()
        ox.serialize(result, out, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        return out.getvalue().decode("utf-8")
    variables, rows = result
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None}
                    for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_term_text(t) for t in row])
    return buf.getvalue()


def _json_term(term) -> dict:
    """A term as SPARQL 1.1 JSON results write it (a tagged name keeps its ``xml:lang``)."""
    out = {"type": _kind(term), "value": _term_text(term)}
    if getattr(term, "language", None):
        out["xml:lang"] = term.language
    return out


def _kind(term) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return "uri"
    if isinstance(term, ox.BlankNode):
        return "bnode"
    return "literal"


def compact(value: str) -> str:
    """An IRI shortened with the predeclared prefixes, for tables."""
    for prefix, ns in PREFIXES.items():
        if value.startswith(ns) and len(value) > len(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value
