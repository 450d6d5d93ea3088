"""How news states who issued, launched, hosts and cooperates: one test per pattern.

Sentences are written for these tests (invented companies, funds, parks and policies;
zones, places and central bodies are the public ones the gazetteers hold); each asserts
the exact relations a reader would take from it.
"""
from __future__ import annotations

import pytest

from extraction import extract as _extract, rels as _rels  # tests/extraction.py


def _coop(ex):
    """Cooperation pairs, each in both directions' canonical order."""
    return {tuple(sorted(pair)) for pair in _rels(ex, "cooperatesWith")}


def _dates(ex):
    return {m.text: ex.dates[id(m)] for m in ex.mentions if id(m) in ex.dates}


# issuedBy

def test_issuer_of_several_policies_named_in_a_row(extractor):
    ex = _extract(extractor, "5月6日，滇中新区管委会印发《滇中新区数字产业扶持办法》和《滇中新区人才安居实施细则》。")
    assert _rels(ex, "issuedBy") == {("滇中新区数字产业扶持办法", "滇中新区管委会"),
                                     ("滇中新区人才安居实施细则", "滇中新区管委会")}


def test_a_body_whose_consent_a_document_was_issued_with_issued_it_too(extractor):
    ex = _extract(extractor, "经国务院同意，国家发展改革委批复《长江中游数字枢纽建设方案》。")
    assert _rels(ex, "issuedBy") == {("长江中游数字枢纽建设方案", "国家发展和改革委员会"),
                                     ("长江中游数字枢纽建设方案", "国务院")}


def test_a_plan_named_after_a_zone_and_approved_above_it_is_not_the_zones(extractor):
    ex = _extract(extractor, "2015年，国务院正式批复《滇中新区发展规划》。")
    assert _rels(ex, "issuedBy") == {("滇中新区发展规划", "国务院")}
    assert _dates(ex) == {}  # a year alone is no day: the policy's date stays unknown


def test_the_body_heading_a_notice_issued_the_policy_it_sends_out(extractor):
    body = ("云南省人民政府办公厅关于印发滇中新区产业提升三年行动计划的通知\n"
            "《滇中新区产业提升三年行动计划》已经省政府同意，现印发给你们，请认真贯彻执行。")
    ex = _extract(extractor, body, date="2024-03-01")
    assert _rels(ex, "issuedBy") == {("滇中新区产业提升三年行动计划", "云南省人民政府办公厅")}
    assert _dates(ex) == {"滇中新区产业提升三年行动计划": "2024-03-01"}


def test_a_known_body_heading_a_policy_title_issued_it(extractor):
    ex = _extract(extractor, "会议学习了《国务院关于同意设立滇中新区的批复》。")
    assert _rels(ex, "issuedBy") == {("国务院关于同意设立滇中新区的批复", "国务院")}


def test_the_parties_of_a_signed_agreement_issued_it(extractor):
    ex = _extract(extractor, "3月2日，两江新区与云帆数据科技有限公司签署《智算中心合作协议》。")
    assert _coop(ex) == {("云帆数据科技有限公司", "重庆两江新区")}
    # a company signs but issues no documents
    assert _rels(ex, "issuedBy") == {("智算中心合作协议", "重庆两江新区")}


def test_the_parties_named_at_the_head_of_an_agreement(extractor):
    ex = _extract(extractor, "会上，双方签署了《宜宾市—天府新区战略合作框架协议》。")
    assert _coop(ex) == {("四川天府新区", "宜宾市")}
    assert _rels(ex, "issuedBy") == {("宜宾市—天府新区战略合作框架协议", "四川天府新区")}


def test_bodies_written_before_a_title_issued_it(extractor):
    ex = _extract(extractor, "会议指出，云南省委、云南省人民政府《关于支持滇中新区高质量发展的意见》明确了新区定位。")
    assert _rels(ex, "issuedBy") == {("关于支持滇中新区高质量发展的意见", "云南省委"),
                                     ("关于支持滇中新区高质量发展的意见", "云南省人民政府")}


def test_a_policy_passively_issued_by_nobody_named_is_nobodys(extractor):
    ex = _extract(extractor, "在各方推动下，滇中新区《关于优化管理体制的意见》已经正式出台。")
    assert _rels(ex, "issuedBy") == {("关于优化管理体制的意见", "云南滇中新区")}
    ex = _extract(extractor, "滇中新区持续推进改革，在各方推动下，《关于优化管理体制的意见》已经正式出台。")
    assert _rels(ex, "issuedBy") == set()


