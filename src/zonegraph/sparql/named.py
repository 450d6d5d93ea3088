"""The library of named research questions: ``.rq`` files shipped in ``zonegraph/queries/``.

Each file starts with a comment header that says what it answers and how to call it::

    # Title: Partners of one zone, with the sentences that say so
    # Question: With whom does a zone cooperate …
    #   (an indented comment line continues the field above it)
    # Parameter: zone (?zoneName) — the zone's name or any alias, e.g. 两江新区
    # Parameter: org (?orgName, optional) — …
    # Example: zonegraph query --named zone-partners --param zone=两江新区

A parameter names the SPARQL variable it binds; its kind (``name``, the default,
``document`` or ``text``) says what a missing match means. Values are bound as RDF literals in
a ``VALUES`` row built from serialized terms (locally and at remote endpoints, see
``sparql_text.bind_inline``) — never pasted into the query text.
Name parameters are matched in the query against ``rdfs:label|skos:prefLabel|skos:altLabel``,
so every alias of an entity works, and bound to the name in each form it may be stored as
(simplified and as given, tagged ``zh-Hans``/``zh-Hant``/``en`` or plain:
``sparql_run.name_terms``), so a traditional or English name finds the entity too. A parameter variable must be used in the query's outermost
WHERE pattern (not only inside a sub-SELECT) and be a result column (pyoxigraph substitutes
only projected variables), which is where both binding methods agree. Test an optional
parameter with ``COALESCE(… = ?param, true)`` or ``FILTER EXISTS``, never ``BOUND(?param)``:
a substituted variable still reads as unbound to ``BOUND``. Rows are ``DISTINCT`` (or
grouped, counting ``DISTINCT``): a server whose default graph is the union of the named
graphs (Oxigraph's ``--union-default-graph``) repeats a triple once per graph holding it.

Written for Oxigraph's planner (measured on 1.5 M triples, ``bench/``): it mostly keeps
the written order of a group, so start from the bound parameter and put ``BIND`` and
``FILTER`` last (one in the middle splits the group, and the rest may be joined with the
whole graph); an ``OPTIONAL`` of one pattern is looked up row by row after a short group but
read in full after a long one or when it has several patterns; a sub-``SELECT`` is
evaluated on its own and joined by hash (good for a small set read once, e.g. the zones'
own nodes), a ``UNION`` likewise unless triple patterns before it bind its variables;
inside ``EXISTS`` the order ignores the outer bindings (nest a second ``EXISTS`` to start
from them). Compare a rewrite's rows with the old query's before committing it.

The files are the single source: ``zonegraph query --list``, the endpoint's example menu
and the README table are all read from these headers.
"""
from __future__ import annotations

import difflib
import os
import re
import shlex
from dataclasses import dataclass, field
from importlib import resources

from ..errors import QueryError

_FIELD = re.compile(r"#\s*(Title|Question|Parameter|Columns|Example|Note):\s*(.*)")
_PARAM = re.compile(r"(?P<name>[A-Za-z][\w-]*)\s*\(\?(?P<var>\w+)(?P<flags>(?:\s*,\s*\w+)*)\)"
                    r"\s*[—–-]+\s*(?P<help>.*)")
#: What a parameter's value is: an entity's name (label or alias), a document (file
#: name or sha256), or free text. Names and documents are checked when a query finds
#: nothing, so a misspelt name is an error rather than an empty table.
PARAM_KINDS = ("name", "document", "text")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Parameter:
    name: str
    variable: str
    help: str
    optional: bool = False
    kind: str = "name"


