"""Names as web news writes them: ceremonies and joined meetings, parks inside parks,
firms named without a legal form in lists, project names and counts.

Each test's sentence is written for it (invented firms, places and people) and asserts
the exact names a reader would take from it, and what must not become a name.
"""
from __future__ import annotations

from extraction import extract as _extract, names as _names, rels as _rels  # tests/extraction.py


# ------------------------------------------------------------------ events

def test_a_ceremony_named_by_its_date_and_work_is_an_event(extractor):
    ex = _extract(extractor, "3月2日，新区召开2025年第一季度重点项目集中开工活动。")
    assert _names(ex, "Event") == ["2025年第一季度重点项目集中开工活动"]


def test_a_ceremony_led_by_a_zone_is_an_event_the_zone_launched(extractor):
    ex = _extract(extractor, "8月12日，贵州贵安新区2023年第三季度重大项目集中签约仪式在新区举行。")
    assert _names(ex, "Event") == ["贵州贵安新区2023年第三季度重大项目集中签约仪式"]
    assert ("贵州贵安新区2023年第三季度重大项目集中签约仪式", "贵州贵安新区") in _rels(ex, "launchedBy")


def test_a_ceremony_without_a_date_or_zone_is_no_name(extractor):
    ex = _extract(extractor, "双方在会上举行了项目集中签约仪式。")
    assert _names(ex, "Event") == []


def test_two_meetings_joined_by_ji_are_one_event_named_by_both(extractor):
    ex = _extract(extractor, "昨日，新区举行重大项目投资商恳谈会暨项目集中签约仪式。")
    assert _names(ex, "Event") == ["重大项目投资商恳谈会暨项目集中签约仪式"]


def test_a_joined_event_whose_first_part_is_no_meeting_word(extractor):
    ex = _extract(extractor, "近日，2023新材料科技成果发布暨江宁新材料产业招商推介会在新区举行。")
    assert _names(ex, "Event") == ["2023新材料科技成果发布暨江宁新材料产业招商推介会"]


def test_the_verb_that_holds_a_meeting_ends_its_name(extractor):
    ex = _extract(extractor, "江城新区日前举行数字经济投资商座谈会。")
    assert _names(ex, "Event") == ["数字经济投资商座谈会"]


def test_a_meeting_word_after_a_chairing_verb_is_no_name(extractor):
    ex = _extract(extractor, "统战部部长王立明主持会议。")
    assert _names(ex, "Event") == []


def test_party_plenaries_and_congresses_are_events(extractor):
    ex = _extract(extractor, "会议传达学习省委十二届五次全会和党的十九大精神。")
    assert _names(ex, "Event") == ["省委十二届五次全会", "党的十九大"]


# ------------------------------------------------------------------ parks

def test_park_kinds_of_news_are_parks(extractor):
    ex = _extract(extractor, "加快建设南坪工业区，推进江岸大学城、星河科技园区和西江空港保税物流中心建设。")
    assert _names(ex, "Park") == ["南坪工业区", "江岸大学城", "星河科技园区", "西江空港保税物流中心"]


def test_a_park_named_inside_another_park_is_a_park_of_its_own(extractor):
    ex = _extract(extractor, "项目落地沈阳经开区南坪工业区。")
    assert _names(ex, "Park") == ["沈阳经开区", "南坪工业区"]


def test_a_parks_generic_rest_after_a_park_stays_in_its_name(extractor):
    ex = _extract(extractor, "金州湾保税港区线下园区已引进企业。")
    assert _names(ex, "Park") == ["金州湾保税港区线下园区"]


def test_a_county_park_named_after_the_zone_takes_its_own_name(extractor):
    ex = _extract(extractor, "人民网长沙1月26日电 继湖南湘江新区浏阳经开区集中签约项目之后。")
    park = next(m for m in ex.mentions if m.type == "Park")
    assert (park.name, park.text) == ("浏阳经开区", "湖南湘江新区浏阳经开区")


def test_a_quoted_list_of_slogans_is_no_list_of_parks(extractor):
    ex = _extract(extractor, "打造“国际物流枢纽岛、对外开放门户岛、海洋产业聚集岛”。")
    assert _names(ex, "Park") == []


# ------------------------------------------------------------------ firms

def test_a_list_of_proper_words_with_trades_is_a_list_of_firms(extractor):
    ex = _extract(extractor, "调研中，他深入50万吨码头、宏远环保新材料、海岸化学、东港特钢、金鼎化学等项目现场。")
    assert _names(ex, "Enterprise") == ["宏远环保新材料", "海岸化学", "东港特钢", "金鼎化学"]


def test_a_list_of_industries_is_no_list_of_firms(extractor):
    ex = _extract(extractor, "重点发展5G通信、人工智能、绿色化工、先进材料等产业。")
    assert _names(ex, "Enterprise") == []


def test_the_owner_heads_the_names_of_its_projects(extractor):
    ex = _extract(extractor, "包括瑞祥高端LED光源研制项目、蒂尔曼隆绿色电梯总成及研制项目、"
                             "苏州光伏组件扩产项目。")
    assert _names(ex, "Enterprise") == ["瑞祥", "蒂尔曼隆"]


def test_one_firm_before_a_count_of_firms(extractor):
    ex = _extract(extractor, "长城跨越与两江新区重庆明达汽车电器等5家企业签订供应链合同。")
    assert "重庆明达汽车电器" in _names(ex, "Enterprise")


# ------------------------------------------------------------------ funds

def test_a_verb_phrase_of_policy_prose_is_no_part_of_a_fund_name(extractor):
    ex = _extract(extractor, "要做大做强江城新区绿色发展基金。")
    assert _names(ex, "Fund") == ["江城新区绿色发展基金"]


def test_the_first_item_of_a_list_starts_after_the_verbs_le(extractor):
    ex = _extract(extractor, "新区近年培育了求真光谱、远达电子、明正科技等专精特新企业。")
    assert _names(ex, "Enterprise") == ["求真光谱", "远达电子", "明正科技"]


def test_a_firm_named_first_in_a_clause_that_settles_somewhere(extractor):
    ex = _extract(extractor, "中航重投落户江城新区。一批重点项目落户新区，优质企业入驻园区。")
    assert _names(ex, "Enterprise") == ["中航重投"]


def test_an_exchange_is_an_enterprise(extractor):
    ex = _extract(extractor, "江城数据交易所揭牌。")
    assert _names(ex, "Enterprise") == ["江城数据交易所"]


def test_a_zones_clusters_are_places(extractor):
    ex = _extract(extractor, "贵安新区电子组团和贵安新区物流组团加快发展，车企全面提档长安组团。")
    assert _names(ex, "Place") == ["贵安新区电子组团", "贵安新区物流组团"]


def test_a_township_health_centre_is_an_institution(extractor):
    ex = _extract(extractor, "白马镇卫生院新建住院楼。")
    assert _names(ex, "Institution") == ["白马镇卫生院"]


def test_a_short_form_that_settles_is_the_firm_named_in_full(extractor):
    ex = _extract(extractor, "会上，江城云数（贵安）有限公司签约。江城云数则入驻贵安综合保税区。")
    firms = _names(ex, "Enterprise")
    assert len(firms) == 2 and len(set(firms)) == 1 and firms[0].endswith("有限公司")