def test_the_date_written_right_after_a_policy(extractor):
    ex = _extract(extractor, "《滇中新区数据要素市场培育方案》于2024年2月5日正式印发，明确了发展目标。")
    assert _dates(ex) == {"滇中新区数据要素市场培育方案": "2024-02-05"}


# cooperatesWith and launchedBy of several parties

def test_four_parties_signing_a_fund_agreement_cooperate_and_found_the_fund(extractor):
    ex = _extract(extractor, "云帆数据科技有限公司、澜岸资本管理有限公司、启明光能有限公司、北港物流有限公司"
                             "四家单位正式签署星辰产业投资基金合作协议。")
    firms = ["云帆数据科技有限公司", "澜岸资本管理有限公司", "启明光能有限公司", "北港物流有限公司"]
    assert _coop(ex) == {tuple(sorted((a, b))) for i, a in enumerate(firms) for b in firms[i + 1:]}
    assert _rels(ex, "launchedBy") == {("星辰产业投资基金", f) for f in firms}


def test_a_list_signing_with_one_party_signs_one_agreement_of_them_all(extractor):
    ex = _extract(extractor, "云帆数据科技有限公司、澜岸资本管理有限公司与北港物流有限公司签署战略合作协议。")
    assert _coop(ex) == {("云帆数据科技有限公司", "澜岸资本管理有限公司"),
                         ("云帆数据科技有限公司", "北港物流有限公司"),
                         ("北港物流有限公司", "澜岸资本管理有限公司")}


def test_who_attends_or_hosts_a_signing_is_no_party_of_it(extractor):
    ex = _extract(extractor, "云帆数据科技有限公司、北港物流有限公司负责人参加签约仪式。")
    assert _coop(ex) == set()
    ex = _extract(extractor, "两江新区、滇中新区分别举行重点项目签约活动。")
    assert _coop(ex) == set()
    ex = _extract(extractor, "两江新区、滇中新区重点项目签约仪式举行。")  # their projects sign
    assert _coop(ex) == set()


def test_the_unit_of_a_group_signs_not_the_group_nor_the_city_it_signs_in(extractor):
    ex = _extract(extractor, "两江新区与澜岸集团旗下云帆数据科技有限公司在北京签署合作协议。")
    assert _coop(ex) == {("云帆数据科技有限公司", "重庆两江新区")}


def test_an_unnamed_party_before_with_leaves_the_cooperation_unknown(extractor):
    ex = _extract(extractor, "在两江新区管委会推动下，长风汽车与云帆数据科技有限公司签订供应链合同。")
    assert ("两江新区管委会", "云帆数据科技有限公司") not in _rels(ex, "cooperatesWith")


def test_founders_joined_by_with_launch_the_fund_together(extractor):
    ex = _extract(extractor, "澜岸资本管理有限公司与北港物流有限公司共同发起设立星辰产业投资基金。")
    assert _rels(ex, "launchedBy") == {("星辰产业投资基金", "澜岸资本管理有限公司"),
                                       ("星辰产业投资基金", "北港物流有限公司")}


def test_a_zone_holding_an_event_launched_it(extractor):
    ex = _extract(extractor, "两江新区于5月举行第三届智能制造博览会。")
    assert _rels(ex, "launchedBy") == {("第三届智能制造博览会", "重庆两江新区")}


def test_the_organizer_after_the_host_launched_the_event_too(extractor):
    ex = _extract(extractor, "第三届滇池数字经济博览会由滇中新区管委会主办，云帆数据科技有限公司承办。")
    assert _rels(ex, "launchedBy") == {("第三届滇池数字经济博览会", "滇中新区管委会"),
                                       ("第三届滇池数字经济博览会", "云帆数据科技有限公司")}


def test_programs_announced_in_a_row(extractor):
    ex = _extract(extractor, "两江新区发布“明月英才计划”、“星火创业行动”。")
    assert _rels(ex, "launchedBy") == {("明月英才计划", "重庆两江新区"), ("星火创业行动", "重庆两江新区")}


