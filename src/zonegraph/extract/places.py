"""Places and parks as news names them, beyond the gazetteers and the suffix shapes.

- natural places: a lake (…淀), a river basin (…河流域), an island whose word jieba knows
  as a place (…岛), a named area (…某港地区, 大…地区), never a kind of area (沿海地区);
- what is not a place: a place inside an outlet's name (某某商报网, 某某青年网), or a goal
  the text describes (打造成为…示范区, 一个现代化…新城, 已成为…集聚区);
- what a name's kind says over its suffix: a 片区 of a free-trade zone is a park;
- one name for a free-trade zone's area however news shortens it (某省自贸区某片区,
  某自贸片区, 某片区 after the zone is named): 中国(某省)自由贸易试验区某片区;
- list siblings: in a list of names of one kind (甲产业园、乙产业园; 甲组团、乙组团;
  甲县、乙开发区、丙县), an item of the same shape is a name of that kind even when its
  own words are too generic to stand alone (国际金融服务产业园).
"""
from __future__ import annotations

import bisect
import re

from .model import Mention
from .posts import short_place
from .names import (GENERIC, HARD_STOPS, NOT_NAME_START, SUFFIXES, _tokens_between, left_edge,
                    skip_leading_words, word_tags)

# ------------------------------------------------------------------ natural places

#: Words that say what kind of area a 地区 is, not which (沿海地区, 贫困地区, 重点地区).
_AREA_KINDS = set("""沿海 周边 边远 偏远 内陆 沿边 沿江 沿线 山区 城乡 农村 乡村 贫困 欠发达 发达 落后
边境 民族 少数民族 重点 相关 有关 其他 其它 部分 多个 试点 受灾 灾区 城市 郊区 县域 城区 市区 特定 不同
各个 广大 老少边穷 革命老区 老区 中心 核心 周围 附近 所在 当地 本地 外地 其余 更多 全部 大部分""".split())
_REGION = re.compile(r"地区|流域")
_LAKE = re.compile(r"[\u4e00-\u9fff]{2}淀")
_ISLAND = re.compile(r"岛")
_RIVER = re.compile(r"[河江湖海]$")


def find_natural_places(text: str, tokens: list[tuple[int, int, str]],
                        anchors: dict[int, int]) -> list[Mention]:
    """Named areas (…地区), river basins (…流域), lakes (…淀) and islands (…岛)."""
    tags = word_tags()
    by_end = {e: (s, t) for s, e, t in tokens}
    inside = {k for a, b in anchors.items() for k in range(a + 1, b)}
    out: list[Mention] = []
    for m in _REGION.finditer(text):
        a, b = m.span()
        if b in inside or a - 2 < 0:
            continue
        start = left_edge(text, a, tokens, anchors, body_ends=set())
        start = skip_leading_words(start, a, tokens, anchors, tags)
        stem = text[start:a]
        if len(stem) < 2 or anchors.get(start) == a:
            continue  # 京津冀地区: the gazetteer's place, already named
        words = _tokens_between(tokens, start, a) or [stem]
        if any(w in _AREA_KINDS or w in GENERIC for w in words) or stem in _AREA_KINDS \
                or stem[0] in "沿环":
            continue  # 沿滨江地区, 环湖地区: the areas along or around something
        if m.group() == "流域" and not (_RIVER.search(stem) or start in anchors):
            continue  # a basin is a river's
        across = next((t for s, e, t in tokens[bisect.bisect_left(tokens, (a, -1, "")) - 1:][:1]
                       if s < a < e), "")  # 大|武汉地区: the area's word is the dictionary's
        proper = start in anchors or any(start <= x < a for x in anchors) or any(
            tags.get(w, "ns")[:2] in ("ns", "nr", "nt", "nz") for w in words) or (
            tags.get(across) == "ns" and across[:across.find(m.group())] not in _AREA_KINDS)
        if proper:
            out.append(Mention(start, b, "Place", text[start:b], rule=f"area:{m.group()}",
                               confidence=0.8))
    for m in _LAKE.finditer(text):
        tok = by_end.get(m.end())
        if tok and tok[0] <= m.start() and not m.start() in inside:
            out.append(Mention(tok[0], m.end(), "Place", text[tok[0]:m.end()], rule="area:淀",
                               confidence=0.8))
    for m in _ISLAND.finditer(text):
        tok = by_end.get(m.end())
        if tok is None or m.end() in inside or len(tok[1]) < 2 or tags.get(tok[1]) != "ns":
            continue
        start = tok[0]
        if len(tok[1]) == 2:  # 某|山岛: one character more makes the name, 放大|海岛 does not
            before = by_end.get(tok[0])
            start = before[0] if before and len(before[1]) == 1 and before[1] not in HARD_STOPS \
                and tags.get(before[1]) not in NOT_NAME_START else tok[0]
        if m.end() - start >= 3:  # 位于…的某山岛: an island the dictionary knows by its word
            out.append(Mention(start, m.end(), "Place", text[start:m.end()], rule="area:岛",
                               confidence=0.9))
    return out


