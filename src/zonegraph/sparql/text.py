"""Just enough SPARQL lexing to look at a query's shape without running it.

The endpoint must refuse ``SERVICE`` before a query runs, remote endpoints need the
parameters of a named query bound in the query text (the SPARQL protocol has no
substitution), and they need ``PREFIX`` lines for the prefixes ZoneGraph predeclares
locally. A full parser is not needed for any of that: comments, string literals and
IRIs must be skipped (``"SERVICE"`` in a string is not the keyword) and braces counted.
pyoxigraph parses the query itself; this module never decides whether a query is valid.
"""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import Sequence

from ..errors import QueryError

_NAME_CHARS = re.compile(r"[\w\-.:%\\\u00b7\u00c0-\U000effff]+")
_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_VARIABLE = re.compile(r"[?$][\w\u00b7\u00c0-\U000effff]+")
_PREFIX_NAME = re.compile(r"([A-Za-z][\w\-.]*)?:$")


@dataclass(frozen=True)
class Token:
    kind: str  # "word", "iri", "var", "string", "punct"
    text: str
    start: int


def tokens(sparql: str) -> list[Token]:
    """Split ``sparql`` into words, IRIs, variables, strings and punctuation; comments go."""
    out: list[Token] = []
    i, n = 0, len(sparql)
    while i < n:
        ch = sparql[i]
        if ch.isspace():
            i += 1
        elif ch == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end + 1
        elif ch in "\"'":
            end = _string_end(sparql, i)
            out.append(Token("string", sparql[i:end], i))
            i = end
        elif ch == "<" and (m := _IRIREF.match(sparql, i)):
            out.append(Token("iri", m.group(), i))
            i = m.end()
        elif ch in "?$" and (m := _VARIABLE.match(sparql, i)):
            out.append(Token("var", m.group(), i))
            i = m.end()
        elif m := _NAME_CHARS.match(sparql, i):
            out.append(Token("word", m.group(), i))
            i = m.end()
        else:
            out.append(Token("punct", ch, i))
            i += 1
    return out


def _string_end(text: str, start: int) -> int:
    quote = text[start]
    long = text.startswith(quote * 3, start)
    i = start + (3 if long else 1)
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if long and text.startswith(quote * 3, i):
            return i + 3
        if not long and ch == quote:
            return i + 1
        if not long and ch == "\n":
            return i  # unterminated: let the real parser report it
        i += 1
    return len(text)


def _keyword(tok: Token, word: str) -> bool:
    return tok.kind == "word" and tok.text.upper() == word


def uses_service(sparql: str) -> bool:
    """Whether the query calls out to another endpoint (a ``SERVICE`` clause).

    A word token may carry the keyword glued on by the triple-ending dot (``?c.SERVICE``
    lexes as ``?c`` and ``.SERVICE``), so every dot-separated part of every word is
    checked (``zg:service`` stays a prefixed name).
    """
    return any(part.upper() == "SERVICE" for t in tokens(sparql) if t.kind == "word"
               for part in t.text.split("."))


def is_update(sparql: str) -> bool:
    """Whether the text looks like a SPARQL Update rather than a query."""
    for tok in tokens(sparql):
        word = tok.text.upper() if tok.kind == "word" else ""
        if word in ("PREFIX", "BASE") or tok.kind in ("iri",) or word.endswith(":"):
            continue
        return word in ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY",
                        "MOVE", "ADD", "WITH")
    return False


def declared_prefixes(sparql: str) -> set[str]:
    """Prefix names the query declares itself (``PREFIX zg: <…>`` gives ``"zg"``)."""
    toks = tokens(sparql)
    names = set()
    for a, b in zip(toks, toks[1:]):
        if _keyword(a, "PREFIX") and b.kind == "word" and _PREFIX_NAME.match(b.text):
            names.add(b.text[:-1])
    return names


def with_prefixes(sparql: str, prefixes: dict[str, str]) -> str:
    """``sparql`` with ``PREFIX`` lines added for the prefixes it uses but does not declare.

    Local queries get ZoneGraph's prefixes from pyoxigraph; a remote endpoint knows none,
    so the text must carry them.
    """
    declared = declared_prefixes(sparql)
    used = {t.text.split(":", 1)[0] for t in tokens(sparql) if t.kind == "word" and ":" in t.text}
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in prefixes.items()
             if p in used and p not in declared]
    return "\n".join(lines + [sparql]) if lines else sparql


@functools.lru_cache(maxsize=128)
def outer_group_start(sparql: str) -> int:
    """Offset just after the ``{`` that opens the query's outermost WHERE pattern.

    Remembered per query text: a named query is bound again on every call.
    """
    toks = tokens(sparql)
    depth = 0
    form = ""
    seen_template = False
    for i, tok in enumerate(toks):
        if tok.kind == "word" and depth == 0 and not form:
            word = tok.text.upper()
            if word in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
                form = word
        if tok.kind == "punct" and tok.text == "{":
            if depth == 0 and form:
                after_where = i > 0 and _keyword(toks[i - 1], "WHERE")
                if after_where or (form == "CONSTRUCT" and seen_template) or form in ("SELECT", "ASK"):
                    return tok.start + 1
                if form == "CONSTRUCT":
                    seen_template = True
            depth += 1
        elif tok.kind == "punct" and tok.text == "}":
            depth -= 1
        elif _keyword(tok, "WHERE") and depth == 0:
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and nxt.kind == "punct" and nxt.text == "{":
                return nxt.start + 1
    raise QueryError("cannot bind parameters: the query has no WHERE clause")


def bind_inline(sparql: str, bindings: dict[str, str | Sequence[str]]) -> str:
    """``sparql`` with ``VALUES`` for ``bindings`` (variable → term in N-Triples syntax, or
    a sequence of terms, any of which may match) opening its outermost WHERE pattern.

    This is how parameters reach an endpoint that only speaks the SPARQL protocol. It
    equals pyoxigraph's substitution for variables used in that pattern (including
    nested groups, OPTIONAL, FILTER and EXISTS), which is how the named queries use
    their parameters; the terms are serialized by pyoxigraph, never pasted from input.
    Several terms for a variable give one row each (a name in each of its scripts and
    language tags), rows of several variables their combinations.
    """
    if not bindings:
        return sparql
    at = outer_group_start(sparql)
    names = " ".join(f"?{v}" for v in bindings)
    columns = [[t] if isinstance(t, str) else list(t) for t in bindings.values()]
    rows = " ".join(f"({' '.join(row)})" for row in itertools.product(*columns))
    return f"{sparql[:at]} VALUES ({names}) {{ {rows} }}{sparql[at:]}"
