"""How news names funds: series numbers, partnership legal names, kinds of fund that are
no name, a fund after the company that manages it, a bracketed short name, and sizes
stated as growth.

Every sentence is invented for its test (funds, firms and places made up); each asserts
the exact fund names a reader takes from it, the type, and the size in yuan.
"""
from __future__ import annotations

import pytest

from extraction import extract as _extract, names as _names  # tests/extraction.py


def _funds(ex):
    return [m for m in ex.mentions if m.type == "Fund"]


def _sizes(ex):
    return {m.text: ex.amounts[id(m)] for m in ex.mentions if id(m) in ex.amounts}


@pytest.mark.parametrize("sentence, fund, amount", [
    ("江城新区设立青枫1号基金，规模2亿元。", "青枫1号基金", 2e8),
    ("江城新区设立青枫科创一期基金，总规模5亿元。", "青枫科创一期基金", 5e8),
    ("青枫3期产业基金完成首关，认缴规模达8亿元。", "青枫3期产业基金", 8e8),
])
def test_a_funds_series_number_is_part_of_its_name(extractor, sentence, fund, amount):
    ex = _extract(extractor, sentence)
    assert [m.text for m in _funds(ex)] == [fund]
    assert _sizes(ex) == {fund: amount}


def test_a_document_number_or_a_year_before_a_fund_is_no_part_of_it(extractor):
    ex = _extract(extractor, "2023年，江城新区依据12号文件设立青枫基金。")
    assert _names(ex, "Fund") == ["青枫基金"]


@pytest.mark.parametrize("sentence, name, etype", [
    ("江城青枫股权投资基金合伙企业（有限合伙）完成备案。", "江城青枫股权投资基金合伙企业(有限合伙)", "Fund"),
    ("青枫创业投资合伙企业（有限合伙）由江城资本发起。", "青枫创业投资合伙企业(有限合伙)", "Fund"),
    ("青枫投资管理合伙企业（有限合伙）担任管理人。", "青枫投资管理合伙企业(有限合伙)", "Enterprise"),
    ("江城青枫股权投资基金（有限合伙）完成备案。", "江城青枫股权投资基金(有限合伙)", "Fund"),
    ("新区设立青枫创业投资中心（有限合伙）。", "青枫创业投资中心(有限合伙)", "Fund"),
])
def test_a_partnership_is_named_with_its_legal_form_and_is_a_fund_when_it_invests(
        extractor, sentence, name, etype):
    ex = _extract(extractor, sentence)
    assert _names(ex, etype) == [name]
    other = "Enterprise" if etype == "Fund" else "Fund"
    assert _names(ex, other) == []


def test_a_partnership_funds_size_after_it(extractor):
    ex = _extract(extractor, "江城新区设立青枫二期创业投资合伙企业（有限合伙），认缴规模5亿元。")
    assert _sizes(ex) == {"青枫二期创业投资合伙企业(有限合伙)": 5e8}


