"""Link mentions into entities: one node per real-world thing, every surface form kept.

Keys decide identity. Gazetteer rows key by their id (``zone:liangjiang``), a zone's organs
by zone and organ (``organ:liangjiang:管委会``), people by name and the organization of
their post, everything else by type and folded name. Within a document, short forms are
merged into the full name they abbreviate (江淮检安公司 → 合肥江淮检修安装有限责任公司,
智创园 → 江北新区智创园); each merge records the rule that made it, so it can be audited.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..extract.model import Extraction, Mention
from ..ingest.normalize import fold, to_simplified

_LEGAL = re.compile(r"(?:集团)?(?:股份)?有限(?:责任)?公司$|股份公司$")
_ORDINAL = re.compile(r"^(?:(?:19|20)\d{2}年?)?第?[\d一二三四五六七八九十]*届?")
# What names a unit of the body named before it (办公厅, 统战部, 分行, 某某司), or a part of
# the area named before it (某自贸区|某某片区).
_UNIT = re.compile(r"[\u4e00-\u9fff]{0,6}(?:办公厅|办公室|部|局|处|司|中心|分行|支行|分公司|片区|分园|分区)")
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
    """Whether ``short`` is a short form of ``full`` (农行江城市分行 of 中国农业银行江城市分行)."""
    if len(short) < 3 or len(short) >= len(full) or short == full:
        return False
    if full.startswith(short) and _UNIT.fullmatch(to_simplified(full[len(short):])):
        return False  # 某省人民政府办公厅 is a unit of 某省人民政府, not another name of it
    if re.search("关于(?:同意|印发)?" + re.escape(short) + "的", full):
        return False  # 关于某规划的批复 is the reply, 某规划 the document it is about
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
    # 广交会 of 第135届中国进出口商品交易会: an event's short name keeps its first and last words
    event_like = short[-1] == full[-1] == "会" and short[0] == _ORDINAL.sub("", core_full)[:1]
    return bool(same_tail or event_like) and short[0] in core_full[:6] and _is_subsequence(short, core_full)


def link_document(extractions: list[Extraction], doc_sha: str, zone_names: dict[str, str]) -> Linked:
    """Resolve the mentions of all articles of one document into entities."""
    linker = DocumentLinker(doc_sha, zone_names)
    provisional = {}
    for ex in extractions:
        provisional.update(linker.add(ex))
    entities, keys = linker.finish()
    return Linked(entities, {i: keys[k] for i, k in provisional.items()})


#: Ordinals of relation ends and post organizations that are not mentions of their own come
#: after every mention of the document: the order in which names were always taken.
_EXTRA = 1 << 48
#: A person's key before the document's posts are all known: ``?person:<folded name>``.
_PERSON = "?person:"


@dataclass(slots=True)
class _Seen:
    """All a document said of one provisional key, summed up as its mentions go by.

    Ordinals place each thing said in the order of the whole document's mentions (three per
    mention: its name, its surface text, that text simplified), so that the first of each
    is known without keeping the mentions.
    """

    first: int
    first_type: str
    last: int = 0
    last_type: str = ""
    confidence: float = 0.0
    #: ``m.name or m.text`` -> first ordinal; the flag says the name may be written
    #: differently elsewhere in the document (``finish(renamed=…)``)
    names: dict[tuple[str, bool], int] = field(default_factory=dict)
    also: dict[str, int] = field(default_factory=dict)  # other forms -> first ordinal
    amount: tuple[int, float] | None = None
    date: tuple[int, str] | None = None

    def named(self, renamed: dict[str, str]) -> dict[str, int]:
        """``m.name or m.text`` as the document writes it -> first ordinal."""
        out: dict[str, int] = {}
        for (name, later), at in self.names.items():
            name = renamed.get(name, name) if later else name
            out[name] = min(at, out.get(name, at))
        return out

    def absorb(self, other: "_Seen") -> None:
        """Take in what another provisional key of the same entity key said."""
        if other.first < self.first:
            self.first, self.first_type = other.first, other.first_type
        if other.last > self.last:
            self.last, self.last_type = other.last, other.last_type
        self.confidence = max(self.confidence, other.confidence)
        for mine, theirs in ((self.names, other.names), (self.also, other.also)):
            for name, at in theirs.items():
                _earliest(mine, name, at)
        self.amount = min(filter(None, (self.amount, other.amount)), default=None)
        self.date = min(filter(None, (self.date, other.date)), default=None)


class DocumentLinker:
    """Links a document's mentions an article at a time, holding one summary per distinct
    name (``_Seen``), never the mentions: a newsletter archive of thousands of articles is
    linked in the memory of its distinct names.

    ``add`` takes an article's extraction and gives each of its mentions (and relation ends
    and post organizations, by ``id``) a provisional key; ``finish``, once every article is
    in, gives the entities and the entity key of each provisional key — the same as linking
    all articles at once: a short form in the first article still merges into a full name
    in the last, a person is keyed by the first post the document gives them.
    """

    def __init__(self, doc_sha: str, zone_names: dict[str, str]):
        self._doc = "doc:" + doc_sha[:16]
        self._zone_names = zone_names
        self._seen: dict[str, _Seen] = {}
        self._person_org: dict[str, str] = {}
        self._mentions = self._extras = 0

    def add(self, ex: Extraction, renamed: bool = False) -> dict[int, str]:
        """Take one article in; ``renamed``: its mentions' names may be written differently
        elsewhere in the document (see ``finish``)."""
        for post in ex.posts:
            self._person_org.setdefault(fold(post.person.text), base_key(post.organization))
        keys: dict[int, str] = {}
        for m in ex.mentions:
            self._mentions += 1
            keys[id(m)] = seen = self._see(m, 3 * self._mentions, renamed)
            if id(m) in ex.amounts and ex.amounts[id(m)] is not None:
                summary = self._seen[seen]
                summary.amount = summary.amount or (3 * self._mentions, ex.amounts[id(m)])
            if ex.dates.get(id(m)):
                summary = self._seen[seen]
                summary.date = summary.date or (3 * self._mentions, ex.dates[id(m)])
        # relation ends and post organizations can be mentions of their own (a zone named
        # at the head of a longer name, a zone organ implied by a title)
        for extra in [p.organization for p in ex.posts] + [x for r in ex.relations
                                                          for x in (r.subject, r.object)]:
            if id(extra) not in keys:
                self._extras += 1
                keys[id(extra)] = self._see(extra, 3 * (_EXTRA + self._extras), False)
        return keys

    def _see(self, m: Mention, at: int, renamed: bool) -> str:
        # 孫雯 and 孙雯 are one name: people are keyed by the folded form
        key = _PERSON + fold(m.text) if m.type == "Person" else base_key(m)
        seen = self._seen.get(key)
        if seen is None:
            seen = self._seen[key] = _Seen(at, m.type, at, m.type)
        elif at < seen.first:  # a mention after an earlier article's relation end
            seen.first, seen.first_type = at, m.type
        if at > seen.last:
            seen.last, seen.last_type = at, m.type
        seen.confidence = max(seen.confidence, m.confidence)
        _earliest(seen.names, (m.name, renamed) if m.name else (m.text, False), at)
        if m.name:
            _earliest(seen.also, m.text, at + 1)
        _earliest(seen.also, to_simplified(m.text), at + 2)
        return key

    def finish(self, renamed: dict[str, str] | None = None) -> tuple[dict[str, Entity], dict[str, str]]:
        """The document's entities, and the entity key of every provisional key.

        ``renamed``: names as the document writes them (``build.document``), for names of
        mentions added with ``renamed=True``.
        """
        renamed = renamed or {}
        raw: dict[str, str] = {}  # provisional key -> key before merging
        merged: dict[str, _Seen] = {}
        for key, seen in self._seen.items():
            if key.startswith(_PERSON):
                name = key[len(_PERSON):]
                raw[key] = f"person:{name}|{self._person_org.get(name, self._doc)}"
            else:
                raw[key] = key
            if raw[key] in merged:
                merged[raw[key]].absorb(seen)
            else:
                merged[raw[key]] = seen
        # names per key, to find short forms of full names (each set filled in document
        # order, as it always was: the longest of equally long names is the first met)
        order = sorted(merged, key=lambda k: merged[k].first)
        names = {}
        for k in order:
            named = merged[k].named(renamed)
            names[k] = set(sorted(named, key=named.get))
        keys = sorted(names, key=lambda k: -max(len(n) for n in names[k]))
        merge = _short_forms(keys, {k: max(names[k], key=len) for k in keys},
                             {k: merged[k].last_type for k in keys}, self._zone_names)
        final: dict[str, tuple[str, str]] = {}  # key before merging -> (entity key, rule)
        for k in order:
            to, rule = k, ""
            while to in merge:
                to, rule = merge[to]
            final[k] = to, rule
        groups: dict[str, list[str]] = {}
        for k in order:
            groups.setdefault(final[k][0], []).append(k)
        entities = {key: _entity(key, [merged[k] for k in group], {final[k][1] for k in group},
                                 renamed)
                    for key, group in groups.items()}
        return entities, {p: final[k][0] for p, k in raw.items()}


def _earliest(seen: dict, name, at: int) -> None:
    seen[name] = min(at, seen.get(name, at))


def _entity(key: str, said: list[_Seen], rules: set[str], renamed: dict[str, str]) -> Entity:
    """One entity from what its keys said, its names taken in document order."""
    forms = sorted([(at, n) for s in said for n, at in s.named(renamed).items()]
                   + [(at, n) for s in said for n, at in s.also.items()])
    first = min(said, key=lambda s: s.first)
    prefix = key.split(":", 1)[0]
    ent = Entity(key=key, type=first.first_type, label=forms[0][1],
                 gazetteer_id=key.split(":", 1)[1] if prefix in GAZETTEER_KEYS else "")
    for _, name in forms:
        ent.add_name(name)
    ent.merged_by = rules - {""}
    ent.confidence = max(s.confidence for s in said)
    amounts = [s.amount for s in said if s.amount]
    ent.amount = min(amounts)[1] if amounts else None
    dates = [s.date for s in said if s.date]
    ent.date = min(dates)[1] if dates else ""
    ent.aliases.discard(ent.label)
    return ent


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
    """``name`` without a leading zone name (江北新区智创园 → 智创园), or ''."""
    for form in zone_names:
        if name.startswith(form) and len(name) > len(form) + 1:
            return name[len(form):]
    return ""
