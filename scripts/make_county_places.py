"""Add China's county-level divisions to data/places.jsonl.

    pip download --no-deps cpca==0.5.5 -d /tmp/cpca      # MIT; only its CSV is used
    unzip -o /tmp/cpca/cpca-0.5.5-py3-none-any.whl 'cpca/resources/adcodes.csv' -d /tmp/cpca
    .venv/bin/python scripts/make_county_places.py /tmp/cpca/cpca/resources/adcodes.csv

``adcodes.csv`` (``adcode,name,longitude,latitude``) lists China's divisions by their
12-digit National Bureau of Statistics division code: digits 1-2 name the province, 3-4
the prefecture, 5-6 the county. ZoneGraph does not depend on cpca: this script reads the
CSV once and writes plain rows.

A county-level row is one whose code ends in ``000000`` with digits 5-6 not ``00``. Each
becomes ``{"id": "cn-<6 digits>", "name", "aliases", "kind", "parent", "source"}``:
``kind`` is ``district`` for names ending in 区 and ``county`` otherwise; ``parent`` is the
hand-made row of its prefecture city (matched by the CSV's prefecture name against row
names and aliases), else of its province, else ``""``.

A name is left out when it cannot stand for one thing or would match other text:

- it is already a name, alias or weak alias of a row of any gazetteer file (zones
  included: a zone's own name is never a place), or it occurs more than once among the
  CSV's county-level rows (鼓楼区, 朝阳区: we could not tell which one a text means);
- its province already has hand-made district rows (北京, 天津, 上海, 重庆 are complete
  there, so the CSV's other names for them are older names of the same places);
- it is not a 县/区/市/旗 (the three island groups of 三沙);
- a 区 with a one-character stem (东区, 西区: any town or park has one);
- a two-character name whose first character jieba's dictionary tags as a function word
  (和县: 各市和县 is cut 各市/和县);
- its stem is a common word that jieba's dictionary tags as a verb, adjective, adverb,
  numeral, direction or the like, with a dictionary frequency of at least 500 (合作市,
  解放区, 新兴区: 合作市场, 解放区域, 新兴区域);
- a three-character name of a modifier (an adjective, direction, numeral … in jieba's
  dictionary) and a common area word (老城区, 古城区, 上城区, 天全县: 老城区改造, 今天全县).

Alias: the name without its final 县/区/市/旗 (without 矿区/林区/特区/新区: 神农架林区 →
神农架; none for autonomous counties, whose short form drops the peoples' names too), kept
when that stem has at least two characters, is no name of any gazetteer row, no other
division of the CSV has a name starting with it (和田 is 和田市, 和田县 and 和田地区), jieba's
dictionary tags it as a place (``ns``), and it is not a word first: both its characters
generic ones of direction, size, water, hills or town parts (南海, 江南, 路桥, 浦江), found in
as many documents as a common word (jieba's IDF below 8.6: 新建, 商城), or the given name of
three or more people in jieba's dictionary (永康: 钱永康 is cut 钱/永康). Every name and stem
left out is printed with its reason.

The rules read jieba's dictionary and IDF table from the ``jieba`` package (the test extra
of pyproject.toml; rjieba uses the same dictionary) and the surnames from data/.

The output is sorted by id and deterministic: rows this script wrote before are replaced,
hand-made rows are kept byte for byte, and a second run changes nothing.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

import rjieba

DATA = Path(__file__).resolve().parent.parent / "data"
SOURCE = "国家统计局统计用区划代码（县级，经 cpca 0.5.5 adcodes.csv，MIT）"
GAZETTEERS = ("zones.jsonl", "places.jsonl", "government_bodies.jsonl", "enterprises.jsonl",
              "institutions.jsonl")
SUFFIXES = "县区市旗"
#: 区 of a special kind, dropped whole from a short form (峰峰矿区 → 峰峰)
TWO_CHARACTER_SUFFIXES = ("矿区", "林区", "特区", "新区")
GENERATED_ID = re.compile(r"cn-\d{6}")
#: jieba part-of-speech tags of words that are no names: verbs, adjectives, adverbs,
#: conjunctions, numerals, measure words, directions, places-by-position, times, pronouns …
COMMON_TAGS = ("v", "vn", "vd", "a", "ad", "an", "b", "c", "d", "f", "m", "mq", "p", "q",
               "r", "s", "t", "u")
FUNCTION_TAGS = ("c", "p", "r", "d", "u")
COMMON_FREQ = 500
#: characters of directions, size, age, water, hills, parts of a town and world regions: a
#: stem made of two of them describes rather than names (南海, 江南, 城东, 路桥, 浦江), or is
#: read across a list of regions (亚东 in 南亚东南亚)
GENERIC_MORPHEMES = frozenset("东南西北中上下前后内外大小新老古高长太天平原江河湖海浦山川城关桥街路港口滨临沿"
                              "亚欧美非")
#: a stem found in more documents than this (jieba's idf below it: 新建, 中原, 商城) is a
#: common word; county names alone are rarer
COMMON_IDF = 8.6
#: a stem that jieba's dictionary lists as the given name of this many people (王永康 …)
#: would match inside a person's name (钱永康 is cut 钱/永康)
GIVEN_NAME_PEOPLE = 3
#: tags of a character that modifies the word after it: adjectives, directions, numerals …
MODIFIER_TAGS = ("a", "b", "d", "f", "m", "q")
DIRECTIONS = "东南西北"


def jieba_dictionary() -> dict[str, tuple[int, str]]:
    """jieba's dictionary (the one rjieba uses): word -> (frequency, tag)."""
    import jieba  # only for the location of its dict.txt

    words = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as fh:
        for line in fh:
            word, freq, tag = line.split()
            words[word] = (int(freq), tag)
    return words


