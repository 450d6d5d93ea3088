"""A deterministic synthetic corpus in the genre of Chinese zone news, for benchmarks.

The texts are generated from templates written for this benchmark (no sentence comes from
a real article): the 19 national-level new areas and the cities, central bodies and
enterprises of ZoneGraph's gazetteers (``data/``), plus invented companies, parks,
institutes, funds, policies, programs, events and people (ordinary names that belong to no
real person). Everything is seeded: the same ``seed`` and size give byte-identical files on
every machine, so figures from different runs are comparable.

The archive mixes two kinds of document, as an institute's does:

- newsletter issues (masthead, 本期导读 table of contents, ten articles each closed by
  （来源：…）), written as ``newsletters/<series>-<number>.txt``;
- single news-feed items of one zone (title, date line, body, source), written as
  ``feeds/<zone id>/<date>-<n>.txt``.

Usage::

    python bench/corpus.py OUT_DIR --articles 1000 [--seed 7]
"""
from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLES_PER_ISSUE = 10
#: Of every 20 articles, 10 appear in one newsletter issue and 10 as feed items.
BLOCK = 2 * ARTICLES_PER_ISSUE

BRAND_A = "长恒华瑞鼎晟锦博启航睿丰泰弘宏远新盛安嘉宸德明智卓蓝天海云星辰峰川"
BRAND_B = "翼芯联图威拓创科达源谷智行桥帆宇润景诚信越晖川格致图灵澜舟岳"
INDUSTRIES = [
    ("智能科技", "智能制造"), ("微电子", "集成电路"), ("新能源科技", "新能源汽车"),
    ("生物医药", "生物医药"), ("信息技术", "软件和信息服务"), ("精密制造", "高端装备"),
    ("数据科技", "数字经济"), ("航空科技", "航空航天"), ("新材料", "新材料"),
    ("储能科技", "新型储能"), ("机器人", "机器人"), ("光电科技", "光电信息"),
    ("医疗器械", "医疗器械"), ("物流科技", "现代物流"), ("环保科技", "节能环保"),
]
PRODUCTS = ["智能驾驶域控制器", "车规级芯片", "动力电池", "工业机器人", "高端医疗影像设备",
            "光伏组件", "储能电池系统", "无人机", "边缘计算服务器", "创新药", "激光雷达",
            "新型显示面板", "氢燃料电池", "工业软件", "卫星通信终端"]
FIELDS = ["产业链协同", "科技创新", "开放平台", "公共服务", "人才交流", "园区共建",
          "金融服务", "数据互通", "营商环境", "绿色低碳", "应用场景开放", "招商引资"]
INSTITUTE_KINDS = ["研究院", "实验室", "创新中心", "技术研究院", "产业研究院"]
UNIVERSITIES = ["理工大学", "科技大学", "工业大学", "交通大学"]
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志远海燕晓东文博宇航思源子涵雨欣浩然"
OFFICIAL_TITLES = ["党工委副书记、管委会副主任", "党工委委员、管委会副主任", "管委会主任",
                   "党工委书记", "管委会副主任"]
COMPANY_TITLES = ["总经理", "董事长", "副总经理", "首席技术官", "创始人"]
BUREAUS = ["科技创新局", "经济发展局", "投资促进局", "商务局", "自然资源和规划局", "人才服务局"]
SPEECH = ["表示", "介绍", "指出", "说"]
SERIES = [("新区观察", "新区发展研究中心"), ("新区研究", "区域发展研究院"),
          ("开发开放动态", "新区政策研究室")]


