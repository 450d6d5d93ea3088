"""One entity's page for the endpoint (``/entity?iri=…``): names, facts, relations with
their evidence sentences, posts, and the articles that mention it.

Rendered on the server from four small queries bound to the entity's IRI (pyoxigraph
substitution, never text pasting), so the page works without JavaScript and every
string that came from a document goes through ``html.escape`` exactly once, here.
"""
from __future__ import annotations

import html
import urllib.parse
from importlib import resources
from typing import Callable

from ..errors import ZoneGraphError
from ..graph.namespace import PREFIXES
from ..ingest.metadata import web_url

RELATIONS = """
SELECT ?entity ?direction ?p ?other ?otherName ?sentence ?title ?source ?url ?file ?planned
       ?curatedBy
WHERE {
  VALUES ?p { zg:memberOf zg:locatedIn zg:partOf zg:cooperatesWith zg:issuedBy zg:launchedBy }
  {
    ?entity ?p ?other .
    BIND ("out" AS ?direction)
    OPTIONAL { ?ev rdf:subject ?entity ; rdf:predicate ?p ; rdf:object ?other }
  } UNION {
    ?other ?p ?entity .
    BIND ("in" AS ?direction)
    OPTIONAL { ?ev rdf:subject ?other ; rdf:predicate ?p ; rdf:object ?entity }
  }
  OPTIONAL { ?other rdfs:label ?otherName }
  OPTIONAL {
    ?ev zg:sentence|rdfs:comment ?sentence .  # an added relation's note is its evidence
    OPTIONAL { ?ev zg:curated true ; prov:wasAttributedTo/rdfs:label ?curatedBy }
    OPTIONAL {
      ?ev prov:wasDerivedFrom ?article .
      ?article dcterms:title ?title ;
               zg:inDocument/zg:fileName ?file .
      OPTIONAL { ?article dcterms:source ?source }
      OPTIONAL { ?article schema:url ?url }
    }
    OPTIONAL { ?ev zg:planned ?planned }
  }
}
ORDER BY ?p ?direction ?otherName ?file ?sentence
"""
FACTS = """
SELECT ?entity ?p ?o (LANG(?o) AS ?lang)
WHERE { ?entity ?p ?o FILTER (isLiteral(?o) || ?p = rdf:type) }
"""
POSTS = """
SELECT ?entity ?role ?title ?other ?otherName
WHERE {
  { ?entity zg:holds ?post . ?post zg:organization ?other . BIND ("holds" AS ?role) }
  UNION
  { ?post zg:organization ?entity . ?other zg:holds ?post . BIND ("staff" AS ?role) }
  ?post zg:title ?title .
  OPTIONAL { ?other rdfs:label ?otherName }
}
ORDER BY ?role ?otherName ?title
"""
ARTICLES = """
SELECT ?entity ?date ?title ?source ?file
WHERE {
  ?article schema:mentions ?entity ;
           dcterms:title ?title ;
           zg:inDocument/zg:fileName ?file .
  OPTIONAL { ?article dcterms:source ?source }
  OPTIONAL { ?article dcterms:date ?date }
}
ORDER BY ?date ?file ?title
"""
#: How a relation reads from the subject's side and from the object's side.
_LABEL = {"memberOf": ("member of", "has member"), "locatedIn": ("located in", "has here"),
          "partOf": ("part of", "has part"), "cooperatesWith": ("cooperates with", "cooperates with"),
          "issuedBy": ("issued by", "issued"), "launchedBy": ("launched by", "launched")}
_FACTS = {PREFIXES["rdfs"] + "label": "name", PREFIXES["skos"] + "altLabel": "also called",
          PREFIXES["skos"] + "prefLabel": "English name",  # the zh-Hans one is the label
          PREFIXES["zg"] + "gazetteerId": "gazetteer id", PREFIXES["zg"] + "amountCNY": "amount",
          PREFIXES["dcterms"] + "issued": "issued", PREFIXES["zg"] + "approvalDate": "approved",
          PREFIXES["zg"] + "mergedBy": "names merged by",
          # evidence, articles, documents and posts link here from query results too
          PREFIXES["zg"] + "sentence": "sentence", PREFIXES["zg"] + "planned": "planned",
          PREFIXES["zg"] + "confidence": "confidence", PREFIXES["zg"] + "extractedBy": "extracted by",
          PREFIXES["zg"] + "startOffset": "start offset", PREFIXES["zg"] + "endOffset": "end offset",
          PREFIXES["dcterms"] + "title": "title", PREFIXES["dcterms"] + "source": "source",
          PREFIXES["dcterms"] + "date": "date", PREFIXES["zg"] + "fileName": "file",
          PREFIXES["zg"] + "title": "post title"}


class EntityNotFound(ZoneGraphError):
    """No statement in the graph has this IRI as its subject or object."""


def entity_link(iri: str) -> str:
    """The page URL of the entity ``iri`` (relative, so it works behind any host)."""
    return "/entity?" + urllib.parse.urlencode({"iri": iri})


def compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _rows(run: Callable[[dict], object], sparql: str, iri: str) -> list[dict]:
    from .remote import parse_answer

    reply = run({"query": sparql, "accept": ["application/sparql-results+json"],
                 "bindings": {"entity": {"type": "uri", "value": iri}}})
    variables, rows = parse_answer(reply.media_type, reply.body)
    return [{v: t.value for v, t in zip(variables, row) if t is not None} for row in rows]


