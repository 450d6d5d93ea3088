"""Names set off by the writer: policies in 《》 or as a notice's title, and programs,
platforms, campaigns, meetings and brands in quotes.

The quotes fix a name's extent, so what remains is its kind, said by the words around
it (“繁星”计划, “一码通办”综合监管平台, 召开“开年第一会”) or by a zone's name inside
it (“智汇”+ the zone's name).
"""
from __future__ import annotations

import re

from .model import Mention
from .names import _SUFFIX_END, _is_generic, _tokens_between, left_edge

# “繁星”“启航星”计划, ‘智享汇’、‘创新汇’三大子品牌, “一次不用跑”改革
_QUOTED_RUN = re.compile(r"((?:[“‘][^“”‘’\n]{1,20}[”’][、和与及]?){1,6})"
                         r"((?:[一二三四五六七八九十两]大)?[主子]?|[\u4e00-\u9fff]{0,6}?(?=行动|计划|工程|活动))"
                         r"(行动计划|计划|行动|工程|品牌|战略|专项|活动|改革)")
_QUOTED = re.compile(r"[“‘]([^“”‘’\n]{1,20})[”’]")
# a quoted name that carries its own kind (“启明计划”) or is set apart as one (“智汇江城”这一品牌)
_SELF_NAMED = re.compile(r"“([^“”\n]{2,20}(?:行动计划|计划|行动|工程))”"
                         r"|“([^“”\n]{2,12})”这一[\u4e00-\u9fff]{0,8}(?:品牌|计划|行动|工程|平台)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# “一码通办”综合监管平台: a platform named by its quoted motto.
_QUOTED_PLATFORM = re.compile(r"“([^“”、\n]{2,12})”([\u4e00-\u9fff]{0,6}?平台)")
# “作风能力提升年”: a campaign year.
_CAMPAIGN_YEAR = re.compile(r"“([^“”、\d\n]{3,10}年)”")
# 召开“开年第一会”: a meeting named in quotes after a verb of holding it.
_QUOTED_MEETING = re.compile(r"(?:召开|举办|举行|开好|办好|主办|承办)了?“([^“”、\n]{2,12}会)”")
_NOT_MEETING = re.compile(r"(?:协会|学会|商会|基金会|委员会|联合会|促进会|研究会)$")
_QUOTE = re.compile(r"“([^“”、\n]{3,8})”")


def _quoted_kinds(text: str, anchors: dict[int, int],
                  zones: frozenset[tuple[int, int]]) -> list[Mention]:
    """Things named in quotes whose kind the words around say: platforms, campaign years,
    meetings, and a zone's brands (a quoted phrase built on the zone's name)."""
    out = []
    led_by = {end: start for start, end in anchors.items()}
    for m in _QUOTED_PLATFORM.finditer(text):
        start = led_by.get(m.start(), m.start())
        out.append(Mention(start, m.end(), "Program", text[start:m.end()], rule="quoted-platform",
                           confidence=0.75))
    for m in _CAMPAIGN_YEAR.finditer(text):
        out.append(Mention(m.start(1), m.end(1), "Program", m.group(1), rule="campaign-year",
                           confidence=0.7))
    for m in _QUOTED_MEETING.finditer(text):
        if not _NOT_MEETING.search(m.group(1)):
            out.append(Mention(m.start(1), m.end(1), "Event", m.group(1), rule="quoted-meeting",
                               confidence=0.75))
    for m in _QUOTE.finditer(text):
        a, b = m.start(1), m.end(1)
        inside = [(s, e) for s, e in zones if a <= s and e <= b]
        if inside and not any(e - s == b - a for s, e in inside) and not _SUFFIX_END.search(m.group(1)):
            out.append(Mention(a, b, "Program", m.group(1), rule="zone-brand", confidence=0.65))
    return out


# A title that is only a kind of policy (《政策》, 《若干措施》): a short reference.
_POLICY_KIND = re.compile(r"(?:若干|实施|行动|专项|工作)?(?:政策|意见|方案|措施|办法|规划|通知|决定|计划|条例|细则|纲要)")
_BOOK = re.compile(r"《([^《》\n]{2,80})》")
_PUBLICATION = re.compile(r"(?:报|日报|晚报|杂志|周刊|网|新闻|频道|电视台|之声)$")
# What the title of a policy document ends with (a year in brackets may follow).
_POLICY_END = re.compile(r"(?:措施|意见|方案|规定|倡议|计划|协议|政策|办法|条例|细则|规划|纲要|通知|决定|指引|"
                         r"指南|清单|标准|公告|目录|战略|行动|规则|制度|守则|章程|准则|宣言|共识|备忘录|框架|"
                         r"要点|法|条|批复|函|令)(?:[(（][^()（）]{1,12}[)）])?$")
_BARE_PROGRAM = re.compile(r"([\u4e00-\u9fffA-Za-z0-9+]{2,12}?)(行动计划|计划|行动|工程)(?![\u4e00-\u9fff]{0,1}[书的])")


# 某市人民政府关于某新区发展规划的批复: a notice's own title, set off by its line
_NOTICE_TITLE = re.compile(r"[\u4e00-\u9fff()（）]{0,30}关于[^\n《》“”]{2,80}?的"
                           r"(?:通知|实施意见|指导意见|意见|批复|决定|通报|公告|函)")


def notice_title(text: str) -> Mention | None:
    """The policy a government notice's title names, when the article's title is one."""
    title_end = text.find("\n")
    m = _NOTICE_TITLE.match(text, 0, title_end if title_end >= 0 else len(text))
    if m is None or m.end() - m.start() < 8:
        return None
    return Mention(m.start(), m.end(), "Policy", m.group(), rule="notice-title", confidence=0.85)


def find_quoted(text: str, tokens: list[tuple[int, int, str]],
                anchors: dict[int, int] | None = None,
                zones: frozenset[tuple[int, int]] = frozenset()) -> list[Mention]:
    """Policies in 《》 and programs named in quotes (“繁星”计划) or with a plan suffix.

    ``anchors`` (start → end of known names) let a name led by one keep it (湖南湘江新区
    “多测合一”平台); ``zones`` (spans of zone names) mark a zone's own brand (“智汇”+ the zone's name).
    """
    out: list[Mention] = []
    out += _quoted_kinds(text, anchors or {}, zones)
    notice = notice_title(text)
    if notice is not None:
        out.append(notice)
    for m in _BOOK.finditer(text):
        title = m.group(1).strip()
        if _PUBLICATION.search(title) or not _POLICY_END.search(title):
            continue
        if text[max(0, m.start() - 4):m.start()].endswith(("简称", "下称")):
            continue  # (以下简称《政策》): a short name of the policy just named
        name = ""
        if _POLICY_KIND.fullmatch(title):
            # 《若干措施》, 《政策》: the last policy named that ends so, or none at all
            full = next((p for p in reversed(out) if p.text.endswith(title) and p.text != title), None)
            if full is None:
                continue
            name = full.text if len(title) < 3 else ""  # too short for the linker to merge
        out.append(Mention(m.start(1), m.end(1), "Policy", title, rule="book-title",
                           confidence=0.9, name=name))
    for m in _QUOTED_RUN.finditer(text):
        counted, suffix = m.group(2), m.group(3)
        for q in _QUOTED.finditer(m.group(1)):
            inner = q.group(1)
            s = m.start(1) + q.start(1)
            count = bool(re.fullmatch(r"(?:[一二三四五六七八九十两]大)?[主子]?", counted))
            if ("、" in inner and (count or len(counted) < 2)) or not _CJK.search(inner):
                continue  # “优化服务、狠抓落实”五大行动: slogans; ‘1+3’活动: a formula
            # with a count (三大子品牌) the quoted words are the names themselves;
            # otherwise the kind follows (“制造强企”培育行动 → 制造强企培育行动, a motto of
            # several phrases too: “甲、乙”集中提升专项行动 is one campaign)
            if count and counted:
                name = inner
            else:
                name = inner if inner.endswith(suffix) else inner + counted + suffix
            out.append(Mention(s, s + len(inner), "Program", inner, rule="quoted-program",
                               confidence=0.85, name=name))
    for m in _SELF_NAMED.finditer(text):
        g = 1 if m.group(1) else 2
        out.append(Mention(m.start(g), m.end(g), "Program", m.group(g), rule="quoted-program",
                           confidence=0.8))
    token_at_end = {e for _, e, _ in tokens}
    for m in _BARE_PROGRAM.finditer(text):
        if m.end() not in token_at_end or text[m.start() - 1:m.start()] == "”":
            continue
        start = left_edge(text, m.start(2), tokens, {}, body_ends=set())
        name = text[start:m.end()]
        prefix = name[: -len(m.group(2))]
        ptoks = _tokens_between(tokens, start, m.start(2))
        if len(prefix) < 2 or _is_generic(prefix, ptoks) or re.search(r"\d{4}|年度", prefix):
            continue
        if not re.search(r"[0-9A-Za-z+]", prefix):  # 246+X产业倍增行动; plain words are prose
            continue
        out.append(Mention(start, m.end(), "Program", name, rule="program-suffix",
                           confidence=0.7))
    return out
