"""Read input files into text: txt in any common encoding, PDF, DOCX and HTML.

The decoded text is kept exactly as extracted (it is what evidence offsets point into);
cleaning for matching happens later in ``zonegraph.ingest.normalize``. Every way a file can be
unusable becomes an ``InputError`` naming the file and the reason.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .limits import PageTooSlow, ReadLimits, check_size, check_zip, over_limit, time_limit

#: File suffixes ZoneGraph reads, by format name.
FORMATS = {".txt": "text", ".text": "text", ".pdf": "pdf", ".docx": "docx",
           ".html": "html", ".htm": "html", ".xhtml": "html"}
MEDIA_TYPES = {"text": "text/plain", "pdf": "application/pdf",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               "html": "text/html"}
_MIN_CHARS = 10
_NOSCRIPT = re.compile(r"<noscript\b.*?</noscript\s*>", re.I | re.S)


@dataclass(frozen=True)
class SourceDocument:
    """One input file as text, with what provenance needs to know about it."""

    path: Path
    sha256: str
    format: str
    text: str
    encoding: str = ""
    meta: dict = field(default_factory=dict)  # title, date, source, url a web page declares
    warnings: tuple[str, ...] = ()  # what was left out and why (a PDF page too slow)

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


def discover(paths: list[Path]) -> list[Path]:
    """Expand folders recursively into the readable files they hold, in a stable order.

    Files named explicitly are kept whatever their suffix (reading them reports the problem);
    inside folders only known suffixes are taken, hidden files skipped.
    """
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        # a folder that cannot be listed is kept, so that reading it reports why
        found.append(Path(exc.filename))

    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / f for f in sorted(files)
                             if not f.startswith(".") and Path(f).suffix.lower() in FORMATS)
        else:
            found.append(path)
    return found


def read_document(path: Path, limits: ReadLimits = ReadLimits()) -> SourceDocument:
    """Read one file into a ``SourceDocument`` or raise ``InputError`` saying why not
    (also when it is past one of ``limits``)."""
    if path.is_dir():
        try:
            os.listdir(path)
        except OSError as exc:
            raise InputError(path, f"cannot read folder ({exc.strerror or exc})") from None
        raise InputError(path, "is a directory")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(path, f"unsupported file type {path.suffix or '(none)'}; "
                               f"expected one of {', '.join(sorted(FORMATS))}")
    try:
        if path.exists() and not path.is_file():  # a FIFO or device would block or never end
            raise InputError(path, "not a regular file")
        check_size(path, path.stat().st_size, limits, html=fmt == "html")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(path, "empty file")
    digest = hashlib.sha256(data).hexdigest()
    meta: dict = {}
    encoding = ""
    warnings: list[str] = []
    if fmt == "text":
        text, encoding = decode_text(data, path)
    elif fmt == "pdf":
        text = _pdf_text(data, path, limits, warnings)
    elif fmt == "docx":
        check_zip(path, data, limits)
        text = _docx_text(data, path)
    else:
        html, encoding = decode_text(data, path)
        text, meta = _html_text(html, path)
    if len(text.strip()) < _MIN_CHARS:
        raise InputError(path, "no text found")
    return SourceDocument(path=path, sha256=digest, format=fmt, text=text,
                          encoding=encoding, meta=meta, warnings=tuple(warnings))


# ---------------------------------------------------------------- plain text

def _common_ratio(text: str) -> float:
    """Share of characters that are ASCII, CJK punctuation or common (GB2312 level-1) hanzi.

    Text decoded with the wrong codec is full of rare characters; the right codec gives
    mostly common ones. Traditional text is folded to simplified first.
    """
    from .normalize import to_simplified

    sample = to_simplified(text[:20000])
    if not sample:
        return 0.0
    return sum(map(_common_characters().__contains__, sample)) / len(sample)


@functools.lru_cache(maxsize=1)
def _common_characters() -> frozenset[str]:
    """Printable ASCII and CJK punctuation, and the 3,755 level-1 hanzi of GB2312 (lead
    bytes B0–D7): the characters of ordinary Chinese text."""
    punctuation = [chr(o) for o in (*range(0x80), *range(0x3000, 0x3040), *range(0xFF00, 0xFFF0))]
    common = {ch for ch in punctuation if ch.isprintable()} | set("\r\n\t“”‘’…—·")
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                common.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(common)


def decode_text(data: bytes, path: object = "<bytes>") -> tuple[str, str]:
    """Decode bytes whose encoding is unknown: BOMs, UTF-8, GB18030/GBK, Big5, UTF-16.

    Returns the text and the encoding chosen; raises ``InputError`` for binary data.
    """
    boms = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
    for bom, codec in boms:
        if data.startswith(bom):
            text = _decode_prefix(data, codec)
            if text is None:
                raise InputError(path, f"undecodable text (starts with a {codec} mark)")
            return text, codec
    # UTF-16 without a BOM: every other byte of ASCII-range text is zero
    if len(data) >= 4 and data.count(0) * 3 > len(data):
        for codec in ("utf-16-le", "utf-16-be"):
            text = _decode_prefix(data, codec)
            if text is not None and _common_ratio(text) > 0.8:
                return text, codec
        raise InputError(path, "binary data, not text")
    text, encoding = _decode_prefix(data, "utf-8"), "utf-8"
    if text is None:
        # UTF-16 text of hanzi only has no zero bytes, so it is among the guesses too
        scored = []
        for codec in ("gb18030", "big5", "utf-16-le", "utf-16-be"):
            cand = _decode_prefix(data, codec)
            if cand is not None:
                scored.append((_common_ratio(cand), codec, cand))
        if not scored:
            raise InputError(path, "undecodable text (not UTF-8, GB18030, Big5 or UTF-16)")
        _, encoding, text = max(scored)
    if "\x00" in text or _common_ratio(text) < 0.6:
        raise InputError(path, "binary data or unknown encoding, not readable text")
    return text, encoding


def _decode_prefix(data: bytes, codec: str) -> str | None:
    """``data`` decoded with ``codec``, or None when it is not in that codec.

    A file cut inside its last character (a half-finished download) still decodes: the
    partial character is left out.
    """
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and len(data) - exc.start <= 3:
            try:
                return data[:exc.start].decode(codec)
            except UnicodeDecodeError:
                return None
        return None


# ---------------------------------------------------------------- PDF, DOCX, HTML

def _pdf_text(data: bytes, path: Path, limits: ReadLimits, warnings: list[str]) -> str:
    """The text of every page; a page slower than ``limits.page_seconds`` is skipped and
    named in ``warnings``."""
    import io
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "not a PDF (no %PDF- header; a web page saved as .pdf?)")
    pages = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > limits.max_pages:
                raise over_limit(path, f"PDF has {len(pdf.pages):,} pages",
                                 f"{limits.max_pages:,} pages", "max-pages")
            for number, page in enumerate(pdf.pages, 1):
                try:
                    with time_limit(limits.page_seconds):
                        pages.append(page.extract_text() or "")
                except PageTooSlow as slow:
                    warnings.append(f"page {number} skipped: its text {slow} (limit "
                                    f"{limits.page_seconds:g} s; raise with --page-seconds)")
                    pages.append("")
                page.close()  # pdfplumber keeps every page's objects otherwise
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - see _pdf_error
        raise _pdf_error(path, exc) from None
    if not any(p.strip() for p in pages):
        if warnings:
            raise InputError(path, f"no text read: {'; '.join(warnings)}")
        raise InputError(path, "no text layer (image-only PDF?); OCR is not supported")
    return "\n".join(pages)


def _pdf_error(path: Path, exc: Exception) -> InputError:
    """One line saying why pdfminer could not read a PDF (pdfplumber wraps its errors)."""
    if exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    name = type(exc).__name__  # pdfminer raises many ad-hoc types on damaged files
    detail = " ".join(str(exc).split())[:200]
    if "Encrypt" in name or "Password" in name:
        return InputError(path, "encrypted PDF (password required)")
    if name == "PSEOF":
        return InputError(path, "truncated or corrupt PDF (the file ends too early)")
    if "Syntax" in name:
        return InputError(path, f"corrupt or truncated PDF ({detail})")
    return InputError(path, f"corrupt or unreadable PDF ({name}{': ' + detail if detail else ''})")


def _docx_text(data: bytes, path: Path) -> str:
    import io
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"not a readable .docx ({exc})") from None
    except Exception as exc:  # lxml errors inside a damaged package
        raise InputError(path, f"not a readable .docx ({type(exc).__name__})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _html_text(html: str, path: Path) -> tuple[str, dict]:
    """Main text of a web page (not its navigation), with what the page says of itself:
    title, date published, site name (``source``) and canonical URL (``url``)."""
    import logging

    from .metadata import iso_date, web_url

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    meta: dict = {}
    # what a page shows when scripts are off ("请启用JavaScript") is not its text
    html = _NOSCRIPT.sub("", html)
    text = trafilatura.extract(html, include_comments=False, include_tables=True,
                               favor_recall=True, deduplicate=False)
    info = trafilatura.extract_metadata(html)
    if info is not None:
        if info.title:
            meta["title"] = info.title.strip()
        if info.date and iso_date(info.date):
            meta["date"] = iso_date(info.date)
        if info.sitename and info.sitename.strip():
            meta["source"] = " ".join(info.sitename.split())
        if info.url and web_url(info.url):  # the canonical URL the page declares
            meta["url"] = info.url.strip()
    if not text:
        text = _html_fallback_text(html)
    return text or "", meta


def _html_fallback_text(html: str) -> str:
    """All visible text when the page is too small for trafilatura's main-text heuristics."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # lxml's parser errors on fragments
        return ""
    for bad in root.xpath("//script|//style|//nav|//header|//footer|//noscript"):
        bad.drop_tree()
    return "\n".join(t.strip() for t in root.itertext() if t.strip())
