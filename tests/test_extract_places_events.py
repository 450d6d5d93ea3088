"""Places, parks, events and programs as news names them, and the dates of policies.

Each test's sentence is invented for it (made-up firms, people and most places) and asserts
the exact names a reader takes from it, and what must not become a name.
"""
from __future__ import annotations

import pytest

from extraction import extract as _extract, names as _names, rels as _rels  # tests/extraction.py


# ------------------------------------------------------------------ events

def test_a_meetings_theme_verb_is_part_of_its_name(extractor):
    ex = _extract(extractor, "他在深入推进沿江开放座谈会上作了讲话。")
    assert _names(ex, "Event") == ["深入推进沿江开放座谈会"]


def test_the_verb_that_carries_out_a_meeting_is_no_part_of_its_name(extractor):
    ex = _extract(extractor, "要认真落实湘江新区开放型经济发展大会部署要求。")
    assert _names(ex, "Event") == ["湘江新区开放型经济发展大会"]


def test_a_dash_between_places_is_inside_an_event_name(extractor):
    ex = _extract(extractor, "5月6日，渭南市和西咸新区协同推进渭南—西咸产业协作签约大会举行。")
    assert _names(ex, "Event") == ["渭南市和西咸新区协同推进渭南—西咸产业协作签约大会"]


def test_a_meeting_of_two_parties_opening_its_clause_is_named_by_both(extractor):
    ex = _extract(extractor, "3月2日，两江新区管委会与重庆市福建商会恳谈会暨项目合作签约仪式在新区举行。")
    assert _names(ex, "Event") == ["两江新区管委会与重庆市福建商会恳谈会暨项目合作签约仪式"]
    # the parties stay names of their own inside the event's name
    assert "两江新区管委会" in _names(ex, "GovernmentBody")
    assert _names(ex, "Institution") == ["重庆市福建商会"]


def test_a_ceremony_of_one_party_with_another_is_not_named_by_the_parties(extractor):
    ex = _extract(extractor, "两江新区管委会与星河微电子有限公司举行项目签约仪式。")
    assert _names(ex, "Event") == []


def test_a_ceremony_named_by_the_agreement_it_signs_keeps_the_fund(extractor):
    ex = _extract(extractor, "近日，新区举行“江城QFLP(合格境外有限合伙人)创投基金设立协议签约活动”。")
    assert _names(ex, "Event") == ["江城QFLP(合格境外有限合伙人)创投基金设立协议签约活动"]
    assert _names(ex, "Fund") == ["江城QFLP(合格境外有限合伙人)创投基金"]


def test_a_ceremony_of_a_parks_projects_without_a_date_is_no_name(extractor):
    ex = _extract(extractor, "星河智造产业园项目集中签约仪式在园区举行。")
    assert _names(ex, "Event") == []
    assert _names(ex, "Park") == ["星河智造产业园"]


def test_a_dateline_and_byline_are_no_part_of_an_event_name(extractor):
    ex = _extract(extractor, "江城网3月1日讯（记者王小明）2024生物医药成果展示暨江城市医药产业投资"
                             "洽谈会1日举行。")
    assert _names(ex, "Event") == ["2024生物医药成果展示暨江城市医药产业投资洽谈会"]


# ------------------------------------------------------------------ events: this round

@pytest.mark.parametrize("sentence, event", [
    ("11月8日，商务部在两江新区召开第三次国家级新区开放工作交流会暨新区工作推进会。",
     "第三次国家级新区开放工作交流会暨新区工作推进会"),
    ("滇中新区举办第二届沿边开放论坛暨项目建设现场会。", "第二届沿边开放论坛暨项目建设现场会"),
])
def test_meetings_joined_by_ji_are_one_event_whatever_meeting_word_ends_the_second(extractor, sentence, event):
    assert _names(_extract(extractor, sentence), "Event") == [event]


