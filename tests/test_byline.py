"""The outlet a web article names in its byline (no （来源：…） line closing it)."""
from __future__ import annotations

import pytest

from zonegraph.ingest.normalize import normalize
from zonegraph.ingest.segment import segment


def _source(page: str) -> str:
    seg = segment(normalize(page))
    assert len(seg.articles) == 1
    return seg.articles[0].source


BODY = "滇中新区新签约项目12个，总投资86亿元，涵盖新能源、生物医药和现代物流等领域。"


@pytest.mark.parametrize("lead, outlet", [
    ("云岭网昆明5月6日电 (记者 张晓明)" + BODY, "云岭网"),  # a dateline
    ("春城网-掌上春城客户端5月6日9时讯(记者 李丽)" + BODY, "春城网"),  # outlet, its channel
    ("春城网·新闻频道讯 5月6日，" + BODY, "春城网"),
    ("【滇池商报网讯】记者王强报道:" + BODY, "滇池商报网"),
    ("5月6日，《滇南每日电讯》发表题为《新区向新而行》的报道。" + BODY, "滇南每日电讯"),  # a reprint
    ("今天，滇南日报头版刊发报道聚焦新区项目建设。" + BODY, "滇南日报"),
])
def test_a_dateline_or_lead_names_the_outlet(lead, outlet):
    assert _source(f"滇中新区项目集中签约\n{lead}\n{BODY}\n") == outlet


def test_a_reporter_credit_names_the_outlet_at_the_head_or_at_the_end():
    assert _source(f"滇中新区项目集中签约\n文/滇池晚报全媒体记者 周平 通讯员 吴凡\n{BODY}\n") == "滇池晚报"
    assert _source(f"滇中新区项目集中签约\n{BODY}\n{BODY}\n春城都市报记者 赵磊 通讯员 钱进\n") == "春城都市报"


def test_a_source_line_names_the_outlet_as_the_page_writes_it():
    assert _source(f"滇中新区项目集中签约\n2024-05-06 10:21:33来源:云岭在线\n{BODY}\n") == "云岭在线"
    assert _source(f"滇中新区项目集中签约\n来源:滇中新区发布 2024年5月6日\n{BODY}\n") == "滇中新区发布"
    assert _source(f"滇中新区项目集中签约\n{BODY}\n来源:春城日报·掌上春城客户端\n") == "春城日报·掌上春城客户端"
    # two outlets on the 来源 line, the dateline names the first: that one
    page = f"滇中新区项目集中签约\n发稿时间:2024-05-06 来源: 云岭网 彩云新闻\n云岭网昆明5月6日电 {BODY}\n"
    assert _source(page) == "云岭网"


def test_the_outlet_keeps_the_script_of_the_page():
    page = "滇中新區項目集中簽約\n滇池日報5月6日訊(記者 張曉明)滇中新區新簽約項目12個，總投資86億元。\n"
    assert _source(page) == "滇池日報"


@pytest.mark.parametrize("lead", [
    "本报讯 (记者 刘明)" + BODY,  # the paper's word for itself names nobody
    "(记者 刘明 王芳)" + BODY,
    "5月6日，" + BODY,
])
def test_a_page_that_names_no_outlet_has_no_source(lead):
    assert _source(f"滇中新区项目集中签约\n{lead}\n{BODY}\n") == ""


def test_a_dateline_after_a_headline_without_a_full_stop_starts_its_own_line():
    headline = "产业协同、城乡互动、科技协作、市场互通、人才交流……今年滇中新区携手昆明市干了这些事"
    page = headline + "\n春城网-掌上春城客户端5月6日9时讯 " + BODY + "\n"
    norm = normalize(page)
    assert norm.text.split("\n")[0].endswith("干了这些事")
    assert segment(norm).articles[0].source == "春城网"
