"""One name per thing: an entity's canonical label, its other names, and words that are
never names.

Every document writes its entities' names into its own named graph, and the store's
default graph is the union of those graphs. An entity two documents labelled differently
would carry two ``rdfs:label``s there, one per document (and a server built from the named
graphs alone would show the same). So the label is a function of what identifies the
entity, never of the document that happened to name it:

* a gazetteer row (zone, place, central body, enterprise, institution): its official
  ``name`` from ``data/``;
* a zone's organ (``organ:liangjiang:管委会``): the zone's official name and the organ
  (重庆两江新区管委会, whether a document wrote 两江新区管委会 or 重慶兩江新區管委會);
* anything else, keyed by its folded name: that name in its display form (simplified,
  NFKC, Chinese brackets, no quotes), which every form folding to the key shares.

Every other form the documents used (short forms, forms without the province, the
traditional forms as written) is an alias. Generic words and references (新区, 本区, 双方,
管委会, 园区 …) are never a name: the extractor may use them to link a relation to the thing
they refer to, but they are dropped from names, and an entity named only by one is dropped.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable

from ..ingest.normalize import fold, to_simplified
from .link import GAZETTEER_KEYS, Entity

#: Language tags of the names: canonical labels are simplified Chinese; a form that differs
#: from its simplified form is traditional; official English names are ``en``.
SIMPLIFIED, TRADITIONAL, ENGLISH = "zh-Hans", "zh-Hant", "en"

#: Words that refer to a thing of a kind without naming it: in one article 新区 means that
#: article's zone, 管委会 its committee, 双方 the two parties of an agreement.
GENERIC_WORDS = frozenset("""
新区 区 方 双方 各方 公司 集团 企业 管委会 管理委员会 党工委 工委 党委 区委 区政府 市委 市政府 省委
省政府 县委 县政府 政府 人民政府 园区 产业园 基地 项目 片区 新城 平台 中心 指挥部 领导小组 工作组
推进组 专班 开发区 高新区 自贸区 示范区 试验区 保税区 基金 银行 大学 学院 医院 协会 商会 联盟
论坛 峰会 会议 大会 博览会 规划 方案 意见 通知 办法 政策 城市 国家 地区
""".split())
#: A generic word after one of these is a reference too (本区, 该公司, 全市, 两区).
_REFERRING = re.compile(r"^(?:本|该|我|全|此|这|各|两|双|三|贵|上述|前述)")
_QUOTES = re.compile(r"[\"'`《》〈〉“”‘’「」『』【】]+")
_SPACE_NEXT_TO_CJK = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")
_CJK = re.compile(r"[\u3400-\u9fff]")
#: The same names come back in document after document (zones, places, organs): the pure
#: functions below remember their answers (OpenCC takes ~15 µs a name; ``cache_clear`` resets).
_REMEMBERED = 1 << 16
_fold = lru_cache(maxsize=_REMEMBERED)(fold)
_simplified = lru_cache(maxsize=_REMEMBERED)(to_simplified)


@lru_cache(maxsize=_REMEMBERED)
def is_generic(name: str) -> bool:
    """Whether ``name`` is a generic word or a reference (新区, 该区, 双方, 公司) rather than a name."""
    if len(name) > 12:  # longer than any generic word with a referring word, quotes or spaces
        return False
    key = _fold(name)
    if not key or key in GENERIC_WORDS:
        return True
    rest = _REFERRING.sub("", key)
    return rest != key and (not rest or rest in GENERIC_WORDS or rest in ("市", "省", "县"))


@lru_cache(maxsize=_REMEMBERED)
def display_form(name: str) -> str:
    """``name`` as a label shows it: simplified, NFKC, no quotes, no space next to a Chinese
    character, Chinese brackets in Chinese names. Two forms of a name that fold alike (see
    ``normalize.fold``) have the same display form, but for the case of Latin letters."""
    text = _simplified(unicodedata.normalize("NFKC", name))
    text = _SPACE_NEXT_TO_CJK.sub("", _QUOTES.sub("", text))
    text = re.sub(r"\s+", " ", text).strip()
    if _CJK.search(text):
        text = text.replace("(", "（").replace(")", "）")
    return text


@lru_cache(maxsize=_REMEMBERED)
def script_tag(name: str) -> str:
    """``zh-Hant`` for a form written in traditional characters, else ``zh-Hans``."""
    return TRADITIONAL if _simplified(name) != name else SIMPLIFIED


def canonical_label(ent: Entity, official: Callable[[str], str | None]) -> str:
    """The label every document gives ``ent`` (see the module docstring).

    ``official(key)`` is the gazetteer's name for a gazetteer key (``zone:liangjiang``),
    or None.
    """
    kind, _, rest = ent.key.partition(":")
    if kind in GAZETTEER_KEYS and official(ent.key):
        return official(ent.key)
    if kind == "organ":
        zone_id, _, organ = rest.partition(":")
        zone = official(f"zone:{zone_id}")
        if zone:
            return zone + display_form(organ)
    if kind == "person":
        rest = rest.split("|", 1)[0]
    else:
        rest = rest.partition(":")[2] if kind == "name" else ""  # name:<Type>:<folded>
    forms = [n for n in (ent.label, *ent.aliases) if rest and _fold(n) == rest] or [ent.label]
    return min((display_form(n) for n in forms), key=lambda n: (-len(n), n))


def name_entities(entities: dict[str, Entity], official: Callable[[str], str | None],
                  english: Callable[[str], str | None] = lambda key: None) -> dict[str, Entity]:
    """Give each entity its canonical label and every other form as an alias; generic words
    are no names, and an entity with no other name is left out. Returns the entities kept.

    ``english(key)`` is a gazetteer row's official English name, or None.
    """
    kept = {}
    for key, ent in entities.items():
        names = {n for n in (ent.label, *ent.aliases) if n.strip() and not is_generic(n)}
        if not names:
            continue
        ent.label = canonical_label(ent, official)
        if is_generic(ent.label):
            continue
        ent.aliases = {n for n in names | {_simplified(n) for n in names}
                       if n != ent.label and not is_generic(n)}
        ent.name_en = english(key) or ""
        kept[key] = ent
    return kept
