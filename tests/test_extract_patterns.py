"""The language patterns of government and economic news, one test per mechanism.

Sentences are written for these tests (invented companies and people); each asserts the
exact names and relations a reader would take from it.
"""
from __future__ import annotations

import pytest

from extraction import extract as _extract, names as _names, rels as _rels, posts as _posts  # tests/extraction.py


def test_items_of_a_list_closed_by_a_kind_are_entities_of_that_kind(extractor):
    ex = _extract(extractor, "新区积极服务星河微电、澜岸制药、启明光能等重点企业扩产。")
    assert _names(ex, "Enterprise") == ["星河微电", "澜岸制药", "启明光能"]


def test_a_list_of_actions_is_not_a_list_of_names(extractor):
    ex = _extract(extractor, "推动企业创新研发、发展壮大等各项工作落地见效。")
    assert _names(ex, "Enterprise") == []


def test_organ_listed_after_a_zone_organ_is_an_organ_of_that_zone(extractor):
    ex = _extract(extractor, "3月8日，滨海新区区委、区政府印发《关于支持海洋经济高质量发展的若干措施》。")
    issuers = {o for s, o in _rels(ex, "issuedBy")}
    assert issuers == {"滨海新区区委", "滨海新区区政府"}
    assert ("滨海新区区政府", "天津滨海新区") in _rels(ex, "partOf")


def test_bodies_at_the_head_of_a_policy_title_issued_it(extractor):
    ex = _extract(extractor, "会议传达了《中共甘肃省委 甘肃省人民政府关于支持兰州新区建设的意见》。")
    assert {o for s, o in _rels(ex, "issuedBy")} == {"中共甘肃省委", "甘肃省人民政府"}


def test_policy_date_takes_the_year_of_the_article(extractor):
    ex = _extract(extractor, "5月6日，湘江新区管委会发布《湘江新区算力产业扶持办法》。", date="2023-05-10")
    policy = next(m for m in ex.mentions if m.type == "Policy")
    assert ex.dates[id(policy)] == "2023-05-06"


def test_a_book_title_that_is_not_a_policy_is_not_one(extractor):
    ex = _extract(extractor, "该企业入选《2023中国独角兽企业榜单》。")
    assert _names(ex, "Policy") == []


def test_event_hosted_by_several_bodies(extractor):
    ex = _extract(extractor, "第三届滇池数字经济博览会由滇中新区管委会和云南省科技厅联合主办。")
    assert _rels(ex, "launchedBy") == {("第三届滇池数字经济博览会", "滇中新区管委会"),
                                       ("第三届滇池数字经济博览会", "云南省科技厅")}


def test_fund_size_and_manager(extractor):
    ex = _extract(extractor, "新区设立总规模30亿元的福州新区海洋产业投资基金，由闽海资本管理有限公司担任基金管理人。")
    fund = next(m for m in ex.mentions if m.type == "Fund")
    assert fund.text == "福州新区海洋产业投资基金"
    assert ex.amounts[id(fund)] == 3e9
    assert ("福州新区海洋产业投资基金", "闽海资本管理有限公司") in _rels(ex, "launchedBy")


def test_fund_named_after_a_zone_was_launched_by_it(extractor):
    ex = _extract(extractor, "星辰两江科创基金规模10亿元，投向光电信息领域。")
    assert ("星辰两江科创基金", "重庆两江新区") in _rels(ex, "launchedBy")


def test_a_park_attracting_institutions_hosts_them(extractor):
    ex = _extract(extractor, "南沙科学城已吸引了华南海洋研究院、岭南智能实验室等机构入驻。")
    located = _rels(ex, "locatedIn")
    assert ("华南海洋研究院", "南沙科学城") in located
    assert ("岭南智能实验室", "南沙科学城") in located


def test_companies_moving_into_a_park_named_before_them(extractor):
    ex = _extract(extractor, "金普跨境电商产业园正式开园，辽海供应链、北港优品等知名企业纷纷进驻。")
    assert _rels(ex, "locatedIn") == {("辽海供应链", "金普跨境电商产业园"),
                                      ("北港优品", "金普跨境电商产业园")}


def test_founded_in_a_zone(extractor):
    ex = _extract(extractor, "4月2日，东北亚智能装备研发中心在哈尔滨新区揭牌成立。")
    assert ("东北亚智能装备研发中心", "哈尔滨新区") in _rels(ex, "locatedIn")


