"""Bad input: whatever researchers feed ZoneGraph — empty, binary, damaged, encrypted or
image-only files, old encodings, giant one-line texts, script-stuffed pages, odd file
names, unreadable folders, broken queries, unusable store paths.

Each bad input gives one ``error: FILE: reason`` line, the rest of the run goes on, the exit
code says something failed, and the store is exactly as before for the failed input.
The texts are written for these tests; the damaged files are made here from them.
"""
from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from zonegraph.cli.main import cli
from zonegraph.errors import InputError
from zonegraph.ingest.read import read_document
from zonegraph.ingest.normalize import normalize
from zonegraph.ingest.segment import segment

from conftest import _share_extractor
from conftest import image_only_pdf as _image_only_pdf

GOOD = ("舟山群岛新区推进绿色石化基地建设\n"
        "6月3日，浙江舟山群岛新区召开绿色石化产业推进会，部署下半年重点工作。\n"
        "（来源：舟山新区官网）\n")
COOPERATION = ("两江新区动态\n"
               "5月8日，重庆两江新区与四川天府新区签署数字经济合作协议，双方将共建跨区域算力调度平台。\n"
               "（来源：测试网）\n")
TRADITIONAL = ("兩江新區動態\n"
               "5月8日，重慶兩江新區與四川天府新區簽署數字經濟合作協議，雙方將共建跨區域算力調度平台。\n"
               "（來源：測試網）\n")
MIXED = ("两江新区動態\n"
         "5月8日，重庆两江新區与四川天府新区签署數字經濟合作协议，双方将共建跨区域算力调度平台。\n"
         "（来源：测试网）\n")


def _pdf(lines: list[str], **canvas_args) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1, **canvas_args)
    c.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        c.drawString(72, 760 - 20 * i, line)
    c.showPage()
    c.save()
    return buf.getvalue()


PDF_LINES = ["滇中新区召开重点项目推进会", "会议要求加快推进产业园区基础设施建设。"]
SCRIPTS = "<script>var banner = '脚本里的宣传语'; document.write('<p>脚本写出的段落</p>');</script>"


def _noise(n: int) -> bytes:
    return random.Random(n).randbytes(n)


#: name, bytes (a callable, so nothing is made at import), words the reason must contain.
BAD_FILES = [
    ("empty.txt", lambda: b"", ["empty file"]),
    ("blank lines.txt", lambda: b" \r\n\t\n  ", ["empty file"]),
    ("noise.txt", lambda: _noise(4096), ["undecodable", "binary"]),
    ("photo.txt", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _noise(3000), ["binary", "undecodable"]),
    ("truncated.pdf", lambda: _pdf(PDF_LINES)[:700], ["truncated"]),
    ("corrupt.pdf", lambda: b"%PDF-1.4\n" + _noise(3000) + b"\n%%EOF\n", ["corrupt"]),
    ("encrypted.pdf", lambda: _pdf(PDF_LINES, encrypt="secret"), ["encrypted PDF", "password"]),
    ("scan.pdf", _image_only_pdf, ["no text layer", "OCR is not supported"]),
    ("error page.pdf", lambda: b"<html><body>404 Not Found</body></html>", ["not a PDF"]),
    ("cut off.docx", lambda: _docx(GOOD)[:900], [".docx"]),
    ("only scripts.html", lambda: ("<html><head>" + SCRIPTS * 300 + "</head><body>" + SCRIPTS
                                   + "</body></html>").encode(), ["no text found"]),
    ("新区 简报（空）.txt", lambda: b"", ["empty file"]),
]


def _docx(text: str) -> bytes:
    import docx

    buf = io.BytesIO()
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(buf)
    return buf.getvalue()


