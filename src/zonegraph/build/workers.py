"""Parallel builds: long-lived worker processes that load the pipeline once.

``zonegraph build --jobs N`` starts N worker processes. Each loads spaCy, jieba and the
gazetteers once and then takes whole documents: it reads a file and returns the document
prepared for the store (``document.prepare``: its N-Quads and the counts the build report
shows). The parent alone writes the store — Oxigraph/RocksDB allows one writer — and
writes in file order, so a parallel build leaves the same graph and prints the same report
as a serial one.

Why this shape: spaCy's ``nlp.pipe(n_process=…)`` starts processes and pickles per batch
and was slower than one process on this corpus (``PERFORMANCE-NOTES.md``); documents are
the natural unit here (each is written whole), and sending one document's N-Quads back as
bytes costs far less than pickling its terms. Workers are spawned, not forked: the parent
holds an open RocksDB store, whose background threads must not be forked.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import queue
import signal
import traceback
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .settings import Settings
from ..errors import InputError, ZoneGraphError
from ..ingest.manifest import Given
from ..ingest.read import FORMATS

#: Documents handed out per worker before the parent takes results back: enough to keep
#: every worker busy while one long document holds up the ordered output, and while the
#: parent bulk-loads a batch (a second or two, ``store.BATCH_BYTES``).
WINDOW_PER_WORKER = 64
#: How much lower the workers' CPU priority is than the writer's. With N workers on N
#: cores the single writer must not wait for a core: starved, its loads took twice as
#: long (RocksDB's compaction threads share its share) and the build ran no faster than
#: with one process.
WORKER_NICENESS = 10
#: How long the parent waits for a result before checking that the workers are alive.
POLL_SECONDS = 1.0


class WorkerCrash(RuntimeError):
    """A worker failed on a document with an error that is not the document's fault."""


class _RemoteTraceback(Exception):
    """The worker's traceback, chained to ``WorkerCrash`` so ``--debug`` shows it."""

    def __str__(self) -> str:
        return self.args[0]


def prepare_in_workers(files: list[Path], settings: Settings, jobs: int,
                       wanted: Callable[[Path, str], bool],
                       given: dict[Path, Given]) -> Iterator[tuple]:
    """``document.Prepared`` for each of ``files``, in order, computed by ``jobs`` workers.

    ``wanted(path, sha256)`` says whether a document must be (re)built; the parent hashes
    each file first, so a document the store already has never reaches a worker, and no
    worker is started when nothing needs building. ``given`` is each file's manifest row.
    """
    plan = []
    for path in files:
        sha256 = _file_sha256(path)
        plan.append((path, sha256, not sha256 or wanted(path, sha256)))
    todo = [(path, given.get(path, Given())) for path, _, needed in plan if needed]
    if not todo:
        yield from ((path, sha256, None) for path, sha256, _ in plan)
        return
    with WorkerPool(settings, min(jobs, len(todo))) as pool:
        results = pool.imap(todo)
        for path, sha256, needed in plan:
            if not needed:
                yield path, sha256, None
                continue
            worker_sha256, done = next(results)
            yield path, worker_sha256 or sha256, done


def _file_sha256(path: Path) -> str:
    """What ``ingest.read_document`` will call the file's sha256; "" when only reading it
    can say what is wrong (unsupported type, unreadable), so a worker reports that."""
    if path.suffix.lower() not in FORMATS:
        return ""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


class WorkerPool:
    """``jobs`` worker processes, each with its own pipeline, fed whole documents.

    Use as a context manager; ``imap(tasks)`` takes ``(path, Given)`` pairs and gives
    ``(sha256, PreparedDocument)`` or ``("", InputError)`` for each, in their order.
    """

    def __init__(self, settings: Settings, jobs: int):
        if jobs < 1:
            raise ValueError("a worker pool needs at least one worker")
        ctx = multiprocessing.get_context("spawn")
        self._tasks = ctx.Queue()
        self._results = ctx.Queue()
        self._window = WINDOW_PER_WORKER * jobs
        self._procs = [ctx.Process(target=_serve, args=(settings, self._tasks, self._results,
                                                        os.getpid()),
                                   name=f"zonegraph-build-{i + 1}", daemon=True)
                       for i in range(jobs)]
        for proc in self._procs:
            proc.start()

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self.close(wait=exc_type is None)

    def imap(self, tasks: Iterable[tuple[Path, Given]]) -> Iterator[tuple]:
        pending: dict[int, tuple] = {}
        source = iter(tasks)
        sent = next_out = 0
        exhausted = False
        while True:
            while not exhausted and sent - next_out < self._window:
                task = next(source, None)
                if task is None:
                    exhausted = True
                else:
                    self._tasks.put((sent, str(task[0]), task[1]))
                    sent += 1
            if exhausted and next_out == sent:
                return
            while next_out not in pending:
                index, result = self._receive()
                pending[index] = result
            yield _unpack(pending.pop(next_out))
            next_out += 1

    def _receive(self) -> tuple:
        while True:
            try:
                return self._results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                dead = [p for p in self._procs if not p.is_alive()]
                if dead:  # workers leave only when told to; anything else is a crash
                    raise ZoneGraphError(f"build worker {dead[0].name} stopped unexpectedly "
                                         f"(exit code {dead[0].exitcode})") from None

    def close(self, wait: bool = True) -> None:
        """Stop the workers: after their current document, or at once (``wait=False``)."""
        if wait:
            for _ in self._procs:
                self._tasks.put(None)
        for proc in self._procs:
            if wait:
                proc.join(timeout=10)
            if proc.is_alive():
                proc.terminate()
                proc.join()
        for q in (self._tasks, self._results):
            q.cancel_join_thread()
            q.close()


def _unpack(result: tuple) -> tuple:
    kind = result[0]
    if kind == "done":
        return result[1], result[2]
    if kind == "input-error":
        return "", InputError(result[1], result[2])
    _, path, summary, tb = result
    raise WorkerCrash(f"{path}: {summary}") from _RemoteTraceback(tb)


def _serve(settings: Settings, tasks, results, parent: int) -> None:
    """A worker's life: load the pipeline once, then prepare documents until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:  # the writer is the build's critical path: workers take the CPU it leaves
        os.nice(WORKER_NICENESS)
    except OSError:
        pass
    from ..extract import Extractor
    from ..ingest.read import read_document
    from .document import prepare

    extractor = Extractor(settings.data_dir)
    while (task := _next_task(tasks, parent, results)) is not None:
        index, path, given = task
        try:
            source = read_document(Path(path))
            done = prepare(source, extractor, settings, given)
            result: tuple = ("done", source.sha256, done)
        except InputError as exc:  # not picklable as is: its arguments differ from args
            result = ("input-error", exc.path, exc.reason)
        except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it
            result = ("crash", path, f"{type(exc).__name__}: {exc}", traceback.format_exc())
        results.put((index, result))


def _next_task(tasks, parent: int, results):
    """The next task, or None when told to stop or when the parent is gone (a killed build:
    nobody would take the results, and nobody else would stop this worker)."""
    while os.getppid() == parent:
        try:
            return tasks.get(timeout=POLL_SECONDS)
        except queue.Empty:
            pass
    results.cancel_join_thread()  # exit without flushing results nobody reads
    return None
