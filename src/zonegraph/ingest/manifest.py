"""A corpus manifest: what a crawler or a spreadsheet knows about each file.

Researchers' corpora come as a folder of saved pages or texts plus a list of file, URL,
publication date and outlet. Most web texts print the date in the page's furniture, not
in the body, so without that list most articles cannot be placed in time, and no fact can
be cited to its page. A manifest is CSV with a header or JSON Lines, with the columns
``file`` (a path relative to the manifest, or a bare file name) and any of ``url``,
``date`` (ISO date, or year-month), ``source`` (outlet) and ``title``. A folder holding a
``zonegraph-manifest.csv`` uses it without being told.

Problems in a manifest (a missing file, an unknown column, a bad date or URL, a file
listed twice) are one-line warnings: the build goes on without that value.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..errors import InputError, ZoneGraphError
from .metadata import iso_date, web_url

#: The file a folder's own manifest has; found without ``--manifest``.
FOLDER_MANIFEST = "zonegraph-manifest.csv"
COLUMNS = ("file", "url", "date", "source", "title")


@dataclass(frozen=True)
class Given:
    """Metadata given with a file by the user: a manifest row or ``build`` options.

    ``origin`` says, per field, where a value came from ("manifest" or "option"): it goes
    into the graph as provenance.
    """

    url: str = ""
    date: str = ""
    source: str = ""
    title: str = ""
    origin: dict = field(default_factory=dict, compare=False)

    def __bool__(self) -> bool:
        return bool(self.url or self.date or self.source or self.title)

    def over(self, other: "Given") -> "Given":
        """These values where set, ``other``'s elsewhere."""
        values = {f: getattr(self, f) or getattr(other, f) for f in _FIELDS}
        origin = {f: (self.origin if getattr(self, f) else other.origin).get(f, "")
                  for f in _FIELDS if values[f]}
        return Given(**values, origin=origin)

    def digest(self) -> str:
        """SHA-256 of the values ("" when none): stored with the document, so a build
        rebuilds a file whose manifest row changed even though its bytes did not."""
        if not self:
            return ""
        return hashlib.sha256(json.dumps([getattr(self, f) for f in _FIELDS],
                                         ensure_ascii=False).encode("utf-8")).hexdigest()


_FIELDS = tuple(f.name for f in fields(Given) if f.name != "origin")


def given_options(date_text: str | None, source: str | None, url: str | None) -> Given:
    """``build --date --source --url`` as ``Given``; raises ``ZoneGraphError`` on a bad
    date or URL (the user typed them: an error, not a warning)."""
    values = {}
    if date_text:
        if (values_date := iso_date(date_text)) is None:
            raise ZoneGraphError(f"--date {date_text}: not a date (use YYYY-MM-DD or YYYY-MM)")
        values["date"] = values_date
    if url:
        if web_url(url) is None:
            raise ZoneGraphError(f"--url {url}: not an http(s) URL")
        values["url"] = url.strip()
    if source and source.strip():
        values["source"] = source.strip()
    return Given(**values, origin={f: "option" for f in values})


@dataclass(frozen=True)
class Row:
    """One manifest row: where it is (for warnings), the file it names, what it gives."""

    where: str  # "manifest.csv row 3"
    file: str
    given: Given


def read_manifest(path: Path) -> tuple[list[Row], list[str]]:
    """The rows of a manifest and the warnings reading it gave.

    Raises ``ZoneGraphError`` only when the file itself cannot be read.
    """
    from .read import decode_text

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ZoneGraphError(f"{path}: cannot read the manifest ({exc.strerror or exc})") from None
    try:
        text = decode_text(data, path)[0] if data.strip() else ""
    except InputError as exc:
        raise ZoneGraphError(f"{path}: cannot read the manifest ({exc.reason})") from None
    text = text.lstrip("\ufeff")
    if text.lstrip().startswith("{"):
        records, warnings = _json_lines(text, path)
    else:
        records, warnings = _csv_rows(text, path)
    if records is None:
        return [], warnings
    rows = []
    for where, record in records:
        row, problems = _row(record, f"{path.name} {where}")
        warnings += problems
        if row is not None:
            rows.append(row)
    return rows, warnings


def _json_lines(text: str, path: Path):
    records, warnings, unknown = [], [], set()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            warnings.append(f"{path.name} line {n}: not JSON ({exc.msg}); line skipped")
            continue
        if not isinstance(record, dict):
            warnings.append(f"{path.name} line {n}: not a JSON object; line skipped")
            continue
        unknown |= set(record) - set(COLUMNS)
        records.append((f"line {n}", {k: "" if v is None else str(v) for k, v in record.items()}))
    if unknown:
        warnings.insert(0, _unknown_columns(path, unknown))
    return records, warnings


