"""Names recognised by their shape: a proper part followed by a type suffix.

Chinese organization, park, event and fund names end in a small set of suffixes
(…有限公司, …研究院, …管委会, …产业园, …博览会, …基金). The right edge of a name is
therefore easy; the left edge is where the name stops being a name: punctuation, a
function word or a verb of government prose (建设, 打造, 落户 …), found on jieba's tokens.
"""
from __future__ import annotations

import bisect
import functools
import re

from .amounts import SIZE_MODIFIER, fund_amount
from .model import Mention
from .scan import automaton, leftmost_longest
from .tokenizer import DICTIONARY_TAGS, DictionaryTags

# (suffix, type), longest first so that 有限公司 wins over 公司.
SUFFIXES: list[tuple[str, str]] = sorted([
    # enterprises
    ("有限责任公司", "Enterprise"), ("股份有限公司", "Enterprise"), ("有限公司", "Enterprise"),
    ("公司", "Enterprise"), ("集团", "Enterprise"), ("银行", "Enterprise"), ("分行", "Enterprise"),
    ("支行", "Enterprise"), ("控股", "Enterprise"), ("合伙企业", "Enterprise"), ("证券", "Enterprise"), ("事务所", "Enterprise"), ("商场", "Enterprise"), ("交易所", "Enterprise"),
    # institutions
    ("大学", "Institution"), ("学院", "Institution"), ("研究院", "Institution"),
    ("研究所", "Institution"), ("科学院", "Institution"), ("研究中心", "Institution"),
    ("实验室", "Institution"), ("研发中心", "Institution"), ("推广中心", "Institution"),
    ("工程中心", "Institution"), ("研究基地", "Institution"), ("计算所", "Institution"),
    ("设计所", "Institution"), ("检测所", "Institution"), ("技术所", "Institution"), ("医院", "Institution"), ("保健院", "Institution"), ("卫生院", "Institution"),
    ("中学", "Institution"), ("小学", "Institution"), ("学校", "Institution"),
    ("协会", "Institution"), ("商会", "Institution"), ("学会", "Institution"),
    ("联盟", "Institution"), ("联合会", "Institution"), ("促进会", "Institution"),
    ("基金会", "Institution"), ("智库", "Institution"), ("疾控中心", "Institution"),
    ("创新中心", "Institution"), ("技术中心", "Institution"), ("检测中心", "Institution"),
    ("咨询委员会", "Institution"), ("顾问委员会", "Institution"), ("专家委员会", "Institution"),
    ("服务中心", "Institution"), ("设计院", "Institution"), ("规划院", "Institution"),
    ("党校", "Institution"), ("科协", "Institution"), ("博物馆", "Institution"),
    ("图书馆", "Institution"), ("科技馆", "Institution"), ("美术馆", "Institution"),
    ("医学中心", "Institution"),
    # government
    ("管委会", "GovernmentBody"), ("管理委员会", "GovernmentBody"), ("党工委", "GovernmentBody"),
    ("工委", "GovernmentBody"), ("委员会", "GovernmentBody"), ("人民政府", "GovernmentBody"),
    ("政府", "GovernmentBody"), ("区委", "GovernmentBody"), ("市委", "GovernmentBody"),
    ("省委", "GovernmentBody"), ("县委", "GovernmentBody"), ("海关", "GovernmentBody"),
    ("局", "GovernmentBody"), ("厅", "GovernmentBody"), ("办公室", "GovernmentBody"),
    ("办", "GovernmentBody"), ("委", "GovernmentBody"), ("部", "GovernmentBody"),
    ("总署", "GovernmentBody"), ("法院", "GovernmentBody"), ("检察院", "GovernmentBody"),
    ("管理站", "GovernmentBody"), ("政务服务中心", "GovernmentBody"), ("工作推进组", "GovernmentBody"),
    ("领导小组", "GovernmentBody"), ("直管区", "GovernmentBody"), ("法庭", "GovernmentBody"), ("质安站", "GovernmentBody"), ("研究室", "GovernmentBody"),
    ("政研室", "GovernmentBody"),
    # parks
    ("产业园", "Park"), ("科技园", "Park"), ("科技园区", "Park"), ("工业区", "Park"),
    ("大学城", "Park"), ("保税物流中心", "Park"), ("工业园", "Park"), ("物流园", "Park"),
    ("软件园", "Park"), ("创业园", "Park"), ("园区", "Park"), ("产业园区", "Park"), ("工业园区", "Park"),
    ("科学城", "Park"), ("科技城", "Park"), ("科创城", "Park"), ("医药谷", "Park"),
    ("综合保税区", "Park"), ("综保区", "Park"), ("综试区", "Park"), ("保税区", "Park"), ("保税港区", "Park"), ("自贸区", "Park"),
    ("自由贸易试验区", "Park"), ("自贸试验区", "Park"), ("试验区", "Park"), ("示范区", "Park"),
    ("先行区", "Park"), ("开发区", "Park"), ("高新区", "Park"), ("经开区", "Park"),
    ("创新区", "Park"), ("商务区", "Park"), ("经济区", "Park"), ("发展区", "Park"), ("功能区", "Park"), ("产业基地", "Park"), ("示范基地", "Park"), ("法务区", "Park"),
    ("基地", "Park"), ("集聚区", "Park"), ("聚集区", "Park"), ("小镇", "Park"),
    ("园", "Park"), ("TOWN", "Park"), ("公园", "Park"), ("岛", "Park"), ("谷", "Park"),
    # places
    ("新城", "Place"), ("现代城", "Place"), ("片区", "Place"), ("街道", "Place"), ("组团", "Place"),
    ("经济圈", "Place"), ("经济带", "Place"), ("城市群", "Place"), ("都市圈", "Place"),
    # funds
    ("基金", "Fund"), ("基金集群", "Fund"), ("基金群", "Fund"), ("引导基金", "Fund"),
    # events
    ("会议", "Event"), ("大会", "Event"), ("博览会", "Event"), ("交易会", "Event"),
    ("论坛", "Event"), ("峰会", "Event"), ("洽谈会", "Event"), ("恳谈会", "Event"),
    ("展览会", "Event"), ("研讨会", "Event"), ("推介会", "Event"), ("发布会", "Event"),
    ("座谈会", "Event"), ("年会", "Event"), ("对接会", "Event"), ("招商会", "Event"),
    ("交流会", "Event"), ("大赛", "Event"), ("沙龙", "Event"), ("发布活动", "Event"),
], key=lambda p: -len(p[0]))
SUFFIX_TYPE = dict(SUFFIXES)