def test_post_stated_with_shi(extractor):
    body = "陈思远、周佳怡等青年人才扎根新区。陈思远是松原光电科技有限公司研发中心总监，负责新产品研发。"
    ex = _extract(extractor, body, title="长春新区集聚青年人才")
    assert _names(ex, "Person") == ["陈思远", "周佳怡", "陈思远"]
    assert ("陈思远", "松原光电科技有限公司", "研发中心总监") in _posts(ex)


def test_organ_official_belongs_to_every_organ_the_chain_names(extractor):
    ex = _extract(extractor, "会上，贵安新区党工委委员、管委会副主任林海涛作工作报告。")
    assert _posts(ex) == {("林海涛", "贵安新区管委会", "管委会副主任"),
                          ("林海涛", "贵安新区党工委", "党工委委员")}


def test_head_of_a_zone_government_belongs_to_the_zone(extractor):
    ex = _extract(extractor, "浦东新区区委副书记、区长顾明远说，要加快建设现代化产业体系。")
    assert _posts(ex) == {("顾明远", "上海浦东新区", "区长"),
                          ("顾明远", "浦东新区区委", "区委副书记")}  # and the party seat


def test_chain_naming_two_organizations_gives_two_posts(extractor):
    ex = _extract(extractor, "赣江新区管委会副主任、光谷科创城主任何志明出席。")
    posts = _posts(ex)
    assert ("何志明", "赣江新区管委会", "副主任") in posts
    assert ("何志明", "光谷科创城", "主任") in posts


def test_bureau_named_without_its_zone_is_an_organ_of_the_articles_zone(extractor):
    ex = _extract(extractor, "新区行政审批局会同卫生健康和民政局现场办公。", title="江北新区优化营商环境")
    bodies = _names(ex, "GovernmentBody")
    assert "江北新区行政审批局" in bodies
    assert "江北新区卫生健康和民政局" in bodies
    assert ("江北新区行政审批局", "江北新区卫生健康和民政局") in _rels(ex, "cooperatesWith")


def test_slogans_and_two_bodies_named_together_are_not_bodies(extractor):
    ex = _extract(extractor, "在省委省政府的坚强领导下，推动园区事园区办、一窗通办。", title="兰州新区")
    assert _names(ex, "GovernmentBody") == []


def test_local_organ_is_part_of_its_place_but_customs_are_not(extractor):
    ex = _extract(extractor, "长沙市知识产权局与长沙海关共同开展专项行动。")
    part = _rels(ex, "partOf")
    assert ("长沙市知识产权局", "长沙市") in part
    assert not any(s == "长沙海关" for s, _ in part)


def test_quoted_brands_counted_are_names_themselves(extractor):
    ex = _extract(extractor, "打造‘创想汇’、‘创投汇’两大子品牌，实施“湾区英才”引育工程。")
    assert set(_names(ex, "Program")) == {"创想汇", "创投汇", "湾区英才引育工程"}


def test_counted_things_and_generic_parks_are_not_names(extractor):
    ex = _extract(extractor, "新区建设八大产业旗舰联盟和三个分基地，打造绿色低碳示范区。")
    assert _names(ex, "Institution") == []
    assert _names(ex, "Park") == []


def test_a_park_with_a_proper_name_is_kept(extractor):
    ex = _extract(extractor, "两江新区加快建设悦来智慧公园和雁栖湖科创TOWN。")
    assert _names(ex, "Park") == ["悦来智慧公园", "雁栖湖科创TOWN"]


@pytest.mark.parametrize("sentence, partner", [
    ("新区先后与华中科技大学、武汉大学等高校合作共建人工智能学院。", "华中科技大学"),
    ("深化与天府新区在汽车、电子等产业的合作。", "四川天府新区"),
])
def test_cooperation_with_the_articles_own_zone(extractor, sentence, partner):
    ex = _extract(extractor, sentence, title="两江新区推动区域协同")
    pairs = {frozenset(p) for p in _rels(ex, "cooperatesWith")}
    assert frozenset({"重庆两江新区", partner}) in pairs


def test_listed_partners_of_a_subject_named_first(extractor):
    ex = _extract(extractor, "雁栖智慧公园按照“一园一特色”的思路，与海联通信、北辰数科等企业合作。")
    assert _rels(ex, "cooperatesWith") == {("雁栖智慧公园", "海联通信"), ("雁栖智慧公园", "北辰数科")}


