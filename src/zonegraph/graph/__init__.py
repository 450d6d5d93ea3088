"""From mentions to RDF: one entity per real thing (``link``), the ontology's terms as
Python names (``namespace``, mirroring ``ontology/``), and a document's triples and
N-Quads (``triples``).

May import ``ingest`` and ``extract``; never ``store`` or anything later.
"""
