"""The bodies a chain of posts names: an official is a member of every one.

"党工委副书记、管委会主任张三" makes 张三 a member of the zone's 党工委 and of its 管委会;
"市委常委、副市长李四" of the city's 市委 and of its government; "区委副书记、区长王五" of the
区委 and of the zone itself (a 区长 heads the zone). Each post is read on its own: an
organization written in front of it, else an organ word (管委会, 市委, 省政府 …) that
belongs to the zone, city or province in view, else the body of the post before it
(党委副书记、执行副会长 are both posts of the same 商会). Which zone, city and province are
in view: the ones the chain named last, else the article's own zone and its host city
and province (市委常委 in a 浦东 article is the 上海市委).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .gazetteer import Entry, Gazetteer
from .model import Mention
from .people import ASIDE, bare_title
from .tokenizer import tag

ORG_TYPES = ("Zone", "GovernmentBody", "Enterprise", "Institution", "Park")
# Organs of a zone, written after its name or alone in a chain.
ZONE_ORGANS = ("党工委", "工委", "管委会", "管委", "区委", "区政府", "人民政府", "政府")
# Organs of a city or province.
PLACE_ORGANS = ("市人大常委会", "省人大常委会", "市人民政府", "省人民政府", "市政府", "省政府",
                "市政协", "省政协", "市委", "省委")
# Longer forms of a zone's organs, keyed as their short form (one entity for both).
_ORGAN_FORMS = {"管理委员会": "管委会", "党工作委员会": "党工委", "人民政府": "政府", "区政府": "政府",
                "区人民政府": "政府"}
_ZONE_ORGAN = re.compile(r"(?:[(（][^()（）]{1,10}[)）])?(" + "|".join(ZONE_ORGANS) + ")")
_PLACE_ORGAN = re.compile("(" + "|".join(PLACE_ORGANS) + ")")
PLACE_ORGAN_LIST = re.compile("、?(" + "|".join(PLACE_ORGANS) + ")")
# The organs that run an area, ending its name (某园区管委会).
_AREA_ORGAN = re.compile(r"(?:管委会|党工委|工委)$")
# Heads of a government: the post is in the zone, or in the city's or province's government.
_ZONE_HEAD = re.compile(r"^(?:常务|代理|代)?副?区长$")
_CITY_HEAD = re.compile(r"^(?:常务|代理|代)?副?市长$")
_PROVINCE_HEAD = re.compile(r"^(?:常务|代理|代)?副?省长$")
# A department of a committee written before its head's title (统战部部长, 组织部副部长).
_DEPARTMENT = re.compile(r"^([\u4e00-\u9fff]{2,4}部)(?=副?部长)")
# A district's or county's organ (某某区委, 某某县人民政府): the district named before it.
_DISTRICT_ORGAN = re.compile(r"^([\u4e00-\u9fff]{1,4}[区县])(?:委|人民政府|政府)$")
# A unit of a body named by its kind alone (党政办公室, 财政局), not a body of its own name.
_BARE_UNIT = re.compile(r"[\u4e00-\u9fff]{0,4}(?:办公室|局|办|部|处|中心)")
# A committee's department named alone (统战部, 组织部).
_DEPARTMENT_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}部")
_ORGAN_TAIL = re.compile("(?:" + "|".join(ZONE_ORGANS + PLACE_ORGANS) + ")$")
# A unit of an organ written before a title (管委会办公室主任, 党工委宣传部部长).
_UNIT = re.compile(r"办公室|[\u4e00-\u9fff]{1,6}?(?:局|办|部|处|司|中心)")
# A party committee of a body with a name of its own (成都党工委, 大学城党工委), not the zone's.
_LED_BY_COMMITTEE = re.compile(r"[^:]{2,}?(党工委|工委)$")
_PARTY_COMMITTEES = ("区委", "市委", "省委", "党工委", "工委", "县委")


@dataclass
class View:
    """The zone, city and province a chain is speaking of, and what the article names:
    the places (whose organs are then part of them) and the organ words (a 市长 is a
    member of the 市政府 when the article speaks of that government)."""

    zone: Entry | None = None
    city: str = ""  # short name (上海, 长沙)
    province: str = ""  # short name (湖南)
    places: frozenset[str] = frozenset()  # keys of the places the article names
    organs: frozenset[str] = frozenset()  # the PLACE_ORGANS words the article uses



def short_place(name: str) -> str:
    """长沙市 → 长沙, 湖南省 → 湖南 (a name with a single character left is kept)."""
    return name[:-1] if len(name) > 2 and name[-1] in "省市" else name


class PostReader:
    """Reads the bodies of post chains with the gazetteer's zones and places."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._parents: list[tuple[Mention, Mention]] = []
        self._orgs: list[Mention] = []

    def note(self, view: View, body: Mention) -> None:
        """A city's or province's organ named in full (长沙市委) puts that place in view: the
        place the name ends with before the organ word (not words glued in front)."""
        name = body.name or body.text
        organ = _PLACE_ORGAN.search(name)
        if not organ or organ.end() != len(name) or organ.start() == 0:
            return
        before = name[:organ.start()]
        hits = [h for h in self.gazetteer.find(before) if h.end == len(before) and h.entry.type == "Place"]
        if not hits and organ.group()[0] in before[-1:]:  # 长沙市委: 长沙 + 市委
            hits = [h for h in self.gazetteer.find(before[:-1]) if h.end == len(before) - 1
                    and h.entry.type == "Place"]
        if not hits:
            return
        place = short_place(hits[-1].surface)
        if organ.group().startswith("省"):
            view.province = place
        else:
            view.city = place

    def article_view(self, zone_key: str, text: str, places: frozenset[str]) -> View:
        """What an article about a zone speaks of when it names no place: the zone, its
        host city (when it lies in one) and its province."""
        organs = frozenset(o for o in PLACE_ORGANS if o in text)
        zone = self.gazetteer.entries.get(zone_key) if zone_key else None
        if zone is None:
            return View(places=places, organs=organs)
        cities = zone.attrs.get("host_city", "")
        province = short_place(zone.attrs.get("province", ""))
        city = short_place(cities) if cities and "、" not in cities else ""
        return View(zone, city, province, places, organs)

    def bodies(self, text: str, parts: list[tuple[int, int]], orgs: list[Mention],
               view: View, governments: dict[str, Mention]
               ) -> tuple[list[tuple[Mention, str]], list[tuple[Mention, Mention]]]:
        """(body, title) of each post of a chain, and (body, whole) for the bodies read
        that are part of another (a city's 市委 of the city, a 统战部 of its 区委).

        ``governments`` maps a zone key to the mention of the zone's government when the
        article names it (浦东新区政府): the zone's 区长 is a member of it too.
        """
        view = View(view.zone, view.city, view.province, view.places, view.organs)
        # 省委常委、某市委书记: the bare 省委 is the one of the province the chain's city lies
        # in; 市委常委、某区委书记: the bare 市委 the one of the city the chain's district lies in
        province, city = self._chain_places([m for m in orgs if parts[0][0] <= m.start < parts[-1][1]])
        view.province, view.city = province or view.province, city or view.city
        self._parents, self._orgs = [], orgs
        out: list[tuple[Mention, str]] = []
        prev: Mention | None = None
        starts = [m.start for m in orgs]
        unknown = False  # a body was named that no mention holds (区工委书记): what follows is its
        for a, b in parts:
            i = bisect.bisect_left(starts, a)
            org = next((m for m in orgs[i:] if m.start >= b or (m.end < b and m.type in ORG_TYPES)), None)
            org = org if org is not None and org.start < b else None
            if org is not None and prev is not None:
                self._unit_of(org, prev)
            found = self._with_org(text, org, b, view) if org else [] if unknown else \
                self._without_org(text, a, b, view, prev)
            if not found:
                unknown = unknown or not bare_title(text, a, b)
                continue
            for body, title in found:
                out.append((body, title))
                if body.type == "Zone" and body.key in governments:
                    out.append((governments[body.key], title))
            prev = found[-1][0]
        return out, self._parents

    def _unit_of(self, org: Mention, prev: Mention) -> None:
        """A unit named bare after a zone's organ in one chain is that organ's or zone's:
        区委常委、统战部部长 (the 区委's 统战部, part of it), 党工委委员、党政办公室主任 (the
        zone's 党政办公室). The mention is renamed so that every mention of it agrees."""
        if org.type != "GovernmentBody" or not prev.key.startswith("organ:") or org.rule == "gazetteer" \
                or (org.name and not org.key.startswith("organ:")):
            return
        zone = self.gazetteer.entries.get("zone:" + prev.key.split(":")[1])
        first = self.gazetteer.find(org.text[:6])
        if zone is None or org.text.startswith("新区") or (first and first[0].start == 0):
            return  # a unit written with its place or zone is named already
        committee = prev.name or prev.text
        if _DEPARTMENT_NAME.fullmatch(org.text) and committee.endswith(("区委", "党工委", "工委")):
            org.name = committee + org.text
            org.key = organ_key(zone, committee[-2:] + org.text)
            self._parents.append((org, prev))
        elif not org.key and _BARE_UNIT.fullmatch(org.text):
            org.name, org.key = zone_short_name(zone) + org.text, organ_key(zone, org.text)

    def _chain_places(self, orgs: list[Mention]) -> tuple[str, str]:
        """(province, city), short names, of the first city or district whose organ ``orgs``
        name, each empty when unknown."""
        for org in orgs:
            if org.type != "GovernmentBody":
                continue
            probe = View()
            self.note(probe, org)
            district = _DISTRICT_ORGAN.search(org.name or org.text)
            place = self.gazetteer.lookup(probe.city) if probe.city else \
                self.gazetteer.lookup(district.group(1)) if district else None
            if place is None or place.type != "Place":
                continue
            city = place if place.attrs.get("kind") == "city" else self._parent(place)
            if city is None or city.attrs.get("kind") != "city":
                continue
            province = self._parent(city)
            return (short_place(province.name) if province and province.attrs.get("kind") == "province" else "",
                    short_place(city.name) if city is not place else "")
        return "", ""

    def _parent(self, entry: Entry) -> Entry | None:
        return self.gazetteer.entries.get("place:" + entry.attrs.get("parent", ""))

    def _with_org(self, text: str, org: Mention, b: int, view: View) -> list[tuple[Mention, str]]:
        rest = text[org.end:b]
        aside = ASIDE.match(rest)
        if aside and org.type != "Zone":
            rest = rest[aside.end():]  # 临空新城管委会(集团公司)领导: the aside is no title
        if org.type == "Zone":
            entry = self.gazetteer.entries.get(org.key)
            if entry is not None:
                view.zone = entry
                return self._zone_post(org, entry, rest)
            return [(org, rest)]
        unit = _UNIT.match(rest)
        if org.type == "GovernmentBody" and unit and bare_title(rest, unit.end(), len(rest)):
            # 某某管委会办公室常务副主任: a unit of the body named, part of it (of the zone,
            # for a zone's organ)
            # a central body's unit is named as written (国家发展改革委某某司), a zone organ's in full
            written = org.text if org.key and not org.key.startswith("organ:") else org.name or org.text
            name = written + unit.group()
            body = Mention(org.start, org.end, "GovernmentBody", name, rule="post-unit", name=name)
            whole = org
            if org.key.startswith("organ:") and f"zone:{org.key.split(':')[1]}" in self.gazetteer.entries:
                zone = self.gazetteer.entries[f"zone:{org.key.split(':')[1]}"]
                whole = Mention(org.start, org.start, "Zone", "", rule="post-unit", key=zone.key,
                                name=zone.name)
            self._parents.append((body, whole))
            return [(body, rest[unit.end():])]
        if org.key.startswith("organ:"):
            zid, organ = org.key.split(":", 2)[1:]
            view.zone = self.gazetteer.entries.get(f"zone:{zid}") or view.zone
            # 区委|常委, 统战部|部长: a committee's or a department's own word is in the title
            title = organ + rest if organ in _PARTY_COMMITTEES else \
                org.text + rest if _DEPARTMENT_NAME.fullmatch(org.text) else rest
            return [(org, title)]
        if org.type == "GovernmentBody":
            self.note(view, org)
            organ = _PLACE_ORGAN.search(org.text) or _AREA_ORGAN.search(org.text)
            if organ and organ.end() == len(org.text) and organ.start() > 0:
                return [(org, organ.group() + rest)]  # 某园区管委会副主任: 管委会副主任
        return [(org, rest)]

    def _zone_post(self, at: Mention, zone: Entry, rest: str) -> list[tuple[Mention, str]]:
        organ = _ZONE_ORGAN.match(rest)
        unit = _UNIT.match(rest, organ.end()) if organ else None
        if unit and bare_title(rest, unit.end(), len(rest)):
            # 天府新区管委会办公室常务副主任: a unit of the organ, part of the zone
            written = at.text if len(at.text) > 2 and at.text != "新区" else zone_short_name(zone)
            name = written + rest[organ.start(1):unit.end()]
            body = Mention(at.start, at.end, "GovernmentBody", name, rule="post-unit", name=name)
            self._parents.append((body, Mention(at.start, at.start, "Zone", "", rule="post-unit",
                                                key=zone.key, name=zone.name)))
            return [(body, rest[unit.end():])]
        if organ:
            return [(self.zone_organ(at, zone, organ.group(1)), rest[organ.start(1):])]
        return [(Mention(at.start, at.end, "Zone", at.text, rule="post-zone", key=zone.key,
                         name=zone.name), rest)]

    def zone_organ(self, at: Mention, zone: Entry, organ: str) -> Mention:
        """The zone's organ (管委会, 党工委 …) as the body of a post; its government, when
        written 人民政府 or 政府, is the zone itself."""
        if organ in ("人民政府", "政府"):
            return Mention(at.start, at.end, "Zone", at.text, rule="post-zone", key=zone.key,
                           name=zone.name)
        name = zone_short_name(zone) + organ
        return Mention(at.start, at.end, "GovernmentBody", name, rule="post-organ",
                       key=organ_key(zone, organ), name=name)

    def _without_org(self, text: str, a: int, b: int, view: View,
                     prev: Mention | None) -> list[tuple[Mention, str]]:
        part = text[a:b]
        at = Mention(a, a, "GovernmentBody", "", rule="post-organ")
        place = _PLACE_ORGAN.match(part)
        if place:
            body = self.place_organ(at, place.group(1), view)
            return [(body, part)] if body else []
        zone_organ = _ZONE_ORGAN.match(part)
        if zone_organ and prev is not None and _LED_BY_COMMITTEE.search(prev.key or prev.name or prev.text):
            # 天府新区成都党工委书记、管委会主任: the 管委会 of the body the 党工委 leads
            party = _LED_BY_COMMITTEE.search(prev.name or prev.text)
            name = (prev.name or prev.text)[:party.start(1)] + zone_organ.group(1)
            key = ""
            if prev.key.startswith("organ:"):
                led = _LED_BY_COMMITTEE.search(prev.key)
                key = prev.key[:led.start(1)] + _ORGAN_FORMS.get(zone_organ.group(1), zone_organ.group(1))
            return [(Mention(a, a, "GovernmentBody", zone_organ.group(1), rule="post-organ",
                             key=key, name=name), part)]
        if zone_organ and view.zone is not None:
            return [(self.zone_organ(at, view.zone, zone_organ.group(1)), part[zone_organ.start(1):])]
        title = part
        if _ZONE_HEAD.match(title) and view.zone is not None:
            return [(Mention(a, a, "Zone", "", rule="post-zone", key=view.zone.key,
                             name=view.zone.name), title)]
        head = "市政府" if _CITY_HEAD.match(title) else "省政府" if _PROVINCE_HEAD.match(title) else ""
        if head:  # the 市长 of a city whose government the article speaks of
            body = self.place_organ(at, head, view) if head in view.organs else None
            return [(body, title)] if body else []
        dept = _DEPARTMENT.match(title)
        if dept and prev is not None and prev.type == "GovernmentBody" \
                and (prev.name or prev.text).endswith(_PARTY_COMMITTEES):
            name = (prev.name or prev.text) + dept.group(1)
            body = Mention(a, a + len(dept.group(1)), "GovernmentBody", dept.group(1),
                           rule="post-department", name=name)
            self._parents.append((body, prev))
            return [(body, title)]
        if prev is None:
            earlier = named_before(text, a, b, self._orgs)
            return [(earlier[0], part[earlier[1]:])] if earlier else []
        return [(prev, title)]

    def place_organ(self, at: Mention, organ: str, view: View) -> Mention | None:
        """The city's or province's organ (市委 → 上海市委), when the place is known."""
        place = view.province if organ.startswith("省") else view.city
        entry = self.gazetteer.lookup(place) if place else None
        if entry is None or entry.type != "Place":
            return None  # a place only a name glued in front made up (张三代表某市委)
        name = place + organ
        body = Mention(at.start, at.end, "GovernmentBody", name, rule="post-organ", name=name)
        if entry.key in view.places:
            self._parents.append((body, Mention(at.start, at.start, "Place", "", rule="post-organ",
                                                key=entry.key, name=entry.name)))
        return body


