"""What the relation rules share: sentences and clauses, the parties a run of names
joined by connectives forms, the flags of a statement (planned, negated), and the
names a verb acts on."""
from __future__ import annotations

import functools
import re

from .model import Mention

ORGS = {"Zone", "Enterprise", "Institution", "GovernmentBody", "Park", "Place"}


ACTORS = {"Zone", "Enterprise", "Institution", "GovernmentBody"}


_SENTENCE = re.compile(r"[^。!?;\n]+[。!?;]?")


_CONNECT = re.compile(r"^(?:与|和|同|跟|、|及|以及|携手|联合|会同|,)?$")


PLANNED = re.compile(r"拟|将|力争|计划|预计|有望|争取|准备|即将|规划")


_NEGATED = re.compile(r"未(?!来)|没有|尚未|并非|不是|不再")  # 未来 (the future) negates nothing


_CLAUSE_END = re.compile(r"[,，;；。]")


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


#: Most parties a list may have for every pair of it to cooperate (longer lists name
#: participants of a meeting more often than parties of one agreement).
MAX_PARTIES = 4


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
