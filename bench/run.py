"""ZoneGraph's performance benchmark: ``make bench`` prints one table and writes JSON.

What it measures (see ``bench/README.md`` for the method and the targets):

1. extraction throughput on a 1,000-article synthetic corpus, single process, and its cost
   relative to bare ``jieba.lcut`` over the same text in the same process;
2. ``zonegraph build --jobs 1`` and ``--jobs 2`` on the 10,000-article corpus: speed-up
   (and over ``--jobs 1`` held to one core);
3. the 10,000-article end-to-end build into the on-disk store: articles/s, peak memory;
4. incremental builds: one new 10-article issue into that store, an unchanged document;
5. every named query (``src/zonegraph/queries/*.rq``, plus a few research queries of our
   own) on that store: median latency through ZoneGraph and directly on pyoxigraph;
6. views of 500 / 5,000 / 20,000 nodes: time to write the HTML and until headless
   Chromium has drawn the network;
7. generated texts of 8 and 50 MB of many articles, each built as one document: peak
   memory, time, how it ended (built, or abandoned by the document budget), and the ratio
   of the two peaks;
8. a soak of ``zonegraph serve`` on loopback (``bench/soak.py``): 16 clients for 60 s
   mixing named, slow, malformed queries and updates; throughput, latency percentiles,
   memory, workers left.

Every figure is the median of several runs, printed with its range. Environment:

    BENCH_OUT          JSON file to write (default bench-results.json); a previous file
                       there is read first and each figure is compared with it
    BENCH_RUNS         runs of the cheap figures (default 3)
    BENCH_BUILD_RUNS   runs of the 10,000-article build with --jobs 2 (default 2)
    BENCH_SERIAL_RUNS  runs of it with --jobs 1 (default 1: each takes minutes)
    BENCH_ONE_CORE_RUNS  runs of it with --jobs 1 held to one core (default 1; 0: none)
    BENCH_QUERY_RUNS   timed runs of each query under two seconds (default 7; 3 if slower,
                       up to 41 for queries of a few milliseconds)
    BENCH_QUERY_LIMIT  seconds after which a query is stopped and reported (default 30)
    BENCH_ARTICLES     sizes of the small and the large corpus (default "1000,10000")
    BENCH_VIEW_SIZES   node counts of the views (default "500,5000,20000")
    BENCH_BIG_TEXT_MB  sizes of the one-file multi-article texts (default "8,50"; the peak
                       memory of the largest over the smallest is reported)
    BENCH_SOAK_SECONDS how long the soak of ``zonegraph serve`` runs (default 60)
    BENCH_SECTIONS     only these sections, e.g. "big-text,soak" (default: all; the soak
                       then runs on a store of the small corpus)
    BENCH_WORK         working folder (default: a temporary folder, removed afterwards)
"""
from __future__ import annotations

import gc
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import Vocabulary, feed_item, write_corpus, write_issue  # noqa: E402
from soak import _rss_kb, report as soak_report, soak  # noqa: E402

ZONEGRAPH = Path(sys.executable).with_name("zonegraph")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
BUILD_RUNS = int(os.environ.get("BENCH_BUILD_RUNS", "2"))
SERIAL_RUNS = int(os.environ.get("BENCH_SERIAL_RUNS", "1"))
QUERY_RUNS = int(os.environ.get("BENCH_QUERY_RUNS", "7"))
ONE_CORE_RUNS = int(os.environ.get("BENCH_ONE_CORE_RUNS", "1"))
#: Most runs of a fast query (about a second of them per way of running it).
FAST_QUERY_RUNS = 41
SMALL, LARGE = (int(n) for n in os.environ.get("BENCH_ARTICLES", "1000,10000").split(","))
VIEW_SIZES = tuple(int(n) for n in os.environ.get("BENCH_VIEW_SIZES", "500,5000,20000").split(","))
#: A query slower than this in its first run is timed once more only.
SLOW_QUERY_SECONDS = 10.0
#: A query still running after this is stopped and reported as too slow.
QUERY_LIMIT_SECONDS = float(os.environ.get("BENCH_QUERY_LIMIT", "30"))

# Research questions of our own, run beside the named queries (and instead of them when a
# checkout has none): they cover the shapes a researcher asks most.
ADHOC_QUERIES = {
    "adhoc:articles-per-zone": """
        SELECT ?zone ?name (COUNT(DISTINCT ?a) AS ?articles) WHERE {
          ?zone a zg:Zone ; rdfs:label ?name . ?a schema:mentions ?zone }
        GROUP BY ?zone ?name ORDER BY DESC(?articles)""",
    "adhoc:cooperation-pairs": """
        SELECT ?x ?y (COUNT(DISTINCT ?ev) AS ?evidence) (SAMPLE(?s) AS ?sentence) WHERE {
          ?ev rdf:predicate zg:cooperatesWith ; rdf:subject ?x ; rdf:object ?y ; zg:sentence ?s }
        GROUP BY ?x ?y ORDER BY DESC(?evidence) LIMIT 200""",
    "adhoc:enterprises-in-zone": """
        SELECT DISTINCT ?e ?name WHERE {
          ?zone rdfs:label|skos:altLabel "两江新区"@zh-Hans .
          ?e a zg:Enterprise ; rdfs:label ?name ; zg:locatedIn/zg:partOf* ?zone }""",
    "adhoc:officials-and-posts": """
        SELECT ?name ?title ?org WHERE {
          ?p a zg:Person ; rdfs:label ?name ; zg:holds ?pos .
          ?pos zg:title ?title ; zg:organization/rdfs:label ?org }""",
    "adhoc:label-contains": """
        SELECT ?e ?label WHERE { ?e rdfs:label ?label FILTER (CONTAINS(?label, "科技")) }""",
}


