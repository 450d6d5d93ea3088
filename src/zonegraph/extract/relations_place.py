"""Where things are and what they are part of, as news states it: locatedIn (落户, 位于,
在Y建设, a visit at a place, a park's own areas, a firm opening in the article's zone)
and partOf (下辖, 其中/包括 a zone's areas, 是…的关键区域)."""
from __future__ import annotations

import re

from .clauses import _CLAUSE_END, _SPEAKS, _flags, _groups, _locator
from .model import Mention, Relation

_LOCATE = re.compile(r"落户|入驻|位于|落入|扎根|设在|坐落于|坐落在|地处|落地|选址|布局|总部设在|迁入|迁至|进驻|安家|入园|"
                     r"注册在|注册于|注册地(?:为|在|位于)|总部(?:就)?在")


_PART = re.compile(r"下辖|所属|旗下|辖区内|直管")


_FOUNDED = re.compile(r"(?:揭牌)?成立|揭牌|开业|投产|落成|开工|建成|注册|设立|建设|新建|兴建|投资|"
                      r"布局|落地|打造")


# 甲公司智能终端项目、乙公司冷链项目落户Y: firms listed by their projects
_PROJECT_JOIN = re.compile(r"[^,，。;；、与和]{0,12}项目(?:、|和|及|以及)")


def _projects_before(text: str, ms: list[Mention], group: list[Mention]) -> list[Mention]:
    """The firms listed before ``group`` each with its project (甲公司某项目、乙公司某项目)."""
    out: list[Mention] = []
    first = group[0]
    for m in reversed([m for m in ms if m.end <= first.start and m.type in ("Enterprise", "Institution")]):
        if not _PROJECT_JOIN.fullmatch(text, m.end, first.start):
            break
        out.insert(0, m)
        first = m
    return out


# Verbs that say where a thing lies (a park lying in a zone is one of its areas)
_LIES = ("位于", "坐落于", "坐落在", "地处")


# 位于Y的X / 落户Y的X / 入驻Y的甲、乙等企业: the thing named after the place and 的
_BEFORE_WHOSE = ("位于", "落户", "入驻", "进驻", "扎根", "坐落于", "坐落在", "地处", "落地", "迁入", "注册在")


# 甲公司(是一家)位于Y的…: what joins a subject to 位于 it is the subject of
_OWN_SITE = re.compile(r"(?:是|为|系)?(?:一家|一个|一所|一座)?")


# 位于Y(东南部)的X: a few words of position between the place and 的
_WHOSE = re.compile(r"[^,，。;；、\s]{0,6}?的")


# X(…项目)(将/计划/拟)在Y…: what may stand between a subject and 在 (甲公司乙项目在Y开工)
_BEFORE_IN = re.compile(r"(?:[^,，。;；、的]{0,12}项目)?"
                        r"(?:将|还将|计划|拟|已|也|正|还|已经|今年|近日|日前|首次|正式|同时)?")


# 在Y(正式/投资/开工)建设: what may stand between the place and the act
_BEFORE_ACT = re.compile(r"(?:正式|揭牌|投资|开工|集中|全面|率先|首次)?")


_LOCATED_TYPES = {"Enterprise", "Institution", "Park", "Fund"}


