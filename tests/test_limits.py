"""Hostile and oversized input: compression bombs, zips that lie about their sizes, PDFs of
many pages, pages that never finish, giant web pages, documents that take too long or too
much memory.

Each is refused with one ``error: FILE: why (limit …; raise with --…)`` line (a slow PDF
page: one ``warning:`` line naming the page) while the other files of the run are built
and the store keeps what it had. The hostile files are made here; where the real size
would make the suite slow, the test uses a smaller file and a proportionally lower limit,
which shows the same mechanism (``bench/run.py`` measures the full sizes).
"""
from __future__ import annotations

import io
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from zonegraph.errors import InputError
from zonegraph.ingest.limits import ReadLimits
from zonegraph.ingest.read import read_document

GOOD = ("滇中新区动态\n"
        "4月9日，云南滇中新区与贵州贵安新区签署产业协作协议，双方将共建新能源装备配套园区。\n"
        "（来源：测试网）\n")
PHRASE = "新区管委会召开会议，研究部署园区基础设施建设和招商引资工作。"


def _docx_with_body(paragraphs: int, text: str = PHRASE) -> bytes:
    """A real .docx whose ``word/document.xml`` holds ``paragraphs`` paragraphs of ``text``,
    written in a stream (the inflated XML never sits in this process's memory)."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    template = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in template.infolist():
            if info.filename != "word/document.xml":
                package.writestr(info, template.read(info))
                continue
            head, tail = template.read(info).decode("utf-8").split("<w:body>")
            with package.open("word/document.xml", "w", force_zip64=True) as xml:
                xml.write((head + "<w:body>").encode())
                para = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
                for _ in range(paragraphs // 100):
                    xml.write(para * 100)
                xml.write(para * (paragraphs % 100) + tail.encode())
    return out.getvalue()


def _declare_size(data: bytes, member: str, size: int) -> bytes:
    """``data`` with ``member``'s uncompressed size in both its headers set to ``size``."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    out = bytearray(data)
    out[info.header_offset + 22:info.header_offset + 26] = struct.pack("<I", size)
    central = data.index(b"PK\x01\x02")
    while data[central + 46:central + 46 + len(member)] != member.encode():
        central = data.index(b"PK\x01\x02", central + 4)
    out[central + 24:central + 28] = struct.pack("<I", size)
    return bytes(out)


def _pdf_pages(pages: int) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for number in range(1, pages + 1):
        c.setFont("STSong-Light", 12)
        c.drawString(72, 760, f"第{number}页")
        c.drawString(72, 740, GOOD.splitlines()[1])
        c.showPage()
    c.save()
    return buf.getvalue()


def _zonegraph(*args: object) -> tuple[subprocess.CompletedProcess, float]:
    """Run the real command in its own process; its result and its peak memory in MB."""
    script = ("import resource, sys\nfrom zonegraph.cli.main import main\n"
              "try:\n    main()\nfinally:\n"
              "    print('peak-kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
              "file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", script, *map(str, args)],
                          capture_output=True, text=True, timeout=600)
    peak = next(line for line in proc.stderr.splitlines() if line.startswith("peak-kb"))
    return proc, int(peak.split()[1]) / 1024


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def _quads(store: Path) -> set:
    from zonegraph.store.access import open_read_only

    return {str(q) for q in open_read_only(store).quads_for_pattern(None, None, None, None)}


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A folder with one good file; tests add their hostile files beside it."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


# ------------------------------------------------------------------ zip-based files

def test_a_docx_bomb_is_refused_as_it_inflates_and_the_build_stays_small(corpus, tmp_path):
    # 30,000 paragraphs of 12 KB of text: ~360 MB of XML in a file of about 1 MB
    bomb = _docx_with_body(30_000, PHRASE * 125)
    assert len(bomb) < 1_500_000
    (corpus / "bomb.docx").write_bytes(bomb)
    proc, peak_mb = _zonegraph("build", corpus, "--store", tmp_path / "store")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert _errors(proc.stderr) == [
        f"error: {corpus / 'bomb.docx'}: zip member word/document.xml inflates more than "
        "100:1 (a compression bomb?) (limit 100:1; raise with --max-ratio)"]
    assert "documents: 1 built, 0 unchanged, 1 failed" in proc.stdout
    assert peak_mb < 1500, f"the build reached {peak_mb:.0f} MB"  # unchecked: ~10 GB