def heads_a_government(title: str) -> bool:
    """区长, 副市长, 常务副省长: a post in a government, never in the body named before it."""
    return bool(_ZONE_HEAD.match(title) or _CITY_HEAD.match(title) or _PROVINCE_HEAD.match(title))


def named_before(text: str, a: int, b: int, orgs: list[Mention]) -> tuple[Mention, int] | None:
    """商会名誉会长: the head word of an organization (商会, 集团) alone before a title means
    the organization of that kind named last before it; (that one, the head's length)."""
    for k in (4, 3, 2):
        head = text[a:a + k]
        if not bare_title(text, a + k, b):
            continue
        for m in reversed(orgs):
            if m.end <= a and m.type in ("Enterprise", "Institution") and len(m.text) > k \
                    and (m.name or m.text).endswith(head):
                return m, k
    return None


def organ_key(zone: Entry, organ: str) -> str:
    """The key of a zone's organ: 管理委员会 and 管委会 are one organ."""
    return f"organ:{zone.key.split(':', 1)[1]}:{_ORGAN_FORMS.get(organ, organ)}"


def zone_short_name(entry: Entry) -> str:
    """The zone's name as its organs carry it (两江新区管委会, not 重庆两江新区管委会)."""
    return next((a for a in entry.aliases if a.endswith("新区")), entry.name)


