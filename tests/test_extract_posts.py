"""People in lists of officials and the posts their chains name, one test per mechanism.

Sentences are invented for these tests; each asserts the exact people, bodies and titles a
reader takes from it.
"""
from __future__ import annotations

import pytest

from extraction import extract as _extract, names as _names, posts as _posts  # tests/extraction.py


def _people(ex):
    return [m.text for m in ex.mentions if m.type == "Person"]


def _part_of(ex):
    return {(r.subject.name or r.subject.text, r.object.name or r.object.text)
            for r in ex.relations if r.predicate == "partOf"}


def test_a_chain_ends_at_the_person_named_before_it_in_the_clause(extractor):
    ex = _extract(extractor, "滇中新区党工委副书记、管委会主任柳青山与云杉大学校长白慕华代表双方签约。")
    assert _people(ex) == ["柳青山", "白慕华"]
    assert _posts(ex) == {("柳青山", "滇中新区党工委", "党工委副书记"),
                          ("柳青山", "滇中新区管委会", "管委会主任"),
                          ("白慕华", "云杉大学", "校长")}


def test_names_listed_after_one_title_share_its_post(extractor):
    ex = _extract(extractor, "云杉医药集团董事长蓝启明，副总经理何秋云、孟书航、韦江陪同考察。")
    assert _people(ex) == ["蓝启明", "何秋云", "孟书航", "韦江"]
    assert _posts(ex) == {("蓝启明", "云杉医药集团", "董事长"), ("何秋云", "云杉医药集团", "副总经理"),
                          ("孟书航", "云杉医药集团", "副总经理"), ("韦江", "云杉医药集团", "副总经理")}


def test_a_bare_title_in_a_list_of_attendees_is_in_the_body_named_before(extractor):
    ex = _extract(extractor, "北湖软件行业协会会长罗志远，名誉会长苗青，执行副会长覃晓东出席。")
    assert _posts(ex) == {("罗志远", "北湖软件行业协会", "会长"), ("苗青", "北湖软件行业协会", "名誉会长"),
                          ("覃晓东", "北湖软件行业协会", "执行副会长")}
    # the head word alone means that organization again
    ex = _extract(extractor, "北湖软件行业协会会长罗志远出席。协会秘书长苗青主持。")
    assert ("苗青", "北湖软件行业协会", "秘书长") in _posts(ex)


def test_posts_in_the_comma_clauses_before_a_name_are_the_names(extractor):
    ex = _extract(extractor, "云南省委常委，滇中新区党工委书记、管委会主任柳青山出席。", title="滇中新区举行推进会")
    assert _posts(ex) == {("柳青山", "云南省委", "省委常委"), ("柳青山", "滇中新区党工委", "党工委书记"),
                          ("柳青山", "滇中新区管委会", "管委会主任")}


def test_bare_city_and_province_organs_are_those_of_the_articles_zone(extractor):
    # 滇中新区 lies in 昆明市, 云南省: 市委, 省委 and 市政协 are theirs
    ex = _extract(extractor, "市委常委、滇中新区党工委书记柳青山，省委常委罗明，市政协主席钱松出席。",
                  title="滇中新区举行推进会")
    assert {("柳青山", "昆明市委", "市委常委"), ("罗明", "云南省委", "省委常委"),
            ("钱松", "昆明市政协", "市政协主席")} <= _posts(ex)


def test_the_city_in_view_is_the_one_named_last(extractor):
    ex = _extract(extractor, "曲靖市委书记罗明，曲靖市委常委、市委秘书长钱松出席。", title="滇中新区举行推进会")
    assert _posts(ex) == {("罗明", "曲靖市委", "市委书记"), ("钱松", "曲靖市委", "市委常委、市委秘书长")}