# 在Y的工厂: the base a firm has at a place
_BASE = re.compile(r"的(?:[^,，。;；的]{0,6})?(?:工厂|基地|总部|生产线|中心|研究院|分公司|子公司|厂区|园区|分院|校区|门店|办公室)")


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
            # 海港湾…园区正式开仓,甲、乙等企业纷纷进驻: the place was named before them
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
        subj = next((m for m in ms if tail.end() <= m.start <= tail.end() + 4
                     and m.type in _LOCATED_TYPES), None) if trig.group() in _BEFORE_WHOSE and tail else None
        if subj is None:
            clause_start = max(text.rfind(",", s0, trig.start()) + 1, s0)
            cands = [m for m in ms if m.end <= trig.start() and m.type in _LOCATED_TYPES]
            # the subject ends near the verb (甲等14家企业已入驻), not far back in the
            # clause (争取甲、乙等企业…开展的业务落户: the business settles, not the firms)
            subj = cands[-1] if cands and cands[-1].end >= clause_start - 20 \
                and trig.start() - cands[-1].end <= 16 else None
            # 位于Y的X names X after Y; one before it must be the verb's own subject
            # (甲公司是一家位于Y的企业, 甲公司位于Y的基地), not a party of the clause (乙与位于Y的甲)
            if subj is not None and trig.group() == "位于" and tail \
                    and not _OWN_SITE.fullmatch(text, subj.end, trig.start()):
                subj = None
            # 甲公司表示,南沙地处…: what the firm says is about something else
            if subj is not None and _SPEAKS.search(text, subj.end, trig.start()):
                subj = None
        if subj is None or subj is obj or subj.type in ("Zone", "Place"):
            continue
        # 甲、乙、丙等企业已入驻Y: every item of the list
        group = next((g for g in _groups(text, [m for m in ms if m.type in _LOCATED_TYPES])
                      if subj in g), [subj])
        group = _projects_before(text, ms, group) + group
        for m in group:
            for host in [obj, *also]:
                if m is not host:
                    out.append(Relation(m, "locatedIn", host, span, f"location:{trig.group()}", 0.8,
                                        planned))
            if m.type == "Park" and obj.type == "Zone" and trig.group() in _LIES:
                # 甲园区位于乙新区: an area of the zone as well
                out.append(Relation(m, "partOf", obj, span, f"location:{trig.group()}", 0.75, planned))
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
    # 江城—中关村科技园内，某某创新…公司 / 园区内的X: what is named right after "Y内" is in Y
    for host in (m for m in ms if m.type in {"Park", "Zone"}):
        tail = text[host.end:host.end + 3]
        if not re.match(r"[内里](?:的|,|，)?", tail):
            continue
        gap_end = host.end + re.match(r"[内里](?:的|,|，)?", tail).end()
        inside = next((m for m in ms if m.start == gap_end and m.type in _LOCATED_TYPES), None)
        if inside is not None:
            out.append(Relation(inside, "locatedIn", host, span, "location:内", 0.75))
    # 甲公司在Y的工厂 / 在Y的生产基地: a base of X's there
    for host in ms:
        if host.type not in places or text[host.start - 1:host.start] != "在" \
                or not _BASE.match(text, host.end):
            continue
        subj = next((m for m in reversed(ms) if m.end <= host.start - 1 and m.type in _LOCATED_TYPES - {"Fund"}
                     and _BEFORE_IN.fullmatch(text, m.end, host.start - 1)), None)
        if subj is not None:
            planned, negated = _flags(text, s0, host.start)
            if not negated:
                out.append(Relation(subj, "locatedIn", host, span, "location:base", 0.75, planned))
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
        if subj is None and _NEXT_CLAUSE.fullmatch(text, _clause_start(text, s0, host.start), host.start - 1):
            subj = _sentence_subject(text, span, ms)  # 甲公司与新区签约,将在乙园建设…
            if subj is not None and _SPEAKS.search(text, subj.end, host.start):
                subj = None  # 甲公司表示,将在新区设立…: what it says it will do
        if subj is not None:
            planned, negated = _flags(text, s0, trig.start())
            if not negated:
                out.append(Relation(subj, "locatedIn", host, span, f"location:{trig.group()}",
                                    0.75, planned))
    return out


# A clause that goes on with the sentence's subject: 并/将/拟 … before 在 (…,并在乙园建设)
_NEXT_CLAUSE = re.compile(r"(?:并|还|也|同时|随后|将|拟|计划|已|正式|今年|明年|年内)*")


# What may open a sentence before its subject (3月5日,)
_SENTENCE_HEAD = re.compile(r"[\s\d年月日上下午,，]*(?:近日|日前|今年|去年|此前|目前|近年来)?[,，]?")


def _clause_start(text: str, s0: int, at: int) -> int:
    return max(s0, max(text.rfind(c, s0, at) for c in ",，") + 1)


def _sentence_subject(text: str, span: tuple[int, int], ms: list[Mention]) -> Mention | None:
    """The firm or institution a sentence opens with, when its first clause acts (甲公司与
    新区签约 / 甲公司成立于2015年): what the later clauses do without a subject, it does."""
    first = next((m for m in ms if span[0] <= m.start), None)
    if first is None or first.type not in _LOCATED_TYPES - {"Fund", "Park"} \
            or not _SENTENCE_HEAD.fullmatch(text, span[0], first.start):
        return None
    return first


# X(的)承载地: the place that hosts X (作为X承载地,Y…; Y是X的所在地).
_HOSTS = re.compile(r"的?(?:承载地|所在地|核心承载区|承载区)")
_HOST_IS = re.compile(r"(?:也|已|还|就)?(?:是|为|成为)了?")


def _host(m: Mention) -> bool:
    """A zone, a park or a known place (something can lie in it)."""
    return m.type in ("Zone", "Park") or (m.type == "Place" and m.rule == "gazetteer")


