"""SHACL validation of the store against ``ontology/shapes.ttl``.

Each document's named graph is validated on its own (with the ontology as the ontology
graph and no inference: RDFS inference would turn a wrongly typed subject into a valid
one instead of reporting it).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import ZoneGraphError
from ..graph.namespace import CURATION_GRAPH
from .graph_store import GraphStore, ontology_dir


@dataclass
class ValidationReport:
    conforms: bool = True
    documents: int = 0
    problems: list[str] = field(default_factory=list)


def validate_store(store: GraphStore) -> ValidationReport:
    import pyoxigraph as ox
    import pyshacl
    from rdflib import Graph, Namespace

    shapes_path = ontology_dir() / "shapes.ttl"
    onto_path = ontology_dir() / "zonegraph.ttl"
    if not shapes_path.exists():
        raise ZoneGraphError(f"{shapes_path}: SHACL shapes not found")
    shapes = Graph().parse(shapes_path, format="turtle")
    onto = Graph().parse(onto_path, format="turtle")
    report = ValidationReport()
    SH = Namespace("http://www.w3.org/ns/shacl#")
    curation = ox.NamedNode(str(CURATION_GRAPH))
    for g in store.document_graph_names() + ([curation] if store.ox.contains_named_graph(
            curation) else []):  # each document's graph, and the corrections
        data = Graph()
        buf = ox.serialize(list(q.triple for q in store.ox.quads_for_pattern(None, None, None, g)),
                           format=ox.RdfFormat.N_TRIPLES)
        data.parse(data=buf.decode("utf-8"), format="nt")
        conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=onto,
                                                inference="none", allow_warnings=True)
        report.documents += g != curation
        if not conforms:
            report.conforms = False
            for res in results.subjects(SH.resultMessage, None):
                focus = results.value(res, SH.focusNode)
                msg = results.value(res, SH.resultMessage)
                report.problems.append(f"{g.value}: {focus}: {msg}")
    return report