def test_a_fund_named_as_the_setting_of_another_was_not_launched_here(extractor):
    ex = _extract(extractor, "两江新区推动在星辰产业投资基金下设立明月科创子基金。")
    assert _rels(ex, "launchedBy") == {("明月科创子基金", "重庆两江新区")}


# locatedIn

def test_a_company_building_in_a_zone_is_located_there(extractor):
    ex = _extract(extractor, "澜岸制药有限公司计划在滇中新区投资建设生产基地。")
    assert _rels(ex, "locatedIn") == {("澜岸制药有限公司", "云南滇中新区")}


def test_a_companys_project_starting_in_a_zone(extractor):
    ex = _extract(extractor, "云帆数据科技有限公司智能终端项目在滇中新区开工建设。")
    assert _rels(ex, "locatedIn") == {("云帆数据科技有限公司", "云南滇中新区")}


def test_a_company_described_as_one_of_a_districts(extractor):
    ex = _extract(extractor, "云帆数据科技有限公司是万州区电子信息产业龙头企业。")
    assert _rels(ex, "locatedIn") == {("云帆数据科技有限公司", "万州区")}
    ex = _extract(extractor, "云帆数据科技有限公司是中国电子信息产业龙头企业。")
    assert _rels(ex, "locatedIn") == set()


def test_a_place_said_to_lie_somewhere_is_not_the_firm_speaking(extractor):
    ex = _extract(extractor, "云帆数据科技有限公司负责人表示，滇南地处昆明南部，区位优越。")
    assert _rels(ex, "locatedIn") == set()
    ex = _extract(extractor, "滇中新区管委会负责人表示，下一步滇南将承办第三届智能制造博览会。")
    assert _rels(ex, "launchedBy") == set()


def test_located_in_a_part_of_a_place(extractor):
    ex = _extract(extractor, "位于滇中新区东南部的澜岸制药有限公司已全面投产。")
    assert _rels(ex, "locatedIn") == {("澜岸制药有限公司", "云南滇中新区")}


def test_a_park_lying_in_a_city(extractor):
    ex = _extract(extractor, "星河数字产业园地处成都东部，规划面积12平方公里。")
    assert _rels(ex, "locatedIn") == {("星河数字产业园", "成都市")}


# fund sizes

def test_a_funds_whole_size_wins_over_its_first_phase(extractor):
    ex = _extract(extractor, "新区设立星辰产业投资基金，首期规模20亿元，总规模100亿元。")
    fund = next(m for m in ex.mentions if m.type == "Fund")
    assert ex.amounts == {id(fund): 1e10}


# locatedIn and partOf as news states them without 落户 or 位于

def test_parks_listed_after_qizhong_lie_in_the_park_before(extractor):
    ex = _extract(extractor, "据了解,星河高科技产业园规划面积5.7平方公里,其中算法应用产业园0.7平方公里、"
                             "软件服务产业园0.8平方公里,总投资约300亿元。")
    assert _rels(ex, "locatedIn") == {("算法应用产业园", "星河高科技产业园"),
                                      ("软件服务产业园", "星河高科技产业园")}


def test_areas_a_zone_includes_are_part_of_it(extractor):
    ex = _extract(extractor, "滇中新区包括星河科学城、北港智造产业园等片区。")
    assert _rels(ex, "partOf") == {("星河科学城", "云南滇中新区"), ("北港智造产业园", "云南滇中新区")}


def test_firms_counted_after_qizhong_are_no_areas(extractor):
    ex = _extract(extractor, "星河科学城引进项目20个,其中澜岸制药有限公司投资10亿元。")
    assert _rels(ex, "locatedIn") == set()


def test_what_is_visited_at_a_place_lies_there(extractor):
    ex = _extract(extractor, "李明来滇中新区调研,在星河科学城实地察看了澜岸制药有限公司和启明光能有限公司等重点项目现场。")
    assert _rels(ex, "locatedIn") == {("澜岸制药有限公司", "星河科学城"), ("启明光能有限公司", "星河科学城")}


def test_here_is_the_place_the_sentence_before_was_about(extractor):
    ex = _extract(extractor, "星河科学城位于滇中新区东南部,是全省重要的人才高地。"
                             "在这里,李明先后前往云帆数据科技有限公司、北港物流有限公司,调研企业生产情况。")
    assert _rels(ex, "locatedIn") == {("星河科学城", "云南滇中新区"),
                                      ("云帆数据科技有限公司", "星河科学城"),
                                      ("北港物流有限公司", "星河科学城")}


