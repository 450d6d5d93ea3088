"""Parks, places and government bodies in real news: what is a name, what belongs to what.

Each sentence is invented for its test (made-up people, parks and bodies in real provinces
and cities) and the assertions name exactly what a reader takes from it, including
sentences where a rule must not fire.
"""
from __future__ import annotations

from extraction import extract as _extract, names as _names, posts as _posts, rels as _rels  # tests/extraction.py


def _part_of_written(ex):
    """(body, place as written) of the partOf relations whose object is a place."""
    return {(r.subject.name or r.subject.text, r.object.text) for r in ex.relations
            if r.predicate == "partOf" and r.object.type == "Place"}


# ------------------------------------------------------------------ places named by a body

def test_a_party_committee_names_its_place_without_the_kind_word_it_carries(extractor):
    ex = _extract(extractor, "江西省委常委、九江市委书记陈立峰出席并致辞。")
    # 江西省委 is 江西 + 省委: the place reads 江西, its node keeps the full name
    assert _part_of_written(ex) == {("江西省委", "江西"), ("九江市委", "九江")}
    assert _rels(ex, "partOf") == {("江西省委", "江西省"), ("九江市委", "九江市")}


def test_a_department_of_a_province_names_the_province_in_full(extractor):
    ex = _extract(extractor, "吉林省发展改革委、四川省人民政府联合印发通知。")
    assert _part_of_written(ex) == {("吉林省发展改革委", "吉林省"), ("四川省人民政府", "四川")}


def test_a_government_listed_after_a_party_committee_is_part_of_the_same_province(extractor):
    ex = _extract(extractor, "吉林省委省政府明确提出，要坚持高标准建设。")
    assert _part_of_written(ex) == {("吉林省委", "吉林"), ("吉林省政府", "吉林")}


# ------------------------------------------------------------------ not places

def test_a_document_number_is_no_place(extractor):
    for sentence in ("根据发改西部〔2023〕118号文件精神。", "国家发展改革委(苏发改地区[2019]77号)印发。",
                     "附件:江城改办地区【2021】5号"):
        assert _names(_extract(extractor, sentence), "Place") == [], sentence


def test_a_named_area_without_a_document_number_is_still_a_place(extractor):
    ex = _extract(extractor, "粤港澳大湾区和长江中游地区[注]协同发展。")
    assert "长江中游地区" in _names(ex, "Place")


def test_a_countys_short_name_ending_a_province_named_in_the_text_is_the_province(extractor):
    ex = _extract(extractor, "黑龙江省委提出，要打造开放龙江，突出龙江特色。")
    assert {(m.text, m.name) for m in ex.mentions if m.type == "Place"} == {("龙江", "黑龙江省")}


def test_a_countys_short_name_alone_stays_the_county(extractor):
    ex = _extract(extractor, "龙江县地处齐齐哈尔市西部，龙江的大豆远近闻名。")
    assert "龙江县" in _names(ex, "Place")
    assert "黑龙江省" not in _names(ex, "Place")


# ------------------------------------------------------------------ counts and kinds are no names

def test_a_count_of_parks_is_no_park(extractor):
    for sentence in ("园区拥有3个国家级开发区和15个经济功能园区。", "全省共有5个国家级经开区、12家省级高新区。",
                     "这里有两座省级高新区。"):
        assert _names(_extract(extractor, sentence), "Park") == [], sentence


def test_two_kinds_of_zone_joined_are_no_park(extractor):
    ex = _extract(extractor, "该区迈入了国家级新区和国家级自贸区联动发展阶段。")
    assert _names(ex, "Park") == []


def test_a_park_after_a_kind_joined_to_it_keeps_its_own_name(extractor):
    ex = _extract(extractor, "推动国家级新区与青峰综合保税区联动发展。")
    assert _names(ex, "Park") == ["青峰综合保税区"]


def test_the_zone_and_its_new_towns_are_no_place(extractor):
    ex = _extract(extractor, "新区新城各级各部门要深入学习。", title="两江新区召开会议")
    assert _names(ex, "Place") == []


# ------------------------------------------------------------------ posts in two provinces

