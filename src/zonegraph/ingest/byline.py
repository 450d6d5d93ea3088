"""The outlet a web article names in its byline, where it closes with no （来源：…） line.

News pages name their outlet in a few set ways: a 来源 line (来源：某某在线, often after
the time), a dateline at the head of the lead (中新网长春6月19日电, 华龙网-新重庆客户端
10月8日10时讯, 【某某网讯】), a reporter's credit (文/某某晚报记者 张三, 某某报记者 李四 at
the end), a reprint's lead (1月2日，《某某电讯》发表题为…的报道) or notice (转载自《某某报》),
or, last, an e-paper's page line (某某晚报 2025年4月12日 星期六 A05). A page that names none
has no source: 本报讯 and a bare （记者 …） name nobody, and the site's own furniture is
not looked at.
"""
from __future__ import annotations

import re

from .furniture import ANY_DATE

# An outlet's name: a short name ending like a news organization's.
_OUTLET = r"[\u4e00-\u9fffA-Za-z]{1,10}?(?:网|社|日报|晚报|早报|商报|电讯|报|电视台|客户端|在线|新闻)"
_FROM_LINE = re.compile(r"(?:^|[\s\d:：-])(?:来源|稿源|文章来源|信息来源)\s*[:：]\s*(?P<src>[^\s()（）|丨]{2,30}?)"
                        r"(?=$|[\s()（）【|丨]|(?:作者|责任编辑|编辑|浏览次数|浏览量|点击数|点击量|阅读量|阅读数|字号|发布时间|发布日期)\s*[:：])")
_REPRINTED_FROM = re.compile(r"^(?:本文)?转(?:载)?自\s*[:：]?\s*(?:《(?P<quoted>[^《》]{2,14})》|(?P<src>" + _OUTLET + "))")
#: An outlet then a date: an e-paper's page line (某某晚报 2025年4月12日 A05版) or a dated
#: credit (某某网 2026年5月20日 记者 …).
_OUTLET_DATED = re.compile(rf"^(?P<src>{_OUTLET})\s*(?:{ANY_DATE}|第\s*\d{{1,3}}\s*版)")
_DATELINE = re.compile(
    rf"^[【\[]?(?P<src>{_OUTLET})(?:[-·][^\s\d]{{1,12}}?)?\s*"
    r"(?:讯|[\u4e00-\u9fff]{0,4}\s*\d{1,2}月\d{1,2}日(?:\d{1,2}时)?\s*(?:电|讯))")
_REPORTER = re.compile(rf"^(?:文\s*/\s*)?(?P<src>{_OUTLET})(?:全媒体|融媒体)?(?:首席)?记者")
_REPRINT = re.compile(
    rf"^(?:[^,。]{{0,12}}[,，])?(?:《(?P<quoted>[^《》]{{2,14}})》|(?P<src>{_OUTLET}))"
    r"(?:头版头条|头版|近日)?(?:发表|刊发|刊登|刊载)")
_TRAILING_DATE = re.compile(r"(?:(?:19|20)\d{2}[-年/.].*|\d{1,2}月\d{1,2}日.*)$")
_NOBODY = ("本报", "本网", "本台")
#: How many lines at the head and at the tail of an article a byline may stand on.
HEAD_LINES, TAIL_LINES = 3, 2


def opens_with_byline(line: str) -> bool:
    """Whether ``line`` begins with a dateline or a reporter's credit: a new paragraph,
    never the rest of the line before it (a headline without a full stop)."""
    return bool(_DATELINE.match(line) or _REPORTER.match(line))


def byline(lines: list[str]) -> tuple[int, int, int] | None:
    """(line index, start, end) of the outlet an article's lines name, or None.

    A 来源 line wins (it names the outlet as the page gives it); else a dateline, a
    reporter's credit or a reprint's lead at the head; else a credit on the last lines.
    """
    head = list(enumerate(lines[:HEAD_LINES]))
    tail = [(i, ln) for i, ln in enumerate(lines) if i >= max(HEAD_LINES, len(lines) - TAIL_LINES)]
    credit = _credit(head, tail)
    for i, line in head + tail:
        m = _FROM_LINE.search(line)
        if m and len(line) <= 60:
            src = _TRAILING_DATE.sub("", m.group("src"))
            if credit and src.startswith(lines[credit[0]][credit[1]:credit[2]]):
                return credit  # 来源：人民网 某某青年网 and 人民网长沙…电: the first outlet
            return i, m.start("src"), m.start("src") + len(src)
    return credit


def _credit(head: list[tuple[int, str]], tail: list[tuple[int, str]]) -> tuple[int, int, int] | None:
    """The outlet of a dateline, credit or reprint lead at the head, or a credit at the end."""
    for i, line in head:
        for pattern in (_DATELINE, _REPORTER, _REPRINT, _REPRINTED_FROM):
            m = pattern.match(line.strip())
            if m:
                group = "quoted" if m.groupdict().get("quoted") else "src"
                found = _named(line, m, group)
                if found:
                    return i, *found
    for i, line in tail:
        m = _REPORTER.match(line.strip())
        if m and len(line) <= 40:
            found = _named(line, m, "src")
            if found:
                return i, *found
    for i, line in head:  # an outlet then a date (a page line, a dated credit): that outlet
        m = _OUTLET_DATED.match(line.strip())
        found = _named(line, m, "src") if m and len(line) <= 60 else None
        if found:
            return i, *found
    return None


def _named(line: str, m: re.Match, group: str) -> tuple[int, int] | None:
    """The outlet's span in ``line`` (the match ran on the stripped line), unless it is
    the paper's own word for itself (本报)."""
    if m.group(group).startswith(_NOBODY):
        return None
    shift = len(line) - len(line.lstrip())
    return m.start(group) + shift, m.end(group) + shift