def test_a_visit_during_a_stay_elsewhere_is_not_at_that_place(extractor):
    ex = _extract(extractor, "在北京考察期间,李明还来到天津澜岸制药有限公司。")
    assert _rels(ex, "locatedIn") == set()
    ex = _extract(extractor, "在滇中新区,李明会见了云帆数据科技有限公司董事长。")  # a meeting, no visit
    assert _rels(ex, "locatedIn") == set()


def test_parks_opening_in_an_article_about_a_zone_are_its_areas(extractor):
    title = "滇中新区重点项目建设提速"
    ex = _extract(extractor, "云帆数字产业园、北港智造产业园等一批重点项目相继开工建设。", title=title)
    assert _rels(ex, "partOf") == {("云帆数字产业园", "云南滇中新区"), ("北港智造产业园", "云南滇中新区")}
    # a park named after a city is that city's
    ex = _extract(extractor, "成都星河数字产业园正式开园。", title=title)
    assert _rels(ex, "partOf") == set()
    # without a zone the article is about, nobody's
    ex = _extract(extractor, "云帆数字产业园、北港智造产业园等一批重点项目相继开工建设。")
    assert _rels(ex, "partOf") == set()


def test_a_firm_lies_in_every_park_of_a_run(extractor):
    ex = _extract(extractor, "位于沈阳经开区南坪工业区的澜岸制药有限公司已全面投产。")
    assert _rels(ex, "locatedIn") == {("澜岸制药有限公司", "沈阳经开区"), ("澜岸制药有限公司", "南坪工业区")}


def test_a_zone_written_before_a_firm_locates_it_and_is_no_party():
    from zonegraph.extract.model import Mention
    from zonegraph.extract.relations import relations_in

    text = "长风汽车与两江新区云帆电器等5家企业签订供应链合同。"
    ms = [Mention(0, 4, "Enterprise", "长风汽车", "test"),
          Mention(5, 9, "Zone", "两江新区", "test", key="zone:liangjiang"),
          Mention(9, 13, "Enterprise", "云帆电器", "test")]
    found = {(r.subject.text, r.predicate, r.object.text) for r in relations_in(text, ms, None)}
    assert found == {("长风汽车", "cooperatesWith", "云帆电器"), ("云帆电器", "locatedIn", "两江新区")}


# cooperatesWith

def test_a_zone_committee_signs_for_its_zone(extractor):
    ex = _extract(extractor, "3月31日,星河大学与河北雄安新区管理委员会签署战略合作框架协议。")
    assert _coop(ex) == {("星河大学", "河北雄安新区管理委员会"), ("星河大学", "河北雄安新区")}
    # a city dealing with the committee is a matter between governments
    ex = _extract(extractor, "昆明市与滇中新区管委会签订战略合作协议。")
    assert _coop(ex) == {("昆明市", "滇中新区管委会")}


def test_markets_listed_before_a_joint_act_are_no_parties(extractor):
    ex = _extract(extractor, "产品辐射日本、韩国、泰国、老挝等国家,共同打造开放平台。")
    assert _coop(ex) == set()
    ex = _extract(extractor, "产品远销日本、韩国、泰国、老挝等国家,并与新加坡开展合作。")  # who acts is unnamed
    assert _coop(ex) == set()
    ex = _extract(extractor, "两江新区坚持开放发展,与新加坡开展合作。")
    assert _coop(ex) == {("新加坡", "重庆两江新区")}
    ex = _extract(extractor, "推动两江数智创新区、星河科学城共建跨区域协同创新样板。")  # made to act together
    assert _coop(ex) == {("两江数智创新区", "星河科学城")}


def test_a_domain_clause_before_with_keeps_the_subject_named_earlier(extractor):
    ex = _extract(extractor, "云帆数据科技有限公司愿发挥全产业链优势,在新材料、文旅康养等领域与滇中新区携手开创合作新格局。")
    assert _coop(ex) == {tuple(sorted(("云帆数据科技有限公司", "云南滇中新区")))}


# launchedBy

def test_the_venue_of_an_event_did_not_launch_it(extractor):
    ex = _extract(extractor, "商务部在两江新区举办第三届智能制造博览会。")
    assert _rels(ex, "launchedBy") == {("第三届智能制造博览会", "商务部")}