def jieba_idf() -> dict[str, float]:
    """Inverse document frequency of words, as jieba's keyword extractor ships it."""
    import jieba

    idf = {}
    path = os.path.join(os.path.dirname(jieba.__file__), "analyse", "idf.txt")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, value = line.split()
            idf[word] = float(value)
    return idf


def read_surnames(path: Path) -> list[str]:
    """The one-character surnames of data/surnames.txt."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return sorted({s.strip() for s in lines if len(s.strip()) == 1 and not s.startswith("#")})


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def names_of(row: dict) -> list[str]:
    return [row["name"], *(row.get("aliases") or ()), *(row.get("weak_aliases") or ())]


def is_place_word(word: str) -> bool:
    """jieba's dictionary tags ``word`` as a place name, as one word."""
    pairs = rjieba.tag(word)
    return len(pairs) == 1 and pairs[0][1].startswith("ns")


def short_form(name: str) -> str:
    """The name without its suffix (皋兰县 → 皋兰, 神农架林区 → 神农架); "" for an
    autonomous county, whose short form drops the peoples' names too."""
    if name.endswith(("自治县", "自治旗")):
        return ""
    if name.endswith(TWO_CHARACTER_SUFFIXES):
        return name[:-2]
    return name[:-1] if name[-1] in SUFFIXES else ""


