"""A static figure of the zone-cooperation network for reports: SVG and PNG.

matplotlib is not a dependency, so the figure is drawn directly: one ``Figure`` (positions,
sizes, colours, labels) computed once, then written as SVG by hand — labels stay text, so
they can be searched, copied and edited — and rasterized to PNG with Pillow. Chinese
labels need a CJK font: Noto Sans CJK comes with the ``manimgx-fonts-cjk`` package (SIL
OFL 1.1, a project dependency, so a fresh install has it); Debian's ``fonts-noto-cjk`` or
``$ZONEGRAPH_CJK_FONT`` are used when it is missing. The SVG names the same family first
and common Chinese system fonts after it. The layout is seeded, so the same graph gives
the same picture.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ZoneGraphError
from ..views.viewgraph import ViewGraph, article_count

FONT_FAMILY = ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
               "WenQuanYi Micro Hei", "sans-serif")
SYSTEM_FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                "/usr/share/fonts/opentype/noto/NotoSansCJK-Medium.ttc",
                "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
WIDTH, HEIGHT, MARGIN = 1200, 900, 90
LABEL_SIZE, TITLE_SIZE = 15, 20
ZONE_COLOR, PARTNER_COLOR, EDGE_COLOR = "#d62728", "#1f77b4", "#e6550d"


@dataclass(frozen=True)
class FontFile:
    """A font file, the face to use in a collection, and its variable-font instance."""

    path: Path
    index: int = 0
    variation: str = ""

    def load(self, size: int):
        from PIL import ImageFont

        font = ImageFont.truetype(str(self.path), size, index=self.index)
        if self.variation:
            font.set_variation_by_name(self.variation)
        return font


def _face_index(path: Path, want: str = "SC") -> int:
    """The face of a collection whose family ends with ``want`` (simplified Chinese)."""
    from PIL import ImageFont

    for i in range(16):
        try:
            family = ImageFont.truetype(str(path), 12, index=i).getname()[0] or ""
        except OSError:
            break
        if family.endswith(" " + want):
            return i
    return 0


def find_cjk_font() -> FontFile:
    """The CJK font to draw labels with (see the module docstring for the search order)."""
    env = os.environ.get("ZONEGRAPH_CJK_FONT")
    if env:
        if not Path(env).is_file():
            raise ZoneGraphError(f"{env}: ZONEGRAPH_CJK_FONT is not a font file")
        return FontFile(Path(env), _face_index(Path(env)))
    try:
        import manimgx_fonts_cjk

        path = Path(manimgx_fonts_cjk.__file__).with_name("NotoSansCJK-VF.otf.ttc")
        if path.is_file():
            # the variable font's default instance is Thin; labels need Regular
            return FontFile(path, _face_index(path), "Regular")
    except ImportError:
        pass
    for name in SYSTEM_FONTS:
        if Path(name).is_file():
            return FontFile(Path(name), _face_index(Path(name)))
    raise ZoneGraphError("no CJK font found: install manimgx-fonts-cjk (pip) or fonts-noto-cjk "
                         "(apt), or set ZONEGRAPH_CJK_FONT to a .ttf/.otf/.ttc file")


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    r: float
    label: str
    color: str


@dataclass(frozen=True)
class Edge:
    a: tuple[float, float]
    b: tuple[float, float]
    width: float
    articles: int


@dataclass(frozen=True)
class Figure:
    """Everything drawn, in pixels of a ``WIDTH`` × ``HEIGHT`` canvas."""

    title: str
    subtitle: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def layout_figure(view: ViewGraph, title: str, subtitle: str = "", *, seed: int = 0) -> Figure:
    """Place the nodes of a cooperation view (``viewgraph.cooperation``) on the canvas."""
    from ..views.analyze import to_networkx
    from ..views.layout import precomputed_layout

    G = to_networkx(view)
    pos = precomputed_layout(G, seed=seed) if len(G) else {}
    if pos:
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        w, h = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
        scale = min((WIDTH - 2 * MARGIN) / w, (HEIGHT - 2 * MARGIN - 40) / h)
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        pos = {n: (round(WIDTH / 2 + (x - cx) * scale, 1),
                   round(HEIGHT / 2 + 20 + (y - cy) * scale, 1)) for n, (x, y) in pos.items()}
        if len(pos) == 1:
            pos = {n: (WIDTH / 2, HEIGHT / 2) for n in pos}
    strength = {n: sum(d["weight"] for _, _, d in G.edges(n, data=True)) for n in G}
    nodes = tuple(Node(*pos[i], round(7 + 3 * min(strength[i], 8) ** 0.8, 1), view.nodes[i].label,
                       ZONE_COLOR if view.nodes[i].type == "Zone" else PARTNER_COLOR)
                  for i in sorted(view.nodes))
    edges = tuple(Edge(pos[s], pos[o], float(min(1 + article_count(ev), 8)), article_count(ev))
                  for (s, _, o), ev in sorted(view.edges.items())
                  if s in pos and o in pos and s != o)
    return Figure(title, subtitle, nodes, edges)


def _xml(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def figure_svg(fig: Figure) -> str:
    """The figure as an SVG document (labels as ``<text>``)."""
    family = ", ".join(f"'{f}'" if " " in f else f for f in FONT_FAMILY)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{_xml(family)}">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
           f'<text x="24" y="40" font-size="{TITLE_SIZE}" fill="#222">{_xml(fig.title)}</text>']
    if fig.subtitle:
        out.append(f'<text x="24" y="66" font-size="13" fill="#555">{_xml(fig.subtitle)}</text>')
    out.append(f'<g stroke="{EDGE_COLOR}" stroke-opacity="0.6" stroke-linecap="round">')
    for e in fig.edges:
        out.append(f'<line x1="{e.a[0]}" y1="{e.a[1]}" x2="{e.b[0]}" y2="{e.b[1]}" '
                   f'stroke-width="{e.width:g}"><title>{e.articles} article(s)</title></line>')
    out.append('</g><g stroke="#ffffff" stroke-width="1.5">')
    for n in fig.nodes:
        out.append(f'<circle cx="{n.x}" cy="{n.y}" r="{n.r}" fill="{n.color}"/>')
    out.append(f'</g><g font-size="{LABEL_SIZE}" fill="#111" text-anchor="middle" '
               'paint-order="stroke" stroke="#ffffff" stroke-width="3">')
    for n in fig.nodes:
        out.append(f'<text x="{n.x}" y="{round(n.y + n.r + LABEL_SIZE + 2, 1)}">'
                   f'{_xml(n.label)}</text>')
    out.append("</g>")
    out += _legend_svg()
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _legend_svg() -> list[str]:
    y = HEIGHT - 30
    return ['<g font-size="13" fill="#333">',
            f'<circle cx="30" cy="{y}" r="7" fill="{ZONE_COLOR}"/>',
            f'<text x="44" y="{y + 5}">国家级新区 zone</text>',
            f'<circle cx="190" cy="{y}" r="7" fill="{PARTNER_COLOR}"/>',
            f'<text x="204" y="{y + 5}">合作方 partner</text>',
            f'<line x1="340" y1="{y}" x2="380" y2="{y}" stroke="{EDGE_COLOR}" stroke-width="4"/>',
            f'<text x="388" y="{y + 5}">线宽 = 文章数 width = articles</text>', "</g>"]


def label_box(fig: Figure, label: str, font: FontFile) -> tuple[int, int, int, int]:
    """Pixel box (left, top, right, bottom) where ``render_png`` draws ``label``."""
    node = next((n for n in fig.nodes if n.label == label), None)
    if node is None:
        raise ZoneGraphError(f"{label}: not in the figure")
    f = font.load(LABEL_SIZE)
    x, y = node.x, node.y + node.r + LABEL_SIZE + 2
    left, top, right, bottom = f.getbbox(label, anchor="ms")
    return (int(x + left), int(y + top), int(x + right) + 1, int(y + bottom) + 1)


def render_png(fig: Figure, out: Path, font: FontFile | None = None) -> None:
    """Rasterize the figure with Pillow, labels drawn in ``font`` (a CJK font)."""
    from PIL import Image, ImageDraw

    font = font or find_cjk_font()
    img = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(img, "RGBA")
    label_font, title_font, small = font.load(LABEL_SIZE), font.load(TITLE_SIZE), font.load(13)
    draw.text((24, 40), fig.title, font=title_font, fill="#222222", anchor="ls")
    if fig.subtitle:
        draw.text((24, 66), fig.subtitle, font=small, fill="#555555", anchor="ls")
    for e in fig.edges:
        draw.line([e.a, e.b], fill=(230, 85, 13, 153), width=max(1, round(e.width)))
    for n in fig.nodes:
        draw.ellipse([n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r], fill=n.color,
                     outline="#ffffff", width=2)
    for n in fig.nodes:
        draw.text((n.x, n.y + n.r + LABEL_SIZE + 2), n.label, font=label_font, fill="#111111",
                  anchor="ms", stroke_width=2, stroke_fill="#ffffff")
    y = HEIGHT - 30
    for cx, color, text in ((30, ZONE_COLOR, "国家级新区 zone"),
                            (190, PARTNER_COLOR, "合作方 partner")):
        draw.ellipse([cx - 7, y - 7, cx + 7, y + 7], fill=color)
        draw.text((cx + 14, y + 5), text, font=small, fill="#333333", anchor="ls")
    draw.line([(340, y), (380, y)], fill=EDGE_COLOR, width=4)
    draw.text((388, y + 5), "线宽 = 文章数 width = articles", font=small, fill="#333333",
              anchor="ls")
    out = Path(out)
    img.save(out, format="PNG", optimize=True)
