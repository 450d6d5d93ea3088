"""Issue metadata and articles of newsletters (and of documents that are one article)."""
from __future__ import annotations

import pytest

from zonegraph.ingest.read import read_document
from zonegraph.ingest.normalize import normalize
from zonegraph.ingest.segment import segment

from conftest import SAMPLES

# (a) masthead, 本期导读, bodies that repeat their titles
REPEATED_TITLES = """区域协同简报
（第3期）
长江经济研究院
2023年9月15日
本期导读
1.滇中新区与贵安新区签署产业合作协议
2.福州新区设立20亿元海洋经济产业基金
3.哈尔滨新区对俄贸易额稳步增长

滇中新区与贵安新区签署产业合作协议
9月10日，云南滇中新区与贵州贵安新区在昆明签署产业合作协议，双方将在数据中心、绿色能源和现代物流等领域开展合作。
滇中新区管委会有关负责人表示，此次合作将进一步拓展两地产业发展空间。
（来源：滇中新区门户网）

福州新区设立20亿元海洋经济产业基金
近日，福州新区管委会联合多家金融机构设立海洋经济产业基金，总规模20亿元，重点支持海洋装备制造和海洋生物医药项目。
（来源：福州新区融媒体中心）

哈尔滨新区对俄贸易额稳步增长
今年前八个月，哈尔滨新区对俄进出口贸易额同比增长百分之十八，跨境电商业务保持较快增长。
（来源：哈尔滨日报）
"""

# (b) section headings with 1、 numbering in the TOC, bodies without their titles
TOC_ONLY_TITLES = """新区动态
（第12期）
城市发展研究院
2024年3月1日
产业发展
1、兰州新区化工园区新签约项目十二个
2、西海岸新区海洋装备产业链加速成形
改革创新
1、赣江新区推行企业开办一网通办

今年1月至2月，兰州新区化工园区新签约精细化工项目十二个，总投资超过八十亿元，涉及医药中间体、电子化学品等领域。
园区相关负责人介绍，项目全部投产后预计可新增产值一百五十亿元。
（来源：兰州新区官网）
青岛西海岸新区围绕海洋装备制造业强链补链，引进配套企业二十余家，海洋工程装备产业链本地配套率明显提升。
（来源：青岛西海岸新区融媒体中心）
江西赣江新区全面推行企业开办“一网通办”，申请人可在线一次性办理营业执照、公章刻制和税务登记等事项，办理时间压缩至一个工作日以内。
（来源：赣江新区发布）
"""


def _bodies(norm, seg):
    return [norm.text[a.start:a.end].strip() for a in seg.articles]


def test_newsletter_whose_bodies_repeat_their_titles():
    norm = normalize(REPEATED_TITLES)
    seg = segment(norm)
    assert (seg.series, seg.number, seg.date, seg.publisher) == (
        "区域协同简报", "第3期", "2023-09-15", "长江经济研究院")
    assert [a.title for a in seg.articles] == [
        "滇中新区与贵安新区签署产业合作协议", "福州新区设立20亿元海洋经济产业基金", "哈尔滨新区对俄贸易额稳步增长"]
    assert [a.source for a in seg.articles] == ["滇中新区门户网", "福州新区融媒体中心", "哈尔滨日报"]
    assert [a.date for a in seg.articles] == ["2023-09-15"] * 3
    bodies = _bodies(norm, seg)
    # the body starts after its title and stops before its source line
    assert bodies[0].startswith("9月10日,云南滇中新区")
    assert bodies[0].endswith("此次合作将进一步拓展两地产业发展空间。")
    assert bodies[2] == "今年前八个月,哈尔滨新区对俄进出口贸易额同比增长百分之十八,跨境电商业务保持较快增长。"
    for a in seg.articles:
        ts, te = a.title_span
        assert norm.text[ts:te] == a.title


def test_newsletter_with_section_headings_and_bodies_without_titles():
    norm = normalize(TOC_ONLY_TITLES)
    seg = segment(norm)
    assert (seg.series, seg.number, seg.date, seg.publisher) == (
        "新区动态", "第12期", "2024-03-01", "城市发展研究院")
    assert [a.title for a in seg.articles] == [
        "兰州新区化工园区新签约项目十二个", "西海岸新区海洋装备产业链加速成形", "赣江新区推行企业开办一网通办"]
    assert [a.source for a in seg.articles] == ["兰州新区官网", "青岛西海岸新区融媒体中心", "赣江新区发布"]
    bodies = _bodies(norm, seg)
    assert bodies[0].startswith("今年1月至2月,兰州新区化工园区")
    assert bodies[1].startswith("青岛西海岸新区围绕海洋装备制造业")
    assert bodies[2].startswith("江西赣江新区全面推行企业开办")
    assert not any("产业发展" in b or "改革创新" in b for b in bodies)