@pytest.mark.parametrize("sentence", [
    "新区设立一批基金，多只基金已完成备案，数支产业基金落地。",
    "新区设立天使基金和风投基金，支持初创企业。",
    "基金规模不断扩大，形成产业基金群，吸引社会资本和各类基金集聚。",
    "鼓励设立并购基金、创投基金和S基金。",
])
def test_counts_and_kinds_of_fund_are_no_names(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Fund") == []


def test_a_fund_of_a_city_a_zone_or_an_industry_is_named_even_when_its_words_are_a_kind(extractor):
    ex = _extract(extractor, "江城天使基金和江城新区引导基金共同投资，新区还设立了智能制造产业投资基金。")
    assert _names(ex, "Fund") == ["江城天使基金", "江城新区引导基金", "智能制造产业投资基金"]


def test_a_fund_after_the_company_managing_it_begins_after_the_company(extractor):
    ex = _extract(extractor, "青枫基金管理有限公司管理江城天使基金。")
    assert _names(ex, "Enterprise") == ["青枫基金管理有限公司"]
    assert _names(ex, "Fund") == ["江城天使基金"]


def test_a_short_name_in_brackets_after_a_funds_full_name_names_it(extractor):
    ex = _extract(extractor, "青枫海洋产业投资基金（青海基金）总规模20亿元。青海基金已投项目5个。")
    assert _names(ex, "Fund") == ["青枫海洋产业投资基金"] * 3
    assert list(ex.amounts.values()) == [2e9]


def test_a_company_in_brackets_is_no_short_name_of_a_fund(extractor):
    ex = _extract(extractor, "青枫集团（青枫基金）投资新区。")
    assert _names(ex, "Fund") == ["青枫基金"]


@pytest.mark.parametrize("sentence, amount", [
    ("江城新区政府引导基金规模扩大至50亿元。", 5e9),
    ("江城新区政府引导基金规模增至12亿元。", 1.2e9),
])
def test_a_size_the_fund_has_grown_to_is_its_size(extractor, sentence, amount):
    ex = _extract(extractor, sentence)
    assert _sizes(ex) == {"江城新区政府引导基金": amount}


@pytest.mark.parametrize("sentence", [
    "加强江城市医保基金监管，守好群众的保障基金。",
    "江城大学获批国家自然科学基金项目5项。",
    "青枫基金经理张明表示看好新区。",
    "新区鼓励设立人才基金和天使投资基金。",
])
def test_funds_that_pay_out_grants_jobs_and_kinds_are_no_investment_funds(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Fund") == []


def test_a_named_fund_may_be_followed_by_its_project(extractor):
    ex = _extract(extractor, "江城人才基金规模3亿元，青枫产业基金项目签约。")
    assert _names(ex, "Fund") == ["江城人才基金", "青枫产业基金"]
    assert _sizes(ex) == {"江城人才基金": 3e8}


def test_an_investment_centre_without_a_partnerships_form_is_no_fund(extractor):
    assert _names(_extract(extractor, "江城投资中心负责运营。"), "Fund") == []


def test_a_venture_firm_managing_a_fund_is_named_without_the_preposition_before_it(extractor):
    ex = _extract(extractor, "新区设立青枫科创基金，由青枫资本担任管理人，总规模50亿元。")
    assert _names(ex, "Enterprise") == ["青枫资本"]
    assert _sizes(ex) == {"青枫科创基金": 5e9}


def test_a_series_number_alone_is_no_funds_name(extractor):
    assert _names(_extract(extractor, "青枫一号、二号基金相继设立。"), "Fund") == []


def test_a_size_after_a_count_of_funds_is_no_size_of_the_first(extractor):
    ex = _extract(extractor, "新区设立青枫科创基金等3只基金，总规模60亿元。")
    assert _names(ex, "Fund") == ["青枫科创基金"]
    assert ex.amounts == {}


@pytest.mark.parametrize("sentence, sizes", [
    ("青枫新区推动成立科技创新基金，总规模50亿元。", {"科技创新基金": 5e9}),
    ("新区设立总规模50亿元的产业投资基金。", {"产业投资基金": 5e9}),
    ("新区还设立了规模10亿元的人才基金和5亿元的天使投资基金。", {"人才基金": 1e9, "天使投资基金": 5e8}),
])
def test_a_fund_named_by_its_kind_is_one_fund_when_founded_with_its_size(extractor, sentence, sizes):
    assert _sizes(_extract(extractor, sentence)) == sizes


@pytest.mark.parametrize("sentence", [
    "新区设立产业基金，基金规模逐年扩大。",
    "鼓励社会资本投资天使基金，规模5亿元以上的给予奖励。",
])
def test_a_kind_of_fund_without_a_founding_and_a_size_stays_no_name(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Fund") == []


@pytest.mark.parametrize("sentence", [
    "青枫新区政府投资基金管理中心负责运营。",
    "青枫新区出台基金管理办法，明确基金投向。",
])
def test_a_body_named_after_a_fund_and_a_verb_before_the_word_fund_are_no_fund(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Fund") == []


def test_a_funds_managed_sum_keeps_the_fund(extractor):
    ex = _extract(extractor, "青枫科创基金管理规模达30亿元。")
    assert _names(ex, "Fund") == ["青枫科创基金"]


def test_a_fund_of_the_state_named_by_its_purpose_is_a_name_but_a_level_is_not(extractor):
    ex = _extract(extractor, "国家小微企业成长基金参与投资，国家级产业投资基金也有意向。")
    assert _names(ex, "Fund") == ["国家小微企业成长基金"]


@pytest.mark.parametrize("sentence, fund", [
    ("青枫产业投资基金二期正式设立。", "青枫产业投资基金二期"),
    ("青枫产业投资基金（三期）完成备案。", "青枫产业投资基金(三期)"),
    ("青枫产业投资基金一期规模10亿元。", "青枫产业投资基金"),
    ("青枫产业投资基金二期规模10亿元。", "青枫产业投资基金"),
])
def test_a_later_phase_after_a_funds_name_is_a_fund_of_its_own(extractor, sentence, fund):
    assert _names(_extract(extractor, sentence), "Fund") == [fund]


@pytest.mark.parametrize("sentence", [
    "新区设立青枫数智基金和青枫生物基金，规模分别为10亿元和5亿元。",
    "青枫数智基金、青枫生物基金规模分别为10亿元、5亿元。",
])
def test_funds_listed_together_take_their_respective_sizes_in_order(extractor, sentence):
    assert _sizes(_extract(extractor, sentence)) == {"青枫数智基金": 1e9, "青枫生物基金": 5e8}


def test_respective_sizes_of_a_different_count_are_no_ones_size(extractor):
    ex = _extract(extractor, "青枫数智基金、青枫生物基金规模分别为10亿元。")
    assert ex.amounts == {}


@pytest.mark.parametrize("sentence, fund, amount", [
    ("两江新区与青枫投资协会将共同成立百亿元以上规模的产业基金，打造算力产业集群。", "产业基金", 1e10),
    ("新区启动50亿元规模的创业引导母基金组建工作。", "创业引导母基金", 5e9),
    ("湘江新区设立20亿元左右规模的科创基金。", "科创基金", 2e9),
    ("滇中新区组建三十亿元规模的天使投资基金。", "天使投资基金", 3e9),
    ("两江新区与青枫资本共同设立100亿元产业基金。", "产业基金", 1e10),
    ("两江新区联合青枫资本设立五十亿元规模产业母基金。", "产业母基金", 5e9),
    ("湘江新区拟发起设立总规模不低于30亿元的先进制造产业基金。", "先进制造产业基金", 3e9),
    ("滇中新区组建10亿元以上规模的并购基金。", "并购基金", 1e9),
])
def test_a_size_written_as_a_modifier_is_the_funds_amount_not_its_name(extractor, sentence, fund, amount):
    ex = _extract(extractor, sentence)
    assert _names(ex, "Fund") == [fund]
    assert _sizes(ex) == {fund: amount}


@pytest.mark.parametrize("sentence", [
    "产业基金是推动产业发展的重要工具，新区将用好产业基金。",
    "各地创业引导母基金规模逐年扩大。",
    "新区研究设立产业基金的可行路径，基金规模另行确定。",
])
def test_a_kind_of_fund_without_a_founding_with_a_size_invents_no_fund(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Fund") == []


@pytest.mark.parametrize("sentence", [
    "双方共同探索“龙头企业+基金+产业园”的招商模式。",
    "新区推行“链主+基金”模式，带动配套企业落户。",
    "组建生物制造、海洋经济等重点产业子基金，采取股权投资方式为项目融资。",
    "设立数字经济、绿色能源等多只产业基金。",
])
def test_formula_parts_and_lists_described_with_deng_are_no_funds(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Fund") == []


def test_a_named_fund_after_a_list_described_with_deng_stays_a_fund(extractor):
    ex = _extract(extractor, "新区引进星云科技等企业，并设立青枫科创基金。")
    assert _names(ex, "Fund") == ["青枫科创基金"]


def test_a_size_the_fund_already_exceeds_is_its_size(extractor):
    assert _sizes(_extract(extractor, "青枫产业基金群总规模已超过200亿元。")) == {"青枫产业基金群": 2e10}
