"""Normalized view of a document's text, with a map back to the original.

Extraction matches on a cleaned text (NFKC, simplified characters, PDF line breaks inside
sentences re-joined, page numbers and running headers dropped, spaces between CJK
characters removed), while evidence must quote the original. ``NormalizedText.offsets``
gives, for every character of the normalized text, its index in the original text, so a
span found in one can always be located in the other.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .byline import opens_with_byline

# Characters that end a sentence (after NFKC: full-width ！？；： become ASCII).
TERMINAL = "。!?;…"
_CLOSERS = "”’」』)）】》\"'"
_LIST_MARKER = re.compile(r"^(?:[-•·●▪]\s*)?(?:\d{1,2}\s*(?:[、．]|\.(?!\d))|[一二三四五六七八九十]{1,3}\s*[、是]|[(（]\d{1,2}[)）])")
_PAGE_NUMBER = re.compile(r"^(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*/?\s*共\s*\d+\s*页)?|\d{1,3}|\d{1,3}\s*/\s*\d{1,3})$")
_SOURCE_LINE = re.compile(r"^[(（]\s*来\s*源\s*[:：]")
_SPACE = re.compile(r"\s+")
_SHORT_HEADING = re.compile(r"^[\u4e00-\u9fff]{1,8}$")
#: In text with a paragraph per line, an unfinished line at least this long was cut by a
#: page break; shorter ones are headings and titles.
MIN_PAGE_BREAK_LINE = 40


@dataclass(frozen=True)
class NormalizedText:
    """A cleaned text and, for each of its characters, the index of its source character."""

    original: str
    text: str
    offsets: array

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalized span [start, end) to the smallest original span covering it."""
        if not self.text:
            return 0, 0
        start = min(max(start, 0), len(self.text) - 1)
        end = min(max(end, start + 1), len(self.text))
        return self.offsets[start], self.offsets[end - 1] + 1

    def original_span(self, start: int, end: int) -> str:
        """The original text behind a normalized span (line breaks and all)."""
        a, b = self.to_original(start, end)
        return self.original[a:b]


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified characters (OpenCC, phrase-aware)."""
    return _t2s().convert(text) if text else text


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F


def _nfkc_line(line: str, base: int) -> tuple[str, list[int]]:
    """NFKC a line; characters whose normal form differs in length keep their own offset."""
    norm = unicodedata.normalize("NFKC", line)
    if len(norm) == len(line):
        return norm, list(range(base, base + len(line)))
    chars: list[str] = []
    offs: list[int] = []
    for i, ch in enumerate(line):
        n = unicodedata.normalize("NFKC", ch)
        chars.append(n)
        offs.extend([base + i] * len(n))
    return "".join(chars), offs


def _squeeze_spaces(text: str, offs: list[int]) -> tuple[str, list[int]]:
    """Drop white space next to CJK characters; keep one space between Latin words."""
    if not _SPACE.search(text):
        return text, offs
    out: list[str] = []
    out_offs: list[int] = []
    pos = 0
    for m in _SPACE.finditer(text):
        out.append(text[pos:m.start()])
        out_offs.extend(offs[pos:m.start()])
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if before and after and not _is_cjk(before) and not _is_cjk(after):
            out.append(" ")
            out_offs.append(offs[m.start()])
        pos = m.end()
    out.append(text[pos:])
    out_offs.extend(offs[pos:])
    return "".join(out), out_offs


def _running_headers(lines: list[str]) -> set[str]:
    """Short lines repeated on many pages (headers, footers) — not the article text."""
    counts = Counter(s for s in lines if s and len(s) <= 30)
    return {s for s, n in counts.items() if n >= 3 and not _SOURCE_LINE.match(s) and not _LIST_MARKER.match(s)}


def _ends_sentence(line: str) -> bool:
    tail = line.rstrip(_CLOSERS) or line
    # NFKC writes the ellipsis … as "...", so a paragraph ending in ……  ends in "......"
    return tail[-1] in TERMINAL or tail.endswith("...") or bool(_SOURCE_LINE.match(line))


def _wrap_width(lines: list[str]) -> int:
    """The width a PDF hard-wrapped the text at, or 0 when lines are whole paragraphs.

    A hard-wrapped text has most of its lines at about the same (maximum) length.
    """
    lengths = sorted(len(s) for s in lines if len(s) >= 8)
    if len(lengths) < 5:
        return 0
    width = lengths[int(len(lengths) * 0.9)]
    full = sum(n >= 0.8 * width for n in lengths)
    return width if full >= 0.5 * len(lengths) else 0


def _continues(prev: str, nxt: str, width: int) -> bool:
    """Whether a line break between ``prev`` and ``nxt`` falls inside a sentence.

    In hard-wrapped text a line that fills the width and does not end a sentence goes on;
    in paragraph-per-line text only a long unfinished line does (a page break), never a
    heading or a list item.
    """
    if (_ends_sentence(prev) or _SOURCE_LINE.match(nxt) or _LIST_MARKER.match(nxt)
            or _SHORT_HEADING.match(nxt) or opens_with_byline(nxt)):
        return False
    if width:
        return len(prev) >= 0.8 * width
    if _LIST_MARKER.match(prev):
        return False
    return len(prev) >= MIN_PAGE_BREAK_LINE


def _join_lines(lines: list[tuple[str, list[int], str]]) -> list[tuple[str, list[int], str]]:
    """Lines (text, offsets, simplified text) joined into paragraphs where a break falls
    inside a sentence (see ``_continues``)."""
    width = _wrap_width([s for _, _, s in lines])
    groups: list[list[tuple[str, list[int], str]]] = []
    prev = ""
    for line in lines:
        if prev and _continues(prev, line[2], width):
            groups[-1].append(line)
        else:
            groups.append([line])
        prev = line[2]
    out = []
    for group in groups:
        texts, offsets, simple = [group[0][0]], list(group[0][1]), [group[0][2]]
        for (before, _, _), (text, offs, simp) in zip(group, group[1:]):
            if not _is_cjk(before[-1]) and not _is_cjk(text[0]):
                texts.append(" ")  # a line break between two words
                offsets.append(offs[0])
                simple.append(" ")
            texts.append(text)
            offsets.extend(offs)
            simple.append(simp)
        out.append(("".join(texts), offsets, "".join(simple)))
    return out


def normalize(original: str) -> NormalizedText:
    """Build the normalized view of ``original`` (see module docstring).

    Paragraphs are separated by a single ``\\n`` in the result; a line break that a PDF put
    inside a sentence disappears.
    """
    raw_lines: list[tuple[str, int]] = []
    pos = 0
    for line in original.splitlines(keepends=True):
        raw_lines.append((line.rstrip("\r\n"), pos))
        pos += len(line)
    cleaned: list[tuple[str, list[int]]] = []
    for line, base in raw_lines:
        text, offs = _nfkc_line(line, base)
        cleaned.append(_squeeze_spaces(text, offs))
    # decisions are taken on the simplified form, as they would be on this function's output
    simple = [to_simplified(t) for t, _ in cleaned]
    headers = _running_headers(simple)
    lines = [(t, o, s) for (t, o), s in zip(cleaned, simple)
             if t and not _PAGE_NUMBER.match(s) and s not in headers]
    paragraphs = _join_lines(lines)
    while len(paragraphs) < len(lines):  # until joining again changes nothing, so that
        lines, paragraphs = paragraphs, _join_lines(paragraphs)  # normalizing is idempotent

    chars: list[str] = []
    offsets = array("l")
    for i, (text, offs, _) in enumerate(paragraphs):
        if i:
            chars.append("\n")
            offsets.append(offs[0])
        chars.append(text)
        offsets.extend(offs)
    joined = "".join(chars)
    simplified = to_simplified(joined)
    if len(simplified) != len(joined):  # OpenCC kept lengths in every case seen; stay safe
        simplified = "".join(to_simplified(c) if len(to_simplified(c)) == 1 else c for c in joined)
    # Taiwan and Hong Kong quote with corner brackets: one set of quotes for the patterns
    simplified = simplified.translate(_CORNER_QUOTES)
    return NormalizedText(original=original, text=simplified, offsets=offsets)


_CORNER_QUOTES = str.maketrans("「」『』", "“”‘’")


_FOLD_DROP = re.compile(r"[\s\"'`《》〈〉“”‘’「」『』【】]+")
_FOLD_DASH = re.compile(r"[\u2010-\u2015\u2212\uff0d\u2500\u2501~～]+")


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """The key two surface forms of one name share: NFKC, simplified, no spaces or quotes.

    Cached: a build folds the same names again and again (about 90 calls per document,
    each an OpenCC conversion), and the answer depends on the name alone."""
    text = to_simplified(unicodedata.normalize("NFKC", name))
    text = _FOLD_DROP.sub("", text)
    text = _FOLD_DASH.sub("-", text).lower()
    # dropping a space or lower-casing can leave a sequence NFKC composes (A + ´ → á)
    return unicodedata.normalize("NFKC", text)
