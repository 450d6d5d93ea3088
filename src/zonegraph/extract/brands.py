"""Firms named by a brand and a trade alone, where the sentence says they are firms.

News about a zone's industry names its firms the way the trade knows them, a brand and a
line of business (某某生物, 某某基因, 某某制药), often a city or province in front (某市某某制药),
without a legal form and in words jieba does not know. The same shape is prose as often
(合成生物, 海洋生物, 发展新材料), so the shape needs a cue from the sentence:

- a city or province, the brand and the trade first in a clause (其中，某市某某制药大容量
  注射剂占…): the way a firm's full short name is written, not an industry's;
- first in a clause, before what only a firm does with what it makes or what it is said
  to be (某某基因生产的…, 某某生物开展…临床试验, 某某生物的首款…, 某某基因成立于…);
- a party to a signing (新区与某某生物、某某基因签约);
- before its project or site, after a verb (明确某某医药总部项目…);
- after a role only a firm has (链主企业某某基因落户…);
- after a clause that counts it among firms (国内首家实现…的某某生物): 家 counts firms;
- an item of a visited list made of proper words, listed with a firm (来到某某、某某公司);
- a website before its operator's facility (某某网客服中心): the firm is named by it;
- a list of names followed by their count in firms (某某、某某两家药企): every item is one,
  whatever its words, when the count is the number of items.

A span of industry words only (生物医药, 基因检测) is never a firm: the brand must be a
word of its own, not a verb, adverb, place or generic word.
"""
from __future__ import annotations

import bisect
import re

from .firms import LIST_LEAD, PROSE_TAGS, ROLE_BEFORE_NAME, TRADE
from .model import Mention
from .names import GENERIC, NOT_NAMES, POLICY_WORDS, STOP_TOKENS, word_tags
from .scan import occurrences

#: Trades as whole tokens (TRADE matches a name's end; here a token must be all trade).
_TRADE_WORDS = frozenset(TRADE.pattern[3:-2].split("|"))
#: What a firm does with what it makes, right after its name (某某基因生产的…, 某某生物开展…).
_ACT = re.compile(r"(?:自主研发|研发|生产|研制|开展|推出|获批|发布|完成|上市|的(?:全球|国内|国际|首[个款家]|"
                  r"一类|自主|核心|创新药|新药|产品|药物|技术|专利))")
#: What a firm is said to be, right after its name (某某基因成立于…, 某某生物是一家…).
_IS_FIRM = re.compile(r"成立于|创立于|创建于|始创于|注册于|总部位于|总部设在|是一家|主要从事|专注于|致力于")
#: A party's signing after its name, the other parties listed before it (新区与某某生物、
#: 某某基因签约, 某某新材料与某某生物签署…).
_SIGNS = re.compile(r"(?:、[\u4e00-\u9fff]{2,10}?)*(?:签署|签订|签约|达成|共建|携手|战略合作)")
#: A count of firms earlier in the clause (国内首家…的, 又一家…的): 家 counts firms.
_FIRM_COUNT = re.compile(r"(?:首|一|这|该|又|多|第一)家")
#: Trades that name firms rather than industries: after a city and a place word they make
#: a firm's name (某市某疆|制药), where an industry's would make an area's (上海某港|新能源).
_FIRM_TRADES = frozenset({"制药", "药业", "实业", "控股", "科技", "生物科技", "数字科技"})
#: A firm's project or site right after its name (某某医药|总部项目, 某某新材料|生产基地).
_SITE_AFTER = re.compile(r"(?:总部|研发|生产|产业化|扩产|新建)?(?:项目|基地)|总部(?!企业|经济|楼宇|型|类)")
#: What stands before a firm named by its project: a verb, a preposition, a particle, or
#: nothing (a word of another tag may be the firm's own: 江城|某某医药项目).
_BEFORE_SITE_TAGS = frozenset({"v", "vn", "ad", "d", "p", "u", "uj", "ul", "c", None})
#: jieba's tags of a brand's words before a project or after a role (重大|科技项目 is prose):
#: words it does not know and names (an abbreviation is often an industry's: 海工|装备项目).
_BRAND_TAGS = frozenset({None, "nr", "nrt", "nrfg", "nz", "nt"})
#: A role only a firm has, right before its name (链主企业|某某基因, 上市公司|某某生物).
_ROLE = re.compile(ROLE_BEFORE_NAME.pattern + "$")
#: What ends a clause: a firm's name may begin right after it.
_CLAUSE_END = set("\n，。；！？：,;!?…")
#: Words that begin a clause without being part of a name (其中，…; 同时…).
_CLAUSE_OPENERS = ("其中", "同时", "此外", "另外", "目前", "如今")
#: A list of names closed by their count in firms (某某、某某两家药企): items and count.
_COUNTED_LIST = re.compile(r"([^\s、,，。;；:：!?！？“”《》()（）]{2,10}(?:(?:、|和|及|以及)[^\s、,，。;；:：!?！？“”《》()（）和及]{2,8})+?)"
                           r"([两二三四五六七八九十]|\d+)家(?:[\u4e00-\u9fff]{0,4}?)(?:企业|公司|药企|车企|厂商|上市公司)")
