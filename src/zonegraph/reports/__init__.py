"""Dated outputs for reports: the graph as of a date (``asof``), snapshot folders
(``snapshot``) with tables, figures and a written report (``tables``, ``figure``,
``report``), and what changed between two of them (``diff``).

May import ``views``, ``store`` and ``graph``; never ``pipeline``, ``sparql`` or ``cli``.
"""
