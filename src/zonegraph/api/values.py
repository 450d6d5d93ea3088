"""Query results as pandas DataFrames of Python values.

SPARQL answers are RDF terms; a researcher wants numbers to sum, dates to sort and plot,
and text. Each term becomes the Python value its datatype means — ``xsd:date`` a
``datetime.date``, ``xsd:dateTime`` a ``datetime.datetime``, the integer types ``int``,
``xsd:decimal``/``double``/``float`` a ``float`` (fund sizes in yuan: ``3000000000.0``),
``xsd:boolean`` a ``bool`` — and an IRI, a blank node or any other literal its text
(IRIs in full; a blank node as ``_:id``). A literal whose text does not parse as its
datatype stays text rather than failing the whole table. Unbound cells are ``None``.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    import pandas

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
             "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedLong",
             "unsignedInt", "unsignedShort", "unsignedByte", "gYear")
_CONVERT: dict[str, Callable[[str], object]] = {
    **{XSD + name: int for name in _INTEGERS},
    **{XSD + name: float for name in ("decimal", "double", "float")},
    XSD + "date": date.fromisoformat,
    XSD + "dateTime": datetime.fromisoformat,
    XSD + "boolean": lambda text: {"true": True, "1": True, "false": False,
                                   "0": False}[text.strip()],
}
#: Columns of a CONSTRUCT or DESCRIBE result.
TRIPLE_COLUMNS = ("subject", "predicate", "object")


def python_value(term) -> object:
    """The Python value of one pyoxigraph term (``None`` for an unbound cell).

    >>> import pyoxigraph as ox
    >>> python_value(ox.Literal("2024-03-05", datatype=ox.NamedNode(XSD + "date")))
    datetime.date(2024, 3, 5)
    >>> python_value(ox.Literal("3000000000", datatype=ox.NamedNode(XSD + "decimal")))
    3000000000.0
    >>> python_value(ox.NamedNode("https://w3id.org/zonegraph/id/zone/liangjiang"))
    'https://w3id.org/zonegraph/id/zone/liangjiang'
    """
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        convert = _CONVERT.get(term.datatype.value)
        if convert is not None:
            try:
                return convert(term.value)
            except (ValueError, KeyError):
                return term.value
        return term.value
    return getattr(term, "value", str(term))  # an IRI (a quoted triple: its N-Triples text)


def result_frame(result) -> "pandas.DataFrame | bool":
    """A query result (``zonegraph.sparql.run``'s shapes) as a DataFrame — one column per
    SELECT variable, or subject/predicate/object for a graph — or a bool for ASK."""
    import pandas as pd

    if isinstance(result, bool):
        return result
    if isinstance(result, tuple):
        variables, rows = result
        return pd.DataFrame([[python_value(t) for t in row] for row in rows],
                            columns=list(variables))
    return pd.DataFrame([[python_value(t.subject), python_value(t.predicate),
                          python_value(t.object)] for t in result],
                        columns=list(TRIPLE_COLUMNS))