def test_traditional_text_is_read_like_simplified(extractor):
    ex = _extract(extractor, "3月5日，青島西海岸新區與海晟重工（青島）有限公司簽署戰略合作協議。")
    assert ("青岛西海岸新区", "海晟重工(青岛)有限公司") in _rels(ex, "cooperatesWith")


def test_short_forms_of_a_company_link_to_its_full_name(extractor):
    body = ("元旦前，重庆中科星图科技有限公司获评独角兽企业。“这是对星图科技的肯定。”星图科技创始人许文斌说。"
            "矩阵光年数字科技有限公司落户智创园，矩阵光年负责人表示将扩大产能。")
    ex = _extract(extractor, body)
    shorts = {m.text: m.name for m in ex.mentions if m.rule == "short-form"}
    assert shorts == {"星图科技": "重庆中科星图科技有限公司", "矩阵光年": "矩阵光年数字科技有限公司"}
    assert ("许文斌", "重庆中科星图科技有限公司", "创始人") in _posts(ex)


@pytest.mark.parametrize("body, date, expected", [
    ("1月5日，江北新区管委会发布《江北新区促进集成电路产业发展若干政策》。", "2024-01-08", "2024-01-05"),
    ("2023年，新区承接疏解取得进展。6月12日，雄安新区管委会印发《雄安新区支持疏解企业若干措施》。",
     "2024-01-15", "2023-06-12"),
])
def test_a_bare_month_and_day_is_never_after_the_article(extractor, body, date, expected):
    ex = _extract(extractor, body, date=date)
    policy = next(m for m in ex.mentions if m.type == "Policy")
    assert ex.dates[id(policy)] == expected


def test_joint_venture_of_known_firms_pairs_the_firms(extractor):
    # 比亚迪 and 宁德时代 are well-known firms of the gazetteer; their joint venture is no name
    ex = _extract(extractor, "赣江新区与比亚迪、宁德时代合资公司签订合作协议。")
    assert {frozenset(p) for p in _rels(ex, "cooperatesWith")} == {
        frozenset({"江西赣江新区", "比亚迪股份有限公司"}), frozenset({"江西赣江新区", "宁德时代新能源科技股份有限公司"}),
        frozenset({"比亚迪股份有限公司", "宁德时代新能源科技股份有限公司"})}


def test_what_is_named_inside_a_park_is_located_there(extractor):
    ex = _extract(extractor, "3月1日一早，西咸空港产业园内，秦川星火（西安）科技有限公司负责人赵立新带队调试设备。")
    assert ("秦川星火(西安)科技有限公司", "西咸空港产业园") in _rels(ex, "locatedIn")


# ---------------------------------------------------------------- kinds said by the context

def test_the_kind_a_list_names_outweighs_a_suffix(extractor):
    ex = _extract(extractor, "依托星火汇、腾云创新中心、北辰创新中心等孵化器，培育初创企业。")
    assert _names(ex, "Enterprise") == ["星火汇", "腾云创新中心", "北辰创新中心"]
    assert _names(ex, "Institution") == []


def test_unrecognized_items_listed_with_a_park_are_parks(extractor):
    ex = _extract(extractor, "将围绕鲸鱼岛、锦江光谷、云栖芯城、青松生态产业园等重点区域建设。")
    assert _names(ex, "Park") == ["鲸鱼岛", "锦江光谷", "云栖芯城", "青松生态产业园"]


def test_a_list_without_a_park_gives_no_parks(extractor):
    ex = _extract(extractor, "游客可以前往鲸鱼岛、锦江光谷、云栖芯城等地游玩。")
    assert _names(ex, "Park") == []


def test_a_sub_park_keeps_the_name_of_its_park(extractor):
    ex = _extract(extractor, "金沙湾保税港区线下园区于去年正式开仓。")
    assert _names(ex, "Park") == ["金沙湾保税港区线下园区"]


def test_a_park_named_again_as_the_park_is_one_park(extractor):
    ex = _extract(extractor, "近日，滨江生物医药谷园区食堂对外开放。")
    assert _names(ex, "Park") == ["滨江生物医药谷"]


def test_a_phrase_of_prose_does_not_begin_a_name(extractor):
    ex = _extract(extractor, "推进组不断完善保税区功能。工作专班持续推进出口加工区建设。")
    assert _names(ex, "Park") == []


