"""Relations between mentions, from the words of the sentence that holds them.

Each relation comes from a trigger (落户 → locatedIn, 与…签署 → cooperatesWith, 印发 →
issuedBy, 设立/举办 → launchedBy, 下辖/organ of → partOf) or from a post (memberOf).
Statements of plans (拟, 将, 力争 …) are kept but flagged ``planned``; negated ones
(未, 没有 …) are dropped.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from itertools import combinations

from .clauses import (ACTORS, MAX_PARTIES, ORGS, PLANNED, _CLAUSE_END, _SPEAKS, _WITH, _between, _flags,
                      _groups, _named_run, sentences)
from .coref import find_references, resolve
from .model import Mention, Post, Relation
from .relations_place import (attraction, described_in, hosted, location, opened_in_zone, part_of, sub_areas,
                              visited_at)

_COOP = re.compile(r"合作|签约|签署|签订|共建|携手|牵手|协同|联合|结对|对口|联手|合资|会同|联动|共同|缔结|框架协议|战略协议")


_ISSUE = re.compile(r"印发|出台|发布|颁布|批准|批复|制定|出炉|公布|审议通过|推出|下发")


_LAUNCH = re.compile(r"推出|发布|设立|发起|举办|举行|召开|主办|承办|启动|实施|开展|组织|成立|打造|创设|组建|推动|推进|落实|开启|上线")


_DATE = re.compile(r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")


# Acts every party does with every other (A、B共建…): a list without 与 still pairs them all.
_SIGNING = re.compile(r"签署|签订|签约|框架协议|战略协议|合资|共建|共同")


# Between the parties and the act: they attend or host it, they are not its parties
# (…负责人参加签约仪式, 甲、乙举行重点项目签约).
_ATTENDING = re.compile(r"出席|参加|参与|见证|举行|举办|召开|观摩|列席|陪同|主持")


# Holding an act, not attending it: 甲与乙举行签约仪式 are its parties.
_HOLD = ("举行", "举办", "召开")


# Right after 共同/联合: what they do together is attend (共同出席, 共同见证).
_WITNESS = re.compile(r"出席|参加|见证|观摩|列席|陪同|聆听|观看")


#: An agreement signed right after the act (签署了《…合作协议》): its parties issued it.
_SIGNED_DOC = re.compile(r"^[了的\s]{0,2}《?$")


# Prepositions that name what an act is about (围绕, 聚焦), not who acts.
_TOPIC = re.compile(r"围绕|聚焦|针对")


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
        if groups and _in_scope(text, groups[-1]):
            groups = groups[:-1]  # 在长三角与大湾区等区域拓展合作: where, not who
        if not groups:
            continue
        group = groups[-1]
        split = None
        if len(groups) > 1 and _EACH_WITH.fullmatch(_between(text, groups[-2][-1], group[0])):
            # 甲、乙分别与丙签约: each of them with 丙, not with each other
            split, group = len(groups[-2]) - 1, groups[-2] + group
        if trig.group() in ("携手", "牵手", "联合", "联手", "会同"):
            after = [m for m in ms if m.type in ORGS and m.start >= trig.end()]
            if after and not text[trig.end():after[0].start].strip():
                # 甲(正式)牵手乙: the parties before the verb with those after it (甲拟联合乙…:
                # a plan left to the reader, as 甲与乙将… is)
                if split is None and not PLANNED.search(text, group[-1].end, trig.start()):
                    split = len(group) - 1
                group = group + _groups(text, after)[0]
        if _TOPIC.search(text, groups[-2][-1].end if len(groups) > 1 else s0, group[0].start):
            # 甲与乙围绕丙基地和丁基地项目合作: what the cooperation is about, no party
            groups = groups[:-1]
            if not groups:
                continue
            group = groups[-1]
        gap = text[group[-1].end:trig.start()]
        held = _ATTENDING.search(gap)
        if held and held.group() in _HOLD and any(_WITH.match(_between(text, a, b))
                                                  for a, b in zip(group, group[1:])):
            held = None  # 甲与乙举行战略合作签约仪式: the two hold their own signing
        if len(gap) > 40 or held or _WITNESS.match(text, trig.end()):
            continue  # (甲、乙领导共同出席 / 共同见证: they attend together)
        if split is None:
            split = next((i for i in range(len(group) - 1)
                          if _WITH.match(_between(text, group[i], group[i + 1]))), None)
        counted = _counted(text, group, trig.start())
        lead = text[max(s0, group[0].start - 2):group[0].start]
        signing = bool(_SIGNING.search(trig.group()))
        pairs: list[tuple[Mention, Mention]] = []
        if all(m.rule == "reference-group" for m in group):
            pairs = list(combinations(group, 2))  # 双方将在…开展合作
        elif split is not None:
            pairs = [(a, b) for a in group[:split + 1] for b in group[split + 1:]]
            # 甲、乙、丙与丁签署, 新区与甲、乙合资: one act of them all (新区与甲、乙等企业签约,
            # 甲、乙分别与新区签约: each signs its own deal with the zone)
            if counted or (len(group) <= MAX_PARTIES and signing
                           and not _each_apart(text, group, split, trig.start())):
                pairs = list(combinations(group, 2))
        elif re.search(r"[与同和跟]$", lead):
            # 星湖智慧公园…,与联通、移动等企业合作: the subject is named earlier in the
            # sentence, else it is the article's own zone; a subject written right before
            # 与 that is no name (江淮跨越与…) leaves it unknown
            with_at = group[0].start - 1
            clause_start = max(s0, text.rfind(",", s0, with_at) + 1)
            named = any(m.start >= clause_start and m.end <= with_at for m in before)
            clause = text[clause_start:with_at].strip()
            if clause and not named and not _ADVERB.search(clause) and not _DOMAIN.fullmatch(clause):
                continue
            subject = groups[0][0] if len(groups) > 1 else zone
            # (产品远销甲国、乙国,并与丙合作: a list of markets is no subject of the act)
            if subject is None or (len(groups) > 1 and not _opens_clause(text, s0, subject)):
                continue
            pairs = [(subject, b) for b in group]
        elif 2 <= len(group) and (counted or len(group) <= MAX_PARTIES) and signing and "项目" not in gap \
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


# 甲、乙分别与丙签约: each party on its own with the other side
_EACH_WITH = re.compile(r"(?:分别|各自|均|先后|陆续)(?:与|同|和|跟)")


# 甲、乙、丙三方签署 / 五家单位共同签署: the list counted as the parties of one act
_COUNT = re.compile(r"([两二三四五六七八九十]|\d{1,2})(?:方|家单位|家机构|家企业|家)")


_NUMBERS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2}


def _counted(text: str, group: list[Mention], trigger: int) -> bool:
    """Whether the run of parties is counted, all of them, right after it (甲、乙、丙三方签署;
    not 甲、乙等10家企业, a list cut short)."""
    count = _COUNT.match(text, group[-1].end) if len(group) > 1 else None
    if count is None or count.end() > trigger:
        return False
    n = count.group(1)
    return (int(n) if n.isdigit() else _NUMBERS[n]) == len(group)


# 甲、乙合资公司 / 甲、乙联合体: firms named as one party, together
_TOGETHER_AFTER = re.compile(r"(?:的)?(?:合资|合营|联合体|共同|组成的)")


# A side of a signing that takes firms one by one: a zone or its government.
_HOSTS = ("Zone", "GovernmentBody", "Place")


def _each_apart(text: str, group: list[Mention], split: int, trigger: int) -> bool:
    """新区与甲、乙等企业签约 / 甲、乙与新区签订投资协议 / 各方分别签署: a zone (or
    government) on one side and several firms on the other sign one deal each; the firms
    do not cooperate with each other."""
    if "分别" in text[group[0].start:trigger] or "各自" in text[group[0].start:trigger]:
        return True
    left, right = group[:split + 1], group[split + 1:]
    for one, many in ((left, right), (right, left)):
        if len(one) == 1 and one[0].type in _HOSTS and len(many) > 1 \
                and all(m.type == "Enterprise" for m in many) \
                and not _TOGETHER_AFTER.match(text, many[-1].end):  # 甲、乙合资公司: joint
            return True
    return False


# 在长三角与大湾区等区域 / 在甲、乙等国家: places or fields where something happens
_SCOPE_AFTER = re.compile(r"等?[^,，;；。与和]{0,6}?(?:领域|区域|地区|方面|行业|国家|城市|市场|省份|地)")


def _in_scope(text: str, group: list[Mention]) -> bool:
    """Whether a run of names is the scope of an act (在A与B等区域), not its parties."""
    return text[group[0].start - 1:group[0].start] == "在" and bool(_SCOPE_AFTER.match(text, group[-1].end))


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


#: 《P》已经省政府同意: between a policy's title and the body that consented to it.
_CONSENT_BEFORE = re.compile(r"[》”]?(?:已经|业已经|经|经过)")


def consented(text: str, span: tuple[int, int], ms: list[Mention]) -> list[Relation]:
    """《P》已经省政府同意(,现印发给你们): the body that approved a document issued it
    (SCHEMA's issuedBy: issued, published or approved)."""
    out: list[Relation] = []
    for p, m in zip(ms, ms[1:]):
        if p.type == "Policy" and m.type in _ISSUERS and _CONSENT_BEFORE.fullmatch(text, p.end, m.start) \
                and text[m.end:m.end + 2] in ("同意", "批准"):
            out.append(Relation(p, "issuedBy", m, span, "consented", 0.75))
    return out


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
        if trig.group() == "推进":  # 推进 a program runs it; 推进…座谈会 names a meeting's theme
            objs = [o for o in objs if o.type == "Program"]
        if objs and (_TAKES_PART.search(text, trig.end(), objs[0].start)
                     or _HIGHER.fullmatch(text, trig.end(), objs[0].start)):
            objs = []  # 组织企业参加博览会 / 落实省市“…”: someone else's event or program
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
        # (甲公司负责人表示,… / 新区代表团出席在北京举办的博览会: a speaker or a guest)
        subjects = by or _joint(text, subj_before, trig.start()) \
            or _with_subject(text, s0, subj_before, trig.start()) \
            or _parties_then_together(text, s0, subj_before, trig.start()) or [
            m for m in subj_before[-1:] if not _SPEAKS.search(text, m.end, trig.start())
            and not _TAKES_PART.search(text, m.end, trig.start())]
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
                and text[actor.end:m.start] in ("", "的", "“", "的“", "\"") \
                and text[actor.start - 1:actor.start] not in ("在", "于") \
                and not actor.rule.startswith("reference") and (actor.key or actor.text) != (m.key or m.text):
            out.append(Relation(m, "launchedBy", actor, span, "owner-before-name", 0.7))
    return out


# 落实省市“某某年”部署 / 贯彻国家…: a program of a level above the actor's
_HIGHER = re.compile(r"(?:好)?(?:省市|省|市|国家|中央|全国|上级)[^,，;；。]{0,6}[“\"《]?")
# Between an act and an event: someone takes part in it, the actor did not hold it
_TAKES_PART = re.compile(r"参加|出席|参与|参展|观摩|列席|亮相|走进")


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


def _with_subject(text: str, s0: int, actors: list[Mention], trigger: int) -> list[Mention]:
    """The founders of 甲将…，在…与乙共同设立…: the partner after 与 and the subject heading
    an earlier clause of the sentence (the last actor that opens one, not a speaker), when
    the act is said to be done together."""
    if not actors:
        return []
    partner = actors[-1]
    if text[partner.start - 1:partner.start] not in ("与", "同", "跟") \
            or not _TOGETHER.search(text, partner.end, trigger) \
            or not _JOINTLY.fullmatch(text, partner.end, trigger):
        return []
    heads = [m for m in actors if m.end < partner.start - 1 and _opens_clause(text, s0, m)
             and not _SPEAKS.search(text, m.end, partner.start)
             and (m.key or m.text) != (partner.key or partner.text)]
    return [heads[-1], partner] if heads else []


#: 甲与乙签署协议，共同发起设立…: one clause of the parties, then their act together.
_THEN_TOGETHER = re.compile(r"[^,，;；。]{0,16}[,，](?:并|还|将|拟)?(?:共同|联合)(?:出资|发起)?")


def _parties_then_together(text: str, s0: int, actors: list[Mention], trigger: int) -> list[Mention]:
    """The founders of 甲与乙签署协议，共同发起设立…: the parties joined by 与 heading the
    clause before, when the next clause says they act together."""
    groups = _groups(text, actors)
    if not groups or len(groups[-1]) < 2:
        return []
    group = groups[-1]
    if not any(_WITH.match(_between(text, a, b)) for a, b in zip(group, group[1:])) \
            or not _THEN_TOGETHER.fullmatch(text, group[-1].end, trigger) \
            or not _opens_clause(text, s0, group[0]):
        return []
    return group


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
        found += hosted(text, span, inside)
        found += attraction(text, span, inside)
        found += sub_areas(text, span, inside)
        found += visited_at(text, span, inside)
        found += opened_in_zone(text, span, inside, zone)
        found += described_in(text, span, inside)
        found += issued(text, span, inside)
        found += headed(text, span, inside)
        found += consented(text, span, inside)
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
    zone of an organ's mention (``organ:<zone>:<organ>`` keys). A zone never cooperates
    with its own organs: such a pair is dropped."""
    out = [r for r in rels if r.predicate != "cooperatesWith" or not _one_zone(r.subject, r.object)]
    key = lambda m: m.key or m.name or m.text  # noqa: E731  (firms have no gazetteer key)
    have = {(key(r.subject), key(r.object)) for r in rels if r.predicate == "cooperatesWith"}
    for r in list(out):
        if r.predicate != "cooperatesWith":
            continue
        for organ, other in ((r.subject, r.object), (r.object, r.subject)):
            # (a city signing with the committee deals with the organ: governments pair)
            if not (organ.key.startswith("organ:") and organ.key.endswith(_GOVERNING)) \
                    or other.type in ("Place", "GovernmentBody"):
                continue
            zone = zone_of(organ)
            if zone is None or other.key.split(":")[1:2] == zone.key.split(":")[1:2] \
                    or (zone.key, key(other)) in have or (key(other), zone.key) in have:
                continue
            have.add((zone.key, key(other)))
            out.append(replace(r, subject=zone, object=other, rule="signing-for-zone",
                               confidence=r.confidence - 0.05))
    return out


def _one_zone(a: Mention, b: Mention) -> bool:
    """Whether two mentions are a zone and one of its own organs (two of its departments
    may well work together)."""
    if b.key.startswith("zone:"):
        a, b = b, a
    return a.key.startswith("zone:") and b.key.startswith(f"organ:{a.key[5:]}:")


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
