"""Page furniture: the lines of a saved web page or newspaper page that are not the article.

Text copied from a site or an e-paper carries lines around the article: a breadcrumb
(首页 > 新闻中心 > 要闻), a page line (某某晚报 2025年4月12日 星期六 A05版), the
publication line (发布时间：… 来源：… 浏览次数：…), font and print buttons, a reprint notice
(转载自《某某报》), an editor's preface (编者按：…) and, at the end, editor credits (责任编辑：…),
share buttons, previous/next links and the copyright line. Segmentation skips them when it
looks for the title and cuts them off the end of the body, so neither the title nor the
people of the article are taken from them.
"""
from __future__ import annotations

import re

#: A date as pages and articles write it (2025年4月12日; 2025-04-12, 2025/4/12, 2025.4.12).
WRITTEN_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
NUMERIC_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
#: Either, as a pattern to build others with (no named groups).
ANY_DATE = re.sub(r"\?P<\w+>", "", f"(?:{WRITTEN_DATE.pattern}|{NUMERIC_DATE.pattern})")
_BREADCRUMB = re.compile(r"^(?:首页|当前位置|您的位置|您当前的位置|你的位置|位置)\s*[:：>»›]"
                         r"|^[^。，,]{1,12}(?:\s*[>»›]\s*[^。，,>»›]{1,12}){2,}\s*[>»›]?\s*$")
_PAGE_LINE = re.compile(rf"{ANY_DATE}.{{0,12}}(?:星期|周)[一二三四五六日天]"
                        rf"|{ANY_DATE}.{{0,16}}(?:第\s*\d{{1,3}}\s*版|\b[A-Z]\d{{1,2}}\b|[A-Z]\d{{1,2}}版)"
                        r"|^第\s*\d{1,3}\s*版")
_META = re.compile(r"(?:发布时间|发布日期|发表时间|更新时间|浏览次数|浏览量|点击数|点击量|阅读量|阅读数|字号)"
                   r"\s*[:：]|【\s*字体|打印本页|关闭窗口|【打印】|【关闭】")
_REPRINT = re.compile(r"^(?:本文)?转(?:载)?自\s*[:：]?|^原标题\s*[:：]|^原文链接")
_PREFACE = re.compile(r"^[【\[]?\s*(?:编者按|编者的话|导语|编者)\s*[】\]]?\s*[:：]")
_TAIL = re.compile(r"^[(（【\[]?\s*(?:责任编辑|值班编辑|编辑|审核|终审|初审|复审|校对|监制|审校|编审|统筹"
                   r"|制作|美编|视频|摄影|作者|出品)\s*[:：/]"
                   r"|^(?:分享到|分享\s*[:：]|上一篇|下一篇|版权所有|备案号|扫一扫|相关新闻|相关阅读|推荐阅读"
                   r"|【纠错】|Copyright|©)"
                   r"|ICP备")
#: How many lines at the head of an article furniture may fill before its title.
HEAD_LINES = 6


def head_kind(line: str) -> str:
    """What kind of furniture a line at an article's head is, or "" when it is none:
    "preface" for an editor's preface (prose of the article), else "nav", "page",
    "meta" or "reprint" (lines that are no part of it)."""
    text = line.strip()
    if _PREFACE.match(text):
        return "preface"
    if _BREADCRUMB.search(text):
        return "nav"
    if _REPRINT.match(text):
        return "reprint"
    if _META.search(text) and len(text) <= 120:
        return "meta"
    if _PAGE_LINE.search(text) and len(text) <= 60:
        return "page"
    return ""


def is_tail_furniture(line: str) -> bool:
    """Whether a line at an article's end is an editor credit, a share button, a
    previous/next link or the site's copyright."""
    text = line.strip()
    return bool(_TAIL.search(text)) and len(text) <= 80
