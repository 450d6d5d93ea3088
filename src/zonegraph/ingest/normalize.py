"""Normalized view of a document's text, with a map back to the original.

Extraction matches on a cleaned text (NFKC, simplified characters, PDF line breaks inside
sentences re-joined, page numbers and running headers dropped, spaces between CJK
characters removed), while evidence must quote the original. ``NormalizedText.offsets``
gives, for every character of the normalized text, its index in the original text, so a
span found in one can always be located in the other.

The map is kept as runs of consecutive offsets (``OffsetMap``), a few per paragraph: as a
Python int per character it took some 85 bytes per character while normalizing, 1.5 GB for
a 50 MB newsletter archive. The text is converted to simplified characters a paragraph at a
time, which OpenCC does the same as all at once (its phrases never span a line break) but
without its working copy of the whole text.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .byline import opens_with_byline
from .furniture import head_kind, is_tail_furniture

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


class OffsetMap:
    """For each character of a normalized text, the index of its source character: a
    sequence of ints kept as runs (a run's characters come from consecutive characters).

    Built from ``runs``, a flat ``array('q')`` of (first offset, length) pairs.
    """

    __slots__ = ("_starts", "_origins", "_length")

    def __init__(self, runs: array):
        self._starts, self._origins = array("q"), array("q")
        length = 0
        for origin, n in zip(runs[::2], runs[1::2]):
            if not (self._origins and self._origins[-1] + length - self._starts[-1] == origin):
                self._starts.append(length)
                self._origins.append(origin)
            length += n
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, i: int) -> int:
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError("offset index out of range")
        run = bisect_right(self._starts, i) - 1
        return self._origins[run] + i - self._starts[run]

    def __iter__(self):
        ends = [*self._starts[1:], self._length]
        for start, origin, end in zip(self._starts, self._origins, ends):
            yield from range(origin, origin + end - start)


@dataclass(frozen=True)
class NormalizedText:
    """A cleaned text and, for each of its characters, the index of its source character."""

    original: str
    text: str
    offsets: OffsetMap

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


def _add(runs: array, offset: int) -> None:
    """One more character, from ``offset``, at the end of ``runs``."""
    if runs and runs[-2] + runs[-1] == offset:
        runs[-1] += 1
    else:
        runs.extend((offset, 1))


def _slice(runs: array, start: int, end: int) -> array:
    """The runs of characters [start, end) of a line."""
    out, pos = array("q"), 0
    for origin, n in zip(runs[::2], runs[1::2]):
        a, b = max(start, pos), min(end, pos + n)
        if a < b:
            if out and out[-2] + out[-1] == origin + a - pos:
                out[-1] += b - a
            else:
                out.extend((origin + a - pos, b - a))
        pos += n
        if pos >= end:
            break
    return out


def _at(runs: array, i: int) -> int:
    return _slice(runs, i, i + 1)[0]


def _extend(runs: array, more: array) -> None:
    """``more`` after ``runs``, a run that goes on merged."""
    if runs and more and runs[-2] + runs[-1] == more[0]:
        runs[-1] += more[1]
        more = more[2:]
    runs.extend(more)


def _nfkc_line(line: str, base: int) -> tuple[str, array]:
    """NFKC a line; characters whose normal form differs in length keep their own offset."""
    norm = unicodedata.normalize("NFKC", line)
    if len(norm) == len(line):
        return norm, array("q", (base, len(line)) if line else ())
    chars: list[str] = []
    runs = array("q")
    for i, ch in enumerate(line):
        n = unicodedata.normalize("NFKC", ch)
        chars.append(n)
        for _ in n:
            _add(runs, base + i)
    return "".join(chars), runs


def _squeeze_spaces(text: str, offs: array) -> tuple[str, array]:
    """Drop white space next to CJK characters; keep one space between Latin words."""
    if not _SPACE.search(text):
        return text, offs
    out: list[str] = []
    out_offs = array("q")
    pos = 0
    for m in _SPACE.finditer(text):
        out.append(text[pos:m.start()])
        _extend(out_offs, _slice(offs, pos, m.start()))
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if before and after and not _is_cjk(before) and not _is_cjk(after):
            out.append(" ")
            _add(out_offs, _at(offs, m.start()))
        pos = m.end()
    out.append(text[pos:])
    _extend(out_offs, _slice(offs, pos, len(text)))
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
    if head_kind(prev) in ("nav", "meta") or is_tail_furniture(prev) or is_tail_furniture(nxt):
        return False  # a page's publication line or buttons never run on into the text
    if width:
        return len(prev) >= 0.8 * width
    if _LIST_MARKER.match(prev):
        return False
    return len(prev) >= MIN_PAGE_BREAK_LINE


def _join_lines(lines: list[tuple[str, array, str]]) -> list[tuple[str, array, str]]:
    """Lines (text, offset runs, simplified text) joined into paragraphs where a break falls
    inside a sentence (see ``_continues``); a line that stays alone is kept as it is."""
    width = _wrap_width([s for _, _, s in lines])
    groups: list[list[tuple[str, array, str]]] = []
    prev = ""
    for line in lines:
        if prev and _continues(prev, line[2], width):
            groups[-1].append(line)
        else:
            groups.append([line])
        prev = line[2]
    out = []
    for group in groups:
        if len(group) == 1:
            out.append(group[0])
            continue
        texts, offsets, simple = [group[0][0]], array("q", group[0][1]), [group[0][2]]
        for (before, _, _), (text, offs, simp) in zip(group, group[1:]):
            if not _is_cjk(before[-1]) and not _is_cjk(text[0]):
                texts.append(" ")  # a line break between two words
                _add(offsets, offs[0])
                simple.append(" ")
            texts.append(text)
            _extend(offsets, offs)
            simple.append(simp)
        out.append(("".join(texts), offsets, "".join(simple)))
    return out


def _lines(original: str):
    """Each line of ``original`` (as ``str.splitlines`` cuts them) and where it starts,
    without a list of them all."""
    pos = 0
    for m in _LINE.finditer(original):
        if m.end() == m.start():  # the empty match at the end
            break
        yield m["text"], pos
        pos = m.end()


#: A line and its break, as ``str.splitlines`` sees them.
_LINE = re.compile("(?P<text>[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*)"
                   "(?:\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]|$)")


def normalize(original: str) -> NormalizedText:
    """Build the normalized view of ``original`` (see module docstring).

    Paragraphs are separated by a single ``\\n`` in the result; a line break that a PDF put
    inside a sentence disappears.
    """
    lines: list[tuple[str, array, str]] = []
    for line, base in _lines(original):
        text, offs = _squeeze_spaces(*_nfkc_line(line, base))
        # decisions are taken on the simplified form, as they would be on this function's output
        lines.append((text, offs, _same(text, to_simplified(text))))
    headers = _running_headers([s for _, _, s in lines])
    lines = [line for line in lines if line[0] and not _PAGE_NUMBER.match(line[2])
             and line[2] not in headers]
    paragraphs = _join_lines(lines)
    while len(paragraphs) < len(lines):  # until joining again changes nothing, so that
        lines, paragraphs = paragraphs, _join_lines(paragraphs)  # normalizing is idempotent
    del lines

    runs = array("q")
    for i, (_, offs, _) in enumerate(paragraphs):
        if i:
            _add(runs, offs[0])  # the paragraph break
        _extend(runs, offs)
    texts = [text for text, _, _ in paragraphs]
    del paragraphs
    simplified = [_same(text, to_simplified(text)) for text in texts]
    if any(len(a) != len(b) for a, b in zip(texts, simplified)):
        # OpenCC kept lengths in every case seen; stay safe
        simplified = ["".join(to_simplified(c) if len(to_simplified(c)) == 1 else c for c in text)
                      for text in texts]
    del texts
    # Taiwan and Hong Kong quote with corner brackets: one set of quotes for the patterns
    text = "\n".join(p.translate(_CORNER_QUOTES) if _CORNER.search(p) else p for p in simplified)
    return NormalizedText(original=original, text=text, offsets=OffsetMap(runs))


def _same(text: str, converted: str) -> str:
    """``converted``, or ``text`` itself when they are equal: a text already in simplified
    characters is then held once, not twice."""
    return text if converted == text else converted


_CORNER_QUOTES = str.maketrans("「」『』", "“”‘’")
_CORNER = re.compile("[「」『』]+")


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
