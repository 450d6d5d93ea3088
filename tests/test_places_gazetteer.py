"""The places gazetteer with China's county-level divisions (data/places.jsonl).

The county rows are written by scripts/make_county_places.py from the division codes that
cpca 0.5.5 ships (see data/README.md). The sentences here are invented for these tests.
"""
from __future__ import annotations

import json
import re

import pytest

from zonegraph.extract.gazetteer import data_dir, load_gazetteer
from zonegraph.ingest.normalize import normalize

GENERATED_SOURCE = "国家统计局统计用区划代码（县级，经 cpca 0.5.5 adcodes.csv，MIT）"


def _rows(filename: str) -> list[dict]:
    path = data_dir() / filename
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def places():
    return _rows("places.jsonl")


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _chain(gazetteer, key: str) -> list[str]:
    """The names from a place up its parents."""
    names = []
    entry = gazetteer.entries[key]
    while True:
        names.append(entry.name)
        parent = entry.attrs.get("parent", "")
        if not parent:
            return names
        entry = gazetteer.entries[f"place:{parent}"]


def test_a_county_and_its_short_form_are_found_with_their_parents(gazetteer):
    text = "皋兰县今年新建三条物流通道，皋兰的农产品由此直达兰州新区。"
    hits = [h for h in gazetteer.find(text) if h.entry.type == "Place"]
    assert [(h.surface, h.entry.key) for h in hits[:2]] == [
        ("皋兰县", "place:cn-620122"), ("皋兰", "place:cn-620122")]
    entry = hits[0].entry
    assert entry.attrs["kind"] == "county"
    assert _chain(gazetteer, entry.key) == ["皋兰县", "兰州市", "甘肃省"]
    # the zone keeps its own name: 兰州新区 is no place
    assert gazetteer.lookup("兰州新区").type == "Zone"


def test_a_district_is_a_district_under_its_city(gazetteer):
    entry = gazetteer.lookup("番禺区")
    assert entry is not None and entry.type == "Place"
    assert entry.attrs["kind"] == "district"
    assert _chain(gazetteer, entry.key) == ["番禺区", "广州市", "广东省"]


def test_a_name_several_divisions_share_is_no_place(gazetteer):
    # 鼓楼区 is in 南京, 徐州, 福州 and 开封: one row could not say which
    assert gazetteer.lookup("鼓楼区") is None
    assert not [h for h in gazetteer.find("会议在鼓楼区举行。") if h.surface == "鼓楼区"]


def test_common_words_are_no_short_forms(gazetteer):
    # 新建 (新建区), 商城 (商城县) and 平原 (平原县) are words first; 和县 is cut 各市/和县
    for word in ("新建", "商城", "平原", "和县", "老城区"):
        assert gazetteer.lookup(word) is None, word


def test_every_row_has_a_unique_id_and_a_parent_that_exists(places):
    ids = [r["id"] for r in places]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    known = set(ids)
    for r in places:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r["id"]), r["id"]
        assert r["parent"] == "" or r["parent"] in known, r


def test_each_name_belongs_to_one_place(places):
    seen: dict[str, str] = {}
    for r in places:
        for name in (r["name"], *r["aliases"]):
            assert seen.setdefault(name, r["id"]) == r["id"], (name, seen[name], r["id"])


def test_county_rows_are_as_the_script_writes_them(places):
    counties = [r for r in places if r["source"] == GENERATED_SOURCE]
    assert len(counties) > 2000
    kinds = {r["id"]: r["kind"] for r in places}
    for r in counties:
        assert re.fullmatch(r"cn-\d{6}", r["id"]), r
        assert r["kind"] == ("district" if r["name"].endswith("区") else "county"), r
        assert r["parent"] == "" or kinds[r["parent"]] in ("city", "province"), r
        for alias in r["aliases"]:
            assert len(alias) >= 2 and r["name"].startswith(alias), r
    # each line is the canonical JSON of its row, as the README describes
    lines = (data_dir() / "places.jsonl").read_text(encoding="utf-8").splitlines()
    assert all(line == json.dumps(json.loads(line), ensure_ascii=False) for line in lines)


def test_no_zone_name_is_a_place(places):
    place_names = {n: r for r in places for n in (r["name"], *r["aliases"])}
    for zone in _rows("zones.jsonl"):
        for name in (zone["name"], *zone["aliases"]):
            assert name not in place_names, (name, place_names.get(name))
        for weak in zone.get("weak_aliases", ()):
            # a bare weak form may be a city's own short name (福州, 长春), never a county's
            if weak in place_names:
                assert place_names[weak]["kind"] == "city", weak


def test_extraction_finds_a_county_as_a_place(extractor):
    body = normalize("项目位于皋兰县，总投资12亿元。皋兰将与兰州新区共建物流园。").text
    ex = extractor.extract("", body)
    places = {(m.text, m.key) for m in ex.mentions if m.type == "Place"}
    assert ("皋兰县", "place:cn-620122") in places
    assert ("皋兰", "place:cn-620122") in places
    assert any(m.type == "Zone" and m.text == "兰州新区" for m in ex.mentions)


def test_an_occurrence_rejected_before_overlaps_are_settled_hides_nothing():
    from zonegraph.extract.gazetteer import Entry, Gazetteer

    gaz = Gazetteer([Entry("place:yadong", "Place", "亚东", ()),
                     Entry("place:sea", "Place", "东南亚", ())])
    text = "开拓南亚东南亚市场"
    assert [h.surface for h in gaz.find(text)] == ["亚东"]  # leftmost wins, 东南亚 hidden
    # the pipeline rejects 亚东 (not a word here) first: then 东南亚 is found
    not_yadong = lambda start, end: text[start:end] != "亚东"  # noqa: E731
    assert [h.surface for h in gaz.find(text, not_yadong)] == ["东南亚"]