# Words that end in a suffix but are not names (格局 is not a bureau).
NOT_NAMES = set("""格局 布局 结局 当局 开局 大局 全局 总部 东部 西部 南部 北部 中部 内部 外部 全部
局部 干部 基部 头部 本部 支部 一部 部 举办 创办 承办 主办 开办 兴办 督办 包办 代办 协办 筹办 好办
怎么办 通办 公园 校园 家园 花园 田园 乐园 庄园 菜园 果园 动物园 植物园 幼儿园 园 山谷 低谷 峡谷
城镇 乡镇 重镇 古镇 基地 会议 大会 论坛 公司 集团 银行 政府 联盟 研究院 实验室 学校 医院 大学
协会 基金 园区 片区 新城 办 委 局 厅 有关部门 相关部门 职能部门 原委 母公司 子公司 分公司
合资公司 央企 常委 编委 党委 纪委 市委 省委 区委 县委 镇党委 工委 党工委 管委会 街道 示范区 试验区
先行区 高新区 开发区 经开区 产业园 科技园 工业园 产业基地 创新中心 研究中心 技术中心""".split())

# Jieba tokens at which a name cannot go further left.
STOP_TOKENS = set("""组织 担任 作为 委托 纳入 列入 好 的 与 和 及 以及 或 或者 在 是 为 由 对 向 同 被 把 将 从 于 到 让 给 以 等 并 且 也 还 都 又 就 则 但 而 即 其 该 本 此 这 那 各
每 个 了 着 过 之 上 下 里 后 前 时 跟 并且 及其 包括 如 通过 经过 位于 来自 作为 成为 建设 打造 推动 加快 支持 引进 引导 依托 围绕 聚焦 落户
入驻 签约 签署 签订 成立 设立 发布 出台 印发 举办 召开 参加 出席 来到 走进 联合 携手 共建 组建 培育 实施 开展 建立 完善 深化 加强 鼓励 吸引 对接
获批 获得 授予 认定 评为 带领 邀请 会同 牵头 协调 新建 启动 投建 引入 招引 落地 承接 提升 优化 做强 壮大 发挥 积极 全力 持续 大力 着力 进一步 首批
首个 一批 多家 一家 一个 这家 旗下 下属 所属 下辖 龙头 拥有 形成 创建 申报 入选 获评 荣获 加入 进入 走访 考察 调研 参观 视察 主持 会见 会上 据 记者
今年 去年 目前 已 已经 正在 将会 共 近 约 达 超 超过 突破 新增 累计 全年 预计 分别 其中 同时 此外 另外 还有 一是 令 使 对于 关于 有助于 帮助 助推
例如 比如 像 们 正 正式 也已 已 被 这样 一支 四个 按责 统一 连续 二是 三是 四是 五是 六是 七是 八是 九是 十是 首先 其次 最后 也是 就是 都是 还是
不是 已是 已有 现有 共有 年 月 日 集中 专门 重要 主要 先后 相继 陆续 纷纷 一起 共同 联手 携 向 朝 往 自 据悉 获悉 了解 介绍 表示 说 指出 强调 认为 称 透露 解读
发言 致辞 参与 实现 助力 带动 赋能 用好 办好 做好 抓好 搭建 入围 揭牌 授牌 挂牌 开园 开工 竣工 投产 开业 运营 完成 来 去 有 无""".split())
# Verbs of a visit (在这里,他先后前往甲园、乙公司): what is visited starts after them.
STOP_TOKENS |= {"前往", "察看", "查看"}
# Prefixes that make a name generic (该公司, 有关部门) rather than proper.
GENERIC = set("""我们 你们 他们 咱们 自己 三级 二级 一级 省市 省市区 市区 股权 投资 出资 引导 政府 专项 知名 国内外
示范 技术 研发 公共
引导 协会 服务商 供应商 运营商 开发商 制造商 合作伙伴 西部 东部 中部 东北 该 本 这 此 各 其 全 有关 相关 上述 所属 下属 我 贵 全国 国内 国外 海外 多家 一批
一家 部分 重点 龙头 骨干 大型 中小 民营 外资 国有 科技型 高新技术 优质 新 老 原 现 省级 市级 区级 国家级
首家 首个 一个 两个 三个 多个 各类 各级 各大 本地 当地 外地 相应 专业 新型 现代 知名 头部 领军
链主 总 分 子 母 合资 独资 控股 参股 上市 中外 外商 港资 台资 内资 产业 企业 机构 单位 平台 项目
工作 会议 综合 行业 市场 金融 科技 创新 数字 智能 信息 服务 发展 建设 管理 经济 社会 城市 区域
跨境 国际 国家 地方 基层 全区 全市 全省 属地 新区 园区 区 市 省 县 镇 乡 村 镇级 县级""".split())
# A body named before one of its departments (农行江城市分行机构业务部): the body is the entity.
_STRONG_SUFFIX = re.compile(r"有限公司|有限责任公司|集团|银行|分行|研究院|大学|学院|管委会|海关|实验室")
_DEPARTMENT = re.compile(r"(?:中心|业务部|工作部|事业部|管理部|部|处|科|室)$")
# A text ending like a complete body (…管委会, …局): a 和 after it joins two bodies.
_BODY_END = re.compile(r"(?:管委会|委员会|政府|党工委|局|厅|委|办|部|署|院|中心|公司|集团|海关|大学|学院|所|"
                       r"实验室|学校|馆|党校|科协)$")