# --------------------------------------------------------------------------- figures

@dataclass
class Figure:
    key: str
    label: str
    unit: str
    runs: list[float] = field(default_factory=list)
    target: str = ""
    ok: bool | None = None
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None

    def as_json(self) -> dict:
        out = {"label": self.label, "unit": self.unit, "median": _round(self.median),
               "min": _round(min(self.runs)) if self.runs else None,
               "max": _round(max(self.runs)) if self.runs else None,
               "runs": [_round(r) for r in self.runs]}
        if self.target:
            out["target"], out["ok"] = self.target, self.ok
        if self.note:
            out["note"] = self.note
        return out


def _round(x: float | None) -> float | None:
    if x is None:
        return None
    return round(x, 4) if abs(x) < 10 else round(x, 1)


def _fmt(x: float | None) -> str:
    if x is None:
        return "n/a"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.3f}" if abs(x) < 1 else f"{x:.2f}"


class Table:
    """The figures in the order they were measured; printed as they come and at the end."""

    def __init__(self, previous: dict | None):
        self.figures: list[Figure] = []
        self.previous = (previous or {}).get("figures", {})

    def add(self, fig: Figure, check=None) -> Figure:
        """Record ``fig``; ``check(median)`` says whether it meets its target."""
        if check is not None and fig.median is not None:
            fig.ok = bool(check(fig.median))
        self.figures.append(fig)
        print("  " + self._row(fig), flush=True)
        return fig

    def na(self, key: str, label: str, unit: str, reason: str) -> Figure:
        return self.add(Figure(key, label, unit, note=f"n/a: {reason}"))

    def get(self, key: str) -> float | None:
        return next((f.median for f in self.figures if f.key == key), None)

    def _vs_last(self, fig: Figure) -> str:
        last = self.previous.get(fig.key, {}).get("median")
        if last in (None, 0) or fig.median is None:
            return ""
        return f"{(fig.median - last) / abs(last) * 100:+.0f}%"

    def _row(self, fig: Figure) -> str:
        med = _fmt(fig.median)
        rng = f"{_fmt(min(fig.runs))}–{_fmt(max(fig.runs))}" if len(fig.runs) > 1 else ""
        verdict = "" if fig.ok is None else ("ok" if fig.ok else "MISSED")
        target = f"{fig.target} {verdict}".strip()
        note = fig.note
        return (f"{fig.label[:52]:52} {med:>10} {fig.unit[:12]:12} {rng:>19} {len(fig.runs):>4} "
                f"{target:>18} {self._vs_last(fig):>7} {note}").rstrip()

    def print(self) -> None:
        print()
        head = (f"{'figure':52} {'median':>10} {'unit':12} {'range':>19} {'runs':>4} "
                f"{'target':>18} {'vs last':>7}")
        print(head)
        print("-" * len(head))
        for fig in self.figures:
            print(self._row(fig))


# --------------------------------------------------------------------------- helpers

def section(title: str) -> None:
    print(f"\n== {title}", flush=True)


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for pkg in ("zonegraph", "spacy", "jieba", "rjieba", "pyoxigraph", "rdflib", "oxrdflib", "pyvis"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    try:
        from zonegraph.views.browser import find_chromium

        exe = find_chromium()
        out["chromium"] = (subprocess.run([exe, "--version"], capture_output=True, text=True,
                                          timeout=30).stdout.strip() if exe else "not installed")
    except Exception as exc:  # noqa: BLE001 - a version string is informative only
        out["chromium"] = f"unknown ({exc})"
    return out


def _machine() -> dict:
    mem = 0
    with open("/proc/meminfo") as fh:
        for line in fh:
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) // 1024
    cpu = ""
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"cores": os.cpu_count(), "memory_mb": mem, "cpu": cpu,
            "system": f"{platform.system()} {platform.release()}",
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def _tree_rss_mb(root: int) -> tuple[float, float]:
    """Resident memory of ``root`` and of ``root`` with all its descendants, in MB."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _rss_kb(pid)
        stack += children.get(pid, [])
    return _rss_kb(root) / 1024, total / 1024


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of one live process so far."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


@dataclass
class Run:
    wall: float
    cpu: float  # user + system of the process and every child it waited for
    peak_mb: float  # sampled peak of the whole process tree
    peak_main_mb: float
    output: str
    main_cpu: float = 0.0  # of the process itself (sampled: its last 0.2 s are missing)


def run_command(cmd: list[str], sample: bool = True, one_core: bool = False,
                check: bool = True) -> Run:
    """Run ``cmd`` (on the first core only, if ``one_core``); wall time, CPU time of its
    process tree and its sampled peak memory. ``check``: a non-zero exit raises."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            cwd=REPO, preexec_fn=(lambda: os.sched_setaffinity(0, {0}))
                            if one_core else None)
    peak = peak_main = main_cpu = 0.0
    while sample and proc.poll() is None:
        main, tree = _tree_rss_mb(proc.pid)
        peak, peak_main = max(peak, tree), max(peak_main, main)
        main_cpu = max(main_cpu, _cpu_seconds(proc.pid))
        time.sleep(0.2)
    output, _ = proc.communicate()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{output}")
    return Run(wall, cpu, peak, peak_main, output, main_cpu)