def test_a_docx_inflating_past_the_total_limit_is_refused(corpus, run_cli, tmp_path):
    # ordinary text (no bomb ratio), over a limit lowered to 1 MB
    (corpus / "long.docx").write_bytes(_docx_with_body(3_000))
    result = run_cli("build", corpus, "--store", tmp_path / "store", "--max-inflated-mb", 1)
    assert result.exit_code == 1
    [line] = _errors(result.stderr)  # counted over all its parts, named where it crossed
    assert line.startswith(f"error: {corpus / 'long.docx'}: inflates to more than 1.0 MB (at "
                           "zip member word/")
    assert line.endswith(") (limit 1 MB; raise with --max-inflated-mb)")
    assert "documents: 1 built, 0 unchanged, 1 failed" in result.stdout
    # the same file within the default limits is read
    assert PHRASE in read_document(corpus / "long.docx").text


@pytest.mark.parametrize("declared", [1_000, 900_000_000])
def test_a_zip_member_lying_about_its_size_is_refused(tmp_path, declared):
    real = _docx_with_body(2_000)
    actual = zipfile.ZipFile(io.BytesIO(real)).getinfo("word/document.xml").file_size
    path = tmp_path / "lies.docx"
    path.write_bytes(_declare_size(real, "word/document.xml", declared))
    assert zipfile.ZipFile(path).getinfo("word/document.xml").file_size == declared
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.reason == (f"zip member word/document.xml declares {declared:,} bytes "
                                   f"but holds {actual:,} (a damaged or crafted file)")


# ------------------------------------------------------------------ PDF, web pages, any file

def test_a_pdf_with_too_many_pages_is_refused(corpus, run_cli, tmp_path, sample_store):
    store = tmp_path / "store"
    shutil.copytree(sample_store.store, store)
    before = _quads(store)
    (corpus / "many.pdf").write_bytes(_pdf_pages(300))
    result = run_cli("build", corpus, "--store", store, "--max-pages", 200)
    assert result.exit_code == 1
    assert _errors(result.stderr) == [
        f"error: {corpus / 'many.pdf'}: PDF has 300 pages (limit 200 pages; raise with --max-pages)"]
    after = _quads(store)
    assert before < after  # the good file added, nothing taken away
    assert not any("many.pdf" in q for q in after)
    assert len(read_document(corpus / "many.pdf").text.split("第")) == 301  # all 300 read


def test_a_pdf_page_that_hangs_is_skipped_with_a_warning_naming_it(corpus, run_cli, tmp_path,
                                                                   monkeypatch):
    import pdfplumber.page

    real = pdfplumber.page.Page.extract_text

    def hangs_on_page_2(page, *args, **kwargs):
        if page.page_number == 2:
            import time
            time.sleep(600)  # what a pathological page does to pdfminer
        return real(page, *args, **kwargs)

    monkeypatch.setattr(pdfplumber.page.Page, "extract_text", hangs_on_page_2)
    (corpus / "report.pdf").write_bytes(_pdf_pages(3))
    result = run_cli("build", corpus, "--store", tmp_path / "store", "--page-seconds", 1)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: {corpus / 'report.pdf'}: page 2 skipped: its text took longer than 1 s "
        "(limit 1 s; raise with --page-seconds)"]
    assert "documents: 2 built" in result.stdout
    text = read_document(corpus / "report.pdf", ReadLimits(page_seconds=1)).text
    assert "第1页" in text and "第3页" in text and "第2页" not in text


def test_an_oversized_web_page_and_file_are_refused_before_reading(corpus, run_cli, tmp_path):
    para = f"<p>{GOOD.splitlines()[1]}</p>"
    (corpus / "huge.html").write_text(f"<html><body>{para * 4000}</body></html>", encoding="utf-8")
    (corpus / "huge.txt").write_text(GOOD * 20_000, encoding="utf-8")
    result = run_cli("build", corpus, "--store", tmp_path / "store", "--max-html-mb", 0.5,
                     "--max-input-mb", 2)
    assert result.exit_code == 1
    html_mb, text_mb = ((corpus / n).stat().st_size / 1e6 for n in ("huge.html", "huge.txt"))
    assert sorted(_errors(result.stderr)) == [
        f"error: {corpus / 'huge.html'}: web page is {html_mb:.1f} MB (limit 0.5 MB; raise with "
        "--max-html-mb)",
        f"error: {corpus / 'huge.txt'}: file is {text_mb:.1f} MB (limit 2 MB; raise with "
        "--max-input-mb)"]
    assert "documents: 1 built, 0 unchanged, 2 failed" in result.stdout


# ------------------------------------------------------------------ the document watchdog

