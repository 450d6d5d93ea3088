"""Firms and institutions as real news names them without a gazetteer: a brand and a trade
with a cue of the sentence, a brand jieba splits inside a legal name, a list counted as
firms, an institution's name joining two fields, an institute's short form in a list, a
university's public short form, and the owner at the head of its site's name.

Every sentence is invented (firms, brands, institutes and towns made up; the zones and the
universities are public names) and asserts the exact names, and where a rule must not fire.
"""
from __future__ import annotations

import pytest

from extraction import extract as _extract, names as _names, rels as _rels  # tests/extraction.py


# ------------------------------------------------------------ a brand and a trade, with a cue

@pytest.mark.parametrize("sentence, firm", [
    ("澜岳基因生产的试剂盒销往四十多个国家。", "澜岳基因"),
    ("据介绍，舜禾生物开展了一项眼科新药的多中心试验。", "舜禾生物"),
    ("珀星生物的全球首款口服多肽已进入二期临床。", "珀星生物"),
    ("作为省内首家完成细胞药物出口的云杉生物，今年营收翻番。", "云杉生物"),
    ("欣然药业研发的降压新药获批上市。", "欣然药业"),  # a brand jieba tags as an adverb
])
def test_a_brand_and_a_trade_first_in_a_clause_before_what_a_firm_does(extractor, sentence, firm):
    assert _names(_extract(extractor, sentence), "Enterprise") == [firm]


def test_a_city_a_brand_and_a_trade_first_in_a_clause_name_a_firm(extractor):
    ex = _extract(extractor, "其中，贵阳鹭岩制药的输液产品销往全国，贵州瑾泰生物天然色素出口欧洲。")
    assert _names(ex, "Enterprise") == ["贵阳鹭岩制药", "贵州瑾泰生物"]


