"""``zonegraph build --jobs N``: worker processes extract, the parent writes the same graph."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from conftest import SAMPLE_FILES, SAMPLES


def test_jobs_2_writes_the_same_graph_as_jobs_1(sample_store, run_cli, read_quads, tmp_path):
    store = tmp_path / "store"
    result = run_cli("build", SAMPLES, "--store", store, "--jobs", 2)
    assert result.exit_code == 0, result.output
    # the same report, line for line, as the serial build of the session's sample store
    assert result.output.splitlines()[:3] == sample_store.output.splitlines()[:3]
    assert read_quads(store) == read_quads(sample_store.store)

    again = run_cli("build", SAMPLES, "--store", store, "--jobs", 2)
    assert "documents: 0 built, 5 unchanged, 0 failed" in again.output


def test_the_same_content_twice_in_one_build_is_built_once(run_cli, read_quads, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    text = (SAMPLES / "newsletter_2024_q1.txt").read_text(encoding="utf-8")
    (docs / "a.txt").write_text(text, encoding="utf-8")
    (docs / "b.txt").write_text(text, encoding="utf-8")
    stores = []
    for jobs in (1, 2):
        store = tmp_path / f"store-{jobs}"
        result = run_cli("build", docs, "--store", store, "--jobs", jobs)
        assert result.exit_code == 0, result.output
        assert "documents: 1 built, 1 unchanged, 0 failed" in result.output
        stores.append(read_quads(store))
    assert stores[0] == stores[1]


def _workers_of(pid: int) -> list[int]:
    """The build worker processes (``multiprocessing`` spawned them) of process ``pid``."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in children if b"spawn_main" in _cmdline(int(c))]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _running(pid: int) -> bool:
    """Alive and not a zombie (a container's first process may never reap orphans)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_the_workers_of_a_killed_build_stop_too(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in SAMPLE_FILES:
        shutil.copy(SAMPLES / name, corpus / name)
    build = subprocess.Popen([sys.executable, "-c", "from zonegraph.cli.main import main; main()",
                              "build", corpus, "--store", tmp_path / "store", "--jobs", "2"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(workers := _workers_of(build.pid)) < 2 and build.poll() is None:
            assert time.monotonic() < deadline, "the build started no workers"
            time.sleep(0.05)
    finally:
        build.kill()  # SIGKILL: the parent gets no chance to stop them itself
        build.wait()
    assert len(workers) == 2
    deadline = time.monotonic() + 15
    while any(_running(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [w for w in workers if _running(w)]
    for w in left:
        os.kill(w, 9)
    assert not left, "workers kept running after their build was killed"


def test_a_worker_sends_a_big_document_as_a_file_that_arrives_whole(tmp_path, monkeypatch):
    """A newsletter archive's N-Quads (gigabytes) go from a worker to the writer through a
    file, not the pipe: the writer reads them all, in order, and the file is gone."""
    import pickle

    from zonegraph.graph import triples

    monkeypatch.setattr(triples, "PART_TRIPLES", 3)  # 14 parts, 4 of them sent in the pipe
    made = [(f"<urn:x:s{i}>", "<urn:x:p>", f'"{i}"') for i in range(40)]
    whole = b"".join(triples.DocumentQuads("ab" * 32, made))
    sent = pickle.dumps(triples.DocumentQuads("ab" * 32, made).made(tmp_path))
    assert len(list(tmp_path.iterdir())) == 1 and len(sent) < len(whole) / 2
    received = pickle.loads(sent)
    assert b"".join(received) == whole and received.triples == 40
    assert not list(tmp_path.iterdir())
