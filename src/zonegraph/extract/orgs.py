"""The names of companies, institutions and funds, after the suffix shape has found them.

``names.find_named`` finds a name by its suffix and walks left to where prose begins. For
companies, institutions and funds news prose puts words in front of a name that the walk
cannot tell from a name's own words, and names some of them in ways no suffix gives:

- a clause in front of the name: a pronoun, an adverb or a verb of regard (他代表|商会,
  一直非常重视和关心|商会, 希望|省某某集团, 专门从事|银行, 建设|全省科技创新中心), and
  before a fund or an institute a verb of founding (新设|某某基金);
- a brand's leading digits, which the walk stops at (360|某某集团);
- an ordinal in front of a fund (天津首只|某某股权投资试点基金): the fund's own name follows;
- a fund's legal name as a partnership (…基金合伙企业（有限合伙）, …创业投资合伙企业（有限
  合伙）, …投资中心（有限合伙）): a Fund; a partnership managing funds is a company;
- a kind of company, not a company (金融资产投资公司, 融资担保公司, 集团公司), unless it
  is the tail of a company named in full in the same text (省能源投资集团有限公司);
- a company's board (某某(控股)公司董事局), which is no government bureau;
- the numbered engineering bureaus of the state construction groups (中建八局, 中铁十九局):
  companies, although they end in 局 (public naming of those groups' subsidiaries);
- a company named by one of its sites: a brand, a region and a facility word
  (某某速递西北转运中心, 某某直播西南中心, 某某西南总部主塔);
- a venture firm named by a brand and 资本 (ABC资本, 高瓴资本; not 社会资本), and a
  subsidiary named by a known group's short name and its own word (一汽某某, the group's
  一汽 alone is the parent);
- 集团公司 in a group's own news (the group named most), and a short name declared after a
  full name (（以下简称“某某集团”）): both name the full one wherever they stand.
"""
from __future__ import annotations

import bisect
import re

from .model import Mention
from .names import (GENERIC, LEADING_FUNCTION_CHARS, POLICY_WORDS, STOP_TOKENS, _has_proper_word, _tokens_between, left_edge,
                    word_tags)
from .scan import occurrences

#: Verbs of regard, request and occupation whose object an organization often is: the
#: name starts after them (他代表|商会, 希望|省某某集团, 专门从事|银行).
REGARD_VERBS = set("""代表 重视 关心 关注 希望 感谢 欢迎 从事 专门从事 指经 经 支持 服务 对接 依托 助推
助力 推进 促进 简称 下称 统称""".split())
#: Verbs of founding a fund or an institute (某新区新设|某某基金, 牵头组建|某某研究院): the
#: name starts after them (company names, made of any words, keep theirs).
FOUNDING_VERBS = set("""新设 设立 组建 发起 成立 推出 发布 打造 出资 参与 牵头 共建 新建 筹建 设""".split())
#: Adverbs of prose in front of a verb (一直非常重视): never inside a name.
_PROSE_ADVERB = re.compile(r"^(?:一直|非常|十分|始终|特别|高度|充分|专门|真诚|衷心)|^[均也都还已将]$")
#: Scope words that begin a generic phrase after a verb (建设|全省科技创新中心).
_SCOPE = re.compile(r"(?:全省|全市|全区|全国|全球|全县|区域性?|国家级|省级|市级)")
#: Words of a kind of company (金融资产投资公司, 融资租赁公司): generic as a name's only words.
KIND_WORDS = set("""资产 资本 国有资产 国有资本 金融资产 债权 保险 担保 融资 租赁 融资租赁 融资担保
信托 基金管理 小额贷款 贷款 典当 商业 保理 商业保理 期货 集团 股份""".split())
#: Suffixes so common as kinds of office (企业服务中心) that only a proper word makes a name.
PROPER_ONLY = {"服务中心"}
#: A company's legal form alone (集团公司, 股份公司): a company's word for itself in its
#: own news, but in brackets after a body (某管委会(集团公司)) no company of its own.
_FORM_ONLY = re.compile(r"^(?:集团|股份|控股|有限|有限责任|投资|实业)*(?:公司|集团)$")
#: A brand's leading digits (360|数字安全集团), standing where a name may begin.
_LEADING_DIGITS = re.compile(r"(?:^|[\s,，。;；:：、“(（的与和及])(\d{2,4})$")
#: What follows a number that counts or dates rather than names (30家, 2024年).
_COUNT_CHARS = set("家个年月日号期亿万元%项支批名位届次")
#: A company's legal form, that no fund's name holds (某某基金管理有限公司管理|某某基金).
_COMPANY_FORM = re.compile(r"有限(?:责任)?公司|股份公司")
#: A company's full legal name ends so (省某某集团有限公司 is a short form of one).
_LEGAL_NAME = re.compile(rf"(?:{_COMPANY_FORM.pattern})$")
#: A company's board or supervisors: no bureau (某某公司董事局).
_BOARD = re.compile(r"(?:董事局|董事会|监事会)$")
#: A partnership's legal form after its name (…合伙企业（有限合伙）): part of the legal name.
_PARTNERSHIP_FORM = re.compile(r"[(（](?:有限合伙|普通合伙)[)）]")
#: A partnership that is an investment fund by its legal name (…股权投资基金合伙企业,
#: …创业投资合伙企业); one that manages or advises (…投资管理合伙企业) is a company.
_FUND_PARTNERSHIP = re.compile(r"(?:基金|(?:股权|创业|产业|风险|天使|并购)投资)合伙企业$")
#: An order of size leading a fund's name (百亿级…基金); a generic rest (十亿产业母基金)
#: is named by its size and keeps it.
_SIZE_ORDER = re.compile(r"(?:十|百|千)亿(?:元)?(?:级)?的?")
#: Verbs of a company managing a fund it is named before.
_MANAGING = {"管理", "运营", "受托管理", "管理运营", "负责", "发起", "联合", "携手", "旗下"}
#: A later phase after a fund's name (某某基金二期, 某某基金（三期）), a fund of its own; not
#: 一期 (the first tranche) nor a phase's sum (二期规模).
_LATER_PHASE = re.compile(r"[(（]?[二三四五六七八九十]期[)）]?(?!规模|资金|募|出资|投资额|工程|项目)")
#: An ordinal in a fund's name (天津首只|某某基金): the fund's own name follows it.
_FUND_ORDINAL = re.compile(r"(?:首只|首支|第一只|第一支|又一只|又一支|首个|第[一二三四五六七八九十\d]+[只支])")

