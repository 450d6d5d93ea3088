"""A view that shows itself in Jupyter: the same self-contained page ``zonegraph view``
writes, held in memory, drawn inline in a sandboxed frame and saved on request."""
from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path

#: Height of the inline frame in a notebook (the page fills it; its panel scrolls).
FRAME_HEIGHT = "640px"


@dataclass(frozen=True)
class View:
    """An interactive network view: ``html`` is the whole page (vis-network inlined, no
    network access needed), ``nodes``/``edges`` what it draws, ``notes`` the filters and
    roll-ups applied.

    In Jupyter the view renders inline (``_repr_html_``) inside an ``<iframe srcdoc>`` with
    ``sandbox="allow-scripts"``: the page's scripts run, isolated from the notebook, and
    document text in it stays the escaped data it is in the file.

    Example::

        v = g.view(focus="两江新区", depth=2)
        v                      # in a notebook: the network, inline
        v.save("liangjiang.html")
    """

    html: str
    title: str
    nodes: int
    edges: int
    notes: tuple[str, ...] = ()
    precomputed: bool = False

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" title='
                f'"{html.escape(self.title, quote=True)}" sandbox="allow-scripts" '
                f'style="width:100%;height:{FRAME_HEIGHT};border:1px solid #ccc"></iframe>')

    def __repr__(self) -> str:
        return f"<View {self.title!r}: {self.nodes} nodes, {self.edges} edges>"

    def save(self, path: str | os.PathLike) -> Path:
        """Write the page to ``path`` (complete or not at all) — the same bytes
        ``zonegraph view --out PATH`` writes for the same selection — and return the path.

        Example::

            g.view(cooperation=True, since="2024").save("cooperation-2024.html")
        """
        from ..views.page import write_page

        return write_page(self.html, Path(path))
