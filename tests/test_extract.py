"""Entities, posts, attributes and relations found by the extraction pipeline.

As in the build pipeline, the extractor is given normalized text (NFKC, simplified, so
full-width punctuation is ASCII); offsets of an ``Extraction`` refer to
``title + "\\n" + body``.
"""
from __future__ import annotations

import pytest

from zonegraph.ingest.normalize import normalize


def _extract(extractor, title, body, date=""):
    return extractor.extract(normalize(title).text, normalize(body).text, date)


def _text(title, body):
    return f"{normalize(title).text}\n{normalize(body).text}"


def _of_type(ex, etype):
    return [m for m in ex.mentions if m.type == etype]


def test_zone_full_and_short_forms_resolve_to_the_gazetteer_key(extractor):
    body = "重庆两江新区持续推进智能网联汽车产业发展，今年以来两江新区新增规上工业企业三十家。"
    ex = _extract(extractor, "", body)
    zones = _of_type(ex, "Zone")
    assert [m.text for m in zones] == ["重庆两江新区", "两江新区"]
    assert {m.key for m in zones} == {"zone:liangjiang"}
    assert ex.zone_key == "zone:liangjiang"


def test_traditional_zone_name_is_a_gazetteer_alias(extractor):
    # the raw text, not normalized: the gazetteer knows the traditional forms too
    ex = extractor.extract("兩江新區召開會議", "会议研究部署了下一阶段重点工作。")
    assert [(m.text, m.key) for m in _of_type(ex, "Zone")] == [("兩江新區", "zone:liangjiang")]


def test_every_mention_span_matches_its_text(extractor):
    title = "滇中新区与贵安新区签署产业合作协议"
    body = ("9月10日，云南滇中新区与贵州贵安新区在昆明签署产业合作协议。云鼎智造（昆明）科技有限公司"
            "将在滇中新区建设数据中心。")
    ex = _extract(extractor, title, body)
    text = _text(title, body)
    assert ex.mentions
    for m in ex.mentions:
        assert text[m.start:m.end] == m.text


def test_company_name_with_parentheses_is_one_enterprise(extractor):
    body = "9月12日，云鼎智造（重庆）科技有限公司智能装备项目在两江新区正式开工。"
    ex = _extract(extractor, "", body)
    text = _text("", body)
    enterprises = _of_type(ex, "Enterprise")
    assert len(enterprises) == 1
    m = enterprises[0]
    assert m.text == "云鼎智造(重庆)科技有限公司"  # NFKC: ASCII brackets
    assert (m.start, m.end) == (text.index("云鼎智造"), text.index("有限公司") + 4)
    # 重庆 inside the parentheses is not a separate mention
    assert not [x for x in ex.mentions if m.start < x.start < m.end]


@pytest.mark.parametrize("name", ["王建国", "李晓梅"])
def test_title_chain_gives_person_and_post_in_zone_organ(extractor, name):
    body = f"两江新区党工委副书记、管委会副主任{name}表示，新区将持续优化营商环境。"
    ex = _extract(extractor, "", body)
    assert [m.text for m in _of_type(ex, "Person")] == [name]
    # a post in each organ the chain names, titled by its own part
    assert [(p.person.text, p.organization.key, p.organization.type, p.title) for p in ex.posts] == [
        (name, "organ:liangjiang:党工委", "GovernmentBody", "党工委副书记"),
        (name, "organ:liangjiang:管委会", "GovernmentBody", "管委会副主任")]
    member = [r for r in ex.relations if r.predicate == "memberOf"]
    assert [(r.subject.text, r.object.key) for r in member] == [
        (name, "organ:liangjiang:党工委"), (name, "organ:liangjiang:管委会")]


def test_unnamed_spokesperson_is_no_person(extractor):
    body = ("湘江新区管委会相关负责人表示，项目将于年内建成投产。"
            "湘江新区管委会副主任陈立华出席活动。")
    ex = _extract(extractor, "", body)
    assert [m.text for m in _of_type(ex, "Person")] == ["陈立华"]
    assert [p.person.text for p in ex.posts] == ["陈立华"]


def test_policy_issued_by_organ_with_year_from_the_issue_date(extractor):
    body = "4月8日，滇中新区管委会印发《滇中新区促进先进制造业高质量发展若干措施》，从用地、融资等方面提出支持政策。"
    ex = _extract(extractor, "", body, date="2024-05-10")
    policies = _of_type(ex, "Policy")
    assert [m.text for m in policies] == ["滇中新区促进先进制造业高质量发展若干措施"]
    policy = policies[0]
    issued = [r for r in ex.relations if r.predicate == "issuedBy" and r.rule.startswith("issue:")]
    assert [(r.subject.text, r.object.key, r.planned) for r in issued] == [
        (policy.text, "organ:dianzhong:管委会", False)]
    assert ex.dates[id(policy)] == "2024-04-08"


def test_policy_date_with_its_own_year_is_kept(extractor):
    body = "2023年12月26日，福州新区管委会发布《福州新区关于支持海洋经济发展的若干措施》。"
    ex = _extract(extractor, "", body, date="2024-05-10")
    (policy,) = _of_type(ex, "Policy")
    assert ex.dates[id(policy)] == "2023-12-26"