def test_a_bare_provincial_committee_is_the_one_of_the_chains_city(extractor):
    ex = _extract(extractor, "浙江省委副书记、杭州市委书记林志远,省委常委、长春市委书记高明哲出席仪式。")
    posts = _posts(ex)
    assert ("高明哲", "吉林省委", "省委常委") in posts
    assert ("高明哲", "长春市委", "市委书记") in posts
    assert ("林志远", "浙江省委", "省委副书记") in posts
    assert not any(p == "高明哲" and o == "浙江省委" for p, o, _ in posts)


def test_a_bare_provincial_committee_without_a_city_keeps_the_province_in_view(extractor):
    ex = _extract(extractor, "浙江省委常委、杭州市委书记林志远出席。省委常委、副省长何永安讲话。")
    assert ("何永安", "浙江省委", "省委常委") in _posts(ex)


# ------------------------------------------------------------------ free-trade areas

_AREA = "中国(江西)自由贸易试验区九江片区"


def test_a_provinces_short_free_trade_zone_area_takes_the_official_name(extractor):
    ex = _extract(extractor, "作为江西自贸区九江片区承载地,拥有多所高校的某某新区成为开放高地。")
    assert [(m.text, m.name) for m in ex.mentions if m.type == "Park"] == [("江西自贸区九江片区", _AREA)]


def test_a_bare_area_after_the_free_trade_zone_is_that_zones_area(extractor):
    ex = _extract(extractor, "2020年,中国(江西)自由贸易试验区揭牌,九江片区20平方公里全部落入赣江新区。")
    assert ("九江片区", _AREA) in {(m.text, m.name) for m in ex.mentions if m.type == "Park"}
    assert (_AREA, "江西赣江新区") in _rels(ex, "locatedIn")


def test_a_citys_free_trade_area_lies_in_the_citys_province(extractor):
    ex = _extract(extractor, "九江自贸片区推出十项新举措。")
    assert _names(ex, "Park") == [_AREA]


def test_an_areas_short_free_trade_zone_is_the_area_the_text_names_in_full(extractor):
    ex = _extract(extractor, "九江自贸区挂牌以来,江西自贸试验区九江片区累计形成多项成果。")
    assert _names(ex, "Park") == [_AREA, _AREA]


def test_an_area_without_a_free_trade_zone_is_no_free_trade_area(extractor):
    ex = _extract(extractor, "城东片区和九江片区同步推进旧城改造。")
    assert _AREA not in _names(ex, "Park") + _names(ex, "Place")


def test_a_zone_hosting_an_area_is_where_it_lies(extractor):
    ex = _extract(extractor, "两江新区是重庆自贸试验区两江片区的核心承载区。")
    assert ("中国(重庆)自由贸易试验区两江片区", "重庆两江新区") in _rels(ex, "locatedIn")


# ------------------------------------------------------------------ areas and bases of a zone

def test_an_economic_area_named_after_its_airport_or_port_is_a_park(extractor):
    ex = _extract(extractor, "初步形成了临空经济区聚焦医疗器械、临港经济区聚焦装备制造的格局。")
    assert _names(ex, "Park") == ["临空经济区", "临港经济区"]


def test_a_zones_area_named_by_its_own_words_is_part_of_it(extractor):
    ex = _extract(extractor, "星海数智产业园选址在哈尔滨新区松江一体发展区。")
    assert _names(ex, "Park") == ["星海数智产业园", "哈尔滨新区松江一体发展区"]
    assert _rels(ex, "partOf") == {("哈尔滨新区松江一体发展区", "哈尔滨新区")}
    assert _rels(ex, "locatedIn") == {("星海数智产业园", "哈尔滨新区松江一体发展区"),
                                      ("星海数智产业园", "哈尔滨新区")}


def test_a_zones_kind_of_area_is_no_name(extractor):
    ex = _extract(extractor, "这为天府新区产业功能区的发展提供了机遇,要划分三个功能区。")
    assert _names(ex, "Park") == []


