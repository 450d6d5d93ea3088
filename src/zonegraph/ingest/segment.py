"""Split a document into its issue metadata and its articles.

Newsletters (the genre of 西咸研究) open with a masthead (series, issue number, publisher,
date) and a table of contents — under 本期导读 or under section headings such as 产业发展 —
and close every article with a （来源：…） line. Some repeat each title above its body,
some do not; in the latter case bodies are matched to TOC titles in order. A document
without that structure (a web page, a single report) is one article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .byline import byline
from .furniture import HEAD_LINES, NUMERIC_DATE, WRITTEN_DATE, head_kind, is_tail_furniture
from .normalize import NormalizedText, fold

_SOURCE = re.compile(r"^[(（]\s*(?:来源|稿源|文章来源|信息来源)\s*[:：]\s*(?P<src>[^()（）]{1,40})[)）]\s*$")
_TOC_HEAD = re.compile(r"^(?:本期导读|本期目录|目\s*录|导\s*读)\s*[:：]?$")
_TOC_ITEM = re.compile(r"^(?:[-•·●▪]\s*)?(?P<num>\d{1,2})\s*(?:[、．]|\.(?!\d))\s*(?P<title>.+)$")
_ISSUE_NO = re.compile(r"[(（]?\s*(?P<no>(?:增刊|特刊|总)?第\s*\d+\s*期)\s*[)）]?")
_PUBLISHER = re.compile(r"(?:研究院|研究中心|研究所|研究室|办公室|管委会|委员会|编辑部|杂志社|报社|中心|学会|协会)$")
_SECTION = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
#: How many lines at the top may hold the masthead.
MASTHEAD_LINES = 8


@dataclass(frozen=True)
class Article:
    """One article: its title, source, date and its span in the normalized text."""

    index: int
    title: str
    source: str
    date: str  # ISO date or ""
    start: int
    end: int
    title_from: str = "body"  # "body", "toc", "meta" or "first-line": how it was found
    title_span: tuple[int, int] = (0, 0)  # where the title is in the normalized text


@dataclass(frozen=True)
class Segmented:
    """Issue metadata and the articles of one document."""

    series: str = ""
    number: str = ""
    date: str = ""
    publisher: str = ""
    articles: list[Article] = field(default_factory=list)


@dataclass(frozen=True)
class _Line:
    text: str
    start: int
    end: int


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for part in text.split("\n"):
        if part.strip():
            out.append(_Line(part, pos, pos + len(part)))
        pos += len(part) + 1
    return out


def iso_date(match: re.Match) -> str:
    y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{m:02d}-{d:02d}"


def _masthead(lines: list[_Line], body_start: int) -> dict:
    head = [ln for ln in lines[:MASTHEAD_LINES] if ln.start < body_start]
    meta = {"series": "", "number": "", "date": "", "publisher": ""}
    for ln in head:
        t = ln.text
        if _TOC_HEAD.match(t) or _TOC_ITEM.match(t):
            break
        date = WRITTEN_DATE.search(t)
        if date and not meta["date"]:
            meta["date"] = iso_date(date)
            rest = (t[:date.start()] + t[date.end():]).strip()
            if rest and _PUBLISHER.search(rest) and not meta["publisher"]:
                meta["publisher"] = rest
            continue
        number = _ISSUE_NO.fullmatch(t.strip())
        if number and not meta["number"]:
            meta["number"] = re.sub(r"\s+", "", number["no"])
            continue
        if _PUBLISHER.search(t) and len(t) <= 30 and not meta["publisher"]:
            meta["publisher"] = t.strip()
            continue
        if not meta["series"] and len(t) <= 20 and not _SOURCE.match(t):
            meta["series"] = t.strip()
    return meta


def _toc(lines: list[_Line]) -> tuple[list[tuple[str, int, int]], int]:
    """TOC titles and the index of the first line after the TOC (0 when there is none)."""
    start = None
    for i, ln in enumerate(lines[:MASTHEAD_LINES + 4]):
        if _TOC_HEAD.match(ln.text):
            start = i + 1
            break
    if start is None:  # section headings + numbered items right after the masthead
        for i, ln in enumerate(lines[:MASTHEAD_LINES + 4]):
            if _TOC_ITEM.match(ln.text):
                start = i
                if i > 0 and _SECTION.match(lines[i - 1].text):
                    start = i - 1
                break
    if start is None:
        return [], 0
    titles: list[tuple[str, int, int]] = []
    i = start
    while i < len(lines):
        t = lines[i].text
        item = _TOC_ITEM.match(t)
        if item:
            titles.append((item["title"].strip(), lines[i].start + item.start("title"),
                           lines[i].start + item.end("title")))
        elif _SECTION.match(t) and i + 1 < len(lines) and _TOC_ITEM.match(lines[i + 1].text):
            pass  # a section heading inside the TOC
        else:
            break
        i += 1
    return titles, (i if titles else 0)


def _title_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", fold(text))


def segment(norm: NormalizedText, fallback_title: str = "", fallback_date: str = "") -> Segmented:
    """Find the issue metadata and the articles of a normalized document."""
    text = norm.text
    fallback_title = " ".join(fallback_title.split())  # a page's <title> may span lines
    lines = _lines(text)
    if not lines:
        return Segmented()
    titles, body_index = _toc(lines)
    body_start = lines[body_index].start if body_index < len(lines) else len(text)
    meta = _masthead(lines, body_start if titles else len(text))
    issue_date = meta["date"] or fallback_date
    if not titles:
        # masthead lines are not part of a plain article's body
        body_index = 0

    # cut the body at every source line
    chunks: list[tuple[int, int, str]] = []  # (first line index, last line index, source)
    first = body_index
    for i in range(body_index, len(lines)):
        m = _SOURCE.match(lines[i].text.strip())
        if m:
            chunks.append((first, i, m["src"].strip()))
            first = i + 1
    if first < len(lines):
        tail = lines[first:]
        if not chunks or sum(len(ln.text) for ln in tail) > 200:
            chunks.append((first, len(lines) - 1, ""))

    articles: list[Article] = []
    toc_keys = [_title_key(t) for t, _, _ in titles]
    next_title = 0
    for n, (a, b, source) in enumerate(chunks):
        if not source:  # editor credits, share buttons, copyright: not the article
            while b > a and is_tail_furniture(lines[b].text):
                b -= 1
        first, preface = _first_text_line(lines, a, b) if not titles else (a, False)
        head = lines[first].text
        title, title_from, start = "", "body", lines[a if preface else first].start
        span = (0, 0)
        head_key = _title_key(head)
        # the body repeats a TOC title: take it and start the body after it
        for k in range(next_title, len(toc_keys)):
            if toc_keys[k] and head_key.startswith(toc_keys[k]):
                title, next_title = titles[k][0], k + 1
                start = lines[a].start + _prefix_len(head, toc_keys[k])
                span = (lines[a].start, start)
                break
        if not title and titles and len(chunks) == len(titles):
            (title, *span), title_from = titles[n], "toc"
            next_title = n + 1
        elif not title and next_title < len(titles) and not any(
                _title_key(lines[x].text).startswith(toc_keys[next_title]) for x in range(a, b + 1)):
            (title, *span), title_from = titles[next_title], "toc"
            next_title += 1
        if not title:
            if n == 0 and fallback_title:
                title, title_from = fallback_title, "meta"
                if not preface and _title_key(head).startswith(_title_key(fallback_title)):
                    start = lines[first].start + _prefix_len(head, _title_key(fallback_title))
            elif len(head) <= 60 and head[-1] not in "。!?;":
                title, title_from = head, "first-line"
                if not preface:  # an editor's preface before the title stays in the body
                    span = (lines[first].start, lines[first].end)
                    after = _after_furniture(lines, first + 1, b)
                    start = lines[after].start if after > first + 1 else lines[first].end
            else:  # the first line is a sentence: a short title, the line stays in the body
                title, title_from = head[:30], "first-line"
        end = lines[b].start if source else lines[b].end
        body = text[start:end]
        date = issue_date
        if not date:
            # the page's own lines (page line, publication line) first, then the lead
            furniture = text[lines[a].start:lines[first].start] + text[lines[first].end:start]
            lead = furniture + "\n" + body[:300]
            found = WRITTEN_DATE.search(lead) or NUMERIC_DATE.search(lead)
            date = iso_date(found) if found else ""
        if not source:
            source = _byline_source(norm, lines[a:b + 1])
        articles.append(Article(index=len(articles), title=title.strip(), source=source,
                                date=date, start=start, end=max(end, start), title_from=title_from,
                                title_span=tuple(span)))
    return Segmented(series=meta["series"] if titles else "", number=meta["number"],
                     date=issue_date, publisher=meta["publisher"], articles=articles)


def _first_text_line(lines: list[_Line], a: int, b: int) -> tuple[int, bool]:
    """The first line of an article after the page furniture at its head (breadcrumb,
    page line, publication line, reprint notice, editor's preface), and whether an
    editor's preface was among them."""
    preface = False
    for i in range(a, min(b, a + HEAD_LINES)):
        kind = head_kind(lines[i].text)
        if not kind:
            return i, preface
        preface = preface or kind == "preface"
    return a, False


def _after_furniture(lines: list[_Line], i: int, b: int) -> int:
    """The first line from ``i`` on that is not a publication line or button row
    right under a title."""
    while i < b and head_kind(lines[i].text) in ("meta", "page", "nav", "reprint"):
        i += 1
    return i


def _byline_source(norm: NormalizedText, lines: list[_Line]) -> str:
    """The outlet an article without a 来源 line names in its byline, as the page writes it
    (its script kept), or ""."""
    found = byline([ln.text for ln in lines])
    if found is None:
        return ""
    i, start, end = found
    written = norm.original_span(lines[i].start + start, lines[i].start + end)
    return re.sub(r"\s+", "", written) or lines[i].text[start:end]


def _prefix_len(line: str, key: str) -> int:
    """Length of the shortest prefix of ``line`` whose title key equals ``key``."""
    for i in range(1, len(line) + 1):
        if _title_key(line[:i]) == key:
            return i
    return 0