def test_a_meeting_welcomed_from_afar_has_no_launcher(extractor):
    ex = _extract(extractor, "滇中新区表示,将以优异成绩迎接第三届全国数字经济大会胜利召开。")
    assert _rels(ex, "launchedBy") == set()


def test_founders_listed_together_launch_the_fund(extractor):
    ex = _extract(extractor, "澜岸资本管理有限公司、北港物流有限公司、启明光能有限公司共同出资设立星辰产业投资基金。")
    assert _rels(ex, "launchedBy") == {("星辰产业投资基金", "澜岸资本管理有限公司"),
                                       ("星辰产业投资基金", "北港物流有限公司"),
                                       ("星辰产业投资基金", "启明光能有限公司")}


def test_a_sub_fund_set_up_by_a_parent_fund_is_not_the_zones(extractor):
    ex = _extract(extractor, "两江新区设立星辰产业母基金,星辰产业母基金出资设立明月科创子基金。")
    assert _rels(ex, "launchedBy") == {("星辰产业母基金", "重庆两江新区")}


def test_a_pilot_zone_named_after_a_zone_is_set_in_it_and_an_area_of_it(extractor):
    ex = _extract(extractor, "滇中新区绿色金融改革创新试验区建设正式启动。")
    assert _rels(ex, "locatedIn") == {("滇中新区绿色金融改革创新试验区", "云南滇中新区")}
    assert _rels(ex, "partOf") == {("滇中新区绿色金融改革创新试验区", "云南滇中新区")}
    ex = _extract(extractor, "滇中新区数字经济产业园开园。")  # an ordinary park is an area only
    assert _rels(ex, "locatedIn") == set()



def test_what_starts_in_the_clause_after_zai_a_site_lies_there(extractor):
    ex = _extract(extractor, "在星河科学城,总投资10亿元的澜岸制药有限公司生物医药项目开工建设。")
    assert _rels(ex, "locatedIn") == {("澜岸制药有限公司", "星河科学城")}
    # a firm that only speaks there, or acts in a later clause, is not placed
    ex = _extract(extractor, "在星河科学城,澜岸制药有限公司董事长表示满意。")
    assert _rels(ex, "locatedIn") == set()
    ex = _extract(extractor, "在星河科学城,各类项目加快建设,澜岸制药有限公司表示满意。")
    assert _rels(ex, "locatedIn") == set()


def test_a_firm_named_right_after_a_site_and_de_lies_there(extractor):
    ex = _extract(extractor, "星河科学城的澜岸制药有限公司已经投产。")
    assert _rels(ex, "locatedIn") == {("澜岸制药有限公司", "星河科学城")}


def test_a_firm_opening_in_an_article_about_a_zone_lies_in_it(extractor):
    title = "滇中新区重点项目建设提速"
    ex = _extract(extractor, "澜岸制药有限公司正式投产。", title=title)
    assert _rels(ex, "locatedIn") == {("澜岸制药有限公司", "云南滇中新区")}
    ex = _extract(extractor, "北京澜岸制药有限公司正式投产。", title=title)  # named after another place
    assert _rels(ex, "locatedIn") == set()
    ex = _extract(extractor, "澜岸制药有限公司在昆明正式投产。", title=title)  # a place of its own
    assert ("澜岸制药有限公司", "云南滇中新区") not in _rels(ex, "locatedIn")


def test_a_fund_written_right_after_a_body_is_its_own(extractor):
    ex = _extract(extractor, "双方共同争取科技部的星辰科技成果转化引导基金支持。")
    assert _rels(ex, "launchedBy") == {("星辰科技成果转化引导基金", "科学技术部")}
    ex = _extract(extractor, "企业积极参加在两江新区的第三届智能制造博览会。")  # a venue owns nothing
    assert _rels(ex, "launchedBy") == set()


def test_a_sub_fund_named_after_a_zone_is_the_zones_only_when_it_sets_it_up(extractor):
    ex = _extract(extractor, "星辰母基金出资设立滇中新区生物医药子基金。")
    assert _rels(ex, "launchedBy") == set()
    ex = _extract(extractor, "滇中新区设立滇中新区生物医药子基金。")
    assert _rels(ex, "launchedBy") == {("滇中新区生物医药子基金", "云南滇中新区")}


