"""Builds that die, builds that collide, and readers while a build runs — with real
processes: ``zonegraph build`` runs as a subprocess and is killed with SIGKILL.

What a user relies on: after a crash the store opens, answers queries and holds every
document completely or not at all; building again finishes the job and gives exactly the
graph an uninterrupted build gives (whatever the hash seed); a second build on the same
store is refused with a clear message while the first runs; queries keep working during a
build. The corpus is the sample corpus plus twenty short news items written for these tests.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from zonegraph.store import access as store_access
from zonegraph.store.graph_store import GraphStore

from conftest import SAMPLE_FILES, SAMPLES

ZONEGRAPH = (sys.executable, "-c", "from zonegraph.cli.main import main; main()")
ZONES = ["两江新区", "天府新区", "滨海新区", "浦东新区", "西咸新区", "贵安新区", "兰州新区", "南沙新区"]


NEWS_ITEMS = 80  # with the samples: enough documents that kills land while writing (a build
# of them writes for about a second after its first document)


def _news(i: int) -> str:
    zone = ZONES[i % len(ZONES)]
    partner = ZONES[(i + 1 + i // len(ZONES)) % len(ZONES)]
    return (f"{zone}动态（第{i + 1}期）\n"
            f"{i % 12 + 1}月{i % 28 + 1}日，{zone}与{partner}签署数字经济合作协议，双方将共建跨区域算力调度平台。\n"
            f"{zone}管委会主任张{'一二三四五六七八九十'[i % 10]}表示，新区将加快建设国际合作产业园。\n"
            "（来源：测试网）\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    folder.mkdir()
    for name in SAMPLE_FILES:
        shutil.copy(SAMPLES / name, folder / name)
    for i in range(NEWS_ITEMS):
        (folder / f"news_{i:02d}.txt").write_text(_news(i), encoding="utf-8")
    return folder


#: Small batches, so these builds bulk-load many times and kills land while they do; the
#: builds in this process write one default-sized batch, and must give the same graph.
BATCH_BYTES = "60000"


def _start_build(corpus: Path, store: Path, seed: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONHASHSEED=str(seed), ZONEGRAPH_BATCH_BYTES=BATCH_BYTES)
    return subprocess.Popen([*ZONEGRAPH, "build", str(corpus), "--store", str(store)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _build(corpus: Path, store: Path, seed: int) -> subprocess.CompletedProcess:
    proc = _start_build(corpus, store, seed)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@dataclass(frozen=True)
class GraphState:
    quads: frozenset  # (s, p, o, graph IRI or "") in N-Triples syntax
    sizes: dict  # named graph IRI -> number of triples

    @classmethod
    def of(cls, st: ox.Store) -> "GraphState":
        quads = frozenset((str(q.subject), str(q.predicate), str(q.object),
                           "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value)
                          for q in st.quads_for_pattern(None, None, None, None))
        return cls(quads, dict(Counter(g for *_, g in quads if g)))

    def assert_whole_documents_of(self, reference: "GraphState") -> None:
        """Every document graph here is the reference's, triple for triple, and the
        default graph is exactly their union."""
        for graph, size in self.sizes.items():
            assert graph in reference.sizes, f"a graph no build makes: {graph}"
            assert size == reference.sizes[graph], f"{graph}: {size} of {reference.sizes[graph]} triples"
        named = {q[:3] for q in self.quads if q[3]}
        assert {q[:3] for q in self.quads if not q[3]} == named
        assert named <= {q[:3] for q in reference.quads if q[3]}


def _reader_view(store: Path) -> GraphState:
    """What queries see (the published checkpoint)."""
    return GraphState.of(store_access.open_read_only(store))


def _database(store: Path) -> GraphState:
    """The database itself as the next writer finds it: opening it for writing first
    finishes the batch a killed build was bulk-loading. Only read when no process writes."""
    assert not store_access.writer_active(store)
    GraphStore(store).close()
    return GraphState.of(ox.Store.read_only(str(store)))


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> GraphState:
    """An uninterrupted build of the corpus into a fresh store."""
    store = tmp_path_factory.mktemp("reference") / "store"
    _build(corpus, store, seed=0)
    state = _reader_view(store)
    assert len(state.sizes) == len(SAMPLE_FILES) + NEWS_ITEMS
    assert _database(store) == state
    return state


def _wait_for(condition, proc: subprocess.Popen, limit: float = 120) -> bool:
    """Poll ``condition`` until it holds (True) or the process ends (False)."""
    deadline = time.monotonic() + limit
    while proc.poll() is None and time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return False


def _holds_lock(store: Path, proc: subprocess.Popen):
    lock = store / store_access.LOCK_NAME
    return lambda: lock.exists() and lock.read_text().strip() == str(proc.pid)


def _writing(store: Path, proc: subprocess.Popen):
    """True once this process has written a document (its first write marks the store as
    holding unpublished changes, after it published what an earlier run left)."""
    holds = _holds_lock(store, proc)
    stale = (store / store_access.DIRTY_NAME).exists()
    published = store_access.newest_checkpoint(store)

    def condition() -> bool:
        if not holds():
            return False
        if stale and store_access.newest_checkpoint(store) == published:
            return False
        return (store / store_access.DIRTY_NAME).exists()
    return condition


def test_build_killed_at_random_moments_keeps_whole_documents_and_a_rebuild_completes_it(
        corpus, reference, tmp_path, run_cli):
    store = tmp_path / "store"
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    log = []
    for attempt in range(3):
        proc = _start_build(corpus, store, seed=attempt + 1)
        try:
            if attempt == 0:  # anywhere: starting up, loading the pipeline, writing
                started = _wait_for(_holds_lock(store, proc), proc)
                delay = rng.uniform(0, 2.0)
            else:  # while it writes documents
                started = _wait_for(_writing(store, proc), proc)
                delay = rng.uniform(0, 0.3)
            time.sleep(delay)
            killed = proc.poll() is None
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.kill()
            proc.communicate()
        reader = _reader_view(store)
        answer = run_cli("query", "SELECT (COUNT(*) AS ?n) WHERE { ?d a zg:Document }",
                         "--format", "csv", "--store", store)
        database = _database(store)  # publishes what the killed build wrote: readers see it
        log.append((attempt, started, round(delay, 2), killed, len(reader.sizes), len(database.sizes)))
        context = f"seed {seed}; (attempt, started, delay, killed, graphs seen, graphs stored): {log}"
        for state in (reader, database, _reader_view(store)):
            try:
                state.assert_whole_documents_of(reference)
            except AssertionError as exc:
                raise AssertionError(f"{exc} — {context}") from None
        assert answer.exit_code == 0, (answer.output, context)
        assert answer.stdout.splitlines() == ["n", str(len(reader.sizes))], context
    print(f"kills: {log} (seed {seed})")
    assert any(killed and stored for _, _, _, killed, _, stored in log), \
        f"no kill landed after a document was written: {log}"

    _build(corpus, store, seed=99)
    assert _reader_view(store) == reference
    assert _database(store) == reference


def test_the_same_inputs_built_twice_give_the_same_graph(corpus, reference, tmp_path, run_cli):
    store = tmp_path / "store"
    # in this process: another hash seed than the reference's, so set and dict order differ
    assert run_cli("build", corpus, "--store", store).exit_code == 0
    assert _reader_view(store) == reference


# ------------------------------------------------------------------ two writers

def test_a_second_build_is_refused_while_one_writes(corpus, tmp_path):
    store = tmp_path / "store"
    with GraphStore(store) as writer:  # this process is "the first build"
        second = subprocess.run([*ZONEGRAPH, "build", str(corpus / "news_00.txt"), "--store", str(store)],
                                capture_output=True, text=True, timeout=300)
        assert writer.documents() == []
    assert second.returncode == 1
    assert second.stderr.strip() == (
        f"error: {store}: another zonegraph process (pid {os.getpid()}) is writing to this "
        "store; wait for it to finish and run again")
    assert "documents:" not in second.stdout
    with GraphStore(store, read_only=True) as gs:
        assert gs.documents() == []  # nothing of the refused build got in


def test_remove_is_refused_too_and_a_writer_may_wait_instead(store_copy, run_cli):
    writer = GraphStore(store_copy)
    try:
        result = run_cli("remove", "newsletter_2023_q3.txt", "--store", store_copy)
        assert result.exit_code == 1 and "is writing to this store" in result.stderr
        threading.Timer(0.5, writer.close).start()
        started = time.monotonic()
        with GraphStore(store_copy, wait=30) as second:
            waited = time.monotonic() - started
            assert second.find_documents("newsletter_2023_q3.txt")
        assert 0.3 < waited < 10
    finally:
        writer.close()


# ------------------------------------------------------------------ readers during a build

def test_queries_keep_working_during_a_build(corpus, reference, tmp_path, run_cli):
    store = tmp_path / "store"
    assert run_cli("build", corpus / "news_00.txt", "--store", store).exit_code == 0  # to read
    proc = _start_build(corpus, store, seed=7)
    reads, during = 0, 0
    try:
        while proc.poll() is None:
            active = store_access.writer_active(store)
            state = _reader_view(store)
            state.assert_whole_documents_of(reference)
            answer = run_cli("query", "SELECT (COUNT(*) AS ?n) WHERE { ?d a zg:Document }",
                             "--format", "csv", "--store", store)
            assert answer.exit_code == 0, answer.output
            with GraphStore(store, read_only=True) as gs:
                assert len(gs.documents()) >= 1
            reads += 1
            during += active and store_access.writer_active(store)
    finally:
        out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert during >= 3, f"only {during} of {reads} reads ran while the build was writing"
    assert _reader_view(store) == reference


def test_readers_never_open_the_database_being_written(store_copy):
    with GraphStore(store_copy) as writer:
        checkpoint = store_access.newest_checkpoint(store_copy)
        assert checkpoint is not None and checkpoint.parent.parent == store_copy
        writer.remove_document(writer.documents()[0].sha256)
        with GraphStore(store_copy, read_only=True) as reader:  # the state before the write
            assert len(reader.documents()) == 5
    with GraphStore(store_copy, read_only=True) as reader:  # published when the writer closed
        assert len(reader.documents()) == 4
    assert len(store_access.checkpoints(store_copy)) <= store_access.KEEP_CHECKPOINTS
