"""References to something named earlier: 该区, 双方, 该公司, 两地 … and what they refer to.

News names a party once and then refers to it: "甲公司与乙新区签署协议……双方将共建…",
"该公司落户新区", "两地携手…". A relation stated at such a reference holds for the thing
named earlier (its antecedent). A reference is never a name: it becomes no mention and no
alias. Relation rules read it as a stand-in mention (``Reference.stand_ins``) carrying the
antecedent's type and name, and ``resolve`` then moves every relation found at a stand-in
onto the antecedent itself.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from .model import Mention, Relation

#: The article's own zone (新区 alone is already read as the zone by the resolver).
_ZONE = "该新区|该区|本区|全区|我区"
#: One organization named earlier, by the kind it is: word → the types it may refer to.
SINGLE = {
    "集团公司": ("Enterprise",), "该公司": ("Enterprise",), "本公司": ("Enterprise",),
    "该企业": ("Enterprise",), "该集团": ("Enterprise",), "公司": ("Enterprise",),
    "集团": ("Enterprise",), "该基金": ("Fund",), "本基金": ("Fund",), "基金": ("Fund",),
    "该园区": ("Park",), "园区": ("Park",), "该园": ("Park",), "该校": ("Institution",),
    "该院": ("Institution",), "该中心": ("Institution",), "商会": ("Institution",),
    "协会": ("Institution",), "该行": ("Enterprise",), "该基地": ("Park",),
    "该市": ("Place",), "该省": ("Place",), "该县": ("Place",),
    "这家企业": ("Enterprise",), "这家公司": ("Enterprise",), "该银行": ("Enterprise",),
    "该大学": ("Institution",), "该实验室": ("Institution",), "该研究院": ("Institution",),
    "该机构": ("Institution",),
}
#: The place a sentence is about, after 在 (青溪大学城位于…。在这里,他前往甲园): the place that
#: opens the sentence before, else the last place named.
HERE = ("这里", "此地", "这儿")
#: Several parties named earlier: word → how many (0: all parties of the last joint act).
GROUP = {"双方": 2, "两地": 2, "两区": 2, "三方": 3, "三地": 3, "各方": 0, "多方": 0}
_PARTIES = {"Zone", "Enterprise", "Institution", "GovernmentBody", "Park", "Place"}
_PLACES = {"Zone", "Place"}
_WORDS = re.compile("|".join(sorted([_ZONE, *SINGLE, *GROUP, *HERE], key=len, reverse=True)))
_SITES = ("Park", "Place", "Zone")
#: A bare kind word (公司, 园区) is a reference only where a clause or a list starts, or
#: after a demonstrative; elsewhere it is part of a longer phrase (子公司, 产业园区).
_BARE_BEFORE = re.compile(r"(?:^|[,，。;；:：、\n“”\"(（]|与|和|同|由|该|本|此|这家|这个)$")
#: How far back (characters) an antecedent is looked for.
REACH = 1500
#: Connectives between the two parties of a joint act (甲与乙, 甲和乙).
_PAIR = re.compile(r"^(?:与|和|同|跟|及)$")


@dataclass
class Reference:
    """A reference at ``start``-``end`` and the mentions it refers to, in text order."""

    start: int
    end: int
    text: str
    antecedents: list[Mention]
    stand_ins: list[Mention] = field(default_factory=list)


def find_references(text: str, mentions: list[Mention], zone: Mention | None,
                    joint: list[Mention] | None = None,
                    span: tuple[int, int] | None = None) -> list[Reference]:
    """The references of ``text`` (or of its ``span``) outside the mentions, with their
    antecedents. ``joint`` are the parties of the last joint act stated before (甲与乙签署
    …): what 双方 and 各方 refer to first. ``mentions`` are sorted by start."""
    lo, hi = span or (0, len(text))
    words = list(_WORDS.finditer(text, lo, hi))
    if not words:
        return []
    starts = [m.start for m in mentions]
    out: list[Reference] = []
    for x in words:
        word, a, b = x.group(), x.start(), x.end()
        i = bisect.bisect_left(starts, b)
        if i and mentions[i - 1].end >= a:
            continue  # inside a name (新区公司 in 甲新区公司), or counting it (甲、乙、丙三方)
        if word in SINGLE and not word.startswith(("该", "本")) \
                and not _BARE_BEFORE.search(text[max(0, a - 2):a]):
            continue
        before = [m for m in mentions[bisect.bisect_left(starts, a - REACH):i]
                  if m.end <= a and m.type != "Person" and not m.rule.startswith("reference")]
        if word in HERE:
            # 在这里: the place the text is about; …扎根在甲区,这里还举办…: the last place
            if text[a - 1:a] == "在":
                antecedents = _topic(text, before, a)
            elif a == 0 or text[a - 1] in ",，。;；\n":
                antecedents = [m for m in before if m.type in _SITES][-1:]
            else:
                continue
        elif word in GROUP:
            antecedents = _parties(text, before, GROUP[word], word.endswith(("地", "区")), joint)
        elif word in SINGLE:
            antecedents = _last_of(before, SINGLE[word], word)
        else:
            antecedents = [zone] if zone is not None else []
        if antecedents:
            out.append(_with_stand_ins(Reference(a, b, word, antecedents)))
    return out


def _topic(text: str, before: list[Mention], at: int) -> list[Mention]:
    """The place the text was about before ``at``: the one opening the previous sentence
    (甲园位于乙区东南部,是…), else the last place named."""
    sites = [m for m in before if m.type in _SITES]
    if not sites:
        return []
    end = max(text.rfind(c, 0, at) for c in "。!?;\n")
    start = max(text.rfind(c, 0, max(end, 0)) for c in "。!?;\n") + 1
    opening = next((m for m in sites if start <= m.start <= start + 2), None)
    return [opening or sites[-1]]


def _last_of(before: list[Mention], types: tuple[str, ...], word: str) -> list[Mention]:
    """The last mention of one of ``types``; a kind word (商会, 集团) wants that kind's name."""
    head = word.removeprefix("该").removeprefix("本")
    for m in reversed(before):
        if m.type not in types:
            continue
        if head in ("商会", "协会", "集团") and not (m.name or m.text).endswith(head) \
                and head not in (m.name or m.text):
            continue
        return [m]
    return []