def county_rows(adcodes: list[dict], hand: list[dict], claimed: set[str],
                dictionary: dict[str, tuple[int, str]], idf: dict[str, float],
                surnames: list[str]) -> tuple[list[dict], dict, list]:
    """The new rows, the names skipped (by reason) and the stems dropped."""
    by_code = {r["adcode"]: r["name"] for r in adcodes}
    counties = [r for r in adcodes if r["adcode"][6:] == "000000" and r["adcode"][4:6] != "00"]
    seen = Counter(r["name"] for r in counties)

    def hand_id(name: str, kind: str) -> str:
        ids = sorted({r["id"] for r in hand if r["kind"] == kind and name in (r["name"], *r["aliases"])})
        return ids[0] if len(ids) == 1 else ""

    complete = {r["parent"] for r in hand if r["kind"] == "district"}
    common = {w for w, (f, t) in dictionary.items() if f >= COMMON_FREQ and not t.startswith("ns")}

    def generic(name: str) -> bool:
        # 老城区, 上城区, 天全县: a modifier (老, 上, 南 …) before a common word for an area
        # (城区, 全县): the name is also a phrase of running text (老城区改造, 今天全县)
        head, rest = name[0], name[1:]
        if len(name) != 3 or rest not in common:
            return False
        return head in DIRECTIONS or dictionary.get(head, (0, ""))[1] in MODIFIER_TAGS

    skipped: dict[str, list[str]] = {}
    kept = []
    for r in sorted(counties, key=lambda r: r["adcode"]):
        name, code = r["name"], r["adcode"]
        stem = name[:-1]
        province = hand_id(by_code.get(code[:2] + "0" * 10, ""), "province")
        stem_word = dictionary.get(stem)
        reason = ""
        if name in claimed:
            reason = "already a gazetteer name"
        elif seen[name] > 1:
            reason = "several places share the name"
        elif province and province in complete:
            reason = "province listed by hand"
        elif name[-1] not in SUFFIXES:
            reason = "not a 县/区/市/旗"
        elif name[-1] == "区" and len(stem) < 2:
            reason = "generic one-character 区"
        elif len(name) == 2 and dictionary.get(stem, (0, ""))[1] in FUNCTION_TAGS:
            reason = "first character a function word"
        elif len(stem) >= 2 and stem_word and stem_word[0] >= COMMON_FREQ \
                and stem_word[1] in COMMON_TAGS:
            reason = "stem a common word"
        elif generic(name):
            reason = "a modifier and a common area word"
        if reason:
            skipped.setdefault(reason, []).append(name)
            continue
        prefecture = by_code.get(code[:4] + "0" * 8, "")
        city = hand_id(prefecture, "city")
        if city and next(h for h in hand if h["id"] == city)["parent"] != province:
            city = ""  # a city of another province: not this county's
        kept.append({"code": code[:6], "name": name, "parent": city or province})

    # stems: place words no other division of the CSV or row of the gazetteers claims
    all_names = [r["name"] for r in adcodes]
    dropped = []
    rows = []
    for k in kept:
        name = k["name"]
        stem = short_form(name)
        aliases = []
        if len(stem) >= 2:
            why = ""
            if stem in claimed:
                why = "a gazetteer name"
            elif any(n != name and n.startswith(stem) for n in all_names):
                why = "starts another division's name"
            elif not is_place_word(stem):
                why = "not a place word"
            elif len(stem) == 2 and all(c in GENERIC_MORPHEMES for c in stem):
                why = "a description (both characters generic)"
            elif idf.get(stem, COMMON_IDF) < COMMON_IDF:
                why = "a common word (in many documents)"
            elif sum(dictionary.get(s + stem, (0, ""))[1].startswith("nr") for s in surnames) \
                    >= GIVEN_NAME_PEOPLE:
                why = "a given name too"
            if why:
                dropped.append((stem, why))
            else:
                aliases.append(stem)
        rows.append({"id": f"cn-{k['code']}", "name": name, "aliases": aliases,
                     "kind": "district" if name.endswith("区") else "county",
                     "parent": k["parent"], "source": SOURCE})
    return rows, skipped, dropped


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("adcodes", type=Path, help="cpca/resources/adcodes.csv of cpca 0.5.5")
    ap.add_argument("--data", type=Path, default=DATA, help="gazetteer folder (default: data/)")
    ap.add_argument("--quiet", action="store_true", help="print the counts only")
    args = ap.parse_args(argv)

    with args.adcodes.open(encoding="utf-8", newline="") as fh:
        adcodes = list(csv.DictReader(fh))
    places_path = args.data / "places.jsonl"
    lines = [line for line in places_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    hand_lines = {}
    for line in lines:
        row = json.loads(line)
        if not (GENERATED_ID.fullmatch(row["id"]) and row.get("source") == SOURCE):
            hand_lines[row["id"]] = line
    hand = [json.loads(line) for line in hand_lines.values()]
    claimed = {n for row in hand for n in names_of(row)}
    for filename in GAZETTEERS:
        if filename != "places.jsonl":
            claimed |= {n for row in read_jsonl(args.data / filename) for n in names_of(row)}

    rows, skipped, dropped = county_rows(adcodes, hand, claimed, jieba_dictionary(), jieba_idf(),
                                      read_surnames(args.data / "surnames.txt"))
    clash = sorted(set(hand_lines) & {r["id"] for r in rows})
    if clash:
        sys.exit(f"ids taken by hand-made rows: {clash}")
    out = dict(hand_lines)
    out.update({r["id"]: json.dumps(r, ensure_ascii=False) for r in rows})
    text = "".join(out[i] + "\n" for i in sorted(out))
    changed = text != places_path.read_text(encoding="utf-8")
    if changed:
        places_path.write_text(text, encoding="utf-8")

    print(f"{len(rows)} county-level rows ({sum(1 for r in rows if r['aliases'])} with an alias), "
          f"{len(hand)} hand-made rows kept; places.jsonl {'rewritten' if changed else 'unchanged'}")
    for reason, names in sorted(skipped.items()):
        print(f"skipped, {reason}: {len(names)}" + ("" if args.quiet else ": " + " ".join(names)))
    by_why: dict[str, list[str]] = {}
    for stem, why in dropped:
        by_why.setdefault(why, []).append(stem)
    for why, stems in sorted(by_why.items()):
        print(f"stems dropped, {why}: {len(stems)}" + ("" if args.quiet else ": " + " ".join(stems)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
