"""Analysts' corrections (``zonegraph curate``) as data: what a correction is, how it is
written as RDF and read back, and what it is about.

Corrections are data, not edits: each is a ``zg:Correction`` node (action, targets, note,
author, time) in the named graph ``graph/curation`` (``ontology/README.md``);
``zonegraph.store.curation`` applies them to the graph readers see.
"""
from __future__ import annotations

import hashlib
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, replace

from ..graph.namespace import CURATION_GRAPH, GRAPH, ID, ZG

ACTIONS = ("reject", "add", "drop", "merge", "split", "rename", "retype")
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = RDF_NS + "type"
RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = RDF_NS + "subject", RDF_NS + "predicate", RDF_NS + "object"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
DESCRIPTION = "http://purl.org/dc/terms/description"
ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Correction:
    """One correction. IRIs are full; ``documents`` are ``zg:Document`` IRIs (split)."""

    id: str
    action: str
    subject: str = ""  # reject, add: the statement
    predicate: str = ""
    object: str = ""
    target: str = ""  # drop, split, rename, retype; merge: the node merged away
    keep: str = ""  # merge: the node kept
    new_label: str = ""  # rename; split: the new node's label
    new_type: str = ""  # retype: a zg: entity class
    new_node: str = ""  # split
    documents: tuple[str, ...] = ()  # split
    note: str = ""
    author: str = ""
    created: str = ""  # xsd:dateTime
    #: The correction in words, with its targets' names when it was made (so a dangling
    #: correction still says what it was about).
    description: str = ""

    @property
    def iri(self) -> str:
        return correction_iri(self.id)

    @property
    def evidence_iri(self) -> str:
        """The evidence node of an added relation."""
        return str(ID[f"evidence/curated-{self.id}"])

    def entities(self) -> set[str]:
        """The entities this correction names (what must exist for it to apply)."""
        return {e for e in (self.subject, self.object, self.target, self.keep) if e}

    def footprint(self) -> set[str]:
        """Every node whose triples this correction may change."""
        return self.entities() | ({self.new_node} if self.new_node else set())


def correction_iri(cid: str) -> str:
    return str(ID[f"correction/{cid}"])


def agent_iri(name: str) -> str:
    return str(ID["agent/" + urllib.parse.quote(name, safe="")])


def new_correction(action: str, author: str, created: str, note: str = "", **fields) -> Correction:
    """A correction with its id: a hash of what it does, who made it and when (so the same
    correction imported twice is one node)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    key = "\x1f".join([action, author, created, note,
                       *(f"{k}={v}" for k, v in sorted(fields.items()))])
    cid = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    c = Correction(cid, action, note=note, author=author, created=created, **fields)
    if action == "split" and not c.new_node:
        c = replace(c, new_node=f"{c.target}-split-{cid[:8]}")
    return c


def nt_iri(value: str) -> str:
    """An IRI as an N-Triples term."""
    return f"<{value}>"


def nt_text(value: str) -> str:
    """A plain string literal as an N-Triples term."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace(
        "\n", "\\n").replace("\r", "\\r") + '"'


def record_triples(c: Correction) -> list[tuple[str, str, str]]:
    """The correction as N-Triples terms (what the curation graph holds)."""
    node = nt_iri(c.iri)
    out = [(node, nt_iri(RDF_TYPE), nt_iri(str(ZG.Correction))),
           (node, nt_iri(str(ZG.action)), nt_text(c.action)),
           (node, nt_iri(PROV + "generatedAtTime"), f'"{c.created}"^^<{XSD}dateTime>')]
    if c.author:
        agent = nt_iri(agent_iri(c.author))
        out += [(node, nt_iri(PROV + "wasAttributedTo"), agent),
                (agent, nt_iri(RDF_TYPE), nt_iri(PROV + "Agent")), (agent, nt_iri(LABEL), nt_text(c.author))]
    if c.note:
        out.append((node, nt_iri(COMMENT), nt_text(c.note)))
    if c.description:
        out.append((node, nt_iri(DESCRIPTION), nt_text(c.description)))
    for prop, value in ((RDF_SUBJECT, c.subject), (RDF_PREDICATE, c.predicate),
                        (RDF_OBJECT, c.object), (str(ZG.target), c.target),
                        (str(ZG.keep), c.keep), (str(ZG.newType), c.new_type),
                        (str(ZG.newNode), c.new_node)):
        if value:
            out.append((node, nt_iri(prop), nt_iri(value)))
    if c.new_label:
        out.append((node, nt_iri(str(ZG.newLabel)), nt_text(c.new_label)))
    out += [(node, nt_iri(str(ZG.forDocument)), nt_iri(d)) for d in c.documents]
    return out


