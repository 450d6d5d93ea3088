"""The date a policy was issued, read the ways news and notices write it.

In the order a reader trusts them:

1. right after the title: 《…》于2024年3月5日正式印发, 《…》(2024年3月5日发布), 《…》2024年3月5日出台;
2. named in the article's title, a notice's: the date after it in the title or on the next
   line, or the date the notice is signed (a line of its own at its end), or else the
   date its page was published (the article's);
3. in its own sentence, before it, with a verb of issuing: 2024年3月5日,某局印发《…》;
4. 近日/日前/今天 with a verb of issuing: the article's date;
5. a notice that issues it itself (…现印发给你们): the date the notice is signed (a line of
   its own, 2024年3月5日) or else the article's;
6. 自2024年5月1日起施行 with no date of issue: the day it takes effect;
7. the last date written before it.

A bare 月日 takes its year from the article (``relations.sentence_date``).
"""
from __future__ import annotations

import re

from .relations import sentence_date

_DAY = r"(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日"
_DAY_RE = re.compile(_DAY)
_ISSUE = r"(?:正式)?(?:印发|发布|出台|公布|颁布|批复|审议通过|签发|签署|下发)"
# 《…》于2024年3月5日正式印发, 《…》(2024年3月5日印发), 《…》已于3月5日发布
_DATED_AFTER = re.compile(r"》?\s*[(（]?\s*(?:已经?|已)?(?:由[\u4e00-\u9fff]{2,20}?)?[于在]?\s*"
                          rf"({_DAY})\s*{_ISSUE}")
# 关于印发《…》的通知 (2024年3月5日) / 〔2024〕5号 2024年3月5日: a date right after a notice's title
_NOTICE_DATE = re.compile(rf"^[^。\n]{{0,40}}?[(（]?\s*({_DAY})\s*[)）]?")
_ISSUED_IN = re.compile(_ISSUE)
_RECENTLY = re.compile(r"(?:近日|日前|近期|今天|今日|本月)[^。;；]{0,30}?" + _ISSUE)
_NOTICE_KIND = re.compile(r"(?:通知|意见|批复|决定|通报|公告|办法|方案|规划)\s*(?:[(（][^()（）]*[)）])?\s*$")
_SENT_NOW = re.compile(r"现(?:将|予)?(?:印发|发布|公布)")
_SIGNED = re.compile(rf"\n\s*((?:19|20)\d{{2}}年\d{{1,2}}月\d{{1,2}}日)\s*(?=\n|$)")
_IN_FORCE = re.compile(rf"自\s*({_DAY})\s*起(?:施行|实施|执行|生效)")


def policy_date(text: str, start: int, end: int, sentence: tuple[int, int], article_date: str) -> str:
    """The ISO date the policy named at ``text[start:end]`` was issued, or ""."""
    after = _DATED_AFTER.match(text, end)
    if after:
        return sentence_date(text, after.end(1) - 1, article_date)
    title_end = text.find("\n")
    if start < title_end:  # named in the title of the notice that issues it
        dated = _DAY_RE.search(text, end, title_end) or _NOTICE_DATE.match(text, title_end + 1) \
            or _last(_SIGNED.finditer(text))
        if dated:
            return sentence_date(text, dated.end() - 1 if dated.re is _DAY_RE else dated.end(1) - 1,
                                 article_date)
        if _NOTICE_KIND.search(text, 0, title_end):
            return article_date  # a notice's page, dated where it is published
    before = text[sentence[0]:start]
    if _DAY_RE.search(before) and (_ISSUED_IN.search(before) or _ISSUED_IN.match(text, end + 1)):
        return sentence_date(text, start, article_date)
    clause = text[sentence[0]:sentence[1]]
    if article_date and _RECENTLY.search(clause):
        return article_date
    if _SENT_NOW.search(clause):
        signed = _last(_SIGNED.finditer(text))
        if signed:
            return sentence_date(text, signed.end(1) - 1, article_date)
        if article_date:
            return article_date
    in_force = _IN_FORCE.search(text, end, min(len(text), end + 80))
    if in_force:
        return sentence_date(text, in_force.end(1) - 1, article_date)
    return sentence_date(text, start, article_date)


def _last(matches):
    """The last of ``matches`` (an iterator), or None."""
    last = None
    for last in matches:
        pass
    return last