def _articles_in(output: str) -> int:
    m = re.search(r"articles: (\d+)", output)
    return int(m.group(1)) if m else 0


# --------------------------------------------------------------------------- 1. extraction

def bench_extraction(table: Table, corpus: Path) -> None:
    section(f"1. extraction, single process, {SMALL:,}-article corpus")
    import jieba

    from zonegraph.extract import Extractor
    from zonegraph.ingest.read import discover, read_document
    from zonegraph.ingest.normalize import normalize
    from zonegraph.ingest.segment import segment

    texts = []
    for path in discover([corpus]):
        norm = normalize(read_document(path).text)
        for art in segment(norm).articles:
            ts, te = art.title_span
            title = norm.text[ts:te] if te > ts else art.title
            texts.append((title, norm.text[art.start:art.end], art.date))
    chars = sum(len(t) + 1 + len(b) for t, b, _ in texts)
    print(f"  {len(texts):,} articles, {chars:,} characters (title + body, as extraction sees them)")
    start = time.perf_counter()
    extractor = Extractor()
    extractor.extract(*texts[0])
    print(f"  pipeline load + first article: {time.perf_counter() - start:.2f} s")

    from zonegraph.extract import people
    from zonegraph.extract.tokenizer import cut

    jieba.initialize()  # its dictionary loads on first use: not part of segmenting
    jieba_cps, extract_cps, ratio, ratio_rs = [], [], [], []
    for _ in range(RUNS):
        # CPU time of this process: the ratio is what the issue asks, and CPU time keeps it
        # meaningful when other processes share the machine; the three take turns every few
        # articles, so that a slow spell of a shared machine hits them alike
        t_jieba = t_cut = t_extract = 0.0
        for at in range(0, len(texts), 20):
            chunk = texts[at:at + 20]
            t = time.process_time()
            for title, body, _ in chunk:
                jieba.lcut(f"{title}\n{body}")
            t_jieba += time.process_time() - t
            t = time.process_time()
            for title, body, _ in chunk:
                cut(f"{title}\n{body}")
            t_cut += time.process_time() - t
            t = time.process_time()
            for title, body, date in chunk:
                extractor.extract(title, body, date)
            t_extract += time.process_time() - t
        jieba_cps.append(chars / t_jieba)
        extract_cps.append(chars / t_extract)
        ratio.append(t_extract / t_jieba)
        ratio_rs.append(t_extract / t_cut)
    table.add(Figure("jieba_chars_per_second", "bare jieba.lcut", "chars/s", jieba_cps))
    table.add(Figure("extraction_chars_per_second", "extraction (Extractor.extract)", "chars/s",
                     extract_cps))
    table.add(Figure("extraction_cost_vs_jieba", "extraction cost / jieba.lcut cost", "×",
                     ratio, target="≤ 12"), check=lambda m: m <= 12)
    table.add(Figure("extraction_cost_vs_jieba_rs",
                     "extraction cost / its own segmenter (jieba-rs, same words)", "×", ratio_rs))

    # how much text the part-of-speech tagger sees (it should only see candidates)
    tagged = [0]
    tag = people.tag

    def counting_tag(sentence, *args, **kwargs):
        tagged[0] += len(sentence)
        return tag(sentence, *args, **kwargs)

    people.tag = counting_tag
    try:
        for title, body, date in texts:
            extractor.extract(title, body, date)
    finally:
        people.tag = tag
    table.add(Figure("tagged_share_of_text", "text tagged again to check a name",
                     "% of chars", [100 * tagged[0] / chars]))


# --------------------------------------------------------------------------- 2. and 3. builds

