"""References to something named earlier (双方, 该公司, 两地, 该区, 该基金): a relation stated
at the reference holds for what it refers to, and the reference is never a name.

Sentences are written for these tests (invented companies and funds; the zones are public).
"""
from __future__ import annotations

from zonegraph.extract.coref import find_references
from zonegraph.extract.model import Mention
from extraction import extract as _extract, rels as _rels  # tests/extraction.py

REFERENCE_WORDS = {"双方", "两地", "三方", "该公司", "公司", "该区", "该基金", "该市", "这里"}


def _no_reference_became_a_name(ex):
    names = {m.text for m in ex.mentions} | {m.name for m in ex.mentions}
    names |= {x.text for r in ex.relations for x in (r.subject, r.object)}
    return not names & REFERENCE_WORDS


def test_both_sides_are_the_two_named_together_before(extractor):
    ex = _extract(extractor, "两江新区与云帆数据科技有限公司举行会谈。双方签署了战略合作协议。")
    assert _rels(ex, "cooperatesWith") == {("重庆两江新区", "云帆数据科技有限公司")}
    assert _no_reference_became_a_name(ex)


def test_both_sides_are_the_parties_of_the_last_cooperation(extractor):
    ex = _extract(extractor, "滇中新区将与北港物流有限公司开展全面合作。双方共同发起设立星辰产业投资基金。")
    assert _rels(ex, "launchedBy") == {("星辰产业投资基金", "云南滇中新区"),
                                       ("星辰产业投资基金", "北港物流有限公司")}
    assert _no_reference_became_a_name(ex)


def test_the_company_is_the_company_named_before(extractor):
    ex = _extract(extractor, "云帆数据科技有限公司成立于2015年。该公司已落户两江新区。")
    assert _rels(ex, "locatedIn") == {("云帆数据科技有限公司", "重庆两江新区")}
    assert _no_reference_became_a_name(ex)


def test_a_bare_company_word_opening_a_clause_refers_back(extractor):
    ex = _extract(extractor, "澜岸制药有限公司是一家创新药企，公司将在滇中新区投资建设生产基地。")
    assert _rels(ex, "locatedIn") == {("澜岸制药有限公司", "云南滇中新区")}
    assert _no_reference_became_a_name(ex)


def test_both_places_are_the_two_that_cooperate(extractor):
    ex = _extract(extractor, "两地将在科技创新领域深化合作。")
    assert _rels(ex, "cooperatesWith") == set()  # nobody named before: no guess
    ex = _extract(extractor, "天府新区与两江新区召开联席会议。会议指出，两地将在科技创新领域深化合作。")
    assert _rels(ex, "cooperatesWith") == {("四川天府新区", "重庆两江新区")}


def test_the_district_is_the_articles_zone(extractor):
    ex = _extract(extractor, "滇中新区持续优化营商环境。3月5日，该区印发《营商环境提升十条》。")
    assert _rels(ex, "issuedBy") == {("营商环境提升十条", "云南滇中新区")}
    assert _no_reference_became_a_name(ex)


def test_the_size_of_the_fund_named_before(extractor):
    ex = _extract(extractor, "新区设立星辰产业投资基金。该基金目标规模预计20亿元，重点投向新材料产业。")
    fund = next(m for m in ex.mentions if m.type == "Fund")
    assert ex.amounts == {id(fund): 2e9}


def test_a_count_after_a_list_names_that_list(extractor):
    ex = _extract(extractor, "天府新区与北港物流有限公司开展合作。两江新区、天府新区、滇中新区三方签订《数字经济合作协议》。")
    zones = {"重庆两江新区", "四川天府新区", "云南滇中新区"}
    assert _rels(ex, "issuedBy") == {("数字经济合作协议", z) for z in zones}


def test_a_kind_word_inside_a_phrase_is_no_reference():
    text = "甲公司成立后，其子公司与园区企业合作。"
    firm = Mention(0, 3, "Enterprise", "甲公司", rule="test")
    assert find_references(text, [firm], None) == []


def test_a_group_reference_stands_for_each_party_where_it_is_written():
    text = "甲公司与乙公司会谈。双方签约。"
    a = Mention(0, 3, "Enterprise", "甲公司", rule="test")
    b = Mention(4, 7, "Enterprise", "乙公司", rule="test")
    (ref,) = find_references(text, [a, b], None)
    assert (ref.text, ref.antecedents) == ("双方", [a, b])
    assert [(s.start, s.end, s.text) for s in ref.stand_ins] == [(10, 10, "甲公司"), (10, 12, "乙公司")]


def test_the_city_is_the_city_named_before(extractor):
    ex = _extract(extractor, "宜宾市代表团到访天府新区。该市与天府新区签署合作协议。")
    assert _rels(ex, "cooperatesWith") == {("宜宾市", "四川天府新区")}
    assert _no_reference_became_a_name(ex)


def test_here_after_zai_is_the_place_that_opened_the_sentence_before(extractor):
    ex = _extract(extractor, "星河科学城位于滇中新区东南部,是全省重要的人才高地。在这里,李明来到云帆数据科技有限公司。")
    assert ("云帆数据科技有限公司", "星河科学城") in _rels(ex, "locatedIn")
    assert _no_reference_became_a_name(ex)


def test_here_opening_a_clause_is_the_place_just_named(extractor):
    ex = _extract(extractor, "云帆数据科技有限公司扎根在两江新区,这里还连续两年成功举办第三届智能制造博览会。")
    assert _rels(ex, "launchedBy") == {("第三届智能制造博览会", "重庆两江新区")}
    assert _no_reference_became_a_name(ex)