def test_a_park_said_to_be_a_key_area_of_a_zone_is_part_of_it(extractor):
    ex = _extract(extractor, "李明指出,星河科学城是青岛特色产业发展的重要一极,是支撑西海岸新区高质量发展的关键区域。")
    assert _rels(ex, "partOf") == {("星河科学城", "青岛西海岸新区")}
    ex = _extract(extractor, "星河科学城是滇中新区的重要组成部分。")
    assert _rels(ex, "partOf") == {("星河科学城", "云南滇中新区")}
    # the fruit of a zone's cooperation, or a part followed by more, says nothing of the kind
    ex = _extract(extractor, "星河科学城是滇中新区与昆明市合作的成果。")
    assert _rels(ex, "partOf") == set()
    ex = _extract(extractor, "星河科学城是滇中新区的重要组成部分和创新高地。")
    assert _rels(ex, "partOf") == set()


def test_who_takes_part_in_an_event_did_not_launch_it(extractor):
    for sentence in ("两江新区组织企业参加第三届智能制造博览会。",
                     "两江新区代表团出席在北京举办的第三届智能制造博览会。"):
        assert _rels(_extract(extractor, sentence), "launchedBy") == set()
    ex = _extract(extractor, "两江新区在北京举办第三届智能制造博览会。")
    assert _rels(ex, "launchedBy") == {("第三届智能制造博览会", "重庆两江新区")}


def test_a_program_a_zone_pushes_on_is_its_own_but_not_one_of_the_province(extractor):
    ex = _extract(extractor, "两江新区将坚持把实体经济作为主攻方向,纵深推进“星火倍增行动”。")
    assert _rels(ex, "launchedBy") == {("星火倍增行动", "重庆两江新区")}
    ex = _extract(extractor, "两江新区全面贯彻落实省市“营商环境提升年”工作部署。")
    assert _rels(ex, "launchedBy") == set()
    # a meeting named after what it pushes on is nobody's program
    ex = _extract(extractor, "滇中新区党工委要求,认真学习在深入推进西部开发座谈会上的重要讲话精神。")
    assert _rels(ex, "launchedBy") == set()


def test_a_quoted_program_right_after_a_zone_is_the_zones(extractor):
    ex = _extract(extractor, "充分发挥滨海新区“星河英才计划”政策优势。")
    assert _rels(ex, "launchedBy") == {("星河英才计划", "天津滨海新区")}


def test_a_fund_set_up_with_a_partner_after_yu_is_launched_by_the_sentences_subject_too(extractor):
    ex = _extract(extractor, "据张明介绍，青枫投资协会将整合产业资源，在未来5年内与福州新区共同成立"
                             "百亿元以上规模的产业基金。")
    assert _rels(ex, "launchedBy") == {("产业基金", "青枫投资协会"), ("产业基金", "福州新区")}


def test_a_fund_set_up_with_a_partner_alone_is_launched_by_the_partner_and_no_speaker(extractor):
    ex = _extract(extractor, "青枫集团负责人表示，将与滇中新区共同设立规模10亿元的青枫数智基金。")
    assert _rels(ex, "launchedBy") == {("青枫数智基金", "云南滇中新区")}


def test_a_fund_set_up_with_a_partner_without_doing_it_together_names_the_partner_only(extractor):
    ex = _extract(extractor, "青枫集团今年扩大投资，与滇中新区签约后设立青枫数智基金。")
    assert ("青枫数智基金", "青枫集团") not in _rels(ex, "launchedBy")


def test_the_future_is_no_negation_but_not_yet_is(extractor):
    yes = _extract(extractor, "两江新区未来将设立青枫数智基金。")
    no = _extract(extractor, "两江新区尚未设立青枫数智基金。")
    assert _rels(yes, "launchedBy") == {("青枫数智基金", "重庆两江新区")}
    assert _rels(no, "launchedBy") == set()


def test_a_central_bodys_short_name_with_guojia_before_it_is_the_same_body(extractor):
    ex = _extract(extractor, "今年9月，国家金融监管总局印发《关于做好青枫试点工作的通知》，国家科技部也有部署。")
    assert _rels(ex, "issuedBy") == {("关于做好青枫试点工作的通知", "国家金融监督管理总局")}
    bodies = {m.text: m.name for m in ex.mentions if m.type == "GovernmentBody"}
    assert bodies == {"国家金融监管总局": "国家金融监督管理总局", "国家科技部": "科学技术部"}