@pytest.mark.parametrize("sentence, events", [
    ("宁波市第十五次党代会胜利闭幕。", ["宁波市第十五次党代会"]),
    ("会议传达学习市第十五次党代会精神。", ["市第十五次党代会"]),
    ("中共浙江省第十六次代表大会在杭州开幕。", ["中共浙江省第十六次代表大会"]),
    ("全体干部学习第十五次党代会精神。", []),
])
def test_a_party_congress_is_named_with_the_place_or_level_before_its_ordinal(extractor, sentence, events):
    assert _names(_extract(extractor, sentence), "Event") == events


def test_a_headlines_statement_before_a_place_is_no_part_of_the_event(extractor):
    ex = _extract(extractor, "成效日益显著 宁波自贸片区营商环境推介会走进博览会")
    assert _names(ex, "Event") == ["宁波自贸片区营商环境推介会"]


def test_a_theme_verb_before_a_place_stays_in_the_event(extractor):
    ex = _extract(extractor, "杭州市和滇中新区加快推进杭州—昆明协作发展签约大会举行。")
    assert _names(ex, "Event") == ["杭州市和滇中新区加快推进杭州—昆明协作发展签约大会"]


@pytest.mark.parametrize("sentence, events", [
    ("锚定工作会议确定的产业目标，新区持续发力。", []),
    ("新区召开党建工作会议。", []),
    ("新区召开招商引资工作会议。", ["招商引资工作会议"]),
    ("滇中新区2025年工作会议明确了目标。", ["滇中新区2025年工作会议"]),
])
def test_the_work_a_meeting_is_about_alone_names_no_meeting(extractor, sentence, events):
    assert _names(_extract(extractor, sentence), "Event") == events


def test_a_ceremony_of_two_parties_opening_its_clause_is_named_by_both_and_held_by_the_first(extractor):
    ex = _extract(extractor, "9日上午，宁波市政府与温州市政府合作共建宁波温州星河产业园区协议签约仪式在宁波举行。")
    event = "宁波市政府与温州市政府合作共建宁波温州星河产业园区协议签约仪式"
    assert _names(ex, "Event") == [event]
    assert _rels(ex, "launchedBy") == {(event, "宁波市政府")}


def test_an_event_headed_by_a_body_is_held_by_it_not_by_the_zone_in_its_name(extractor):
    ex = _extract(extractor, "12月7日，两江新区管委会与重庆市星河商会座谈会在新区举行。")
    event = "两江新区管委会与重庆市星河商会座谈会"
    assert _rels(ex, "launchedBy") == {(event, "两江新区管委会")}


# ------------------------------------------------------------------ parks

def test_a_park_named_in_brackets_after_its_zone_is_a_park(extractor):
    ex = _extract(extractor, "西咸新区（沣东高新区）管委会主任李四出席。")
    assert _names(ex, "Park") == ["沣东高新区"]


def test_a_list_of_parks_makes_a_generic_item_a_park_too(extractor):
    ex = _extract(extractor, "规划有星河智造产业园、国际金融服务产业园、数字贸易产业园三个板块。")
    assert _names(ex, "Park") == ["星河智造产业园", "国际金融服务产业园", "数字贸易产业园"]


def test_a_generic_park_alone_is_no_name(extractor):
    ex = _extract(extractor, "新区将加快国际金融服务产业园建设。")
    assert _names(ex, "Park") == []


def test_a_part_of_a_free_trade_zone_is_a_park(extractor):
    ex = _extract(extractor, "中国（湖北）自由贸易试验区襄阳片区举行签约。")
    assert _names(ex, "Park") == ["中国(湖北)自由贸易试验区襄阳片区"]  # NFKC brackets
    assert _names(ex, "Place") == []


def test_a_base_named_after_a_broad_region_is_its_role_not_a_park(extractor):
    ex = _extract(extractor, "加快建设西部地区先进制造基地。")
    assert _names(ex, "Park") == []


def test_what_a_place_is_to_become_is_no_name(extractor):
    ex = _extract(extractor, "一个现代化国际新城将崛起，园区已成为生物医药产业集聚区，"
                             "全力打造智能装备百亿级产业新城。")
    assert _names(ex, "Place") == [] and _names(ex, "Park") == []