def _jsonl(name: str) -> list[dict]:
    with (REPO / "data" / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass(frozen=True)
class Vocabulary:
    """The public names the generator draws from (ZoneGraph's own gazetteers)."""

    zones: tuple[tuple[str, str, str, str], ...]  # id, full name, short name, first city
    cities: tuple[str, ...]
    bodies: tuple[str, ...]
    enterprises: tuple[str, ...]
    surnames: tuple[str, ...]

    @classmethod
    def load(cls) -> "Vocabulary":
        zones = []
        for row in _jsonl("zones.jsonl"):
            short = next((a for a in row["aliases"] if a.endswith("新区") and len(a) <= 6), row["name"])
            city = (row.get("host_city") or "").split("、")[0]
            zones.append((row["id"], row["name"], short, city))
        cities = tuple(r["name"] for r in _jsonl("places.jsonl") if r.get("kind") == "city")
        bodies = tuple(r["name"] for r in _jsonl("government_bodies.jsonl") if r["name"].endswith("部"))
        enterprises = tuple(r["name"] for r in _jsonl("enterprises.jsonl"))
        lines = (REPO / "data" / "surnames.txt").read_text(encoding="utf-8").splitlines()
        surnames = tuple(s.strip() for s in lines if len(s.strip()) == 1 and not s.startswith("#"))
        return cls(tuple(zones), cities, bodies, enterprises, surnames[:120])


class ArticleWriter:
    """Writes one article (title, paragraphs) about one zone from a seeded random source."""

    def __init__(self, vocab: Vocabulary, rng: random.Random, day: date):
        self.v, self.r, self.day = vocab, rng, day
        self.zone = rng.choice(vocab.zones)
        self.partner = rng.choice([z for z in vocab.zones if z != self.zone])
        self.ind = rng.choice(INDUSTRIES)

    # ------------------------------------------------------------ names

    def brand(self) -> str:
        return self.r.choice(BRAND_A) + self.r.choice(BRAND_B)

    def company(self) -> tuple[str, str]:
        """A full company name and the short form used after it."""
        brand, ind = self.brand(), self.r.choice(INDUSTRIES)[0]
        city = self.zone[3].removesuffix("市") if self.zone[3] else ""
        form = self.r.random()
        if form < 0.4 and city:
            full = f"{brand}{ind}（{city}）有限公司"
        elif form < 0.7:
            full = f"{brand}{ind}股份有限公司"
        else:
            full = f"{city}{brand}{ind}有限公司"
        return full, brand + ind[:2]

    def person(self) -> str:
        given = self.r.choice(GIVEN) + (self.r.choice(GIVEN) if self.r.random() < 0.7 else "")
        return self.r.choice(self.v.surnames) + given

    def park(self) -> str:
        return self.r.choice([f"{self.zone[2]}{self.ind[1]}产业园", f"{self.brand()}科技园",
                              f"{self.zone[2]}{self.ind[1]}创新港"])

    def fund(self) -> str:
        return f"{self.zone[2]}{self.ind[1]}产业投资基金"

    def policy(self) -> str:
        return f"《{self.zone[1]}关于支持{self.ind[1]}高质量发展的若干措施》"

    def program(self) -> str:
        return f"“{self.zone[2][:2]}{self.r.choice(['英才', '智造', '创新', '领航'])}计划”"

    def institute(self) -> str:
        if self.r.random() < 0.3:
            return self.zone[3].removesuffix("市") + self.r.choice(UNIVERSITIES)
        return f"{self.zone[3].removesuffix('市')}{self.ind[1]}{self.r.choice(INSTITUTE_KINDS)}"

    def when(self) -> str:
        d = self.day - timedelta(days=self.r.randint(1, 20))
        return f"{d.month}月{d.day}日"

    def n(self, lo: int, hi: int) -> int:
        return self.r.randint(lo, hi)

    # ------------------------------------------------------------ sentences

    def sentences(self) -> list[str]:
        z, p, ind = self.zone, self.partner, self.ind
        co, short = self.company()
        co2, short2 = self.company()
        boss, official, head = self.person(), self.person(), self.person()
        big = self.r.choice(self.v.enterprises)
        r = self.r
        pool = [
            f"{self.when()}，{z[1]}与{p[1]}在{z[3] or r.choice(self.v.cities)}召开协同发展联席会议，"
            f"双方签署战略合作框架协议，将在{r.choice(FIELDS)}、{r.choice(FIELDS)}和{r.choice(FIELDS)}等领域深化合作。",
            f"{z[2]}管委会与{co}签订投资协议，{short}拟投资{self.n(3, 80)}亿元，"
            f"在{self.park()}建设年产{self.n(5, 50)}万套{r.choice(PRODUCTS)}的生产基地。",
            f"{z[2]}{r.choice(OFFICIAL_TITLES)}{official}{r.choice(SPEECH)}，{z[2]}将持续优化营商环境，"
            f"推动{ind[1]}产业集群加快成势。",
            f"{short}{r.choice(COMPANY_TITLES)}{boss}{r.choice(SPEECH)}，公司今年上半年营业收入同比增长"
            f"{self.n(8, 90)}%，新一代{r.choice(PRODUCTS)}已进入{self.n(2, 9)}家整车企业的供应体系。",
            f"{self.fund()}由{z[2]}管委会发起设立，总规模{self.n(10, 200)}亿元，首期规模{self.n(5, 30)}亿元，"
            f"重点投向处于成长期的{ind[1]}企业。",
            f"{z[2]}管委会印发{self.policy()}，从企业引育、场景开放、人才支撑和金融服务等方面提出"
            f"{self.n(10, 40)}条支持政策。",
            f"{co2}于{self.n(2015, 2023)}年落户{z[2]}，主要从事{r.choice(PRODUCTS)}的研发和制造，"
            f"目前已有员工{self.n(100, 3000)}人。",
            f"{self.institute()}与{short2}签署合作协议，双方将共建{ind[1]}联合实验室，开展关键核心技术攻关。",
            f"{z[2]}{r.choice(BUREAUS)}负责人{head}介绍，今年以来新区新签约{ind[1]}项目{self.n(10, 90)}个，"
            f"总投资超过{self.n(100, 900)}亿元。",
            f"据悉，{z[2]}同步实施{self.program()}，力争用三年时间引育{ind[1]}领域高层次人才{self.n(100, 900)}名。",
            f"{big}与{z[2]}管委会签署战略合作协议，将在{z[2]}设立区域总部，布局{ind[1]}业务。",
            f"{self.n(2022, 2025)}{z[2][:2]}{ind[1]}发展大会将于{self.n(1, 12)}月在{self.park()}举行，"
            f"届时将集中签约一批产业链上下游项目。",
            f"{r.choice(self.v.bodies)}有关负责人在调研{z[2]}时指出，要把{ind[1]}作为新区高质量发展的重要引擎。",
            f"{p[2]}{r.choice(BUREAUS)}与{z[2]}{r.choice(BUREAUS)}建立常态化对接机制，推动两地企业互设研发中心。",
            f"{self.person()}、{self.person()}、{self.person()}等专家出席签约仪式，"
            f"并为{z[2]}{ind[1]}产业发展建言献策。",
            f"{short}相关负责人表示，项目计划于今年{self.n(2, 4)}季度开工建设。",
        ]
        filler = [
            f"今年前{self.n(3, 11)}个月，{z[2]}实现地区生产总值{self.n(300, 4000)}亿元，同比增长{self.n(3, 12)}.{self.n(0, 9)}%。",
            f"目前，园区已集聚{ind[1]}企业{self.n(50, 600)}余家，形成从研发设计到生产制造的完整链条。",
            f"项目建成后，预计年产值超过{self.n(10, 200)}亿元，可带动就业{self.n(500, 5000)}人。",
            f"下一步，新区将围绕{r.choice(FIELDS)}和{r.choice(FIELDS)}持续发力，推动更多项目早落地、早投产。",
            f"数据显示，{z[2]}{ind[1]}产业规模已突破{self.n(100, 2000)}亿元，年均增速保持在{self.n(10, 30)}%以上。",
            "业内人士认为，这一举措将进一步降低企业综合成本，提升区域产业竞争力。",
            f"{self.n(2016, 2023)}年以来，新区累计引进{ind[1]}领域重大项目{self.n(20, 200)}个，"
            f"其中世界500强企业投资项目{self.n(3, 40)}个。",
            f"截至{self.n(3, 12)}月底，{z[2]}累计培育国家级专精特新“小巨人”企业{self.n(5, 80)}家。",
        ]
        picked = r.sample(pool, r.randint(7, 11)) + r.sample(filler, r.randint(3, 5))
        r.shuffle(picked)
        return picked

    def title(self) -> str:
        z, p, ind = self.zone, self.partner, self.ind
        return self.r.choice([
            f"{z[2]}与{p[2]}签署战略合作框架协议 携手推动{ind[1]}协同发展",
            f"{z[2]}{ind[1]}产业加速集聚 {self.n(2, 9)}个重点项目集中开工",
            f"{z[2]}出台支持{ind[1]}高质量发展若干措施",
            f"{z[2]}设立{self.n(10, 200)}亿元{ind[1]}产业投资基金",
            f"{z[2]}：{ind[1]}项目招引持续提速",
        ])

    def paragraphs(self) -> list[str]:
        sents = self.sentences()
        cuts = sorted(self.r.sample(range(1, len(sents)), min(3, len(sents) - 1)))
        out, last = [], 0
        for c in cuts + [len(sents)]:
            out.append("".join(sents[last:c]))
            last = c
        return [p for p in out if p]

    def source(self) -> str:
        return f"{self.zone[2]}{self.r.choice(['官网', '融媒体中心', '发布'])}"


def _day(index: int) -> date:
    """Dates spread over about ten years, in document order."""
    return date(2015, 1, 5) + timedelta(days=(index * 7) % 3650)


def newsletter(vocab: Vocabulary, seed: int, number: int) -> str:
    """One newsletter issue of ``ARTICLES_PER_ISSUE`` articles."""
    rng = random.Random(f"{seed}:issue:{number}")
    day = _day(number * BLOCK)
    series, publisher = SERIES[number % len(SERIES)]
    writers = [ArticleWriter(vocab, rng, day) for _ in range(ARTICLES_PER_ISSUE)]
    titles = [w.title() for w in writers]
    lines = [series, "", f"（第{number + 1}期）", "", publisher, "",
             f"{day.year}年{day.month}月{day.day}日", "", "本期导读：", ""]
    lines += [f"{i}.{t}" for i, t in enumerate(titles, 1)] + [""]
    for w, t in zip(writers, titles):
        lines += [t, ""]
        for para in w.paragraphs():
            lines += [para, ""]
        lines += [f"（来源：{w.source()}）", ""]
    return "\n".join(lines)


def feed_item(vocab: Vocabulary, seed: int, index: int) -> tuple[str, str, date]:
    """One news-feed article: (zone id, text, date)."""
    rng = random.Random(f"{seed}:feed:{index}")
    day = _day(index)
    w = ArticleWriter(vocab, rng, day)
    lines = [w.title(), "", f"{day.year}年{day.month}月{day.day}日", ""]
    for para in w.paragraphs():
        lines += [para, ""]
    lines += [f"（来源：{w.source()}）", ""]
    return w.zone[0], "\n".join(lines), day


def write_corpus(out: Path, articles: int, seed: int = 7) -> list[Path]:
    """Write a corpus of ``articles`` articles (a multiple of 20) under ``out``.

    Half are in newsletter issues, half are feed items; a larger corpus with the same seed
    starts with the same files as a smaller one.
    """
    vocab = Vocabulary.load()
    written: list[Path] = []
    for block in range(articles // BLOCK):
        path = out / "newsletters" / f"issue-{block + 1:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(newsletter(vocab, seed, block), encoding="utf-8")
        written.append(path)
        for k in range(ARTICLES_PER_ISSUE):
            index = block * ARTICLES_PER_ISSUE + k
            zone_id, text, day = feed_item(vocab, seed, index)
            path = out / "feeds" / zone_id / f"{day.isoformat()}-{index:05d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def write_issue(out: Path, number: int, seed: int = 7) -> Path:
    """One extra newsletter issue (an issue that arrives after the archive was built)."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"new-issue-{number + 1:05d}.txt"
    path.write_text(newsletter(Vocabulary.load(), seed, number), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    files = write_corpus(args.out, args.articles, args.seed)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    print(f"wrote {len(files)} files, {args.articles} articles, {chars:,} characters to {args.out}")


if __name__ == "__main__":
    main()
