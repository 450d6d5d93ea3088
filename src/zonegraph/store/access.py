"""Who may open a store, and how: one writer at a time, any number of readers, never a
reader inside a database that is being written.

Oxigraph keeps the store in RocksDB, which allows one read-write process (``LOCK``); a
read-only open while another process writes is undefined behaviour per pyoxigraph, and
in practice it fails now and then (a log or table file deleted between listing and
opening it, a MANIFEST rewritten under the reader: ``No such file``, ``Corruption``),
takes seconds to replay the writer's log, and sees a frozen state.

So the writer publishes **checkpoints** and readers open those:

* a writer takes ``<store>/zonegraph-build.lock`` (``flock``, released by the kernel even
  when the process is killed); a second writer is refused at once with the first one's
  pid, or waits up to ``wait`` seconds;
* it publishes a checkpoint (RocksDB's: hard links to the immutable table files, a few
  milliseconds) into ``<store>/checkpoints/<n>/`` (made under a temporary name, then
  renamed: a checkpoint is complete or absent) when it opens a store that has
  none or that a killed writer left unpublished, every ``PUBLISH_SECONDS`` while it
  writes, and when it closes; the newest ``KEEP_CHECKPOINTS`` are kept;
* readers open the newest checkpoint read-only: nobody ever writes it, so reading it is
  defined behaviour, fast (no log to replay), and each document in it is all in or all
  out, like every committed state of the store. A store without checkpoints (made before
  they existed) is opened directly.

Readers thus see a build's documents when it ends (within ``PUBLISH_SECONDS`` during a
long one), and a killed build's documents once the next writer opens the store.

This module imports nothing heavy, so query paths that must start fast can use it.
"""
from __future__ import annotations

import errno
import fcntl
import os
import shutil
import threading
import time
from pathlib import Path

from ..errors import StoreError

LOCK_NAME = "zonegraph-build.lock"
#: Present while a writer has written something it has not yet published.
DIRTY_NAME = "zonegraph-unpublished"
CHECKPOINTS = "checkpoints"
#: While writing, a writer publishes at most this often (and always when it closes).
PUBLISH_SECONDS = 30.0
#: Checkpoints kept: a reader that opened an older one may still be using it.
KEEP_CHECKPOINTS = 3
#: A reader retries this many times when a store changes under it while it opens.
OPEN_ATTEMPTS = 6


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]


# ---------------------------------------------------------------- the writer lock

class WriterLock:
    """The exclusive right to write the store at ``path`` (an ``flock`` on a file in it)."""

    def __init__(self, path: Path, wait: float = 0.0):
        self.path = Path(path)
        lock_file = self.path / LOCK_NAME
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise StoreError(f"{self.path}: {_write_problem(exc)}") from None
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _holder(self._fd)
                    os.close(self._fd)
                    raise StoreError(
                        f"{self.path}: another zonegraph process{holder} is writing to this "
                        "store; wait for it to finish and run again") from None
                time.sleep(0.2)
        os.ftruncate(self._fd, 0)
        os.write(self._fd, f"{os.getpid()}\n".encode())

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


