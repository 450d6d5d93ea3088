"""Relations between mentions, from the words of the sentence that holds them.

Each relation comes from a trigger (落户 → locatedIn, 与…签署 → cooperatesWith, 印发 →
issuedBy, 设立/举办 → launchedBy, 下辖/organ of → partOf) or from a post (memberOf).
Statements of plans (拟, 将, 力争 …) are kept but flagged ``planned``; negated ones
(未, 没有 …) are dropped.
"""
from __future__ import annotations

import bisect
import functools
import re
from itertools import combinations

from .model import Mention, Post, Relation

ORGS = {"Zone", "Enterprise", "Institution", "GovernmentBody", "Park", "Place"}
ACTORS = {"Zone", "Enterprise", "Institution", "GovernmentBody"}
_SENTENCE = re.compile(r"[^。!?;\n]+[。!?;]?")
_COOP = re.compile(r"合作|签约|签署|签订|共建|携手|协同|联合|结对|对口|联手|合资|会同|联动|共同|框架协议|战略协议")
_CONNECT = re.compile(r"^(?:与|和|同|跟|、|及|以及|携手|联合|会同|,)?$")
_LOCATE = re.compile(r"落户|入驻|位于|扎根|设在|坐落于|坐落在|落地|选址|布局|总部设在|迁入|进驻")
_ISSUE = re.compile(r"印发|出台|发布|颁布|批准|制定|出炉|公布|审议通过|推出")
_LAUNCH = re.compile(r"推出|设立|发起|举办|召开|主办|承办|启动|实施|开展|组织|成立|打造|创设|组建|推动|落实|开启|上线")
_PART = re.compile(r"下辖|所属|旗下|辖区内|直管")
PLANNED = re.compile(r"拟|将|力争|计划|预计|有望|争取|准备|即将|规划")
_NEGATED = re.compile(r"未|没有|尚未|并非|不是|不再")
_DATE = re.compile(r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")


@functools.lru_cache(maxsize=4)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the sentences of ``text`` (cached: every component asks for the same text)."""
    return tuple((m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip())


def _between(text: str, a: Mention, b: Mention) -> str:
    return text[a.end:b.start].strip()


def _flags(text: str, start: int, trigger: int) -> tuple[bool, bool]:
    """(planned, negated) for a trigger: a plan word anywhere before it in the sentence,
    a negation in its clause (尚未与长春新区签署合作协议)."""
    before = text[start:trigger]
    clause = before[before.rfind(",") + 1:]
    return bool(PLANNED.search(before)), bool(_NEGATED.search(clause))


def _groups(text: str, ms: list[Mention]) -> list[list[Mention]]:
    """Runs of mentions joined only by connectives (A与B、C): the parties of one act."""
    groups: list[list[Mention]] = []
    for m in ms:
        if groups and m.start < groups[-1][-1].end:
            continue  # a name inside the previous one (ABB in ABB变压器…基地)
        if groups and _CONNECT.match(_between(text, groups[-1][-1], m)):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


_WITH = re.compile(r"^(?:与|同|跟|和|携手|联合|会同)$")
# Acts every party does with every other (A、B共建…): a list without 与 still pairs them all.
_SIGNING = re.compile(r"签署|签订|签约|框架协议|战略协议|合资|共建|共同")


def cooperation(text: str, span: tuple[int, int], ms: list[Mention], zone: Mention | None) -> list[Relation]:
    """Who cooperates with whom: A与B(、C)合作 pairs A with B and C.

    A list without 与 (A、B、C签约) pairs everyone only for a signing of at most four
    parties; 与A、B等企业合作 with nobody named before it pairs the article's zone.
    """
    out: list[Relation] = []
    s0, s1 = span
    for trig in _COOP.finditer(text, s0, s1):
        before = [m for m in ms if m.type in ORGS and m.end <= trig.start()]
        groups = _groups(text, before)
        if not groups:
            continue
        group = groups[-1]
        if trig.group() in ("携手", "联合", "联手", "会同"):
            after = [m for m in ms if m.type in ORGS and m.start >= trig.end()]
            if after and not text[trig.end():after[0].start].strip():
                group = group + _groups(text, after)[0]
        if trig.start() - group[-1].end > 40:
            continue
        split = next((i for i in range(len(group) - 1)
                      if _WITH.match(_between(text, group[i], group[i + 1]))), None)
        lead = text[max(s0, group[0].start - 2):group[0].start]
        pairs: list[tuple[Mention, Mention]] = []
        if split is not None:
            pairs = [(a, b) for a in group[:split + 1] for b in group[split + 1:]]
        elif re.search(r"[与同和跟]$", lead):
            # 礼嘉智慧公园…,与联通、移动等企业合作: the subject is named earlier in the
            # sentence, else it is the article's own zone
            subject = groups[0][0] if len(groups) > 1 else zone
            if subject is None:
                continue
            pairs = [(subject, b) for b in group]
        elif len(group) >= 2 and len(group) <= 4 and _SIGNING.search(trig.group()) \
                and not any(m.rule == "enumeration" for m in group):
            pairs = list(combinations(group, 2))
        if split is not None and len(group) <= 4 and _SIGNING.search(trig.group()):
            pairs = list(combinations(group, 2))
        planned, negated = _flags(text, s0, trig.start())
        if negated:
            continue
        for a, b in pairs:
            if (a.key and a.key == b.key) or a.text == b.text:
                continue
            out.append(Relation(a, "cooperatesWith", b, span, f"cooperation:{trig.group()}",
                                0.8 if len(group) == 2 else 0.7, planned))
    return out


_SETTLED = re.compile(r"在")
_FOUNDED = re.compile(r"(?:揭牌)?成立|揭牌|开业|投产|落成|开工|建成|注册|设立")
_LOCATED_TYPES = {"Enterprise", "Institution", "Park", "Fund"}


def location(text: str, span: tuple[int, int], ms: list[Mention]) -> list[Relation]:
    """X落户Y / 位于Y的X / A、B等企业纷纷进驻 (Y named before) / X在Y揭牌成立."""
    out: list[Relation] = []
    s0, s1 = span
    places = {"Zone", "Park", "Place"}
    for trig in _LOCATE.finditer(text, s0, s1):
        planned, negated = _flags(text, s0, trig.start())
        if negated:
            continue
        after = [m for m in ms if m.start >= trig.end() and m.type in places]
        gap = text[trig.end():after[0].start] if after else ""
        if not after or (gap.strip(" 在于了") and len(gap) > 4):
            # 大窑湾…园区正式开仓,甲、乙等企业纷纷进驻: the place was named before them
            before = [m for m in ms if m.end <= trig.start()]
            groups = _groups(text, [m for m in before if m.type in _LOCATED_TYPES])
            hosts = [m for m in before if m.type in {"Park", "Zone"}
                     and groups and m.end <= groups[-1][0].start]
            if groups and hosts and trig.start() - groups[-1][-1].end <= 10:
                for m in groups[-1]:  # the nearest place named before them
                    out.append(Relation(m, "locatedIn", hosts[-1], span,
                                        f"location:{trig.group()}", 0.7, planned))
            continue
        obj = after[0]
        # 总部位于山东省青岛市: the most specific of places named one after the other
        for m in after[1:]:
            if m.start != obj.end:
                break
            obj = m
        # 位于Y的X: X is after Y
        tail = text[obj.end:obj.end + 1]
        if trig.group() == "位于" and tail == "的":
            subj = next((m for m in ms if m.start > obj.end and m.type != "Person"), None)
        else:
            clause_start = max(text.rfind(",", s0, trig.start()) + 1, s0)
            cands = [m for m in ms if m.end <= trig.start() and m.type in _LOCATED_TYPES]
            # the subject ends near the verb (甲等14家企业已入驻), not far back in the
            # clause (争取甲、乙等企业…开展的业务落户: the business settles, not the firms)
            subj = cands[-1] if cands and cands[-1].end >= clause_start - 20 \
                and trig.start() - cands[-1].end <= 16 else None
        if subj is None or subj is obj or subj.type in ("Zone", "Place"):
            continue
        # 甲、乙、丙等企业已入驻Y: every item of the list
        group = next((g for g in _groups(text, [m for m in ms if m.type in _LOCATED_TYPES])
                      if subj in g), [subj])
        for m in group:
            if m is not obj:
                out.append(Relation(m, "locatedIn", obj, span, f"location:{trig.group()}", 0.8,
                                    planned))
    # 滨海—中关村科技园内，致道创新…公司 / 园区内的X: what is named right after "Y内" is in Y
    for host in (m for m in ms if m.type in {"Park", "Zone"}):
        tail = text[host.end:host.end + 3]
        if not re.match(r"[内里](?:的|,|，)?", tail):
            continue
        gap_end = host.end + re.match(r"[内里](?:的|,|，)?", tail).end()
        inside = next((m for m in ms if m.start == gap_end and m.type in _LOCATED_TYPES), None)
        if inside is not None:
            out.append(Relation(inside, "locatedIn", host, span, "location:内", 0.75))
    # X在Y揭牌成立
    for trig in _FOUNDED.finditer(text, s0, s1):
        places_before = [m for m in ms if m.end <= trig.start() and m.type in places]
        if not places_before or trig.start() - places_before[-1].end > 2:
            continue
        host = places_before[-1]
        if text[host.start - 1:host.start] != "在":
            continue
        subj = next((m for m in reversed(ms) if m.end <= host.start - 1 and m.type in _LOCATED_TYPES
                     and host.start - 1 - m.end <= 2), None)
        if subj is not None:
            planned, negated = _flags(text, s0, trig.start())
            if not negated:
                out.append(Relation(subj, "locatedIn", host, span, f"location:{trig.group()}",
                                    0.75, planned))
    return out


# X是新区重大…项目 / 也是某园区首家…机构: a thing described as one of a place's own.
_IS = re.compile(r"(?:也|就|还)?是|作为")
_ONE_OF = re.compile(r"(?:项目|企业|机构|单位|医院|学校|园区|基地|平台|公司|工厂|总部|之一)$")


def described_in(text: str, span: tuple[int, int], ms: list[Mention]) -> list[Relation]:
    """X是Y…项目/企业/机构 (X is one of Y's projects): the sentence's subject is in Y."""
    out: list[Relation] = []
    s0, s1 = span
    subject = next((m for m in ms if m.type in _LOCATED_TYPES - {"Fund"}), None)
    if subject is None or not re.fullmatch(r"[\s\d年月日,，]*", text[s0:subject.start]):
        return out  # the sentence must begin with the thing it describes
    for trig in _IS.finditer(text, subject.end, s1):
        host = next((m for m in ms if m.start == trig.end()), None)
        if host is None or host.type not in ("Zone", "Park") or host is subject:
            continue
        clause_end = min((i for i in (text.find(c, host.end, s1) for c in ",，;；。") if i >= 0),
                         default=s1)
        if not _ONE_OF.search(text[host.end:clause_end]):
            continue
        planned, negated = _flags(text, s0, trig.start())
        if not negated:
            out.append(Relation(subject, "locatedIn", host, span, "location:是", 0.7, planned))
    return out


_ATTRACT = re.compile(r"吸引了?|引进了?|引入了?|招引了?|集聚了?|迎来了?|(?:规划)?布局了|(?:规划)?建设了")


def attraction(text: str, span: tuple[int, int], ms: list[Mention]) -> list[Relation]:
    """Y吸引了A、B (Y attracted A and B): A and B are located in Y."""
    out: list[Relation] = []
    s0, s1 = span
    for trig in _ATTRACT.finditer(text, s0, s1):
        hosts = [m for m in ms if m.end <= trig.start() and m.type in {"Zone", "Park"}]
        if not hosts or trig.start() - hosts[-1].end > 6:
            continue
        after = [m for m in ms if m.start >= trig.end()]
        # the list may follow a measure (百万平米的华为鲲鹏生态基地)
        if not after or (after[0].start - trig.end() > 2
                         and not re.fullmatch(r"[^,。;]{1,10}的", text[trig.end():after[0].start])):
            continue
        planned, negated = _flags(text, s0, trig.start())
        if negated:
            continue
        for m in _groups(text, after)[0]:
            if m.type in {"Enterprise", "Institution", "Park"} and m is not hosts[-1]:
                out.append(Relation(m, "locatedIn", hosts[-1], span, f"attract:{trig.group()}",
                                    0.65, planned))
    return out


def issued(text: str, span: tuple[int, int], ms: list[Mention]) -> list[Relation]:
    out: list[Relation] = []
    s0, s1 = span
    issuers = issuers_types = {"GovernmentBody", "Zone"}
    for trig in _ISSUE.finditer(text, s0, s1):
        policies = [m for m in ms if m.type == "Policy" and m.start >= trig.end()
                    and m.start - trig.end() <= 12]
        before = [m for m in ms if m.type in issuers and m.end <= trig.start()]
        if not policies:
            # 《P》由X印发 / X发布的《P》
            policies = [m for m in ms if m.type == "Policy" and m.end <= trig.start()
                        and trig.start() - m.end <= 8]
            before = [m for m in ms if m.type in issuers and m.end <= trig.start()
                      and (not policies or m.start > policies[-1].end)] or before
        if not policies or not before:
            continue
        # 区委、区政府印发: every body of the run right before the verb issued it
        issuers = [m for m in _groups(text, before)[-1] if m.type in issuers_types]
        planned, negated = _flags(text, s0, trig.start())
        if negated:
            continue
        for p in policies[:4]:
            for issuer in issuers[-3:]:
                out.append(Relation(p, "issuedBy", issuer, span, f"issue:{trig.group()}", 0.8, planned))
    return out


def launched(text: str, span: tuple[int, int], ms: list[Mention], zone: Mention | None) -> list[Relation]:
    out: list[Relation] = []
    s0, s1 = span
    launchable = {"Fund", "Program", "Event"}
    for trig in _LAUNCH.finditer(text, s0, s1):
        objs = [m for m in ms if m.type in launchable and m.start >= trig.end()
                and m.start - trig.end() <= 25]
        subj_before = [m for m in ms if m.type in ACTORS and m.end <= trig.start()]
        if not objs:
            # Event召开 / 基金设立: the object before the verb, the actor before it
            objs = [m for m in ms if m.type in launchable and m.end <= trig.start()
                    and trig.start() - m.end <= 2]
            subj_before = [m for m in subj_before if objs and m.end <= objs[0].start]
        by = _by_group(text, ms, trig.start(), s0)
        if not objs and by:
            # 博览会由A和B联合主办: the thing named before 由, launched by every party
            objs = [m for m in ms if m.type in launchable and m.end <= by[0].start]
            objs = objs[-1:]
        if not objs:
            continue
        subjects = by or subj_before[-1:]
        if not subjects:
            continue
        rule = f"launch:{trig.group()}"
        planned, negated = _flags(text, s0, trig.start())
        if negated:
            continue
        for o in objs[:6]:
            for subj in subjects[:3]:
                out.append(Relation(o, "launchedBy", subj, span, rule, 0.75, planned))
    return out


_MANAGER = re.compile(r"担任(?:基金)?管理人|作为(?:基金)?管理人|负责(?:基金)?(?:运营|管理)")


def fund_managers(text: str, span: tuple[int, int], ms: list[Mention]) -> list[Relation]:
    """由X担任基金管理人 / 委托X管理: the manager runs the fund (launchedBy)."""
    out: list[Relation] = []
    s0, s1 = span
    funds = [m for m in ms if m.type == "Fund"]
    if not funds:
        return out
    for trig in _MANAGER.finditer(text, s0, s1):
        managers = [m for m in ms if m.type == "Enterprise" and m.end <= trig.start()
                    and trig.start() - m.end <= 3]
        for m in managers[-1:]:
            out.append(Relation(funds[0], "launchedBy", m, span, "fund-manager", 0.75))
    for x in re.finditer(r"委托", text[s0:s1]):
        at = s0 + x.end()
        managers = [m for m in ms if m.type == "Enterprise" and m.start == at]
        if managers and re.match(r"管理|运营", text[managers[0].end:managers[0].end + 2]):
            out.append(Relation(funds[0], "launchedBy", managers[0], span, "fund-manager", 0.75))
    return out


def _by_group(text: str, ms: list[Mention], trigger: int, s0: int) -> list[Mention]:
    """The parties of 由A和B(联合)主办 that end right before the verb, if written so."""
    before = [m for m in ms if m.type in ACTORS and m.end <= trigger]
    groups = _groups(text, before)
    if not groups:
        return []
    group = groups[-1]
    gap = text[group[-1].end:trigger]
    if text[max(s0, group[0].start - 1):group[0].start] != "由" or not re.fullmatch(r"(?:联合|共同)?", gap):
        return []
    return group


def part_of(text: str, span: tuple[int, int], ms: list[Mention]) -> list[Relation]:
    out: list[Relation] = []
    s0, s1 = span
    for trig in _PART.finditer(text, s0, s1):
        before = [m for m in ms if m.end <= trig.start() and m.type in {"Zone", "Place", "GovernmentBody", "Park"}]
        after = [m for m in ms if m.start >= trig.end() and m.type in {"Park", "GovernmentBody", "Place"}]
        if before and after and trig.start() - before[-1].end <= 2 and after[0].start - trig.end() <= 3:
            out.append(Relation(after[0], "partOf", before[-1], span, f"part:{trig.group()}", 0.8))
    return out


_YEAR = re.compile(r"((?:19|20)\d{2})年")
#: How far back (characters) a policy's date or a bare date's year is looked for.
DATE_REACH = 3000


def sentence_date(text: str, pos: int, date: str) -> str:
    """The last date written at or before ``pos``.

    A bare 月日 takes the year of ``date`` (the article's), unless that would put it after
    the article — a report of January 2024 that says 6月12日 means last year's: then the
    last year the text named before it, or the year before.
    """
    best = None
    for m in _DATE.finditer(text, max(0, pos - DATE_REACH), pos + 1):
        best = m
    if best is None:
        return ""
    month, day = int(best["m"]), int(best["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    if best["y"]:
        return f"{int(best['y']):04d}-{month:02d}-{day:02d}"
    if not date:
        return ""
    year = int(date[:4])
    if f"{year:04d}-{month:02d}-{day:02d}" > date:
        named = [int(m.group(1)) for m in _YEAR.finditer(text, max(0, best.start() - DATE_REACH),
                                                          best.start())]
        year = named[-1] if named and named[-1] < year else year - 1
    return f"{year:04d}-{month:02d}-{day:02d}"


def relations_in(text: str, ms: list[Mention], zone: Mention | None) -> list[Relation]:
    """Every relation a trigger supports, sentence by sentence."""
    out: list[Relation] = []
    ms = sorted(ms, key=lambda m: m.start)
    starts = [m.start for m in ms]
    for span in sentences(text):
        lo, hi = bisect.bisect_left(starts, span[0]), bisect.bisect_left(starts, span[1])
        inside = [m for m in ms[lo:hi] if m.end <= span[1]]
        if not inside:
            continue
        out += cooperation(text, span, inside, zone)
        out += location(text, span, inside)
        out += attraction(text, span, inside)
        out += described_in(text, span, inside)
        out += issued(text, span, inside)
        out += launched(text, span, inside, zone)
        out += fund_managers(text, span, inside)
        out += part_of(text, span, inside)
    return out


def memberships(posts: list[Post]) -> list[Relation]:
    return [Relation(p.person, "memberOf", p.organization, p.sentence, p.rule, p.confidence)
            for p in posts]
