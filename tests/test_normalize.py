"""The normalized view of a text, and its map back to the original."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zonegraph.ingest.normalize import fold, normalize, to_simplified


def test_full_width_forms_become_nfkc():
    assert normalize("ＡＩ产业园（第３期）：１２家企业入驻！").text == "AI产业园(第3期):12家企业入驻!"


@pytest.mark.parametrize("traditional,simplified", [
    ("兩江新區管委會", "两江新区管委会"),
    ("貴州貴安新區發佈數據中心規劃", "贵州贵安新区发布数据中心规划"),
])
def test_traditional_becomes_simplified(traditional, simplified):
    assert normalize(traditional).text == simplified


def test_spaces_between_cjk_dropped_latin_spacing_kept():
    norm = normalize("2024 年 2 月 20 日，新区推动 web 3.0 与 AI 大模型 产业发展")
    assert norm.text == "2024年2月20日,新区推动web 3.0与AI大模型产业发展"


@pytest.mark.parametrize("page_line", ["- 3 -", "12", "— 7 —", "第 4 页", "3/12"])
def test_page_number_lines_are_dropped(page_line):
    text = f"新区召开产业推进会。\n{page_line}\n会议部署了下一阶段工作。"
    assert normalize(text).text == "新区召开产业推进会。\n会议部署了下一阶段工作。"


HARD_WRAPPED = (
    "今年以来，赣江新区坚持把招商引资作为经济工作的生命线，聚焦\n"
    "新能源、新材料和生物医药等重点产业，先后赴长三角、珠三角等地\n"
    "开展专题招商活动，新签约项目总投资超过一百亿元。\n"
    "- 2 -\n"
    "重点工作\n"
    "下一步，新区将围绕产业链关键环节精准招商，完善项目全周期服务\n"
    "机制，推动签约项目早开工、早投产、早见效，为全省经济发展作出\n"
    "更大贡献。\n"
    "1.加快推进重大项目建设进度\n"
    "2.持续优化营商环境服务水平\n")


def test_hard_wrapped_sentences_rejoined_heading_and_list_items_kept_apart():
    assert normalize(HARD_WRAPPED).text.split("\n") == [
        "今年以来,赣江新区坚持把招商引资作为经济工作的生命线,聚焦新能源、新材料和生物医药等重点产业,"
        "先后赴长三角、珠三角等地开展专题招商活动,新签约项目总投资超过一百亿元。",
        "重点工作",
        "下一步,新区将围绕产业链关键环节精准招商,完善项目全周期服务机制,推动签约项目早开工、早投产、"
        "早见效,为全省经济发展作出更大贡献。",
        "1.加快推进重大项目建设进度",
        "2.持续优化营商环境服务水平",
    ]


def test_page_break_inside_a_paragraph_is_rejoined():
    # one paragraph per line, except one cut by a page break (blank line + page number)
    text = ("哈尔滨新区召开对俄经贸合作推进会，会议强调要充分发挥区位优势，深化与俄罗斯远东地区在能源、农业和物流等\n"
            "\n"
            "12\n"
            "\n"
            "领域的务实合作，推动更多合作项目落地见效。\n"
            "主要举措\n"
            "一、搭建对俄经贸合作平台\n"
            "二、完善跨境物流通道建设\n")
    assert normalize(text).text.split("\n") == [
        "哈尔滨新区召开对俄经贸合作推进会,会议强调要充分发挥区位优势,深化与俄罗斯远东地区在能源、农业和物流等"
        "领域的务实合作,推动更多合作项目落地见效。",
        "主要举措",
        "一、搭建对俄经贸合作平台",
        "二、完善跨境物流通道建设",
    ]


def test_short_unfinished_lines_are_not_joined_in_paragraph_text():
    text = "重点任务:\n1、加快推进重大项目建设\n2、持续优化营商环境\n3、深化区域协同合作\n"
    assert normalize(text).text == "重点任务:\n1、加快推进重大项目建设\n2、持续优化营商环境\n3、深化区域协同合作"


MIXED = ("  兩江新區  管委會\n"
         "２０２４ 年 ３ 月，新区 与 ＡＩ 企业签约。㈠ 推进 web 3.0 项目\n"
         "- 2 -\n"
         "第 5 页\n"
         "本段很长，长到超过四十个字符，用来检验页面断行之后的句子是否会被重新连接起来，而且还要再长一点点\n"
         "这是被分页截断的后半句。\r\n"
         "　全角空格开头的一行。\n")


def _same_after_folding(norm_char: str, orig_char: str) -> bool:
    return norm_char in to_simplified(unicodedata.normalize("NFKC", orig_char))


def test_every_normalized_character_maps_back_to_its_original_character():
    norm = normalize(MIXED)
    assert norm.text.split("\n") == [
        "两江新区管委会",
        "2024年3月,新区与AI企业签约。(一)推进web 3.0项目",
        "本段很长,长到超过四十个字符,用来检验页面断行之后的句子是否会被重新连接起来,而且还要再长一点点"
        "这是被分页截断的后半句。",
        "全角空格开头的一行。",
    ]
    assert len(norm.offsets) == len(norm.text)
    assert list(norm.offsets) == sorted(norm.offsets)
    for i, ch in enumerate(norm.text):
        orig = norm.original[norm.offsets[i]]
        if ch == "\n":
            # a paragraph break points at the first character of the next line
            assert norm.original[:norm.offsets[i]].rstrip(" \u3000\t").endswith("\n")
        else:
            assert _same_after_folding(ch, orig), (i, ch, orig)


def test_original_span_quotes_the_original_text():
    norm = normalize(MIXED)
    start = norm.text.index("两江新区管委会")
    assert norm.original_span(start, start + 7) == "兩江新區  管委會"
    start = norm.text.index("2024年3月")
    assert norm.original_span(start, start + 7) == "２０２４ 年 ３ 月"
    start = norm.text.index("起来,而且")
    end = norm.text.index("后半句") + 3
    assert norm.original_span(start, end) == "起来，而且还要再长一点点\n这是被分页截断的后半句"
    assert norm.to_original(start, end) == (MIXED.index("起来，而且"), MIXED.index("后半句") + 3)


_ALPHABET = list("兩江新區管委會發展經濟两江新区企业签约合作年月日０１２３ＡＢabc123 　\n。，、：（）()-")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=120))
def test_offsets_property_on_arbitrary_text(text):
    norm = normalize(text)
    assert len(norm.offsets) == len(norm.text)
    assert list(norm.offsets) == sorted(norm.offsets)
    for i, ch in enumerate(norm.text):
        if ch not in " \n":
            assert _same_after_folding(ch, text[norm.offsets[i]])


def test_empty_text():
    norm = normalize("")
    assert norm.text == ""
    assert norm.to_original(0, 5) == (0, 0)


@pytest.mark.parametrize("a,b", [
    ("《兩江新區 管委會》", "两江新区管委会"),
    ("“繁星”计划", "繁星计划"),
    ("ＡＢＣ—ｄｅ", "abc-de"),
    ("贵安新区 数据中心", "贵安新区数据中心"),
])
def test_fold_gives_two_surface_forms_one_key(a, b):
    assert fold(a) == fold(b) == b


def test_fold_keeps_different_names_apart():
    assert fold("两江新区") != fold("天府新区")


def test_corner_brackets_become_the_quotes_the_patterns_read():
    norm = normalize("新區實施「海洋英才集聚工程」和『藍色』計劃")
    assert norm.text == "新区实施“海洋英才集聚工程”和‘蓝色’计划"
    start = norm.text.index("“")
    assert norm.original_span(start, start + 1) == "「"  # offsets unchanged