def test_a_new_town_visited_is_a_place(extractor):
    ex = _extract(extractor, "调研组在云港新城实地察看。")
    assert _names(ex, "Place") == ["云港新城"]


# ------------------------------------------------------------------ places

def test_named_areas_are_places_kinds_of_area_are_not(extractor):
    ex = _extract(extractor, "未来三年，大武汉地区将完成投资，沿海地区和贫困地区也将受益。")
    assert _names(ex, "Place") == ["大武汉地区"]


def test_a_lake_and_a_river_basin_are_places(extractor):
    ex = _extract(extractor, "促进烧车淀水资源保护，共同推进永定河流域综合治理。")
    assert _names(ex, "Place") == ["烧车淀", "永定河流域"]


def test_an_island_is_a_place_the_word_island_is_not(extractor):
    ex = _extract(extractor, "位于新区东南的长兴岛有重要的船舶基地，要放大海岛经济优势。")
    assert _names(ex, "Place") == ["长兴岛"]


def test_a_county_listed_with_counties_is_a_place(extractor):
    ex = _extract(extractor, "宜都市、枝江经济开发区、长阳县均已设立招商专班。")
    assert _names(ex, "Place") == ["宜都市", "长阳县"]


def test_a_zones_clusters_listed_after_one_named_in_full(extractor):
    ex = _extract(extractor, "贵安新区航空组团正式挂牌。随后，航空组团、物流组团、文旅组团负责人分别发言。")
    assert _names(ex, "Place") == ["贵安新区航空组团", "贵安新区航空组团", "物流组团", "文旅组团"]


def test_a_city_inside_a_persons_name_is_no_place(extractor):
    ex = _extract(extractor, "管委会副主任常德明出席。")
    assert _names(ex, "Person") == ["常德明"]
    assert _names(ex, "Place") == []


def test_a_place_inside_an_outlets_name_is_no_place(extractor):
    ex = _extract(extractor, "来源：重庆商报网\n【天津晚报讯】记者报道，新区发布新政。")
    assert _names(ex, "Place") == []


def test_guangdong_hong_kong_and_macao_together_and_south_korea_are_places(extractor):
    ex = _extract(extractor, "两地深化粤港澳合作，南韩客商应邀参会。")
    assert _names(ex, "Place") == ["粤港澳", "韩国"]


# ------------------------------------------------------------------ programs

def test_a_campaign_carried_out_is_a_program(extractor):
    ex = _extract(extractor, "新区加快实施招商引资攻坚行动，签约了一批项目。")
    assert _names(ex, "Program") == ["招商引资攻坚行动"]


def test_a_campaigns_kind_alone_is_no_program(extractor):
    ex = _extract(extractor, "各部门开展专项行动，开展相关专项行动，打赢改革攻坚战。")
    assert _names(ex, "Program") == []


@pytest.mark.parametrize("sentence, programs", [
    ("要结合开展“强作风、优服务、解难题”集中提升专项行动。", ["强作风、优服务、解难题集中提升专项行动"]),
    ("新区持续推进“我为企业解难题”实践活动。", ["我为企业解难题实践活动"]),
    ("新区实施“优化服务、狠抓落实”五大行动。", []),
    ("新区开展“强基、提质”行动。", []),
])
def test_a_quoted_motto_and_the_kind_after_it_name_one_campaign(extractor, sentence, programs):
    assert _names(_extract(extractor, sentence), "Program") == programs


@pytest.mark.parametrize("sentence, programs", [
    ("新区不断扩大中马“两国双园”示范效应。", ["中马两国双园"]),
    ("杭州与温州签约，杭温对口合作进一步深化。", ["杭温对口合作"]),
    ("沪滇协作成效显著。", ["沪滇协作"]),
    ("京津冀协作持续深化。", []),
    ("双方加强产业协作，两地协作机制更加完善。", []),
    ("新区推动区域协作。", []),
])
def test_a_cooperation_program_is_named_by_its_parties_abbreviations(extractor, sentence, programs):
    assert _names(_extract(extractor, sentence), "Program") == programs