def _coop_pairs(ex):
    return {frozenset((r.subject.key or r.subject.text, r.object.key or r.object.text))
            for r in ex.relations if r.predicate == "cooperatesWith"}


def test_framework_agreement_gives_cooperation(extractor):
    ex = _extract(extractor, "", "哈尔滨新区与长春新区签署战略合作框架协议。")
    assert _coop_pairs(ex) == {frozenset(("zone:harbin", "zone:changchun"))}
    assert not any(r.planned for r in ex.relations)


def test_cooperation_between_organ_and_enterprise(extractor):
    ex = _extract(extractor, "", "赣江新区管委会与南昌航星电子科技有限公司签署战略合作框架协议。")
    # the committee signs, and signs for its zone
    assert _coop_pairs(ex) == {frozenset(("organ:ganjiang:管委会", "南昌航星电子科技有限公司")),
                               frozenset(("zone:ganjiang", "南昌航星电子科技有限公司"))}


@pytest.mark.parametrize("fund", ["兰州新区绿色化工产业投资基金", "兰州新区绿色化工产业基金"])
def test_fund_size_in_yuan(extractor, fund):
    body = f"兰州新区设立总规模50亿元的{fund}，首期规模10亿元，重点投向精细化工项目。"
    ex = _extract(extractor, "", body)
    funds = _of_type(ex, "Fund")
    assert [m.text for m in funds] == [fund]
    assert ex.amounts[id(funds[0])] == 5e9  # the total, not the first tranche
    launched = [r for r in ex.relations if r.predicate == "launchedBy" and r.rule.startswith("launch:")]
    assert [(r.subject.text, r.object.key) for r in launched] == [(fund, "zone:lanzhou")]


def test_fund_size_written_after_the_name(extractor):
    ex = _extract(extractor, "", "赣江新区生物医药产业基金总规模30亿元，首期规模10亿元。")
    (fund,) = _of_type(ex, "Fund")
    assert ex.amounts[id(fund)] == 3e9


@pytest.mark.parametrize("marker", ["拟", "将", "即将"])
def test_planned_statements_are_flagged(extractor, marker):
    ex = _extract(extractor, "", f"哈尔滨新区{marker}与长春新区签署战略合作框架协议。")
    coop = [r for r in ex.relations if r.predicate == "cooperatesWith"]
    assert coop and all(r.planned for r in coop)


def test_planned_and_actual_settlement(extractor):
    planned = _extract(extractor, "", "云鼎智造（西安）科技有限公司拟落户西咸新区空港产业园。")
    done = _extract(extractor, "", "云鼎智造（西安）科技有限公司落户西咸新区空港产业园。")
    for ex, flag in ((planned, True), (done, False)):
        located = [r for r in ex.relations if r.predicate == "locatedIn"]
        assert [(r.subject.text, r.object.text, r.planned) for r in located] == [
            ("云鼎智造(西安)科技有限公司", "西咸新区空港产业园", flag)]


@pytest.mark.parametrize("company", [
    "领航智控（西安）科技有限公司",
    "远航星测（西安）科技有限公司",
])
def test_company_name_beginning_with_a_verb_like_word_is_kept_whole(extractor, company):
    ex = _extract(extractor, "", f"{company}落户西咸新区空港产业园。")
    assert [m.text for m in _of_type(ex, "Enterprise")] == [normalize(company).text]


def test_negated_cooperation_agreement_is_dropped(extractor):
    ex = _extract(extractor, "", "哈尔滨新区尚未与长春新区签署合作协议。")
    assert _coop_pairs(ex) == set()


def test_zone_organ_is_part_of_its_zone(extractor):
    ex = _extract(extractor, "", "西咸新区管委会召开专题会议。")
    (organ,) = _of_type(ex, "GovernmentBody")
    assert organ.key == "organ:xixian:管委会"
    part = [(r.subject.key, r.object.key) for r in ex.relations if r.predicate == "partOf"]
    assert part == [("organ:xixian:管委会", "zone:xixian")]


def test_spacy_doc_ents_mirror_the_mentions(extractor):
    doc = extractor.nlp("云鼎智造(重庆)科技有限公司落户两江新区数字经济产业园。")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("云鼎智造(重庆)科技有限公司", "Enterprise"), ("两江新区数字经济产业园", "Park")]


def test_a_very_long_article_is_read_in_pieces_with_exact_offsets(extractor):
    from zonegraph.extract import CHUNK

    sentence = "9月5日，两江新区与天府新区签署战略合作协议，长翼智行（重庆）科技有限公司落户两江新区数字经济产业园。"
    body = normalize(sentence * (CHUNK // len(sentence) * 3)).text
    ex = extractor.extract("", body, "2024-09-10")
    text = "\n" + body
    assert len(body) > 2 * CHUNK
    assert all(text[m.start:m.end] == m.text for m in ex.mentions)
    assert all(text[a:b].endswith("。") for a, b in (r.sentence for r in ex.relations))
    copies = body.count("签署战略合作协议")
    cooperating = {r.sentence for r in ex.relations if r.predicate == "cooperatesWith"}
    assert len(cooperating) == copies  # one cooperation in every sentence, none lost at a cut