@pytest.mark.parametrize("sentence", [
    "合成生物开展了多项研究。",            # a verb and a trade: an industry
    "基因检测的全球市场持续扩大。",        # industry words only
    "其中，云南生物医药产业增长较快。",    # a province and industry words, no brand
    "其中，上海临港新能源汽车产量翻番。",  # a city, an area and an industry
    "海洋生物研发取得新进展。",            # a policy word and a trade
    "新区大力发展新材料，生产的产品远销海外。",
    "逐步生物研发取得进展。",              # adverbs of prose before industry words
    "同时科技研发投入加大。",
    "区内集成电路研发投入增长。",          # a word of position, not a brand
])
def test_industry_words_with_a_cue_are_no_firm(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Enterprise") == []


# ------------------------------------------------------------ a list counted as firms

def test_the_items_of_a_list_counted_as_firms_are_firms(extractor):
    ex = _extract(extractor, "康辰安泰、澜启远博两家药企去年完成了新一轮融资。")
    assert _names(ex, "Enterprise") == ["康辰安泰", "澜启远博"]


@pytest.mark.parametrize("sentence", [
    "康辰安泰、澜启远博、云帆达三两家企业。",      # the count is not the list's length
    "甲方、乙方两家企业签约。",                    # common nouns
    "北京、上海两家企业参加。",                    # places
])
def test_a_count_that_does_not_fit_the_list_names_no_firm(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Enterprise") == []


# ------------------------------------------------------------ a legal name's brand

def test_a_brand_jieba_splits_stays_in_the_legal_name_and_the_zone_places_it(extractor):
    ex = _extract(extractor, "记者走进兰州新区星源达电子股份有限公司的生产车间。")
    assert _names(ex, "Enterprise") == ["星源达电子股份有限公司"]
    assert ("星源达电子股份有限公司", "甘肃兰州新区") in _rels(ex, "locatedIn")


def test_a_split_brand_after_a_verb_and_a_known_noun(extractor):
    ex = _extract(extractor, "园区引进了星源达电子科技有限公司。")
    assert _names(ex, "Enterprise") == ["星源达电子科技有限公司"]


def test_a_zones_own_company_keeps_the_zone_in_its_name(extractor):
    ex = _extract(extractor, "兰州新区城市发展投资集团有限公司总经理到会。")
    assert _names(ex, "Enterprise") == ["兰州新区城市发展投资集团有限公司"]


# ------------------------------------------------------------ institutions

def test_two_fields_joined_by_yu_stay_in_an_institutions_name(extractor):
    ex = _extract(extractor, "青州土壤与水质协同创新中心日前成立，青州材料与能源研究院同日揭牌。")
    assert _names(ex, "Institution") == ["青州土壤与水质协同创新中心", "青州材料与能源研究院"]


@pytest.mark.parametrize("sentence, names", [
    ("江城大学与生命健康创新中心签约。", ["江城大学", "生命健康创新中心"]),
    ("新区管委会与江城材料研究院签约。", ["江城材料研究院"]),
])
def test_yu_between_two_parties_ends_the_second_name(extractor, sentence, names):
    assert _names(_extract(extractor, sentence), "Institution") == names


def test_an_institution_heading_its_sites_name_is_named_too(extractor):
    ex = _extract(extractor, "江城大学材料科学青州研究院中试基地今年投用。")
    assert _names(ex, "Institution") == ["江城大学材料科学青州研究院"]


def test_a_universitys_public_short_form_names_it(extractor):
    ex = _extract(extractor, "西工大、北航的团队与新区签约。")
    assert _names(ex, "Institution") == ["西北工业大学", "北京航空航天大学"]


def test_an_institutes_short_form_listed_with_named_bodies(extractor):
    ex = _extract(extractor, "西工大、江城焊接所和龙电集团共同参与攻关。")
    assert _names(ex, "Institution") == ["西北工业大学", "江城焊接所"]


@pytest.mark.parametrize("sentence", [
    "会场、住所、派出所等场所都已检查。",
    "星河科技、江城派出所联合开展宣传。",
    "会议室、江城焊接所都在三楼。",        # no named body beside it
])
def test_words_ending_in_suo_are_no_institute_without_a_named_sibling(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Institution") == []


# ------------------------------------------------------------ lists of firms joined by 和/及/以及

@pytest.mark.parametrize("sentence", [
    "新区集聚了星澜生物、瑞岳基因和凯迪药业等企业。",
    "星澜生物、瑞岳基因及凯迪药业等一批企业落户新区。",
    "新区引进星澜生物、瑞岳基因以及凯迪药业。",
    "新区培育了星澜生物、瑞岳基因和凯迪药业。",
])
def test_the_last_item_joined_by_a_conjunction_is_a_firm_of_its_own(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Enterprise") == ["星澜生物", "瑞岳基因", "凯迪药业"]


def test_a_firm_whose_name_holds_he_stays_whole_in_a_list(extractor):
    ex = _extract(extractor, "新区吸引了江城星澜制药、青州瑞岳生物以及中和农信等企业入驻。")
    assert _names(ex, "Enterprise") == ["江城星澜制药", "青州瑞岳生物", "中和农信"]


@pytest.mark.parametrize("sentence", [
    "新区发展生物医药、合成生物和基因检测。",
    "新区拥有高端装备、新材料和新能源三大产业。",
    "推行“平台+公司”的运营模式。",
])
def test_industries_and_models_are_no_firms(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Enterprise") == []


# ------------------------------------------------------------ firms named by a project or a site

@pytest.mark.parametrize("sentence", [
    "签约项目包括风电叶片生产线KORVEX项目、凯瑞高端轴承研制项目、星河绿色照明总部项目等。",
    "签约项目包括风电叶片生产线KORVEX项目、凯瑞矿山机械(挖掘机)研制项目等。",  # an aside in brackets
])
def test_a_latin_name_before_a_listed_project_is_its_firm(extractor, sentence):
    assert "KORVEX" in _names(_extract(extractor, sentence), "Enterprise")


def test_a_latin_kind_of_project_is_no_firm(extractor):
    ex = _extract(extractor, "签约项目包括江城污水处理REITs项目、凯瑞高端轴承研制项目、星河绿色照明总部项目等。")
    assert "REITs" not in _names(ex, "Enterprise")


@pytest.mark.parametrize("sentence, firms", [
    ("他来到凯乐五岳、车驰网客服中心。", ["车驰网"]),
    ("途岳网总部落户新区。", ["途岳网"]),
    ("互联网运营中心和电网调度中心建成。", []),
    ("物联网运营中心投用。", []),
])
def test_a_website_before_its_operators_facility_names_the_firm(extractor, sentence, firms):
    assert _names(_extract(extractor, sentence), "Enterprise") == firms


# ------------------------------------------------------------ a firm after its role

@pytest.mark.parametrize("sentence, firm", [
    ("链主企业瑞岳基因落户新区。", "瑞岳基因"),
    ("链主企业瑞岳基因与新区签约。", "瑞岳基因"),
    ("上市公司凯迪药业扩大产能。", "凯迪药业"),
    ("龙头企业瑞岳基因生产的试剂远销海外。", "瑞岳基因"),
])
def test_a_role_only_a_firm_has_is_no_part_of_the_name_after_it(extractor, sentence, firm):
    assert _names(_extract(extractor, sentence), "Enterprise") == [firm]


@pytest.mark.parametrize("sentence", ["企业科技创新能力提升。", "龙头企业生物医药板块增长。"])
def test_a_role_before_industry_words_names_no_firm(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Enterprise") == []


# ------------------------------------------------------------ a verb before a place-led legal name

@pytest.mark.parametrize("sentence, firm", [
    ("新区迎来上海超前智能有限公司。", "上海超前智能有限公司"),
    ("新区携手深圳星澜智能有限公司。", "深圳星澜智能有限公司"),
])
def test_a_verb_before_a_known_place_ends_the_clause_before_a_legal_name(extractor, sentence, firm):
    assert _names(_extract(extractor, sentence), "Enterprise") == [firm]


# ------------------------------------------------------------ a visited list

def test_a_proper_item_visited_with_a_firm_is_a_firm_and_both_lie_where_the_visit_is(extractor):
    ex = _extract(extractor, "青岚产业新城是新区发展数字经济的主阵地。在这里，调研组先后"
                             "走访了广岳云帆、车驰网客服中心。")
    assert _names(ex, "Enterprise") == ["广岳云帆", "车驰网"]
    assert {("广岳云帆", "青岚产业新城"), ("车驰网", "青岚产业新城")} <= _rels(ex, "locatedIn")


@pytest.mark.parametrize("sentence", [
    "他走进展厅、车间、星澜科技有限公司。",     # common nouns beside a firm
    "他来到广岳云帆、青岚湖。",                 # no firm among the items
])
def test_common_words_or_a_list_without_a_firm_name_no_visited_firm(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Enterprise") in ([], ["星澜科技有限公司"])


# ------------------------------------------------------------ a firm named by its project or site

@pytest.mark.parametrize("sentence, firm", [
    ("开发区投促局明确了澜岳医药总部项目的用地方案。", "澜岳医药"),
    ("加快瑞岳基因生产基地建设。", "瑞岳基因"),
])
def test_a_brand_and_a_trade_before_its_project_or_site_is_a_firm(extractor, sentence, firm):
    assert _names(_extract(extractor, sentence), "Enterprise") == [firm]


@pytest.mark.parametrize("sentence", [
    "新区推进生物医药项目建设。",
    "新区建设合成生物项目。",
    "建设江城生物产业基地。",      # an industry's base, not a firm's
    "新区将组织实施一批重大科技项目。",  # an adjective, not a brand
    "对首次落户的海岳装备总部企业给予奖励。",  # 总部企业: a kind of firm
])
def test_an_industrys_project_or_base_names_no_firm(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Enterprise") == []


# ------------------------------------------------------------ 联合 in an institution's name

def test_lianhe_before_the_suffix_is_part_of_a_joint_centres_name(extractor):
    ex = _extract(extractor, "青州海洋研究院与星河重工共建的深远海装备联合创新中心已投入运行。")
    assert _names(ex, "Institution") == ["青州海洋研究院", "深远海装备联合创新中心"]


def test_lianhe_as_a_verb_before_an_institution_is_no_part_of_it(extractor):
    ex = _extract(extractor, "新区联合江城材料研究院开展攻关。")
    assert _names(ex, "Institution") == ["江城材料研究院"]


# ------------------------------------------------------------ a party to a signing, what a firm is

@pytest.mark.parametrize("sentence, firms", [
    ("星澜生物与瑞岳基因签署战略合作协议。", ["星澜生物", "瑞岳基因"]),
    ("新区与星澜生物、瑞岳基因签约。", ["星澜生物", "瑞岳基因"]),
    ("据了解，瑞岳基因成立于2016年，主要从事基因测序。", ["瑞岳基因"]),
])
def test_a_party_to_a_signing_or_what_a_firm_is_said_to_be(extractor, sentence, firms):
    assert _names(_extract(extractor, sentence), "Enterprise") == firms


@pytest.mark.parametrize("sentence", [
    "新区与生物医药企业签约。",
    "新区和海洋生物、合成生物企业签约。",
    "推动生物医药与合成生物共建产业链。",
])
def test_industries_beside_a_signing_are_no_parties(extractor, sentence):
    assert _names(_extract(extractor, sentence), "Enterprise") == []