_NUM = "一二三四五六七八九十"
#: The numbered engineering bureaus of the state construction groups, as news writes
#: them (中建八局, 中铁十九局集团有限公司, 中铁十局三公司, 中国建筑第八工程局有限公司).
_BUREAU_FIRM = re.compile(
    rf"(?:中国建筑第[{_NUM}]+工程局|中国(?:中铁|铁建|交建|电建|水电|中冶)[{_NUM}]+局|"
    rf"(?:中建|中铁|中交|中冶|中电建|中水|中铁建|水电)[{_NUM}]+局)"
    rf"(?:集团)?(?:第?[{_NUM}\d]+(?:工程)?公司|有限责任公司|有限公司)?")

#: Regions a company names its sites by (西北转运中心, 西南总部).
_REGION = r"(?:西北|西南|华东|华南|华北|华中|东北|中西部|西部|东部|亚太|全球|中国|区域)"
#: Facility words a company's site ends with, and a building of it (总部主塔).
_FACILITY = re.compile(_REGION + r"(?:转运中心|分拨中心|运营中心|结算中心|物流中心|数据中心|"
                       r"研发中心|营运中心|区域总部|总部|中心)(?:主塔|大楼|大厦|塔楼)?(?!城市|城|枢纽|地位)")
#: jieba's tags of the words a venture firm's brand is made of (高瓴, 君联: unknown words;
#: 红杉: a name; 国投: an abbreviation); common nouns (社会资本, 民间资本) are no brand.
BRAND_TAGS = {None, "nr", "nrt", "nrfg", "nz", "j"}


def _cut_clause(text: str, start: int, suffix_start: int, tokens: list[tuple[int, int, str]],
                founding: bool = False) -> int:
    """Where a name begins once the clause in front of it is cut off: after the last
    pronoun, adverb of prose or verb of regard among its words (and of founding, when
    ``founding``), or after a verb that a scope word follows (建设|全省…)."""
    tags = word_tags()
    cut = start
    for s, e, tok in _token_spans(tokens, start, suffix_start):
        if tok in REGARD_VERBS or (founding and tok in FOUNDING_VERBS) \
                or (tags.get(tok) == "r" and len(tok) <= 2) or _PROSE_ADVERB.match(tok) \
                or (tok in STOP_TOKENS and _SCOPE.match(text, e)):
            cut = e
    # 和 after a cut joins two verbs (重视和关心), not two names (并购基金 is cut nowhere)
    while start < cut < suffix_start and text[cut] in "和及与并":
        cut += 1
    return cut


