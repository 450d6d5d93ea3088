"""Linking mentions of one document into entities."""
from __future__ import annotations

import pytest

from zonegraph.extract.gazetteer import load_gazetteer
from zonegraph.graph.link import abbreviates, link_document
from zonegraph.ingest.normalize import normalize

DOC_SHA = "0123456789abcdef" * 4


@pytest.fixture(scope="module")
def zone_names():
    # what the pipeline passes: every zone name form that ends in 新区
    return {f: e.key for e in load_gazetteer().zones() for f in (e.name, *e.aliases)
            if f.endswith("新区")}


def _extract(extractor, title, body, date=""):
    # the pipeline extracts from normalized text (ASCII punctuation, simplified characters)
    return extractor.extract(normalize(title).text, normalize(body).text, date)


def _entity_of(linked, extraction, text):
    keys = {linked.key_of(m) for m in extraction.mentions if m.text == text}
    assert len(keys) == 1, (text, keys)
    return linked.entities[keys.pop()]


ENTERPRISE_TITLE = "滨江检修安装有限责任公司设备检修服务中心落户两江新区"
ENTERPRISE_BODY = ("5月16日，滨江检修安装有限责任公司与两江新区管委会签署投资协议，将在两江新区建设设备检修服务中心。"
                   "两江新区管委会将为项目建设提供全流程服务。\n"
                   "项目建成后，滨江检安公司将为西南地区石化企业提供装置检修服务。")


def test_zone_and_its_administrative_committee_stay_two_entities(extractor, zone_names):
    ex = _extract(extractor, ENTERPRISE_TITLE, ENTERPRISE_BODY, "2024-05-20")
    linked = link_document([ex], DOC_SHA, zone_names)
    zone = _entity_of(linked, ex, "两江新区")
    organ = _entity_of(linked, ex, "两江新区管委会")
    assert zone.key == "zone:liangjiang"
    assert zone.type == "Zone"
    assert zone.label == "重庆两江新区"  # the gazetteer's name, whatever form was written
    assert organ.key == "organ:liangjiang:管委会"
    assert organ.type == "GovernmentBody"
    assert zone is not organ
    assert not zone.merged_by and not organ.merged_by


def test_abbreviation_ending_in_gongsi_merges_into_the_full_enterprise_name(extractor, zone_names):
    ex = _extract(extractor, ENTERPRISE_TITLE, ENTERPRISE_BODY, "2024-05-20")
    linked = link_document([ex], DOC_SHA, zone_names)
    full = _entity_of(linked, ex, "滨江检修安装有限责任公司")
    short = _entity_of(linked, ex, "滨江检安公司")
    assert short is full
    assert full.label == "滨江检修安装有限责任公司"
    assert "滨江检安公司" in full.aliases
    assert full.merged_by == {"short-form"}


def test_short_forms_of_a_park_and_a_policy_merge_with_the_rule_recorded(extractor, zone_names):
    title = "西咸新区空港产业园新签约项目八个"
    body = ("今年以来，西咸新区空港产业园新签约航空物流项目八个。目前，空港产业园已集聚航空物流企业六十余家。\n"
            "3月18日，西咸新区管委会印发《西咸新区支持航空物流产业高质量发展若干措施》，"
            "《若干措施》明确了十项支持政策。")
    ex = _extract(extractor, title, body, "2024-05-20")
    linked = link_document([ex], DOC_SHA, zone_names)

    park = _entity_of(linked, ex, "空港产业园")
    assert park is _entity_of(linked, ex, "西咸新区空港产业园")
    assert (park.label, park.aliases, park.merged_by) == (
        "西咸新区空港产业园", {"空港产业园"}, {"zone-prefix"})

    policy = _entity_of(linked, ex, "若干措施")
    assert policy is _entity_of(linked, ex, "西咸新区支持航空物流产业高质量发展若干措施")
    assert policy.label == "西咸新区支持航空物流产业高质量发展若干措施"
    assert policy.merged_by == {"short-form"}
    assert policy.date == "2024-03-18"


def test_entities_are_shared_across_the_articles_of_a_document(extractor, zone_names):
    first = _extract(extractor, "贵安新区数据中心集群建设提速", "贵州贵安新区新开工数据中心项目三个。", "2024-03-01")
    second = _extract(extractor, "贵安新区举办招商推介活动", "贵安新区面向长三角企业开展专题招商。", "2024-03-01")
    linked = link_document([first, second], DOC_SHA, zone_names)
    zones = {linked.key_of(m) for ex in (first, second) for m in ex.mentions if m.type == "Zone"}
    assert zones == {"zone:guian"}
    assert linked.entities["zone:guian"].aliases >= {"贵安新区"}


def test_a_person_named_again_later_is_the_official_of_the_post(extractor, zone_names):
    first = _extract(extractor, "", "两江新区党工委副书记、管委会副主任李晓梅表示，新区将持续优化营商环境。")
    second = _extract(extractor, "", "会上，李晓梅指出，要加快推进重点项目建设。")
    linked = link_document([first, second], DOC_SHA, zone_names)
    keys = {linked.key_of(m) for ex in (first, second) for m in ex.mentions if m.type == "Person"}
    assert keys == {"person:李晓梅|organ:liangjiang:党工委"}  # keyed by the first post's body
    assert len([m for m in second.mentions if m.type == "Person"]) == 1


@pytest.mark.parametrize("short,full,expected", [
    ("农行江城市分行", "中国农业银行江城市分行", True),
    ("滨江检安公司", "南京滨江检修安装有限责任公司", True),
    ("智创园", "江北新区智创园", True),
    ("天府新区", "两江新区", False),
    ("滨江检修安装有限责任公司", "滨江检修安装有限责任公司", False),
])
def test_abbreviates(short, full, expected):
    assert abbreviates(short, full) is expected


def test_a_name_with_a_piece_cut_from_its_middle_is_another_thing():
    from zonegraph.graph.link import abbreviates

    assert not abbreviates("江西大学", "江西师范大学")
    assert not abbreviates("中国银行", "中国农业银行")
    assert abbreviates("农行江城市分行", "中国农业银行江城市分行")


def test_a_unit_of_a_body_is_not_a_short_form_merged_into_it(extractor, zone_names):
    ex = _extract(extractor, "", "云南省人民政府办公厅印发通知。")
    linked = link_document([ex], DOC_SHA, zone_names)
    labels = sorted(e.label for e in linked.entities.values() if e.type == "GovernmentBody")
    assert labels == ["云南省人民政府", "云南省人民政府办公厅"]


@pytest.mark.parametrize("short,full", [
    ("滇中新区青枫发展规划", "国务院关于滇中新区青枫发展规划的批复"),
    ("青枫产业三年行动计划", "某省人民政府办公厅关于印发青枫产业三年行动计划的通知"),
])
def test_the_document_a_reply_or_notice_is_about_is_no_short_form_of_it(short, full):
    assert not abbreviates(short, full)
