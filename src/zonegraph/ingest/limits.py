"""Limits on what reading one file may cost, so that no input can take a machine down.

A hostile or broken file — a .docx whose XML inflates to hundreds of megabytes, a PDF of
thousands of pages, a page pdfminer never finishes, a web page of hundreds of megabytes —
is refused with one ``InputError`` that names the limit and the option that raises it,
before it costs the memory or time it would. Defaults are far above any real newsletter,
report or web page, so a user never meets them by accident.

Zip-based files (.docx) are checked while they are inflated, in a stream (``check_zip``):
the sizes a zip declares are never trusted, since a crafted one declares whatever it
likes; what counts is what inflating actually gives.
"""
from __future__ import annotations

import signal
import struct
import threading
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

MB = 1_000_000
#: Inflation below this many bytes is never called a bomb, whatever its ratio (small XML
#: parts of a real .docx, all spaces and repeated tags, can compress very well).
RATIO_FLOOR_BYTES = 2 * MB
#: Members of a zip past which it is not a document but a trap (a real .docx has dozens).
MAX_ZIP_MEMBERS = 10_000
_CHUNK = 1 << 16


@dataclass(frozen=True)
class ReadLimits:
    """What reading one file may cost; each is a ``zonegraph build`` option."""

    max_input_mb: float = 200.0  # a file's size on disk (--max-input-mb)
    max_html_mb: float = 50.0  # a web page's size (--max-html-mb): its parse tree is ~10× it
    max_inflated_mb: float = 200.0  # all members of a .docx, inflated (--max-inflated-mb)
    max_ratio: float = 100.0  # inflated : compressed, per member (--max-ratio)
    max_pages: int = 5000  # pages of a PDF (--max-pages)
    page_seconds: float = 30.0  # one PDF page's text extraction (--page-seconds)


def over_limit(path: object, why: str, limit: str, option: str) -> InputError:
    """The one line a user sees: what is wrong, the limit, and how to raise it."""
    return InputError(path, f"{why} (limit {limit}; raise with --{option})")


def _mb(n: float) -> str:
    return f"{n / MB:,.0f} MB" if n >= 10 * MB else f"{n / MB:,.1f} MB"


def check_size(path: Path, size: int, limits: ReadLimits, html: bool = False) -> None:
    """Refuse a file larger than its format's limit, before reading it."""
    if size > limits.max_input_mb * MB:
        raise over_limit(path, f"file is {_mb(size)}", f"{limits.max_input_mb:g} MB",
                         "max-input-mb")
    if html and size > limits.max_html_mb * MB:
        raise over_limit(path, f"web page is {_mb(size)}", f"{limits.max_html_mb:g} MB",
                         "max-html-mb")


def check_zip(path: Path, data: bytes, limits: ReadLimits) -> None:
    """Inflate every member of the zip ``data`` in a stream, counting the bytes it really
    gives, and refuse it past the limits or when a member's declared size is false.

    Memory stays at one chunk whatever the member holds: the output is counted, not kept.
    """
    import io
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        kind = Path(path).suffix.lower() or "zip"
        raise InputError(path, f"not a readable {kind} ({exc})") from None
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise InputError(path, f"zip holds {len(members):,} members, not a document "
                               f"(limit {MAX_ZIP_MEMBERS:,} members)")
    total = 0
    for info in members:
        if info.is_dir():
            continue
        inflated, crc = _inflate_counting(path, data, info, limits, total)
        total += inflated
        if inflated != info.file_size or crc != info.CRC:
            raise InputError(path, f"zip member {info.filename} declares {info.file_size:,} "
                                   f"bytes but holds {inflated:,} (a damaged or crafted file)")


def _inflate_counting(path: Path, data: bytes, info, limits: ReadLimits,
                      before: int) -> tuple[int, int]:
    """(bytes, CRC-32) of one member, inflated from its local header on, chunk by chunk."""
    start = info.header_offset
    head = data[start:start + 30]
    if len(head) < 30 or head[:4] != b"PK\x03\x04":
        raise InputError(path, f"zip member {info.filename}: damaged local header")
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    pos = start + 30 + name_len + extra_len
    if info.compress_type == 0:  # stored: its bytes are what they are
        inflater = None
    elif info.compress_type == 8:
        inflater = zlib.decompressobj(-15)
    else:
        raise InputError(path, f"zip member {info.filename}: unsupported compression "
                               f"(method {info.compress_type})")
    if info.flag_bits & 0x1:
        raise InputError(path, f"zip member {info.filename} is encrypted")
    cap = limits.max_inflated_mb * MB
    inflated = consumed = crc = 0
    stored_left = info.compress_size
    while True:
        if inflater is None:
            out = data[pos:pos + min(_CHUNK, stored_left)]
            stored_left -= len(out)
            pos += len(out)
            consumed += len(out)
        else:
            chunk = inflater.unconsumed_tail
            if not chunk:
                chunk = data[pos:pos + _CHUNK]
                pos += len(chunk)
                consumed += len(chunk)
            try:
                out = inflater.decompress(chunk, _CHUNK)
            except zlib.error as exc:
                raise InputError(path, f"zip member {info.filename}: damaged data ({exc})") \
                    from None
        if not out and (inflater is None or (inflater.eof or pos >= len(data)
                                             and not inflater.unconsumed_tail)):
            break
        inflated += len(out)
        crc = zlib.crc32(out, crc)
        if before + inflated > cap:
            raise over_limit(path, f"inflates to more than {_mb(cap)} (at zip member "
                             f"{info.filename})", f"{limits.max_inflated_mb:g} MB",
                             "max-inflated-mb")
        if inflated > RATIO_FLOOR_BYTES and inflated > limits.max_ratio * max(consumed, 1):
            raise over_limit(path, f"zip member {info.filename} inflates more than "
                             f"{limits.max_ratio:g}:1 (a compression bomb?)",
                             f"{limits.max_ratio:g}:1", "max-ratio")
    if inflater is not None and not inflater.eof:
        raise InputError(path, f"zip member {info.filename}: data ends too early (truncated)")
    return inflated, crc


class PageTooSlow(BaseException):
    """Raised inside a PDF page's extraction when its time is up (a ``BaseException``, so
    that pdfminer's own ``except Exception`` does not swallow it)."""


@contextmanager
def time_limit(seconds: float, exc_type: type[BaseException] = PageTooSlow):
    """Raise ``exc_type`` in this code if it runs longer than ``seconds``.

    Works through ``SIGALRM``, so only on the main thread (elsewhere it does nothing; the
    build's document watchdog still applies). A timer already set outside is restored.
    """
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expired(signum, frame):
        raise exc_type(f"took longer than {seconds:g} s")

    outer_handler = signal.signal(signal.SIGALRM, expired)
    outer_left, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, outer_handler)
        if outer_left:
            left = outer_left - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