def test_a_central_body_heading_a_funds_name_set_it_up(extractor):
    ex = _extract(extractor, "新区共同争取科技部国家青枫成果转化引导基金支持。")
    assert _rels(ex, "launchedBy") == {("科技部国家青枫成果转化引导基金", "科学技术部")}


def test_a_company_heading_a_fund_named_after_the_zone_does_not_replace_the_zone(extractor):
    ex = _extract(extractor, "两江新区设立比亚迪两江青枫产业投资基金。")
    assert ("比亚迪两江青枫产业投资基金", "比亚迪股份有限公司") not in _rels(ex, "launchedBy")


def test_the_plan_a_reply_approves_is_issued_by_the_body_heading_the_reply(extractor):
    ex = _extract(extractor, "为贯彻落实《国务院关于滇中新区青枫发展规划的批复》精神，特制定本方案。")
    assert _rels(ex, "issuedBy") == {("国务院关于滇中新区青枫发展规划的批复", "国务院"),
                                     ("滇中新区青枫发展规划", "国务院")}


def test_a_reply_approving_a_founding_names_no_plan(extractor):
    ex = _extract(extractor, "根据《国务院关于同意设立滇中新区的批复》，新区正式设立。")
    assert _rels(ex, "issuedBy") == {("国务院关于同意设立滇中新区的批复", "国务院")}


@pytest.mark.parametrize("sentence, issued", [
    ("《青枫产业三年行动计划》已经云南省人民政府同意，现印发给你们。",
     {("青枫产业三年行动计划", "云南省人民政府")}),
    ("《青枫产业三年行动计划》印发后，云南省人民政府同意延长期限。", set()),
])
def test_the_body_that_consented_to_a_document_issued_it(extractor, sentence, issued):
    assert _rels(_extract(extractor, sentence), "issuedBy") == issued


def test_an_event_named_after_the_zone_is_its_own_unless_the_text_says_who_held_it(extractor):
    said = _extract(extractor, "6月8日，2025滇中新区数字经济大会在新区举行，由滇中新区管委会与青枫数字研究院联合主办。")
    unsaid = _extract(extractor, "6月8日，2025滇中新区数字经济大会在新区举行。")
    assert _rels(said, "launchedBy") == {("2025滇中新区数字经济大会", "滇中新区管委会"),
                                         ("2025滇中新区数字经济大会", "青枫数字研究院")}
    assert _rels(unsaid, "launchedBy") == {("2025滇中新区数字经济大会", "云南滇中新区")}


def test_a_fund_two_parties_set_up_together_is_launched_by_both(extractor):
    ex = _extract(extractor, "两江新区与青枫资本共同设立100亿元产业基金。")
    assert _rels(ex, "launchedBy") == {("产业基金", "重庆两江新区"), ("产业基金", "青枫资本")}


@pytest.mark.parametrize("sentence, launchers", [
    ("星河集团与两江新区签署协议，共同发起设立青枫数智产业基金。", {"星河集团", "重庆两江新区"}),
    ("星河集团与两江新区签署协议，并联合出资设立青枫数智产业基金。", {"星河集团", "重庆两江新区"}),
    ("星河集团与两江新区签署协议，两江新区设立青枫数智产业基金。", {"重庆两江新区"}),
])
def test_parties_of_a_clause_then_acting_together_all_launch_the_fund(extractor, sentence, launchers):
    ex = _extract(extractor, sentence)
    assert {o for s, o in _rels(ex, "launchedBy") if s == "青枫数智产业基金"} == launchers


def test_a_zone_never_cooperates_with_its_own_organ(extractor):
    ex = extractor.extract("", "天府新区与天府新区管委会共同举办推介活动，两江新区管委会与天府新区签署合作协议。")
    pairs = {frozenset((r.subject.key, r.object.key)) for r in ex.relations if r.predicate == "cooperatesWith"}
    assert frozenset(("zone:tianfu", "organ:tianfu:管委会")) not in pairs
    assert frozenset(("organ:liangjiang:管委会", "zone:tianfu")) in pairs  # another zone's organ does