def hosted(text: str, span: tuple[int, int], ms: list[Mention]) -> list[Relation]:
    """Y是X的承载地 / 作为X的所在地,(…的)Y…: X lies in Y (a zone, a park or a place)."""
    out: list[Relation] = []
    for i, m in enumerate(ms):
        tail = _HOSTS.match(text, m.end) if m.type in _LOCATED_TYPES else None
        if tail is None:
            continue
        if text[max(span[0], m.start - 2):m.start] == "作为":
            comma = re.compile(r"[,，]").search(text, tail.end(), span[1])
            host = next((h for h in ms[i + 1:] if comma and h.start > comma.start() and _host(h)), None)
        else:
            host = next((h for h in reversed(ms[:i]) if _host(h) and _HOST_IS.fullmatch(text, h.end, m.start)),
                        None)
        if host is not None and (host.key or host.name or host.text) != (m.key or m.name or m.text):
            out.append(Relation(m, "locatedIn", host, span, "location:承载地", 0.75))
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
_OPENING = re.compile(r"[\s\d年月日,，]*(?:[^,，。;；]{1,12}(?:指出|表示|介绍|强调|认为|了解到|获悉)[,，:：])?")


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


_ATTRACT = re.compile(r"吸引了?|引进了?|引入了?|招引了?|集聚了?|迎来了?|(?:规划)?布局了|(?:规划)?建设了|"
                      r"(?:已|已经|累计|先后|陆续|相继)入驻了?|(?:已|已经|累计|先后|陆续|相继)进驻了?")


# 引进甲大学团队 / 引入乙公司技术: what of theirs comes (等 lists it: 甲、乙等企业 come themselves)
_NOT_THEMSELVES = re.compile(r"(?:的)?(?:科研|创新|研发|高端|专业)?(?:团队|人才|专家|技术|成果|资金|资本|产品|模式|经验|标准|管理)")


def attraction(text: str, span: tuple[int, int], ms: list[Mention]) -> list[Relation]:
    """Y吸引了A、B (Y attracted A and B): A and B are located in Y; parks a zone built are
    areas of it. Y is named right before the verb, or opens the sentence as the subject of
    its every clause (某新区是…,拥有…,建设了A、B)."""
    out: list[Relation] = []
    s0, s1 = span
    for trig in _ATTRACT.finditer(text, s0, s1):
        hosts = [m for m in ms if m.end <= trig.start() and m.type in {"Zone", "Park"}]
        if hosts and trig.start() - hosts[-1].end > 6:
            subject = hosts[0]
            hosts = [subject] if len(hosts) == 1 and subject.type == "Zone" \
                and _OPENING.fullmatch(text, s0, subject.start) and text[subject.end:subject.end + 1] in "是拥" else []
        if not hosts:
            continue
        after = [m for m in ms if m.start >= trig.end()]
        # the list may follow a measure (百万平米的星云智算生态基地)
        if not after or (after[0].start - trig.end() > 2
                         and not re.fullmatch(r"[^,。;]{1,10}的", text[trig.end():after[0].start])):
            continue
        planned, negated = _flags(text, s0, trig.start())
        group = _groups(text, after)[0]
        if negated or _NOT_THEMSELVES.match(text, group[-1].end):
            continue  # 引进星河大学团队: their people or know-how come, not they
        for m in group:
            if m.type in {"Enterprise", "Institution", "Park"} and m is not hosts[-1]:
                pred = "partOf" if m.type == "Park" and hosts[-1].type == "Zone" and "建设" in trig.group() \
                    else "locatedIn"
                out.append(Relation(m, pred, hosts[-1], span, f"attract:{trig.group()}",
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
                    r"正式投产|建成投产|开业|揭牌成立|落成|落户|入驻|落地")


# Verbs of settling, which name where in the sentence when they can
_SETTLES = ("落户", "入驻", "落地")


def opened_in_zone(text: str, span: tuple[int, int], ms: list[Mention], zone: Mention | None) -> list[Relation]:
    """Parks, firms and institutions that start building or open in an article about one
    zone, in a sentence that names no place of its own: areas of that zone (partOf), or
    located in it."""
    s0, s1 = span
    if zone is None or any(m.type in ("Zone", "Place") for m in ms):
        return []
    out: list[Relation] = []
    for trig in _OPENS.finditer(text, s0, s1):
        if trig.group() in _SETTLES and any(m.type == "Park" for m in ms):
            continue  # 甲等企业已入驻乙园: where they settle is named (location())
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


def part_of(text: str, span: tuple[int, int], ms: list[Mention]) -> list[Relation]:
    out: list[Relation] = []
    s0, s1 = span
    for trig in _PART.finditer(text, s0, s1):
        before = [m for m in ms if m.end <= trig.start() and m.type in {"Zone", "Place", "GovernmentBody", "Park"}]
        after = [m for m in ms if m.start >= trig.end() and m.type in {"Park", "GovernmentBody", "Place"}]
        if before and after and trig.start() - before[-1].end <= 2 and after[0].start - trig.end() <= 3:
            out.append(Relation(after[0], "partOf", before[-1], span, f"part:{trig.group()}", 0.8))
    return out