_CORPORATE_ROLE = re.compile(r"(?:全资|控股|参股)?(?:子公司|母公司|合资公司|孙公司)")
ROLE_NOUNS = ("服务商", "供应商", "运营商", "开发商", "制造商", "生产商", "承包商", "合作伙伴", "企业")
# Function characters that may be glued to the name after them (由, 经, 据, 向 …).
LEADING_FUNCTION_CHARS = set("由据向对与和及将继")
# A company's legal form: the word before it is the company's trade, whatever its tag.
_LEGAL_FORM_AT = re.compile(r"(?:股份)?有限(?:责任)?公司|集团")
# Form words a legal name holds before its legal form, bracketed or not (某某（集团）有限公司).
_FORM_WORDS = frozenset({"集团", "控股", "股份", "(", ")", "（", "）"})
# A company's trade words, written between its line of business and its legal form
# (某某城市建设|投资运营|有限公司, 某某产业|开发经营|有限公司).
_TRADE_WORDS = frozenset({"投资", "运营", "开发", "经营", "管理", "实业", "置业", "发展"})
# Characters that never occur inside an organization's name in this prose.
HARD_STOPS = set("的与在对向将把被从于让给")
# Tokens that may sit inside a name of a type (住房和城乡建设厅, 2024年…大会).
ALLOWED_INSIDE = {"GovernmentBody": frozenset({"和"}), "Institution": frozenset({"和", "与", "联合"}),
                  "Event": frozenset({"年", "第", "届", "次", "暨"}),
                  "Fund": frozenset({"引导"})}  # 创业引导母基金: 引导 is the fund's kind
# An organization followed by its head's title (科创局局长, 商务厅厅长, 综合办主任).
_HEAD_TITLE = re.compile(r"局长|局副局长|厅长|厅副厅长|部长|部副部长|主任|副主任|书记|党组")
_ADMIN_PREFIX = re.compile(r"^(?:国家|中央|中共|国务院|全国|省|市|区|县|新区|[\u4e00-\u9fff]{1,6}?(?:省|市|区|县|州))")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9()（）·\-—+&“”]")
_LEADING_DATE = re.compile(r"^(?:\d{1,4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:[上中下]旬)?")
_SHORT_EVENT = re.compile(r"((?:(?:19|20)\d{2})?[\u4e00-\u9fff](?:博会|洽会|交会|高会|服会|贸会|进博会))")
_SUFFIX_END = re.compile("(?:" + "|".join(re.escape(s) for s, _ in SUFFIXES) + ")$")
_PARK_SUFFIX_END = re.compile("(?:" + "|".join(re.escape(s) for s, t in SUFFIXES if t == "Park") + ")$")
MAX_NAME = 32
# A fund's series number (某某1号基金, 某某2期产业基金): the digits are part of its name.
_NUMBERED_FUND = re.compile(r"[\u4e00-\u9fffA-Za-z]\d{1,3}[号期][\u4e00-\u9fff]{0,6}$")


@functools.cache
def _suffix_automaton():
    return automaton((suffix, suffix) for suffix, _ in SUFFIXES)