def _error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def _quads(store: Path) -> set[tuple[str, str, str, str]]:
    import pyoxigraph as ox

    from zonegraph.store.access import open_read_only

    st = open_read_only(store)
    return {(str(q.subject), str(q.predicate), str(q.object),
             "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value)
            for q in st.quads_for_pattern(None, None, None, None)}


class BadBuild:
    def __init__(self, corpus: Path, store: Path, before: set, after: set, result):
        self.corpus, self.store, self.before, self.after, self.result = (
            corpus, store, before, after, result)


@pytest.fixture(scope="module")
def bad_build(sample_store, extractor, tmp_path_factory) -> BadBuild:
    """The sample store, then one build of a folder holding every bad file, a FIFO, a
    dangling link and one good file (its name has spaces and hanzi)."""
    root = tmp_path_factory.mktemp("bad")
    corpus, store = root / "corpus", root / "store"
    corpus.mkdir()
    shutil.copytree(sample_store.store, store)
    for name, make, _ in BAD_FILES:
        (corpus / name).write_bytes(make())
    os.mkfifo(corpus / "pipe.txt")  # reading it would wait forever for a writer
    (corpus / "gone.txt").symlink_to(root / "deleted.txt")
    (corpus / "舟山 新区 动态 (1).txt").write_text(GOOD, encoding="utf-8")
    before = _quads(store)
    with pytest.MonkeyPatch.context() as mp:
        _share_extractor(mp, extractor)
        result = CliRunner().invoke(cli, ["build", str(corpus), "--store", str(store)])
    return BadBuild(corpus, store, before, _quads(store), result)


@pytest.mark.parametrize("name,words", [(n, w) for n, _, w in BAD_FILES]
                         + [("pipe.txt", ["not a regular file"]), ("gone.txt", ["no such file"])])
def test_each_bad_file_is_one_error_line_naming_it_and_why(bad_build, name, words):
    path = bad_build.corpus / name
    mine = [line for line in _error_lines(bad_build.result) if str(path) in line]
    assert len(mine) == 1, _error_lines(bad_build.result)
    assert mine[0].startswith(f"error: {path}: ")
    reason = mine[0][len(f"error: {path}: "):]
    assert any(w in reason for w in words), reason


def test_bad_files_fail_the_run_but_the_good_file_is_built(bad_build):
    result = bad_build.result
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    failed = len(BAD_FILES) + 2
    assert len(_error_lines(result)) == failed
    assert f"documents: 1 built, 0 unchanged, {failed} failed" in result.stdout


def test_store_is_as_before_but_for_the_good_file(bad_build):
    added, removed = bad_build.after - bad_build.before, bad_build.before - bad_build.after
    assert not removed
    graphs = {g for *_, g in added if g}
    assert len(graphs) == 1  # the good file's graph, and nothing from a bad one
    good_graph = {q[:3] for q in added if q[3]}
    assert {q[:3] for q in added if not q[3]} <= good_graph
    assert any("舟山 新区 动态 (1).txt" in q[2] for q in added)  # zg:fileName as written


# ------------------------------------------------------------------ encodings

def _read(tmp_path: Path, data: bytes, name: str = "news.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(path)


@pytest.mark.parametrize("codec,text", [
    ("utf-16-le", COOPERATION), ("utf-16-be", COOPERATION),  # no BOM, hanzi only: no zero bytes
    ("utf-16-le", "Liangjiang New Area 2024 report\n" + COOPERATION),
    ("utf-16", TRADITIONAL),  # with a BOM
    ("gb18030", COOPERATION + "生僻字𠀀𪚥与欧元符号€只有 GB18030 能写。\n"),
    ("gbk", COOPERATION), ("big5", TRADITIONAL),
    ("utf-8", MIXED), ("gb18030", MIXED), ("utf-8-sig", MIXED),
])
def test_old_and_unicode_encodings_decode_to_the_text_written(tmp_path, codec, text):
    assert _read(tmp_path, text.encode(codec)).text == text


def test_the_same_news_in_any_encoding_or_script_gives_the_same_graph(tmp_path, extractor):
    from zonegraph.pipeline.settings import Settings
    from zonegraph.pipeline.document import process

    def labels(data: bytes, name: str):
        rec = process(_read(tmp_path, data, name), extractor, Settings()).record
        return ({(e.type, e.key) for e in rec.entities.values()},
                {(s.subject, s.predicate, s.object) for a in rec.articles for s in a["statements"]})

    expected = labels(COOPERATION.encode("utf-8"), "utf8.txt")
    assert expected[1], "the cooperation is found"
    for name, data in [("gb.txt", COOPERATION.encode("gb18030")),
                       ("u16.txt", COOPERATION.encode("utf-16-be")),
                       ("big5.txt", TRADITIONAL.encode("big5")),
                       ("mixed.txt", MIXED.encode("utf-8"))]:
        assert labels(data, name) == expected, name


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "utf-16-le"])
def test_a_file_cut_inside_its_last_character_is_read_up_to_the_cut(tmp_path, codec):
    data = COOPERATION.rstrip("\n").encode(codec)
    cut = data[:-1]  # half a download: the last character is incomplete
    assert _read(tmp_path, cut).text == COOPERATION.rstrip("\n")[:-1]


