"""Campaigns named without quotes: the verb that carries one out marks its name.

News names a zone's campaigns plainly (加快实施企业服务攻坚行动, 深入开展营商环境提升
行动, 推进城乡供水工程): the kind (攻坚行动, 专项行动, 提升行动, 工程 …) ends the name and
the verb that runs it (实施, 开展, 启动 …) begins it. A kind alone (开展专项行动) or after words that only say
what kind it is (开展相关专项行动) is no name.

Cooperation programs are named by their parties' abbreviations: two countries' twin parks
(中马“两国双园”) and paired cities or provinces (沪滇协作, 杭温对口合作: each character the
abbreviation of a province or the first of a place the article names; 温杭对口合作 later in
the article is the same program).
"""
from __future__ import annotations

import re

from .model import Mention
from .scan import occurrences
from .names import _is_generic, _tokens_between

#: The kinds of campaign a name ends with, and the verbs that carry one out.
_KINDS = "攻坚行动|专项行动|提升行动|百日行动|倍增行动|三年行动|攻坚年|工程"  # not 攻坚战, a figure of speech
_KIND = re.compile(f"(?:{_KINDS})$")
_CAMPAIGN = re.compile(r"(?:实施|开展|启动|推进|部署|推出)(?:了|好)?"
                       rf"([\u4e00-\u9fff\dA-Za-z+]{{2,14}}?(?:{_KINDS}))")
_NOT_NAME = re.compile(r"[的和与及、]|^(?:一系列|系列|多项|各项|一批|相关|有关|这项|该项|此次|本次)")


def find_campaigns(text: str, tokens: list[tuple[int, int, str]]) -> list[Mention]:
    """Campaigns named after the verb that carries them out (实施|企业服务攻坚行动)."""
    out = []
    for m in _CAMPAIGN.finditer(text):
        a, b = m.span(1)
        name = m.group(1)
        if _NOT_NAME.search(name):
            continue
        prefix = name[:_KIND.search(name).start()]
        if len(prefix) < 2 or _is_generic(prefix, _tokens_between(tokens, a, a + len(prefix)) or [prefix]):
            continue
        out.append(Mention(a, b, "Program", name, rule="campaign", confidence=0.75))
    return out


#: 中某“两国双园”: China and a partner country's twin-park cooperation.
_TWIN_PARKS = re.compile(r"中([\u4e00-\u9fff]{1,3})[“\"]?两国双园[”\"]?")
#: The kinds of pairing written after two abbreviations (沪滇协作, 杭温对口合作).
_PAIRINGS = ("对口合作", "对口协作", "对口支援", "东西部协作", "协作")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
#: The one-character abbreviations of the provinces (国务院 administrative divisions' 简称).
PROVINCE_ABBREVIATIONS = frozenset("京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏陕秦甘陇青宁新港澳台蒙")


def find_paired_programs(text: str, mentions: list[Mention]) -> list[Mention]:
    """Cooperation programs named by their parties: 中某“两国双园” and two abbreviations
    before 对口合作/协作, each a province's or the first character of a place named in the
    article (a third abbreviation before them, 京津冀协作, makes it no pair)."""
    out = []
    for m in _TWIN_PARKS.finditer(text) if "两国双园" in text else ():
        name = "中" + m.group(1) + "两国双园"
        out.append(Mention(m.start(), m.end(), "Program", m.group(), rule="twin-parks",
                           confidence=0.8, name=name))
    initials = {p.text[0] for p in mentions if p.type in ("Place", "Zone") and p.text}
    first: dict[tuple[frozenset[str], str], str] = {}  # 甲乙协作 and 乙甲协作: one program
    pairs = sorted({(i, kind) for kind in _PAIRINGS for i in occurrences(text, kind) if i >= 2})
    for i, kind in pairs:
        a, b = text[i - 2], text[i - 1]
        if a == b or not all(_CJK_CHAR.match(c) and (c in PROVINCE_ABBREVIATIONS or c in initials)
                             for c in (a, b)):
            continue
        before = text[i - 3:i - 2]
        if before and (before in PROVINCE_ABBREVIATIONS or before in initials):
            continue  # 京津冀协作: three parties, 津冀 is no pair of its own
        name = first.setdefault((frozenset((a, b)), kind), text[i - 2:i] + kind)
        out.append(Mention(i - 2, i + len(kind), "Program", text[i - 2:i + len(kind)], rule="paired-program",
                           confidence=0.75, name=name))
    return out