def bench_builds(table: Table, large: Path, work: Path) -> Path:
    section(f"2./3. zonegraph build, {LARGE:,}-article corpus, --jobs 1 and --jobs 2")
    runs: dict[int, list[Run]] = {1: [], 2: []}
    keep = work / "store-large"
    for i in range(max(BUILD_RUNS, SERIAL_RUNS)):
        for jobs in (1, 2):
            if len(runs[jobs]) >= (SERIAL_RUNS if jobs == 1 else BUILD_RUNS):
                continue
            store = work / f"store-j{jobs}"
            shutil.rmtree(store, ignore_errors=True)
            run = run_command([str(ZONEGRAPH), "build", str(large), "--store", str(store),
                               "--jobs", str(jobs)])
            if _articles_in(run.output) != LARGE:
                raise RuntimeError(f"build wrote {_articles_in(run.output)} articles:\n{run.output}")
            runs[jobs].append(run)
            print(f"  run {i + 1} --jobs {jobs}: {run.wall:.1f} s wall, {run.cpu:.1f} s CPU "
                  f"({run.main_cpu:.0f} s in the main process), "
                  f"peak {run.peak_mb:,.0f} MB (main process {run.peak_main_mb:,.0f} MB), "
                  f"load average {os.getloadavg()[0]:.1f}", flush=True)
            if jobs == 2:
                shutil.rmtree(keep, ignore_errors=True)
                store.rename(keep)
            else:
                shutil.rmtree(store)
    # --jobs 1 is no single-core build: the store is written in a thread (Oxigraph's bulk
    # loader, RocksDB's compactions) while the next documents are extracted. The same build
    # held to one core gives the speed-up of two cores over one.
    one_core = []
    for i in range(ONE_CORE_RUNS):
        store = work / "store-one-core"
        shutil.rmtree(store, ignore_errors=True)
        run = run_command([str(ZONEGRAPH), "build", str(large), "--store", str(store),
                           "--jobs", "1"], one_core=True)
        shutil.rmtree(store)
        one_core.append(run.wall)
        print(f"  run {i + 1} --jobs 1 on one core: {run.wall:.1f} s wall, {run.cpu:.1f} s CPU",
              flush=True)
    walls = {j: [r.wall for r in rs] for j, rs in runs.items()}
    table.add(Figure("build_10k_jobs1_seconds", f"build {LARGE:,} articles --jobs 1", "s", walls[1]))
    table.add(Figure("build_10k_jobs1_cores_busy", f"build {LARGE:,} --jobs 1, CPU ÷ wall", "cores",
                     [r.cpu / r.wall for r in runs[1]]))
    table.add(Figure("build_10k_cores_busy", f"build {LARGE:,} --jobs 2, CPU ÷ wall", "cores",
                     [r.cpu / r.wall for r in runs[2]]))
    table.add(Figure("build_10k_seconds", f"build {LARGE:,} articles --jobs 2", "s", walls[2],
                     target="< 300"), check=lambda m: m < 300)
    # each --jobs 2 run against the --jobs 1 run made next to it (or the last one)
    speedups = [walls[1][min(i, len(walls[1]) - 1)] / w for i, w in enumerate(walls[2])]
    table.add(Figure("parallel_speedup_2_jobs", "speed-up --jobs 2 over --jobs 1", "×",
                     speedups, target="≥ 1.7"), check=lambda m: m >= 1.7)
    if one_core:
        table.add(Figure("build_10k_one_core_seconds", f"build {LARGE:,} --jobs 1 on one core",
                         "s", one_core))
        table.add(Figure("parallel_speedup_over_one_core", "speed-up --jobs 2 over one core",
                         "×", [statistics.median(one_core) / w for w in walls[2]]))
    table.add(Figure("build_10k_articles_per_second", f"build {LARGE:,} articles --jobs 2",
                     "articles/s", [LARGE / w for w in walls[2]]))
    table.add(Figure("build_10k_cpu_seconds", f"build {LARGE:,} --jobs 2, CPU of all processes",
                     "s", [r.cpu for r in runs[2]]))
    table.add(Figure("build_10k_main_cpu_seconds", f"build {LARGE:,} --jobs 2, CPU of the writer",
                     "s", [r.main_cpu for r in runs[2]]))
    table.add(Figure("build_10k_jobs1_cpu_seconds", f"build {LARGE:,} --jobs 1, CPU", "s",
                     [r.cpu for r in runs[1]]))
    table.add(Figure("build_10k_peak_mb", f"build {LARGE:,} --jobs 2, peak memory (all)",
                     "MB", [r.peak_mb for r in runs[2]], target="< 2048"),
              check=lambda m: m < 2048)
    table.add(Figure("build_10k_jobs1_peak_mb", f"build {LARGE:,} --jobs 1, peak memory", "MB",
                     [r.peak_mb for r in runs[1]]))
    return keep


# --------------------------------------------------------------------------- 4. incremental

_TIMED_BUILD = """
import sys, time
t0 = time.perf_counter()
from pathlib import Path
from zonegraph.pipeline.settings import Settings
from zonegraph.pipeline.run import build
t1 = time.perf_counter()
store, paths = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
times = []
for path in paths:
    t = time.perf_counter()
    report = build([path], Settings(store=store))
    times.append(time.perf_counter() - t)
    assert not report.failed, report.failed
print("import", t1 - t0)
print("builds", *times)
"""