def test_publisher_and_date_on_one_line():
    text = REPEATED_TITLES.replace("长江经济研究院\n2023年9月15日", "长江经济研究院        2023年 9月 15日")
    seg = segment(normalize(text))
    assert (seg.publisher, seg.date, len(seg.articles)) == ("长江经济研究院", "2023-09-15", 3)


def test_plain_text_is_one_article_titled_by_its_first_line():
    text = ("宁波前湾片区加快建设智能制造基地\n"
            "近日，宁波市召开专题会议，研究部署智能制造产业基地建设工作。会议要求各有关部门加强协调配合。\n"
            "下一步，相关部门将进一步完善基础设施配套。\n")
    norm = normalize(text)
    seg = segment(norm)
    assert (seg.series, seg.number, seg.date, seg.publisher) == ("", "", "", "")
    assert len(seg.articles) == 1
    art = seg.articles[0]
    assert (art.title, art.source, art.title_from) == ("宁波前湾片区加快建设智能制造基地", "", "first-line")
    body = norm.text[art.start:art.end].strip()
    assert body.startswith("近日,宁波市召开专题会议")
    assert body.endswith("完善基础设施配套。")


def test_fallback_title_and_date_of_a_web_page():
    text = "5月20日，福州新区召开数字经济产业推进会。\n会议部署了下一阶段重点工作。\n"
    seg = segment(normalize(text), fallback_title="福州新区推动数字产业集聚发展",
                  fallback_date="2024-05-20")
    assert [(a.title, a.title_from, a.date) for a in seg.articles] == [
        ("福州新区推动数字产业集聚发展", "meta", "2024-05-20")]


def test_empty_text_has_no_articles():
    assert segment(normalize("")).articles == []


def _segment_sample(name):
    return segment(normalize(read_document(SAMPLES / name).text))


def test_sample_newsletter_2023_q3():
    # its masthead, 本期导读 (4 titles) and four （来源：…） lines, as written in the file
    seg = _segment_sample("newsletter_2023_q3.txt")
    assert (seg.series, seg.number, seg.date, seg.publisher) == (
        "新区观察", "第3期", "2023-09-15", "新区发展研究中心")
    assert [a.source for a in seg.articles] == [
        "两江新区官网", "天府新区官网", "西咸新区官网", "浦东新区官网"]
    # the TOC titles, with the spaces between CJK characters dropped by normalization
    assert [a.title for a in seg.articles] == [
        "两江新区与天府新区签署战略合作框架协议携手共建成渝地区双城经济圈",
        "天府新区出台《支持数字经济高质量发展若干措施》设立50亿元产业投资基金",
        "西咸新区:先进制造业项目加速集聚秦汉新城动力电池项目拟年内开工",
        "浦东新区与雄安新区深化产业合作首批数字企业入驻容东片区",
    ]


def test_sample_newsletter_2024_q1():
    # spaced series name, publisher and date on one line, two TOC sections with 1、 items
    # wrapped over two lines, bodies that do not repeat their titles
    seg = _segment_sample("newsletter_2024_q1.txt")
    assert (seg.series, seg.number, seg.date, seg.publisher) == (
        "新区观察", "第1期", "2024-02-20", "新区发展研究中心")
    assert [a.source for a in seg.articles] == ["两江新区官网", "天府新区官网", "湘江新区官网"]
    assert [a.title for a in seg.articles] == [
        "两江新区长翼智行二期项目开工年产智能驾驶域控制器30万套",
        "天府新区数字经济产业投资基金完成首批6个项目投资合计出资4.3亿元",
        "湘江新区印发算力产业三年行动方案与贵安新区携手共建“湘黔算力走廊”",
    ]
    assert [a.title_from for a in seg.articles] == ["toc"] * 3


@pytest.mark.parametrize("name", ["newsletter_2023_q3.txt", "newsletter_2024_q1.txt"])
def test_sample_articles_do_not_overlap_and_exclude_source_lines(name):
    norm = normalize(read_document(SAMPLES / name).text)
    seg = segment(norm)
    ends = [0]
    for a in seg.articles:
        assert a.start >= ends[-1]
        ends.append(a.end)
        assert "来源" not in norm.text[a.start:a.end]