def _amount(value: str) -> str:
    try:
        yuan = float(value)
    except ValueError:
        return value
    return f"{value} 元 ({yuan / 1e8:g} 亿元)"


def render_entity(run: Callable[[dict], object], iri: str, nonce: str) -> str:
    """The HTML page of ``iri``; ``run`` executes one worker request (``WorkerPool.run``
    with the server's limits). Raises ``EntityNotFound`` or ``ZoneGraphError``."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(iri)
    except ValueError:
        raise ZoneGraphError(f"not an IRI: {iri[:200]!r}") from None
    facts = _rows(run, FACTS, iri)
    relations = _rows(run, RELATIONS, iri)
    if not facts and not relations:
        raise EntityNotFound(f"nothing in the graph is called <{iri[:200]}>")
    posts = _rows(run, POSTS, iri)
    articles = _rows(run, ARTICLES, iri)
    e = html.escape
    labels = [f["o"] for f in facts if f["p"] == PREFIXES["rdfs"] + "label"]
    name = labels[0] if labels else compact(iri)
    types = sorted(compact(f["o"]) for f in facts if f["p"] == PREFIXES["rdf"] + "type")
    parts = [f"<h1>{e(name)}</h1>",
             f'<p class="types">{" · ".join(e(t) for t in types)}</p>',
             f"<p class=\"iri\"><code>{e(iri)}</code></p>"]

    items = []
    for f in facts:
        what = _FACTS.get(f["p"])
        if what == "English name" and not f.get("lang", "").lower().startswith("en"):
            continue
        if what and not (what == "name" and f["o"] == name):
            value = _amount(f["o"]) if what == "amount" else f["o"]
            items.append(f"<dt>{e(what)}</dt><dd>{e(value)}</dd>")
    if items:
        parts.append("<dl>" + "".join(items) + "</dl>")

    if relations:
        grouped: dict[tuple, list[dict]] = {}
        for r in relations:
            key = (r["p"].rsplit("#", 1)[-1], r["direction"], r["other"], r.get("otherName", ""))
            grouped.setdefault(key, [])
            if r.get("sentence"):
                grouped[key].append(r)
        rows = []
        for (p, direction, other, other_name), evidence in grouped.items():
            out_label, in_label = _LABEL.get(p, (p, p))
            relation = out_label if direction == "out" else in_label
            sentences = "".join(
                f"<li>{e(ev['sentence'])}"
                + (' <span class="planned">planned</span>' if ev.get("planned") == "true" else "")
                + (f' <span class="planned">curated by {e(ev["curatedBy"])}</span>'
                   if ev.get("curatedBy") else "")
                + f'<div class="source">{e(" · ".join(ev[k] for k in ("title", "source", "file") if ev.get(k)))}'
                + _page_link(ev.get("url", "")) + "</div></li>" for ev in evidence)
            rows.append(f"<tr><td>{e(relation)}</td>"
                        f'<td><a href="{e(entity_link(other))}">{e(other_name or compact(other))}'
                        f"</a></td><td><ul>{sentences}</ul></td></tr>")
        parts.append("<h2>Relations</h2><table><thead><tr><th>relation</th><th>with</th>"
                     "<th>evidence</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")

    if posts:
        rows = "".join(
            f"<tr><td>{e('holds' if p['role'] == 'holds' else 'post held by')}</td>"
            f"<td>{e(p['title'])}</td>"
            f'<td><a href="{e(entity_link(p["other"]))}">{e(p.get("otherName") or compact(p["other"]))}'
            "</a></td></tr>" for p in posts)
        parts.append("<h2>Posts</h2><table><tbody>" + rows + "</tbody></table>")

    if articles:
        rows = "".join(
            f"<tr><td>{e(a.get('date', ''))}</td><td>{e(a['title'])}</td>"
            f"<td>{e(a.get('source', ''))}</td><td>{e(a['file'])}</td></tr>" for a in articles)
        parts.append("<h2>Articles that mention it</h2><table><thead><tr><th>date</th>"
                     "<th>title</th><th>source</th><th>file</th></tr></thead><tbody>"
                     + rows + "</tbody></table>")

    query = f"SELECT ?p ?o WHERE {{ {ox.NamedNode(iri)} ?p ?o }}"
    parts.append(f'<p><a href="/?{e(urllib.parse.urlencode({"query": query, "run": "1"}))}">'
                 "Query this entity</a> · <a href=\"/\">Back to the query page</a></p>")
    style = (resources.files("zonegraph.sparql") / "resources" / "style.css").read_text("utf-8")
    return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f"<title>{e(name)} — ZoneGraph</title>"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<style nonce="{e(nonce)}">{style}</style></head>'
            f'<body><header><a href="/">ZoneGraph</a></header><main class="entity">'
            + "".join(parts) + "</main></body></html>\n")


def _page_link(url: str) -> str:
    """`` · <a>page</a>`` for an article's http(s) web page, so the sentence can be cited."""
    if not web_url(url):
        return ""
    return f' · <a href="{html.escape(url)}" rel="noopener noreferrer">{html.escape(url)}</a>'
