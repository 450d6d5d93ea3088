"""The ZoneGraph vocabulary as a closed rdflib namespace.

``ontology/zonegraph.ttl`` is the single place terms are defined; this module mirrors it so
that a misspelt term fails at import time rather than silently in a query (a test checks
the two agree).
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/zonegraph/ontology#"
#: Entities, positions, evidence, articles and documents live under this base.
ID = Namespace("https://w3id.org/zonegraph/id/")
#: One named graph per document, named after the document's sha256.
GRAPH = Namespace("https://w3id.org/zonegraph/graph/")
#: The named graph of the analysts' corrections (``zonegraph curate``).
CURATION_GRAPH = GRAPH["curation"]
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")


class ZG(DefinedNamespace):
    """Terms of ``ontology/zonegraph.ttl``."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI)

    # classes
    Entity: URIRef
    Zone: URIRef
    Park: URIRef
    Enterprise: URIRef
    Institution: URIRef
    GovernmentBody: URIRef
    Person: URIRef
    Fund: URIRef
    Policy: URIRef
    Program: URIRef
    Place: URIRef
    Event: URIRef
    Position: URIRef
    Document: URIRef
    Article: URIRef
    Evidence: URIRef
    # relations between entities
    memberOf: URIRef
    locatedIn: URIRef
    partOf: URIRef
    cooperatesWith: URIRef
    issuedBy: URIRef
    launchedBy: URIRef
    # posts
    holds: URIRef
    organization: URIRef
    title: URIRef
    # attributes
    amountCNY: URIRef
    gazetteerId: URIRef
    approvalDate: URIRef
    mergedBy: URIRef
    # provenance
    inDocument: URIRef
    sha256: URIRef
    fileName: URIRef
    series: URIRef
    issueNumber: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    confidence: URIRef
    extractedBy: URIRef
    planned: URIRef
    textDate: URIRef
    dateFrom: URIRef
    sourceFrom: URIRef
    metadataSha256: URIRef
    # curation (zonegraph curate)
    Correction: URIRef
    action: URIRef
    target: URIRef
    keep: URIRef
    newLabel: URIRef
    newType: URIRef
    newNode: URIRef
    forDocument: URIRef
    curated: URIRef


ENTITY_CLASSES = {name: ZG[name] for name in (
    "Zone", "Park", "Enterprise", "Institution", "GovernmentBody", "Person", "Fund", "Policy",
    "Program", "Place", "Event")}
RELATIONS = {name: ZG[name] for name in (
    "memberOf", "locatedIn", "partOf", "cooperatesWith", "issuedBy", "launchedBy")}

#: Prefixes predeclared for every query and bound in every export.
PREFIXES = {
    "zg": ONTOLOGY_IRI,
    "zgid": str(ID),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": str(ORG),
    "schema": str(SCHEMA),
}
