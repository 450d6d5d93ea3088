"""The on-disk Oxigraph store: documents written whole (``graph_store``), one writer and
many readers through published checkpoints (``access``), analysts' corrections kept beside
the documents (``corrections``) and applied on top of them (``curation``), counts
(``stats``) and the SHACL check of what it holds (``validate``).

May import ``graph`` (IRIs and terms), ``extract`` (the types and predicates it counts)
and ``ingest``; never ``pipeline`` or a face.
"""