def test_a_paired_program_written_in_the_other_order_is_the_same_program(extractor):
    ex = _extract(extractor, "杭州与温州签约，杭温对口合作进一步深化，科创项目为温杭对口合作首个项目。")
    assert _names(ex, "Program") == ["杭温对口合作", "杭温对口合作"]


# ------------------------------------------------------------------ policy dates

def _dates(ex):
    return {m.text: ex.dates.get(id(m)) for m in ex.mentions if m.type == "Policy"}


def test_a_policy_date_written_after_its_title(extractor):
    ex = _extract(extractor, "《江城新区产业发展若干措施》于2024年3月5日正式印发。"
                             "《江城新区招商引资办法》（2022年8月9日发布）明确了奖励。")
    assert _dates(ex) == {"江城新区产业发展若干措施": "2024-03-05", "江城新区招商引资办法": "2022-08-09"}


def test_a_policy_date_heading_its_sentence(extractor):
    ex = _extract(extractor, "据悉，今年已有多项政策出台。2023年6月8日，经省政府同意，省发展改革委批复"
                             "《江城新区数字贸易先行区建设方案》。", date="2023-07-01")
    assert _dates(ex) == {"江城新区数字贸易先行区建设方案": "2023-06-08"}


def test_a_policy_issued_recently_is_dated_by_the_article(extractor):
    ex = _extract(extractor, "2023年12月，新区召开大会。近日，江城市人民政府印发《江城新区人才引进办法》。",
                  date="2024-05-20")
    assert _dates(ex) == {"江城新区人才引进办法": "2024-05-20"}


def test_a_policy_in_force_from_a_day(extractor):
    ex = _extract(extractor, "《江城新区数据条例》自2024年5月1日起施行。", date="2024-04-02")
    assert _dates(ex) == {"江城新区数据条例": "2024-05-01"}


def test_a_notice_is_dated_by_its_signature_and_so_are_the_policies_it_issues(extractor):
    ex = _extract(extractor, "各有关单位：\n《江城新区人才安居实施办法》经市政府常务会议研究通过，现印发给你们，"
                             "请遵照执行。\n江城市人民政府\n2019年4月10日\n",
                  title="江城市人民政府关于印发江城新区人才安居实施办法的通知", date="2019-05-02")
    assert _dates(ex) == {"江城市人民政府关于印发江城新区人才安居实施办法的通知": "2019-04-10",
                          "江城新区人才安居实施办法": "2019-04-10"}


def test_a_notice_dated_in_its_title(extractor):
    ex = _extract(extractor, "江城新区管委会：\n你委报来的规划收悉。",
                  title="江城市人民政府关于江城新区发展规划的批复（2018年7月3日）", date="2019-05-02")
    assert _dates(ex) == {"江城市人民政府关于江城新区发展规划的批复": "2018-07-03"}


def test_a_notice_without_a_date_of_its_own_is_dated_by_its_page(extractor):
    ex = _extract(extractor, "各区人民政府：\n为集聚更多青年人才，提出以下意见。",
                  title="江城市人民政府关于加快江城新区人才集聚的意见", date="2021-09-14")
    assert _dates(ex) == {"江城市人民政府关于加快江城新区人才集聚的意见": "2021-09-14"}


def test_a_base_in_a_projects_name_is_no_park(extractor):
    ex = _extract(extractor, "签约项目包括星河智能装备基地及新能源汽车零部件总部项目、华岳电机研制项目。"
                             "考察组参观了江城保税物流中心和顺达快递华中分拨中心等重点项目。")
    assert _names(ex, "Park") == ["江城保税物流中心"]


def test_a_place_named_by_its_port_or_pass_heads_a_park(extractor):
    ex = _extract(extractor, "调研组走访黄家口经济区，要建设好港口经济区。")
    assert _names(ex, "Park") == ["黄家口经济区"]


def test_the_park_an_agreement_is_about_is_a_park(extractor):
    ex = _extract(extractor, "双方签署《星海滨江智慧科技城战略合作框架协议》。")
    assert _names(ex, "Park") == ["星海滨江智慧科技城"]
    assert _names(ex, "Policy") == ["星海滨江智慧科技城战略合作框架协议"]