def proper_organ(m: Mention, view: View, gazetteer: Gazetteer) -> Mention | None:
    """An organ's name without the words of prose glued in front (按照省委, 会议由新区党工委).

    A name ending in an organ word, not beginning with a zone or place, whose front holds
    a verb or a preposition keeps what follows the last of them (新区党工委); with nothing
    left, a bare 省委 or 市委 is the organ of the article's province or city (named so,
    省委 kept as written), and any other bare organ word is no name.
    """
    tail = _ORGAN_TAIL.search(m.text) if m.type == "GovernmentBody" and m.rule != "gazetteer" else None
    if tail is None or tail.start() == 0:
        return m
    first = gazetteer.find(m.text[:tail.start()])
    led = first[0].end if first and first[0].start == 0 and first[0].entry.type in ("Zone", "Place") else 0
    cut, pos = 0, led
    for word, flag in tag(m.text[led:tail.start()]):
        pos += len(word)
        if (flag[:1] in ("v", "p", "c", "d") or flag == "a") and (len(word) > 1 or not led):
            cut = pos  # (after a place, a word of prose: 某新区按照省委, not 浦东|新|区政府)
    if led and not cut:
        return m  # 浦东新区政府: a name that begins with its place is whole (某新区按照省委 is not)
    if cut == 0:
        return m
    if cut < tail.start():
        return Mention(m.start + cut, m.end, m.type, m.text[cut:], m.rule, m.confidence)
    organ = tail.group()
    place = view.province if organ.startswith("省") else view.city if organ.startswith("市") else ""
    if not place:
        return None
    return Mention(m.start + cut, m.end, m.type, organ, "bare-organ", m.confidence, name=place + organ)