def _token_spans(tokens: list[tuple[int, int, str]], a: int, b: int):
    """The tokens lying wholly inside [a, b), with their spans."""
    for i in range(bisect.bisect_left(tokens, (a, -1, "")), len(tokens)):
        s, e, t = tokens[i]
        if e > b:
            break
        yield s, e, t


#: What a firm is said to be, written right before its name (国资平台|某省某某投资集团…).
_DESCRIPTORS = frozenset({"平台", "企业", "国企", "央企", "龙头", "主体", "国资平台", "融资平台"})


def _after_descriptor(start: int, suffix_start: int, tokens: list[tuple[int, int, str]],
                      anchors: dict[int, int]) -> int:
    """Where a company's name begins when a word saying what it is (平台, 企业) stands
    right before a known place that opens the name (新区国资平台|某省某某集团有限公司)."""
    for s, e, tok in _token_spans(tokens, start, suffix_start):
        if tok in _DESCRIPTORS and e in anchors and suffix_start - e >= 2:
            start = e
    return start


def _kind_only(words: list[str]) -> bool:
    """Whether a company's words only say what kind of company it is."""
    return bool(words) and all(w in GENERIC or w in KIND_WORDS or w in POLICY_WORDS for w in words)


def refine(text: str, tokens: list[tuple[int, int, str]], anchors: dict[int, int],
           named: list[Mention]) -> list[Mention]:
    """The shape-found names of companies, institutions and funds with the prose in front
    of them cut off, and kinds of company, boards and generic rests dropped."""
    firms = [m.text for m in named if m.type == "Enterprise"]
    out: list[Mention] = []
    for m in named:
        if m.type == "GovernmentBody" and _BOARD.search(m.text):
            continue
        if m.type not in ("Enterprise", "Institution", "Fund") or not m.rule.startswith("suffix"):
            out.append(m)
            continue
        suffix = m.rule.partition(":")[2]
        suffix_start = m.end - len(suffix)
        if m.type == "Enterprise" and text[m.end:m.end + 1] == "业":
            continue  # 银行业, 证券业: a trade, not a company
        if m.type in ("Enterprise", "Institution") and text[suffix_start - 1:suffix_start] in "+＋":
            continue  # “平台+公司”的模式: kinds of party added up, no name
        if suffix in PROPER_ONLY and m.start not in anchors \
                and not _has_proper_word(_tokens_between(tokens, m.start, suffix_start), word_tags()):
            continue  # 企业服务中心: a kind of office; 某某服务中心: a named one
        # a known name at the head stays whole (its own words are no clause)
        start = _cut_clause(text, anchors.get(m.start, m.start), suffix_start, tokens,
                            founding=m.type != "Enterprise")
        if m.start in anchors and start == anchors[m.start]:
            start = m.start
        if m.type == "Enterprise":
            start = _after_descriptor(start, suffix_start, tokens, anchors)
        if m.type == "Fund":
            ordinal = None
            for ordinal in _FUND_ORDINAL.finditer(text, start, suffix_start):
                pass
            if ordinal is not None and suffix_start - ordinal.end() >= 2:
                start = ordinal.end()
            start = _after_company(text, start, suffix_start, tokens)
            size = _SIZE_ORDER.match(text, start, suffix_start)
            if size and _has_proper_word(_tokens_between(tokens, size.end(), suffix_start), word_tags()):
                start = size.end()  # 百亿级|某某母基金: the size is said of a named fund
        if start != m.start:
            words = _tokens_between(tokens, start, suffix_start)
            if suffix_start - start < 2 or all(w in GENERIC or w in POLICY_WORDS for w in words):
                continue  # 他代表|协会, 建设|全省科技创新中心: nothing proper is left
            m = Mention(start, m.end, m.type, text[start:m.end], rule=m.rule,
                        confidence=m.confidence, key=m.key, name=m.name)
        if suffix == "合伙企业" or suffix.endswith("基金"):  # …基金（有限合伙）: the legal name
            m = _partnership(text, m)
        phase = _LATER_PHASE.match(text, m.end) if m.type == "Fund" else None
        if phase:  # 某某产业投资基金二期: a fund of its own
            m = Mention(m.start, phase.end(), m.type, text[m.start:phase.end()], rule=m.rule,
                        confidence=m.confidence, key=m.key, name=m.name)
        if m.type == "Enterprise":
            lead = _LEADING_DIGITS.search(text, max(0, m.start - 6), m.start)
            if lead and m.text[0] not in _COUNT_CHARS:
                m = Mention(lead.start(1), m.end, m.type, text[lead.start(1):m.end], rule=m.rule,
                            confidence=m.confidence, key=m.key, name=m.name)
            if _FORM_ONLY.match(m.text) and text[m.start - 1:m.start] in "(（":
                continue  # 某管委会(集团公司): the body is also a company, named by a form word
            words = _tokens_between(tokens, m.start, suffix_start)
            if m.start not in anchors and _kind_only(words) \
                    and not any(f != m.text and f.endswith(m.text) and _LEGAL_NAME.search(f)
                                for f in firms):
                continue  # 金融资产投资公司: a kind; 省国有资产…有限公司 after the full name: a short form
        out.append(m)
    return out