def suffixes_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, suffix) of the suffixes in ``text``, leftmost first and longest at a
    position, not overlapping: what a regex of the suffixes longest-first would find, by
    one Aho-Corasick scan instead of trying ~150 alternatives at every character."""
    return leftmost_longest([(end + 1 - len(w), end + 1, w)
                             for end, w in _suffix_automaton().iter(text)])


def left_edge(text: str, suffix_start: int, tokens: list[tuple[int, int, str]],
              anchors: dict[int, int], allow_digits: bool = False,
              allowed: frozenset[str] = frozenset(), body_ends: set[int] | None = None) -> int:
    """Where a name that ends with the suffix at ``suffix_start`` begins.

    Walk left over name characters; stop at punctuation, at most ``MAX_NAME`` characters,
    and at the right end of the last stop token before the suffix. ``anchors`` are starts
    of known names (gazetteer hits, start → end): a cut that falls inside one of them
    (和 in 国家发展和改革委员会) moves to its start.
    """
    i = suffix_start
    while i > 0 and suffix_start - i < MAX_NAME and _NAME_CHARS.match(text[i - 1]):
        i -= 1
    window = i
    start = window
    if body_ends is None:
        body_ends = complete_bodies(text, anchors)
    first = bisect.bisect_left(tokens, (window, -1, ""))
    last = bisect.bisect_left(tokens, (suffix_start, -1, ""))
    for s, e, tok in reversed(tokens[first:last]):
        if e > suffix_start:
            continue
        if s in body_ends and word_tags().get(tok) == "v":
            start = e  # 海关总署|增列|海关: a verb right after a known name ends it
            break
        if tok in allowed:
            if tok == "和" and _BODY_END.search(text[max(0, s - 3):s]):
                start = e  # 管委会和科技厅: two bodies, the name is the second
                break
            if tok == "联合" and e != suffix_start:
                start = e  # 新区联合|某某研究院: the verb, not the name's 联合实验室
                break
            if tok == "与" and not _joins_fields(text, tokens, s, e):
                start = e  # 新区与|某某创新中心: two parties, the name is the second
                break
            continue
        if e in anchors and len(tok) >= 2 and word_tags().get(tok) == "v" \
                and _LEGAL_FORM_AT.match(text, suffix_start):
            start = e  # 新区迎来|上海某某有限公司: a verb before a known place ends the clause
            break
        if tok in BRAND_CHARS and _LEGAL_FORM_AT.match(text, suffix_start) and _inside_brand(tokens, s):
            continue  # 星源|达|电子股份有限公司: a brand jieba split, not the verb 达
        if tok in STOP_TOKENS or (not allow_digits and tok.isdigit() and e < suffix_start) \
                or (len(tok) >= 2 and word_tags().get(tok) in PROSE_TAGS) or _PROSE_WORD.match(tok):
            rest = _tokens_between(tokens, e, suffix_start)
            before = text[max(window, s - 2):s]
            nominal = len(tok) == 1 or word_tags().get(tok) in ("vn", "n", "nz")  # 建设 as in 城市建设
            if nominal and len(tok) >= 2 and _LEGAL_FORM_AT.match(text, suffix_start) \
                    and text[s - 1:s] not in HARD_STOPS \
                    and all(r in GENERIC or r in POLICY_WORDS or r in _FORM_WORDS or r in _TRADE_WORDS
                            for r in rest):
                continue  # 某某投资运营|有限公司, 某某建设|投资集团有限公司: the trade ends the name
            if rest and nominal and all(r in GENERIC or r in POLICY_WORDS for r in rest) \
                    and before and word_tags().get(before, "n")[:1] == "n":
                # 云舟|科技有限公司, 城市建设|创新发展大会: after a noun, a "stop" followed by
                # words too generic to be a name on their own is inside the name
                continue
            start = e
            break
    # jieba sometimes glues a function character to its neighbour (组与, 并在); but a cut
    # that leaves only generic words (江城中科云舟|科技有限公司) is inside the name
    for k in range(suffix_start - 1, start - 1, -1):
        if text[k] in HARD_STOPS and text[k] not in allowed:
            rest = text[k + 1:suffix_start]
            if len(rest) >= 2 and rest not in GENERIC:
                start = k + 1
            break
    # a known name straddling the cut (the stop token is inside it) restores it
    for a in range(window, start):
        if a in anchors and start < anchors[a]:
            start = a
            break
    # 设备制造和服务商重庆某某公司: a role noun before a place-led name
    for a in range(start + 1, suffix_start):
        if a in anchors and text[start:a].endswith(ROLE_NOUNS):
            start = a
            break
    # 长沙1月26日电|继某新区…: a dateline's end, then the sentence
    if text[start:start + 2] in ("日电", "日讯") and suffix_start - start > 4:
        start += 2
    # 由贵安新区管委会, 由闽海资本…: a function character glued before a name
    if text[start:start + 1] in LEADING_FUNCTION_CHARS and suffix_start - start > 3:
        start += 1
    # 总规模20亿元光电…基金: the amount before the name is not part of it
    unit = re.match(r"[\d.]*(?:万亿|亿|万)?元(?:的)?", text[start:suffix_start])
    if unit and unit.end() and unit.end() < suffix_start - start:
        start += unit.end()
    return start


# Characters that are stop words as words of quantity or time (达, 超, 近) but that brands
# are made of (星源达, 某新超): split off an unknown word before a legal form, part of it.
BRAND_CHARS = frozenset("达超正好来上中下前后")
# jieba's tags of a brand's word that such a character is glued to (unknown words, names).
_BRAND_WORD_TAGS = frozenset({None, "n", "nr", "nrt", "nrfg", "nz", "j", "nt"})


def _inside_brand(tokens: list[tuple[int, int, str]], s: int) -> bool:
    """Whether the token starting at ``s`` follows, with nothing between, a word jieba does
    not know or knows as a name: the two are one brand (星源|达), not a word and a verb."""
    i = bisect.bisect_left(tokens, (s, -1, ""))
    if i == 0 or tokens[i - 1][1] != s:
        return False
    prev = tokens[i - 1][2]
    return len(prev) >= 2 and bool(re.fullmatch(r"[\u4e00-\u9fff]+", prev)) \
        and word_tags().get(prev) in _BRAND_WORD_TAGS and prev not in GENERIC


# jieba's tags of the words of a field of study or work (土壤|与|水质, 材料|与|能源).
_FIELD_TAGS = frozenset({"n", "vn", "a", "an"})


def _joins_fields(text: str, tokens: list[tuple[int, int, str]], s: int, e: int) -> bool:
    """Whether the 与 at [s, e) joins two fields inside an institution's name (某市土壤与
    水质协同创新中心), not two parties (新区与|某中心, 某大学与|某中心): common words of
    a field on both sides, neither a place, a body nor a generic word."""
    i = bisect.bisect_left(tokens, (s, -1, ""))
    if i == 0 or i + 1 >= len(tokens) or tokens[i - 1][1] != s or tokens[i + 1][0] != e:
        return False
    before, after = tokens[i - 1][2], tokens[i + 1][2]
    return all(len(w) >= 2 and word_tags().get(w) in _FIELD_TAGS and w not in GENERIC
               for w in (before, after)) and not _BODY_END.search(before)


# Verbs that may sit inside a name (投资促进局, 工作推进组) but not begin one.
LEADING_VERBS = {"推进", "推动", "协同推进", "协同", "促进", "加快推进", "大力推进", "规划", "冲刺",
                 "高起点", "高标准", "贯彻落实", "深入"}
# Verb phrases of policy prose (做大做强…基金) that end the sentence's part of a name.
_VERB_PHRASE = re.compile(r"做大做强|做优做强|做强做优|发展壮大|用好|管好")
# Parts of speech (jieba's dictionary tags) that do not begin a name: verbs, adverbs,
# adjectives, prepositions, conjunctions, pronouns, particles.
NOT_NAME_START = {"v", "vd", "a", "ad", "d", "p", "c", "r", "u", "i"}


VERBAL_TAGS = {"v", "vn", "vd", "a", "ad", "an", "d", "i", "l"}
# Idioms (攻坚克难) and words led by an adverb of policy prose (不断完善, 持续推进) are
# prose, never inside a name. (jieba's other tags are too loose for this: 大连 is an
# adverb, 自贸区 and 国家专利 are set phrases.)
PROSE_TAGS = {"i"}
_PROSE_WORD = re.compile(r"^(?:不断|持续|逐步|稳步|全面|积极|大力|着力|深入|加快|切实|进一步|紧紧|牢牢|始终)"
                         r"[\u4e00-\u9fff]{2}$")


def word_tags() -> DictionaryTags:
    """jieba's word → part-of-speech table (its dictionary tags, no tagging pass)."""
    return DICTIONARY_TAGS


# Verbs that begin a meeting's own name, its theme (深入推进…座谈会, 冲刺…动员大会).
THEME_VERBS = frozenset({"推进", "深入推进", "加快推进", "协同推进", "大力推进", "全面推进", "深入",
                         "加快", "冲刺", "推动"})


def skip_leading_words(start: int, suffix_start: int, tokens: list[tuple[int, int, str]],
                       anchors: dict[int, int], tags: dict[str, str],
                       skip: set[str] = NOT_NAME_START, keep: frozenset[str] = frozenset()) -> int:
    """Move a name's start past leading verbs and adverbs (健全产业园区 → 产业园区), up to
    a word in ``keep``."""
    for i in range(bisect.bisect_left(tokens, (start, -1, "")), len(tokens)):
        s, e, tok = tokens[i]
        if s != start or e >= suffix_start or s in anchors or tok in keep:
            break
        if tags.get(tok) == "a" and i + 1 < len(tokens) and len(tokens[i + 1][2]) == 1 \
                and tags.get(tokens[i + 1][2]) == "n" and tokens[i + 1][1] < suffix_start:
            break  # 深远|海|装备…中心: jieba split the name's first word, an adjective's part in it
        if tok in LEADING_VERBS or (tags.get(tok) in skip and len(tok) > 1):
            start = e
        else:
            break
    return start


def _tokens_between(tokens: list[tuple[int, int, str]], a: int, b: int) -> list[str]:
    """Texts of the tokens lying wholly inside [a, b) (tokens are sorted by start)."""
    out = []
    for i in range(bisect.bisect_left(tokens, (a, -1, "")), len(tokens)):
        _, e, t = tokens[i]
        if e > b:
            break
        out.append(t)
    return out


