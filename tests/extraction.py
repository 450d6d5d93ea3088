"""What the extraction tests read from an ``Extraction``: one article through the real
pipeline, and its names, relations and posts as plain sets and lists."""
from __future__ import annotations

from zonegraph.ingest.normalize import normalize


def extract(extractor, body, title="", date="2024-03-01"):
    """``body`` (and ``title``) normalized as the build does, then extracted."""
    return extractor.extract(normalize(title).text, normalize(body).text, date)


def names(ex, etype):
    """The names of the mentions of ``etype``, in text order (linked name, else text)."""
    return [m.name or m.text for m in ex.mentions if m.type == etype]


def rels(ex, predicate):
    """(subject, object) names of the relations of ``predicate``."""
    return {(r.subject.name or r.subject.text, r.object.name or r.object.text)
            for r in ex.relations if r.predicate == predicate}


def posts(ex):
    """(person, organization, title) of every post."""
    return {(p.person.text, p.organization.name or p.organization.text, p.title) for p in ex.posts}