# ------------------------------------------------------------------ not places

#: An outlet's name after a place (某某商报网, 某某青年网, 某省日报), up to its end.
_OUTLET = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:日报|晚报|商报|早报|时报|青年报|新闻网|网|电视台|卫视)"
                     r"(?![\u4e00-\u9fff])|[\u4e00-\u9fff]{0,3}?(?:日报|晚报|商报|早报|时报|网)"
                     r"(?=讯|记者|报道|消息|客户端)")
#: What a goal or a description says before a kind of area (打造成为…, 一个…).
_DESCRIBED = re.compile(r"(?:一个|一座|一流的?|成为|建成|打造成?为?|建设成为?|定位为|成为了|建成为|冲刺)$")
#: A list of goals before a name (建设成为甲中心、乙高地、丙基地): each item is a goal.
_DESCRIBED_LIST = re.compile(r"(?:成为|建成|打造成?为?|建设成为?|定位为)(?!了)[^,，。;；:：]*、[^、,，。;；:：]*$")
#: A scale in a name (百亿级智造新城, 年产值500亿…) says what is aimed at, or the words of
#: a clause (以某园为龙头的智造新城).
_SCALED = re.compile(r"\d+\s*[亿万]|[千百万]?亿级?|的")
#: A kind of area named by an adjective of becoming (现代化…新城), not a name.
_BECOMING = re.compile(r"^(?:现代化|国际化|一体化|城市化|智能化|数字化)")
#: The kinds of area a description names (a new town, a base, a demonstration zone).
DESCRIBED_KINDS = re.compile(r"(?:新城|基地|示范区|试验区|先行区|集聚区|聚集区|高地|枢纽|中心)$")
#: The rest of a project's name after a park-like word (…基地及智能装备总部项目).
_PROJECT_REST = re.compile(r"及[^、,，。;；\s等]{2,20}项目")
#: A free-trade zone's or bonded zone's part (某自贸试验区某片区): a park, not a district.
_ZONE_PART = re.compile(r"(?:自由贸易试验区|自贸试验区|自贸区|综合保税区|保税区).{1,8}片区$")


#: A document number after a name (发改某某〔2024〕12号): the name is the issuing code.
_DOCUMENT_NUMBER = re.compile(r"\s*[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*第?\d+\s*号")


