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
from dataclasses import replace
from itertools import combinations

from .coref import find_references, resolve
from .model import Mention, Post, Relation

ORGS = {"Zone", "Enterprise", "Institution", "GovernmentBody", "Park", "Place"}
ACTORS = {"Zone", "Enterprise", "Institution", "GovernmentBody"}
_SENTENCE = re.compile(r"[^。!?;\n]+[。!?;]?")
_COOP = re.compile(r"合作|签约|签署|签订|共建|携手|牵手|协同|联合|结对|对口|联手|合资|会同|联动|共同|缔结|框架协议|战略协议")
_CONNECT = re.compile(r"^(?:与|和|同|跟|、|及|以及|携手|联合|会同|,)?$")
_LOCATE = re.compile(r"落户|入驻|位于|扎根|设在|坐落于|坐落在|地处|落地|选址|布局|总部设在|迁入|迁至|进驻|安家|入园")
_ISSUE = re.compile(r"印发|出台|发布|颁布|批准|批复|制定|出炉|公布|审议通过|推出|下发")
_LAUNCH = re.compile(r"推出|发布|设立|发起|举办|举行|召开|主办|承办|启动|实施|开展|组织|成立|打造|创设|组建|推动|落实|开启|上线")
_PART = re.compile(r"下辖|所属|旗下|辖区内|直管")
PLANNED = re.compile(r"拟|将|力争|计划|预计|有望|争取|准备|即将|规划")
_NEGATED = re.compile(r"未|没有|尚未|并非|不是|不再")
_CLAUSE_END = re.compile(r"[,，;；。]")
_DATE = re.compile(r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")


@functools.lru_cache(maxsize=4)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the sentences of ``text`` (cached: every component asks for the same text)."""
    return tuple((m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip())


def _between(text: str, a: Mention, b: Mention) -> str:
    return text[a.end:b.start].strip()


# 甲负责人表示,…: what follows is what someone says, its subject is not the speaker's body
_SPEAKS = re.compile(r"(?:表示|指出|介绍|认为|称|说)[,，:：]")


def _flags(text: str, start: int, trigger: int) -> tuple[bool, bool]:
    """(planned, negated) for a trigger: a plan word anywhere before it in the sentence,
    a negation in its clause (尚未与长春新区签署合作协议)."""
    before = text[start:trigger]
    clause = before[before.rfind(",") + 1:]
    return bool(PLANNED.search(before)), bool(_NEGATED.search(clause))


def _groups(text: str, ms: list[Mention]) -> list[list[Mention]]:
    """Runs of mentions joined only by connectives (A与B、C): the parties of one act.

    A parent named before its own unit (甲集团旗下乙公司) gives way to the unit.
    """
    groups: list[list[Mention]] = []
    for m in ms:
        if groups and m.start < groups[-1][-1].end:
            continue  # a name inside the previous one (ABB in ABB变压器…基地)
        gap = _between(text, groups[-1][-1], m) if groups else None
        if gap is not None and (_UNIT_OF.match(gap) or _locator(text, groups[-1][-1], m)):
            groups[-1][-1] = m
        elif gap is not None and _CONNECT.match(gap):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _locator(text: str, host: Mention, m: Mention) -> bool:
    """两江新区甲公司: a zone or park written right before a firm or institution says
    where it is; it is no party of its own."""
    return host.end == m.start and host.type in ("Zone", "Park") \
        and m.type in ("Enterprise", "Institution") and not host.rule.startswith("reference")


_WITH = re.compile(r"^(?:与|同|跟|和|携手|联合|会同)$")
_UNIT_OF = re.compile(r"^(?:旗下|下属|所属)(?:的)?$")
# Acts every party does with every other (A、B共建…): a list without 与 still pairs them all.
_SIGNING = re.compile(r"签署|签订|签约|框架协议|战略协议|合资|共建|共同")
# Between the parties and the act: they attend or host it, they are not its parties
# (…负责人参加签约仪式, 甲、乙举行重点项目签约).
_ATTENDING = re.compile(r"出席|参加|参与|见证|举行|举办|召开|观摩|列席|陪同|主持")
#: Most parties a list may have for every pair of it to cooperate (longer lists name
#: participants of a meeting more often than parties of one agreement).
MAX_PARTIES = 4
#: An agreement signed right after the act (签署了《…合作协议》): its parties issued it.
_SIGNED_DOC = re.compile(r"^[了的\s]{0,2}《?$")


def cooperation(text: str, span: tuple[int, int], ms: list[Mention], zone: Mention | None) -> list[Relation]:
    """Who cooperates with whom: A与B(、C)合作 pairs A with B and C.

    A list without 与 (A、B、C签约) pairs everyone only for a signing of at most
    ``MAX_PARTIES`` parties; 与A、B等企业合作 with nobody named before it pairs the
    article's zone. Parties of a signing also issued the agreement they sign (签署《…协议》)
    and launched the fund it sets up.
    """
    out: list[Relation] = []
    s0, s1 = span
    done: set[tuple[int, int]] = set()
    for trig in _COOP.finditer(text, s0, s1):
        before = [m for m in ms if m.type in ORGS and m.end <= trig.start()]
        groups = _groups(text, before)
        if groups and _placed_at(text, groups[-1]) and len(groups) > 1:
            groups = groups[:-1]  # 甲与乙在北京签署: where they signed is no party
        if not groups:
            continue
        group = groups[-1]
        if trig.group() in ("携手", "牵手", "联合", "联手", "会同"):
            after = [m for m in ms if m.type in ORGS and m.start >= trig.end()]
            if after and not text[trig.end():after[0].start].strip():
                group = group + _groups(text, after)[0]
        gap = text[group[-1].end:trig.start()]
        if len(gap) > 40 or _ATTENDING.search(gap):
            continue
        split = next((i for i in range(len(group) - 1)
                      if _WITH.match(_between(text, group[i], group[i + 1]))), None)
        lead = text[max(s0, group[0].start - 2):group[0].start]
        signing = bool(_SIGNING.search(trig.group()))
        pairs: list[tuple[Mention, Mention]] = []
        if all(m.rule == "reference-group" for m in group):
            pairs = list(combinations(group, 2))  # 双方将在…开展合作
        elif split is not None:
            pairs = [(a, b) for a in group[:split + 1] for b in group[split + 1:]]
            # 甲、乙、丙与丁签署, 新区与甲、乙合资: one act of them all
            if len(group) <= MAX_PARTIES and signing:
                pairs = list(combinations(group, 2))
        elif re.search(r"[与同和跟]$", lead):
            # 礼嘉智慧公园…,与联通、移动等企业合作: the subject is named earlier in the
            # sentence, else it is the article's own zone; a subject written right before
            # 与 that is no name (长安跨越与…) leaves it unknown
            with_at = group[0].start - 1
            clause_start = max(s0, text.rfind(",", s0, with_at) + 1)
            named = any(m.start >= clause_start and m.end <= with_at for m in before)
            clause = text[clause_start:with_at].strip()
            if clause and not named and not _ADVERB.search(clause) and not _DOMAIN.fullmatch(clause):
                continue
            subject = groups[0][0] if len(groups) > 1 else zone
            if subject is None:
                continue
            pairs = [(subject, b) for b in group]
        elif 2 <= len(group) <= MAX_PARTIES and signing and "项目" not in gap \
                and not any(m.rule == "enumeration" for m in group) \
                and not _CLAUSE_END.search(gap) and _opens_clause(text, s0, group[0]):
            # (甲、乙重点项目签约 signs projects of both with investors, not the two; 产品销往
            # 甲国、乙国等国家,共同… lists markets, the act is someone else's)
            pairs = list(combinations(group, 2))
        planned, negated = _flags(text, s0, trig.start())
        if negated:
            continue
        for a, b in pairs:
            if (a.key and a.key == b.key) or a.text == b.text or (id(a), id(b)) in done:
                continue
            done.add((id(a), id(b)))
            out.append(Relation(a, "cooperatesWith", b, span, f"cooperation:{trig.group()}",
                                0.8 if len(group) == 2 else 0.7, planned))
        if pairs and signing:
            parties = list({id(x): x for pair in pairs for x in pair}.values())
            out += _signed(text, span, ms, trig.end(), parties, planned)
    return out


# 在新材料、文旅等领域与乙携手: a clause of domain before 与, its subject named earlier
_DOMAIN = re.compile(r"(?:还|也|将|并)?在[^,，;；。]{1,40}(?:领域|方面|方向|行业|产业)(?:上|中|内)?(?:积极|深度|持续|全面|进一步)?")
# What may open a clause before its subject (4月2日, 会上, 近日; 推动甲、乙共建: who is made
# to act): a list after it is the subject
_CLAUSE_HEAD = re.compile(r"[\s\d年月日上下午,，]*(?:近日|日前|今天|昨天|当天|随后|此外|同时|会上|现场|仪式上|活动中)?"
                          r"[,，\s]*(?:推动|支持|鼓励|促进|引导|组织|推进|助力|协调|促成)?")


def _opens_clause(text: str, s0: int, m: Mention) -> bool:
    """Whether ``m`` begins its clause (a list that is the subject, not an object)."""
    start = max(s0, max(text.rfind(c, s0, m.start) for c in ",，;；:：") + 1)
    return bool(_CLAUSE_HEAD.fullmatch(text, start, m.start))


def _placed_at(text: str, group: list[Mention]) -> bool:
    """Whether a run of names is where something happens (在北京, 于天津)."""
    return group[0].type in ("Place", "Zone", "Park") and len(group) == 1 \
        and text[group[0].start - 1:group[0].start] in ("在", "于")


def _signed(text: str, span: tuple[int, int], ms: list[Mention], at: int,
            parties: list[Mention], planned: bool) -> list[Relation]:
    """What the parties of a signing made: the agreement (issuedBy, for parties that issue
    documents) and the fund it sets up (launchedBy), named right after the verb."""
    out: list[Relation] = []
    after = [m for m in ms if m.start >= at and m.start - at <= 12]
    for m in after:
        if m.type == "Policy" and _AGREEMENT.search(m.text) and _SIGNED_DOC.match(text[at:m.start]):
            out += [Relation(m, "issuedBy", p, span, "signed-agreement", 0.75, planned)
                    for p in parties if p.type in ("Zone", "GovernmentBody")]
        elif m.type == "Fund" and _AGREEMENT.search(text, m.end, m.end + 12):
            out += [Relation(m, "launchedBy", p, span, "fund-agreement", 0.7, planned)
                    for p in parties if p.type in ACTORS]
    return out


_AGREEMENT = re.compile(r"协议|备忘录|合同")
# Words a clause may hold before 与 when its subject was named earlier (…,积极与甲合作).
_ADVERB = re.compile(r"(?:积极|主动|先后|分别|还|也|将|已|并|正|均|共|同时|持续|深化|加强|继续|全面|"
                     r"深入|进一步|首次|再次|率先|正式|今年|近年来|此前|日前|近日|随后|此外|其中)$")


_FOUNDED = re.compile(r"(?:揭牌)?成立|揭牌|开业|投产|落成|开工|建成|注册|设立|建设|新建|兴建|投资|"
                      r"布局|落地|打造")
# 位于Y(东南部)的X: a few words of position between the place and 的
_WHOSE = re.compile(r"[^,，。;；、\s]{0,6}?的")
# X(…项目)(将/计划/拟)在Y…: what may stand between a subject and 在 (甲公司乙项目在Y开工)
_BEFORE_IN = re.compile(r"(?:[^,，。;；、的]{0,12}项目)?"
                        r"(?:将|还将|计划|拟|已|也|正|还|已经|今年|近日|日前|首次|正式|同时)?")
# 在Y(正式/投资/开工)建设: what may stand between the place and the act
_BEFORE_ACT = re.compile(r"(?:正式|揭牌|投资|开工|集中|全面|率先|首次)?")
_LOCATED_TYPES = {"Enterprise", "Institution", "Park", "Fund"}


# A clause's opening before its subject (在甲片区,总投资10亿元的乙项目…)
_SUBJECT_HEAD = re.compile(r"[^,，;；。的]{0,12}的|(?:总投资[^,，;；。]{0,10}的)?")
_SITE_WORD = re.compile(r"(?:新城|组团|片区|园区|新区|开发区|科学城|大学城)$")


def _site(m: Mention) -> bool:
    """A zone, park, or a named area of a city (某新城, 某组团, 某片区) where things are."""
    return m.type in ("Zone", "Park") or (m.type == "Place" and bool(_SITE_WORD.search(m.name or m.text)))


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
        # 总部位于山东省青岛市: the most specific of places named one after the other;
        # 位于甲经开区乙工业区的X lies in every park of such a run
        run = [obj]
        for m in after[1:]:
            if m.start != obj.end:
                break
            obj = m
            run.append(m)
        also = [m for m in run[:-1] if m.type == "Park"]
        # 位于Y(…)的X: X is after Y
        tail = _WHOSE.match(text, obj.end)
        if trig.group() == "位于" and tail:
            subj = next((m for m in ms if tail.end() <= m.start <= tail.end() + 4
                         and m.type in _LOCATED_TYPES), None)
        else:
            clause_start = max(text.rfind(",", s0, trig.start()) + 1, s0)
            cands = [m for m in ms if m.end <= trig.start() and m.type in _LOCATED_TYPES]
            # the subject ends near the verb (甲等14家企业已入驻), not far back in the
            # clause (争取甲、乙等企业…开展的业务落户: the business settles, not the firms)
            subj = cands[-1] if cands and cands[-1].end >= clause_start - 20 \
                and trig.start() - cands[-1].end <= 16 else None
            # 甲公司表示,南沙地处…: what the firm says is about something else
            if subj is not None and _SPEAKS.search(text, subj.end, trig.start()):
                subj = None
        if subj is None or subj is obj or subj.type in ("Zone", "Place"):
            continue
        # 甲、乙、丙等企业已入驻Y: every item of the list
        group = next((g for g in _groups(text, [m for m in ms if m.type in _LOCATED_TYPES])
                      if subj in g), [subj])
        for m in group:
            for host in [obj, *also]:
                if m is not host:
                    out.append(Relation(m, "locatedIn", host, span, f"location:{trig.group()}", 0.8,
                                        planned))
    # 两江新区甲公司: the zone or park written right before a firm is where it is
    for host, m in zip(ms, ms[1:]):
        if _locator(text, host, m):
            out.append(Relation(m, "locatedIn", host, span, "location:locator", 0.7))
    # 空港新城的甲中心 / 两江新区的乙公司: a firm named right after a site and 的
    for host, m in zip(ms, ms[1:]):
        if m.type in _LOCATED_TYPES - {"Fund"} and _site(host) and text[host.end:m.start] == "的" \
                and (m.key or m.text) != (host.key or host.text):
            out.append(Relation(m, "locatedIn", host, span, "location:的", 0.7))
    # 在甲片区,乙项目开工建设: what acts in the clause after 在Y, lies in Y
    for host in ms:
        if not _site(host) or text[host.start - 1:host.start] != "在" \
                or text[host.end:host.end + 1] not in ",，":
            continue
        clause_end = _CLAUSE_END.search(text, host.end + 1, s1)
        clause_end = clause_end.start() if clause_end else s1
        subj = next((m for m in ms if host.end < m.start < clause_end), None)
        if subj is None or subj.type not in _LOCATED_TYPES - {"Fund"} \
                or not _SUBJECT_HEAD.fullmatch(text, host.end + 1, subj.start) \
                or not _FOUNDED.search(text, subj.end, clause_end):
            continue
        planned, negated = _flags(text, s0, clause_end)
        if not negated:
            out.append(Relation(subj, "locatedIn", host, span, "location:在…,", 0.7, planned))
    # 滨海—中关村科技园内，致道创新…公司 / 园区内的X: what is named right after "Y内" is in Y
    for host in (m for m in ms if m.type in {"Park", "Zone"}):
        tail = text[host.end:host.end + 3]
        if not re.match(r"[内里](?:的|,|，)?", tail):
            continue
        gap_end = host.end + re.match(r"[内里](?:的|,|，)?", tail).end()
        inside = next((m for m in ms if m.start == gap_end and m.type in _LOCATED_TYPES), None)
        if inside is not None:
            out.append(Relation(inside, "locatedIn", host, span, "location:内", 0.75))
    # X在Y揭牌成立 / X(将)在Y投资建设
    for trig in _FOUNDED.finditer(text, s0, s1):
        places_before = [m for m in ms if m.end <= trig.start() and m.type in places]
        if not places_before or not _BEFORE_ACT.fullmatch(text, places_before[-1].end, trig.start()):
            continue
        host = places_before[-1]
        if text[host.start - 1:host.start] != "在":
            continue
        subj = next((m for m in reversed(ms) if m.end <= host.start - 1 and m.type in _LOCATED_TYPES
                     and _BEFORE_IN.fullmatch(text, m.end, host.start - 1)), None)
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
    if subject is None or not _OPENING.fullmatch(text, s0, subject.start):
        return out  # the sentence must begin with the thing it describes
    for trig in _IS.finditer(text, subject.end, s1):
        # 甲园区是…,是乙新区的关键区域: each 是 of the subject's own clauses
        if subject.type == "Park" and (trig.start() == subject.end or text[trig.start() - 1] in ",，"):
            out += _area_of(text, span, ms, subject, trig.end())
        host = next((m for m in ms if m.start == trig.end()), None)
        if host is None or host is subject or not (host.type in ("Zone", "Park") or _local_place(host)):
            continue
        clause_end = min((i for i in (text.find(c, host.end, s1) for c in ",，;；。") if i >= 0),
                         default=s1)
        if not _ONE_OF.search(text[host.end:clause_end]):
            continue
        planned, negated = _flags(text, s0, trig.start())
        if not negated:
            out.append(Relation(subject, "locatedIn", host, span, "location:是", 0.7, planned))
    return out


# What may open a sentence before the thing it describes (5月2日, / 王某指出,)
_OPENING = re.compile(r"[\s\d年月日,，]*(?:[^,，。;；]{1,12}(?:指出|表示|介绍|强调|认为)[,，:：])?")
# X是(支撑)Y(…)的关键区域 / 重要组成部分: an area of Y
_AREA_OF = re.compile(r"(?:重要)?组成部分|核心区域?|功能区|(?:重要)?板块|关键区域|重要区域|核心承载区|承载区")


def _area_of(text: str, span: tuple[int, int], ms: list[Mention], park: Mention, at: int) -> list[Relation]:
    """甲园区是(支撑)乙新区(高质量发展)的关键区域: the park is an area of the zone named
    in that clause."""
    clause_end = _CLAUSE_END.search(text, at, span[1])
    clause_end = clause_end.start() if clause_end else span[1]
    host = next((m for m in ms if at <= m.start and m.end <= clause_end and m.type in ("Zone", "Park")), None)
    area = _AREA_OF.search(text, host.end, clause_end) if host is not None else None
    if host is None or host is park or area is None or area.end() < clause_end - 2:
        return []
    planned, negated = _flags(text, span[0], at)
    return [] if negated else [Relation(park, "partOf", host, span, "area-of", 0.7, planned)]


def _local_place(m: Mention) -> bool:
    """A city, district or county (甲是万州区…龙头企业), not a country or province."""
    return m.type == "Place" and (m.name or m.text)[-1:] in ("市", "区", "县")


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


# Y(规划面积…),其中A、B / Y包括A、B等四大园区: the parks a park or zone is made of.
_MADE_OF = re.compile(r"其中|包括|包含|涵盖|囊括|分为|下设")


def sub_areas(text: str, span: tuple[int, int], ms: list[Mention]) -> list[Relation]:
    """Parks listed after 其中/包括 in a clause about a park or zone: each lies in the park
    (locatedIn) or is an area of the zone (partOf). The host is the last park or zone
    before the word, with no other name between them (园区产值…,其中甲公司 names firms)."""
    out: list[Relation] = []
    s0, s1 = span
    for trig in _MADE_OF.finditer(text, s0, s1):
        before = [m for m in ms if m.end <= trig.start()]
        if not before or before[-1].type not in ("Park", "Zone") or trig.start() - before[-1].end > 30:
            continue
        host = before[-1]
        end = _CLAUSE_END.search(text, trig.end(), s1)
        end = end.start() if end else s1
        if text[trig.end():trig.end() + 1] in ",，":  # 其中,A产业园…: the next clause
            nxt = _CLAUSE_END.search(text, trig.end() + 1, s1)
            end = nxt.start() if nxt else s1
        items = [m for m in ms if trig.end() <= m.start and m.end <= end]
        if not items or any(m.type != "Park" for m in items):
            continue  # a list of firms or of places is no list of areas
        planned, negated = _flags(text, s0, trig.start())
        if negated:
            continue
        pred = "partOf" if host.type == "Zone" else "locatedIn"
        out += [Relation(m, pred, host, span, f"sub-area:{trig.group()}", 0.75, planned)
                for m in items if (m.key or m.text) != (host.key or host.text)]
    return out


# 在Y(,某人)先后前往/察看了A、B: what is visited at a place lies there.
_VISIT = re.compile(r"前往|来到|走进|走访|察看|查看|考察|调研|视察|参观")
# (在北京考察期间,他还来到天津甲公司: a time, not the place of what is visited)
_VISIT_GAP = re.compile(r"(?![^。;；]*(?:期间|之际|时|之后|以后|结束))[^。;；在]{0,24}?(?:先后|分别|还|并|实地|现场|深入)?(?:前往|来到|走进|走访|察看|查看|考察|调研|视察|参观)了?$")


def visited_at(text: str, span: tuple[int, int], ms: list[Mention]) -> list[Relation]:
    """在空港新城实地察看了甲中心和乙公司 / 在这里,他先后前往A、B: A and B lie at the
    place named after 在 (a reference such as 这里 stands for the place named before)."""
    out: list[Relation] = []
    s0, s1 = span
    hosts = [m for m in ms if m.type in ("Zone", "Park", "Place") and text[m.start - 1:m.start] == "在"]
    for host in hosts:
        for trig in _VISIT.finditer(text, host.end, min(s1, host.end + 40)):
            if not _VISIT_GAP.fullmatch(text, host.end, trig.end()) \
                    and not _VISIT_GAP.fullmatch(text, host.end, trig.end() + 1):
                continue
            after = [m for m in ms if m.start >= trig.end()]
            if not after or not re.fullmatch(r"了?", text[trig.end():after[0].start]):
                continue
            for m in _groups(text, after)[0]:
                if m.type in _LOCATED_TYPES - {"Fund"} and m is not host:
                    out.append(Relation(m, "locatedIn", host, span, f"visit:{trig.group()}", 0.7))
    return out


# A、B等一批项目相继开工建设 / A投入运营: a park of the article's zone opening there.
_OPENS = re.compile(r"开工建设|开工|投产运营|投入运营|投入使用|建成投用|建成运营|正式运营|正式开园|开园|揭牌运营|"
                    r"正式投产|建成投产|开业|揭牌成立|落成")


def opened_in_zone(text: str, span: tuple[int, int], ms: list[Mention], zone: Mention | None) -> list[Relation]:
    """Parks, firms and institutions that start building or open in an article about one
    zone, in a sentence that names no place of its own: areas of that zone (partOf), or
    located in it."""
    s0, s1 = span
    if zone is None or any(m.type in ("Zone", "Place") for m in ms):
        return []
    out: list[Relation] = []
    for trig in _OPENS.finditer(text, s0, s1):
        before = [m for m in ms if m.end <= trig.start() and m.type in _LOCATED_TYPES]
        groups = _groups(text, before)
        if not groups or not re.fullmatch(r"(?:等[^,，;；。]{0,10}?)?(?:相继|陆续|先后|同时|正式|已|均|全面)*",
                                          text[groups[-1][-1].end:trig.start()]):
            continue
        planned, negated = _flags(text, s0, trig.start())
        if negated:
            continue
        for m in groups[-1]:
            if m.type in _LOCATED_TYPES - {"Fund"}:
                pred = "partOf" if m.type == "Park" else "locatedIn"
                out.append(Relation(m, pred, zone, span, f"opened:{trig.group()}", 0.65, planned))
        break
    return out


def issued(text: str, span: tuple[int, int], ms: list[Mention]) -> list[Relation]:
    """X印发《P》(和《Q》) / 《P》由X印发 / X发布的《P》; 经Y同意, X批复《P》: Y too."""
    out: list[Relation] = []
    s0, s1 = span
    for trig in _ISSUE.finditer(text, s0, s1):
        policies = _named_run(text, trig.end(), [m for m in ms if m.type == "Policy" and m.start >= trig.end()])
        before = [m for m in ms if m.type in _ISSUERS and m.end <= trig.start()]
        if not policies:
            # 《P》由X印发 / 省委、省政府《P》正式出台 (a passive 出台 with nobody named is no one's)
            policies = [m for m in ms if m.type == "Policy" and m.end <= trig.start()
                        and trig.start() - m.end <= 8]
            if not policies:
                continue
            before = [m for m in before if m.start > policies[-1].end] \
                or _heading(text, ms, policies[0])
        if not before:
            continue
        # 区委、区政府印发: every body of the run right before the verb issued it
        issuers = [m for m in _groups(text, before)[-1] if m.type in _ISSUERS][-3:]
        issuers += [m for m in before if m not in issuers and _approved(text, m)]
        planned, negated = _flags(text, s0, trig.start())
        if negated:
            continue
        for p in policies[:4]:
            for issuer in issuers:
                out.append(Relation(p, "issuedBy", issuer, span, f"issue:{trig.group()}", 0.8, planned))
    return out


_ISSUERS = {"GovernmentBody", "Zone"}


def _heading(text: str, ms: list[Mention], policy: Mention) -> list[Mention]:
    """The bodies written right before a policy's title (省委、省政府《…意见》, 国务院的《…》)."""
    before = [m for m in ms if m.type in _ISSUERS and m.end <= policy.start]
    if not before or text[before[-1].end:policy.start] not in ("《", "的《"):
        return []
    return _groups(text, before)[-1]


def headed(text: str, span: tuple[int, int], ms: list[Mention]) -> list[Relation]:
    """省委、省政府《关于…的意见》: bodies heading a policy's title issued it, with or
    without a verb."""
    out: list[Relation] = []
    for p in ms:
        if p.type == "Policy":
            out += [Relation(p, "issuedBy", body, span, "issuer-before-title", 0.75)
                    for body in _heading(text, ms, p)[-3:]]
    return out
# Names one after another (《P》和《Q》, 《P》(国函〔2011〕77号)、《Q》, “甲计划”、“乙行动”)
_NAME_JOIN = re.compile(r"^[》”\"]?(?:[(（][^()（）]{0,20}[)）])?(?:、|和|及|以及|与|,)?[《“\"]?$")
# What may stand between a verb and the first name it acts on (设立了总规模50亿元的…基金)
_TO_NAME = re.compile(r"[^,，;；在]*")


def _named_run(text: str, at: int, cands: list[Mention], reach: int = 12) -> list[Mention]:
    """The names a verb at ``at`` acts on: the first one after it, within ``reach``
    characters and its clause, and those joined to it."""
    if not cands or cands[0].start - at > reach or not _TO_NAME.fullmatch(text, at, cands[0].start):
        return []
    run = [cands[0]]
    for m in cands[1:]:
        if not _NAME_JOIN.match(text[run[-1].end:m.start]):
            break
        run.append(m)
    return run


def _approved(text: str, m: Mention) -> bool:
    """经国务院同意, …印发: the body whose consent a document was issued with."""
    return text[m.start - 1:m.start] == "经" and text[m.end:m.end + 2] in ("同意", "批准")


_NOTICE = re.compile(r"关于(?:印发|发布|转发)(.{4,80}?)的(?:通知|决定|批复)")


def notices(text: str, ms: list[Mention]) -> list[Relation]:
    """X关于印发P的通知: the body heading a notice issued the policy it sends out, named
    in 《》 wherever the article gives it."""
    out: list[Relation] = []
    policies = {}
    for m in ms:
        if m.type == "Policy":
            policies.setdefault(m.text.strip("《》"), m)
    if not policies:
        return out
    ends = {m.end: m for m in ms if m.type in _ISSUERS}
    for x in _NOTICE.finditer(text):
        issuer, policy = ends.get(x.start()), policies.get(x.group(1))
        if issuer is not None and policy is not None:
            span = next((sp for sp in sentences(text) if sp[0] <= x.start() < sp[1]), x.span())
            out.append(Relation(policy, "issuedBy", issuer, span, "notice", 0.8))
    return out


def launched(text: str, span: tuple[int, int], ms: list[Mention], zone: Mention | None) -> list[Relation]:
    out: list[Relation] = []
    s0, s1 = span
    launchable = {"Fund", "Program", "Event"}
    for trig in _LAUNCH.finditer(text, s0, s1):
        objs = _named_run(text, trig.end(), [m for m in ms if m.type in launchable
                                             and m.start >= trig.end()], reach=25)
        # 商务部在两江新区举办…: where it happens is no actor
        subj_before = [m for m in ms if m.type in ACTORS and m.end <= trig.start()
                       and text[m.start - 1:m.start] not in ("在", "于")]
        if not objs:
            # 新区第三届博览会召开 / 基金设立: the object before the verb, its actor right
            # before it (以优异成绩迎接党的大会胜利召开 names no actor of the meeting)
            objs = [m for m in ms if m.type in launchable and m.end <= trig.start()
                    and trig.start() - m.end <= 2]
            subj_before = [m for m in subj_before if objs and m.end <= objs[0].start
                           and _OWN.fullmatch(text, m.end, objs[0].start)]
        by = _by_group(text, ms, trig.start(), s0)
        if not objs and by:
            # 博览会由A和B联合主办: the thing named before 由, launched by every party
            objs = [m for m in ms if m.type in launchable and m.end <= by[0].start]
            objs = objs[-1:]
        if not objs and trig.group() in ("主办", "承办"):
            # 博览会由A主办、B承办: the same thing, launched by B too
            by = _co_host(text, ms, trig.start(), s0)
            objs = [m for m in ms if m.type in launchable and by and m.end <= by[0].start][-1:]
        if not objs:
            continue
        subjects = by or _joint(text, subj_before, trig.start()) or [
            m for m in subj_before[-1:] if not _SPEAKS.search(text, m.end, trig.start())]
        # 甲母基金出资设立乙子基金: the sub-fund is the parent fund's, not the actor's before it
        objs = [o for o in objs if not (o.type == "Fund" and "子基金" in o.text and any(
            f.type == "Fund" and f is not o and subjects and subjects[-1].end <= f.start
            and f.end <= trig.start() and text[f.start - 1:f.start] != "在" for f in ms))]
        if not subjects or not objs:
            continue
        rule = f"launch:{trig.group()}"
        planned, negated = _flags(text, s0, trig.start())
        if negated:
            continue
        for o in objs[:6]:
            for subj in subjects[:MAX_PARTIES]:
                out.append(Relation(o, "launchedBy", subj, span, rule, 0.75, planned))
    return out


def owned(text: str, span: tuple[int, int], ms: list[Mention]) -> list[Relation]:
    """科技部国家某引导基金 / 商务部的某博览会: a fund, program or event written right after an
    actor (with or without 的) is that actor's own. Not after 在 (在两江新区的博览会上: a venue)."""
    out: list[Relation] = []
    for actor, m in zip(ms, ms[1:]):
        if actor.type in ACTORS and m.type in ("Fund", "Program", "Event") \
                and text[actor.end:m.start] in ("", "的") and text[actor.start - 1:actor.start] not in ("在", "于") \
                and not actor.rule.startswith("reference") and (actor.key or actor.text) != (m.key or m.text):
            out.append(Relation(m, "launchedBy", actor, span, "owner-before-name", 0.7))
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


# 甲与乙(共同/联合)发起设立: what may stand between the founders and the act
_JOINTLY = re.compile(r"(?:将|已|正式)?(?:共同|联合|携手|合作)?(?:出资|发起)?")
# 甲、乙、丙共同出资设立: a list without 与 founds together only when it says so
_TOGETHER = re.compile(r"共同|联合")
# 新区第三届博览会 / 新区主办的博览会: what joins an actor to what it holds, written before it
_OWN = re.compile(r"(?:\d{4}年)?(?:的|主办的|举办的|发起的|设立的)?")


def _joint(text: str, actors: list[Mention], trigger: int) -> list[Mention]:
    """The founders of 甲与乙共同发起设立…基金 (or 双方共同发起…): a run of actors joined
    by 与 right before the act, every one of them."""
    groups = _groups(text, actors)
    if not groups or len(groups[-1]) < 2 or not _JOINTLY.fullmatch(text, groups[-1][-1].end, trigger):
        return []
    group = groups[-1]
    if all(m.rule == "reference-group" for m in group) \
            or any(_WITH.match(_between(text, a, b)) for a, b in zip(group, group[1:])) \
            or (_TOGETHER.search(text, group[-1].end, trigger) and len(group) <= MAX_PARTIES):
        return group
    return []


def _co_host(text: str, ms: list[Mention], trigger: int, s0: int) -> list[Mention]:
    """The hosts of 由A主办、B承办 written right before the second verb (B), with the
    earlier 由 that tells what they host; the first mention after that 由 leads the list."""
    by_at = text.rfind("由", s0, trigger)
    before = [m for m in ms if m.type in ACTORS and by_at < m.start and m.end <= trigger]
    groups = _groups(text, before)
    if by_at < 0 or not groups or not re.fullmatch(r"(?:联合|共同)?", text[groups[-1][-1].end:trigger]):
        return []
    first = next((m for m in ms if m.start > by_at), None)
    return [first] + groups[-1] if first is not None and first not in groups[-1] else groups[-1]


def _by_group(text: str, ms: list[Mention], trigger: int, s0: int) -> list[Mention]:
    """The parties of 由A和B(联合)主办 that end right before the verb, if written so."""
    before = [m for m in ms if m.type in ACTORS and m.end <= trigger]
    groups = _groups(text, before)
    if not groups:
        return []
    group = groups[-1]
    gap = text[group[-1].end:trigger]
    if text[max(s0, group[0].start - 1):group[0].start] != "由" \
            or not re.fullmatch(r"(?:联合|共同|牵头)?(?:出资|发起)?", gap):
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
_YEAR_ALONE = re.compile(r"(?:19|20)\d{2}年(?!\d{1,2}月|度)")
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
    # 2013年,国务院批复《…》: a year alone heading the sentence or its clause, after the
    # last full date, leaves the day unknown (会议为2023年优秀企业授牌 does not)
    sentence_start = max(text.rfind(c, 0, pos) for c in "。!?;\n") + 1
    year = _YEAR_ALONE.search(text, max(best.end(), sentence_start), pos)
    if year and (year.start() == sentence_start or text[year.end():year.end() + 1] in ",，"):
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
    """Every relation a trigger supports, sentence by sentence.

    References to things named before (该公司, 双方) stand in for them in their sentence;
    双方 refers first to the parties of the last cooperation stated.
    """
    out: list[Relation] = []
    ms = sorted(ms, key=lambda m: m.start)
    starts = [m.start for m in ms]
    joint: list[Mention] = []
    for span in sentences(text):
        lo, hi = bisect.bisect_left(starts, span[0]), bisect.bisect_left(starts, span[1])
        inside = [m for m in ms[lo:hi] if m.end <= span[1]]
        refs = find_references(text, ms, zone, joint, span)
        if not inside and not refs:
            continue
        if refs:
            inside = sorted(inside + [s for r in refs for s in r.stand_ins], key=lambda m: m.start)
        found = cooperation(text, span, inside, zone)
        found += location(text, span, inside)
        found += attraction(text, span, inside)
        found += sub_areas(text, span, inside)
        found += visited_at(text, span, inside)
        found += opened_in_zone(text, span, inside, zone)
        found += described_in(text, span, inside)
        found += issued(text, span, inside)
        found += headed(text, span, inside)
        found += launched(text, span, inside, zone)
        found += fund_managers(text, span, inside)
        found += owned(text, span, inside)
        found += part_of(text, span, inside)
        found = resolve(found, refs) if refs else found
        joint = _last_parties(found) or joint
        out += found
    out += notices(text, ms)
    return out


#: The organs that sign for their zone (a zone's government, not its bureaus).
_GOVERNING = ("管委会", "政府")


def signing_for_zones(rels: list[Relation], zone_of) -> list[Relation]:
    """同济大学与某新区管理委员会签署协议: the zone's management committee (or government)
    signs for the zone, so its partners cooperate with the zone too. ``zone_of`` gives the
    zone of an organ's mention (``organ:<zone>:<organ>`` keys)."""
    out = list(rels)
    have = {(r.subject.key, r.object.key) for r in rels if r.predicate == "cooperatesWith"}
    for r in rels:
        if r.predicate != "cooperatesWith":
            continue
        for organ, other in ((r.subject, r.object), (r.object, r.subject)):
            # (a city signing with the committee deals with the organ: governments pair)
            if not (organ.key.startswith("organ:") and organ.key.endswith(_GOVERNING)) \
                    or other.type in ("Place", "GovernmentBody"):
                continue
            zone = zone_of(organ)
            if zone is None or other.key.split(":")[1:2] == zone.key.split(":")[1:2] \
                    or (zone.key, other.key) in have or (other.key, zone.key) in have:
                continue
            have.add((zone.key, other.key))
            out.append(replace(r, subject=zone, object=other, rule="signing-for-zone",
                               confidence=r.confidence - 0.05))
    return out


def _last_parties(rels: list[Relation]) -> list[Mention]:
    """The parties of the cooperations among ``rels`` (one sentence), in text order."""
    parties = {}
    for r in rels:
        if r.predicate == "cooperatesWith":
            for m in (r.subject, r.object):
                parties.setdefault(m.key or m.name or m.text, m)
    return sorted(parties.values(), key=lambda m: m.start)


def memberships(posts: list[Post]) -> list[Relation]:
    return [Relation(p.person, "memberOf", p.organization, p.sentence, p.rule, p.confidence)
            for p in posts]
