"""Reading input files: text encodings, PDF, DOCX, HTML, and every way a file is unusable."""
from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from zonegraph.errors import InputError
from zonegraph.ingest.read import decode_text, discover, read_document

from conftest import SAMPLES
from conftest import image_only_pdf as _image_only_pdf

SIMPLIFIED = ("滇中新区管委会发布2024年一季度经济运行情况，全区地区生产总值同比增长6.2%。\n"
              "重点项目建设进展顺利，新开工项目二十三个。\n")
TRADITIONAL = ("兩江新區管委會發布2024年一季度經濟運行情況，全區地區生產總值同比增長。\n"
               "重點項目建設進展順利，新開工項目二十三個。\n")


@pytest.mark.parametrize("codec,text", [
    ("utf-8", SIMPLIFIED),
    ("utf-8-sig", SIMPLIFIED),
    ("gb18030", SIMPLIFIED),
    ("gbk", SIMPLIFIED),
    ("big5", TRADITIONAL),
    ("utf-16", SIMPLIFIED),  # Python writes a BOM for "utf-16"
])
def test_text_encodings_decode_to_the_text_written(tmp_path, codec, text):
    path = tmp_path / "news.txt"
    data = text.encode(codec)
    path.write_bytes(data)
    doc = read_document(path)
    assert doc.text == text
    assert doc.format == "text"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_decode_text_names_the_codec_it_used():
    assert decode_text(TRADITIONAL.encode("big5")) == (TRADITIONAL, "big5")
    assert decode_text(SIMPLIFIED.encode("utf-8")) == (SIMPLIFIED, "utf-8")


def _pdf(lines: list[str]) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        c.drawString(72, 760 - 20 * i, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_pdf_chinese_text_layer_is_extracted(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf(["滇中新区召开重点项目推进会", "会议要求加快推进产业园区基础设施建设。"]))
    doc = read_document(path)
    assert doc.format == "pdf"
    assert doc.text.splitlines() == ["滇中新区召开重点项目推进会", "会议要求加快推进产业园区基础设施建设。"]


def test_docx_paragraphs_and_tables_are_read(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("哈尔滨新区举办对俄经贸合作洽谈会")
    document.add_paragraph("来自二十余家企业的代表参加了活动。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "签约项目"
    table.cell(0, 1).text = "十二个"
    path = tmp_path / "brief.docx"
    document.save(path)
    doc = read_document(path)
    assert doc.format == "docx"
    assert doc.text.splitlines() == ["哈尔滨新区举办对俄经贸合作洽谈会", "来自二十余家企业的代表参加了活动。",
                                     "签约项目\t十二个"]


HTML_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>福州新区推动数字产业集聚发展</title>
<script>var banner = "脚本里的宣传语";</script></head>
<body>
<nav><ul><li><a href="/">网站首页</a></li><li><a href="/news">新闻中心</a></li>
<li><a href="/gov">政务公开</a></li></ul></nav>
<article>
<p>5月20日，福州新区召开数字经济产业推进会，部署下一阶段重点工作。会议指出，新区将围绕大数据、人工智能和集成电路等领域加快培育产业集群。</p>
<p>今年以来，新区新增数字经济企业八十余家，数字经济核心产业营业收入同比增长百分之十五，产业链上下游协同效应逐步显现。</p>
</article>
<footer><p>版权所有：福州新区管理委员会 备案号：闽ICP备00000000号</p></footer>
<script>console.log("页脚统计代码");</script>
</body></html>"""


def test_html_main_text_without_navigation_footer_or_scripts(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "html"
    assert "福州新区召开数字经济产业推进会" in doc.text
    assert "产业链上下游协同效应逐步显现" in doc.text
    for boilerplate in ("网站首页", "新闻中心", "政务公开", "版权所有", "备案号", "宣传语", "统计代码"):
        assert boilerplate not in doc.text
    # the page has no <h1>: the title can only come from <title>
    assert doc.meta["title"] == "福州新区推动数字产业集聚发展"


def _reason(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}: ")
    return info.value.reason


def _docx_bytes() -> bytes:
    import docx

    buf = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("赣江新区推行企业开办一网通办。")
    document.save(buf)
    return buf.getvalue()


def _docx_without_document_xml() -> bytes:
    src = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, src.read(item))
    return buf.getvalue()


@pytest.mark.parametrize("name,make,words", [
    ("empty.txt", lambda: b"", ["empty"]),
    ("blank.txt", lambda: b"  \r\n\n\t ", ["empty"]),
    ("logo.txt", lambda: bytes(range(256)) * 16, ["binary", "undecodable"]),
    ("zeros.txt", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" * 50, ["binary", "undecodable"]),
    ("truncated.pdf", lambda: _pdf(["湘江新区算力产业发展情况"])[:400], ["corrupt", "truncated"]),
    ("scan.pdf", _image_only_pdf, ["OCR"]),
    ("notzip.docx", lambda: b"PK\x03\x04 this is not really a zip archive" * 4, [".docx"]),
    ("partial.docx", lambda: _docx_bytes()[:600], [".docx"]),
    ("nobody.docx", _docx_without_document_xml, [".docx"]),
    ("slides.pptx", lambda: b"any content", ["unsupported", ".pptx"]),
    ("README", lambda: "两江新区简介".encode(), ["unsupported"]),
])
def test_unusable_files_raise_input_error_with_a_reason(tmp_path, name, make, words):
    path = tmp_path / name
    path.write_bytes(make())
    reason = _reason(path)
    assert "\n" not in reason
    assert any(w in reason for w in words), reason


def test_missing_file_and_directory_are_input_errors(tmp_path):
    assert "no such file" in _reason(tmp_path / "missing.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "directory" in _reason(folder)


def test_discover_recurses_skips_hidden_and_unknown_keeps_named_files(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "2024" / "q1").mkdir(parents=True)
    (corpus / ".cache").mkdir()
    for rel in ("b.txt", "a.PDF", "2024/q1/c.docx", "2024/page.htm", "2024/q1/d.html",
                ".hidden.txt", ".cache/e.txt", "notes.md", "2024/logo.png"):
        (corpus / rel).write_bytes(b"x")
    extra = tmp_path / "extra.md"
    extra.write_text("说明", encoding="utf-8")

    found = discover([corpus, extra])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "corpus/a.PDF", "corpus/b.txt", "corpus/2024/page.htm", "corpus/2024/q1/c.docx",
        "corpus/2024/q1/d.html", "extra.md"]
    # the explicitly named file is kept so that reading it can say what is wrong
    assert "unsupported" in _reason(extra)


def test_sample_web_page_main_text_only():
    doc = read_document(SAMPLES / "tianfu_news.html")
    assert doc.meta["date"] == "2024-03-12"
    assert "（来源：天府新区融媒体中心）" in doc.text
    for boilerplate in ("返回顶部按钮已就绪", "页面访问统计", "版权所有", "网站地图", "隐私声明"):
        assert boilerplate not in doc.text


@pytest.mark.parametrize("name,fmt,phrases", [
    ("jiangbei_brief.docx", "docx", ["2024年1月8日", "（来源：江北新区官网）"]),
    ("xiongan_report.pdf", "pdf", ["河北雄安新区", "（来源：雄安新区官网）"]),
    ("newsletter_2023_q3.txt", "text", ["本期导读", "（来源：浦东新区官网）"]),
])
def test_sample_documents_read(name, fmt, phrases):
    doc = read_document(SAMPLES / name)
    assert doc.format == fmt
    for phrase in phrases:
        assert phrase in doc.text