def settle_kinds(text: str, mentions: list[Mention], gazetteer) -> list[Mention]:
    """Mentions without outlets' places, document numbers and described goals, parts of free-trade zones
    typed as parks. A base named after a broad region of the gazetteer (西部先进制造基地)
    is a role the region plays, not a park."""
    out, goals = [], []
    for m in mentions:
        if m.type == "Place" and m.rule == "gazetteer" and _OUTLET.match(text, m.end):
            continue  # 某某商报网讯: the outlet, not the place
        if m.type == "Place" and m.rule == "gazetteer" and text.startswith("一体化", m.end) \
                and gazetteer.entries[m.key].attrs.get("kind") == "region":
            continue  # 某某一体化发展: the strategy named after the region, not the region
        if m.type in ("Park", "Place") and m.rule != "gazetteer" and DESCRIBED_KINDS.search(m.text):
            # (建设成全省…示范基地: the 成 of 建设成 glued to the name)
            glued = m.start + (m.text[:1] in ("成", "为"))
            if _DESCRIBED.search(text, max(0, glued - 5), glued) or _BECOMING.match(m.text) \
                    or _DESCRIBED_LIST.search(text, max(0, m.start - 60), m.start) \
                    or _SCALED.search(m.text):
                goals.append(m.span)  # and no name overlapping it (…产业园|标杆示范基地)
                continue  # 一个现代化国际新城, 已成为医药产业集聚区: what something is to be
            if m.text.endswith("基地") and _led_by_region(m.text, gazetteer):
                continue  # 西部先进制造基地: a region's role
        if m.type in ("Park", "Place") and m.rule != "gazetteer" and _DOCUMENT_NUMBER.match(text, m.end):
            continue  # 某发改地区〔2024〕12号: a document's number, no area
        if m.type == "Park" and _PROJECT_REST.match(text, m.end):
            continue  # 某装备基地及总部项目: a part of a project's name
        if m.type == "Place" and _ZONE_PART.search(m.text):
            m.type = "Park"
        out.append(m)
    if goals:
        out = [m for m in out if m.rule == "gazetteer" or m.type not in ("Park", "Place")
               or not any(a < m.end and m.start < b for a, b in goals)]
    return out


def _led_by_region(name: str, gazetteer) -> bool:
    hits = gazetteer.find(name[:8])
    return bool(hits) and hits[0].start == 0 and hits[0].entry.attrs.get("kind") == "region"


# ------------------------------------------------------------------ free-trade areas

_FTZ_WORD = r"(?:自由贸易试验区|自贸试验区|自贸区)"
#: A free-trade zone, by its official name 中国(某省)自由贸易试验区 or short 某省自贸区.
_FTZ = re.compile(r"(?:中国[(（]([\u4e00-\u9fff]{2,3})[)）]|([\u4e00-\u9fff]{2,3}?)省?)" + _FTZ_WORD)
#: An area of a free-trade zone named bare (某地自贸片区, 某地片区).
_FTZ_BARE_AREA = re.compile(r"([\u4e00-\u9fff]{2,4}?)(自贸片区|片区)")


def free_trade_areas(mentions: list[Mention], gazetteer) -> None:
    """Name every form of a free-trade zone's area 中国(某省)自由贸易试验区某片区 (every
    free-trade zone is officially named so), a park: 某省自贸区某片区; 某地自贸片区 (the
    province of the zone named before, else the one 某地 lies in); and, once the text has
    named a free-trade zone, a bare 某地片区 (某地 a known place, or an area the text names
    in full) and 某地自贸区 (an area the text names in full)."""
    ordered = sorted((m for m in mentions if m.type in ("Park", "Place") and m.rule != "gazetteer"),
                     key=lambda m: m.start)
    areas: dict[str, str] = {}  # an area named in full → its province
    for m in ordered:
        zone = _FTZ.match(m.name or m.text)
        area = (m.name or m.text)[zone.end():] if zone else ""
        if zone and area.endswith("片区") and len(area) >= 4 and _a_province(zone.group(1) or zone.group(2), gazetteer):
            areas.setdefault(area[:-2], short_place(zone.group(1) or zone.group(2)))
    province = ""
    for m in ordered:
        name = m.name or m.text
        zone = _FTZ.match(name)
        if zone and _a_province(zone.group(1) or zone.group(2), gazetteer):
            province = short_place(zone.group(1) or zone.group(2))
            area = name[zone.end():]
            if area.endswith("片区") and len(area) >= 4:
                m.type, m.name = "Park", _area_name(province, area[:-2])
            continue
        if zone and zone.end() == len(name) and (zone.group(2) or "") in areas:
            m.name = _area_name(areas[zone.group(2)], zone.group(2))  # 某地自贸区: the area named in full
            continue
        bare = _FTZ_BARE_AREA.fullmatch(name)
        if bare is None:
            continue
        place = gazetteer.lookup(bare.group(1))
        where = areas.get(bare.group(1)) or province
        if bare.group(2) == "自贸片区" and not where and place is not None:
            parent = gazetteer.entries.get("place:" + place.attrs.get("parent", ""))
            where = short_place(parent.name) if parent and parent.attrs.get("kind") == "province" else ""
        known = bare.group(1) in areas or (place is not None and place.type == "Place")
        if where and (bare.group(2) == "自贸片区" or known):
            m.type, m.name = "Park", _area_name(where, bare.group(1))


