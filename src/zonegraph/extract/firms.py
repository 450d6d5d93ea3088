"""Companies named without a legal form, the way news lists them.

Zone news names most companies by a short name no gazetteer holds, and tells them apart
from other words only by where they stand:

- in a list of firms, each a proper word and a trade (某某化学、某某新材料、某某特钢):
  a list where most items have that shape, or are known companies, is a list of firms;
- at the head of a project's name in a list of projects (某某高端光源研制项目、
  某某绿色电梯总成项目): the project is the company's, and its name leads;
- alone before a count of firms (与某某汽车电器等5家企业签订…);
- first in its clause before what a party or an investor does (某某新材料与新区签约,
  某某医药投资建设…), when it has the shape of a firm's short name.

Each needs the list or the count around it: a proper word and a trade alone (发展新材料)
are prose as often as a name.
"""
from __future__ import annotations

import bisect
import re

from .model import Mention
from .names import BRAND_CHARS, GENERIC, NOT_NAMES, POLICY_WORDS, _has_proper_word, _tokens_between, coordinated, word_tags
from .tokenizer import cut

#: Trades a firm's short name ends with (某某化学, 某某新材料, 某某特钢).
TRADE = re.compile(r"(?:数字科技|信息技术|生物科技|科技|技术|医药|药业|制药|基因|电子|微电子|光电|光谱|"
                   r"实业|控股|智能|智造|新材料|材料|半导体|软件|网络|数据|新能源|能源|装备|环保|"
                   r"物流|供应链|化学|化工|特钢|钢铁|汽车|汽车电器|电器|电气|机械|重工|生物|食品|"
                   r"电池|光伏|航空|通信|动力|精密|传感|芯片|集成电路|石化|纺织|服饰|家居)$")
#: A firm's short name first in its clause, before what only a party or an investor does
#: (某某新材料与新区签约, 某某科技落户…, 某某医药投资建设…): the trade ends the name.
_LEADING_FIRM = re.compile(r"(?:^|(?<=[\n，。；！？：,;!?]))([\u4e00-\u9fff]{2,10}?" + TRADE.pattern[:-1] + r")"
                           r"(?=与|和|同|将|已|正式|成功|签约|签署|落户|入驻|扎根|投资|投建|建设|投产|拟|计划|总部)")
#: jieba's tags of words a company's own name is made of: unknown words, person and
#: transliterated names, other proper nouns, abbreviations (上汽, 一汽).
PROPER_TAGS = {None, "nr", "nrt", "nrfg", "nz", "j", "nt", "ns"}
#: Parts of speech that never make a firm's name: verbs, adverbs, function words, numbers.
PROSE_TAGS = {"v", "vd", "vn", "d", "ad", "p", "c", "u", "r", "m", "q", "f", "t", "l", "i"}
#: Items of a list: what lies between 、 inside one clause.
_ITEM = r"(?:[^\s、,，。;；:：!?！？“”《》()（）]|[(（][^\s、,，。;；()（）]{1,8}[)）]){2,24}"
#: (an item may hold an aside in brackets: 某某工程机械(推土机)研制项目)
_LIST = re.compile(_ITEM + "(?:、" + _ITEM + ")+")
#: Words a list's first item carries in front of it (深入|某某化学, 发掘了|某某光谱).
LIST_LEAD = re.compile(r"^.*(?:了|的|在|对|与|和|向|到|深入|来到|走进|调研|包括|如|有|是|为|等|引进|引入|招引|吸引|"
                   r"集聚|聚集|汇聚|培育|拥有|涌现出)")
#: A count of firms after one named firm: 某某汽车电器|等5家企业.
_COUNT_OF_FIRMS = re.compile(r"等(?:\d+|[一二三四五六七八九十两]+)家(?:[^\s\d,，。;；]{0,4})(?:企业|公司)")
#: Clauses (only those holding a 、 are searched for lists).
_CLAUSE = re.compile(r"[^。！？；;!?\n]+")
#: What ends the words in front of a name.
_BEFORE_NAME = re.compile(r"[\s、,，。;；:：!?！？“”《》()（）]")


#: A role only a firm has, written right before its name (链主企业|某某基因, 上市公司|某某生物).
ROLE_BEFORE_NAME = re.compile(r"(?:本土|本地|外资|民营|国有)?(?:龙头企业|链主企业|头部企业|领军企业|独角兽企业|"
                              r"瞪羚企业|上市公司|药企|车企|企业)")
#: Verbs of settling somewhere, and the adverbs that may come before them; and of
#: investing a stated sum (某某拟投资50亿元), which only a firm does in a list of signings.
_SETTLE = re.compile(r"(?:正式|成功|签约|将|已)?(?:落户|入驻|扎根)|(?:拟|计划|将|预计)?(?<![总共计])投资(?=\d)")
#: What the last word of a subject is when a clause, not a name, precedes the verb
#: (今年计划|投资, 新区累计|投资): a verb, an adverb, a time or a number.
_CLAUSE_END_TAGS = {"v", "vd", "d", "ad", "t", "m", "q", "f", "p"}
_CLAUSE_START = "\n，。；！？：,;!?"
#: One-character adverbs between a subject and its verb (则, 也, 均 …).
_ADVERB_CHARS = set("则也还均都又亦便就即已将")