def _parties(text: str, before: list[Mention], n: int, places: bool,
             joint: list[Mention] | None) -> list[Mention]:
    """The parties of the last joint act before a group reference: those of the last
    cooperation stated, else the last 甲与乙 (甲、乙与丙) named together."""
    kinds = _PLACES if places else _PARTIES
    if joint and all(m.type in kinds for m in joint) and (n == 0 or len(joint) == n):
        return list(joint)
    cands = [m for m in before if m.type in kinds]
    for i in range(len(cands) - 1, 0, -1):
        a, b = cands[i - 1], cands[i]
        if _PAIR.match(text[a.end:b.start].strip()) and _distinct([a, b]):
            group = [a, b]
            j = i - 1
            while j > 0 and text[cands[j - 1].end:cands[j].start].strip() in ("、", ",", "，"):
                group.insert(0, cands[j - 1])
                j -= 1
            if n == 0 or len(group) == n:
                return group
    return []


def _distinct(ms: list[Mention]) -> bool:
    keys = [m.key or m.name or m.text for m in ms]
    return len(set(keys)) == len(keys)


def _with_stand_ins(ref: Reference) -> Reference:
    """Stand-in mentions for the antecedents, side by side where the reference is written
    (the last spans the reference, the others are empty spans at its start), so the
    relation rules read 双方 as the list 甲、乙 written there."""
    n = len(ref.antecedents)
    rule = "reference-group" if n > 1 else "reference"
    for i, m in enumerate(ref.antecedents):
        end = ref.end if i == n - 1 else ref.start
        ref.stand_ins.append(replace(m, start=ref.start, end=end, rule=rule))
    return ref


def resolve(relations: list[Relation], references: list[Reference]) -> list[Relation]:
    """Relations with every stand-in replaced by the mention it stands for."""
    real = {id(s): m for ref in references for s, m in zip(ref.stand_ins, ref.antecedents)}
    out = []
    for r in relations:
        s, o = real.get(id(r.subject), r.subject), real.get(id(r.object), r.object)
        if s is o or (s.key and s.key == o.key):
            continue
        out.append(replace(r, subject=s, object=o))
    return out