def test_demonstration_bases_a_zone_built_are_areas_of_it(extractor):
    ex = _extract(extractor, "记者了解到,长春新区是吉林省最大的产业集聚区,拥有2个国家级开发区,建设了"
                             "新型工业化光电产业示范基地、国家生物医药高技术产业基地等产业基地。")
    assert _names(ex, "Park") == ["新型工业化光电产业示范基地", "国家生物医药高技术产业基地"]
    assert _rels(ex, "partOf") == {("新型工业化光电产业示范基地", "长春新区"),
                                   ("国家生物医药高技术产业基地", "长春新区")}


def test_a_base_a_goal_or_a_count_names_is_no_park(extractor):
    ex = _extract(extractor, "要把科学城建设成全省数字经济示范基地,再建一批省级示范基地。")
    assert _names(ex, "Park") == []


def test_a_companys_base_built_in_a_zone_lies_in_it(extractor):
    ex = _extract(extractor, "此外,天府新区还规划建设了百万平米的比亚迪新能源生态基地。")
    assert _rels(ex, "locatedIn") == {("比亚迪新能源生态基地", "四川天府新区")}
    assert _rels(ex, "partOf") == set()


def test_a_park_named_after_two_cities_is_not_the_zones(extractor):
    ex = _extract(extractor, "哈尔滨新区将建设哈尔滨杭州产业园区。")
    assert _names(ex, "Park") == ["哈尔滨杭州产业园区"]
    assert _rels(ex, "partOf") == set()


def test_bases_a_cooperation_is_about_are_no_parties(extractor):
    ex = _extract(extractor, "赣江新区与星河集团将围绕星河总部基地和生物产业示范基地项目进行深入合作。")
    assert {frozenset(p) for p in _rels(ex, "cooperatesWith")} == {frozenset({"江西赣江新区", "星河集团"})}


# ------------------------------------------------------------------ departments of ministries

def test_a_ministrys_department_is_part_of_the_ministry(extractor):
    ex = _extract(extractor, "国家发展改革委地区经济司司长方文涛,工业和信息化部产业政策与法规司副司长程立出席。")
    assert _names(ex, "GovernmentBody") == ["国家发展改革委地区经济司", "工业和信息化部产业政策与法规司"]
    assert _rels(ex, "partOf") == {("国家发展改革委地区经济司", "国家发展和改革委员会"),
                                   ("工业和信息化部产业政策与法规司", "工业和信息化部")}
    assert _posts(ex) == {("方文涛", "国家发展改革委地区经济司", "司长"),
                          ("程立", "工业和信息化部产业政策与法规司", "副司长")}


def test_a_company_after_a_ministry_is_no_department(extractor):
    ex = _extract(extractor, "国家发展改革委批复同意星河公司的方案。")
    assert _names(ex, "GovernmentBody") == ["国家发展和改革委员会"]


# ------------------------------------------------------------------ more bodies and regions

def test_a_party_organ_of_a_zones_area_is_part_of_the_zone(extractor):
    ex = _extract(extractor, "设立中共赣江新区临湖组团工作委员会、赣江新区临湖组团管理委员会。")
    assert _rels(ex, "partOf") == {("中共赣江新区临湖组团工作委员会", "江西赣江新区"),
                                   ("赣江新区临湖组团管理委员会", "江西赣江新区")}


def test_a_party_committee_written_with_its_party_is_part_of_its_city(extractor):
    ex = _extract(extractor, "中共九江市委印发通知。")
    assert _part_of_written(ex) == {("中共九江市委", "九江")}


def test_a_bare_city_organ_is_part_of_the_city_the_article_names(extractor):
    ex = _extract(extractor, "西海岸新区将深入落实市委市政府部署,为青岛经济增长作出贡献。",
                  title="西海岸新区召开会议")
    assert _part_of_written(ex) == {("青岛市委", "青岛"), ("青岛市政府", "青岛")}


def test_a_bare_city_organ_of_a_city_the_article_never_names_has_no_place(extractor):
    ex = _extract(extractor, "金普新区按照省委、市委的安排部署推进工作。", title="金普新区召开会议")
    assert _part_of_written(ex) == set()


def test_a_region_named_only_in_its_integration_strategy_is_no_place(extractor):
    ex = _extract(extractor, "该项目是苏锡常一体化发展的标志性项目,推动苏锡常都市圈建设。")
    assert _names(ex, "Place") == ["苏锡常都市圈"]


