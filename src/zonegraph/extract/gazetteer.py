"""Gazetteers of public facts (zones, places, central bodies, well-known enterprises).

Rows come from ``data/*.jsonl`` (see ``data/README.md``); each has a stable ``id`` that
becomes the entity's key, so linking goes by id, never by surface string. Matching is on
characters with one Aho-Corasick automaton (nearly free next to segmentation), so a term
matches wherever it occurs, however jieba splits the text around it.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from ..errors import ZoneGraphError
from ..ingest.normalize import fold, to_simplified
from .scan import leftmost_longest

#: Gazetteer files and the entity type of their rows.
FILES = {"zones.jsonl": "Zone", "places.jsonl": "Place",
         "government_bodies.jsonl": "GovernmentBody", "enterprises.jsonl": "Enterprise",
         "institutions.jsonl": "Institution"}


def data_dir() -> Path:
    """Where the gazetteers live: ``$ZONEGRAPH_DATA`` or the repository's ``data/``."""
    env = os.environ.get("ZONEGRAPH_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[3] / "data"


@dataclass(frozen=True)
class Entry:
    """One gazetteer row: a real thing with its names."""

    key: str  # "<file kind>:<id>", e.g. "zone:liangjiang"
    type: str
    name: str
    aliases: tuple[str, ...]
    attrs: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    entry: Entry
    surface: str


#: How a central body's name may already say it is the state's (国家统计局, 中国人民银行).
_STATE_LED = ("国家", "中国", "中央", "国务院", "全国", "中华")


def _state_forms(e: Entry) -> tuple[str, ...]:
    """A central body's short names with 国家 in front, as news writes them (国家 + 金融监管总局,
    国家 + 科技部): the same body, not a body of its own."""
    if e.type != "GovernmentBody" or e.attrs.get("level") != "central":
        return ()
    return tuple("国家" + a for a in (e.name, *e.aliases) if not a.startswith(_STATE_LED))


class Gazetteer:
    """All gazetteer rows, findable by any of their names in running text."""

    def __init__(self, entries: list[Entry]):
        import ahocorasick

        if not entries:
            raise ZoneGraphError("empty gazetteer: no rows found in data/*.jsonl")
        self.entries = {e.key: e for e in entries}
        self._zones: list[Entry] | None = None
        self._by_name: dict[str, Entry] = {}
        auto = ahocorasick.Automaton()
        for e in entries:
            for name in (e.name, *e.aliases, *_state_forms(e)):
                for form in {name, to_simplified(name)}:
                    if len(form) < 2:
                        continue
                    # the first row to claim a name keeps it (zones before places)
                    self._by_name.setdefault(fold(form), e)
                    if form not in auto:
                        auto.add_word(form, (len(form), e))
        auto.make_automaton()
        self._automaton = auto
        # an enterprise's bare name that is also a word (苹果, 浪潮, 理想): found apart,
        # kept only where the text says it is the company (see ``weak_enterprises``)
        weak = ahocorasick.Automaton()
        for e in entries:
            if e.type == "Enterprise":
                for form in e.attrs.get("weak_aliases", ()):
                    if len(form) >= 2 and form not in auto and form not in weak:
                        weak.add_word(form, (len(form), e))
        self._weak = None
        if len(weak):
            weak.make_automaton()
            self._weak = weak

    def find_weak(self, text: str) -> list[Hit]:
        """Occurrences of enterprises' ambiguous bare names (苹果, 浪潮), to be confirmed."""
        if self._weak is None:
            return []
        return [Hit(end - n + 1, end + 1, e, text[end - n + 1:end + 1])
                for end, (n, e) in self._weak.iter(text)]

    def lookup(self, name: str) -> Entry | None:
        """The row one of whose names is ``name`` (folded), if any."""
        return self._by_name.get(fold(name))

    def official_name(self, key: str) -> str | None:
        """The ``name`` of the row keyed ``key`` (``zone:liangjiang`` → 重庆两江新区), if any."""
        entry = self.entries.get(key)
        return entry.name if entry else None

    def english_name(self, key: str) -> str | None:
        """The row's official English name (``name_en`` in ``data/``), if it has one."""
        entry = self.entries.get(key)
        return (entry.attrs.get("name_en") or None) if entry else None

    def find(self, text: str, accept: Callable[[int, int], bool] | None = None) -> list[Hit]:
        """Leftmost-longest, non-overlapping occurrences of any name in ``text``.

        ``accept(start, end)`` drops an occurrence before overlaps are settled, so that a
        rejected one (亚东 in 南亚东南亚, not a word there) hides nothing (东南亚).
        """
        found = []
        for end, (length, entry) in self._automaton.iter(text):
            start = end - length + 1
            if accept is None or accept(start, end + 1):
                found.append((start, end + 1, entry))
        return [Hit(a, b, e, text[a:b]) for a, b, e in leftmost_longest(found)]

    def zones(self) -> list[Entry]:
        """The 19 zones' rows (asked for by every document: kept, not searched again)."""
        if self._zones is None:
            self._zones = [e for e in self.entries.values() if e.type == "Zone"]
        return self._zones


def _read_rows(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ZoneGraphError(f"{path}:{n}: not JSON ({exc.msg})") from None
            if not row.get("id") or not row.get("name"):
                raise ZoneGraphError(f"{path}:{n}: a row needs an 'id' and a 'name'")
            rows.append(row)
    return rows


@lru_cache(maxsize=4)
def load_gazetteer(directory: str = "") -> Gazetteer:
    """Load every gazetteer file of ``directory`` (default: ``data_dir()``)."""
    base = Path(directory) if directory else data_dir()
    entries: list[Entry] = []
    for filename, etype in FILES.items():
        path = base / filename
        if not path.exists():
            continue
        kind = filename.split(".")[0].rstrip("s").replace("government_bodie", "gov")
        for row in _read_rows(path):
            attrs = {k: v for k, v in row.items() if k not in ("id", "name", "aliases")}
            entries.append(Entry(key=f"{kind}:{row['id']}", type=etype, name=row["name"],
                                 aliases=tuple(row.get("aliases") or ()), attrs=attrs))
    return Gazetteer(entries)


@lru_cache(maxsize=4)
def load_surnames(directory: str = "") -> frozenset[str]:
    """Chinese surnames (one per line in ``data/surnames.txt``), for recognising names."""
    path = (Path(directory) if directory else data_dir()) / "surnames.txt"
    if not path.exists():
        return frozenset()
    return frozenset(s.strip() for s in path.read_text(encoding="utf-8").splitlines()
                     if s.strip() and not s.startswith("#"))
