"""ZoneGraph: knowledge graphs of China's national-level new areas from Chinese news.

The pipeline runs one way: ingest → normalize → segment → extract → link → graph → store;
``zonegraph.build.pipeline`` wires the stages and ``zonegraph.cli.main`` is a thin layer on top.
"""
__version__ = "0.1.0"
