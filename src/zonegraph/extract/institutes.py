"""Research institutes named by a short form ending in 所, in a list of named bodies.

News shortens an institute's name to a place or brand word, its field and 所 (某焊接所,
某化物所), the way 某工大 shortens a university. 所 alone ends many words that are no
institute (场所, 住所, 派出所, 事务所), so the short form is taken only as an item of a
list (、) that already holds a named institution or company (以某工大、某焊接所、某电集团为
代表的…): the list says what its items are.
"""
from __future__ import annotations

import re

from .model import Mention
from .names import GENERIC, word_tags

#: A list's item that is an institute's short form: two to five characters and 所, set
#: off by 、 (or a list's 和/及 after it).
_SHORT_INSTITUTE = re.compile(r"(?<=、)([\u4e00-\u9fff]{2,5}所)(?=[、和及与为等])|([\u4e00-\u9fff]{2,5}所)(?=、)")
#: Words ending in 所 that name no research institute: places, offices of the state or of
#: a trade (派出所, 司法所, 事务所, 交易所, 场所, 诊所).
_NOT_INSTITUTE = re.compile(r"(?:场所|住所|处所|厕所|诊所|派出所|司法所|财政所|税务所|供电所|"
                            r"事务所|交易所|服务所|管理所|工商所|研究所|院所)$")


def find_listed_institutes(text: str, mentions: list[Mention]) -> list[Mention]:
    """Institutes' short forms (某焊接所) listed next to a named institution or company."""
    if "所" not in text:
        return []
    named = [(m.start, m.end) for m in mentions if m.type in ("Institution", "Enterprise")]
    ends = {b for _, b in named}
    starts = {a for a, _ in named}
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for x in _SHORT_INSTITUTE.finditer(text):
        g = 1 if x.group(1) else 2
        a, b = x.span(g)
        name = x.group(g)
        if g == 2:  # the list's first item: from a named name's end or the clause's start
            a = max((e for e in ends if a <= e < b - 1), default=a)
            name = text[a:b]
        if len(name) < 3 or _NOT_INSTITUTE.search(name) or name[:-1] in GENERIC \
                or word_tags().get(name) is not None:
            continue
        # a named institution or company right before or after it in the list
        if (a - 1) not in ends and (b + 1) not in starts:
            continue
        if any(s < b and a < e for s, e in taken):
            continue
        out.append(Mention(a, b, "Institution", name, rule="listed-institute", confidence=0.6))
    return out
