"""Looking at the graph: the selection a view shows (``viewgraph``), network figures
(``analyze``), positions for big graphs (``layout``), the self-contained pyvis page
(``page``, with ``resources/``) and headless Chromium (``browser``).

May import ``store``, ``graph`` and ``ingest``; never ``sparql``, ``reports`` or ``cli``.
"""