def _after_company(text: str, start: int, suffix_start: int, tokens: list[tuple[int, int, str]]) -> int:
    """A fund's name begins after a company named in full before it (某某基金管理有限公司
    管理|某某基金): a legal form is never inside a fund's name; the verb after it neither."""
    last = None
    for last in _COMPANY_FORM.finditer(text, start, suffix_start):
        pass
    if last is None:
        return start
    cut = last.end()
    for s, e, tok in _token_spans(tokens, cut, suffix_start):
        if s != cut or not (tok in FOUNDING_VERBS or tok in _MANAGING):
            break
        cut = e
    return cut


def _partnership_centres(text: str, tokens: list[tuple[int, int, str]],
                         anchors: dict[int, int]) -> list[Mention]:
    """Investment funds registered as partnerships named …投资中心（有限合伙）: a fund."""
    out = []
    for at in occurrences(text, "投资中心"):
        form = _PARTNERSHIP_FORM.match(text, at + 4)
        if form is None:
            continue
        start = left_edge(text, at, tokens, anchors)
        if at - start >= 2:
            out.append(Mention(start, form.end(), "Fund", text[start:form.end()], rule="partnership-fund",
                               confidence=0.85))
    return out


def _partnership(text: str, m: Mention) -> Mention:
    """A partnership with its legal form (（有限合伙）) in its name, and a Fund when its
    legal name says it is an investment fund (SCHEMA: a fund is named as a fund; the
    company managing it is an Enterprise)."""
    form = _PARTNERSHIP_FORM.match(text, m.end)
    end = form.end() if form else m.end
    etype = "Fund" if _FUND_PARTNERSHIP.search(m.text) else m.type
    return Mention(m.start, end, etype, text[m.start:end], rule=m.rule, confidence=m.confidence,
                   key=m.key, name=m.name)


def find_org_names(text: str, tokens: list[tuple[int, int, str]], anchors: dict[int, int],
                   known: list[Mention]) -> list[Mention]:
    """Companies that no suffix finds: engineering bureaus, sites of a brand, Latin-named
    venture firms, subsidiaries named by their group's short name. ``known`` are the
    gazetteer's mentions (a place and a region, 某市西部中心, is no brand's site)."""
    places = {(m.start, m.end) for m in known if m.type in ("Place", "Zone")}
    out = _subsidiaries(text, tokens, known)
    out += [Mention(x.start(), x.end(), "Enterprise", x.group(), rule="bureau-firm", confidence=0.9)
           for x in _BUREAU_FIRM.finditer(text)]
    out += _capital_firms(text, tokens)
    out += _partnership_centres(text, tokens, anchors)
    tags = word_tags()
    for x in _FACILITY.finditer(text):
        start = left_edge(text, x.start(), tokens, anchors)
        words = _tokens_between(tokens, start, x.start())
        # the brand: proper words, not a place, nor generic words (江城|西部中心)
        if x.start() - start < 2 or not words or "".join(words) != text[start:x.start()] \
                or all(w in GENERIC or w in POLICY_WORDS for w in words) \
                or (start, x.start()) in places or tags.get(words[0], "") in ("v", "p", "c", "r", "d") \
                or any(len(w) == 1 and tags.get(w) in ("p", "c", "u", "uj") for w in words):
            continue
        out.append(Mention(start, x.end(), "Enterprise", text[start:x.end()], rule="firm-site",
                           confidence=0.7))
    return out


#: Groups a company's own news calls "集团公司" (the group that publishes the news).
_GROUP = re.compile(r"(?:集团|局|集团有限公司|集团股份有限公司)$")


def name_self_references(text: str, named: list[Mention]) -> None:
    """集团公司 in a company's own news is the group the article is about: the group named
    most often in the text (中铁某局 …集团公司党委书记 …), when one is named most often."""
    bare = [m for m in named if m.type == "Enterprise" and m.text == "集团公司" and not m.name]
    groups = {m.text for m in named if m.type == "Enterprise" and m.text != "集团公司"
              and _GROUP.search(m.text)}
    if not bare or not groups:
        return
    counts = sorted(((text.count(g), g) for g in groups), reverse=True)
    if len(counts) > 1 and counts[0][0] == counts[1][0]:
        return
    for m in bare:
        m.name = counts[0][1]


