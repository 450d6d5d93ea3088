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
import shutil
import signal
import tempfile
import threading
import time
import traceback
from multiprocessing import connection as mp_connection
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .settings import Settings
from ..errors import InputError, ZoneGraphError
from ..ingest.manifest import Given
from ..ingest.limits import MB
from ..ingest.read import FORMATS
from .watchdog import rss_mb

#: Documents handed out per worker before the parent takes results back: enough to keep
#: every worker busy while one long document holds up the ordered output, and while the
#: parent bulk-loads a batch (a second or two, ``store.BATCH_BYTES``).
WINDOW_PER_WORKER = 64
#: How much lower the workers' CPU priority is than the writer's. With N workers on N
#: cores the single writer must not wait for a core: starved, its loads took twice as
#: long (RocksDB's compaction threads share its share) and the build ran no faster than
#: with one process.
WORKER_NICENESS = 10
#: How long the parent waits for a result before checking the workers' budgets and lives.
POLL_SECONDS = 0.25


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
        sha256 = _file_sha256(path, settings.limits.max_input_mb * MB)
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


def _file_sha256(path: Path, max_bytes: float) -> str:
    """What ``ingest.read_document`` will call the file's sha256; "" when only reading it
    can say what is wrong (unsupported type, unreadable, too large), so a worker reports
    that."""
    if path.suffix.lower() not in FORMATS:
        return ""
    try:
        if path.stat().st_size > max_bytes:
            return ""
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


class _Worker:
    """One worker process, its end of the pipe, and the document it is working on."""

    def __init__(self, ctx, settings: Settings, number: int, folder: Path):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(settings, child, os.getpid(), folder),
                                name=f"zonegraph-build-{number}", daemon=True)
        self.proc.start()
        child.close()
        self.ready = False  # its pipeline is loaded: a document's budget starts when sent
        self.task: tuple[int, str] | None = None
        self.started = 0.0

    def send(self, index: int, task: tuple[str, Given]) -> None:
        self.task, self.started = (index, task[0]), time.monotonic()
        self.conn.send((index, *task))

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()


