"""ZoneGraph: knowledge graphs of China's national-level new areas from Chinese news.

The pipeline runs one way: ingest → normalize → segment → extract → link → graph → store;
``zonegraph.pipeline.run`` wires the stages and ``zonegraph.cli.main`` is a thin layer on top.

In Python, ``zonegraph.open(store)`` reads a built store and ``zonegraph.build(paths,
store=…)`` builds one (``zonegraph.api``, imported on first use so that ``import zonegraph``
stays cheap)::

    import zonegraph
    report = zonegraph.build("data/samples", store="zonegraph-data")
    g = zonegraph.open("zonegraph-data")
    g.named("zones")
"""
__version__ = "0.1.0"

#: Names this package takes from ``zonegraph.api`` when first asked for.
_API = ("open", "build", "ZoneGraph", "View")


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'zonegraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
