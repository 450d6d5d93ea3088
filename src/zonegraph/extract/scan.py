"""Finding many fixed strings in a text: the cheap pass every costly pattern waits for.

One Aho-Corasick scan finds all occurrences of a word list (gazetteer names, name
suffixes, titles) in time linear in the text; ``leftmost_longest`` then keeps what a
regex of the words, longest first, would have matched.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

import ahocorasick

T = TypeVar("T")


def automaton(words: Iterable[tuple[str, object]]) -> ahocorasick.Automaton:
    """An automaton of ``(word, value)`` pairs (the first value of a word is kept)."""
    auto = ahocorasick.Automaton()
    for word, value in words:
        if word not in auto:
            auto.add_word(word, value)
    auto.make_automaton()
    return auto


def leftmost_longest(found: list[tuple[int, int, T]]) -> list[tuple[int, int, T]]:
    """``(start, end, value)`` occurrences without overlaps: leftmost first, the longest
    at a position."""
    out: list[tuple[int, int, T]] = []
    last = -1
    for start, end, value in sorted(found, key=lambda f: (f[0], -f[1])):
        if start >= last:
            out.append((start, end, value))
            last = end
    return out


def occurrences(text: str, word: str) -> Iterator[int]:
    """Start of every non-overlapping occurrence of ``word`` in ``text``."""
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + len(word))