def test_a_count_of_things_is_no_name(extractor):
    ex = _extract(extractor, "贵州省将在省内建设三个分基地。")
    assert _names(ex, "Park") == []


def test_a_branch_set_up_in_a_named_place_is_an_institution_of_its_own(extractor):
    ex = _extract(extractor, "东海大学重庆智能网联创新研发中心在两江新区揭牌成立。")
    assert "东海大学重庆智能网联创新研发中心" in _names(ex, "Institution")
    assert ("东海大学重庆智能网联创新研发中心", "重庆两江新区") in _rels(ex, "locatedIn")


def test_a_department_of_a_named_body_is_not_a_body(extractor):
    ex = _extract(extractor, "东海研究院集成光电研究中心主任李明华介绍了成果。")
    assert _names(ex, "Institution") == ["东海研究院"]


def test_an_institution_name_may_join_two_activities_with_he(extractor):
    ex = _extract(extractor, "国家地理信息产业(重庆)研究和推广中心落户两江新区。清华大学和北京大学联合办学。")
    assert _names(ex, "Institution") == ["国家地理信息产业(重庆)研究和推广中心", "清华大学", "北京大学"]


def test_a_fund_named_only_by_its_kind_is_no_fund(extractor):
    ex = _extract(extractor, "新区对接各类产业投资基金，吸引国内外知名股权投资基金，发布科技金融服务基金群。")
    assert _names(ex, "Fund") == []


def test_a_fund_named_by_its_industry_is_a_fund(extractor):
    ex = _extract(extractor, "新区设立总规模50亿元的海洋经济产业投资基金。")
    assert _names(ex, "Fund") == ["海洋经济产业投资基金"]


def test_a_short_reference_to_a_policy_is_not_another_policy(extractor):
    ex = _extract(extractor, "新区印发《促进人工智能产业发展若干政策》(以下简称《政策》)。《政策》明确提出五项举措。"
                  "《实施方案》另行制定。")
    # 《政策》 names the policy before it; 《实施方案》, with none before it, names nothing
    assert _names(ex, "Policy") == ["促进人工智能产业发展若干政策"] * 2


def test_a_meeting_mechanism_is_not_an_event(extractor):
    ex = _extract(extractor, "新区建立了招商引资工作联席会议机制。")
    assert _names(ex, "Event") == []


# ---------------------------------------------------------------- quoted names

def test_a_platform_named_by_its_quoted_motto_is_a_program(extractor):
    ex = _extract(extractor, "2023年5月，福州新区“一网通办”平台正式上线。新区率先上线“一码通行”综合服务平台。")
    assert _names(ex, "Program") == ["福州新区“一网通办”平台", "“一码通行”综合服务平台"]
    assert ("福州新区“一网通办”平台", "福州新区") in _rels(ex, "launchedBy")


def test_a_quoted_campaign_year_is_a_program(extractor):
    ex = _extract(extractor, "新区全面落实全省“项目建设攻坚年”工作部署。")
    assert _names(ex, "Program") == ["项目建设攻坚年"]


def test_a_quoted_meeting_that_is_held_is_an_event(extractor):
    ex = _extract(extractor, "2月5日，天府新区召开“开年第一会”，部署全年工作。")
    assert _names(ex, "Event") == ["开年第一会"]
    assert ("开年第一会", "四川天府新区") in _rels(ex, "launchedBy")


def test_a_quoted_phrase_built_on_the_zones_name_is_its_brand(extractor):
    ex = _extract(extractor, "两江新区用“筑梦两江”服务人才，打造企业成长“高地”。")
    assert _names(ex, "Program") == ["筑梦两江"]


def test_quoted_slogans_and_formulas_are_not_programs(extractor):
    ex = _extract(extractor, "提出“招商引资、项目建设、服务企业”三大行动，构建“2+5”活动体系。")
    assert _names(ex, "Program") == []


# ---------------------------------------------------------------- where things are

def test_a_thing_described_as_one_of_a_places_own_is_located_there(extractor):
    ex = _extract(extractor, "青禾妇幼医院是新区重大民生项目，也是梅溪总部经济区首家大型医疗机构。",
                  title="湘江新区服务重大项目")
    assert _rels(ex, "locatedIn") == {("青禾妇幼医院", "湖南湘江新区"),
                                      ("青禾妇幼医院", "梅溪总部经济区")}