def complete_bodies(text: str, anchors: dict[int, int]) -> set[int]:
    """Ends of the known names that are whole bodies (海关总署, …管委会)."""
    return {b for a, b in anchors.items() if _BODY_END.search(text[a:b])}


def _is_generic(prefix: str, tokens: list[str]) -> bool:
    """Whether a name's words only say what kind of thing it is (产业投资基金, 科技金融服务)."""
    if len(prefix) < 2:
        return True
    if any(w in prefix for w in INDUSTRIES):  # an industry is specific enough
        return False
    return all(_generic_word(t) for t in tokens)


def _generic_word(word: str) -> bool:
    """A generic word, or two glued into one token (科技金融 is 科技 + 金融)."""
    return word in GENERIC or (len(word) == 4 and word[:2] in GENERIC and word[2:] in GENERIC)


# Funds that pay out rather than invest (医保基金, 自然科学基金, 慈善基金): no investment
# or guidance fund (SCHEMA's Fund).
_NOT_INVESTMENT = re.compile(r"(?:医保|医疗保险|社保|社会保险|养老保险|养老|失业保险|工伤保险|公积|科学|社科|"
                             r"奖励|奖学|助学|救助|慈善|公益|扶贫|救灾|捐赠|保障|保险)$")
# What follows a fund's name when the fund is a research grant or a person's job
# (某某基金课题, 基金资助, 基金经理), or a body or rule named after it (某某基金管理中心,
# 某某基金管理办法): the word is no investment fund's name.
_GRANT_AFTER = re.compile(r"课题|资助|经理|管理人|份额|业(?!务)|管理(?:中心|委员会|办公室|机构|办法|暂行办法|制度)")


# Words that say what kind of fund a fund is (天使基金, 并购基金, 母基金): a name needs more.
FUND_KINDS = set("""天使 风投 创投 种子 并购 股权 成长 创业 风险 母 子 产业 投资 引导 政府 S
风险投资 创业投资 股权投资 产业投资 政府投资 私募 公募 专项 中小企业 纾困 担保 人才 科创 成果转化
天使投资 产业发展 创新创业 双创 社会 资本 社会资本 民间资本 国有资本 金融 资金""".split())


# A verb of founding right before a fund (设立|…, 设立了总规模5亿元的|…).
_FOUNDED_BEFORE = re.compile(r"(?:设立|成立|组建|发起|新设|筹建|推出|启动)了?(?:[^，。；,;：:、]{0,20}(?:的|元|规模))?“?$")


def _founded_with_size(text: str, start: int, end: int, name: str) -> bool:
    """Whether a fund named by its kind only (产业投资基金) is one fund: founded here, with
    its size stated in the same clause (设立总规模50亿元的产业投资基金, 成立天使基金，规模1亿元)."""
    if not _FOUNDED_BEFORE.search(text, max(0, start - 24), start):
        return False
    stops = [i for i in (text.find(c, end) for c in "。；;") if i >= 0]
    clause_end = min([*stops, end + 40, len(text)])
    return fund_amount(text, start, end, name, max(0, start - 24), clause_end) is not None


def _after_size_modifier(text: str, start: int, suffix_start: int) -> int:
    """Where a fund's name begins after a size written as its modifier (百亿元以上规模的|
    产业基金, 10亿元以上规模的|并购基金, even when the walk left stopped inside the amount):
    the size is the fund's amount (``amounts``), not its name."""
    for m in SIZE_MODIFIER.finditer(text, max(0, start - 10), suffix_start):
        if start < m.end() < suffix_start and re.search(r"[元亿万]", m.group()):
            start = m.end()
    return start


# A list summed up by its kind (生物医药、低空经济等重点产业子基金): several funds described.
_LIST_DESCRIBED = re.compile(r"等")


# A fund of the state named by what it invests in (国家…发展基金): a proper name, although
# its words are generic (国家级…基金 is a level, not the state's fund).
_NATIONAL_FUND = re.compile(r"国家(?!级)[\u4e00-\u9fff]{4,}基金$")
_SERIES_ONLY = re.compile(r"[一二三四五六七八九十\d]+[号期]")


def _fund_kind_only(prefix: str, tokens: list[str]) -> bool:
    """Whether a fund's words only say what kind of fund it is (天使基金, 人才基金); a fund
    named after an industry (智能制造产业投资基金集群) has a name."""
    if prefix in FUND_KINDS or _SERIES_ONLY.fullmatch(prefix):
        return True  # 二号基金: a series number without its fund's name
    if len(tokens) == 1 and word_tags().get(tokens[0]) in NOT_NAME_START:
        return True  # 明确|基金投向: a verb of the sentence, not a name
    return not any(w in prefix for w in INDUSTRIES) and all(_generic_word(t) or t in FUND_KINDS for t in tokens)


# Industries named by generic words, that things are named after (智能制造产业投资基金集群).
INDUSTRIES = set("""数字经济 海洋经济 智能制造 数字创意 智能网联 信息技术 金融科技 数字金融 科技服务""".split())


