"""Regenerate the binary sample documents in data/samples/.

    .venv/bin/python scripts/make_samples.py

Writes data/samples/jiangbei_brief.docx (python-docx) and data/samples/xiongan_report.pdf
(reportlab, built-in CID font STSong-Light, so no font file is needed and pdfplumber gets a
real text layer). The texts are illustrative, written for ZoneGraph's demo and tests: not
real news, and the people named are invented.

The output is deterministic: the PDF is written with reportlab's ``invariant`` mode and
the .docx gets fixed core properties and fixed timestamps on every zip member, so running
the script twice gives byte-identical files.
"""
from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
FIXED_TIME = dt.datetime(2024, 1, 8, 9, 0, 0)
ZIP_TIME = (2024, 1, 8, 9, 0, 0)

# --------------------------------------------------------------------------- docx

JIANGBEI_TITLE = "江北新区集成电路产业跑出“加速度”"
JIANGBEI_DATE = "2024年1月8日"
JIANGBEI_PARAGRAPHS = [
    "2023年，南京江北新区集成电路产业保持快速增长，全年产业营收突破700亿元，同比增长"
    "18%，集聚集成电路企业超过600家，初步形成涵盖设计、制造、封测和装备材料的完整产业链。",

    "1月5日，江北新区管委会发布《南京江北新区促进集成电路产业高质量发展若干政策》，"
    "从研发投入、流片补贴、人才引育等方面提出18条措施，并设立规模30亿元的江北新区集成电路"
    "产业基金。同时启动“强芯固链”行动，计划用三年时间引进和培育10家年营收超10亿元的"
    "链主企业。",

    "重点项目建设同步提速。金陵芯测半导体（南京）有限公司近日入驻江北新区研创园，将建设"
    "高端芯片测试基地，项目总投资15亿元。金陵芯测总经理钱永康说，南京丰富的人才资源和"
    "江北新区完善的产业配套，是公司落户的主要原因。此外，该公司还将与江北新区集成电路设计"
    "研究院共建测试方法联合实验室。",

    "江北新区党工委委员、管委会副主任何文静表示，江北新区将与上海浦东新区深化集成电路产业"
    "协同，两区去年签署的集成电路产业合作备忘录已推动20余个项目对接落地。下一步，江北新区"
    "将携手浦东新区共建长三角集成电路产业创新走廊。",

    "（来源：江北新区官网）",
]


def make_docx(path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(JIANGBEI_TITLE)
    run.bold = True
    run.font.size = Pt(16)
    date = document.add_paragraph(JIANGBEI_DATE)
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in JIANGBEI_PARAGRAPHS:
        document.add_paragraph(text)

    props = document.core_properties
    props.title = JIANGBEI_TITLE
    props.author = "ZoneGraph samples"
    props.last_modified_by = "ZoneGraph samples"
    props.comments = "Illustrative text for ZoneGraph's demo and tests; not real news."
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME

    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with a fixed timestamp on every member (python-docx uses the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- pdf

XIONGAN_TITLE = "雄安新区：疏解承接与产业集聚同步推进"
XIONGAN_META = "新区发展研究中心　2024年1月15日"
XIONGAN_PARAGRAPHS = [
    "2023年，河北雄安新区承接北京非首都功能疏解取得新进展，重点片区建设由“打基础”转向"
    "“兴产业”。全年新区完成固定资产投资超过1500亿元，新设立各类市场主体1.1万家，其中"
    "来自北京市的企业占比接近四成。",

    "政策体系不断完善。6月12日，雄安新区管委会印发《雄安新区支持疏解企业高质量发展若干"
    "措施》，在办公用房、人才住房、子女教育和医疗服务等方面对疏解企业给予支持。与此同时，"
    "雄安新区设立总规模100亿元的雄安新区科技创新投资基金，首期规模30亿元，重点支持空天"
    "信息、新一代信息技术和生命科学等产业。",

    "产业项目加快落地。燕赵星链卫星科技有限公司在启动区建设卫星研发总部，项目总投资22亿元，"
    "燕赵星链将在雄安开展小卫星设计和星座运营业务。去年9月入驻容东片区的申雄数字科技（雄安）"
    "有限公司已承接城市运行数据平台多个子系统开发，其母公司浦江智链（上海）信息技术有限公司"
    "还计划在雄安增设区域研发中心。",

    "创新平台建设持续推进。雄安新区数字城市研究院于2023年11月揭牌成立，将围绕城市信息模型、"
    "数字孪生和城市安全开展研究，并与上海浦东新区相关机构开展合作，共同推动数字城市标准互认。",

    "雄安新区党工委委员、管委会副主任郑春华表示，2024年雄安新区将继续把承接疏解作为头等大事，"
    "推动更多疏解项目在启动区和容东片区落地，同时办好2024雄安新区招商推介大会，吸引京津冀"
    "和长三角地区更多企业来雄安投资兴业。",

    "展望新的一年，雄安新区将加快建设雄安新区中关村科技园，完善科技企业孵化、加速和产业化"
    "全链条服务体系，力争全年新增国家高新技术企业100家以上。在对外合作方面，雄安新区将深化"
    "与保定市、北京市和天津市的协同联动，积极探索与上海浦东新区、重庆两江新区等国家级新区"
    "开展园区共建和干部交流，推动形成优势互补、协同发展的新格局。",

    "（来源：雄安新区官网）",
]


def make_pdf(path: Path) -> None:
    from reportlab import rl_config

    rl_config.invariant = 1  # no timestamps or random document IDs
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light"
    title_style = ParagraphStyle("title", fontName=font, fontSize=18, leading=26,
                                 alignment=TA_CENTER, wordWrap="CJK", spaceAfter=4 * mm)
    meta_style = ParagraphStyle("meta", fontName=font, fontSize=11, leading=16,
                                alignment=TA_CENTER, wordWrap="CJK", spaceAfter=6 * mm)
    body_style = ParagraphStyle("body", fontName=font, fontSize=13, leading=24,
                                firstLineIndent=26, wordWrap="CJK", spaceAfter=3 * mm)

    def page_number(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 10)
        canvas.drawCentredString(A4[0] / 2, 15 * mm, f"- {doc.page} -")
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=28 * mm, rightMargin=28 * mm,
                            topMargin=30 * mm, bottomMargin=30 * mm, invariant=1,
                            title=XIONGAN_TITLE, author="ZoneGraph samples",
                            subject="Illustrative text for ZoneGraph's demo and tests; not real news.",
                            creator="scripts/make_samples.py")
    story = [Paragraph(XIONGAN_TITLE, title_style), Paragraph(XIONGAN_META, meta_style)]
    for text in XIONGAN_PARAGRAPHS:
        story.append(Paragraph(text, body_style))
    story.append(Spacer(1, 2 * mm))
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    path.write_bytes(buffer.getvalue())


def main() -> int:
    SAMPLES.mkdir(parents=True, exist_ok=True)
    make_docx(SAMPLES / "jiangbei_brief.docx")
    make_pdf(SAMPLES / "xiongan_report.pdf")
    for name in ("jiangbei_brief.docx", "xiongan_report.pdf"):
        print(f"wrote {SAMPLES / name} ({(SAMPLES / name).stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