class WorkerPool:
    """``jobs`` worker processes, each with its own pipeline and pipe, fed whole documents.

    Use as a context manager; ``imap(tasks)`` takes ``(path, Given)`` pairs and gives
    ``(sha256, PreparedDocument)`` or ``("", InputError)`` for each, in their order. A worker past its document's
    budget (``settings.budget``) is killed — the document becomes an ``InputError`` saying
    so — and replaced. Each worker has a pipe of its own, so killing one never leaves a
    shared queue half-written.
    """

    def __init__(self, settings: Settings, jobs: int):
        if jobs < 1:
            raise ValueError("a worker pool needs at least one worker")
        self._ctx = multiprocessing.get_context("spawn")
        self._settings = settings
        self._window = WINDOW_PER_WORKER * jobs
        self._started = 0
        self._stopping = False
        self._feeder: threading.Thread | None = None
        # what workers send as files (``DocumentQuads.made``), removed with the pool
        self._folder = Path(tempfile.mkdtemp(prefix="zonegraph-build-"))
        self._workers = [self._start() for _ in range(jobs)]

    def _start(self) -> _Worker:
        self._started += 1
        return _Worker(self._ctx, self._settings, self._started, self._folder)

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self.close(wait=exc_type is None)

    def imap(self, tasks: Iterable[tuple[Path, Given]]) -> Iterator[tuple]:
        """Results in the order of ``tasks``. A thread of the pool hands out documents and
        takes results in, so the workers go on while the caller writes the store; at most
        ``WINDOW_PER_WORKER`` per worker are ahead of the caller."""
        results: queue.Queue = queue.Queue()
        taken = threading.Semaphore(self._window)  # released as the caller takes results
        self._feeder = feeder = threading.Thread(
            target=self._feed, args=([(str(p), g) for p, g in tasks], results, taken),
            name="zonegraph-build-feeder", daemon=True)
        feeder.start()
        pending: dict[int, tuple] = {}
        next_out = 0
        try:
            while True:
                while next_out not in pending:
                    index, result = results.get()
                    if index is None:
                        if isinstance(result, BaseException):
                            raise result
                        return
                    pending[index] = result
                taken.release()
                yield _unpack(pending.pop(next_out))
                next_out += 1
        finally:
            self._stopping = True
            feeder.join()

    def _feed(self, tasks: list[tuple[str, Given]], results: queue.Queue,
              taken: threading.Semaphore) -> None:
        """Hand each idle worker the next document, pass results on, enforce budgets."""
        todo = list(enumerate(tasks))[::-1]
        try:
            while (todo or any(w.task for w in self._workers)) and not self._stopping:
                for worker in self._workers:
                    if todo and worker.ready and worker.task is None and taken.acquire(False):
                        worker.send(*todo.pop())
                for index, result in self._receive().items():
                    results.put((index, result))
            results.put((None, None))
        except BaseException as exc:  # noqa: BLE001 - raised again by ``imap``
            results.put((None, exc))

    def _receive(self) -> dict[int, tuple]:
        """Results that arrived within ``POLL_SECONDS``; workers over budget are replaced."""
        got: dict[int, tuple] = {}
        conns = {w.conn: w for w in self._workers}
        for conn in mp_connection.wait(list(conns), timeout=POLL_SECONDS):
            worker = conns[conn]
            try:
                message = conn.recv()
            except (EOFError, OSError):
                continue  # it died: seen below
            if message == "ready":
                worker.ready = True
            else:
                index, result = message
                got[index] = result
                worker.task = None
        for i, worker in enumerate(self._workers):
            if worker.task is None:
                if not worker.proc.is_alive():  # workers leave only when told to
                    raise ZoneGraphError(f"build worker {worker.proc.name} stopped "
                                         f"unexpectedly (exit code {worker.proc.exitcode})")
                continue
            why = self._settings.budget.exceeded(time.monotonic() - worker.started,
                                                 rss_mb(worker.proc.pid))
            if not why and not worker.proc.is_alive():  # killed by the system (out of memory?)
                why = f"its worker process stopped (exit code {worker.proc.exitcode})"
            if why:
                index, path = worker.task
                worker.stop()
                got[index] = ("input-error", path, why)
                self._workers[i] = self._start()
        return got

    def close(self, wait: bool = True) -> None:
        """Stop the workers: after their current document, or at once (``wait=False``)."""
        self._stopping = True
        if self._feeder is not None:
            self._feeder.join()
        for worker in self._workers:
            if wait and worker.proc.is_alive():
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        for worker in self._workers:
            if wait:
                worker.proc.join(timeout=10)
            worker.stop()
        shutil.rmtree(self._folder, ignore_errors=True)


def _unpack(result: tuple) -> tuple:
    kind = result[0]
    if kind == "done":
        return result[1], result[2]
    if kind == "input-error":
        return "", InputError(result[1], result[2])
    _, path, summary, tb = result
    raise WorkerCrash(f"{path}: {summary}") from _RemoteTraceback(tb)


def _serve(settings: Settings, conn, parent: int, folder: Path) -> None:
    """A worker's life: load the pipeline once, then prepare documents until told to stop;
    a document's N-Quads past a few parts are sent as a file in ``folder``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    try:  # the writer is the build's critical path: workers take the CPU it leaves
        os.nice(WORKER_NICENESS)
    except OSError:
        pass
    from ..extract import Extractor
    from ..ingest.read import read_document
    from .document import prepare

    extractor = Extractor(settings.data_dir)
    conn.send("ready")
    while (task := _next_task(conn)) is not None:
        index, path, given = task
        try:
            source = read_document(Path(path), settings.limits)
            done = prepare(source, extractor, settings, given)
            done.nquads.made(folder)  # sent whole, through the pipe or a file
            result: tuple = ("done", source.sha256, done)
        except InputError as exc:  # not picklable as is: its arguments differ from args
            result = ("input-error", exc.path, exc.reason)
        except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it
            result = ("crash", path, f"{type(exc).__name__}: {exc}", traceback.format_exc())
        source = done = None  # freed before the next document is read
        conn.send((index, result))


def _exit_with_parent(parent: int) -> None:
    """End this worker as soon as its parent is gone (a killed build), whatever it is
    doing: loading the pipeline or in the middle of a long document."""
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(0)


def _next_task(conn):
    """The next task, or None when told to stop (or when the parent closed the pipe)."""
    try:
        return conn.recv()
    except (EOFError, OSError):
        return None