def find_named(text: str, tokens: list[tuple[int, int, str]], anchors: dict[int, int]) -> list[Mention]:
    """All names ending in a known suffix, with their left edge found on tokens."""
    out: list[Mention] = []
    tags = word_tags()
    body_ends = complete_bodies(text, anchors)
    token_at_end = {e: (s, t) for s, e, t in tokens}
    park_ends: list[int] = []  # ends of the parks found so far
    inside_known = {k for a, b in anchors.items() for k in range(a + 1, b)}
    for suffix_start, end, suffix in suffixes_in(text):
        etype = SUFFIX_TYPE[suffix]
        # a one-character suffix must be a token of its own or end a longer name-like
        # token (科创局), not a two-character word (格局, 待办, 总部)
        if len(suffix) == 1 and not _HEAD_TITLE.match(text, end):
            tok = token_at_end.get(end)
            if tok is None or len(tok[1]) == 2 or (len(tok[1]) > 2 and (
                    tok[1] in NOT_NAMES or tok[1][-2:] in NOT_NAMES)):  # 产业布局
                continue
        if end < len(text) and len(suffix) == 1 and text[end] in "长员":  # 局长, 委员
            continue
        if etype == "Event" and ((text[end:end + 1] in "中室厅精纪要部" and text[end:end + 2] != "部署")
                                 or text[end:end + 2] in ("机制", "制度")):  # 联席会议机制
            continue
        numbered = etype == "Fund" and _NUMBERED_FUND.search(text, max(0, suffix_start - 10), suffix_start)
        start = left_edge(text, suffix_start, tokens, anchors, allow_digits=etype == "Event" or bool(numbered),
                          allowed=ALLOWED_INSIDE.get(etype, frozenset()), body_ends=body_ends)
        # company names are often made of verbs (远航星测); a fund's words after a clause
        # closed by 的 are its own (设立总规模30亿元的|先进制造产业基金)
        if etype != "Enterprise" and not (etype == "Fund" and text[start - 1:start] == "的"):
            start = skip_leading_words(start, suffix_start, tokens, anchors, tags,
                                       keep=THEME_VERBS if etype == "Event" else frozenset())
            phrase = None
            for phrase in _VERB_PHRASE.finditer(text, start, suffix_start):
                pass
            if phrase is not None and suffix_start - phrase.end() >= 2:
                start = phrase.end()
        if etype == "Park":  # 某经开区南坪工业区: a park named after the park it lies in
            inner = [e for e in park_ends if start < e <= suffix_start - 2
                     and not re.search(r"[()（）]", text[e:suffix_start])
                     and _has_proper_word(_tokens_between(tokens, e, suffix_start), tags)]
            if inner:
                start = inner[-1]
        if etype == "Event":
            start += _LEADING_DATE.match(text[start:suffix_start]).end()
        name = text[start:end].strip("()（）·-—")
        if etype == "Enterprise" and name.endswith(("合资公司", "合资企业")) and any(
                start <= a and b == end - 4 for a, b in anchors.items()):
            continue  # 华锐、鼎新合资公司: the joint venture of known firms, not a name
        if etype == "Enterprise":  # 全资子公司申雄数字科技…: the relation is no part of the name
            role = _CORPORATE_ROLE.match(name)
            if role and len(name) - role.end() >= 4:
                name = name[role.end():]
        if "——" in name:  # a dash pair sets off an aside, never part of a name
            name = name[name.rfind("——") + 2:]
        if name.count("(") + name.count("（") > name.count(")") + name.count("）"):
            name = name[max(name.rfind("("), name.rfind("（")) + 1:]  # 新经济局(江城科学城管委会
        if name.count("“") != name.count("”"):  # a quote opened or closed outside the name
            name = name[max(name.rfind("“"), name.rfind("”")) + 1:]
        if _DEPARTMENT.search(name) and any(
                0 < x.end() < len(name) - 1 and end - len(name) + x.end() not in anchors
                for x in _STRONG_SUFFIX.finditer(name)):
            # 某研究院集成光电研究中心: a department of a named body, not a body; but
            # 某大学重庆…研发中心, set up in a named place, is a body of its own
            continue
        if etype in ("Park", "Place"):  # 国家级新区和国家级自贸区: two kinds listed, the last is the name
            joined = None
            for joined in _KINDS_JOINED.finditer(name):
                pass
            if joined is not None:
                name = name[joined.end():]
        if not name or name in NOT_NAMES or _COUNTED.match(name) or _COUNTED_INSIDE.search(name):
            continue
        start = text.find(name, start)
        if text[suffix_start - 1:suffix_start] == "+" or text[end:end + 1] == "+":
            continue  # “龙头企业+基金+产业园”, “平台+公司”模式: parts of a formula, no names
        if etype == "Fund":
            if _LIST_DESCRIBED.search(text, max(0, start - 1), suffix_start):
                continue  # 甲、乙等重点产业子基金: several funds described by their kind
            start = _after_size_modifier(text, start, suffix_start)
            name = text[start:end]
        if _COUNT_BEFORE.search(text, max(0, start - 1), start) and name[0] in _CLASSIFIERS:
            continue  # 3|个国家级开发区: the count's classifier begins no name
        if etype in ("Park", "Place") and name.startswith("新区") and name[2:] == suffix:
            continue  # 新区新城各部门: the zone and its new towns, no name
        prefix = name[: -len(suffix)]
        # jieba may glue the suffix to the name (同济大学 is one token): then the prefix is a word
        ptoks = _tokens_between(tokens, start, suffix_start) or [prefix]
        # a name led by a known name, or by 新区 (the article's own zone), is anchored
        anchored = start in anchors or name.startswith("新区") or (
            etype == "Fund" and _NATIONAL_FUND.match(name) is not None)
        if not anchored and (_is_generic(prefix, ptoks) or (etype == "Fund" and _fund_kind_only(prefix, ptoks))) \
                and not (etype == "Fund" and _founded_with_size(text, start, end, name)):
            continue  # 设立天使基金和风投基金: kinds of fund; 设立总规模5亿元的天使基金: one fund  # 设立天使基金和风投基金: kinds of fund, not a fund's name
        if etype == "GovernmentBody" and (_NOT_BUREAU.search(name) or _TWO_BODIES.search(name)):
            continue
        bare = etype == "GovernmentBody" and len(suffix) == 1 and not (
            anchored or _ADMIN_PREFIX.match(name))
        if bare and not _bureau_like(name, ptoks, tags):
            continue
        if etype == "Event" and not _proper_event(prefix):
            continue
        if etype not in ("Program", "Fund") and text[start - 1:start] == "“" and text[end:end + 1] == "”":
            continue  # “医药进医院”: a quoted slogan, not an organization (a fund is quoted by its name)
        if suffix == "组团" and not anchored:
            continue  # a zone's clusters (某新区临空组团); elsewhere 组团 is a verb or a team
        if suffix in GENERIC_PARK_SUFFIXES and not anchored and not _has_proper_word(ptoks, tags) \
                and not _TOPONYM.search(prefix) and prefix not in SITE_WORDS and not _NATIONAL_BASE.match(name):
            continue
        led = max((b for a, b in anchors.items() if start <= a and b <= suffix_start), default=None) \
            if suffix in _AREA_KINDS else None
        if led is not None and not _has_proper_word(_tokens_between(tokens, led, suffix_start), tags):
            continue  # 某新区产业功能区: the zone's kind of area, no name
        if suffix in ("公园", "岛", "谷", "园") and (end not in token_at_end or end in inside_known
                                                     or text[end:end + 2] == "城市"
                                                     or text[end:end + 1] in "地林艺丁"):
            continue  # 智谷科学中心, 公园城市, 学习园地, 某群岛新区: inside a longer word
        if suffix == "园区" and _PARK_SUFFIX_END.search(prefix):
            continue  # 江城生物医药谷园区食堂: the park named, then "园区" again
        if etype == "Fund" and (text[end:end + 1] == "会" or _NOT_INVESTMENT.search(prefix)
                                or _GRANT_AFTER.match(text, end)):
            continue  # 医保基金, 自然科学基金, 基金经理: no investment fund
        # a bureau named without its place (综合部, 行政审批局) is kept for the resolver,
        # which makes it an organ of the article's zone or drops it
        if etype == "Park":
            park_ends.append(start + len(name))
        out.append(Mention(start, start + len(name), etype, name,
                           rule="suffix-bare" if bare else f"suffix:{suffix}",
                           confidence=0.6 if bare else 0.75 if len(suffix) == 1 else 0.85))
    for m in _SHORT_EVENT.finditer(text):
        out.append(Mention(m.start(1), m.end(1), "Event", m.group(1), rule="short-event",
                           confidence=0.8))
    return out