def _newsletter_archive(path: Path, articles: int) -> Path:
    """A multi-article text from the benchmark's generator (invented articles)."""
    from corpus import Vocabulary, feed_item

    vocab = Vocabulary.load()
    path.write_text("\n".join(feed_item(vocab, 7, i)[1] for i in range(articles)),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_over_its_time_budget_is_abandoned_and_the_rest_built(corpus, tmp_path, jobs):
    for name in ("a-archive.txt", "b-archive.txt"):  # minutes of work each
        _newsletter_archive(corpus / name, 1000)
    for name in ("c.txt", "d.txt"):  # after them: built by the workers that replaced them
        (corpus / name).write_text(GOOD.replace("4月9日", f"4月{len(name)}日，{name}"),
                                   encoding="utf-8")
    proc, _ = _zonegraph("build", corpus, "--store", tmp_path / "store", "--jobs", jobs,
                         "--doc-seconds", 3)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert sorted(_errors(proc.stderr)) == [
        f"error: {corpus / name}: abandoned after 3 s (limit 3 s; raise with --doc-seconds)"
        for name in ("a-archive.txt", "b-archive.txt")]
    assert "documents: 3 built, 0 unchanged, 2 failed" in proc.stdout


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_over_its_memory_budget_is_abandoned(corpus, tmp_path, jobs):
    # a budget below what the loaded pipeline itself takes: a document that runs long enough
    # to be looked at exceeds it
    _newsletter_archive(corpus / "archive.txt", 300)
    proc, _ = _zonegraph("build", corpus, "--store", tmp_path / "store", "--jobs", jobs,
                         "--doc-memory-mb", 50)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = _errors(proc.stderr)  # the short good.txt too, if a sample fell in its run
    assert any(line.startswith(f"error: {corpus / 'archive.txt'}: abandoned at ") for line in lines)
    for line in lines:
        assert line.endswith(" MB of memory (limit 50 MB; raise with --doc-memory-mb)"), line


# ------------------------------------------------------------------ one document, many articles

def test_a_multi_article_archive_builds_whole_without_holding_its_graph_in_memory(
        corpus, tmp_path, monkeypatch):
    """A 2.8 MB text of 1,500 articles is one document of some 500,000 quads (about 100 MB
    of N-Quads). They are made and written part by part, so the build's peak is the loaded
    pipeline, the document's record and one store batch: about 0.3 GB here, where holding the
    document's triples and N-Quads whole took 1.0 GB."""
    archive = _newsletter_archive(corpus / "archive.txt", 1500)
    monkeypatch.setenv("ZONEGRAPH_BATCH_BYTES", str(4 << 20))  # a store batch far below it
    proc, peak_mb = _zonegraph("build", archive, "--store", tmp_path / "store")
    assert proc.returncode == 0, proc.stderr
    assert "documents: 1 built, 0 unchanged, 0 failed; articles: 1500" in proc.stdout
    assert peak_mb < 600, f"the build reached {peak_mb:.0f} MB"
    from zonegraph.store.graph_store import JOURNAL_NAME, GraphStore

    with GraphStore(tmp_path / "store", read_only=True) as store:  # all of it went in
        assert [d.articles for d in store.documents()] == [1500]
        named = store.ox.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        union = store.ox.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(next(named)[0].value) == int(next(union)[0].value) > 200_000
    assert not (tmp_path / "store" / JOURNAL_NAME).exists()


def test_a_bigger_archive_does_not_need_proportionally_more_memory(tmp_path, monkeypatch):
    """Memory is bounded by the largest article and the document's distinct names, not by
    the document: its articles are extracted, linked and set aside one at a time. From an
    archive of 400 articles (0.75 MB) to one of 2,400 (4.5 MB, with some 20,000 more names
    of invented people and companies) the peak grows about 13 MB per MB of text; holding
    every article's extraction and record, and the offsets of every character, took 24."""
    monkeypatch.setenv("ZONEGRAPH_BATCH_BYTES", str(4 << 20))  # both written batch by batch
    peaks = {}
    for articles in (400, 2400):
        archive = _newsletter_archive(tmp_path / f"archive-{articles}.txt", articles)
        proc, peaks[articles] = _zonegraph("build", archive, "--store", tmp_path / f"s{articles}")
        assert proc.returncode == 0, proc.stderr
        assert f"articles: {articles}" in proc.stdout
    text_mb = ((tmp_path / "archive-2400.txt").stat().st_size
               - (tmp_path / "archive-400.txt").stat().st_size) / 1e6
    grown = peaks[2400] - peaks[400]
    assert grown < 18 * text_mb, (f"{peaks[400]:.0f} MB for 400 articles, {peaks[2400]:.0f} MB "
                                  f"for 2,400: {grown / text_mb:.1f} MB more per MB of text")