def bench_incremental(table: Table, store: Path, work: Path) -> None:
    section(f"4. incremental builds into the {LARGE:,}-article store")
    issues = work / "new-issues"
    # issue numbers past the corpus: new content every run
    first = LARGE // 20 + 1000
    cold = []
    for i in range(RUNS):
        issue = write_issue(issues, first + i)
        run = run_command([str(ZONEGRAPH), "build", str(issue), "--store", str(store)], sample=False)
        assert "1 built" in run.output, run.output
        cold.append(run.wall)
    table.add(Figure("incremental_issue_seconds", "add a 10-article issue (CLI, cold start)",
                     "s", cold, target="< 3"), check=lambda m: m < 3)

    # the same work in one process: the first build pays for loading the pipeline, the
    # later ones show what adding an issue costs once it is loaded
    more = [write_issue(issues, first + RUNS + i) for i in range(RUNS + 1)]
    run = run_command([sys.executable, "-c", _TIMED_BUILD, str(store), *map(str, more)],
                      sample=False)
    times = [float(x) for x in run.output.split("builds", 1)[1].split()]
    table.add(Figure("incremental_issue_first_in_process_seconds",
                     "add an issue, library build(), first in process", "s", times[:1]))
    table.add(Figure("incremental_issue_warm_seconds", "add an issue, library build(), warm",
                     "s", times[1:]))

    unchanged = issues / f"new-issue-{first + 1:05d}.txt"  # built by the first run above
    run = run_command([sys.executable, "-c", _TIMED_BUILD, str(store),
                       *[str(unchanged)] * (RUNS + 1)], sample=False)
    times = [float(x) for x in run.output.split("builds", 1)[1].split()]
    table.add(Figure("incremental_unchanged_seconds",
                     "rebuild an unchanged document (library build())", "s", times[1:],
                     target="< 0.1", note=f"first call in a process {times[0]:.3f} s"),
              check=lambda m: m < 0.1)
    cli = [run_command([str(ZONEGRAPH), "build", str(unchanged), "--store", str(store)],
                       sample=False).wall for _ in range(RUNS)]
    table.add(Figure("incremental_unchanged_cli_seconds", "rebuild an unchanged document (CLI)",
                     "s", cli, note="process start and imports included"))


# --------------------------------------------------------------------------- 5. queries

def _query_cases(store) -> list[tuple[str, str, dict, object]]:
    """(name, SPARQL, parameters, NamedQuery or None) for every query to time."""
    try:
        from zonegraph.sparql.named import load_named_queries
    except ImportError:
        named = {}
    else:
        named = load_named_queries()
    cases = []
    for name, q in named.items():
        params = dict(q.example_params)
        for p in q.parameters:
            value = params.get(p.name)
            if p.kind == "document" and (value is None or not _has_document(store, value)):
                params[p.name] = _some_document(store)
            elif p.kind == "name" and value is not None and not _has_name(store, value):
                params[p.name] = _busiest_name(store)
            elif value is None and not p.optional:
                params[p.name] = "两江新区" if p.kind == "name" else "新区"
        cases.append((name, q.sparql, params, q))
    cases += [(name, sparql, {}, None) for name, sparql in ADHOC_QUERIES.items()]
    return cases


def _has_name(store, value: str) -> bool:
    """Whether an entity carries ``value`` as a name, in any of its scripts and tags."""
    import pyoxigraph as ox

    return bool(store.query("ASK { ?e rdfs:label|skos:altLabel ?v FILTER (STR(?v) = "
                            f"{ox.Literal(value)}) }}", prefixes=_prefixes()))


def _has_document(store, value: str) -> bool:
    from zonegraph.sparql.run import literal_bindings

    return bool(store.query("ASK { ?d zg:fileName ?value }", prefixes=_prefixes(),
                            substitutions=literal_bindings({"value": value})))


def _some_document(store) -> str:
    rows = list(store.query("""SELECT ?name WHERE { ?d a zg:Document ; zg:fileName ?name ;
        dcterms:publisher ?p } ORDER BY ?name LIMIT 1""", prefixes=_prefixes()))
    return rows[0]["name"].value


def _busiest_name(store) -> str:
    """The label of the enterprise mentioned by most articles: a heavy, realistic case."""
    rows = list(store.query("""SELECT ?label (COUNT(?a) AS ?n) WHERE {
        ?e a zg:Enterprise ; rdfs:label ?label . ?a schema:mentions ?e }
        GROUP BY ?e ?label ORDER BY DESC(?n) LIMIT 1""", prefixes=_prefixes()))
    return rows[0]["label"].value


def _prefixes() -> dict:
    from zonegraph.graph.namespace import PREFIXES

    return {k: str(v) for k, v in PREFIXES.items()}


def _open_read_only(store_path: Path):
    """The store as ZoneGraph's readers open it (its newest published snapshot, if any)."""
    try:
        from zonegraph.store.access import open_read_only
    except ImportError:
        import pyoxigraph as ox

        return ox.Store.read_only(str(store_path))
    return open_read_only(store_path)


def _timed(fn) -> float:
    """Seconds ``fn()`` takes, with Python's garbage collector off while it runs (as
    ``timeit`` does): a collection set off by thousands of result rows would otherwise
    land on whichever call happened to cross the threshold."""
    gc.collect()
    gc.disable()
    try:
        t = time.perf_counter()
        fn()
        return time.perf_counter() - t
    finally:
        gc.enable()


