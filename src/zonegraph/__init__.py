"""ZoneGraph: knowledge graphs of China's national-level new areas from Chinese news.

The pipeline runs one way: ingest → normalize → segment → extract → link → graph → store;
``zonegraph.build.pipeline`` wires the stages and ``zonegraph.cli.main`` is a thin layer on top.

In Python, ``zonegraph.open(store)`` reads a built store and ``zonegraph.build(paths,
store=…)`` builds one (``zonegraph.api``, imported on first use so that ``import zonegraph``
stays cheap)::

    import zonegraph
    report = zonegraph.build("data/samples", store="zonegraph-data")
    g = zonegraph.open("zonegraph-data")
    g.named("zones")
"""
import types as _types

from . import build as _build_stage  # the stage's __init__ is only a docstring: cheap

__version__ = "0.1.0"

#: Names this package takes from ``zonegraph.api`` when first asked for.
_API = ("open", "ZoneGraph", "View")


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'zonegraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])


class _CallableBuild(_types.ModuleType):
    """``zonegraph.build`` is the build stage's package (``zonegraph.build.pipeline`` …)
    and, called, ``zonegraph.api.build``: the import system makes the attribute the
    package, so the package is made callable instead of shadowing it with a function."""

    def __call__(self, paths, store=None, **options):
        """Build ``paths`` into ``store`` and return the report: ``zonegraph.api.build``."""
        from .api import build

        return build(paths, store, **options)


_build_stage.__class__ = _CallableBuild
