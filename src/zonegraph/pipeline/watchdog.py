"""A time and memory budget per document, so one document cannot stall or sink a build.

With ``--jobs N`` the parent watches each worker (``workers``): a worker past its
document's budget is killed, the document reported as one line, and a new worker started.
With ``--jobs 1`` the document runs in the build's own process: ``watched`` samples the
process from a thread and, past the budget, interrupts the main thread with a signal, so
the document is abandoned there (the exception unwinds its frames and frees what it held).
A single C call that never returns to Python (a huge XML parse) is interrupted only when it
does; the read limits (``ingest.limits``) stop such inputs before they start.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

#: How often a budget is checked.
SAMPLE_SECONDS = 0.2


@dataclass(frozen=True)
class Budget:
    """What one document may cost: wall time and resident memory of the process doing it."""

    seconds: float = 600.0  # --doc-seconds
    memory_mb: float = 4000.0  # --doc-memory-mb

    def exceeded(self, elapsed: float, rss: float) -> str:
        """Why a document that ran ``elapsed`` s in a process of ``rss`` MB is over budget,
        as the build prints it; "" while it is within."""
        if self.seconds and elapsed > self.seconds:
            return (f"abandoned after {elapsed:,.0f} s (limit {self.seconds:g} s; raise with "
                    "--doc-seconds)")
        if self.memory_mb and rss > self.memory_mb:
            return (f"abandoned at {rss:,.0f} MB of memory (limit {self.memory_mb:g} MB; raise "
                    "with --doc-memory-mb)")
        return ""


class OverBudget(BaseException):
    """Raised in the main thread when its document is over budget.

    A ``BaseException``, so that the ``except Exception`` of a library on the way does not
    take it for one of its own errors.
    """


def rss_mb(pid: int | None = None) -> float:
    """Resident memory of a process (this one by default) in MB; 0 when it is gone."""
    try:
        with open(f"/proc/{pid or 'self'}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, IndexError, ValueError):
        return 0.0


class _Watchdog:
    """One thread for the whole process that samples the document being built, if any.

    A thread per document cost about 2 ms to start and stop (4 % of a build of short
    news items); arming this one is a few assignments under a lock.
    """

    def __init__(self):
        self._lock = threading.RLock()  # the signal handler may run while main holds it
        self._generation = 0
        self._budget: Budget | None = None
        self._started = 0.0
        self.reason = ""
        threading.Thread(target=self._run, name="zonegraph-watchdog", daemon=True).start()

    def arm(self, budget: Budget, started: float) -> int:
        with self._lock:
            self._generation += 1
            self._budget, self._started, self.reason = budget, started, ""
            return self._generation

    def disarm(self) -> None:
        with self._lock:
            self._budget = None

    def over(self, generation: int) -> str:
        """Why the document of ``generation`` is over budget, "" if it is not (or is done)."""
        with self._lock:
            return self.reason if self._budget is not None and generation == \
                self._generation else ""

    def _run(self) -> None:
        main = threading.main_thread().ident
        while True:
            time.sleep(SAMPLE_SECONDS)
            with self._lock:
                budget, started, generation = self._budget, self._started, self._generation
            if budget is None:
                continue
            why = budget.exceeded(time.monotonic() - started, rss_mb())
            if why:
                with self._lock:
                    if self._budget is None or generation != self._generation:
                        continue  # that document ended meanwhile
                    self.reason = why
                signal.pthread_kill(main, signal.SIGUSR1)  # again each sample until taken


_WATCHDOG: _Watchdog | None = None


@contextmanager
def watched(budget: Budget, started: float | None = None):
    """Run the body within ``budget``, else raise ``OverBudget`` (with the line to print);
    its time counts from ``started`` (``time.monotonic()``; now by default).

    Only on the main thread, where Python delivers signals; elsewhere the body runs
    unwatched.
    """
    global _WATCHDOG
    if threading.current_thread() is not threading.main_thread() or not (
            budget.seconds or budget.memory_mb):
        yield
        return
    if _WATCHDOG is None:
        _WATCHDOG = _Watchdog()
    dog = _WATCHDOG
    generation = dog.arm(budget, time.monotonic() if started is None else started)

    def interrupt(signum, frame):
        why = dog.over(generation)
        if why:
            raise OverBudget(why)

    previous = signal.signal(signal.SIGUSR1, interrupt)
    try:
        yield
    finally:
        dog.disarm()
        if callable(previous):  # else keep ours, inert now: a late signal must not kill
            signal.signal(signal.SIGUSR1, previous)
