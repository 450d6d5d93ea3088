"""Event names the way news writes them: ceremonies, joined meetings, plenary sessions.

Suffixes alone (…座谈会, …推介会) find most meetings (``names.find_named``); news adds
three shapes this module reads:

- a ceremony or campaign event named by what it does and when
  (2025年第一季度重点项目集中开工活动, 某新区2021年第三季度重大项目集中开工仪式): the
  kind alone (签约仪式, 开工活动) is no name, so it needs a date or a zone in front;
- two meetings held as one, joined by 暨 (…座谈会暨项目集中签约仪式,
  …成果发布暨…推介会): one event, named by the whole;
- party plenaries and congresses (省委十一届六次全会, 党的二十大).

And it ends an event's name where the sentence's verb is (某新区举行|…座谈会,
…部长某某主持|会议, 认真落实|…大会部署): the verbs that hold, open, chair or carry out a
meeting never begin one; the verbs of its own theme do (深入推进…座谈会, 冲刺…动员大会).
A meeting of two parties is named by both when the clause opens with it (甲与乙座谈会…举行),
and a name may hold a dash between places (甲—乙一体化发展签约大会) or an aside in brackets.
"""
from __future__ import annotations

import re

from .model import Mention
from .names import word_tags
from .tokenizer import cut

#: Verbs that hold, open, chair or attend a meeting: a name starts after them.
EVENT_VERBS = ("举行", "举办", "召开", "主持", "出席", "参加", "开幕", "闭幕", "启动", "亮相",
               "组织", "承办", "主办", "筹办", "参会", "开展", "部署", "办好", "开好", "暨",
               "落实", "贯彻", "传达", "领会")
_VERB_CUT = re.compile("(?:" + "|".join(EVENT_VERBS) + ")")
#: The kind of a ceremony or campaign event, named by the work it marks.
_CEREMONY = r"(?:签约|开工|揭牌|启动|竣工|投产|开业|发布|推介|授牌|集中签约|集中开工)(?:仪式|活动|大会)"
#: What makes a ceremony's name proper: a year, a quarter, an ordinal, or the zone it is of.
_PROPER_CEREMONY = re.compile(r"\d{4}|[一二三四]季度|第[一二三四五六七八九十\d]+|届")
#: Named things a ceremony may be named after (某基金合作协议签约仪式), not its parties.
_NAMED_SUBJECTS = ("Fund", "Park", "Program", "Policy")
_CEREMONY_KIND = re.compile(_CEREMONY)
#: 省委十一届六次全会, 市委十二届三次全体会议; 党的二十大, 党的二十届三中全会.
_PLENARY = re.compile(r"((?:[省市区县]委|中央)[一二三四五六七八九十]+届"
                      r"[一二三四五六七八九十]+次全(?:会|体会议))"
                      r"|(党的[一二三四五六七八九十]+(?:大|届[一二三四五六七八九十]+中全会))")
#: A party congress by its ordinal (某市第九次党代会, 中共某省第十一次代表大会): named with
#: the place or level written right before it.
_CONGRESS = re.compile(r"第[一二三四五六七八九十\d]+次(?:全国)?(?:党代会|党员代表大会|代表大会)")
_LEVEL = re.compile(r"[省市区县州]$")
_PARTY = re.compile(r"(?:中国共产党|中共)$")
#: A meeting's or ceremony's own kind, for the part after 暨.
_EVENT_END = re.compile(r"(?:会议|大会|全会|论坛|峰会|博览会|交易会|洽谈会|推介会|发布会|座谈会|"
                        r"对接会|招商会|交流会|研讨会|年会|仪式|活动|推进会|动员会|部署会|调度会|"
                        r"观摩会|现场会|报告会|说明会|启动会|联席会)")