# Words of policy prose that jieba may not know but that name no place (绿色低碳示范区).
POLICY_WORDS = set("""绿色 低碳 零碳 智慧 智能 数字 数智 生态 循环 开放 创新 现代 高端 先进 综合 示范
国际 融合 协同 高质量 双碳 新型 未来 特色 标准化 海洋 科创""".split())
_HAS_DIGIT = re.compile(r"[0-9A-Za-z]")
# Park kinds so common in policy prose (示范区, 基地) that only a proper name makes one.
GENERIC_PARK_SUFFIXES = {"基地", "产业基地", "保税物流中心", "示范区", "试验区", "先行区", "集聚区", "聚集区",
                         "园区", "创新区", "经济区", "发展区", "功能区", "产业园区", "公园", "岛", "谷",
                         "现代城", "片区", "组团"}  # a 新城 is a named area (places.DESCRIBED_KINDS)


# A base the state designates (国家某某高技术产业基地, 国家新型工业化产业示范基地): a name.
_NATIONAL_BASE = re.compile(r"^国家(?!级)[\u4e00-\u9fff]{4,}(?:产业基地|示范基地)$")
# Kinds of area a zone is divided into, named by their own words (某新区江南协同发展区).
_AREA_KINDS = frozenset({"发展区", "功能区"})
# Kinds of site that areas are named after (临空经济区, 高铁新城): as good as a proper word.
SITE_WORDS = frozenset({"空港", "航空港", "陆港", "海港", "高铁", "临空", "临港"})
# A place name by its last character (某家口, 某子港, 某山湾): a port, a bay, a pass.
_TOPONYM = re.compile(r"^(?!.*(?:海口|窗口|港口|港湾)$)[\u4e00-\u9fff]{2,3}[口港湾]$")


def _has_proper_word(tokens: list[str], tags: dict[str, str]) -> bool:
    """Whether a name has a proper word: a place, person or organization name, or a word
    jieba's dictionary does not know (星月湖, 青鸾)."""
    return any(len(t) >= 2 and t not in GENERIC and t not in POLICY_WORDS and not _HAS_DIGIT.search(t)
               and not t.endswith("区")  # 出口加工区, 保税区: kinds of zone, not names
               and (tags.get(t) is None or tags[t][:2] in ("ns", "nr", "nt", "nz")) for t in tokens)


# Departments of companies, party units inside organizations, and 事…办 slogans.
_NOT_BUREAU = re.compile(r"(?:业务部|管理部|事业部|党委|党组|支部|工会)$|事.{0,4}办$"
                         r"|(?:客户|市场|销售|财务|人力资源|研发|产品|运营|信贷|机构|个人金融)部$"
                         r"|(?:快|通|代|督|速|即|马上|就近|网上|一次|一窗|掌上|指尖)办$")
# 省委省政府, 中央和市委: two bodies named together, neither one by its name
# 八大产业旗舰联盟, 三个分基地: a count of things, not a name
_COUNTED = re.compile(r"^(?:[一二三四五六七八九十两多数几\d]+(?:大|个|家|项|支|只|批|座|所)|第[一二三四五六七八九十\d]+[期批])")
# 区域内三个分基地: a count inside is prose about several things
_COUNTED_INSIDE = re.compile(r"[一二三四五六七八九十两几\d]+个")
# 三个|国家级开发区: a numeral before a classifier; the classifier begins no name.
_COUNT_BEFORE = re.compile(r"[一二三四五六七八九十两多数几\d]$")
_CLASSIFIERS = frozenset("个家座批项类所只")
# A kind of area and a conjunction inside a park's name (国家级新区和国家级自贸区).
_KINDS_JOINED = re.compile(r"(?:新区|开发区|高新区|经开区|园区|自贸区|保税区|示范区|试验区)(?:和|与|及|以及)")
_TWO_BODIES = re.compile(r"[省市区县]委[省市区县]?政府$|^中央和|有关|相关")


def _bureau_like(name: str, tokens: list[str], tags: dict[str, str]) -> bool:
    """Whether a name without its place reads as a bureau (行政审批局, 综合部) rather than
    a slogan (一窗通办) or a body inside an organization (某某公司党委)."""
    if len(name) < 3 or re.search(r"[\d一二三四五六七八九十]", name) or _STRONG_SUFFIX.search(name):
        return False
    if _NOT_BUREAU.search(name):
        return False
    return any(t not in GENERIC and t not in STOP_TOKENS for t in tokens)


def _proper_event(prefix: str) -> bool:
    """An event name needs something proper: a place, a year, an ordinal, a topic. The
    work a meeting is about alone (党建工作会议, 锚定|工作会议确定的…) names only its kind."""
    topic = prefix[:-2] if prefix.endswith("工作") else prefix
    return len(topic) >= 3 and len(prefix) >= 4 or bool(re.search(r"\d|第|届|年", prefix))


