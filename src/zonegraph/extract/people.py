"""People and their posts, as government news names them.

Officials appear after a chain of titles (党工委副书记、管委会副主任许宏球; 区委副书记、区长
单泽峰; 负责人李晓宇) that usually follows the organization, and again later by name
before a speech verb (许宏球指出). A name is a known surname plus one or two characters,
and it must be followed by what follows names in this prose (a verb of speech or action,
or punctuation). 相关负责人 without a name is no person.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .model import Mention
from .scan import automaton, occurrences
from .tokenizer import tag

TITLE_WORDS = sorted(set("""书记 副书记 主任 副主任 常务副主任 区长 副区长 市长 副市长 省长 副省长 县长
副县长 局长 副局长 厅长 副厅长 处长 副处长 科长 副科长 部长 副部长 主席 副主席 总经理 副总经理
董事长 副董事长 董事 总裁 副总裁 经理 负责人 院长 副院长 所长 副所长 校长 副校长 秘书长 总监
总工程师 总建筑师 总规划师 首席执行官 创始人 联合创始人 合伙人 创始合伙人 委员 常委 主管 站长 行长
副行长 理事长 副理事长 会长 副会长 教授 副教授 研究员 院士 专家 助理 总裁助理 馆长 社长 主编 总编辑
队长 组长 工作人员 党组书记 党委书记 党总支书记 支部书记 政委 巡视员 调研员 总师 首席科学家 博士
执行负责人 执行董事 监事长 分析师 工程师 设计师 代表 部门经理""".split()), key=len, reverse=True)
_TITLE = "|".join(TITLE_WORDS)
SPEECH = ("表示", "介绍", "指出", "认为", "强调", "说", "称", "透露", "坦言", "告诉", "提到", "谈到",
          "通报", "解读", "发布", "宣布", "补充", "感慨", "回忆", "建议", "希望", "提出")
FOLLOW = SPEECH + ("出席", "参加", "主持", "致辞", "讲话", "作", "在", "等", "一行", "带队", "率",
                   "率队", "带领", "就", "也", "还", "则", "和", "与", "及", "、", ",", "。", ":",
                   "为", "向", "对", "从", "以", "会见", "调研", "考察", "聚焦", "感受", "看来",
                   "(", "”", "!", "?", ";", "一直", "早", "所", "的")
# A title chain: titles joined by 、 or 兼, each optionally led by an organ or department.
_CHAIN = re.compile(rf"((?:[\u4e00-\u9fffA-Za-z0-9]{{0,16}}?(?:{_TITLE})(?:、|兼)?)+)")
# A stretch of text a chain cannot leave (any other character ends it).
# The titles that end a stretch of text (…党总支书记、董事长).
_TRAILING_TITLES = re.compile(rf"(?:(?:{_TITLE})(?:、|兼)?)+$")
_CLAUSE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9、]+")
_NOT_NAME_START = set("的了在是和与及等为从对向就也还都又将把被让给这那其该本各每某")
NOT_NAME_CHARS = set("的了在是和与及等为从对向就也还都将把被让给这那其该本各每某年月日个说表示介绍指出"
                     "区市省县镇")


# What a list of names is said to be (…等青年人才, …等专家): people, whatever jieba thinks.
_OF_PEOPLE = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:人才|专家|学者|院士|代表|负责人|企业家|同志|领导|嘉宾|科学家|工程师)")


_LEADER = re.compile(r"([\u4e00-\u9fff]{2,3}?)(?:总书记|国家主席|国务院总理|总理|副总理|委员长)")


def tagged_as_name(text: str, start: int, end: int) -> bool:
    """Whether jieba's part-of-speech tagger reads text[start:end] as a person's name.

    Tagging is slower than segmentation, so it only runs on the short context of a
    candidate that the cheap patterns found.
    """
    a = max(0, start - 6)
    pos = a
    for word, flag in tag(text[a:end + 6]):
        if pos == start and word == text[start:end]:
            return flag.startswith("nr")
        pos += len(word)
    return False


@functools.cache
def _titles():
    return automaton((title, len(title)) for title in TITLE_WORDS)


def _chains(text: str, surnames: frozenset[str]) -> Iterator[re.Match]:
    """Title chains in ``text`` that a surname follows.

    The chain pattern is costly (a lazy prefix before a hundred titles, tried at every
    position), so it only runs on the stretches where a title ends before a surname,
    found by one Aho-Corasick scan; a chain cannot leave its stretch, so the matches are
    those a scan of the whole text would give.
    """
    clauses = []
    for end, _ in _titles().iter(text):
        e = end + 1 + (text[end + 1:end + 2] in ("、", "兼"))
        if text[e:e + 1] in surnames or text[e:e + 2] in surnames:
            clauses.append(e)
    last = -1
    for e in clauses:
        if e <= last:
            continue
        clause = _CLAUSE.search(text, _clause_start(text, e))
        if clause is None:
            continue
        last = clause.end()
        yield from _CHAIN.finditer(text, clause.start(), clause.end())


def _clause_start(text: str, pos: int) -> int:
    """Where the stretch holding ``text[pos - 1]`` begins."""
    i = pos
    while i > 0 and _CLAUSE.match(text, i - 1, i):
        i -= 1
    return i


def _name_at(text: str, i: int, surnames: frozenset[str],
             token_ends: frozenset[int] = frozenset()) -> int:
    """Length of a person's name starting at ``i`` (0 when there is none).

    The name must be followed by what follows names (a speech verb, punctuation …); when
    ``token_ends`` is given (after a title, where a name is expected) a name that jieba
    segments as a word of its own is enough.
    """
    best = 0
    for slen in (2, 1):
        if text[i:i + slen] not in surnames:
            continue
        for total in (3, 2) if slen == 1 else (4, 3):
            name = text[i:i + total]
            if len(name) < total or not all("\u4e00" <= c <= "\u9fff" for c in name):
                continue
            if any(c in NOT_NAME_CHARS for c in name[slen:]) or (total == 2 and name[0] == name[1]):
                continue  # 殷殷 (嘱托) is a word, not a name
            rest = text[i + total:]
            if not rest or rest.startswith(FOLLOW):
                return total
            if i + total in token_ends and not best:
                best = total
    return best


def find_people(text: str, surnames: frozenset[str], orgs: list[Mention],
                token_ends: frozenset[int] = frozenset()
                ) -> tuple[list[Mention], list[tuple[Mention, Mention | None, str]]]:
    """Persons and (person, organization or None, title) triples found in ``text``.

    ``orgs`` are organization/zone mentions already found; the organization of a post is
    the one that ends where the title chain begins.
    """
    people: list[Mention] = []
    posts: list[tuple[Mention, Mention | None, str]] = []
    org_by_end = {}
    for o in orgs:
        if o.type in ("Zone", "GovernmentBody", "Enterprise", "Institution", "Park"):
            org_by_end.setdefault(o.end, o)
    for m in _chains(text, surnames):
        end = m.end()
        n = _name_at(text, end, surnames, token_ends)
        if not n:
            continue
        # a name jieba only segments as a word needs the tagger to agree (not 殷殷嘱托)
        if not text[end + n:].startswith(FOLLOW) and end + n < len(text) \
                and not tagged_as_name(text, end, end + n):
            continue
        chain_start = m.start()
        # the chain begins right after an organization, or after punctuation
        org = None
        for k in range(chain_start, end):
            if k in org_by_end:
                org = org_by_end[k]
                chain_start = k
                break
        title = text[chain_start:end].strip("、")
        if org is None:
            # keep only the title words right before the name (no run-on prose)
            t = re.search(rf"((?:(?:{_TITLE})(?:、|兼)?)+)$", title)
            title = t.group(1).strip("、") if t else title
        if not title or title.startswith(("相关", "有关")) or len(title) > 30:
            continue
        person = Mention(end, end + n, "Person", text[end:end + n], rule="title-chain",
                         confidence=0.9 if org else 0.8)
        people.append(person)
        # a later part of the chain led by another organization is a post there
        # (管委会常务副主任、中医药科创城党委书记)
        for k in range(chain_start + len(title) - 1, chain_start, -1):
            if text[k - 1] == "、" and any(o.start == k for o in orgs) and org is not None:
                other = next(o for o in orgs if o.start == k)
                posts.append((person, other, text[other.end:end]))
                title = text[chain_start:k - 1]
                break
        posts.append((person, org, title))
        # 某公司党总支书记、董事长，四川天府新区总建筑师刘玉龙: posts listed before, each
        # an organization and its titles, separated by commas
        k = org.start if org is not None else 0
        while k and text[k - 1:k] == ",":
            earlier = _TRAILING_TITLES.search(text, max(0, k - 41), k - 1)
            prev_org = org_by_end.get(earlier.start()) if earlier else None
            if prev_org is None:
                break
            posts.append((person, prev_org, earlier.group().strip("、")))
            k = prev_org.start
    # leaders named before their title (习近平总书记)
    for m in _LEADER.finditer(text):
        n = len(m.group(1))
        if _name_at(m.group(1) + "、", 0, surnames) == n:
            people.append(Mention(m.start(1), m.end(1), "Person", m.group(1), rule="name-title",
                                  confidence=0.85))
    known = {p.text for p in people}
    # lists of names (张三、李四、王五等): every item must be a name
    for m in re.finditer(r"[\u4e00-\u9fff]{2,3}(?:、[\u4e00-\u9fff]{2,3}){1,8}等", text):
        items = m.group()[:-1].split("、")
        starts = [m.start()]
        for item in items[:-1]:
            starts.append(starts[-1] + len(item) + 1)
        # the first item may have words glued in front (还有陈涛): keep its name part
        first = next((n for n in (3, 2) if len(items[0]) >= n and _name_at(
            items[0][-n:] + "、", 0, surnames) == n
            and (not token_ends or m.start() + len(items[0]) - n in token_ends)), 0)
        if not first:
            continue
        starts[0] += len(items[0]) - first
        items[0] = items[0][-first:]
        if not all(_name_at(it + "、", 0, surnames) == len(it) for it in items):
            continue  # the cheap test first: the tagger runs only on lists that pass it
        of_people = _OF_PEOPLE.match(text, m.end())  # 张三、李四等青年人才
        if of_people or sum(tagged_as_name(text, st, st + len(it))
                            for it, st in zip(items, starts)) * 2 > len(items):
            for it, st in zip(items, starts):
                if it not in known:
                    known.add(it)
                    people.append(Mention(st, st + len(it), "Person", it, rule="name-list",
                                          confidence=0.7))
    # names before speech verbs, and later mentions of names already found
    for m in re.finditer(r"(?:^|(?<=[,。;:!?“”\n]))([\u4e00-\u9fff]{2,3})(?=" + "|".join(SPEECH) + ")", text):
        cand = m.group(1)
        n = _name_at(text, m.start(1), surnames)
        if (n and text[m.start(1):m.start(1) + n] not in known and n == len(cand)
                and tagged_as_name(text, m.start(1), m.end(1))):
            known.add(cand)
            people.append(Mention(m.start(1), m.end(1), "Person", cand, rule="speech-verb",
                                  confidence=0.7))
    seen = {(p.start, p.end) for p in people}
    for name in known:
        for i in occurrences(text, name):
            if (i, i + len(name)) not in seen:
                seen.add((i, i + len(name)))
                people.append(Mention(i, i + len(name), "Person", name, rule="name-repeat",
                                      confidence=0.85))
    # 张三是某某公司研发中心总监: a post stated about someone already named
    org_by_start = {o.start: o for o in orgs if o.type in ("Zone", "GovernmentBody", "Enterprise",
                                                           "Institution", "Park")}
    for p in people:
        if text[p.end:p.end + 1] != "是" or p.end + 1 not in org_by_start:
            continue
        org = org_by_start[p.end + 1]
        tail = re.match(rf"[^,。;:!?、\n]{{0,20}}?(?:{_TITLE})(?=[,。;、]|$)", text[org.end:])
        if tail and not any(q[0].text == p.text and q[1] is org for q in posts):
            posts.append((p, org, tail.group()))
    return people, posts
