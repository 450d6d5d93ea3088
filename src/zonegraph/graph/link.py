"""Link mentions into entities: one node per real-world thing, every surface form kept.

Keys decide identity. Gazetteer rows key by their id (``zone:liangjiang``), a zone's organs
by zone and organ (``organ:liangjiang:管委会``), people by name and the organization of
their post, everything else by type and folded name. Within a document, short forms are
merged into the full name they abbreviate (扬子检安公司 → 南京扬子检修安装有限责任公司,
研创园 → 江北新区研创园); each merge records the rule that made it, so it can be audited.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..extract.model import Extraction, Mention
from ..ingest.normalize import fold, to_simplified

_LEGAL = re.compile(r"(?:集团)?(?:股份)?有限(?:责任)?公司$|股份公司$")
_ORDINAL = re.compile(r"^(?:(?:19|20)\d{2}年?)?第?[\d一二三四五六七八九十]*届?")
# What names a unit of the body named before it (办公厅, 统战部, 分行).
_UNIT = re.compile(r"[\u4e00-\u9fff]{0,6}(?:办公厅|办公室|部|局|处|中心|分行|支行|分公司)")
_PAREN = re.compile(r"[(（][^()（）]{1,8}[)）]")
_PAREN_MARKS = re.compile(r"[(（)）]")
#: Words a fund's or program's name may drop from its middle and stay itself
#: (某某股权投资试点基金 is 某某股权投资基金); a place or a kind cut out makes another thing.
_FILLERS = {"试点", "投资", "产业投资", "股权投资", "发展", "专项", "引导"}
#: Form words a company's legal name may bracket (某某（集团）有限公司, 某某投资（控股）公司).
_BRACKETED_FORMS = ("集团", "控股", "股份")
#: Keys that are already an identity (gazetteer rows, zone organs, people): never merged away.
FIXED_KEYS = ("zone:", "place:", "gov:", "enterprise:", "institution:", "organ:", "person:")
MERGEABLE = {"Enterprise", "Institution", "GovernmentBody", "Park", "Fund", "Event", "Program",
             "Policy", "Place"}


@dataclass
class Entity:
    key: str
    type: str
    label: str
    aliases: set[str] = field(default_factory=set)
    merged_by: set[str] = field(default_factory=set)
    gazetteer_id: str = ""
    name_en: str = ""  # the official English name (gazetteer rows that have one)
    amount: float | None = None
    date: str = ""
    confidence: float = 0.0

    def add_name(self, name: str) -> None:
        name = name.strip()
        if not name or name == self.label:
            return
        # the fullest form is the label; the others are aliases
        if self.gazetteer_id == "" and len(name) > len(self.label):
            self.aliases.add(self.label)
            self.label = name
        else:
            self.aliases.add(name)


@dataclass
class Linked:
    """A document's entities and, for every mention, the key of its entity."""

    entities: dict[str, Entity] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)  # id(mention) -> entity key

    def key_of(self, mention: Mention) -> str:
        return self.keys[id(mention)]


#: Key prefixes of gazetteer rows (the rest of the key is the row's id).
GAZETTEER_KEYS = ("zone", "place", "gov", "enterprise", "institution")


#: Organ words written out in full, keyed as their usual short form (河北雄安新区管理委员会 is
#: 河北雄安新区管委会).
ORGAN_SHORT = {"管理委员会": "管委会", "党的工作委员会": "党工委"}


def base_key(m: Mention) -> str:
    """A mention's identity before merging: its own key, else ``name:<Type>:<folded name>``."""
    if m.key.startswith("organ:"):
        zone, _, organ = m.key[len("organ:"):].partition(":")
        return f"organ:{zone}:{ORGAN_SHORT.get(organ, organ)}"
    if m.key:
        return m.key
    return f"name:{m.type}:{fold(m.name or m.text)}"


def _is_subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


def abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is a short form of ``full`` (农行天津市分行 of 中国农业银行天津市分行)."""
    if len(short) < 3 or len(short) >= len(full) or short == full:
        return False
    if full.startswith(short) and _UNIT.fullmatch(full[len(short):]):
        return False  # 某省人民政府办公厅 is a unit of 某省人民政府, not another name of it
    core_full = _PAREN.sub("", full)
    # 江城明珠（集团）有限公司 is 明珠集团, 江城明珠集团: the bracketed form word read out
    opened = _PAREN_MARKS.sub("", full)
    if opened != full and short.endswith(_BRACKETED_FORMS) and short in opened and len(short) >= 4:
        return True
    # 湖南大学 / 湖南师范大学, 中国银行 / 中国农业银行: a name that is another with one whole
    # piece cut from its middle is a different thing of the same kind
    for i in range(2, len(short) - 1):
        if core_full.startswith(short[:i]) and core_full.endswith(short[i:]) and len(core_full) > len(short) \
                and core_full[i:len(core_full) - len(short) + i] not in _FILLERS:
            return False
    if short in core_full:
        return short[-2:] == core_full[-2:] or len(short) >= 4
    same_tail = short[-2:] == full[-2:] or (short.endswith("公司") and _LEGAL.search(full))
    # 华交会 of 第32届华东进出口商品交易会: an event's short name keeps its first and last words
    event_like = short[-1] == full[-1] == "会" and short[0] == _ORDINAL.sub("", core_full)[:1]
    return bool(same_tail or event_like) and short[0] in core_full[:6] and _is_subsequence(short, core_full)


def link_document(extractions: list[Extraction], doc_sha: str, zone_names: dict[str, str]) -> Linked:
    """Resolve the mentions of all articles of one document into entities."""
    linked = Linked()
    mentions = [m for ex in extractions for m in ex.mentions]
    # relation ends and post organizations can be mentions of their own (a zone named
    # at the head of a longer name, a zone organ implied by a title)
    seen = {id(m) for m in mentions}
    for ex in extractions:
        for extra in [p.organization for p in ex.posts] + [x for r in ex.relations for x in (r.subject, r.object)]:
            if id(extra) not in seen:
                seen.add(id(extra))
                mentions.append(extra)
    # people: keyed by name + organization of their post
    person_org: dict[str, str] = {}
    for ex in extractions:
        for post in ex.posts:
            person_org.setdefault(fold(post.person.text), base_key(post.organization))
    raw: dict[str, str] = {}
    for m in mentions:
        if m.type == "Person":
            # 孫霞 and 孙霞 are one name: people are keyed by the folded form
            name = fold(m.text)
            raw[id(m)] = f"person:{name}|{person_org.get(name, 'doc:' + doc_sha[:16])}"
        else:
            raw[id(m)] = base_key(m)

    # names per provisional key, to find short forms of full names
    names: dict[str, set[str]] = {}
    types: dict[str, str] = {}
    everything = mentions
    for m in everything:
        k = raw[id(m)]
        names.setdefault(k, set()).add(m.name or m.text)
        types[k] = m.type
    keys = sorted(names, key=lambda k: -max(len(n) for n in names[k]))
    merge = _short_forms(keys, {k: max(names[k], key=len) for k in keys}, types, zone_names)
    for m in everything:
        k = raw[id(m)]
        rule = ""
        while k in merge:
            k, rule = merge[k]
        linked.keys[id(m)] = k
        ent = linked.entities.get(k)
        if ent is None:
            gid = k.split(":", 1)[1] if k.split(":", 1)[0] in GAZETTEER_KEYS else ""
            ent = Entity(key=k, type=m.type, label=m.name or m.text, gazetteer_id=gid)
            linked.entities[k] = ent
        ent.add_name(m.name or m.text)
        if m.name and m.text != m.name:
            ent.add_name(m.text)
        ent.add_name(to_simplified(m.text))  # 兩江新區 is also found as 两江新区
        if rule:
            ent.merged_by.add(rule)
        ent.confidence = max(ent.confidence, m.confidence)
    for ex in extractions:
        for m in ex.mentions:
            ent = linked.entities[linked.keys[id(m)]]
            if id(m) in ex.amounts and ent.amount is None:
                ent.amount = ex.amounts[id(m)]
            if id(m) in ex.dates and not ent.date:
                ent.date = ex.dates[id(m)]
    for ent in linked.entities.values():
        ent.aliases.discard(ent.label)
    return linked


def _short_forms(keys: list[str], fullest: dict[str, str], types: dict[str, str],
                 zone_names: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Which keys are short forms of which: ``{short key: (full key, rule)}``.

    ``keys`` come longest name first; a key merges into the first key before it of its type
    whose name it is a short form of. Only keys that could be are tried: those whose name
    without its zone is this name (``zone-prefix``), and those whose name holds every
    character of this name (``abbreviates`` asks no less), found through an index of the
    keys seen so far by type and character. So a document of many articles costs about
    its number of names, where comparing every pair cost their square.
    """
    merge: dict[str, tuple[str, str]] = {}
    by_core: dict[tuple[str, str], list[int]] = {}  # (type, name without its zone) -> keys
    by_char: dict[tuple[str, str], set[int]] = {}  # (type, character) -> keys
    cores = {}
    for i, k in enumerate(keys):
        kind, short = types[k], fullest[k]
        if kind in MERGEABLE and not k.startswith(FIXED_KEYS):
            found = set(by_core.get((kind, short), ()))
            if short.startswith("新区"):
                found.update(by_core.get((kind, short[2:]), ()))
            postings = sorted((by_char.get((kind, ch), set()) for ch in set(short)), key=len)
            if len(short) >= 3 and postings and postings[0]:
                found |= postings[0].intersection(*postings[1:])
            for j in sorted(found):
                full_key = keys[j]
                if full_key in merge:
                    continue
                rule = ""
                if cores[full_key] and short in (cores[full_key], "新区" + cores[full_key]):
                    rule = "zone-prefix"
                elif abbreviates(short, fullest[full_key]):
                    rule = "short-form"
                if rule:
                    merge[k] = (full_key, rule)
                    break
        if kind in MERGEABLE:
            cores[k] = _strip_zone(fullest[k], zone_names)
            if cores[k]:
                by_core.setdefault((kind, cores[k]), []).append(i)
            for ch in set(fullest[k]):
                by_char.setdefault((kind, ch), set()).add(i)
    return merge


def _strip_zone(name: str, zone_names: dict[str, str]) -> str:
    """``name`` without a leading zone name (江北新区研创园 → 研创园), or ''."""
    for form in zone_names:
        if name.startswith(form) and len(name) > len(form) + 1:
            return name[len(form):]
    return ""