def _csv_rows(text: str, path: Path):
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "file" not in header:
        columns = ", ".join(header) or "empty"
        return None, [f"{path.name}: no 'file' column in the header ({columns}); "
                      "manifest not used"]
    reader.fieldnames = header
    warnings = []
    if unknown := set(header) - set(COLUMNS) - {""}:
        warnings.append(_unknown_columns(path, unknown))
    records = [(f"row {reader.line_num}", {k: (v or "") for k, v in record.items()
                                           if isinstance(k, str)})
               for record in reader]
    return records, warnings


def _unknown_columns(path: Path, names: set) -> str:
    return (f"{path.name}: unknown column(s) {', '.join(sorted(map(str, names)))} ignored "
            f"(known: {', '.join(COLUMNS)})")


def _row(record: dict, where: str) -> tuple[Row | None, list[str]]:
    """A row's values checked: a bad date or URL is dropped with a warning."""
    value = {k: record.get(k, "").strip() for k in COLUMNS}
    if not value["file"]:
        return None, [f"{where}: no file named; row skipped"]
    warnings = []
    if value["date"] and (iso := iso_date(value["date"])) is None:
        warnings.append(f"{where}: {value['file']}: bad date {value['date']!r} "
                        "(use YYYY-MM-DD or YYYY-MM); date not used")
        value["date"] = ""
    elif value["date"]:
        value["date"] = iso
    if value["url"] and web_url(value["url"]) is None:
        warnings.append(f"{where}: {value['file']}: not an http(s) URL {value['url']!r}; "
                        "URL not used")
        value["url"] = ""
    given = {k: value[k] for k in _FIELDS if value[k]}
    origin = {f: "manifest" for f in given}
    return Row(where, value["file"], Given(**given, origin=origin)), warnings


def folder_manifests(paths: list[Path], files: list[Path]) -> list[Path]:
    """The ``zonegraph-manifest.csv`` of every folder given or holding a file to build."""
    folders = {p for p in paths if p.is_dir()} | {f.parent for f in files}
    found = {(folder / FOLDER_MANIFEST).resolve() for folder in folders
             if (folder / FOLDER_MANIFEST).is_file()}
    return sorted(found)


def assign(files: list[Path], manifests: list[Path]) -> tuple[dict[Path, Given], list[str]]:
    """What the manifests give each of ``files``, and the warnings.

    A row names its file by a path relative to its manifest, or by a bare name that one
    file of the build has. Earlier manifests win: a file a second row names again keeps
    the first row (and gets a warning).
    """
    if not manifests:
        return {}, []
    by_path = {f.resolve(): f for f in files}
    by_name: dict[str, list[Path]] = {}
    for f in files:
        by_name.setdefault(f.name, []).append(f)
    given: dict[Path, Given] = {}
    first: dict[Path, str] = {}
    warnings: list[str] = []
    for manifest in manifests:
        rows, problems = read_manifest(manifest)
        warnings += problems
        for row in rows:
            target = _target(row.file, manifest.parent, by_path, by_name)
            if isinstance(target, str):
                if target:
                    warnings.append(f"{row.where}: {row.file}: {target}; row not used")
                continue
            if target in first:
                warnings.append(f"{row.where}: {row.file} listed twice (first at {first[target]}); "
                                "the first row is used")
                continue
            first[target] = row.where
            given[target] = row.given
    return given, warnings


def _target(name: str, base: Path, by_path: dict, by_name: dict) -> Path | str:
    """The file of the build a row names, or why none ("" when the file exists but is not
    part of this build: a manifest may list more than one build reads)."""
    path = (base / name).resolve()
    if path in by_path:
        return by_path[path]
    if path.is_file():
        return ""
    candidates = by_name.get(Path(name).name, []) if "/" not in name.replace("\\", "/") else []
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        return f"{len(candidates)} files of this build have that name; give its path"
    return "no such file"


def with_options(given: dict[Path, Given], files: list[Path], options: Given) -> dict[Path, Given]:
    """Build options (``--date --source --url``) over the manifest, for a single file."""
    if not options:
        return given
    if len(files) != 1:
        raise ZoneGraphError(f"--date, --source and --url describe one file, and {len(files)} "
                             "were given; use a manifest (--manifest) for several")
    return {**given, files[0]: options.over(given.get(files[0], Given()))}

