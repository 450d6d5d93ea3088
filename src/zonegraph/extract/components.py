"""ZoneGraph's spaCy pipeline components, registered by name like spaCy's own.

``spacy.blank("zh")`` with the jieba segmenter tokenizes; these components then add what
ZoneGraph needs, each reading and writing the ``doc._.zg_*`` extensions:

- ``zonegraph_gazetteer`` — zones, places, central bodies, enterprises from ``data/``;
- ``zonegraph_names`` — names by suffix shape, policies in 《》, programs in quotes;
- ``zonegraph_resolve`` — one mention per span, zone organs, the article's own zone;
- ``zonegraph_people`` — persons and their posts;
- ``zonegraph_attributes`` — fund sizes and policy dates;
- ``zonegraph_relations`` — the six relations;
- ``zonegraph_ents`` — mirrors the mentions into ``doc.ents`` for spaCy users.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from .amounts import fund_amount, respective_amounts
from .brands import find_brand_firms
from .clauses import PLANNED, sentences
from .coref import find_references
from .events import find_events
from .departments import central_departments
from .firms import brand_led, find_firms
from .gazetteer import Gazetteer, load_gazetteer, load_surnames
from .institutes import find_listed_institutes
from .model import Mention, Post, Relation
from .names import find_enumerations, find_list_siblings, find_named
from .orgs import declared_short_forms, find_org_names, name_self_references, refine
from .people import TITLE_WORDS, bare_title, find_people
from .places import find_kind_siblings, find_natural_places, free_trade_areas, settle_kinds
from .policy_dates import policy_date
from .programs import find_campaigns, find_paired_programs
from .posts import (ORG_TYPES, PLACE_ORGAN_LIST, ZONE_ORGANS, PostReader, View, heads_a_government,
                    organ_key, proper_organ, zone_short_name)
from .quoted import find_quoted
from .relations import memberships, relations_in, signing_for_zones
from .scan import occurrences
from .tokenizer import cut

EXTENSIONS = ("zg_mentions", "zg_posts", "zg_relations", "zg_context", "zg_amounts",
              "zg_dates", "zg_zone", "zg_prefixes")
# Organs of a local government (长沙市知识产权局), not central ones stationed there (大连海关).
_LOCAL_ORGAN = re.compile(r"(?:人民政府|政府|[省市区县]委|(?:发展改革|发改|经信|工信|科|教|卫健|住建)委|局|厅|委员会|"
                          r"办公室|办)$")
# An organ word that carries the place's own kind (福建|省委, 长沙|市政府): the place is
# written without it.
_KIND_ORGAN = re.compile(r"[省市区县](?:委|人民政府|政府|人大|政协)")
_AGREEMENT = re.compile(r"(?:合作|框架|战略)?协议|备忘录|合作框架")
_LEGAL_FORM = re.compile(r"(?:集团)?(?:股份)?有限(?:责任)?公司$|股份公司$|集团公司$")
# What follows a company's bare name and nothing else (苹果数据中心, 浪潮扩大服务器产能).
_FIRM_CONTEXT = re.compile(r"(?:公司|集团|数据中心|总部|工厂|产业园|项目|扩大|扩产|投资建设|落户|入驻|旗下)")
# A zone's organ word alone, opening a clause or set in brackets after another organ.
_BARE_ZONE_ORGAN = re.compile(r"(?:^|(?<=[。，,;；\n(（]))(管委会|党工委|管委|工委|区委|区政府)(?=[(（)）、,，]|将|要|已|对|在|把|和|与)",
                              re.M)
# Task forces, named again later by their head word alone (推进组, 领导小组).
_TASK_FORCE = re.compile(r"(?:推进组|工作组|领导小组|专班|指挥部|筹备组)$")
# A list of units that began with a company's own (公司办公室、党委工作部、…), up to here.
_COMPANY_UNITS = re.compile(r"(?:公司|集团|企业)[\u4e00-\u9fff]{1,8}(?:、[\u4e00-\u9fff]{1,10})*、$")
# The office of a government (某省人民政府办公厅): the government is named with it.
_OFFICE_OF = re.compile(r"^(.{2,}?(?:人民政府|政府))(?:办公厅|办公室)$")
# Names of no government body: a company's office or board, the tail of a list of kinds
# (市(区)人民政府), a hall (展示厅), the 管委会 of an unnamed kind of area (功能区管委会).
#: An interview's or a visit's headline verb glued to the body after it (——访某新区管委会主任…).
_VISIT = re.compile(r"^(?:专访|走访|拜访|对话|访|话)")  # (对|话某地: jieba may cut 对 off)
#: A side's 方 glued to the body after it (与俄方|某市某某有限公司, 双方|某新区管委会).
_SIDES = "中外俄双甲乙我对资三多"
_SIDE = re.compile(f"^[{_SIDES}]?方")


def _after_visit(text: str, m: Mention, gazetteer: Gazetteer) -> Mention:
    """The organization without the headline verb or the side's 方 jieba glued to its
    place (访某地 is one token to it), when a known zone or place follows."""
    verb = None
    if m.type in ORG_TYPES and m.type != "Zone":
        side = _SIDE.match(m.text)
        verb = _VISIT.match(m.text) or (side if side and (side.end() == 2 or (
            m.start and text[m.start - 1] in _SIDES)) else None)
    hits = gazetteer.find(m.text[verb.end():verb.end() + 8]) if verb else []
    if not hits or hits[0].start != 0 or hits[0].entry.type not in ("Zone", "Place"):
        return m
    return Mention(m.start + verb.end(), m.end, m.type, m.text[verb.end():], rule=m.rule,
                   confidence=m.confidence)


_NOT_A_BODY = re.compile(r"^(?:公司|集团|[省市区县州]?[)）]|[省市区县州][(（、])|公司|董事局$|董事会$"
                         r"|(?:展示|展|大|餐|客)厅$|^(?:功能区|园区|开发区|片区|各)管委会$")
# The organ of an area within a place (某市临空经济区管理委员会): the area's, not the place's.
_AREA_BODY = re.compile(r"[区园城].*(?:管委会|管理委员会|工作委员会)$")
# The organs that run an area (a park, a new town) named without its place.
_AREA_ORGAN = re.compile(r"(?:管委会|管理委员会|党工委|工委)$")
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
# The trade a company name ends with before its legal form (星图时光|数字科技).
_TRADE = re.compile(r"(?:数字科技|信息技术|生物科技|科技|技术|医药|制药|电子|实业|发展|投资|控股|智能|"
                    r"新材料|半导体|微电子|软件|网络|数据|新能源|能源|装备|环保|物流|供应链)+$")
# Kinds of things often named after the company that owns or runs them.
NAMED_AFTER_OWNER = {"Park", "Fund", "Institution"}
# Kinds of things often named after the zone that launched them, anywhere in the name.
NAMED_AFTER_ZONE = {"Fund", "Program", "Event"}
# What a zone's name at the head of another name says about it (两江新区管委会 is part of
# 两江新区; 某新区中心医院 is in 某新区; 两江新区…会议 is held by 两江新区).
PREFIX_RELATION = {"GovernmentBody": "partOf", "Park": "partOf", "Institution": "locatedIn",
                   "Enterprise": "locatedIn", "Event": "launchedBy", "Program": "launchedBy",
                   "Fund": "launchedBy", "Policy": "issuedBy"}


def ensure_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def _sentence_of(spans: list[tuple[int, int]], pos: int, default: tuple[int, int]) -> tuple[int, int]:
    """The sentence span holding ``pos`` (spans are sorted), found by bisection."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return default


