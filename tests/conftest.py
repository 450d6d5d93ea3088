"""Shared fixtures: one NLP pipeline and one built sample store per test session.

Loading the spaCy/jieba pipeline takes a second or two and building the five sample
documents a few more, so both happen once per session; tests that change a store work on
a copy of it. Test texts are written for these tests (see each module), except the
project's own sample corpus in ``data/samples/`` (invented texts, see its README).
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from zonegraph.cli.main import cli

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"
# The view benchmark's synthetic graphs (bench/viz_bench.py) serve the view tests too.
sys.path.insert(0, str(REPO / "bench"))
#: The sample files ZoneGraph reads (the folder also holds a README.md, which it skips).
SAMPLE_FILES = ("jiangbei_brief.docx", "newsletter_2023_q3.txt", "newsletter_2024_q1.txt",
                "tianfu_news.html", "xiongan_report.pdf")


@pytest.fixture(scope="session")
def extractor():
    """The real extraction pipeline, loaded once."""
    from zonegraph.extract import Extractor

    return Extractor()


def _share_extractor(monkeypatch: pytest.MonkeyPatch, extractor) -> None:
    # ``pipeline.build`` loads a fresh pipeline per build; hand it the session's instead
    # (same class, same data) so CLI tests do not pay the load time again.
    import zonegraph.pipeline.run

    monkeypatch.setattr(zonegraph.pipeline.run, "Extractor", lambda data_dir="": extractor)


@pytest.fixture
def run_cli(monkeypatch, extractor):
    """Run ``zonegraph ARGS...`` in-process with click's CliRunner."""
    _share_extractor(monkeypatch, extractor)
    runner = CliRunner()

    def run(*args: object):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return run


class SampleStore:
    """The sample corpus built once: store folder, the --out TriG file and the build output."""

    def __init__(self, root: Path, output: str):
        self.root = root
        self.store = root / "store"
        self.trig = root / "graph.trig"
        self.output = output


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory, extractor) -> SampleStore:
    root = tmp_path_factory.mktemp("sample")
    with pytest.MonkeyPatch.context() as mp:
        _share_extractor(mp, extractor)
        result = CliRunner().invoke(
            cli, ["build", str(SAMPLES), "--store", str(root / "store"),
                  "--out", str(root / "graph.trig")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return SampleStore(root, result.output)


@pytest.fixture
def store_copy(sample_store, tmp_path) -> Path:
    """A private copy of the built sample store, for tests that change it."""
    dest = tmp_path / "store"
    shutil.copytree(sample_store.store, dest)
    return dest


@pytest.fixture
def read_quads():
    """``read_quads(store)`` → set of (s, p, o, graph): s, p, o in N-Triples syntax (as
    rdflib's ``term.n3()`` writes them), graph the IRI of a named graph or '' for the
    default graph."""
    import pyoxigraph as ox

    from zonegraph.store.graph_store import GraphStore

    def read(store: Path) -> set[tuple[str, str, str, str]]:
        with GraphStore(store, read_only=True) as gs:
            return {(str(q.subject), str(q.predicate), str(q.object),
                     "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value)
                    for q in gs.ox.quads_for_pattern(None, None, None, None)}

    return read


@pytest.fixture(scope="session")
def sample_view(sample_store):
    """The sample store's view graph (``zonegraph.views.viewgraph.ViewGraph``), loaded once."""
    from zonegraph.store.graph_store import GraphStore
    from zonegraph.views.viewgraph import load_view_graph

    with GraphStore(sample_store.store, read_only=True) as gs:
        return load_view_graph(gs)


#: Markup planted in a document: if any of it ran, ``window.__zgPwned`` would be set.
XSS_DOCUMENT = (
    "两江新区动态<script>window.__zgPwned=1</script>\n"
    "5月8日，两江新区与天府新区签署数字经济合作协议<img src=x onerror=\"window.__zgPwned=2\">，"
    "双方将共建跨区域算力调度平台<script>window.__zgPwned=3</script>。\n"
    "（来源：测试网<b>粗体</b>）\n")


@pytest.fixture(scope="session")
def xss_store(tmp_path_factory, extractor) -> Path:
    """A store built from one document whose title, sentence and source carry markup."""
    root = tmp_path_factory.mktemp("xss")
    (root / "corpus").mkdir()
    (root / "corpus" / "xss.txt").write_text(XSS_DOCUMENT, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        _share_extractor(mp, extractor)
        result = CliRunner().invoke(cli, ["build", str(root / "corpus"), "--store",
                                          str(root / "store")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "store"


def image_only_pdf() -> bytes:
    """A PDF page with a drawn rectangle and no text layer (what a scan gives)."""
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.rect(100, 100, 300, 200, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()
