"""People and their posts, as government news names them.

Officials appear after a chain of titles (党工委副书记、管委会副主任许衡秋; 区委副书记、区长
单泽明; 负责人李晓阳) that usually follows the organization, and again later by name
before a speech verb (许衡秋指出). A name is a known surname plus one or two characters,
and it must be followed by what follows names in this prose (a verb of speech or action,
or punctuation). 相关负责人 without a name is no person.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .model import Mention
from .scan import automaton, occurrences
from .tokenizer import DICTIONARY_TAGS, tag

TITLE_WORDS = sorted(set("""书记 副书记 主任 副主任 常务副主任 区长 副区长 市长 副市长 省长 副省长 县长
副县长 局长 副局长 厅长 副厅长 司长 副司长 处长 副处长 科长 副科长 部长 副部长 主席 副主席 总经理 副总经理
董事长 副董事长 董事 总裁 副总裁 经理 负责人 院长 副院长 所长 副所长 校长 副校长 秘书长 总监
总工程师 总建筑师 总规划师 首席执行官 创始人 联合创始人 合伙人 创始合伙人 委员 常委 主管 站长 行长
副行长 理事长 副理事长 会长 副会长 教授 副教授 研究员 院士 专家 助理 总裁助理 馆长 社长 主编 总编辑
队长 组长 工作人员 党组书记 党委书记 党总支书记 支部书记 政委 巡视员 调研员 总师 首席科学家 博士
执行负责人 发言人 新闻发言人 党组成员 执行董事 司长 副司长 总经济师 厂长 副厂长 镇长 副镇长 乡长 副乡长 CEO 监事长 分析师 工程师 设计师 代表 部门经理 领导 医生 总会计师 行政总裁""".split()), key=len, reverse=True)
_TITLE = "|".join(TITLE_WORDS)
SPEECH = ("表示", "介绍", "指出", "认为", "强调", "说", "称", "透露", "坦言", "告诉", "提到", "谈到",
          "通报", "解读", "发布", "宣布", "补充", "感慨", "回忆", "建议", "希望", "提出")
FOLLOW = SPEECH + ("出席", "参加", "主持", "致辞", "讲话", "作", "在", "等", "一行", "带队", "率",
                   "率队", "带领", "就", "也", "还", "则", "和", "与", "及", "、", ",", "。", ":",
                   "为", "向", "对", "从", "以", "会见", "调研", "考察", "聚焦", "感受", "看来",
                   "(", "”", "!", "?", ";", "一直", "早", "所", "的", "代表", "陪同", "要求",
                   "到", "来", "赴", "前往", "宣读", "通报", "汇报", "介绍", "参与", "视频",
                   "接受", "现场", "一同", "共同", "分别", "先后", "详细", "亲切", "团队", "课题组")
# Words a name's last character may begin instead (吴晴以及: 吴晴, not 吴晴以).
_GLUED = ("以及", "等人", "及其", "同志")
NOT_NAME_CHARS = set("的了在是和与及等为从对向就也还都将把被让给这那其该本各每某年月日个说表示介绍指出"
                     "区市省县镇")

# Function characters that are common inside given names (陈向远, 李为民): barred only last.
_NOT_INSIDE = NOT_NAME_CHARS - set("向为从其本对就也还都和")

# What a list of names is said to be (…等青年人才, …等专家): people, whatever jieba thinks.
_OF_PEOPLE = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:人才|专家|学者|院士|代表|负责人|企业家|同志|领导|嘉宾|科学家|工程师)")


_LEADER = re.compile(r"([\u4e00-\u9fff]{2,3}?)(?:总书记|国家主席|国务院总理|总理|副总理|委员长)")


# A name at a clause's start with its post beside it: in brackets (张三(某公司总经理)), or in
# a clause of its own (张三,某公司董事长,)
_BESIDE = rf"(?:^|(?<=[,。;:!?“”\n、]))(?P<name>[\u4e00-\u9fff]{{2,3}})"
_APPOSITIONS = (re.compile(_BESIDE + rf"[(（](?P<post>[^()（）,。;]{{2,40}}?(?:{_TITLE}))[)）]"),
                re.compile(_BESIDE + rf",(?P<post>[^()（）,。;:]{{2,40}}?(?:{_TITLE}))(?=[,。;])"))


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


# Characters a chain of posts is written with (甲新区(乙高新区)党工委书记、管委会主任).
_CHAIN_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9、()（）·]")
# What joins a person to the next chain of posts in the same clause (张三与市长李四).
_JOINER = re.compile(r"(?:以及|陪同|与|和|及|同|、|向|会见|会同)")
# A short aside between a title and the name (党委副书记(主持党委工作)汪新成).
ASIDE = re.compile(r"[(（][^()（）]{1,10}[)）]")
# Words that modify the title after them (执行副会长, 专职副书记, 代理市长).
MODIFIERS = ("执行", "常务", "名誉", "轮值", "专职", "荣誉", "代理", "高级", "资深", "首席", "驻会",
             "联席", "终身", "创始", "特聘", "兼职", "主要", "分管", "代", "党委", "党组", "党总支", "党支部")
_TITLE_RUN = re.compile(rf"(?:{'|'.join(MODIFIERS)})*(?:(?:{_TITLE})(?:兼)?)*(?:{_TITLE})$")


# What a title (with its modifiers) begins with: 创始合伙人兼董事长 is one post.
_TITLE_STARTS = tuple(TITLE_WORDS) + MODIFIERS


def _names_after_titles(text: str, surnames: frozenset[str],
                        token_ends: frozenset[int]) -> Iterator[tuple[int, int, int]]:
    """(title end, name start, name length) of every name written right after a title.

    One Aho-Corasick scan finds the titles; only where a surname (or a short aside and a
    surname) follows is the name tested.
    """
    seen = set()
    for end, length in _titles().iter(text):
        e = end + 1
        if e in seen or any(text.startswith(longer, e - length) for longer in _longer(text[e - length:e])):
            continue  # 董事 of 董事长孙立明: the longer title ends the chain, not 长孙
        at = e
        aside = ASIDE.match(text, e)
        if aside:
            at = aside.end()
        if _titles_at(text, at):
            continue  # 书记、区长: the next title, not a name
        if text[at:at + 1] not in surnames and text[at:at + 2] not in surnames:
            n = _rare_surname_name(text, at)
        else:
            n = _name_at(text, at, surnames, token_ends)
        if not n:
            continue
        # a name jieba only segments as a word needs the tagger to agree (not 殷殷嘱托)
        if not text[at + n:].startswith(FOLLOW) and at + n < len(text) \
                and not tagged_as_name(text, at, at + n):
            continue
        seen.add(e)
        yield e, at, n


def _rare_surname_name(text: str, at: int) -> int:
    """Length of a name whose surname the list lacks (虢, 占, 巨), right after a title,
    where jieba's tagger reads one: a name word of two or three characters, or a lone
    surname and a two-character given name before what follows names."""
    head = text[at:at + 2]
    if len(head) < 2 or not all(map(is_han, head)) or head[0] in NOT_NAME_CHARS \
            or DICTIONARY_TAGS.get(head, "nr")[:2] != "nr" or text.startswith(FOLLOW, at) \
            or not (text.startswith(FOLLOW, at + 2) or text.startswith(FOLLOW, at + 3)):
        return 0  # the cheap tests first: 主任表示 has no name, a name is followed like one
    words = tag(text[at:at + 6])
    first, flag = words[0]
    if flag.startswith("nr") and len(first) in (2, 3) and text.startswith(FOLLOW, at + len(first)):
        return len(first)
    if flag.startswith("nr") and len(first) == 1 and len(words) > 1 and len(words[1][0]) == 2 \
            and text.startswith(FOLLOW, at + 3) and not set(words[1][0]) & NOT_NAME_CHARS:
        return 3
    return 0


def is_han(c: str) -> bool:
    """Whether ``c`` is a Chinese character, rare ones beyond the basic block included (黄永煇
    is written with one after conversion to simplified characters)."""
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\U00020000" <= c <= "\U0003134f"


# The titles by their first character (a cheap test of whether one begins somewhere).
_TITLES_BY_FIRST = {c: tuple(t for t in TITLE_WORDS if t[0] == c) for c in {t[0] for t in TITLE_WORDS}}


@functools.cache
def _longer(title: str) -> tuple[str, ...]:
    """The titles that begin with ``title`` and go on (董事长 for 董事)."""
    return tuple(t for t in TITLE_WORDS if len(t) > len(title) and t.startswith(title))


def _titles_at(text: str, i: int) -> bool:
    """Whether a title word begins at ``i`` (区长 is no name of surname 区)."""
    return any(text.startswith(t, i) for t in _TITLES_BY_FIRST.get(text[i:i + 1], ()))


def _parts(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The posts of a chain ``text[a:b]``: pieces separated by 、 or 兼 that end in a title
    (a 兼 between two titles of one body stays inside the post: 副主席兼行政总裁)."""
    parts, start = [], a
    for k in range(a, b + 1):
        if k == b or text[k] == "、" or (text[k] == "兼" and _TITLE_RUN.search(text, start, k)
                                         and not text.startswith(_TITLE_STARTS, k + 1)):
            if k > start:
                parts.append((start, k))
            start = k + 1
    return [(s, e) for s, e in parts if _TITLE_RUN.search(text, s, e)]


