"""Asking the graph: SPARQL on the store or a remote endpoint (``run``, ``query``), the
killable query worker (``worker``), query text handling (``text``), the named research
questions in ``queries/`` (``named``), ``find`` by name, the read-only endpoint
(``serve``, ``entity_page``) and pushing to a shared server (``remote``).

May import ``store``, ``graph`` and ``ingest``; never ``pipeline``, ``views``, ``reports``
or ``cli``.
"""