def test_the_head_of_a_government_is_a_member_of_it_where_the_article_names_it(extractor):
    body = "市委常委、副市长钱松讲话。钱松代表昆明市委、市政府致辞。"
    ex = _extract(extractor, body, title="滇中新区举行推进会")
    assert _posts(ex) == {("钱松", "昆明市委", "市委常委"), ("钱松", "昆明市政府", "副市长")}
    assert "昆明市政府" in [m.name or m.text for m in ex.mentions if m.type == "GovernmentBody"]
    ex = _extract(extractor, "市委常委、副市长钱松讲话。", title="滇中新区举行推进会")
    assert _posts(ex) == {("钱松", "昆明市委", "市委常委")}  # no 市政府 in the article
    # a zone's head: the zone, and its government when the article names it
    ex = _extract(extractor, "滇中新区区委副书记、区长柳青山说，滇中新区区委、区政府将全力支持。")
    assert ("柳青山", "云南滇中新区", "区长") in _posts(ex)
    assert ("柳青山", "滇中新区区政府", "区长") in _posts(ex)


def test_organs_of_a_place_are_part_of_it_only_where_the_article_names_it(extractor):
    ex = _extract(extractor, "市委常委钱松来到昆明调研。", title="滇中新区举行推进会")
    assert ("昆明市委", "昆明市") in _part_of(ex)
    ex = _extract(extractor, "市委常委钱松来到新区调研。", title="滇中新区举行推进会")
    assert _part_of(ex) == set()


def test_a_department_of_a_committee_is_part_of_it(extractor):
    ex = _extract(extractor, "滇中新区区委常委、统战部部长韦江主持会议。")
    assert _posts(ex) == {("韦江", "滇中新区区委", "区委常委"), ("韦江", "滇中新区区委统战部", "统战部部长")}
    assert ("滇中新区区委统战部", "滇中新区区委") in _part_of(ex)


def test_a_unit_of_a_zone_organ_is_a_body_of_its_own(extractor):
    ex = _extract(extractor, "滇中新区管委会办公室主任韦江陪同调研。")
    assert _posts(ex) == {("韦江", "滇中新区管委会办公室", "主任")}
    assert ("滇中新区管委会办公室", "云南滇中新区") in _part_of(ex)


def test_the_organ_after_a_named_party_committee_is_that_bodys(extractor):
    ex = _extract(extractor, "滇中新区党工委委员、空港片区党工委书记、管委会主任韦江陪同。")
    assert _posts(ex) == {("韦江", "滇中新区党工委", "党工委委员"), ("韦江", "空港片区党工委", "党工委书记"),
                          ("韦江", "空港片区管委会", "管委会主任")}


def test_a_name_with_a_rare_surname_after_a_title_is_read_by_the_tagger(extractor):
    ex = _extract(extractor, "云杉集团党委书记、董事长巨宝林参加会谈。")
    assert _people(ex) == ["巨宝林"]
    assert _posts(ex) == {("巨宝林", "云杉集团", "党委书记、董事长")}


def test_dictionary_words_and_glued_function_words_are_no_names(extractor):
    ex = _extract(extractor, "副区长吴一凡以及有关部门负责人出席。他代表商会致辞，商会将积极参与。")
    assert _people(ex) == ["吴一凡"]


def test_prose_glued_before_an_organ_is_not_part_of_its_name(extractor):
    ex = _extract(extractor, "要按照省委的部署，会议由新区党工委副书记韦江主持。", title="滇中新区召开会议")
    bodies = {m.name or m.text for m in ex.mentions if m.type == "GovernmentBody"}
    assert bodies == {"云南省委", "滇中新区党工委"}
    assert _posts(ex) == {("韦江", "滇中新区党工委", "党工委副书记")}


def test_two_titles_of_one_body_joined_by_jian_are_one_post(extractor):
    ex = _extract(extractor, "云杉医药集团副董事长兼总裁蓝启明出席。")
    assert _posts(ex) == {("蓝启明", "云杉医药集团", "副董事长兼总裁")}