def _subsidiaries(text: str, tokens: list[tuple[int, int, str]], known: list[Mention]) -> list[Mention]:
    """一汽某某: a known group's short name and a word jieba does not know, written as one
    name, is the group's subsidiary (its own company), not the group."""
    out = []
    for m in known:
        if m.type != "Enterprise" or m.rule != "gazetteer" or len(m.text) > 3:
            continue
        i = bisect.bisect_left(tokens, (m.end, -1, ""))
        if i >= len(tokens) or tokens[i][0] != m.end:
            continue
        _, end, word = tokens[i]
        if 2 <= len(word) <= 3 and word_tags().get(word) is None and _CJK.fullmatch(word) \
                and word[-1] not in _SITE_CHARS and not _SITE_AFTER.match(text, end):
            # 某集团灾备|中心, 某集团芯城: the group's site, not a company of its own
            out.append(Mention(m.start, end, "Enterprise", text[m.start:end], rule="subsidiary",
                               confidence=0.7))
    return out


_CJK = re.compile(r"[\u4e00-\u9fff]+")
#: What a group's site is named with (某集团灾备中心, 某集团云基地): no subsidiary.
_SITE_AFTER = re.compile(r"中心|基地|园|项目|总部|工厂")
_SITE_CHARS = set("城谷岛港园湾区")


def _capital_firms(text: str, tokens: list[tuple[int, int, str]]) -> list[Mention]:
    """Venture firms named by a brand and 资本: the proper or Latin words right before it."""
    tags = word_tags()
    out = []
    for at in occurrences(text, "资本"):  # found by a scan, then read on the tokens there
        i = bisect.bisect_left(tokens, (at, -1, ""))
        if i >= len(tokens) or tokens[i][:2] != (at, at + 2):
            continue
        s, e = at, at + 2
        start, j = s, i
        while j > 0 and i - j < 3:
            ps, pe, prev = tokens[j - 1]
            latin = prev.isascii() and prev.isalnum() and not prev.isdigit()
            if pe != start or not (latin or (tags.get(prev) in BRAND_TAGS and _CJK.fullmatch(prev))):
                break
            start, j = ps, j - 1
        if text[start] in LEADING_FUNCTION_CHARS and s - start >= 3:
            start += 1  # 由某某|资本: jieba glues the preposition to an unknown brand
        if 2 <= s - start <= 8:
            out.append(Mention(start, e, "Enterprise", text[start:e], rule="brand-capital",
                               confidence=0.75))
    return out


#: A short name declared right after a full one: （以下简称“某某集团”）, (简称某某), （下称某某）.
_DECLARED = re.compile(r"[(（](?:以下)?(?:简称|下称|统称)[:：]?[“\"「]?([^()（）“”\"「」,，。、]{2,12}?)[”\"」]?[)）]")
#: A fund's short name in brackets right after its full name (某某产业投资基金（某某基金）).
_BRACKETED_FUND = re.compile(r"[(（]([^()（）“”\"「」,，。、]{1,10}基金)[)）]")
#: The types whose declared short names are read here.
DECLARING = ("Enterprise", "Institution", "Fund")


def declared_short_forms(text: str, mentions: list[Mention]) -> list[Mention]:
    """Every use of a short name declared after a full name (某某资产投资集团有限公司（以下简称
    “某某集团”）…某某集团将…) names the full one: the mentions found at it take the full
    name, and its other occurrences become mentions of it."""
    by_end = {m.end: m for m in mentions if m.type in DECLARING}
    found: list[Mention] = []
    for x in [*_DECLARED.finditer(text), *_BRACKETED_FUND.finditer(text)]:
        full = by_end.get(x.start())
        short = x.group(1)
        if full is None or short == full.text or (x.re is _BRACKETED_FUND and full.type != "Fund"):
            continue
        name = full.name or full.text
        at = {m.start: m for m in mentions if m.text == short}
        covered = sorted((m.start, m.end) for m in mentions)
        for a in occurrences(text, short):
            m = at.get(a)
            if m is not None:
                m.type, m.name, m.key = full.type, name, full.key
            elif not _inside(covered, a, a + len(short)):
                found.append(Mention(a, a + len(short), full.type, short, rule="declared-short",
                                     confidence=0.85, key=full.key, name=name))
    return found


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether [a, b) overlaps one of the sorted ``spans``."""
    i = bisect.bisect_right(spans, (a, float("inf")))
    return any(s < b and a < e for s, e in spans[max(0, i - 8):i + 1])