#: Counts in words (两家, 三家).
_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CJK = re.compile(r"[\u4e00-\u9fff]+")
#: jieba's tags of what a counted item may be: a word it does not know, or a name.
_NAME_TAGS = frozenset({None, "nr", "nrt", "nrfg", "nz", "ns", "nt", "j"})


def _clause_start(text: str, a: int) -> bool:
    """Whether ``a`` begins a clause (after punctuation, or after 其中 and the like)."""
    if a == 0 or text[a - 1] in _CLAUSE_END:
        return True
    return any(text.endswith(w, 0, a) and (a == len(w) or text[a - len(w) - 1] in _CLAUSE_END)
               for w in _CLAUSE_OPENERS)


def _brand_word(tok: str, is_place, adverb: bool = False) -> bool:
    """Whether a token may be (part of) a brand: a word, not prose, generic, a place or a
    word of position (区内, 海外); with ``adverb``, a two-character word jieba tags as an
    adverb too (its tag for many rare words: 欣然|药业), where a verb of a firm's act follows."""
    tag = word_tags().get(tok)
    return bool(_CJK.fullmatch(tok)) and tok not in GENERIC and tok not in POLICY_WORDS \
        and tok not in NOT_NAMES and tok not in STOP_TOKENS and tok not in _TRADE_WORDS \
        and tag != "s" and (tag not in PROSE_TAGS or (adverb and tag == "d" and len(tok) == 2
                                       and not _COMMON_ADVERB.match(tok))) \
        and not is_place(tok)


#: Adverbs of prose that may open a clause before industry words (逐步|生物…).
_COMMON_ADVERB = re.compile(r"逐步|不断|持续|加快|全面|积极|大力|着力|深入|进一步|稳步|已经|正在|仍然|依然|"
                            r"同时|共同|率先|首次|再次|一直|始终|均已|相继|陆续|先后|分别|纷纷|主要|重点")
#: Verbs of a firm's act that let a brand be a word jieba tags as an adverb.
_ACT_VERB = re.compile(r"自主研发|研发|生产|研制|开展|推出|获批")