def test_party_titles_in_a_list_are_posts_in_the_body_named_before(extractor):
    ex = _extract(extractor, "北湖软件行业协会会长罗志远，党委副书记、执行副会长、秘书长苗青出席。")
    assert ("苗青", "北湖软件行业协会", "党委副书记、执行副会长、秘书长") in _posts(ex)


def test_a_government_named_with_its_office_is_a_body_the_office_is_part_of(extractor):
    ex = _extract(extractor, "云南省人民政府办公厅印发通知，要求各州、市(区)人民政府抓好落实。")
    bodies = sorted(m.name or m.text for m in ex.mentions if m.type == "GovernmentBody")
    assert bodies == ["云南省人民政府", "云南省人民政府办公厅"]
    assert {("云南省人民政府办公厅", "云南省人民政府"), ("云南省人民政府", "云南省")} <= _part_of(ex)


def test_a_companys_units_are_no_organs_of_the_zone(extractor):
    ex = _extract(extractor, "滇中新区管委会副主任韦江出席，公司办公室、战略发展部、投资部负责人参加。")
    bodies = [m.name or m.text for m in ex.mentions if m.type == "GovernmentBody"]
    assert bodies == ["滇中新区管委会"]


def test_a_name_with_a_character_beyond_the_basic_block_is_whole(extractor):
    ex = _extract(extractor, "云杉地产公司执行董事郭晓\U0002ae29出席。")
    assert _people(ex) == ["郭晓\U0002ae29"]


def test_an_aside_after_a_body_is_no_part_of_the_title(extractor):
    ex = _extract(extractor, "云杉集团(控股公司)总经理韦江出席。")
    assert _posts(ex) == {("韦江", "云杉集团", "总经理")}


def test_a_body_no_mention_holds_keeps_the_posts_after_it(extractor):
    # 区工委 names a body not found: its 管委会 is not the article zone's
    ex = _extract(extractor, "区工委副书记、管委会主任韦江出席。", title="滇中新区召开会议")
    assert _posts(ex) == set()


def test_the_organ_of_an_area_named_without_its_place_is_part_of_the_articles_zone(extractor):
    ex = _extract(extractor, "高铁新城管委会领导韦江、钱松陪同调研。", title="滇中新区召开项目推进会")
    assert ("高铁新城管委会", "云南滇中新区") in _part_of(ex)
    assert _posts(ex) == {("韦江", "高铁新城管委会", "管委会领导"), ("钱松", "高铁新城管委会", "管委会领导")}


def test_the_longest_title_ends_the_chain(extractor):
    # 董事 + 长孙 would read a compound surname: 董事长 is the title, 孙立新 the name
    ex = _extract(extractor, "云杉重工集团董事长孙立新表示，将扩大投资。")
    assert _people(ex) == ["孙立新"]
    assert _posts(ex) == {("孙立新", "云杉重工集团", "董事长")}


def test_halls_and_unnamed_areas_are_no_government_bodies(extractor):
    ex = _extract(extractor, "代表团参观了新区规划展示厅，要求做实功能区管委会职能。", title="滇中新区接待考察团")
    assert [m for m in ex.mentions if m.type == "GovernmentBody"] == []


def test_the_organ_of_an_area_of_a_city_is_not_the_citys_own(extractor):
    ex = _extract(extractor, "昆明临空经济区管理委员会与昆明市商务局签署协议。")
    assert _part_of(ex) == {("昆明市商务局", "昆明市")}


@pytest.mark.parametrize("headline, body, title", [
    ("——访贵安新区党工委委员、管委会副主任符明哲", "贵安新区党工委", "党工委委员"),
    ("对话重庆两江新区管委会副主任李明远", "重庆两江新区管委会", "副主任"),
])
def test_an_interviews_headline_verb_is_no_part_of_the_body(extractor, headline, body, title):
    ex = _extract(extractor, headline)
    assert body in _names(ex, "GovernmentBody")
    assert any(o == body and t == title for _, o, t in _posts(ex))