def _settling_subjects(text: str):
    """Spans of what stands alone, first in its clause, before a verb of settling
    (某某重投|落户某新区): found from the verb back, not by trying every start."""
    for verb in _SETTLE.finditer(text):
        b = verb.start()
        a = b
        while a > 0 and b - a <= 10 and text[a - 1] not in _CLAUSE_START:
            a -= 1
        if 2 <= b - a <= 10 and (a == 0 or text[a - 1] in _CLAUSE_START) \
                and re.fullmatch(r"[\u4e00-\u9fffA-Za-z]+", text[a:b]):
            yield a, b


def _name_start(text: str, end: int, limit: int) -> int:
    """Where the words before ``end`` begin: after punctuation, within ``limit``."""
    a = end
    while a > 0 and end - a < limit and not _BEFORE_NAME.match(text[a - 1]):
        a -= 1
    return a
#: What a settling thing that is no firm ends with (项目, 企业, 人才, 机构 …).
_NOT_FIRM_END = re.compile(r"(?:项目|企业|人才|机构|团队|平台|总部|基地|产业|资金|工程|群体|一批|多家)$")


#: A Latin-lettered name right before 项目 at a listed project's end (…装配线ABCDE项目).
_LATIN_OWNER = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z]{3,15})项目$")
#: Latin words before 项目 that say what kind of project it is, not whose (PPP, EPC, REITs).
_PROJECT_KINDS = frozenset({"REITS", "BOOT", "IPO", "SAAS", "PAAS", "IAAS", "DATA", "SMART", "CITY",
                            "PARK", "MALL", "TOWN", "CBD", "LOGO", "LNG", "LED", "EPCO"})


def _proper_head(tokens: list[str]) -> str:
    """The leading words of a project's name that name its owner (瑞丰|高端光源…)."""
    tags = word_tags()
    head = ""
    for n, tok in enumerate(tokens):
        tag = tags.get(tok)
        # a place ends the owner's name (某某环通|浦东海洋信息枢纽项目)
        if tok.isascii() or tok[-1] in "型级式" or tag not in PROPER_TAGS or tag == "ns":
            break
        head += tok
    return head


def _firm_shaped(item: str, tokens: list[str]) -> bool:
    """A proper word and a trade (澜湾化学, 益晨新材料), nothing generic in front."""
    trade = TRADE.search(item)
    if not trade or trade.start() < 2 or len(item) > 12:
        return False
    lead = item[:trade.start()]
    tags = word_tags()
    if lead in GENERIC or lead in NOT_NAMES or lead in POLICY_WORDS or not lead.isalpha() \
            or lead.isascii() or tags.get(item) is not None:  # 人工智能: a term, not a firm
        return False
    lead_tags = [tags.get(t) for t in tokens if t in lead]
    # firms are named by proper words and by auspicious common ones (宏远, 海岸, 明达),
    # never by verbs, adverbs or function words, nor by common nouns alone (人工|智能)
    return all(t not in PROSE_TAGS for t in lead_tags) and any(t != "n" for t in lead_tags)


def brand_led(rest: str) -> bool:
    """Whether what follows a zone's name in a company's name holds a brand of its own
    (某新区|星源达电子有限公司: the firm, placed in the zone), not only words of its line
    of business or an area of the zone (某新区|城市发展投资集团, 某新区|某某新城开发建设
    有限公司: the zone's own company, named by the zone)."""
    words = cut(rest)
    # a brand jieba split (星源|达): a character of a brand glued to the word before it
    split = any(w in BRAND_CHARS and len(words[i - 1]) >= 2 for i, w in enumerate(words[1:], 1))
    return (_has_proper_word(words, word_tags()) or split) and not any(w.endswith(_AREA_WORDS) for w in words)


#: What an area of a zone is named with (某某新城, 某某园区): a company named by the zone
#: and one of its areas (某新区某某新城开发建设有限公司) is the zone's own.
_AREA_WORDS = ("新城", "新区", "园区", "片区", "城", "园", "港", "湾", "岛", "镇")