def bench_queries(table: Table, store_path: Path) -> None:
    import pyoxigraph as ox

    from zonegraph.errors import QueryError
    from zonegraph.sparql.run import QueryTarget, parameter_bindings, run_named, run_sparql, serialized
    from zonegraph.sparql.text import bind_inline

    store = _open_read_only(store_path)
    triples = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))[0]["n"].value
    quads = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))[0]["n"].value
    section(f"5. queries on the {LARGE:,}-article store: {int(triples):,} triples in the union "
            f"default graph, {int(quads):,} in the documents' named graphs")
    target = QueryTarget(store=store_path)
    limited = QueryTarget(store=store_path, timeout=QUERY_LIMIT_SECONDS)
    prefixes = _prefixes()
    ratios, best, ratios_open, too_slow = [], [], [], []
    cases = _query_cases(store)
    if not any(q is not None for *_, q in cases):
        print("  no named queries in src/zonegraph/queries/: timing the research queries only")
    for name, sparql, params, named in cases:
        bindings = parameter_bindings(named.bindings(params), {
            p.variable: p.kind for p in named.parameters}) if named is not None else {}
        if bindings:  # the same text ZoneGraph runs: the parameters (each name's forms) as VALUES
            sparql = bind_inline(sparql, serialized(bindings))
        shown = " ".join(f"{k}={v}" for k, v in params.items())
        label = f"query {name}" + (f" ({shown})" if shown else "")

        def zonegraph_call(where=target):
            if named is not None:
                return run_named(where, named, params)
            return run_sparql(where, sparql)

        def direct_call(opened=store):
            result = opened.query(sparql, prefixes=prefixes)
            if isinstance(result, ox.QuerySolutions):
                return [list(row) for row in result]
            return bool(result) if isinstance(result, ox.QueryBoolean) else list(result)

        def direct_with_open():
            return direct_call(_open_read_only(store_path))

        # first in a worker process that is stopped at the time limit: pyoxigraph cannot
        # interrupt a query, and one runaway query must not stall the benchmark
        t = time.perf_counter()
        try:
            rows = zonegraph_call(limited)
        except QueryError as exc:
            table.na(f"query_{name}_seconds", label, "s",
                     f"{exc} (run with ZoneGraph's --timeout {QUERY_LIMIT_SECONDS:g})")
            too_slow.append(name)
            continue
        first = time.perf_counter() - t
        n_rows = len(rows[1]) if isinstance(rows, tuple) else rows
        zg, direct, reopen = [], [], []
        calls = ((zonegraph_call, zg), (direct_call, direct), (direct_with_open, reopen))
        if first > SLOW_QUERY_SECONDS:  # that run (ZoneGraph's --timeout path) and one direct
            zg.append(first)
            calls, n = calls[1:2], 1
        else:
            # a query of a few milliseconds is timed more often: one busy moment of the
            # machine moves a median of seven such runs by a fifth
            # (``first`` ran in a worker process: the query alone is timed here)
            alone = _timed(direct_call)
            n = 3 if first >= 2 else max(QUERY_RUNS, min(FAST_QUERY_RUNS, int(1.0 / max(alone, 1e-3))))
        for i in range(n):  # interleaved, so that noise from other processes hits them alike,
            # and in turns first, so that neither always runs on caches the other warmed
            for fn, acc in (calls if i % 2 == 0 else calls[::-1]):
                acc.append(_timed(fn))
        table.add(Figure(f"query_{name}_seconds", label, f"s, {n_rows} rows", zg))
        table.add(Figure(f"query_{name}_pyoxigraph_seconds", "  same SPARQL on pyoxigraph", "s",
                         direct))
        # each ZoneGraph run against the pyoxigraph run made next to it: this machine's
        # speed drifts by a fifth within a minute, and a pair sees the same drift
        ratios.append((statistics.median(z / d for z, d in zip(zg, direct)), name))
        best.append((min(zg) / min(direct), name))
        if reopen:
            ratios_open.append(statistics.median(zg) / statistics.median(reopen))
    if not ratios:
        table.na("query_ratio_vs_pyoxigraph_max", "worst query time / pyoxigraph", "×",
                 "no query finished in time")
        return
    worst, worst_name = max(ratios)
    left_out = (f"{len(too_slow)} over {QUERY_LIMIT_SECONDS:g} s left out: " + ", ".join(too_slow)
                if too_slow else "")
    table.add(Figure("query_ratio_vs_pyoxigraph_max",
                     f"worst query time / pyoxigraph ({worst_name})", "×", [worst],
                     target="≤ 1.2", note=left_out), check=lambda m: m <= 1.2)
    table.add(Figure("query_ratio_vs_pyoxigraph_median", "median over queries of that ratio", "×",
                     [statistics.median(r for r, _ in ratios)]))
    table.add(Figure("query_ratio_vs_pyoxigraph_best_max",
                     "worst ratio of the fastest runs (the noise-free cost)", "×",
                     [max(r for r, _ in best)]))
    table.add(Figure("query_ratio_vs_pyoxigraph_opening_max",
                     "worst ratio when pyoxigraph also opens the store", "×", [max(ratios_open)]))
    del store


# --------------------------------------------------------------------------- 6. views