def bare_title(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` is a title and nothing else (名誉会长, not 商会名誉会长)."""
    m = _TITLE_RUN.search(text, a, b)
    return m is not None and m.start() == a


def _is_post_list(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` is only posts (河北省委常委 before ,雄安新区党工委书记张三)."""
    pieces = re.split(r"[、兼]", text[a:b])
    return bool(pieces) and all(_TITLE_RUN.search(p) and len(p) <= 24 for p in pieces)


def titled_people(text: str, surnames: frozenset[str], token_ends: frozenset[int] = frozenset()
                  ) -> tuple[list[Mention], list[tuple[Mention, list[tuple[int, int]]]]]:
    """People named after their posts, each with the spans of those posts.

    A person's chain of posts runs back from the name to the start of the clause or to
    the person named before it in the clause (市委书记张三与市长李四); clauses before it
    that hold nothing but posts are its posts too (河北省委常委，雄安新区党工委书记张三). Names
    listed after one title (副会长张三、李四、王五) share its posts.
    """
    people: list[Mention] = []
    chains: list[tuple[Mention, list[tuple[int, int]]]] = []
    last_end = 0
    for e, at, n in _names_after_titles(text, surnames, token_ends):
        if at < last_end:
            continue
        start = e
        while start > last_end and _CHAIN_CHAR.match(text, start - 1):
            start -= 1
        if start == last_end and last_end:
            joiner = _JOINER.match(text, start)
            start = joiner.end() if joiner else start
        parts = _parts(text, start, e)
        if not parts:
            continue
        # posts in the clauses before, separated by commas
        k = start
        while text[k - 1:k] == "," and k - 1 > last_end:
            c = k - 1
            while c > last_end and _CHAIN_CHAR.match(text, c - 1):
                c -= 1
            if c == k - 1 or (c == last_end and last_end) or not _is_post_list(text, c, k - 1):
                break
            parts = _parts(text, c, k - 1) + parts
            k = c
        person = Mention(at, at + n, "Person", text[at:at + n], rule="title-chain", confidence=0.85)
        people.append(person)
        chains.append((person, parts))
        last_end = at + n
        # 副会长张三、李四、王五: names listed after the one title
        while text[last_end:last_end + 1] == "、" and not _titles_at(text, last_end + 1):
            m = _name_at(text, last_end + 1, surnames)
            if not m:
                break
            other = Mention(last_end + 1, last_end + 1 + m, "Person", text[last_end + 1:last_end + 1 + m],
                            rule="title-list", confidence=0.8)
            people.append(other)
            chains.append((other, parts))
            last_end = other.end
    return people, chains


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
            if len(name) < total or not all(map(is_han, name)):
                continue
            if name[-1] in NOT_NAME_CHARS or any(c in _NOT_INSIDE for c in name[slen:-1]) \
                    or (total == 2 and name[0] == name[1]):
                continue  # 殷殷 (嘱托) is a word, not a name
            if text.startswith(_GLUED, i + total - 1):
                continue  # 吴晴以及: 以及 is a word of its own
            if DICTIONARY_TAGS.get(name, "nr")[:2] != "nr":
                continue  # 商会, 江山: a word of the dictionary that is no name
            rest = text[i + total:]
            if not rest or rest.startswith(FOLLOW):
                return total
            if i + total in token_ends and not best:
                best = total
    return best


def find_people(text: str, surnames: frozenset[str], orgs: list[Mention],
                token_ends: frozenset[int] = frozenset()
                ) -> tuple[list[Mention], list[tuple[Mention, list[tuple[int, int]]]]]:
    """Persons, and for each person named with posts the spans of those posts.

    ``orgs`` are organization/zone mentions already found (a post stated later about
    someone already named: 张三是某公司总监).
    """
    people, chains = titled_people(text, surnames, token_ends)
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
        # the first item may have words glued in front (还有陈潇): keep its name part
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
    # 张三(某公司总经理)表示 / 张三,某公司董事长,…: a name with its post set beside it
    taken = {p.start for p in people}
    for m in (m for pattern in _APPOSITIONS for m in pattern.finditer(text)):
        a, b = m.start("post"), m.end("post")
        n = _name_at(text[m.start("name"):m.end("name")] + "、", 0, surnames)
        if m.start("name") in taken or n != len(m.group("name")) or not any(o.start == a for o in orgs) \
                or not _is_post_list(text, a, b):
            continue
        parts = _parts(text, a, b)
        if not parts:
            continue
        person = Mention(m.start("name"), m.end("name"), "Person", m.group("name"), rule="apposition",
                         confidence=0.75)
        known.add(person.text)
        people.append(person)
        chains.append((person, parts))
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
        if tail and not any(q is p for q, _ in chains):
            chains.append((p, [(org.start, org.end + tail.end())]))
    return people, chains