def _write_problem(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "store path is not writable"
    return f"cannot create the store ({exc.strerror or exc})"


def writer_active(path: Path) -> bool:
    """Whether some process holds the writer lock of the store at ``path`` right now."""
    try:
        fd = os.open(Path(path) / LOCK_NAME, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # also drops the shared lock, if taken


# ---------------------------------------------------------------- checkpoints

def checkpoints(path: Path) -> list[Path]:
    """Published checkpoints of the store at ``path``, oldest first."""
    folder = Path(path) / CHECKPOINTS
    try:
        names = sorted(n for n in os.listdir(folder) if n.isdigit())
    except OSError:
        return []
    return [folder / n for n in names]


def newest_checkpoint(path: Path) -> Path | None:
    found = checkpoints(path)
    return found[-1] if found else None


def needs_publishing(path: Path) -> bool:
    """A store with no checkpoint, or one a killed writer left with unpublished writes."""
    return newest_checkpoint(path) is None or (Path(path) / DIRTY_NAME).exists()


def mark_unpublished(path: Path) -> None:
    """Record, before a write, that the store holds something no checkpoint has yet."""
    marker = Path(path) / DIRTY_NAME
    if not marker.exists():
        marker.touch()


def publish(ox_store, path: Path) -> Path:
    """Checkpoint the open read-write ``ox_store`` of ``path`` as its newest checkpoint.

    Older checkpoints beyond ``KEEP_CHECKPOINTS`` and half-made ones (a writer killed while
    publishing) are deleted. Only the holder of the writer lock may call this.
    """
    path = Path(path)
    folder = path / CHECKPOINTS
    folder.mkdir(exist_ok=True)
    previous = checkpoints(path)
    number = max(time.time_ns(), int(previous[-1].name) + 1 if previous else 0)
    final = folder / f"{number:020d}"
    partial = folder / f".partial-{number:020d}"
    try:
        ox_store.backup(str(partial))
        os.rename(partial, final)
        _fsync_dir(folder)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise StoreError(f"{path}: could not publish a checkpoint for readers "
                         f"({one_line(exc)})") from None
    (path / DIRTY_NAME).unlink(missing_ok=True)
    for old in previous[:max(0, len(previous) + 1 - KEEP_CHECKPOINTS)]:
        shutil.rmtree(old, ignore_errors=True)
    for name in os.listdir(folder):
        if name.startswith(".partial-") and name != partial.name:
            shutil.rmtree(folder / name, ignore_errors=True)
    return final


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------- readers

def check_store_dir(path: Path | str) -> Path:
    """``path`` if it can hold a built store; else ``StoreError`` saying what is wrong."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: store path is a file, not a directory")
    if not path.is_dir():
        raise StoreError(f"{path}: no graph store here (run `zonegraph build` first)")
    return path


def open_read_only(path: Path | str):
    """The pyoxigraph store to read at ``path``: its newest checkpoint, opened read-only.

    A checkpoint can disappear between listing and opening (a writer keeps only the newest
    few) and a store without checkpoints can be written while it opens; both are retried.
    """
    return _open_newest(check_store_dir(path))[1]


def _open_newest(path: Path):
    """``(what was opened, store)``: the newest checkpoint of ``path``, or ``path`` itself."""
    import pyoxigraph as ox

    last: BaseException | None = None
    for attempt in range(OPEN_ATTEMPTS):
        target = newest_checkpoint(path) or path
        try:
            return target, ox.Store.read_only(str(target))
        except (OSError, RuntimeError) as exc:  # RocksDB reports a moved file as Corruption
            last = exc
            if target == path and not writer_active(path) and not checkpoints(path):
                if (path / LOCK_NAME).exists():
                    # a writer publishes before its first write: this one was killed while
                    # it created the store, so there is nothing in it
                    return path, ox.Store()
                break  # nothing is changing: the error is the store's own
            time.sleep(0.05 * 2 ** attempt)
    if target == path and not (path / "CURRENT").exists():
        raise StoreError(f"{path}: no graph store here (run `zonegraph build` first)")
    raise StoreError(f"{path}: cannot open the store ({one_line(last)})")


# ---------------------------------------------------------------- one reader per process

#: Stores kept open by ``shared_read_only``: absolute path → (checkpoint, its identity, store).
_SHARED: dict[str, tuple[str, tuple, object]] = {}
_SHARED_LOCK = threading.Lock()
#: How many stores a process keeps open at once (the least recently used is closed).
SHARED_STORES = 4


def shared_read_only(path: Path | str):
    """Like ``open_read_only``, but opened once per process and reused by later calls.

    Opening costs about 10 ms at 1.5 M triples, as much as a quick query. Every call
    still lists the published checkpoints (tens of microseconds) and opens the newest
    one when it is not the one kept, so a query after a build or a removal sees what it
    wrote, as with ``open_read_only``; a checkpoint stays readable while it is the
    newest (a writer deletes only checkpoints older than the newest few). A store without
    checkpoints is opened on every call: nothing there tells that it has changed.
    """
    key = os.path.abspath(path)
    newest = _newest_name(key)
    if newest is not None:
        ident = _identity(newest)
        with _SHARED_LOCK:
            kept = _SHARED.get(key)
            if kept is not None and kept[0] == newest and kept[1] == ident:
                _SHARED[key] = _SHARED.pop(key)  # most recently used last
                return kept[2]
    path = check_store_dir(path)
    if newest is None and newest_checkpoint(path) is None:
        return open_read_only(path)
    target, store = _open_newest(path)
    if target == path:  # no checkpoint after all (removed meanwhile): not kept
        return store
    with _SHARED_LOCK:
        _SHARED.pop(key, None)
        opened = os.path.join(key, CHECKPOINTS, target.name)
        _SHARED[key] = (opened, _identity(opened), store)
        while len(_SHARED) > SHARED_STORES:
            _SHARED.pop(next(iter(_SHARED)))
    return store


def _newest_name(store: str) -> str | None:
    """The newest checkpoint folder of the store at ``store``, as a string (quick: the
    check done before every shared query)."""
    folder = os.path.join(store, CHECKPOINTS)
    try:
        names = [n for n in os.listdir(folder) if n.isdigit()]
    except OSError:
        return None
    return os.path.join(folder, max(names)) if names else None


def forget_shared(path: Path | str | None = None) -> None:
    """Close the kept store of ``path`` (of every path if ``None``)."""
    with _SHARED_LOCK:
        if path is None:
            _SHARED.clear()
        else:
            _SHARED.pop(os.path.abspath(path), None)


def _identity(folder: str) -> tuple:
    """What tells a checkpoint folder from another one made later under the same name."""
    try:
        st = os.stat(folder)
    except OSError:
        return ()
    return (st.st_dev, st.st_ino, st.st_ctime_ns)
