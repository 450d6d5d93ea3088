"""What changed between two graphs: entities and relations added and removed, attributes
changed (a fund's size, a policy's date), posts changed (a person's title or office).

Both sides are read into ``Facts`` — plain sets and dicts keyed by stable IRIs — so the
comparison is set arithmetic and its output is sorted, hence the same for the same graphs.
A side is a snapshot folder (its ``graph.trig``) or a store; both answer ``select``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..graph.namespace import ENTITY_CLASSES, RELATIONS
from ..views.viewgraph import TYPE_ORDER, _local, edge_key

#: Entity attributes compared by the diff (local name → predicate in SPARQL).
ATTRIBUTES = {"amountCNY": "zg:amountCNY", "issued": "dcterms:issued",
              "approvalDate": "zg:approvalDate", "gazetteerId": "zg:gazetteerId"}


@dataclass(frozen=True)
class Facts:
    """The comparable content of a graph."""

    entities: dict[str, tuple[str, str]] = field(default_factory=dict)  # iri → (label, type)
    relations: frozenset[tuple[str, str, str]] = frozenset()           # edge keys
    attributes: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    #: person → ((title, organization IRI), …)
    posts: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    #: The analysts' corrections the graph includes: id → row (``corrections``).
    corrections: dict[str, dict] = field(default_factory=dict)


CORRECTIONS = """
SELECT ?c ?action ?what ?note ?by ?when WHERE {
  ?c a zg:Correction ; zg:action ?action .
  OPTIONAL { ?c dcterms:description ?what } OPTIONAL { ?c rdfs:comment ?note }
  OPTIONAL { ?c prov:wasAttributedTo/rdfs:label ?by } OPTIONAL { ?c prov:generatedAtTime ?when }
}"""


def corrections(source) -> list[dict]:
    """The corrections (``zonegraph curate``) a graph includes, oldest first: id, action,
    what, note, by, when."""
    rows = [{"id": r["c"].rsplit("/", 1)[-1], "action": r["action"], "what": r.get("what", ""),
             "note": r.get("note", ""), "by": r.get("by", ""), "when": r.get("when", "")}
            for r in source.select(CORRECTIONS)]
    return sorted(rows, key=lambda r: (r["when"], r["id"]))


def read_facts(source) -> Facts:
    """Facts of anything with ``select`` (``GraphStore``, ``asof.MemoryGraph``)."""
    classes = " ".join(f"zg:{t}" for t in ENTITY_CLASSES)
    types: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for r in source.select(f"""SELECT ?e ?label ?cls WHERE {{
            VALUES ?cls {{ {classes} }} ?e a ?cls ; rdfs:label ?label }}"""):
        types.setdefault(r["e"], set()).add(_local(r["cls"]))
        labels[r["e"]] = min(labels.get(r["e"], r["label"]), r["label"])
    entities = {e: (labels[e], sorted(ts, key=TYPE_ORDER.index)[0]) for e, ts in types.items()}
    relations = " ".join(f"zg:{p}" for p in RELATIONS)
    edges = frozenset(edge_key(r["s"], _local(r["p"]), r["o"]) for r in source.select(
        f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {relations} }} ?s ?p ?o }}"))
    attributes: dict[tuple[str, str], set[str]] = {}
    values = " ".join(ATTRIBUTES.values())
    for r in source.select(f"SELECT ?e ?p ?v WHERE {{ VALUES ?p {{ {values} }} ?e ?p ?v }}"):
        attributes.setdefault((r["e"], _local(r["p"])), set()).add(r["v"])
    posts: dict[str, set[tuple[str, str]]] = {}
    for r in source.select("""SELECT ?person ?title ?org WHERE {
            ?person zg:holds ?pos . ?pos zg:title ?title ; zg:organization ?org }"""):
        posts.setdefault(r["person"], set()).add((r["title"], r["org"]))
    return Facts(entities, edges, {k: tuple(sorted(v)) for k, v in attributes.items()},
                 {k: tuple(sorted(v)) for k, v in posts.items()}, labels,
                 {r["id"]: r for r in corrections(source)})


@dataclass(frozen=True)
class Diff:
    """Changes from ``old`` to ``new``; every list sorted."""

    old_name: str
    new_name: str
    entities_added: list[dict]
    entities_removed: list[dict]
    relations_added: list[dict]
    relations_removed: list[dict]
    attributes_changed: list[dict]
    posts_changed: list[dict]
    corrections_added: list[dict] = field(default_factory=list)
    corrections_removed: list[dict] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.entities_added or self.entities_removed or self.relations_added
                    or self.relations_removed or self.attributes_changed or self.posts_changed
                    or self.corrections_added or self.corrections_removed)

    def as_dict(self) -> dict:
        return {"old": self.old_name, "new": self.new_name,
                "entities_added": self.entities_added, "entities_removed": self.entities_removed,
                "relations_added": self.relations_added,
                "relations_removed": self.relations_removed,
                "attributes_changed": self.attributes_changed,
                "posts_changed": self.posts_changed,
                "corrections_added": self.corrections_added,
                "corrections_removed": self.corrections_removed}


def compare(old: Facts, new: Facts, old_name: str = "old", new_name: str = "new") -> Diff:
    """The changes that turn ``old`` into ``new``.

    An attribute counts as changed when the entity is on both sides and its values differ
    (an attribute appearing with a new entity is part of that entity, not a change).
    """
    def label(iri: str) -> str:
        return new.labels.get(iri) or old.labels.get(iri) or iri

    def entity_rows(facts: Facts, iris) -> list[dict]:
        return sorted(({"iri": i, "label": facts.entities[i][0], "type": facts.entities[i][1]}
                       for i in iris), key=lambda r: (TYPE_ORDER.index(r["type"]), r["label"],
                                                      r["iri"]))

    def relation_rows(keys) -> list[dict]:
        return sorted(({"subject": s, "subject_label": label(s), "predicate": p, "object": o,
                        "object_label": label(o)} for s, p, o in keys),
                      key=lambda r: (r["predicate"], r["subject_label"], r["object_label"],
                                     r["subject"], r["object"]))

    both = set(old.entities) & set(new.entities)
    changed = []
    for key in sorted(set(old.attributes) | set(new.attributes)):
        if key[0] in both and old.attributes.get(key, ()) != new.attributes.get(key, ()):
            changed.append({"iri": key[0], "label": label(key[0]), "attribute": key[1],
                            "old": list(old.attributes.get(key, ())),
                            "new": list(new.attributes.get(key, ()))})
    posts = []
    for person in sorted(set(old.posts) | set(new.posts)):
        if person in both and old.posts.get(person, ()) != new.posts.get(person, ()):
            posts.append({"iri": person, "label": label(person),
                          "old": [f"{label(o)} {t}" for t, o in old.posts.get(person, ())],
                          "new": [f"{label(o)} {t}" for t, o in new.posts.get(person, ())]})
    return Diff(old_name, new_name,
                entity_rows(new, set(new.entities) - set(old.entities)),
                entity_rows(old, set(old.entities) - set(new.entities)),
                relation_rows(new.relations - old.relations),
                relation_rows(old.relations - new.relations),
                sorted(changed, key=lambda r: (r["label"], r["attribute"], r["iri"])),
                sorted(posts, key=lambda r: (r["label"], r["iri"])),
                [r for i, r in new.corrections.items() if i not in old.corrections],
                [r for i, r in old.corrections.items() if i not in new.corrections])


def md_cell(text: object) -> str:
    """Text for one Markdown table cell: pipes escaped, line breaks flattened, and the
    characters of HTML markup escaped — Markdown renderers pass raw HTML through, and
    document text is untrusted."""
    text = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def diff_markdown(d: Diff, heading: str = "##") -> str:
    """The diff as Markdown sections (only the non-empty ones)."""
    out = []
    if d.empty:
        return "No changes.\n"
    for title, rows in (("Entities added", d.entities_added),
                        ("Entities removed", d.entities_removed)):
        if rows:
            out += [f"{heading} {title} ({len(rows)})", "", "| entity | type |", "| --- | --- |"]
            out += [f"| {md_cell(r['label'])} | {r['type']} |" for r in rows] + [""]
    for title, rows in (("Relations added", d.relations_added),
                        ("Relations removed", d.relations_removed)):
        if rows:
            out += [f"{heading} {title} ({len(rows)})", "", "| subject | relation | object |",
                    "| --- | --- | --- |"]
            out += [f"| {md_cell(r['subject_label'])} | {r['predicate']} |"
                    f" {md_cell(r['object_label'])} |" for r in rows] + [""]
    if d.attributes_changed:
        out += [f"{heading} Attributes changed ({len(d.attributes_changed)})", "",
                "| entity | attribute | old | new |", "| --- | --- | --- | --- |"]
        out += [f"| {md_cell(r['label'])} | {r['attribute']} | {md_cell(', '.join(r['old']))} | "
                f"{md_cell(', '.join(r['new']))} |" for r in d.attributes_changed] + [""]
    if d.posts_changed:
        out += [f"{heading} Posts changed ({len(d.posts_changed)})", "",
                "| person | old posts | new posts |", "| --- | --- | --- |"]
        out += [f"| {md_cell(r['label'])} | {md_cell('; '.join(r['old']))} | "
                f"{md_cell('; '.join(r['new']))} |" for r in d.posts_changed] + [""]
    for title, rows in (("Corrections added", d.corrections_added),
                        ("Corrections withdrawn", d.corrections_removed)):
        if rows:
            out += [f"{heading} {title} ({len(rows)})", "", "| id | action | what | note | by | when |",
                    "| --- | --- | --- | --- | --- | --- |"]
            out += ["| " + " | ".join(md_cell(r[k]) for k in ("id", "action", "what", "note", "by",
                                                            "when")) + " |" for r in rows] + [""]
    return "\n".join(out)


def format_diff(d: Diff, fmt: str) -> str:
    """``md`` (a titled Markdown document) or ``json``."""
    if fmt == "json":
        return json.dumps(d.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    counts = (f"{len(d.entities_added)} entities added, {len(d.entities_removed)} removed; "
              f"{len(d.relations_added)} relations added, {len(d.relations_removed)} removed; "
              f"{len(d.attributes_changed)} attributes and {len(d.posts_changed)} posts changed"
              + (f"; {len(d.corrections_added)} corrections added, "
                 f"{len(d.corrections_removed)} withdrawn"
                 if d.corrections_added or d.corrections_removed else ""))
    return f"# Changes from {md_cell(d.old_name)} to {md_cell(d.new_name)}\n\n{counts}\n\n" + \
        diff_markdown(d)
