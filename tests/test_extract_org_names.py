"""Names of companies, institutions and funds as news writes them, and fund sizes.

Each test's sentence is invented for it (firms, places and people made up) and asserts
the exact names a reader takes from it, what must not become a name, and the sizes in
yuan that the scorer compares as numbers.
"""
from __future__ import annotations

import pytest

from extraction import extract as _extract, names as _names, posts as _posts  # tests/extraction.py
from zonegraph.extract.amounts import chinese_number
from zonegraph.graph.link import abbreviates


# ------------------------------------------------------------------ the clause before a name

@pytest.mark.parametrize("sentence", [
    "他代表协会对新区一直以来的支持表示感谢。",
    "历任领导都一直非常重视和关心商会在新区的发展。",
])
def test_a_pronoun_or_a_verb_of_regard_before_an_association_is_no_name(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Institution") == []


def test_a_verb_of_regard_ends_the_prose_before_a_company(extractor):
    ex = _extract(extractor, "甘南省投资集团有限公司副总经理来访。张明希望甘南省投资集团有限公司加大支持。")
    assert _names(ex, "Enterprise") == ["甘南省投资集团有限公司", "甘南省投资集团有限公司"]


def test_a_bank_as_a_trade_or_after_a_verb_is_no_company(extractor):
    ex = _extract(extractor, "这类机构专门从事银行债权转股权业务，须经国务院银行业监督管理机构批准。")
    assert _names(ex, "Enterprise") == []


def test_a_verb_and_a_scope_word_before_a_centre_make_no_institution(extractor):
    ex = _extract(extractor, "依托星河科技园的优势，助推江城新区建设全省科技创新中心。")
    assert _names(ex, "Institution") == []


def test_a_kind_of_company_is_no_company_unless_it_ends_a_full_name(extractor):
    ex = _extract(extractor, "金融资产投资公司通过收购不良资产帮助银行化解风险。")
    assert _names(ex, "Enterprise") == []
    ex = _extract(extractor, "甘南省能源投资集团有限公司来访。省能源投资集团有限公司将加大支持。")
    assert _names(ex, "Enterprise") == ["甘南省能源投资集团有限公司", "省能源投资集团有限公司"]


# ------------------------------------------------------------------ the company's full name

def test_a_trade_verb_before_the_legal_form_stays_in_a_zone_led_name(extractor):
    ex = _extract(extractor, "工商银行江城市分行与江城市南湖新区国有资本投资运营有限公司签署协议。")
    assert "江城市南湖新区国有资本投资运营有限公司" in _names(ex, "Enterprise")


@pytest.mark.parametrize("sentence, firm", [
    ("南湖新区城市建设投资运营有限公司负责项目建设。", "南湖新区城市建设投资运营有限公司"),
    ("江城市交通建设开发经营有限公司与新区签约。", "江城市交通建设开发经营有限公司"),
])
def test_trade_words_between_a_line_of_business_and_the_legal_form_stay_in_the_name(
        extractor, sentence, firm):
    assert _names(_extract(extractor, sentence), "Enterprise") == [firm]


def test_a_bracketed_form_word_stays_in_the_name_and_the_board_is_no_bureau(extractor):
    ex = _extract(extractor, "星光卫视投资(控股)公司董事局主席张明出席。")
    assert _names(ex, "Enterprise") == ["星光卫视投资(控股)公司"]
    assert _names(ex, "GovernmentBody") == []


def test_a_group_named_with_a_bracketed_form_word_is_one_company_with_its_short_forms():
    assert abbreviates("明珠集团", "江城明珠（集团）有限公司")
    assert abbreviates("江城明珠集团", "江城明珠(集团)有限公司")
    assert not abbreviates("明珠集团", "江城明珠有限公司")


def test_a_latin_brand_and_capital_is_a_venture_firm(extractor):
    ex = _extract(extractor, "出席的有XYZ资本创始合伙人李强，以及社会资本、国有资本代表。")
    assert _names(ex, "Enterprise") == ["XYZ资本"]


def test_the_numbered_bureaus_of_the_construction_groups_are_companies(extractor):
    ex = _extract(extractor, "中建八局中标该项目，中铁十九局三公司负责施工，新区财政局拨付资金。")
    assert _names(ex, "Enterprise") == ["中建八局", "中铁十九局三公司"]
    assert _names(ex, "GovernmentBody") == ["新区财政局"]


def test_the_group_in_its_own_news_is_the_group_named_most(extractor):
    ex = _extract(extractor, "4月1日，集团公司党委书记张明在总部会见江城新区管委会副主任李强。"
                             "张明感谢江城新区对中铁十局的支持，中铁十局将深度参与新区建设。")
    assert ("张明", "中铁十局", "党委书记") in _posts(ex)


def test_a_company_in_brackets_after_a_body_is_no_company(extractor):
    ex = _extract(extractor, "空港新城管委会(集团公司)领导陪同调研。")
    assert _names(ex, "Enterprise") == []


def test_a_brand_with_a_region_and_a_facility_is_a_company(extractor):
    ex = _extract(extractor, "他察看了江城保税物流中心和飞马速递西北转运中心等项目现场，"
                             "要求打造西部中心城市。")
    assert _names(ex, "Enterprise") == ["飞马速递西北转运中心"]


def test_a_firm_investing_a_sum_first_in_its_clause(extractor):
    ex = _extract(extractor, "宏远投资公司拟投资30亿元;中建瑞和投资60亿元。今年计划投资50亿元，项目总投资20亿元。")
    assert _names(ex, "Enterprise") == ["宏远投资公司", "中建瑞和"]


# ------------------------------------------------------------------ institutions

def test_an_advisory_committee_is_an_institution_and_a_named_service_centre_too(extractor):
    ex = _extract(extractor, "详细了解了南港粤港合作咨询委员会工作机制、五福服务中心运营模式和企业服务中心。")
    assert _names(ex, "Institution") == ["南港粤港合作咨询委员会", "五福服务中心"]
    assert _names(ex, "GovernmentBody") == []


# ------------------------------------------------------------------ funds

def test_an_ordinal_before_a_fund_is_cut_from_its_name(extractor):
    ex = _extract(extractor, "近日，江城首只QFLP（合格境外有限合伙人）股权投资试点基金签约。")
    assert _names(ex, "Fund") == ["QFLP(合格境外有限合伙人)股权投资试点基金"]


@pytest.mark.parametrize("sentence, fund, amount", [
    ("新区设立总规模30亿元的星河海洋产业投资基金。", "星河海洋产业投资基金", 3e9),
    ("星河科创基金规模10亿元，投向光电信息领域。", "星河科创基金", 1e9),
    ("新区设立星辰产业投资基金，目标规模预计20亿元人民币。", "星辰产业投资基金", 2e9),
    ("江城新区发起设立五十亿元的江城绿色发展基金。", "江城绿色发展基金", 5e9),
    ("星海天使基金首期募资5000万元，总规模2亿元。", "星海天使基金", 2e8),
    ("江城新区设立规模50亿—100亿元的江城未来产业基金。", "江城未来产业基金", 1e10),
    ("江城新区打造百亿级江城科创母基金。", "江城科创母基金", 1e10),
    ("南湖新区设立十亿产业母基金。", "十亿产业母基金", 1e9),
    ("江城新区成立江城数字经济产业基金，基金认缴规模达1,000万元。", "江城数字经济产业基金", 1e7),
    ("江城新区设立江城种子基金，募集资金两亿元。", "江城种子基金", 2e8),
])
def test_a_funds_size_in_the_ways_news_states_it(extractor, sentence, fund, amount):
    ex = _extract(extractor, sentence)
    funds = [m for m in ex.mentions if m.type == "Fund"]
    assert [m.text for m in funds] == [fund]
    assert ex.amounts == {id(funds[0]): amount}


def test_a_size_in_another_currency_or_without_a_unit_is_no_amount(extractor):
    ex = _extract(extractor, "星海美元基金规模5亿美元。星湖产业基金规模2024年起扩大。")
    assert len([m for m in ex.mentions if m.type == "Fund"]) == 2
    assert ex.amounts == {}


def test_two_funds_in_one_sentence_each_take_their_own_size(extractor):
    ex = _extract(extractor, "甲乙创投基金规模10亿元、丙丁成长基金规模5亿元。")
    sizes = {m.text: ex.amounts.get(id(m)) for m in ex.mentions if m.type == "Fund"}
    assert sizes == {"甲乙创投基金": 1e9, "丙丁成长基金": 5e8}


@pytest.mark.parametrize("text, value", [("五十", 50), ("两百", 200), ("十", 10), ("一千五百", 1500),
                                         ("三", 3), ("百", 100)])
def test_chinese_numerals(text, value):
    assert chinese_number(text) == value


def test_a_groups_short_name_and_an_unknown_word_is_its_subsidiary(extractor):
    ex = _extract(extractor, "一汽柯尔发动机技改项目开工，一汽扩大产能。")
    assert _names(ex, "Enterprise")[0] == "一汽柯尔"
    assert [m.text for m in ex.mentions if m.type == "Enterprise"] == ["一汽柯尔", "一汽"]


def test_a_fund_named_without_a_middle_word_is_the_same_fund():
    assert abbreviates("星河股权投资基金", "星河(金融资产投资公司)股权投资试点基金")
    assert not abbreviates("江西大学", "江西师范大学")


def test_a_projects_owner_ends_at_a_place_and_a_park_at_its_head_is_the_projects(extractor):
    ex = _extract(extractor, "签约项目包括瑞祥高端LED光源研制项目、宏佳LED绿色照明基地及节能环保科技总部项目、"
                             "亚太环达浦东海洋信息枢纽项目等。")
    assert _names(ex, "Enterprise") == ["瑞祥", "宏佳", "亚太环达"]
    assert _names(ex, "Park") == []


def test_a_brand_and_capital_is_a_venture_firm_but_not_a_kind_of_capital(extractor):
    ex = _extract(extractor, "红杉资本、高瓴资本参与，引导社会资本、民间资本和工商资本投入。")
    assert _names(ex, "Enterprise") == ["红杉资本", "高瓴资本"]


def test_a_groups_site_is_no_subsidiary(extractor):
    ex = _extract(extractor, "紧盯拟建华为灾备中心项目。")
    assert [m.text for m in ex.mentions if m.type == "Enterprise"] == ["华为"]


def test_a_quoted_fund_is_a_fund_with_the_size_before_its_quotes(extractor):
    ex = _extract(extractor, "新区组建了总规模100亿元的“江城科创基金群”。")
    funds = [m for m in ex.mentions if m.type == "Fund"]
    assert [m.text for m in funds] == ["江城科创基金群"]
    assert ex.amounts == {id(funds[0]): 1e10}


def test_a_short_name_declared_after_the_full_name_names_it_everywhere(extractor):
    ex = _extract(extractor, "星河资产投资集团有限公司（以下简称“星河集团”）与新区签约。"
                             "星河集团董事长张明出席。江城大学（简称江大）与新区合作，江大将设立研究院。")
    assert set(_names(ex, "Enterprise")) == {"星河资产投资集团有限公司"}
    assert _names(ex, "Institution") == ["江城大学", "江城大学", "江城大学"]
    assert ("张明", "星河资产投资集团有限公司", "董事长") in _posts(ex)


def test_a_group_site_word_after_a_known_group_is_no_subsidiary(extractor):
    ex = _extract(extractor, "将围绕星光芯城、青鸾生态产业园等重点区域建设。")
    assert "星光芯城" not in _names(ex, "Enterprise")


def test_a_verb_of_founding_before_a_fund_is_no_part_of_its_name(extractor):
    ex = _extract(extractor, "2023年，江城新区新设江城新兴产业基金，规模8亿元。")
    funds = [m for m in ex.mentions if m.type == "Fund"]
    assert [m.text for m in funds] == ["江城新兴产业基金"]
    assert ex.amounts == {id(funds[0]): 8e8}


@pytest.mark.parametrize("sentence, firm", [
    ("西咸新区沣东新城开发建设（集团）有限公司负责建设。", "西咸新区沣东新城开发建设(集团)有限公司"),
    ("天津滨海新区建设投资集团有限公司董事长张明出席。", "天津滨海新区建设投资集团有限公司"),
    ("落户新区的360数字安全集团扩大产能。", "360数字安全集团"),
])
def test_a_legal_name_keeps_its_trade_verb_its_bracketed_form_and_its_leading_digits(
        extractor, sentence, firm):
    assert _names(_extract(extractor, sentence), "Enterprise") == [firm]


def test_a_count_before_a_group_is_no_part_of_its_name(extractor):
    assert "30家集团" not in _names(_extract(extractor, "新区引进30家集团总部。"), "Enterprise")


def test_a_short_name_after_jiancheng_is_no_longer_name(extractor):
    ex = _extract(extractor, "星河控股集团有限公司（简称星河控股）投资建设。")
    assert _names(ex, "Enterprise") == ["星河控股集团有限公司", "星河控股集团有限公司"]


def test_a_firms_short_name_first_in_its_clause_before_what_a_party_does(extractor):
    ex = _extract(extractor, "宏远新材料与新区签约。海岸化学投资建设新工厂。人工智能与实体经济深度融合。"
                             "海洋化学将加快发展。")
    assert _names(ex, "Enterprise") == ["宏远新材料", "海岸化学"]


def test_museums_libraries_party_schools_and_design_institutes_are_institutions(extractor):
    ex = _extract(extractor, "中共江城市委党校、江城规划设计院、江城博物馆、江城新区图书馆和江城科技馆参加。"
                             "新建图书馆和博物馆。")
    assert _names(ex, "Institution") == ["中共江城市委党校", "江城规划设计院", "江城博物馆",
                                         "江城新区图书馆", "江城科技馆"]


@pytest.mark.parametrize("text, firm", [
    ("新区国资平台贵州贵安新区产业投资集团有限公司与星弧科技签约。", "贵州贵安新区产业投资集团有限公司"),
    ("作为区属国企四川天府新区星河建设有限公司负责园区建设。", "四川天府新区星河建设有限公司"),
    ("成都平台经济发展有限公司获批设立。", "成都平台经济发展有限公司"),  # 平台 inside the name
])
def test_what_a_firm_is_said_to_be_before_a_place_is_not_its_name(extractor, text, firm):
    assert firm in _names(_extract(extractor, text), "Enterprise")


@pytest.mark.parametrize("text, name, etype", [
    ("中俄双方签约后，俄方哈尔滨星辰装备制造有限公司将负责运营。", "哈尔滨星辰装备制造有限公司", "Enterprise"),
    ("双方天府新区管委会和星河集团将共建园区。", "天府新区管委会", "GovernmentBody"),
    ("方城县人民政府发布通知。", "方城县人民政府", "GovernmentBody"),  # a place's own 方
])
def test_a_sides_word_before_a_place_is_no_part_of_the_name(extractor, text, name, etype):
    assert name in _names(_extract(extractor, text), etype)