# ------------------------------------------------------------------ big and busy files

def test_twenty_megabytes_without_a_line_break_is_read_normalized_and_segmented(tmp_path):
    sentence = "5月8日，重庆两江新区与四川天府新区签署数字经济合作协议，双方将共建跨区域算力调度平台。"
    data = (sentence * (20_000_000 // len(sentence.encode()) + 1)).encode()[:20_000_000]
    data = data[:len(data.decode("utf-8", "ignore").encode())]
    path = tmp_path / "one line.txt"
    path.write_bytes(data)
    started = time.monotonic()
    doc = read_document(path)
    norm = normalize(doc.text)
    seg = segment(norm)
    elapsed = time.monotonic() - started
    assert len(doc.text) > 6_000_000 and "\n" not in doc.text
    assert len(seg.articles) == 1
    last = len(norm.text) - len(sentence)
    assert norm.original_span(last, len(norm.text)) == sentence
    assert elapsed < 60, f"{elapsed:.0f} s to read, normalize and segment 20 MB"


def test_html_page_full_of_scripts_gives_only_its_text(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>两江新区新闻</title>" + SCRIPTS * 500
            + "<script src='tracker.js'></script></head><body>" + SCRIPTS
            + "<p>5月8日，重庆两江新区与四川天府新区签署数字经济合作协议，双方将共建跨区域算力调度平台。"
              "会议指出，两地将在人工智能、工业互联网等领域深化合作。</p>"
            + "<noscript>请启用脚本</noscript><script>" + "x=1;" * 50_000 + "</script></body></html>")
    doc = _read(tmp_path, page.encode("utf-8"), "busy page.html")
    assert "签署数字经济合作协议" in doc.text
    for script_text in ("宣传语", "脚本写出的段落", "document.write", "x=1", "tracker", "请启用脚本"):
        assert script_text not in doc.text


def test_file_names_with_spaces_and_hanzi_build_and_remove(tmp_path, run_cli):
    name = "两江 新区 动态（2024年5月）.txt"
    (tmp_path / name).write_text(COOPERATION, encoding="utf-8")
    store = tmp_path / "store with space"
    result = run_cli("build", tmp_path / name, "--store", store)
    assert result.exit_code == 0, result.output
    names = run_cli("query", "SELECT ?n WHERE { ?d zg:fileName ?n }", "--format", "csv",
                    "--store", store)
    assert names.stdout.splitlines() == ["n", name]
    removed = run_cli("remove", name, "--store", store)
    assert removed.exit_code == 0 and removed.stdout.strip() == f"removed {name}"


# ------------------------------------------------------------------ permissions

#: The command line in a fresh interpreter (``python -m zonegraph.cli.main`` would import the
#: CLI module twice).
ZONEGRAPH = (sys.executable, "-c", "from zonegraph.cli.main import main; main()")


def _without_root_file_powers() -> None:
    """In the child, before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the
    bounding set, so root is held to file modes like any user (and can still run the
    interpreter, which lives under /root here)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run_unprivileged(*args: object, cwd: Path) -> subprocess.CompletedProcess:
    """``zonegraph ARGS`` in a subprocess that file modes apply to, even when the tests run
    as root (root reads and writes any file, so permissions would test nothing)."""
    try:
        return subprocess.run([*ZONEGRAPH, *map(str, args)], cwd=cwd,
                              capture_output=True, text=True, timeout=300,
                              preexec_fn=_without_root_file_powers if os.geteuid() == 0 else None)
    except subprocess.SubprocessError as exc:
        if "prctl" in str(exc):
            pytest.skip("cannot drop root's file capabilities here")
        raise


@pytest.fixture
def shared_dir(tmp_path):
    """tmp_path, made removable again after a test took permissions away inside it."""
    yield tmp_path
    for root, dirs, _ in os.walk(tmp_path):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)


def test_unreadable_files_and_folders_are_reported_and_the_rest_built(shared_dir):
    corpus = shared_dir / "corpus"
    (corpus / "locked folder").mkdir(parents=True)
    (corpus / "a good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "b secret.txt").write_text(COOPERATION, encoding="utf-8")
    (corpus / "locked folder" / "c.txt").write_text(COOPERATION, encoding="utf-8")
    (corpus / "b secret.txt").chmod(0o000)
    (corpus / "locked folder").chmod(0o000)
    corpus.chmod(0o755)
    (corpus / "a good.txt").chmod(0o644)

    result = _run_unprivileged("build", corpus, "--store", shared_dir / "store", cwd=shared_dir)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 1, result.stderr
    assert sorted(lines) == [
        f"error: {corpus / 'b secret.txt'}: cannot read (Permission denied)",
        f"error: {corpus / 'locked folder'}: cannot read folder (Permission denied)"]
    assert "documents: 1 built, 0 unchanged, 2 failed" in result.stdout


def _tree_state(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() if p.is_file() else b""
            for p in sorted(path.rglob("*"))}


def test_read_only_store_refuses_a_build_and_still_answers_queries(shared_dir, sample_store):
    store = shared_dir / "store"
    shutil.copytree(sample_store.store, store)
    (shared_dir / "news.txt").write_text(GOOD, encoding="utf-8")
    for root, _, files in os.walk(store):
        for f in files:
            os.chmod(os.path.join(root, f), 0o444)
        os.chmod(root, 0o555)
    before = _tree_state(store)

    build = _run_unprivileged("build", shared_dir / "news.txt", "--store", store, cwd=shared_dir)
    assert build.returncode == 1
    assert build.stderr.strip() == f"error: {store}: store path is not writable"
    query = _run_unprivileged("query", "SELECT (COUNT(*) AS ?n) WHERE { ?d a zg:Document }",
                              "--format", "csv", "--store", store, cwd=shared_dir)
    assert query.returncode == 0, query.stderr
    assert query.stdout.splitlines() == ["n", "5"]
    assert _tree_state(store) == before


# ------------------------------------------------------------------ queries and stores

@pytest.mark.parametrize("sparql,words", [
    ("SELECT ?x WHERE {", ["malformed query"]),
    ("SELEKT ?x WHERE { ?x ?y ?z }", ["malformed query"]),
    ("SELECT ?x WHERE { ?x nope:p ?z }", ["malformed query"]),
    ("\x00\x01\x02", ["malformed query"]),
    ("SELECT ?x WHERE { ?x ?y \"" + "长" * 100_000 + " }", ["malformed query"]),
])
def test_malformed_query_is_one_line(sample_store, run_cli, sparql, words):
    result = run_cli("query", sparql, "--store", sample_store.store)
    assert result.exit_code == 1
    lines = _error_lines(result)
    assert len(lines) == 1 and lines[0].startswith("error: ") and len(lines[0]) < 500, lines
    assert all(w in lines[0] for w in words), lines[0]


def test_query_files_in_windows_encodings_run_and_binary_ones_are_refused(sample_store, run_cli,
                                                                         tmp_path):
    sparql = 'SELECT ?n WHERE { ?z a zg:Zone ; rdfs:label ?n FILTER(CONTAINS(?n, "两江新区")) }'
    expected = run_cli("query", sparql, "--format", "csv", "--store", sample_store.store).stdout
    assert expected.splitlines()[1:], "the sample corpus names 两江新区"
    for name, data in [("bom.rq", sparql.encode("utf-8-sig")), ("gbk.rq", sparql.encode("gbk")),
                       ("utf16.rq", sparql.encode("utf-16"))]:
        (tmp_path / name).write_bytes(data)
        result = run_cli("query", "--file", tmp_path / name, "--format", "csv",
                         "--store", sample_store.store)
        assert (result.exit_code, result.stdout) == (0, expected), name
    (tmp_path / "noise.rq").write_bytes(_noise(500))
    result = run_cli("query", "--file", tmp_path / "noise.rq", "--store", sample_store.store)
    assert result.exit_code == 1
    assert _error_lines(result) == [f"error: {tmp_path / 'noise.rq'}: not a text file of SPARQL "
                                    "(undecodable text (not UTF-8, GB18030, Big5 or UTF-16))"]


def test_output_file_that_cannot_be_written_is_one_line(sample_store, run_cli, tmp_path):
    blocker = tmp_path / "not a folder"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("export", "--out", blocker / "graph.ttl", "--format", "ttl",
                     "--store", sample_store.store)
    assert result.exit_code == 1
    lines = _error_lines(result)
    assert len(lines) == 1 and lines[0].startswith(f"error: {blocker}") and "internal" not in lines[0]


def test_input_error_names_the_file_in_one_line():
    err = InputError(Path("新 闻/a b.txt"), "empty file")
    assert str(err) == "新 闻/a b.txt: empty file" and "\n" not in str(err)