def test_a_region_cooperating_or_named_alone_is_a_place(extractor):
    ex = _extract(extractor, "积极融入京津冀协同发展,对接长三角。")
    assert _names(ex, "Place") == ["京津冀", "长三角"]


def test_a_zone_then_prose_then_an_organ_word_is_no_organ_of_the_zone(extractor):
    ex = _extract(extractor, "金普新区按照省委的部署推进工作。", title="金普新区召开会议")
    assert _names(ex, "GovernmentBody") == ["辽宁省委"]
    ex = _extract(extractor, "浦东新区政府与星河公司签约。")
    assert _names(ex, "GovernmentBody") == ["浦东新区政府"]


def test_a_department_after_a_zones_committee_in_a_chain_is_the_committees(extractor):
    ex = _extract(extractor, "两江新区区委常委、统战部部长何思远主持会议。", title="两江新区召开座谈会")
    assert ("何思远", "两江新区区委统战部", "统战部部长") in _posts(ex)
    assert ("两江新区区委统战部", "两江新区区委") in _rels(ex, "partOf")


def test_an_office_after_a_zones_organ_in_a_chain_is_the_zones(extractor):
    ex = _extract(extractor, "雄安新区党工委委员、党政办公室主任孟凡舟出席。")
    assert ("孟凡舟", "雄安新区党政办公室", "主任") in _posts(ex)
    assert ("雄安新区党政办公室", "河北雄安新区") in _rels(ex, "partOf")


def test_an_office_after_a_companys_post_stays_the_companys(extractor):
    ex = _extract(extractor, "星河科技有限公司党委副书记、办公室主任李明出席。")
    assert _rels(ex, "partOf") == set()
    assert not any("新区" in o for _, o, _ in _posts(ex))


def test_a_zones_organ_word_opening_a_clause_is_the_zones_organ(extractor):
    ex = _extract(extractor, "管委(区政府)将深入落实工作部署,成立指挥部和工作专班。", title="西海岸新区召开专题会")
    assert _names(ex, "GovernmentBody") == ["西海岸新区管委", "西海岸新区区政府"]
    assert _rels(ex, "partOf") == {("西海岸新区管委", "青岛西海岸新区"), ("西海岸新区区政府", "青岛西海岸新区")}


def test_an_organ_word_inside_prose_is_no_organ(extractor):
    ex = _extract(extractor, "企业对接区政府部门的渠道更加通畅。", title="西海岸新区召开专题会")
    assert _names(ex, "GovernmentBody") == []


def test_a_bare_city_committee_is_the_one_of_the_chains_district(extractor):
    ex = _extract(extractor, "湖南省委常委、长沙市委书记张三出席。市委常委、海曙区委书记罗一鸣主持。")
    assert ("罗一鸣", "宁波市委", "市委常委") in _posts(ex)
    assert ("张三", "长沙市委", "市委书记") in _posts(ex)


def test_every_item_of_a_list_of_goals_is_no_park(extractor):
    ex = _extract(extractor, "要建设成为全国算力中心、高端芯片、先进制造产业园标杆示范基地;新区建成了青峰科技示范基地。")
    assert _names(ex, "Park") == ["青峰科技示范基地"]


def test_parks_built_by_a_subject_that_is_no_zone_belong_to_no_zone(extractor):
    ex = _extract(extractor, "星河集团是全省最大的装备企业,拥有3个研发中心,建设了新型工业化光电产业示范基地。",
                  title="长春新区企业巡礼")
    assert _rels(ex, "partOf") == set()


def test_a_city_hosting_an_area_is_where_it_lies(extractor):
    ex = _extract(extractor, "作为江西自贸区九江片区的所在地,九江市发展迅速。")
    assert _rels(ex, "locatedIn") == {(_AREA, "九江市")}


def test_what_hosts_no_name_is_nowhere(extractor):
    ex = _extract(extractor, "作为江西自贸区九江片区的所在地,当地发展迅速。")
    assert _rels(ex, "locatedIn") == set()