def bench_views(table: Table, work: Path) -> None:
    section("6. views: write the HTML, then draw it in headless Chromium")
    try:
        from zonegraph.views.browser import Browser, find_chromium
        from viz_bench import measure  # bench/viz_bench.py, beside this script
    except ImportError as exc:
        for n in VIEW_SIZES:
            table.na(f"view_{n}_ready_seconds", f"view {n:,} nodes drawn", "s",
                     f"no synthetic-view benchmark in this checkout ({exc})")
        return
    browser = None
    reason = ""
    if not find_chromium():
        reason = "no Chromium (apt-get install chromium fonts-noto-cjk)"
    else:
        try:
            browser = Browser()
        except Exception as exc:  # noqa: BLE001 - reported as n/a with the reason
            reason = f"Chromium did not start ({exc})"
    try:
        for n in VIEW_SIZES:
            rows = []
            for i in range(RUNS):
                try:
                    rows.append(measure(n, browser=browser, out_dir=work / "views"))
                except Exception as exc:  # noqa: BLE001
                    reason = reason or f"{type(exc).__name__}: {exc}"
                    break
            if not rows:
                table.na(f"view_{n}_write_seconds", f"view {n:,} nodes: write HTML", "s", reason)
                continue
            edges = rows[0]["edges"]
            table.add(Figure(f"view_{n}_write_seconds",
                             f"view {n:,} nodes, {edges:,} edges: write HTML", "s",
                             [r["write_s"] for r in rows], note=f"{rows[0]['mb']} MB"))
            drawn = [r for r in rows if "wall_s" in r]
            if not drawn:
                table.na(f"view_{n}_ready_seconds", f"view {n:,} nodes: drawn in Chromium", "s",
                         reason or "no browser")
                continue
            table.add(Figure(f"view_{n}_drawn_seconds",
                             f"view {n:,}: navigation → first full draw", "s",
                             [r["drawn_s"] for r in drawn]))
            table.add(Figure(f"view_{n}_ready_seconds", f"view {n:,}: open page → drawn (wall)",
                             "s", [r["wall_s"] for r in drawn]))
    finally:
        if browser is not None:
            browser.close()


# --------------------------------------------------------------------------- 7. one big text

BIG_TEXT_MB = tuple(float(n) for n in os.environ.get("BENCH_BIG_TEXT_MB", "8,50").split(","))
#: How much more memory the largest text may take than the smallest (issue 18: memory is
#: bounded by the largest article and the document's distinct names, not by its size).
BIG_TEXT_PEAK_RATIO = 1.3
SOAK_SECONDS = float(os.environ.get("BENCH_SOAK_SECONDS", "60"))


def write_big_text(path: Path, megabytes: float) -> int:
    """A newsletter archive as one text file: feed articles one after another, seeded;
    returns the number of articles."""
    vocab, size, count = Vocabulary.load(), 0, 0
    with path.open("w", encoding="utf-8") as out:
        while size < megabytes * 1e6:
            text = feed_item(vocab, 7, count)[1] + "\n"
            out.write(text)
            size += len(text.encode("utf-8"))
            count += 1
    return count


def bench_big_text(table: Table, work: Path) -> None:
    section("7. one big multi-article text built as one document (default limits)")
    peaks = {}
    for mb in BIG_TEXT_MB:
        path = work / f"archive-{mb:g}mb.txt"
        articles = write_big_text(path, mb)
        store = work / f"store-big-{mb:g}"
        shutil.rmtree(store, ignore_errors=True)
        run = run_command([str(ZONEGRAPH), "build", str(path), "--store", str(store)],
                          check=False)
        shutil.rmtree(store, ignore_errors=True)
        errors = [line for line in run.output.splitlines() if line.startswith("error:")]
        outcome = (errors[0].split(": ", 2)[-1] if errors
                   else f"built, {_articles_in(run.output):,} articles")
        print(f"  {mb:g} MB, {articles:,} articles: {run.wall:.0f} s, peak {run.peak_mb:,.0f} MB; "
              f"{outcome}", flush=True)
        key = f"big_text_{mb:g}mb".replace(".", "_")
        table.add(Figure(f"{key}_peak_mb", f"one {mb:g} MB text ({articles:,} articles), peak",
                         "MB", [run.peak_mb], note=outcome))
        table.add(Figure(f"{key}_seconds", f"one {mb:g} MB text, until it ended", "s", [run.wall]))
        if not errors:
            peaks[mb] = run.peak_mb
    if len(peaks) >= 2:
        small, large = min(peaks), max(peaks)
        table.add(Figure("big_text_peak_ratio", f"peak memory, {large:g} MB text ÷ {small:g} MB",
                         "×", [peaks[large] / peaks[small]], target=f"≤ {BIG_TEXT_PEAK_RATIO}"),
                  check=lambda ratio: ratio <= BIG_TEXT_PEAK_RATIO)


# --------------------------------------------------------------------------- 8. serve soak