@dataclass(frozen=True)
class NamedQuery:
    """One research question: its SPARQL text and what the header says about it."""

    name: str
    title: str
    question: str
    sparql: str
    parameters: tuple[Parameter, ...] = ()
    columns: str = ""
    example: str = ""
    example_params: dict[str, str] = field(default_factory=dict)

    def bindings(self, params: dict[str, str]) -> dict[str, str]:
        """Check ``params`` against the declared parameters: variable name → value.

        Raises ``QueryError`` (one line) for an unknown parameter, a missing required
        one, or an empty value.
        """
        known = {p.name: p for p in self.parameters}
        for name in params:
            if name not in known:
                hint = f"; it takes {', '.join(known)}" if known else "; it takes none"
                raise QueryError(f"named query {self.name} has no parameter {name!r}{hint}")
        out = {}
        for p in self.parameters:
            value = params.get(p.name)
            if value is None or not value.strip():
                if p.optional and value is None:
                    continue
                raise QueryError(f"named query {self.name} needs --param {p.name}=… ({p.help})")
            out[p.variable] = value.strip()
        return out


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read the header of one ``.rq`` file; ``QueryError`` if it lacks a title or question."""
    fields: dict[str, list[str]] = {}
    params: list[Parameter] = []
    last = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        m = _FIELD.match(stripped)
        if m:
            last = m.group(1)
            if last == "Parameter":
                params.append(_parse_parameter(name, m.group(2)))
            else:
                fields.setdefault(last, []).append(m.group(2).strip())
        elif last and last != "Parameter" and stripped.startswith("#  "):
            fields[last].append(stripped.lstrip("#").strip())
        elif last == "Parameter" and stripped.startswith("#  "):
            p = params[-1]
            params[-1] = Parameter(p.name, p.variable, f"{p.help} {stripped.lstrip('#').strip()}",
                                   p.optional, p.kind)
    if "Title" not in fields or "Question" not in fields:
        raise QueryError(f"{name}.rq: the header needs '# Title:' and '# Question:' lines")
    example = " ".join(fields.get("Example", []))
    return NamedQuery(name=name, title=" ".join(fields["Title"]),
                      question=" ".join(fields["Question"]), sparql=text,
                      parameters=tuple(params), columns=" ".join(fields.get("Columns", [])),
                      example=example, example_params=_example_params(example))


def _parse_parameter(query: str, text: str) -> Parameter:
    m = _PARAM.match(text)
    if not m:
        raise QueryError(f"{query}.rq: bad Parameter line {text!r}; expected "
                         "'NAME (?VARIABLE[, optional][, name|document|text]) — help'")
    flags = [f.strip() for f in m["flags"].split(",") if f.strip()]
    kinds = [f for f in flags if f in PARAM_KINDS]
    unknown = [f for f in flags if f != "optional" and f not in PARAM_KINDS]
    if unknown or len(kinds) > 1:
        raise QueryError(f"{query}.rq: parameter {m['name']}: unknown flags {flags}")
    return Parameter(m["name"], m["var"], m["help"].strip(), "optional" in flags,
                     kinds[0] if kinds else "name")


def _example_params(example: str) -> dict[str, str]:
    try:
        words = shlex.split(example)
    except ValueError:
        return {}
    out = {}
    for flag, value in zip(words, words[1:]):
        if flag == "--param" and "=" in value:
            key, _, val = value.partition("=")
            out[key] = val
    return out


#: Parsed files: name → (the file's size and modification time, its NamedQuery).
_PARSED: dict[str, tuple[tuple, NamedQuery]] = {}


def load_named_queries() -> dict[str, NamedQuery]:
    """Every shipped named query, by name, in name order (a file is parsed again only
    when it has changed since the last call)."""
    folder = resources.files("zonegraph.sparql") / "queries"
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            if not _NAME.match(name):
                raise QueryError(f"{entry.name}: named query files are lower-case-with-dashes.rq")
            stamp = _stamp(entry)
            kept = _PARSED.get(name)
            if stamp and kept and kept[0] == stamp:
                out[name] = kept[1]
                continue
            out[name] = parse_named_query(name, entry.read_text(encoding="utf-8"))
            if stamp:
                _PARSED[name] = (stamp, out[name])
    return out


def _stamp(entry) -> tuple:
    try:
        st = os.stat(entry)
    except (OSError, TypeError):  # not a file on disk (e.g. inside a zip): parse every time
        return ()
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def get_named_query(name: str, library: dict[str, NamedQuery] | None = None) -> NamedQuery:
    """The named query ``name``; a one-line ``QueryError`` naming close matches if unknown."""
    library = load_named_queries() if library is None else library
    if name in library:
        return library[name]
    close = difflib.get_close_matches(name, list(library), n=3, cutoff=0.5)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise QueryError(f"no named query {name!r}{hint}; `zonegraph query --list` shows them all")


def parse_param_options(values: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``["zone=两江新区", …]`` (repeated ``--param``) → ``{"zone": "两江新区"}``."""
    out: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise QueryError(f"--param {item!r}: expected NAME=VALUE, e.g. zone=两江新区")
        if key in out:
            raise QueryError(f"--param {key} given twice")
        out[key] = value
    return out