def corrections_from_triples(triples) -> list[Correction]:
    """Read corrections back from pyoxigraph triples (the curation graph, or a file),
    oldest first. Nodes that are not whole corrections are left out."""
    by_node: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        by_node[t.subject.value][t.predicate.value].append(t.object.value)
    fields = {RDF_SUBJECT: "subject", RDF_PREDICATE: "predicate", RDF_OBJECT: "object",
              str(ZG.target): "target", str(ZG.keep): "keep", str(ZG.newLabel): "new_label",
              str(ZG.newType): "new_type", str(ZG.newNode): "new_node", COMMENT: "note",
              DESCRIPTION: "description",
              PROV + "generatedAtTime": "created"}
    prefix = correction_iri("")
    out = []
    for node, props in by_node.items():
        if str(ZG.Correction) not in props.get(RDF_TYPE, ()) or not node.startswith(prefix):
            continue
        action = (props.get(str(ZG.action)) or [""])[0]
        if action not in ACTIONS:
            continue
        values = {name: props[p][0] for p, name in fields.items() if props.get(p)}
        agents = props.get(PROV + "wasAttributedTo", [])
        author = next((by_node[a][LABEL][0] for a in agents if by_node[a].get(LABEL)), "")
        out.append(Correction(node[len(prefix):], action, author=author,
                              documents=tuple(sorted(props.get(str(ZG.forDocument), ()))),
                              **values))
    return sorted(out, key=lambda c: (c.created, c.id))


def stored_corrections(ox_store) -> list[Correction]:
    """The corrections kept in the store's curation graph."""
    import pyoxigraph as ox

    return corrections_from_triples(q.triple for q in ox_store.quads_for_pattern(
        None, None, None, ox.NamedNode(str(CURATION_GRAPH))))


def is_document_graph(name) -> bool:
    """A document's named graph (not the default graph, not the curation graph)."""
    import pyoxigraph as ox

    return isinstance(name, ox.NamedNode) and name.value != str(CURATION_GRAPH)


def in_documents(ox_store, iri: str) -> bool:
    """Whether some document graph says something about ``iri``."""
    import pyoxigraph as ox

    return any(is_document_graph(q.graph_name)
               for q in ox_store.quads_for_pattern(ox.NamedNode(iri), None, None, None))


def missing(ox_store, c: Correction) -> list[str]:
    """What a correction names that no document graph holds any more (the entities, and a
    split's documents): a correction with something missing is *dangling*. It stays, and
    applies again if a document brings its targets back."""
    import pyoxigraph as ox

    gone = [e for e in sorted(c.entities()) if not in_documents(ox_store, e)]
    return gone + [d for d in c.documents if not ox_store.contains_named_graph(
        ox.NamedNode(str(GRAPH[d.rsplit("/", 1)[-1]])))]


def document_labels(ox_store, iris) -> dict[str, str]:
    """The extracted ``rdfs:label`` of each of ``iris`` (from the document graphs, so a
    node merged away or dropped still has its name), or nothing for unknown ones."""
    import pyoxigraph as ox

    label = ox.NamedNode(LABEL)
    out = {}
    for iri in iris:
        names = sorted(q.object.value for q in ox_store.quads_for_pattern(
            ox.NamedNode(iri), label, None, None) if is_document_graph(q.graph_name))
        if names:
            out[iri] = names[0]
    return out


def short(iri: str) -> str:
    """``zgid:…`` for ZoneGraph's IRIs."""
    return "zgid:" + iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


def correction_labels(store, corrections) -> dict[str, str]:
    """The names of what ``corrections`` are about, from the documents of the open
    ``GraphStore`` ``store``: entities' extracted labels, documents' file names."""
    iris = {i for c in corrections for i in c.footprint()}
    labels = document_labels(store.ox, iris)
    if any(c.documents for c in corrections):
        labels.update({str(ID[f"document/{d.sha256}"]): d.file_name for d in store.documents()})
    return labels


def describe(c, labels: dict[str, str]) -> str:
    """A correction in words: its targets by name."""
    def name(iri):
        return labels.get(iri) or short(iri)

    def local(iri):
        return iri.rsplit("#", 1)[-1]

    if c.action in ("reject", "add"):
        return f"{name(c.subject)} {local(c.predicate)} {name(c.object)}"
    if c.action == "merge":
        return f"{name(c.target)} into {name(c.keep)}"
    if c.action == "split":
        docs = ", ".join(labels.get(d) or d.rsplit("/", 1)[-1][:12] for d in c.documents)
        return f"{name(c.target)} in {docs}" + (f" as {c.new_label}" if c.new_label else "")
    if c.action == "rename":
        return f"{name(c.target)} to {c.new_label}"
    if c.action == "retype":
        return f"{name(c.target)} to {local(c.new_type)}"
    return name(c.target)


def correction_rows(store) -> list[dict]:
    """One row per correction of the open ``GraphStore`` ``store``, oldest first: id,
    action, what, note, by, when, status (``applied``, or ``dangling:`` and what is gone)."""
    corrections = store.curation.corrections
    labels = correction_labels(store, corrections)
    rows = []
    for c in corrections:
        gone = missing(store.ox, c)
        rows.append({"id": c.id, "action": c.action,
                     "what": c.description if gone and c.description else describe(c, labels),
                     "note": c.note, "by": c.author, "when": c.created,
                     "status": "dangling: " + ", ".join(short(g) for g in gone)
                     if gone else "applied"})
    return rows