def bench_soak(table: Table, store: Path) -> None:
    section(f"8. zonegraph serve soak: 16 clients, {SOAK_SECONDS:g} s, timeout 2 s, 2 workers")
    result = soak(store, clients=16, seconds=SOAK_SECONDS, timeout=2.0, workers=2)
    s = result.summary()
    print("  " + soak_report(result), flush=True)
    table.add(Figure("soak_requests_per_second", "serve soak: requests answered per second",
                     "req/s", [s["per_second"]], note=f"{s['requests']} requests, statuses "
                     f"{s['statuses']}"))
    table.add(Figure("soak_unanswered", "serve soak: requests without an answer", "requests",
                     [s["unanswered"]], target="0"), check=lambda m: m == 0)
    for p in ("p50", "p90", "p99"):
        table.add(Figure(f"soak_latency_{p}", f"serve soak: latency {p} (all requests)", "s",
                         [s[p]]))
    table.add(Figure("soak_named_latency_p50", "serve soak: named queries' latency p50", "s",
                     [s["named_p50"]]))
    table.add(Figure("soak_memory_growth_mb", "serve soak: memory, last third − first third",
                     "MB", [s["memory_last_third_mb"] - s["memory_first_third_mb"]],
                     note=f"peak {s['memory_peak_mb']:.0f} MB (server and workers)"))
    table.add(Figure("soak_workers_left", "serve soak: workers left once stopped", "processes",
                     [s["workers_left"]], target="0"), check=lambda m: m == 0)


# --------------------------------------------------------------------------- main

REQUIRED_KEYS = ("extraction_cost_vs_jieba", "parallel_speedup_2_jobs", "build_10k_seconds",
                 "build_10k_peak_mb", "incremental_issue_seconds", "query_ratio_vs_pyoxigraph_max",
                 "view_5000_ready_seconds")


def bench_all(table: Table, work: Path) -> None:
    section("corpus")
    corpora = {}
    for n in (SMALL, LARGE):
        path = work / f"corpus-{n}"
        shutil.rmtree(path, ignore_errors=True)
        t = time.perf_counter()
        files = write_corpus(path, n)
        chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
        print(f"  {n:,} articles: {len(files):,} files, {chars:,} characters "
              f"({time.perf_counter() - t:.1f} s)")
        corpora[n] = path
    bench_extraction(table, corpora[SMALL])
    store = bench_builds(table, corpora[LARGE], work)
    bench_queries(table, store)
    bench_incremental(table, store, work)
    bench_views(table, work)
    bench_soak(table, store)
    bench_big_text(table, work)


def bench_only(table: Table, work: Path, sections: set[str]) -> None:
    """The sections named in ``BENCH_SECTIONS`` (``big-text``, ``soak``) alone."""
    if "big-text" in sections:
        bench_big_text(table, work)
    if "soak" in sections:
        corpus = work / f"corpus-{SMALL}"
        shutil.rmtree(corpus, ignore_errors=True)
        write_corpus(corpus, SMALL)
        store = work / "store-small"
        shutil.rmtree(store, ignore_errors=True)
        run_command([str(ZONEGRAPH), "build", str(corpus), "--store", str(store)])
        bench_soak(table, store)


def main() -> int:
    out = Path(os.environ.get("BENCH_OUT", "bench-results.json"))
    if not out.is_absolute():
        out = REPO / out
    previous = None
    if out.exists():
        try:
            previous = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = None
    table = Table(previous)
    started = time.perf_counter()
    meta = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "versions": _versions(), "machine": _machine(),
            "runs": {"cheap": RUNS, "build": BUILD_RUNS, "serial_build": SERIAL_RUNS,
                     "query": QUERY_RUNS},
            "articles": [SMALL, LARGE]}
    print("ZoneGraph benchmark")
    print("  versions: " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items()))
    m = meta["machine"]
    print(f"  machine: {m['cores']} cores, {m['memory_mb']:,} MB, {m['cpu']}, {m['system']}; "
          f"load average at start {m['load_average_at_start']}")
    print(f"  runs: {RUNS} per figure, {BUILD_RUNS} of the {LARGE:,}-article build with --jobs 2 "
          f"and {SERIAL_RUNS} with --jobs 1, {QUERY_RUNS} per query")
    if previous:
        print(f"  comparing with {out.name} of {previous.get('meta', {}).get('date', '?')}")

    work_arg = os.environ.get("BENCH_WORK")
    work = Path(work_arg) if work_arg else Path(tempfile.mkdtemp(prefix="zonegraph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sections = set(filter(None, os.environ.get("BENCH_SECTIONS", "").split(",")))
    try:
        if sections:
            bench_only(table, work, sections)
        else:
            bench_all(table, work)
    finally:
        if not work_arg:
            shutil.rmtree(work, ignore_errors=True)

    meta["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    meta["seconds"] = round(time.perf_counter() - started)
    table.print()
    if sections:  # a partial run: its figures are printed, not recorded over a full run's
        print(f"\nsections {', '.join(sorted(sections))} in {meta['seconds']} s; not written "
              f"to {out.name}")
        return 0
    result = {key: _round(table.get(key)) for key in REQUIRED_KEYS}
    result["meta"] = meta
    result["figures"] = {f.key: f.as_json() for f in table.figures}
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    missed = [f.key for f in table.figures if f.ok is False]
    print(f"\nwrote {out} in {meta['seconds']} s; load average at end "
          f"{meta['machine']['load_average_at_end']}")
    if missed:
        print("targets missed: " + ", ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