def _acting(text: str, tokens: list[tuple[int, int, str]], places: dict[int, int], is_place):
    """Spans (start, end) of brand-and-trade firms a cue of the sentence names."""
    tags = word_tags()
    for j, (s, e, tok) in enumerate(tokens):
        if tok not in _TRADE_WORDS:
            continue
        k = j
        while k + 1 < len(tokens) and tokens[k + 1][0] == tokens[k][1] \
                and tokens[k + 1][2] in _TRADE_WORDS:
            k += 1  # 某某|生物|医药: the trade goes on
        end = tokens[k][1]
        acts = bool(_ACT.match(text, end))
        adverb = acts and bool(_ACT_VERB.match(text, end))
        for i in (j - 1, j - 2):
            if i < 0:
                break
            brand = tokens[i:j]
            a = brand[0][0]
            if any(t[1] != u[0] for t, u in zip(brand, brand[1:] + [tokens[j]])) \
                    or not 2 <= s - a <= 4 or tags.get(text[a:end]) is not None:
                continue  # 人工智能: a term jieba knows is no firm
            if not all(_brand_word(t[2], is_place) for t in brand):
                if not (len(brand) == 1 and _clause_start(text, a) and _brand_word(brand[0][2], is_place, adverb)):
                    continue
            proper = any(tags.get(t[2]) != "n" for t in brand)
            # where the cue is weaker than a clause of its own, the brand is a name's word
            named = all(tags.get(t[2]) in _BRAND_TAGS for t in brand)
            place_at = places.get(a)
            if place_at is not None and _clause_start(text, place_at) and proper \
                    and (tokens[k][2] in _FIRM_TRADES
                         or not any(tags.get(t[2]) == "ns" and len(t[2]) >= 2 for t in brand)):
                yield place_at, end  # 其中，某市|某某|制药…: a firm's name as the trade writes it
                break
            if _clause_start(text, a) and (acts or _IS_FIRM.match(text, end)) and proper:
                yield a, end  # 某某基因|生产的…, 某某基因|成立于…
                break
            if proper and text[a - 1:a] in ("与", "和", "同", "、") and _SIGNS.match(text, end):
                yield a, end  # 新区与|某某生物、某某基因签约: a party to the signing
                break
            if named and _SITE_AFTER.match(text, end) and (i == 0 or tags.get(tokens[i - 1][2]) in _BEFORE_SITE_TAGS):
                yield a, end  # 明确|某某医药|总部项目…: the firm whose project or site it is
                break
            if named and _ROLE.search(text, max(0, a - 6), a):
                yield a, end  # 链主企业|某某基因…: the firm named after its role
                break
            if text[a - 1:a] == "的" and _FIRM_COUNT.search(_clause_before(text, a)) \
                    and (acts or text[end:end + 1] in _CLAUSE_END):
                yield a, end  # 国内首家实现…的|某某生物，…
                break


def _clause_before(text: str, a: int) -> str:
    """The text of the clause up to ``a``."""
    b = a
    while b > 0 and text[b - 1] not in _CLAUSE_END:
        b -= 1
    return text[b:a]


def _counted_lists(text: str):
    """Spans of the items of lists closed by their own count in firms (甲、乙两家药企)."""
    for at in occurrences(text, "家"):
        x = _COUNTED_LIST.search(text, max(0, at - 60), at + 12)
        if x is None or x.end(2) != at:
            continue
        items = re.split(r"、|以及|和|及", x.group(1))
        count = int(x.group(2)) if x.group(2).isdigit() else _COUNTS[x.group(2)]
        if len(items) != count:
            continue
        pos, spans = x.start(1), []
        for n, item in enumerate(items):
            sep = re.match(r"、|以及|和|及", text[pos + len(item):]) if n < count - 1 else None
            a, b = pos, pos + len(item)
            if n == 0:
                lead = LIST_LEAD.match(item)
                if lead and b - a - lead.end() >= 2:
                    a += lead.end()
            spans.append((a, b))
            pos = b + (sep.end() if sep else 0)
        yield from spans


#: What a website's operator has, after the site's name (某某网|客服中心, 某某网总部).
_SITE_FACILITY = re.compile(r"(?:运营|调度|客服|结算|研发|数据|物流)+(?:中心|基地)|总部")


def _websites(text: str, tokens: list[tuple[int, int, str]]):
    """Spans of websites named before their operator's facility (某某网客服中心): the
    brand and 网, a word jieba does not know or the brand's words and 网 on its own
    (互联网, 物联网, 电网 are words it knows)."""
    tags = word_tags()
    for at in occurrences(text, "网"):
        x = _SITE_FACILITY.match(text, at + 1)
        if x is None:
            continue
        i = bisect.bisect_left(tokens, (at + 1, -1, "")) - 1
        if i < 0 or tokens[i][1] != at + 1:
            continue
        s, e, tok = tokens[i]
        if tok == "网" and i > 0 and tokens[i - 1][1] == s and 2 <= len(tokens[i - 1][2]) <= 3 \
                and _CJK.fullmatch(tokens[i - 1][2]) and tokens[i - 1][2] not in GENERIC:
            yield tokens[i - 1][0], e
        elif 3 <= len(tok) <= 4 and tags.get(tok) is None and _CJK.fullmatch(tok):
            yield s, e