def _text(doc: Doc) -> str:
    """The Doc's text, cached: ``Doc.text`` joins every token again on each access."""
    text = doc.user_data.get("zg_text")
    if text is None:
        text = doc.user_data["zg_text"] = doc.text
    return text


def _tokens(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, text) of every token, read from the Doc's arrays once and cached.

    Iterating a Doc creates a Token object per word, which costs more than jieba's
    segmentation itself; the IDX/LENGTH arrays give the same spans for almost nothing.
    """
    cached = doc.user_data.get("zg_tokens")
    if cached is None:
        from spacy.attrs import IDX, LENGTH

        text = _text(doc)
        cached = [(int(i), int(i + n), text[i:i + n]) for i, n in doc.to_array([IDX, LENGTH])
                  if not text[i:i + n].isspace()]
        doc.user_data["zg_tokens"] = cached
    return cached


def _boundaries(doc: Doc) -> tuple[frozenset[int], frozenset[int]]:
    """(starts, ends) of the tokens, computed once per Doc."""
    cached = doc.user_data.get("zg_boundaries")
    if cached is None:
        tokens = _tokens(doc)
        cached = (frozenset([s for s, _, _ in tokens]), frozenset([e for _, e, _ in tokens]))
        doc.user_data["zg_boundaries"] = cached
    return cached


def _fund_references(doc: Doc) -> list:
    """References to a fund named before (该基金规模20亿元)."""
    mentions = sorted(doc._.zg_mentions or [], key=lambda m: m.start)
    return [r for r in find_references(_text(doc), mentions, None)
            if r.antecedents[0].type == "Fund"]


def place_of_body(name: str, start: int, hit, written: bool = True) -> Mention:
    """The place a local body's name begins with (甘肃省|发展改革委 → 甘肃省), as written:
    福建省委 is 福建 + 省委, so its place reads 福建 (the node keeps its full name too).
    ``written``: the name stands in the text at ``start`` (else the place gets no span)."""
    surface = hit.surface
    if _KIND_ORGAN.match(name, hit.end - 1) and surface[-1] in "省市区县" \
            and surface[:-1] in hit.entry.aliases:
        surface = surface[:-1]
    return Mention(start, start + len(surface) * written, "Place", surface, rule="name-prefix",
                   confidence=0.8, key=hit.entry.key, name=hit.entry.name)


def _wider_places(hits: list) -> dict:
    """A county's short name that ends a province's or city's the text names (龙江 of
    黑龙江): the short form of that wider place, not the county. Surface → wider entry."""
    wider = {}
    counties = {h.surface for h in hits if h.entry.type == "Place"
                and h.entry.attrs.get("kind") in ("county", "district") and h.surface != h.entry.name}
    for h in hits:
        if h.entry.type == "Place" and h.entry.attrs.get("kind") in ("province", "city"):
            for short in counties:
                if any(form.endswith(short) and form != short for form in (h.entry.name, *h.entry.aliases)):
                    wider[short] = h.entry
    return wider


class GazetteerComponent:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.zg_mentions or []
        starts, ends = _boundaries(doc)
        # a two-character name must be a word of its own (海口 is not in 出海口)
        def word(start: int, end: int) -> bool:
            return end - start > 2 or (start in starts and end in ends)

        hits = self.gazetteer.find(_text(doc), word)
        wider = _wider_places(hits)
        for h in hits:
            entry = wider.get(h.surface, h.entry) if h.entry.type == "Place" else h.entry
            mentions.append(Mention(h.start, h.end, h.entry.type, h.surface, rule="gazetteer",
                                    confidence=0.95, key=entry.key, name=entry.name))
        mentions += self.weak_enterprises(_text(doc), mentions, starts, ends)
        doc._.zg_mentions = mentions
        return doc

    def weak_enterprises(self, text: str, mentions: list[Mention], starts, ends) -> list[Mention]:
        """苹果, 浪潮, 理想 as companies: a word of their own, listed next to another
        company (华为、腾讯、苹果) or followed by what only a company has (苹果数据中心,
        浪潮扩大…产能)."""
        hits = [h for h in self.gazetteer.find_weak(text) if h.start in starts and h.end in ends]
        if not hits:
            return []
        firms = [m for m in mentions if m.type == "Enterprise"]
        out = []
        for h in hits:
            if any(m.start < h.end and h.start < m.end for m in mentions):
                continue
            listed = any((m.end + 1 == h.start and text[m.end] in "、和与及")
                         or (h.end + 1 == m.start and text[h.end] in "、和与及") for m in firms)
            if listed or _FIRM_CONTEXT.match(text, h.end):
                out.append(Mention(h.start, h.end, "Enterprise", h.surface, rule="gazetteer",
                                   confidence=0.8, key=h.entry.key, name=h.entry.name))
        return out


class NamesComponent:
    def __call__(self, doc: Doc) -> Doc:
        tokens = _tokens(doc)
        mentions = doc._.zg_mentions or []
        anchors = {m.start: m.end for m in mentions}
        named = refine(_text(doc), tokens, anchors, find_named(_text(doc), tokens, anchors))
        named += find_org_names(_text(doc), tokens, anchors, mentions)
        name_self_references(_text(doc), named)
        mentions += [m for m in named if m.type != "Event"]
        mentions += find_events(_text(doc), [m for m in named if m.type == "Event"],
                                mentions)
        zones = frozenset((m.start, m.end) for m in mentions if m.type == "Zone")
        mentions += find_quoted(_text(doc), tokens, anchors, zones)
        mentions += find_enumerations(_text(doc), tokens, anchors)
        mentions += find_list_siblings(_text(doc), tokens, anchors, mentions)
        mentions += find_natural_places(_text(doc), tokens, anchors)
        mentions += find_campaigns(_text(doc), tokens)
        mentions += find_paired_programs(_text(doc), mentions)
        mentions += find_kind_siblings(_text(doc), tokens, anchors, mentions)
        doc._.zg_mentions = mentions
        return doc


class ResolveComponent:
    """One mention per span; zone organs keyed to their zone; 新区 as the article's zone."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._zone_forms = sorted(
            ((form, e) for e in gazetteer.zones() for form in (e.name, *e.aliases) if len(form) >= 2),
            key=lambda fe: -len(fe[0]))
        self._zone_by_form = dict(reversed(self._zone_forms))  # the first form of a name wins
        self._form_lengths = sorted({len(f) for f, _ in self._zone_forms}, reverse=True)
        self.reader = PostReader(gazetteer)

    def zone_prefix(self, name: str):
        """The zone a name starts with (its longest form), and the rest of the name."""
        for n in self._form_lengths:
            if n < len(name) and name[:n] in self._zone_by_form:
                return self._zone_by_form[name[:n]], name[n:]
        return None, name

    def place_organ_list(self, text: str, mentions: list[Mention], view) -> list[tuple[Mention, bool]]:
        """广州市委、市政府 / 省委、省政府: an organ word after an organ of a city or province
        is an organ of the same place (of the article's own, after a bare one); with whether
        the place is written (in the organ before it) or only the article's."""
        found = []
        by_end = {m.end: m for m in mentions if m.type == "GovernmentBody"}
        for x in PLACE_ORGAN_LIST.finditer(text):
            prev = by_end.get(x.start())
            if prev is None:
                continue
            named = View(province=view.province, city=view.city)
            self.reader.note(named, prev)
            organ = self.reader.place_organ(Mention(x.start(1), x.end(1), "GovernmentBody", "", ""),
                                            x.group(1), named)
            if organ is not None and (prev.name or prev.text) != organ.name:
                organ.text, organ.rule = x.group(1), "organ-list"
                found.append((organ, prev.name in ("", prev.text) or (prev, True) in found))
                by_end[organ.end] = organ
        return found

    def short_forms(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Later mentions of a company by a short form of its full name.

        江城中科云舟科技有限公司 is then 云舟科技, 星图时光数字科技有限公司 星图时光: the
        full name without its legal form, bracketed place and leading place names, with
        or without its first word or its industry word. Each is linked to the full name.
        """
        taken = Occupancy(len(text))
        for m in mentions:
            taken.take(m.start, m.end, 0)
        found: list[Mention] = []
        for full in mentions:
            head = _TASK_FORCE.search(full.text) if full.type == "GovernmentBody" else None
            if head and head.start() > 0:
                # 新区跨境电商工作推进组 … 推进组与大连海关: the task force named by its head
                for a in occurrences(text, head.group()):
                    b = a + len(head.group())
                    if a > full.start and not taken.owners(a, b):
                        taken.take(a, b, 0)
                        found.append(Mention(a, b, "GovernmentBody", head.group(), rule="short-form",
                                             confidence=0.75, key=full.key,
                                             name=full.name or full.text))
                continue
            if full.type != "Enterprise" or not _LEGAL_FORM.search(full.text):
                continue
            for short in self._short_candidates(full.text):
                for a in occurrences(text, short):
                    b = a + len(short)
                    if taken.owners(a, b):
                        continue
                    taken.take(a, b, 0)
                    found.append(Mention(a, b, "Enterprise", short, rule="short-form",
                                         confidence=0.8, name=full.name or full.text))
        return found

    def _short_candidates(self, full: str) -> list[str]:
        core = _BRACKETED.sub("", _LEGAL_FORM.sub("", full))
        hits = self.gazetteer.find(core)
        while hits and hits[0].start == 0 and hits[0].entry.type == "Place" and hits[0].end < len(core):
            core = core[hits[0].end:]
            hits = self.gazetteer.find(core)
        words = cut(core)
        cands = {core}
        if len(words) > 1 and len(core) - len(words[0]) >= 4:
            cands.add(core[len(words[0]):])
        trade = _TRADE.search(core)
        if trade and trade.start() >= 3:
            cands.add(core[:trade.start()])
        return sorted((c for c in cands if len(c) >= 3 and c != full), key=len, reverse=True)

    def _a_city(self, name: str) -> bool:
        """Whether ``name`` begins with a city's or province's name (深圳, 福建)."""
        hits = self.gazetteer.find(name)
        return bool(hits) and hits[0].start == 0 and hits[0].entry.type == "Place" \
            and hits[0].entry.attrs.get("kind") in ("city", "province")

    def _place_led(self, name: str) -> bool:
        """Whether a name begins with a place and says more after it (青山经开区)."""
        hits = self.gazetteer.find(name[:8])
        return bool(hits) and hits[0].start == 0 and hits[0].entry.type == "Place" \
            and len(name) - hits[0].end >= 3

    def is_place(self, name: str) -> bool:
        """Whether the whole of ``name`` is a known place or zone."""
        hits = self.gazetteer.find(name)
        return bool(hits) and hits[0].start == 0 and hits[0].end == len(name) \
            and hits[0].entry.type in ("Place", "Zone")

    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        found = settle_kinds(text, doc._.zg_mentions or [], self.gazetteer)
        found += find_firms(text, _tokens(doc), found, self.is_place)
        found += find_brand_firms(text, _tokens(doc), found, self.is_place)
        found += find_listed_institutes(text, found)
        mentions = _non_overlapping(found)
        free_trade_areas(mentions, self.gazetteer)
        departments = central_departments(text, mentions)  # 某部某某司: part of the ministry
        if departments:
            bodies = {id(body) for _, body in departments}
            mentions = sorted([m for m in mentions if id(m) not in bodies]
                              + [dept for dept, _ in departments], key=lambda m: m.start)
        counts = Counter(m.key for m in mentions if m.type == "Zone")
        title_end = text.find("\n")
        for m in mentions:
            if m.type == "Zone" and m.end <= title_end:
                counts[m.key] += 3
        zone_entry = self.gazetteer.entries.get(counts.most_common(1)[0][0]) if counts else None
        doc._.zg_zone = zone_entry.key if zone_entry else ""
        view = self.reader.article_view(doc._.zg_zone, "", frozenset())
        # bureaus named without their place belong to the article's own zone
        kept = []
        for m in mentions:
            m = proper_organ(_after_visit(text, m, self.gazetteer), view, self.gazetteer)
            if m is None or (m.type == "GovernmentBody" and _NOT_A_BODY.search(m.text)):
                continue  # 公司办公室 (a company's office), 县(市、区)人民政府: no government body
            if m.rule == "suffix-bare":
                if zone_entry is None or _COMPANY_UNITS.search(text, 0, m.start) or _TASK_FORCE.fullmatch(m.text):
                    # 公司办公室、战略发展部: a company's departments, not the zone's; 成立指挥部:
                    # a task force of no name
                    continue
                short = zone_short_name(zone_entry)
                m.key = organ_key(zone_entry, m.text)
                m.name = short + m.text
            kept.append(m)
        mentions = kept
        prefixes = {id(dept): body for dept, body in departments}
        offices: list[Mention] = []  # governments named only with their office
        # the article's own zone may be named by a weak short form (江城—中关村科技园 in a
        # 滨海 article): only there does 滨海 mean the zone
        weak = tuple(zone_entry.attrs.get("weak_aliases", ())) if zone_entry else ()
        for m in mentions:
            entry, rest = self.zone_prefix(m.text)
            party = 2 if entry is None and m.type == "GovernmentBody" and m.text.startswith("中共") else 0
            if party:  # 中共某新区某组团工作委员会: the party's organ of the zone's area
                entry, rest = self.zone_prefix(m.text[party:])
            if entry is None and weak and m.type in ("Park", "GovernmentBody") and m.text.startswith(weak):
                form = next(w for w in weak if m.text.startswith(w))
                # 哈尔滨深圳产业园: a park named after two cities (co-built), not the zone's
                if len(m.text) > len(form) + 2 and not self._a_city(m.text[len(form):len(form) + 4]):
                    entry, rest = zone_entry, m.text[len(form):]
            if entry is None and m.text.startswith("新区") and zone_entry is not None and len(m.text) > 2:
                entry, rest = zone_entry, m.text[2:]
            if entry is None and (m.type in NAMED_AFTER_ZONE or (m.type == "Park" and _PILOT_ZONE.search(m.text))):
                # 华鼎两江数智产业投资基金: a fund or program named after the zone inside
                # (自贸试验区某新区片区: the free-trade zone's area in the zone)
                for form, e in self._zone_forms:
                    if form in m.text[1:]:
                        prefixes[id(m)] = Mention(m.start, m.start, "Zone", "", rule="name-contains",
                                                  confidence=0.75, key=e.key, name=e.name)
                        break
                continue
            if entry is None and m.type == "GovernmentBody" and m.rule != "gazetteer" \
                    and _LOCAL_ORGAN.search(m.text):
                # 长沙市知识产权局 is part of 长沙市
                place = self.gazetteer.find(m.text[party:party + 8])  # (中共)某市委
                if place and place[0].start == 0 and place[0].entry.type == "Place" \
                        and place[0].end < len(m.text) - party \
                        and not _AREA_BODY.search(m.text, party + place[0].end):
                    whole = place_of_body(m.text[party:], m.start + party, place[0])
                    office = _OFFICE_OF.match(m.text)
                    if office:  # 某省人民政府办公厅 is part of 某省人民政府, part of 某省
                        government = Mention(m.start, m.start + office.end(1), m.type, office.group(1),
                                             rule="office-of", confidence=0.8)
                        offices.append(government)
                        prefixes[id(government)], whole = whole, government
                    prefixes[id(m)] = whole
                continue
            if entry is None and m.type == "GovernmentBody" and m.rule != "gazetteer" \
                    and zone_entry is not None and _AREA_ORGAN.search(m.text) \
                    and not self.gazetteer.find(m.text[:8]):
                # 临空新城管委会 in a zone's article: the organ of an area of the zone
                prefixes[id(m)] = Mention(m.start, m.start, "Zone", "", rule="area-organ",
                                          confidence=0.7, key=zone_entry.key, name=zone_entry.name)
                continue
            if entry is None or m.type == "Zone":
                continue
            form = m.text[party: len(m.text) - len(rest)]
            prefixes[id(m)] = Mention(m.start + party, m.start + party + len(form), "Zone", form,
                                      rule="name-prefix",
                                      confidence=0.85, key=entry.key, name=entry.name)
            if m.type == "GovernmentBody":
                m.key = organ_key(entry, rest)
                if m.text.startswith("新区"):
                    m.name = zone_short_name(entry) + rest
            elif m.type in ("Park", "Institution", "Event", "Program", "Fund", "Place") and m.text.startswith("新区"):
                m.name = zone_short_name(entry) + rest
            elif m.type in ("Park", "Enterprise") and self._place_led(rest):
                m.name = rest  # 某新区青山经开区: a county's park, named in the zone's news
            elif m.type == "Enterprise" and brand_led(rest):
                m.name = rest  # 在某新区|星源达电子有限公司: the zone says where the firm is
        mentions += offices
        # 滨海新区区委、区政府: an organ word after an organ of a zone is an organ of it too
        by_end = {m.end: m for m in mentions}
        for x in re.finditer("、(" + "|".join(ZONE_ORGANS) + ")", text):
            prev = by_end.get(x.start())
            if prev is not None and prev.key.startswith("organ:"):
                zid = prev.key.split(":")[1]
                entry = self.gazetteer.entries[f"zone:{zid}"]
                name = zone_short_name(entry) + x.group(1)
                organ = Mention(x.start(1), x.end(1), "GovernmentBody", x.group(1), rule="organ-list",
                                confidence=0.8, key=organ_key(entry, x.group(1)), name=name)
                mentions.append(organ)
                prefixes[id(organ)] = Mention(organ.start, organ.start, "Zone", "", rule="name-prefix",
                                              confidence=0.8, key=entry.key, name=entry.name)
        named_places = {m.key for m in mentions if m.type == "Place" and m.rule == "gazetteer"}
        listed = self.place_organ_list(text, mentions, view)
        mentions += [organ for organ, _ in listed]
        bare = [(m, False) for m in mentions if m.rule == "bare-organ"]
        for organ, written in listed + bare:
            # 某省委、省政府: the 省政府 of 某省; 市委 in an article naming its city: that city's
            place = self.gazetteer.find(organ.name[:8])
            if place and place[0].start == 0 and place[0].entry.type == "Place" \
                    and (written or place[0].entry.key in named_places):
                prefixes[id(organ)] = place_of_body(organ.name, organ.start, place[0], written=False)
        mentions += declared_short_forms(text, mentions)
        mentions += self.short_forms(text, mentions)
        # bare 新区 outside longer names means the article's own zone
        if zone_entry is not None:
            covered = Occupancy(len(text))
            for m in mentions:
                covered.take(m.start, m.end, 0)
            for x in re.finditer("新区", text):
                if not covered.owners(x.start(), x.start() + 1) and text[x.end():x.end() + 1] not in "管党":
                    mentions.append(Mention(x.start(), x.end(), "Zone", "新区", rule="own-zone",
                                            confidence=0.7, key=zone_entry.key, name=zone_entry.name))
            # 管委(区政府)将…, 工委(区委)部署: an organ word opening a clause is the zone's
            short = zone_short_name(zone_entry)
            for x in _BARE_ZONE_ORGAN.finditer(text):
                if not covered.owners(x.start(1), x.end(1)):
                    mentions.append(Mention(x.start(1), x.end(1), "GovernmentBody", x.group(1),
                                            rule="own-organ", confidence=0.7,
                                            key=organ_key(zone_entry, x.group(1)), name=short + x.group(1)))
        doc._.zg_mentions = sorted(mentions, key=lambda m: m.start)
        doc._.zg_prefixes = prefixes
        return doc


class Occupancy:
    """Which characters of a text are taken by which span: overlap tests in the length of
    the span, not in the number of spans already taken (long articles stay linear)."""

    def __init__(self, length: int):
        self.owner = [-1] * (length + 1)

    def owners(self, start: int, end: int) -> set[int]:
        return {o for o in self.owner[start:end] if o >= 0}

    def take(self, start: int, end: int, index: int) -> None:
        for i in range(start, end):
            if self.owner[i] < 0:
                self.owner[i] = index


#: Rules whose names are set off by quotes: their extent is the writer's, not a guess.
QUOTED_RULES = {"zone-brand", "quoted-program", "quoted-platform", "campaign-year", "quoted-meeting"}


def _non_overlapping(mentions: list[Mention]) -> list[Mention]:
    """Longest spans first, then gazetteer/higher confidence; drop what overlaps them.

    A shape-guessed name that ends where a gazetteer name ends only adds words in front
    of it (融入成渝地区双城经济圈): the gazetteer name wins.
    """
    gaz_ends = {m.end for m in mentions if m.rule == "gazetteer"}
    mentions = [m for m in mentions if m.rule == "gazetteer" or m.end not in gaz_ends
                or m.rule in QUOTED_RULES]
    ranked = sorted(mentions, key=lambda m: (-(m.end - m.start), -m.confidence, m.start))
    room = Occupancy(max((m.end for m in mentions), default=0))
    inner = Occupancy(max((m.end for m in mentions), default=0))
    out: list[Mention] = []
    for m in ranked:
        clash = [out[i] for i in room.owners(m.start, m.end)]
        # a known company heading a park, fund or institution named after it
        # (康成药业江城聚慧谷, 星云智算生态基地) is a thing of its own too
        # (科技部国家某引导基金: a central body heading its fund's name)
        nested = (m.rule == "gazetteer" and m.type in ("Enterprise", "GovernmentBody") and len(clash) == 1
                  and clash[0].start == m.start and clash[0].type in NAMED_AFTER_OWNER)
        if clash and not nested:
            # a name inside another (an event's subject, a bracketed aside), once
            if not all(_nests_in(m, c) for c in clash) or inner.owners(m.start, m.end):
                continue
            inner.take(m.start, m.end, len(out))
        room.take(m.start, m.end, len(out))
        out.append(m)
    return sorted(out, key=lambda m: m.start)


def _nests_in(inner: Mention, outer: Mention) -> bool:
    """Whether ``inner`` is a name of its own inside ``outer``: what an event is named
    after (某基金合作协议签约活动), the park a policy is about, or a park in brackets
    (某新区(某高新区)党工委)."""
    if not (outer.start <= inner.start and inner.end <= outer.end) or inner.type == outer.type:
        return False
    if outer.type == "Event":
        return inner.type not in ("Zone", "Place")  # the places of a meeting's name are its topic
    if outer.type == "Policy" and inner.type == "Park":
        return True  # 《某科技城战略合作框架协议》: the park the agreement is about
    a, b = inner.start - outer.start, inner.end - outer.start
    if outer.type == "Park" and inner.type in ("Enterprise", "Institution") and a == 0 \
            and (inner.rule.startswith("suffix:") or inner.rule == "brand-firm") and len(outer.text) - b <= 10:
        return True  # 某大学某研究院|产业化基地, 某某有限公司|生产基地: the owner heads its site
    return inner.type == "Park" and a > 0 and outer.text[a - 1:a] in "(（" \
        and outer.text[b:b + 1] in ")）"  # a park run by the same organs, not 某某(重庆)公司


def _zone_key(key: str) -> str:
    """The zone a body's key names (zone:x, or organ:x:管委会 of zone x), else ""."""
    if key.startswith("zone:"):
        return key
    return "zone:" + key.split(":")[1] if key.startswith("organ:") else ""


class PeopleComponent:
    def __init__(self, surnames: frozenset[str], resolve: ResolveComponent):
        self.surnames = surnames
        self.resolve = resolve
        self.reader = PostReader(resolve.gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        mentions = doc._.zg_mentions or []
        # word boundaries: where a token starts or ends (a text's start included)
        starts, ends = _boundaries(doc)
        token_ends = starts | ends
        people, chains = find_people(text, self.surnames, mentions, token_ends)
        # a person's name wins over a shape-guessed name covering it (张三说 is no company)
        occupied = Occupancy(len(text))
        for p in people:
            occupied.take(p.start, p.end, 0)
        # and over a city's short form it begins or ends with (主任常德明, 主任张海南)
        mentions = [m for m in mentions if not occupied.owners(m.start, m.end) or (
            m.rule == "gazetteer" and not (m.type == "Place" and m.end - m.start == 2))]
        orgs = [m for m in mentions if m.type in ORG_TYPES]
        places = frozenset(m.key for m in mentions if m.type == "Place" and m.key)
        view = self.reader.article_view(doc._.zg_zone or "", text, places)
        named = iter([m for m in orgs if m.type == "GovernmentBody"])
        upcoming = next(named, None)
        governments = {}
        for m in mentions:  # 浦东新区政府: the zone's government, named as such
            if m.key.startswith("organ:") and m.key.endswith(":政府"):
                governments.setdefault("zone:" + m.key.split(":")[1], m)
        posts: list[Post] = []
        parents = doc._.zg_prefixes if doc._.zg_prefixes is not None else {}
        spans = sentences(text)
        last: tuple[int, Mention] | None = None  # where the last chain's person ended, its body
        prev_parts, found = None, []
        zone_said: tuple[tuple[int, int], str] | None = None  # the zone the sentence's last chain named
        for person, parts in chains:
            while upcoming is not None and upcoming.end <= parts[0][0]:
                self.reader.note(view, upcoming)  # 湘潭市委书记张三，市委副书记李四: 湘潭's 市委
                upcoming = next(named, None)
            sent = _sentence_of(spans, person.start, (person.start, person.end))
            if parts is not prev_parts:  # names listed after one title share its posts
                # 甲新区党工委书记张三，管委会主任李四: the bare organ is that zone's
                said = self.resolve.gazetteer.entries.get(zone_said[1]) \
                    if zone_said and zone_said[0] == sent else None
                seen = View(said, view.city, view.province, view.places, view.organs) if said else view
                found, wholes = self.reader.bodies(text, parts, orgs, seen, governments)
                if not found and last and text[last[0]:parts[0][0]] in (",", "、") \
                        and all(bare_title(text, a, b) and not heads_a_government(text[a:b])
                                for a, b in parts):
                    # 商会会长张三，名誉会长李四: a bare title in a list is in the body before
                    found = [(last[1], text[a:b]) for a, b in parts]
            prev_parts = parts
            zone_key = next((_zone_key(b.key) for b, _ in found if _zone_key(b.key)), "")
            zone_said = (sent, zone_key) if zone_key else zone_said
            titles: dict[str, tuple[Mention, list[str]]] = {}
            for body, title in found:  # one post per body, its titles listed
                titles.setdefault(body.key or body.name or body.text, (body, []))[1].append(title)
            for body, ts in titles.values():
                posts.append(Post(person, body, "、".join(dict.fromkeys(ts)), sent))
            for body, whole in wholes:
                parents[id(body)] = whole
            if found:
                last = (person.end, found[-1][0])
        doc._.zg_mentions = sorted(mentions + people, key=lambda m: m.start)
        doc._.zg_posts = posts
        doc._.zg_prefixes = parents
        return doc


_TITLE_ISSUER = re.compile(r"(?:中共)?[\u4e00-\u9fff]{2,12}?(?:人民政府|省委|市委|区委|县委|委员会|管委会|"
                           r"党工委|办公厅|国务院|政府|部|厅|局)(?=[\s、和及]*[\u4e00-\u9fff])")


def _issuers_in_title(policy: Mention, gazetteer: Gazetteer) -> list[Mention]:
    """Bodies named at the head of a policy's title (《中共四川省委 四川省人民政府关于…》,
    《国务院关于…》: a known body, or a name of a body's shape)."""
    out: list[Mention] = []
    pos = 0
    text = policy.text
    known = {h.start: h for h in gazetteer.find(text) if h.entry.type == "GovernmentBody"}
    while True:
        h = known.get(pos)
        if h is not None:
            out.append(Mention(policy.start + h.start, policy.start + h.end, "GovernmentBody",
                               h.surface, rule="policy-title", confidence=0.85, key=h.entry.key,
                               name=h.entry.name))
            pos = h.end
        else:
            m = _TITLE_ISSUER.match(text, pos)
            if m is None:
                break
            out.append(Mention(policy.start + m.start(), policy.start + m.end(), "GovernmentBody",
                               m.group(), rule="policy-title", confidence=0.8))
            pos = m.end()
        while pos < len(text) and text[pos] in " 、和及\u3000":
            pos += 1
    rest = text[pos:]
    if not out or not (rest.startswith("关于") or len(rest) >= 6):
        return []
    return out


def _stated_launchers_first(rels: list[Relation]) -> list[Relation]:
    """A zone's name in an event's or fund's name only suggests the zone held or set it up:
    where the text says who did (由管委会与某研究院联合主办), the suggestion is dropped."""
    def ident(m: Mention) -> str:
        return m.key or m.name or m.text
    stated = {ident(r.subject) for r in rels if r.predicate == "launchedBy" and r.rule != "name-prefix"}
    return [r for r in rels if not (r.predicate == "launchedBy" and r.rule == "name-prefix"
                                    and r.object.type == "Zone" and ident(r.subject) in stated)]


#: 《某院关于某新区发展规划的批复》: the plan a reply approves, named in its title.
_APPROVED = re.compile(r"关于(?:同意|印发)?([^《》“”]{2,60}?(?:规划|方案|计划|纲要|意见|办法|细则|措施)"
                       r"(?:[(（][^()（）]{1,15}[)）])?)的批复$")


def _approved_in_title(policy: Mention, bodies: list[Mention], sent: tuple[int, int]) -> list[Relation]:
    """The plan a reply approves (《国务院关于某新区发展规划的批复》): approved, so issued
    (SCHEMA's issuedBy), by the bodies heading the reply's title."""
    approved = _APPROVED.search(policy.text)
    if approved is None or not bodies:
        return []
    a = policy.start + approved.start(1)
    plan = Mention(a, a + len(approved.group(1)), "Policy", approved.group(1), rule="approved-in-title",
                   confidence=0.75)
    return [Relation(plan, "issuedBy", body, sent, "approved-in-title", 0.75) for body in bodies]


# 《甲市—乙新区战略合作框架协议》: the parties named at the head of an agreement
_PARTY_JOIN = re.compile(r"[—\-－–、与和]")


def _agreement_parties(policy: Mention, sent: tuple[int, int], gazetteer: Gazetteer) -> list[Relation]:
    """An agreement whose title begins with its parties (甲市—乙新区…协议): they cooperate,
    and those that issue documents (zones, bodies) issued it."""
    text = policy.text
    hits = {h.start: h for h in gazetteer.find(text)
            if h.entry.type in ("Zone", "Place", "GovernmentBody")}
    parties: list[Mention] = []
    pos = 0
    while pos in hits:
        h = hits[pos]
        parties.append(Mention(policy.start + h.start, policy.start + h.end, h.entry.type, h.surface,
                               rule="agreement-title", confidence=0.8, key=h.entry.key,
                               name=h.entry.name))
        pos = h.end + 1 if _PARTY_JOIN.match(text, h.end) else -1
    if len(parties) < 2:
        return []
    rels = [Relation(a, "cooperatesWith", b, sent, "agreement-title", 0.75)
            for i, a in enumerate(parties) for b in parties[i + 1:]]
    rels += [Relation(policy, "issuedBy", p, sent, "agreement-title", 0.75)
             for p in parties if p.type in ("Zone", "GovernmentBody")]
    return rels


def _explicit_issuers_first(rels: list[Relation]) -> list[Relation]:
    """A policy named after a zone was issued by it only when the text names no issuer
    (《甲新区发展规划》 approved by 国务院 is not the zone's own)."""
    stated = {r.subject.name or r.subject.text for r in rels
              if r.predicate == "issuedBy" and r.rule != "name-prefix"}
    return [r for r in rels if not (r.predicate == "issuedBy" and r.rule == "name-prefix"
                                    and (r.subject.name or r.subject.text) in stated)]


class AttributesComponent:
    """Fund sizes in yuan and policy dates (年 from the issue when only 月日 is written)."""

    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        ctx = doc._.zg_context or {}
        article_date = ctx.get("date") or ""
        amounts: dict[int, float] = {}
        dates: dict[int, str] = {}
        spans = sentences(text)
        fund_starts = sorted(m.start for m in doc._.zg_mentions or [] if m.type == "Fund")
        for m in doc._.zg_mentions or []:
            if m.type == "Fund":
                sent = _sentence_of(spans, m.start, (m.start, m.end))
                after = bisect.bisect_right(fund_starts, m.start)
                amount = _fund_amount(text, m, sent, fund_starts[after] if after < len(fund_starts) else None)
                if amount:
                    amounts[id(m)] = amount
            elif m.type == "Policy":
                sent = _sentence_of(spans, m.start, (m.start, m.end))
                date = policy_date(text, m.start, m.end, sent, article_date)
                if date:
                    dates[id(m)] = date
        _respective_amounts(text, [m for m in doc._.zg_mentions or [] if m.type == "Fund"], amounts)
        # 该基金规模20亿元: the size of the fund named before
        for ref in _fund_references(doc):
            fund = ref.antecedents[0]
            if fund.type == "Fund" and id(fund) not in amounts:
                sent = _sentence_of(spans, ref.start, (ref.start, ref.end))
                amount = _fund_amount(text, ref.stand_ins[0], sent)
                if amount:
                    amounts[id(fund)] = amount
        doc._.zg_amounts, doc._.zg_dates = amounts, dates
        return doc


def _respective_amounts(text: str, funds: list[Mention], amounts: dict[int, float]) -> None:
    """Funds listed together (甲基金、乙基金) whose sizes follow with 分别, one each in order."""
    funds = sorted(funds, key=lambda m: m.start)
    i = 0
    while i < len(funds):
        j = i
        while j + 1 < len(funds) and re.fullmatch(r"[、和及与]", text[funds[j].end:funds[j + 1].start]):
            j += 1
        if j > i:
            stop = min([k for k in (text.find(c, funds[j].end) for c in "。;；") if k >= 0] or [len(text)])
            sizes = respective_amounts(text, funds[j].end, j - i + 1, stop)
            for fund, size in zip(funds[i:j + 1], sizes or []):
                amounts[id(fund)] = size
        i = j + 1


def _fund_amount(text: str, fund: Mention, sent: tuple[int, int],
                 next_fund: int | None = None) -> float | None:
    """The size written next to a fund, within its sentence and clause (before the next
    fund named: 甲基金规模10亿元、乙基金规模5亿元)."""
    clause_end = min([i for i in (text.find("。", fund.end), text.find(";", fund.end)) if i >= 0]
                     or [sent[1]])
    clause_end = min(clause_end, sent[1], fund.end + 40, next_fund or len(text))
    return fund_amount(text, fund.start, fund.end, fund.text, sent[0], clause_end)


# Pilot zones and free-trade-zone areas: set in a zone as well as areas of it
_PILOT_ZONE = re.compile(r"试验区$|自贸试验区.*片区$|自由贸易试验区.*片区$")


class RelationsComponent:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.zg_mentions or []
        zone = next((m for m in mentions if m.key == doc._.zg_zone and m.type == "Zone"), None)
        rels = relations_in(_text(doc), mentions, zone)
        rels += memberships(doc._.zg_posts or [])
        spans = sentences(_text(doc))
        prefixes = doc._.zg_prefixes or {}
        named = {id(m) for m in mentions}
        bodies = {id(p.organization): p.organization for p in doc._.zg_posts or []
                  if id(p.organization) not in named}  # bodies read from posts only
        # 某区政府与某商会座谈会, 某集团2024年签约仪式, 科技部国家某基金: the body heading an
        # event's or a fund's name holds or set it up
        heading = {o.start: o for o in mentions if o.type in ("GovernmentBody", "Enterprise", "Institution")}
        for m in mentions + list(bodies.values()):
            head = prefixes.get(id(m))
            host = heading.get(m.start) if m.type in ("Event", "Fund") else None
            if host is not None and host.end < m.end and (m.type == "Event" or (
                    head is None and host.type == "GovernmentBody")):
                head = host  # (a company heading a fund named after the zone is no sign who set it up)
            pred = PREFIX_RELATION.get(m.type)
            if head is None or pred is None or (m.type == "Fund" and "子基金" in m.text):
                continue  # a zone's name on a sub-fund says whose area it invests in, not who set it up
            sent = _sentence_of(spans, m.start, (m.start, m.end))
            # 2024年雄安新区将……办好2024雄安新区招商推介大会: a planned event
            planned = m.type in NAMED_AFTER_ZONE and bool(PLANNED.search(_text(doc)[sent[0]:m.start]))
            if m.type == "Park" and _PILOT_ZONE.search(m.text):
                # 某新区绿色金融改革创新试验区: a pilot zone is set in the zone, and an area of it
                rels.append(Relation(m, "locatedIn", head, sent, "name-prefix", 0.8, planned))
            rels.append(Relation(m, pred, head, sent, "name-prefix", 0.85, planned))
        # 某园区选址在某新区某发展区: a park in an area named after its zone lies in the zone too
        for r in list(rels):
            head = prefixes.get(id(r.object))
            if r.predicate == "locatedIn" and r.subject.type == r.object.type == "Park" and head is not None \
                    and head.type == "Zone" and r.rule.startswith("location:"):
                rels.append(Relation(r.subject, "locatedIn", head, r.sentence, "location:area-of-zone",
                                     r.confidence, r.planned))
        rels = _stated_launchers_first(rels)
        # every organ of a zone is part of it, wherever it was named (a post's body too)
        related = {id(r.subject) for r in rels if r.predicate == "partOf"}
        organs = {}
        for m in mentions + [p.organization for p in doc._.zg_posts or []]:
            if m.key.startswith("organ:") and id(m) not in related:
                organs.setdefault(m.key, m)
        for key, m in organs.items():
            entry = self.gazetteer.entries.get("zone:" + key.split(":")[1])
            if entry is None or any(r.subject.key == key and r.predicate == "partOf" for r in rels):
                continue
            sent = _sentence_of(spans, m.start, (m.start, m.end))
            zone_m = Mention(m.start, m.start, "Zone", "", rule="organ", key=entry.key, name=entry.name)
            rels.append(Relation(m, "partOf", zone_m, sent, "organ-of-zone", 0.9))
        for m in mentions:
            if m.type == "Policy":
                sent = _sentence_of(spans, m.start, (m.start, m.end))
                bodies = _issuers_in_title(m, self.gazetteer)
                rels += [Relation(m, "issuedBy", body, sent, "policy-title", 0.8) for body in bodies]
                rels += _approved_in_title(m, bodies, sent)
                # 《北京市人民政府、天津市人民政府…合作协议》: the parties cooperate
                if len(bodies) > 1 and _AGREEMENT.search(m.text):
                    rels += [Relation(a, "cooperatesWith", b, sent, "agreement-title", 0.75)
                             for i, a in enumerate(bodies) for b in bodies[i + 1:]]
                for body in bodies:  # 北京市人民政府 is part of 北京市
                    place = self.gazetteer.find(body.text[:8])
                    if place and place[0].start == 0 and place[0].entry.type == "Place" \
                            and _LOCAL_ORGAN.search(body.text):
                        head = place_of_body(body.text, body.start, place[0])
                        rels.append(Relation(body, "partOf", head, sent, "name-prefix", 0.8))
                if _AGREEMENT.search(m.text) and not bodies:
                    rels += _agreement_parties(m, sent, self.gazetteer)
        rels = [r for r in rels if not (r.rule.startswith("opened:") and self._place_named(r.subject))]
        for r in rels:  # 新区建设了华为某基地: a company's base is in the zone, no area of it
            if r.rule.startswith("attract:") and r.predicate == "partOf" and self._firm_named(r.subject):
                r.predicate = "locatedIn"
        doc._.zg_relations = _explicit_issuers_first(signing_for_zones(rels, self._zone_of))
        return doc

    def _place_named(self, m: Mention) -> bool:
        """成都某产业园: a name that begins with a place's says where it is."""
        return any(h.start == 0 and h.entry.type == "Place" for h in self.gazetteer.find(m.text[:6]))

    def _firm_named(self, m: Mention) -> bool:
        """华为某某基地: a name that begins with a known company's."""
        return any(h.start == 0 and h.entry.type == "Enterprise" for h in self.gazetteer.find(m.text[:8]))

    def _zone_of(self, organ: Mention) -> Mention | None:
        """The zone a zone's organ (organ:<zone>:<organ>) belongs to, as a mention."""
        entry = self.gazetteer.entries.get("zone:" + organ.key.split(":")[1])
        return entry and Mention(organ.start, organ.start, "Zone", "", rule="organ",
                                 key=entry.key, name=entry.name)


class EntsComponent:
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for m in doc._.zg_mentions or []:
            span = doc.char_span(m.start, m.end, label=m.type, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.ents = filter_spans(spans)
        return doc


@Language.factory("zonegraph_gazetteer", default_config={"data_dir": ""})
def make_gazetteer(nlp: Language, name: str, data_dir: str) -> GazetteerComponent:
    ensure_extensions()
    return GazetteerComponent(load_gazetteer(data_dir))


@Language.factory("zonegraph_names")
def make_names(nlp: Language, name: str) -> NamesComponent:
    ensure_extensions()
    return NamesComponent()


@Language.factory("zonegraph_resolve", default_config={"data_dir": ""})
def make_resolve(nlp: Language, name: str, data_dir: str) -> ResolveComponent:
    ensure_extensions()
    return ResolveComponent(load_gazetteer(data_dir))


@Language.factory("zonegraph_people", default_config={"data_dir": ""})
def make_people(nlp: Language, name: str, data_dir: str) -> PeopleComponent:
    ensure_extensions()
    return PeopleComponent(load_surnames(data_dir), ResolveComponent(load_gazetteer(data_dir)))


@Language.factory("zonegraph_attributes")
def make_attributes(nlp: Language, name: str) -> AttributesComponent:
    ensure_extensions()
    return AttributesComponent()


@Language.factory("zonegraph_relations", default_config={"data_dir": ""})
def make_relations(nlp: Language, name: str, data_dir: str) -> RelationsComponent:
    ensure_extensions()
    return RelationsComponent(load_gazetteer(data_dir))


@Language.factory("zonegraph_ents")
def make_ents(nlp: Language, name: str) -> EntsComponent:
    ensure_extensions()
    return EntsComponent()


PIPES = ("zonegraph_gazetteer", "zonegraph_names", "zonegraph_resolve", "zonegraph_people",
         "zonegraph_attributes", "zonegraph_relations", "zonegraph_ents")
__all__ = ["PIPES", "ensure_extensions", "TITLE_WORDS"]