def find_firms(text: str, tokens: list[tuple[int, int, str]], mentions: list[Mention],
               is_place) -> list[Mention]:
    """Firms found in lists of firms, in lists of projects, and before a count of firms.
    A park named at the head of a listed project is removed from ``mentions``.

    ``is_place(name)`` tells a known place (a list of places is no list of firms, and a
    place alone heads no project)."""
    known = {(m.start, m.end): m for m in mentions}
    # names already found; a place inside a firm's name (重庆|某某电器) leads it
    taken = sorted((m.start, m.end) for m in mentions if m.type not in ("Place", "Zone"))
    out: list[Mention] = []

    def free(a: int, b: int) -> bool:
        i = bisect.bisect_left(taken, (b, b))
        return not any(s < b and a < e for s, e in taken[max(0, i - 8):i])

    lists = [lst for clause in _CLAUSE.finditer(text) if "、" in clause.group()
             for lst in _LIST.finditer(text, clause.start(), clause.end())]
    for lst in lists:
        spans, pos = [], lst.start()
        for item in lst.group().split("、"):
            spans.append((pos, pos + len(item)))
            pos += len(item) + 1
        a0, b0 = spans[0]
        lead = LIST_LEAD.match(text[a0:b0])
        if lead and b0 - a0 - lead.end() >= 2:
            spans[0] = (a0 + lead.end(), b0)
        a1, b1 = spans[-1]
        if "等" in text[a1 + 2:b1]:  # …、某某化学等项目现场
            spans[-1] = (a1, text.index("等", a1 + 2))
        a1, b1 = spans[-1]  # …、某某基因以及某某药业: two items
        spans[-1:] = [(a1 + a, a1 + b) for a, b in coordinated(text[a1:b1])]
        items = [(a, b, text[a:b], _tokens_between(tokens, a, b)) for a, b in spans]
        projects = [it for it in items if it[2].endswith("项目")]
        if len(projects) >= 2:
            for a, b, item, toks in projects:
                latin = _LATIN_OWNER.search(item)
                if latin and latin.group(1).upper() not in _PROJECT_KINDS and free(a + latin.start(1), a + latin.end(1)):
                    # 某某部件装配线ABCDE项目: the Latin-named firm whose line it is
                    out.append(Mention(a + latin.start(1), a + latin.end(1), "Enterprise", latin.group(1),
                                       rule="project-owner", confidence=0.6))
                    continue
                head = _proper_head(toks)
                if not 2 <= len(head) <= 10 or is_place(head) or head in GENERIC:
                    continue
                # a park named at the head of a project (某某照明基地及…总部项目) is a part
                # of the project's name, not a park: its owner leads it
                inner = [m for m in mentions if m.type == "Park" and m.rule.startswith("suffix")
                         and m.start == a and m.end < b - 2]
                for park in inner:
                    mentions.remove(park)
                    taken.remove((park.start, park.end))
                if free(a, a + len(head)):
                    out.append(Mention(a, a + len(head), "Enterprise", head, rule="project-owner",
                                       confidence=0.65))
            continue
        firms = [it for it in items if known.get((it[0], it[1])) is not None
                 and known[(it[0], it[1])].type == "Enterprise"
                 or (_firm_shaped(it[2], it[3]) and not is_place(it[2]))]
        if len(firms) >= 2 and len(firms) * 2 >= len(items):
            for a, b, item, toks in firms:
                if free(a, b):
                    out.append(Mention(a, b, "Enterprise", item, rule="firm-list", confidence=0.65))
    firms = [m.text for m in mentions if m.type == "Enterprise"]
    for a, b in _settling_subjects(text):
        while b - a > 2 and text[b - 1] in _ADVERB_CHARS:
            b -= 1  # 某某数据则|入驻: the adverb is the sentence's
        role = ROLE_BEFORE_NAME.match(text, a, b)
        if role and b - role.end() >= 2:
            a = role.end()  # 链主企业|某某基因落户: the role is said of the firm
        name = text[a:b]
        if any(name in firm for firm in firms):
            continue  # a short form of a firm named in full: the linker ties it to that one
        toks = _tokens_between(tokens, a, b)
        if not toks or "".join(toks) != name or name in GENERIC or name in NOT_NAMES \
                or is_place(name) or _NOT_FIRM_END.search(name) or not free(a, b):
            continue
        tags = [word_tags().get(t) for t in toks]
        if tags[0] in PROSE_TAGS or all(t in ("n", "vn", "v") for t in tags) \
                or tags[-1] in _CLAUSE_END_TAGS:
            continue  # 项目落户, 企业入驻: a kind of thing, not a name
        out.append(Mention(a, b, "Enterprise", name, rule="settles", confidence=0.6))
    for x in _LEADING_FIRM.finditer(text):
        a, b = x.span(1)
        role = ROLE_BEFORE_NAME.match(text, a, b)
        if role and b - role.end() >= 4:
            a = role.end()  # 链主企业|某某新材料与新区签约
        item = text[a:b]
        if any(item in firm for firm in firms) or is_place(item) or not free(a, b):
            continue
        toks = _tokens_between(tokens, a, b)
        if toks and "".join(toks) == item and _firm_shaped(item, toks):
            out.append(Mention(a, b, "Enterprise", item, rule="leading-firm", confidence=0.6))
    for m in _COUNT_OF_FIRMS.finditer(text):
        b = m.start()
        a = _name_start(text, b, 16)
        item = text[a:b]
        if len(item) < 2:
            continue
        trade = TRADE.search(item)
        if trade is None:
            continue
        # the firm's own name: from the last known place or zone before the trade
        inside = sorted((x for x in mentions if a <= x.start and x.end <= b
                         and x.type in ("Zone", "Place")), key=lambda x: x.start)
        if inside:
            a = inside[-1].start if inside[-1].type == "Place" else inside[-1].end
        if b - a >= 4 and free(a, b):
            out.append(Mention(a, b, "Enterprise", text[a:b], rule="counted-firm", confidence=0.65))
    return out