#: A visit's verb and the list of what is visited after it (来到甲、乙公司, 走进甲、乙).
_VISIT_VERB = re.compile(r"(?:前往|来到|走进|走访|考察|调研|参观|察看)了?")
_VISITED_LIST = re.compile(_VISIT_VERB.pattern +
                           r"([^\s、,，。;；:：!?！？“”《》()（）]{2,14}(?:、[^\s、,，。;；:：!?！？“”《》()（）]{2,14})+)")
#: jieba's tags of the words a visited firm's name is made of (广岳|云帆: a word
#: and an unknown word); a place or a common noun (车间, 展厅) is no firm.
_VISITED_TAGS = frozenset({None, "nz", "nr", "nrt", "nrfg", "j", "nt"})


def _visited_firms(text: str, tokens: list[tuple[int, int, str]], firms: list[tuple[int, int]]):
    """Spans of the items of a visited list, listed with a firm found at the head of its
    own item, that are made only of proper words (来到广电某某、某某网运营中心)."""
    for x in _VISITED_LIST.finditer(text):
        items, pos = [], x.start(1)
        for item in x.group(1).split("、"):
            items.append((pos, pos + len(item)))
            pos += len(item) + 1
        a0, b0 = items[0]
        for verb in _VISIT_VERB.finditer(text, a0, b0):  # 调研组先后走访了|某某: the last verb
            items[0] = (verb.end(), b0)
        if not any(a == s for a, _ in items for s, _ in firms):
            continue
        for a, b in items:
            if any(s < b and a < e for s, e in firms):
                continue
            i = bisect.bisect_left(tokens, (a, -1, ""))
            words = []
            while i < len(tokens) and tokens[i][1] <= b:
                words.append(tokens[i])
                i += 1
            if words and words[0][0] == a and words[-1][1] == b and len(words) <= 3 \
                    and all(_CJK.fullmatch(w) and word_tags().get(w) in _VISITED_TAGS for _, _, w in words) \
                    and any(len(w) >= 2 for _, _, w in words):
                yield a, b


def find_brand_firms(text: str, tokens: list[tuple[int, int, str]], mentions: list[Mention],
                     is_place) -> list[Mention]:
    """Firms named by a brand and a trade where a cue says so, and the items of a list
    counted as firms, that no other name covers."""
    # a site named after its firm (某某基因生产基地) leaves the firm at its head free
    taken = sorted((m.start, m.end) for m in mentions if m.type not in ("Place", "Zone")
                   and not (m.type == "Park" and m.rule.startswith("suffix:")))
    places = {m.end: m.start for m in mentions if m.type == "Place"}  # a place's end → its start
    firms = {m.text for m in mentions if m.type == "Enterprise"}
    out: list[Mention] = []

    def free(a: int, b: int) -> bool:
        i = bisect.bisect_left(taken, (b, b))
        return not any(s < b and a < e for s, e in taken[max(0, i - 8):i])

    parks = sorted((m.start, m.end) for m in mentions if m.type == "Park" and m.rule.startswith("suffix:"))
    for a, b in _acting(text, tokens, places, is_place):
        inside = [(s, e) for s, e in parks if s < b and a < e]
        if free(a, b) and text[a:b] not in firms and all(s == a and e > b for s, e in inside):
            out.append(Mention(a, b, "Enterprise", text[a:b], rule="brand-firm", confidence=0.6))
            taken.insert(bisect.bisect_left(taken, (a, b)), (a, b))
    for a, b in _websites(text, tokens):
        if free(a, b):
            out.append(Mention(a, b, "Enterprise", text[a:b], rule="website-firm", confidence=0.6))
    found = sorted([(m.start, m.end) for m in mentions if m.type == "Enterprise"]
                   + [(m.start, m.end) for m in out])
    for a, b in _visited_firms(text, tokens, found):
        if free(a, b):
            out.append(Mention(a, b, "Enterprise", text[a:b], rule="visited-firm", confidence=0.6))
    for a, b in _counted_lists(text):
        name = text[a:b]
        if _CJK.fullmatch(name) and 2 <= len(name) <= 10 and not is_place(name) \
                and name not in GENERIC and word_tags().get(name) in _NAME_TAGS and free(a, b):
            out.append(Mention(a, b, "Enterprise", name, rule="counted-list", confidence=0.6))
    return out
