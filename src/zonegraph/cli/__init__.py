"""The ``zonegraph`` command line (click): one module per command group.

``main`` holds the group and registers the commands of ``build`` (build, remove, stats,
export, validate), ``sparql`` (query, find, serve, push), ``views`` (view, analyze) and
``snapshot`` (snapshot, diff) and ``curate`` (the curate group); ``options`` holds what they share and imports none of them.
Commands only parse options and call the library; they may import every other subpackage,
and nothing outside ``cli`` imports them.
"""