def test_every_company_of_a_list_that_settles_is_located(extractor):
    ex = _extract(extractor, "目前，星河微电科技有限公司、澜岸制药有限公司等企业已入驻福州新区数字经济产业园。")
    assert _rels(ex, "locatedIn") >= {("星河微电科技有限公司", "福州新区数字经济产业园"),
                                      ("澜岸制药有限公司", "福州新区数字经济产业园")}


def test_companies_settle_in_the_nearest_place_named_before_them(extractor):
    ex = _extract(extractor, "位于新区东部的金沙湾产业园已有星河微电科技有限公司等14家企业入驻。",
                  title="南沙新区产业发展")
    assert ("星河微电科技有限公司", "金沙湾产业园") in _rels(ex, "locatedIn")
    assert ("星河微电科技有限公司", "广州南沙新区") not in _rels(ex, "locatedIn")


def test_a_headquarters_is_in_the_most_specific_place_named(extractor):
    ex = _extract(extractor, "星河微电科技有限公司总部位于山东省青岛市。")
    assert _rels(ex, "locatedIn") == {("星河微电科技有限公司", "青岛市")}


def test_what_settles_far_after_the_companies_is_not_the_companies(extractor):
    ex = _extract(extractor, "积极争取华为、腾讯等企业依托新区数据中心开展的云服务业务落户新区。",
                  title="贵安新区发展大数据")
    located = {r.subject.text for r in ex.relations if r.predicate == "locatedIn"}
    assert {m.text for m in ex.mentions} >= {"华为", "腾讯"}
    assert not located & {"华为", "腾讯"}


def test_a_company_that_sets_up_something_in_a_zone_is_there(extractor):
    ex = _extract(extractor, "长风光电科技有限公司已在哈尔滨新区设立研发中心。")
    assert ("长风光电科技有限公司", "哈尔滨新区") in _rels(ex, "locatedIn")


def test_abbreviated_pilot_zones_are_parks(extractor):
    ex = _extract(extractor, "自2016年青岛跨境电商综试区获批以来，青岛前湾综保区进出口持续增长。")
    assert _names(ex, "Park") == ["青岛跨境电商综试区", "青岛前湾综保区"]


def test_a_task_force_named_again_by_its_head_word_is_the_same_body(extractor):
    ex = _extract(extractor, "福州新区数字经济工作推进组成立。推进组与福州海关协调联动，打通出口通道。")
    assert ("福州新区数字经济工作推进组", "福州海关") in _rels(ex, "cooperatesWith")


def test_a_guidance_fund_keeps_its_whole_name(extractor):
    ex = _extract(extractor, "西海岸新区设立总规模50亿元的西海岸新区海洋产业引导基金，同时发挥政府出资产业引导基金作用。")
    assert _names(ex, "Fund") == ["西海岸新区海洋产业引导基金"]


def test_a_program_in_corner_quotes_is_a_program(extractor):
    ex = _extract(extractor, "與此同時，新區實施「海洋英才集聚工程」。")
    assert _names(ex, "Program") == ["海洋英才集聚工程"]


def test_a_companys_bare_name_that_is_also_a_word_needs_the_context_of_a_company(extractor):
    ex = _extract(extractor, "加快华为、腾讯、苹果数据中心项目建设，支持浪潮扩大服务器产能。")
    assert [(m.text, m.key) for m in ex.mentions if m.type == "Enterprise"] == [
        ("华为", "enterprise:huawei"), ("腾讯", "enterprise:tencent"),
        ("苹果", "enterprise:apple"), ("浪潮", "enterprise:inspur")]
    ex = _extract(extractor, "新区果农的苹果喜获丰收，改革开放的浪潮奔涌向前。")
    assert _names(ex, "Enterprise") == []


def test_posts_listed_before_a_name_with_commas_are_all_posts(extractor):
    ex = _extract(extractor, "东海建筑设计研究院有限公司党委书记、董事长，四川天府新区总规划师王明远作主旨演讲。")
    assert _posts(ex) == {("王明远", "东海建筑设计研究院有限公司", "党委书记、董事长"),
                          ("王明远", "四川天府新区", "总规划师")}


def test_the_parts_of_a_formula_with_plus_are_no_names(extractor):
    ex = _extract(extractor, "新区建立“政府+公司”的招商模式，探索“龙头企业+基金+产业园”路径。")
    assert [m.text for m in ex.mentions if m.type in ("Enterprise", "GovernmentBody", "Fund")] == []
