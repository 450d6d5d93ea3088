"""Web and e-paper pages carry furniture around the article (breadcrumbs, page lines,
publication lines, buttons, editor credits): the title, source, date and body must come
from the article, not from it."""
from __future__ import annotations

import pytest

from zonegraph.ingest.furniture import head_kind, is_tail_furniture
from zonegraph.ingest.normalize import normalize
from zonegraph.ingest.segment import segment

LEAD = "3月7日，湖滨新区管委会与南岭大学签署产学研合作协议，双方将共建联合实验室。"
MORE = "湖滨新区管委会主任韩启东表示，新区将为合作项目提供场地和资金支持。"


def _one(page: str):
    norm = normalize(page)
    seg = segment(norm)
    assert len(seg.articles) == 1
    art = seg.articles[0]
    return art, norm.text[art.start:art.end]


def test_a_site_page_breadcrumb_and_publication_line_are_not_the_title_or_the_text():
    page = (f"首页 > 新闻中心 > 新区要闻\n湖滨新区与南岭大学签署产学研合作协议\n"
            f"发布时间：2025-03-08 10:21:33 来源：湖滨新区融媒体中心 浏览次数：1203\n"
            f"【字体：大 中 小】 打印本页 关闭窗口\n{LEAD}\n{MORE}\n"
            f"分享到：微信 微博\n责任编辑：周晴\n上一篇：湖滨新区举办春季招聘会\n"
            f"版权所有：湖滨新区管理委员会 备案号：某ICP备12345678号\n")
    art, body = _one(page)
    assert art.title == "湖滨新区与南岭大学签署产学研合作协议"
    assert art.source == "湖滨新区融媒体中心"  # the 来源 field ends where the next field starts
    assert art.date == "2025-03-08"
    assert body.startswith("3月7日") and body.endswith("资金支持。")  # no buttons, credits, links


@pytest.mark.parametrize("field", ["来源：湖滨日报 | 作者：张三 | 2025-03-08", "来源:湖滨日报丨2025-03-08 09:00"])
def test_a_source_field_between_bars_is_the_outlet_alone(field):
    art, _ = _one(f"湖滨新区签约十个项目\n{field}\n{LEAD}\n")
    assert (art.source, art.date) == ("湖滨日报", "2025-03-08")


def test_an_e_paper_page_line_gives_the_paper_and_the_date_not_the_title():
    page = f"星城晚报 2025年4月12日 星期六 A05 城事\n湖滨新区开通首条定制公交\n本报讯（记者 郝明远）{LEAD}\n"
    art, body = _one(page)
    assert (art.title, art.source, art.date) == ("湖滨新区开通首条定制公交", "星城晚报", "2025-04-12")
    assert body.lstrip().startswith("本报讯")


def test_an_outlet_dated_under_the_title_is_the_source():
    art, _ = _one(f"湖滨新区开通首条定制公交\n湖滨商讯网 2026年5月20日 记者 郝明远\n{LEAD}\n")
    assert (art.title, art.source) == ("湖滨新区开通首条定制公交", "湖滨商讯网")


def test_a_reprint_notice_names_the_paper_in_the_script_of_the_page():
    art, _ = _one("轉載自《濱江商報》\n濱江新區引進三家企業\n本報訊 近日，濱江新區與三家企業簽約。\n")
    assert (art.title, art.source) == ("滨江新区引进三家企业", "濱江商報")


def test_a_source_line_above_the_editor_credits_is_found():
    art, body = _one(f"湖滨新区一季度经济运行平稳\n本报讯 {LEAD}\n{MORE}\n来源：湖滨日报\n编辑：王一帆\n审核：李思源\n终审：赵明\n")
    assert art.source == "湖滨日报"
    assert "王一帆" not in body and "赵明" not in body


def test_an_editors_preface_before_the_title_stays_in_the_text():
    page = (f"编者按：今年以来，湖滨新区聚焦数字经济。本报记者专访了新区管委会副主任程远航。\n"
            f"访谈｜程远航：让数字经济成为主引擎\n记者：新区有哪些新进展？\n程远航：{MORE}\n")
    art, body = _one(page)
    assert art.title == "访谈|程远航:让数字经济成为主引擎"
    assert "管委会副主任程远航" in body  # the preface is the article's prose


@pytest.mark.parametrize("line, kind", [
    ("首页 > 新闻中心 > 新区要闻", "nav"),
    ("当前位置：首页 » 政务公开", "nav"),
    ("发布时间：2025-03-08 来源：某某网", "meta"),
    ("星城晚报 2025年4月12日 星期六 A05 城事", "page"),
    ("转载自《某某日报》", "reprint"),
    ("编者按：今年以来，新区聚焦数字经济。", "preface"),
    ("湖滨新区与南岭大学签署产学研合作协议", ""),  # a title
    ("2025年4月12日，湖滨新区举行项目集中开工活动，现场签约项目12个。", ""),  # prose with a date
    ("湖滨新区全年阅读量最高的十篇政策解读文章出炉", ""),  # a field's word without its colon
])
def test_head_furniture_kinds(line, kind):
    assert head_kind(line) == kind


@pytest.mark.parametrize("line, furniture", [
    ("责任编辑：周晴", True), ("（编辑：王一帆）", True), ("上一篇：湖滨新区举办招聘会", True),
    ("某ICP备12345678号", True),
    ("编辑部主任李娜介绍，新区杂志今年改版。", False),  # a sentence about an editor
    ("分享经济在新区发展迅速，平台企业超过百家。", False),
])
def test_tail_furniture(line, furniture):
    assert is_tail_furniture(line) is furniture
