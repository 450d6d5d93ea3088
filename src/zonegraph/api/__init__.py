"""The notebook face: ZoneGraph as a Python library for researchers in Jupyter.

``zonegraph.open(store)`` gives a read-only ``ZoneGraph`` handle (``handle``) whose methods
answer in pandas DataFrames (query results converted to Python values by ``values``),
networkx graphs, rdflib's Dataset and inline views (``view``); ``zonegraph.build(paths,
store=…)`` (``builder``) builds files into a store and returns the build's report.

The top of every face: may import every stage (ingest, extract, graph, store, pipeline) and
the faces sparql, views and reports; never ``cli`` (the command line and this API are two
thin layers over the same library functions), and nothing but ``zonegraph/__init__.py``
imports it.
"""
from __future__ import annotations

from .builder import build
from .handle import ZoneGraph, open
from .view import View

__all__ = ["open", "build", "ZoneGraph", "View"]