# 甲、乙、丙等(70家)(外商投资)企业: every item is a thing of the kind the list ends with.
_ENUMERATION = re.compile(r"((?:[^\s、,，。;；:：!?！？“”《》()（）]{2,14}、)+[^\s、,，。;；:：!?！？“”《》()（）]{2,14})等"
                          r"((?:\d+家|多家|一批|[一二三四五六七八九十百千]+家)?"
                          r"(?:知名|重点|龙头|优质|骨干|头部|外资|民营|国有|高新技术|科技型|跨境|出口|外商投资|"
                          r"本土|本地|大型|中小|创新型|链主|规上|上市|行业|国内外|国际|世界500强|领军)*"
                          r"[^\s\d的于和与及为个,，。;；]{0,4}?)"
                          r"(企业|公司|外企|药企|车企|孵化器|众创空间|加速器|高校|院校|科研院所|院所|"
                          r"科研机构|研究机构|地区|城市)")
ENUMERATION_TYPE = {"企业": "Enterprise", "公司": "Enterprise", "外企": "Enterprise",
                    "药企": "Enterprise", "车企": "Enterprise", "孵化器": "Enterprise",
                    "众创空间": "Enterprise", "加速器": "Enterprise", "高校": "Institution",
                    "院校": "Institution", "科研院所": "Institution", "院所": "Institution",
                    "科研机构": "Institution", "研究机构": "Institution", "地区": "Place",
                    "城市": "Place"}


def find_enumerations(text: str, tokens: list[tuple[int, int, str]],
                      anchors: dict[int, int]) -> list[Mention]:
    """Items of a list closed by 等 and a kind (江海化工、澜岸新材等企业)."""
    out: list[Mention] = []
    tags = word_tags()
    body_ends = complete_bodies(text, anchors)
    for m in _ENUMERATION.finditer(text):
        etype = ENUMERATION_TYPE[m.group(3)]
        items = m.group(1).split("、")
        if sum(tags.get(it) in VERBAL_TAGS for it in items) * 2 > len(items):
            continue  # 创新研发、发展壮大等: a list of actions, not of names
        pos = m.start(1)
        spans = []
        for n, item in enumerate(items):
            spans.append((pos, pos + len(item)))
            pos += len(item) + 1
        if etype == "Enterprise":  # 甲、乙和丙等企业: the last item holds two firms
            spans[-1:] = [(spans[-1][0] + a, spans[-1][0] + b) for a, b in coordinated(items[-1])]
        for n, (start, end) in enumerate(spans):
            if n == 0:  # the list's first item has the sentence in front of it
                start = left_edge(text, end, tokens, anchors, body_ends=body_ends)
                start = skip_leading_words(start, end, tokens, anchors, tags, VERBAL_TAGS)
                done = text.rfind("了", max(0, start - 3), start)
                if done >= 0 and end - done <= 9 and not _PUNCT.search(text[done:start]):
                    start = done + 1  # 发掘了|求|是|光谱: the verb's 了 ends the sentence's part
                if end - start < 2:
                    continue
            name = text[start:end]
            if name in NOT_NAMES or name[-1] in "的了":
                continue
            # the kind the list names outweighs a suffix guess (星云创新中心…等孵化器)
            out.append(Mention(start, end, etype, name, rule="enumeration",
                               confidence=0.9 if _SUFFIX_END.search(name) else 0.7))
    return out


_PUNCT = re.compile(r"[\s、,，。;；:：!?！？“”《》]")
# The last item of a list of firms joined by a conjunction (…、乙科技和丙药业).
_COORDINATED = re.compile(r"^([^和及]{2,}?)(?:以及|及|和)(.{2,})$")


def coordinated(item: str) -> list[tuple[int, int]]:
    """(start, end) in ``item`` of the names a list's last item holds: two when a
    conjunction joins two names of two characters or more (乙科技和丙药业), else the item;
    a name cannot begin or end with its conjunction (和记, 中和农信 stay whole)."""
    x = _COORDINATED.match(item)
    if x is None:
        return [(0, len(item))]
    return [x.span(1), x.span(2)]
# 甲、乙、丙和丁: a list of things; an item is what lies between the separators.
_LIST = re.compile(r"[^\s、,，。;；:：!?！？“”《》等的]{2,14}(?:、[^\s、,，。;；:：!?！？“”《》等的]{2,14})+")
# What ends the name of a place-like park (瞪羚岛, 江城无线谷, 星光芯城).
_PARK_END = re.compile(r"[岛谷城港湾]$")


def find_list_siblings(text: str, tokens: list[tuple[int, int, str]], anchors: dict[int, int],
                       mentions: list[Mention]) -> list[Mention]:
    """Parks listed with a park (瞪羚岛、江城无线谷、星光芯城、青鸾生态产业园).

    A word with a generic head (岛, 谷, 城) names a park only in the right company: an
    unrecognized item of a list that holds a park found by its suffix, ending like a
    place, is one more park of that list.
    """
    parks = [m for m in mentions if m.type == "Park" and m.rule.startswith("suffix:")
             and "、" in text[max(0, m.start - 15):m.end + 15]]
    # the lists around those parks (a list cannot reach past a sentence's end)
    windows = sorted({(max(text.rfind("。", 0, p.start), text.rfind("\n", 0, p.start)) + 1,
                       p.end + 200) for p in parks})
    lists, seen = [], set()
    for lo, hi in windows:
        for lst in _LIST.finditer(text, lo, hi):
            if lst.span() not in seen and any(lst.start() <= p.start and p.end <= lst.end()
                                              for p in parks):
                seen.add(lst.span())
                lists.append(lst)
    if not lists:
        return []
    covered = {}
    for m in mentions:
        for i in range(m.start, m.end):
            covered.setdefault(i, m)
    out: list[Mention] = []
    for lst in lists:
        pos = lst.start()
        for n, item in enumerate(lst.group().split("、")):
            start, end = pos, pos + len(item)
            pos = end + 1
            if n == 0:
                start = left_edge(text, end, tokens, anchors, body_ends=set())
            name = text[start:end]
            if not 3 <= len(name) <= 8 or not _PARK_END.search(name) or "“" in name:
                continue  # 打造“物流枢纽岛、开放门户岛”: a slogan's list, not parks
            inside = {id(c): c for c in (covered.get(i) for i in range(start, end)) if c}
            # only a known name at its head may sit inside it (紫光|芯城)
            if any(c.start != start or c.end >= end or c.rule != "gazetteer"
                   for c in inside.values()):
                continue
            out.append(Mention(start, end, "Park", name, rule="list-sibling", confidence=0.7))
    return out