def _area_name(province: str, area: str) -> str:
    return f"中国({province})自由贸易试验区{area}片区"


def _a_province(name: str, gazetteer) -> bool:
    entry = gazetteer.lookup(name)
    return entry is not None and entry.attrs.get("kind") == "province"


# ------------------------------------------------------------------ list siblings

_SEP = "、"
_ITEM = r"[^\s、,，。;；:：!?！？“”《》等的]{2,16}"
_LIST = re.compile(_ITEM + r"(?:、" + _ITEM + r")+")
#: The kinds of names a list may share (their suffixes, longest first), and county-level units.
_KIND_SUFFIXES = [(s, t) for s, t in SUFFIXES if t in ("Park", "Place") and len(s) >= 2]
_COUNTY = re.compile(r"^[\u4e00-\u9fff]{2,3}[县旗]$")
_COUNTY_LEVEL = re.compile(r"^[\u4e00-\u9fff]{2,3}[县市区旗]$")
_A_COUNTY = ("县", "Place")


def _kind_of(item: str) -> tuple[str, str] | None:
    for suffix, etype in _KIND_SUFFIXES:
        if item.endswith(suffix) and len(item) - len(suffix) >= 2:
            return suffix, etype
    return None


def find_kind_siblings(text: str, tokens: list[tuple[int, int, str]], anchors: dict[int, int],
                       mentions: list[Mention]) -> list[Mention]:
    """Items of a list that share the kind of a name found in it (甲产业园、乙产业园), or a
    list of county-level places (甲县、某开发区、乙县): names of that kind."""
    if _SEP not in text:
        return []
    found = [m for m in mentions if m.type in ("Park", "Place")]
    if not found:
        return []
    # a name's tail after a known name at its head is a form of it (某新区甲组团 → 甲组团)
    tails = {m.text[anchors[m.start] - m.start:]: m for m in found
             if m.start in anchors and _kind_of(m.text[anchors[m.start] - m.start:])}
    by_start = {m.start: m for m in found}
    covered = set()
    for m in mentions:
        covered.update(range(m.start, m.end))
    out: list[Mention] = []
    for lst in _LIST.finditer(text):
        if not any(lst.start() <= m.start < lst.end() for m in found) and not any(
                t in lst.group() for t in tails):
            continue
        items, pos = [], lst.start()
        for n, item in enumerate(lst.group().split(_SEP)):
            start, end = pos, pos + len(item)
            pos = end + 1
            if n == 0:
                start = skip_leading_words(left_edge(text, end, tokens, anchors, body_ends=set()),
                                           end, tokens, anchors, word_tags())
            tail = next((t for t in tails if text.endswith(t, start, end)), None)
            items.append((end - len(tail) if tail else start, end))  # 管委会举行|甲组团
        kinds = set()
        for start, end in items:
            m = by_start.get(start)
            name = text[start:end]
            if (m is not None and m.end == end) or name in tails:
                kind = _kind_of(name)
                if kind:
                    kinds.add(kind)
                elif m is not None and m.rule == "gazetteer" and _COUNTY_LEVEL.match(name):
                    kinds.add(_A_COUNTY)
        if not kinds:
            continue
        last_start, last_end = items[-1]  # 甲组团、乙组团集中授牌仪式: the list ends at the kind
        cut = min((k for k in (text.find(suffix, last_start + 2, last_end) for suffix, _ in kinds)
                   if k >= 0), default=-1)
        if cut >= 0:
            items[-1] = (last_start, cut + len(next(x for x, _ in kinds if text.startswith(x, cut))))
        for start, end in items:
            name = text[start:end]
            if any(i in covered for i in range(start, end)):
                continue
            kind = _kind_of(name)
            if kind is None and _COUNTY.match(name):
                kind = _A_COUNTY
            if kind in kinds:
                full = tails.get(name)
                out.append(Mention(start, end, kind[1], name, rule="kind-sibling", confidence=0.7,
                                   name=(full.name or full.text) if full else ""))
    return out