_JOINED = re.compile(r"暨([\u4e00-\u9fff\dA-Za-z]{2,30}?" + _EVENT_END.pattern + r")")
#: Where an event name cannot reach back past: punctuation and the dateline's 电/讯.
_NAME_CHAR = re.compile(r"[\u4e00-\u9fff\dA-Za-z()（）]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: Meetings held between parties (甲与乙座谈会), not ceremonies of one party's work.
_PARTY_MEETING = re.compile(r"(?:座谈会|恳谈会|对接会|洽谈会|交流会|联席会|会谈)(?:暨|$)")


def cut_at_verb(name: str) -> int:
    """How many leading characters of ``name`` belong to the sentence, not the name: up
    to the last verb that holds or opens a meeting (0 when there is none)."""
    cut = 0
    for m in _VERB_CUT.finditer(name):
        if m.group() != "暨" and len(name) - m.end() >= 2:
            cut = m.end()
    return cut


def _proper_rest(name: str) -> bool:
    """Whether what is left after a verb names an event, not just its kind (会议)."""
    kind = _EVENT_END.search(name)
    return kind is not None and kind.start() >= 2


def _start_back(text: str, end: int, limit: int = 40) -> int:
    """The leftmost name character before ``end``, within ``limit``: a single dash
    between two characters (宝鸡—西咸) is inside a name, brackets only when balanced."""
    i = end
    while i > 0 and end - i < limit and (
            _NAME_CHAR.match(text[i - 1]) or (text[i - 1] == "—" and i >= 2 and i < end
                                              and _CJK.match(text[i - 2]) and _CJK.match(text[i]))):
        i -= 1
    for m in _DATELINE.finditer(text, i, end):  # 某网某地6月19日电(记者某某)|…
        i = m.end()
    return _balanced_from(text, i, end)


#: The end of a dateline or of a reporter's byline, never inside a name.
_DATELINE = re.compile(r"日电|日讯|[(（](?:记者|通讯员|见习记者)[^()（）]*[)）]")


def _balanced_from(text: str, start: int, end: int) -> int:
    """``start`` moved past a bracket that opens or closes outside ``text[start:end]``."""
    cut, opened = start, []
    for k in range(start, end):
        if text[k] in "(（":
            opened.append(k)
        elif text[k] in ")）":
            if opened:
                opened.pop()
            else:
                cut = k + 1
    return opened[-1] + 1 if opened else cut


def _with_partner(text: str, event: Mention, others: list[Mention]) -> Mention:
    """甲与乙座谈会…: a meeting that opens its clause named with both parties."""
    if text[event.start - 1:event.start] not in "与和同" or not _PARTY_MEETING.search(event.text):
        return event
    partner = next((o for o in others if o.end == event.start - 1
                    and o.type not in ("Zone", "Place", "Person")), None)
    if partner is not None:
        start = partner.start
    else:  # 新区人才服务与科技金融对接会: two topics, nouns from the clause's start
        start = event.start - 1
        while start > 0 and event.start - start <= 12 and _CJK.match(text[start - 1]):
            start -= 1
        words = cut(text[start:event.start - 1])
        if not 3 <= event.start - 1 - start <= 12 or not all(
                word_tags().get(w, "n")[:1] == "n" or word_tags().get(w) == "vn" for w in words):
            return event
        start += len(_LEADING_DAY.match(text, start).group())
    if start > 0 and not _CLAUSE_START.search(text, 0, start):
        return event
    return Mention(start, event.end, "Event", text[start:event.end], rule=event.rule,
                   confidence=event.confidence)


_LEADING_DAY = re.compile(r"(?:\d+[年月日])*")
#: A clause's start: punctuation or a date right before it (12月7日,|甲与乙…).
_CLAUSE_START = re.compile(r"(?:^|[。,，;；:：!?！？\n]|[日月]|上午|下午)$")


def find_events(text: str, found: list[Mention], others: list[Mention] = ()) -> list[Mention]:
    """Ceremonies, plenaries and 暨-joined events; ``found`` are the events the suffix
    rule gave, which a joined name replaces. A ceremony's name starts after the last
    organization or person among ``others`` before it (某管委会与某公司|…签约仪式)."""
    subjects = [(o.start, o.end) for o in others if o.type in _NAMED_SUBJECTS]
    ends = sorted(m.end for m in others if m.type not in ("Zone", "Place") + _NAMED_SUBJECTS
                  and not any(a <= m.start and m.end <= b for a, b in subjects))
    out: list[Mention] = []
    suffix_ends = {e.end for e in found}
    for kind in _CEREMONY_KIND.finditer(text):  # the kind first, then the name before it
        end = kind.end()
        first = _start_back(text, kind.start())
        if end in suffix_ends or kind.start() - first < 2:
            continue  # …招商推介大会: named by its suffix already, with a better left edge
        start = first + cut_at_verb(text[first:end])
        start = _parties_opening(text, start, max([start] + [e for e in ends if start < e <= end - 6]),
                                 others)
        name = text[start:end]
        # 某基金合作协议签约活动: named by the agreement it signs, on a named thing
        named_after = "协议" in name and any(start <= a and b <= kind.start() for a, b in subjects)
        if _PROPER_CEREMONY.search(name[:-4]) or "新区" in name[:-4] or named_after:
            out.append(Mention(start, end, "Event", name, rule="ceremony", confidence=0.8))
    for m in _PLENARY.finditer(text):
        a, b = m.span(1) if m.group(1) else m.span(2)
        out.append(Mention(a, b, "Event", text[a:b], rule="plenary", confidence=0.85))
    out += _congresses(text, others)
    kept = []
    for e in found:
        if any(o.start <= e.start and e.end <= o.end for o in out):
            continue  # 发布活动 inside 2024年…成果发布活动
        cut = cut_at_verb(e.text)
        if cut and not _proper_rest(e.text[cut:]):
            continue  # 部长某某主持会议: the verb leaves no name
        if cut:
            e = Mention(e.start + cut, e.end, e.type, e.text[cut:], rule=e.rule,
                        confidence=e.confidence, key=e.key, name=e.name)
        kept.append(_with_partner(text, _after_predicate(text, e, others), others))
    return join_events(text, kept + out)


def _parties_opening(text: str, clause: int, cut: int, others: list[Mention]) -> int:
    """Where a ceremony's name starts, given the clause's start and the end of the last
    party before it: 甲与乙合作共建…协议签约仪式 opening its clause, written without a verb
    between the parties and the ceremony, is named by both (甲与乙|举行签约仪式 is not)."""
    if cut == clause:
        return cut
    second = next((o for o in others if o.end == cut and o.type not in ("Place", "Person")), None)
    if second is None or text[second.start - 1:second.start] not in ("与", "和", "同"):
        return cut
    first = next((o for o in others if o.end == second.start - 1 and o.start == clause
                  and o.type not in ("Place", "Person")), None)
    return first.start if first is not None else cut


def _after_predicate(text: str, event: Mention, others: list[Mention]) -> Mention:
    """A headline's clause run into the name (某某底色日益鲜明|某市…推介会): words ending in an
    adjective before a place inside the name are a statement, the name starts at the place."""
    for p in others:
        if p.type in ("Place", "Zone") and event.start < p.start < event.end - 2:
            words = cut(text[event.start:p.start])
            if len(words) >= 2 and word_tags().get(words[-1]) == "a" and len(words[-1]) >= 2:
                return Mention(p.start, event.end, "Event", text[p.start:event.end], rule=event.rule,
                               confidence=event.confidence, key=event.key, name=event.name)
    return event


def _congresses(text: str, others: list[Mention]) -> list[Mention]:
    """Party congresses by their ordinal, named from the place (or the level, 市|第十二次党代会)
    written right before them; an ordinal alone says no whose."""
    place_at = {m.end: m.start for m in others if m.type in ("Place", "Zone")}
    out = []
    for m in _CONGRESS.finditer(text):
        start = place_at.get(m.start())
        if start is None:
            if not _LEVEL.search(text, 0, m.start()):
                continue
            start = m.start() - 1
            inner = place_at.get(start)  # 福州|市第十二次…: the place without its level
            start = inner if inner is not None else start
        party = _PARTY.search(text, max(0, start - 5), start)
        start = party.start() if party else start
        out.append(Mention(start, m.end(), "Event", text[start:m.end()], rule="congress", confidence=0.85))
    return out


def join_events(text: str, events: list[Mention]) -> list[Mention]:
    """Events joined by 暨 become one, named by the whole (the parts are dropped)."""
    joined: list[Mention] = []
    parts: set[tuple[int, int]] = set()
    for j in _JOINED.finditer(text):
        head = max((e for e in events if e.end == j.start()), key=lambda e: e.end - e.start,
                   default=None)
        start = head.start if head else j.start()
        if head is None:  # …成果发布暨…推介会: the first part ends in no meeting word
            start = _start_back(text, j.start())
            start += cut_at_verb(text[start:j.start()])
            if j.start() - start < 4:
                continue
        end = j.end()
        name = text[start:end]
        parts |= {(e.start, e.end) for e in events if start <= e.start and e.end <= end}
        parts |= {(e.start, e.end) for e in events if e.start == j.start() and e.end <= end}
        # a suffix reading of the whole that reached back past a dateline (…日讯(记者某某)…)
        parts |= {(e.start, e.end) for e in events if e.end == end and e.start < start}
        joined.append(Mention(start, end, "Event", name, rule="joined-event", confidence=0.8))
    return [e for e in events if (e.start, e.end) not in parts] + joined
