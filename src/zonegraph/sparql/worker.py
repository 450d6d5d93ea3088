"""Queries that can be stopped: SPARQL runs in a worker process that is killed on time-out.

pyoxigraph evaluates a query in Rust and offers no way to interrupt it from Python, so a
thread that runs it cannot be stopped, only abandoned — and it keeps a core busy until
the query ends, which for a runaway cross product is never. A worker process can be
killed. ``zonegraph query --timeout`` runs its query in a one-off worker; ``zonegraph
serve`` keeps a small pool of them (``WorkerPool``), each with the store open read-only,
and replaces a worker it had to kill.

The worker answers with the result already serialized in the negotiated format, through
a writer that stops at a byte cap, so neither side ever holds an unbounded result.

Protocol (over the worker's stdin/stdout, each frame an 8-byte big-endian length and a
body): the parent sends one JSON request; the worker sends a JSON reply header and the
result bytes. The worker imports only the standard library and pyoxigraph, so it starts
in about a tenth of a second.
"""
from __future__ import annotations

import json
import os
import queue
import select
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import QueryError

#: Result formats by media type, for SELECT and ASK results.
RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
#: RDF formats by media type, for CONSTRUCT and DESCRIBE results.
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/ld+json": "JSON_LD",
    "application/rdf+xml": "RDF_XML",
}
DEFAULT_TYPE = {"solutions": "application/sparql-results+json", "boolean":
                "application/sparql-results+json", "graph": "text/turtle"}


class QueryTimeout(QueryError):
    """The query ran longer than its time limit and its worker was stopped."""


class ResultTooLarge(QueryError):
    """The serialized result is larger than the cap."""


class NotAcceptable(QueryError):
    """None of the accepted media types fits the kind of result the query gives."""


@dataclass(frozen=True)
class Reply:
    """A worker's answer: what kind of result, in which media type, and its bytes."""

    kind: str  # "solutions", "boolean" or "graph"
    media_type: str
    body: bytes


def choose_media_type(kind: str, accept: list[str]) -> str:
    """The first of ``accept`` (media ranges, best first) that can carry a ``kind`` result.

    An empty list or a wildcard gives the default (SPARQL JSON results, or Turtle).
    Raises ``NotAcceptable`` when nothing fits.
    """
    table = GRAPH_TYPES if kind == "graph" else RESULT_TYPES
    if not accept:
        return DEFAULT_TYPE[kind]
    for rng in accept:
        rng = rng.strip().lower()
        if rng in table:
            return rng
        if rng in ("*/*", "*"):
            return DEFAULT_TYPE[kind]
        if rng.endswith("/*"):
            major = rng[:-1]
            for media in table:
                if media.startswith(major):
                    return DEFAULT_TYPE[kind] if DEFAULT_TYPE[kind].startswith(major) else media
    wanted = ", ".join(accept)
    offer = ", ".join(sorted(set(table) - {"application/json", "application/xml"}))
    raise NotAcceptable(f"cannot give a {'graph' if kind == 'graph' else 'query'} result as "
                        f"{wanted}; use one of {offer}")


class _CappedWriter:
    """A file-like sink that raises ``ResultTooLarge`` once more than ``cap`` bytes arrive."""

    def __init__(self, cap: int | None):
        self.cap = cap
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data) -> int:
        data = bytes(data)
        self.size += len(data)
        if self.cap is not None and self.size > self.cap:
            raise ResultTooLarge(f"the result is larger than the cap of {self.cap} bytes; "
                                 "add a LIMIT or ask for fewer columns")
        self.parts.append(data)
        return len(data)

    def flush(self) -> None:
        pass


def _term(spec: dict):
    import pyoxigraph as ox

    if spec["type"] == "uri":
        return ox.NamedNode(spec["value"])
    if spec.get("lang"):
        return ox.Literal(spec["value"], language=spec["lang"])
    if spec.get("datatype"):
        return ox.Literal(spec["value"], datatype=ox.NamedNode(spec["datatype"]))
    return ox.Literal(spec["value"])


def term_spec(term) -> dict | list[dict]:
    """A pyoxigraph term (or a tuple of terms, any of which may match) as the JSON the
    worker protocol carries."""
    import pyoxigraph as ox

    if isinstance(term, tuple):
        return [term_spec(t) for t in term]
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    spec = {"type": "literal", "value": term.value}
    if term.language:
        spec["lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        spec["datatype"] = term.datatype.value
    return spec


def execute(store, request: dict) -> tuple[dict, bytes]:
    """Run one request on an open pyoxigraph ``store``: (reply header, result bytes).

    Errors come back in the header (``error``: syntax, failed, too_large,
    not_acceptable) with a one-line ``message``; nothing is raised.
    """
    import pyoxigraph as ox

    from .text import bind_inline

    kwargs = {"prefixes": request.get("prefixes") or None}
    query = request["query"]
    if request.get("bindings"):  # a VALUES row, which Oxigraph plans with (see sparql_run)
        query = bind_inline(query, {k: [str(_term(t)) for t in v] if isinstance(v, list) else str(_term(v))
                                    for k, v in request["bindings"].items()})
    if request.get("default_graph"):
        kwargs["default_graph"] = [ox.NamedNode(g) for g in request["default_graph"]]
    if request.get("raw"):  # extraction alone: the union of the document graphs
        kwargs["default_graph"] = raw_default_graph(store)
    if request.get("named_graphs"):
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in request["named_graphs"]]
    try:
        result = store.query(query, **kwargs)
        if isinstance(result, ox.QueryBoolean):
            kind = "boolean"
        elif isinstance(result, ox.QuerySolutions):
            kind = "solutions"
        else:
            kind = "graph"
        media = choose_media_type(kind, request.get("accept") or [])
        out = _CappedWriter(request.get("max_bytes"))
        if kind == "graph":
            fmt = getattr(ox.RdfFormat, GRAPH_TYPES[media])
            extra = {"prefixes": request.get("prefixes")} if fmt == ox.RdfFormat.TURTLE else {}
            ox.serialize(result, out, fmt, **extra)
        else:
            result.serialize(out, getattr(ox.QueryResultsFormat, RESULT_TYPES[media]))
    except SyntaxError as exc:
        return {"ok": False, "error": "syntax", "message": one_line(exc)}, b""
    except ResultTooLarge as exc:
        return {"ok": False, "error": "too_large", "message": str(exc)}, b""
    except NotAcceptable as exc:
        return {"ok": False, "error": "not_acceptable", "message": str(exc)}, b""
    except (OSError, ValueError, RuntimeError, TypeError) as exc:
        return {"ok": False, "error": "failed", "message": one_line(exc)}, b""
    return {"ok": True, "kind": kind, "media_type": media}, b"".join(out.parts)


def one_line(exc: BaseException) -> str:
    """An exception's message on one line, at most 300 characters."""
    return " ".join(str(exc).split())[:300]


def raw_default_graph(store) -> list:
    """The document graphs of a pyoxigraph ``store``: the default graph of a ``--raw``
    query (their union, without the analysts' corrections)."""
    from ..store.corrections import is_document_graph

    return sorted((g for g in store.named_graphs() if is_document_graph(g)), key=str)


def syntax_message(message: str) -> str:
    """pyoxigraph's ``error at 3:2: expected …`` as ``malformed query at line 3, column 2: …``."""
    head, sep, rest = message.partition(": ")
    if sep and head.startswith("error at ") and ":" in head:
        line, _, col = head[len("error at "):].partition(":")
        if line.isdigit() and col.isdigit():
            return f"malformed query at line {line}, column {col}: {rest}"
    return f"malformed query: {message}"


def reply_error(header: dict) -> QueryError:
    """The ``QueryError`` subclass for a failed reply header."""
    kind, msg = header.get("error"), header.get("message", "")
    if kind == "syntax":
        return QueryError(syntax_message(msg))
    if kind == "too_large":
        return ResultTooLarge(msg)
    if kind == "not_acceptable":
        return NotAcceptable(msg)
    return QueryError(f"query failed: {msg}")


# ------------------------------------------------------------------ the worker side

def _read_frame(stream) -> bytes | None:
    head = stream.read(8)
    if len(head) < 8:
        return None
    (size,) = struct.unpack(">Q", head)
    return stream.read(size)


def _write_frame(stream, data: bytes) -> None:
    stream.write(struct.pack(">Q", len(data)))
    stream.write(data)


#: Address space a query worker may use (MB); a runaway join fails instead of swapping.
MEMORY_CAP_MB = int(os.environ.get("ZONEGRAPH_WORKER_MEMORY_MB", "2048"))


def _cap_memory() -> None:
    try:
        import resource

        cap = MEMORY_CAP_MB * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (ImportError, ValueError, OSError):  # not on this platform: run uncapped
        pass


def worker_main(store_path: str) -> int:
    """Serve requests on stdin/stdout until stdin closes."""
    from ..errors import StoreError
    from ..store.access import newest_checkpoint, open_read_only

    _cap_memory()
    # the protocol owns the real stdout; anything printed goes to stderr instead
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    try:
        store = open_read_only(store_path)  # the published checkpoint, see store_access
    except StoreError as exc:
        header, body = {"ok": False, "error": "failed", "message": str(exc)}, b""
        _write_frame(channel, json.dumps(header).encode())
        _write_frame(channel, body)
        channel.flush()
        return 1
    _write_frame(channel, json.dumps({"ok": True, "ready": True}).encode())
    _write_frame(channel, b"")
    channel.flush()
    seen = newest_checkpoint(Path(store_path))
    while True:
        frame = _read_frame(requests)
        if frame is None:
            return 0
        latest = newest_checkpoint(Path(store_path))
        if latest != seen:  # a build published since: answer from what it wrote
            try:
                store, seen = open_read_only(store_path), latest
            except StoreError:
                pass
        header, body = execute(store, json.loads(frame))
        _write_frame(channel, json.dumps(header).encode())
        _write_frame(channel, body)
        channel.flush()


# ------------------------------------------------------------------ the parent side

class QueryWorker:
    """One worker process with the store at ``store_path`` open read-only."""

    def __init__(self, store_path: Path | str, start_timeout: float = 30.0):
        self.store_path = str(store_path)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "zonegraph.sparql.worker", self.store_path],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        header, _ = self._receive(time.monotonic() + start_timeout, what="start")
        if not header.get("ok"):
            self.close()
            raise QueryError(header.get("message", "the query worker did not start"))

    def run(self, request: dict, timeout: float | None) -> Reply:
        """Send ``request``; wait at most ``timeout`` seconds for the answer.

        On time-out the worker is killed and ``QueryTimeout`` raised: the worker cannot be
        used again. Other failures raise the matching ``QueryError``.
        """
        data = json.dumps(request, ensure_ascii=False).encode("utf-8")
        try:
            self.proc.stdin.write(struct.pack(">Q", len(data)) + data)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            self.close()
            raise QueryError("the query worker stopped unexpectedly") from None
        deadline = None if timeout is None else time.monotonic() + timeout
        header, body = self._receive(deadline, what=f"{timeout:g}" if timeout else "")
        if not header.get("ok"):
            raise reply_error(header)
        return Reply(header["kind"], header["media_type"], body)

    def _receive(self, deadline: float | None, what: str) -> tuple[dict, bytes]:
        try:
            header = json.loads(self._read_exact(self._frame_size(deadline, what), deadline, what))
            body = self._read_exact(self._frame_size(deadline, what), deadline, what)
        except QueryTimeout:
            self.close()
            raise
        return header, body

    def _frame_size(self, deadline, what) -> int:
        (size,) = struct.unpack(">Q", self._read_exact(8, deadline, what))
        return size

    def _read_exact(self, size: int, deadline: float | None, what: str) -> bytes:
        fd = self.proc.stdout.fileno()
        parts, got = [], 0
        while got < size:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([fd], [], [], wait)
            if not ready:
                if what == "start":
                    raise QueryTimeout("the query worker did not start in time")
                raise QueryTimeout(f"query timed out after {what} s")
            chunk = os.read(fd, min(size - got, 1 << 20))
            if not chunk:
                self.close()
                raise QueryError("the query worker stopped unexpectedly")
            parts.append(chunk)
            got += len(chunk)
        return b"".join(parts)

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def close(self) -> None:
        """Stop the worker (kill: a running query cannot be asked to stop)."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        if proc.poll() is None:
            proc.kill()
        proc.wait()


class WorkerPool:
    """``size`` workers shared by the endpoint's request threads.

    A request waits for an idle worker (at most ``wait`` seconds, else ``QueryError``
    "busy"), runs on it, and gives it back; a worker killed by a time-out is replaced
    before the next request gets it. ``size`` is how many queries run at once.
    """

    def __init__(self, store_path: Path | str, size: int = 2, wait: float = 30.0):
        self.store_path = str(store_path)
        self.wait = wait
        self._idle: queue.Queue[QueryWorker | None] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self._workers: list[QueryWorker] = []
        for _ in range(max(1, size)):
            worker = QueryWorker(self.store_path)
            self._workers.append(worker)
            self._idle.put(worker)

    def run(self, request: dict, timeout: float | None) -> Reply:
        try:
            worker = self._idle.get(timeout=self.wait)
        except queue.Empty:
            raise QueryError("the endpoint is busy (all query workers in use); "
                             "try again shortly") from None
        if worker is None:  # closed
            self._idle.put(None)
            raise QueryError("the endpoint is shutting down")
        try:
            if not worker.alive:
                worker = self._replace(worker)
            return worker.run(request, timeout)
        finally:
            if not worker.alive and not self._closed:
                worker = self._replace(worker)
            self._idle.put(worker)

    def _replace(self, old: QueryWorker) -> QueryWorker:
        new = QueryWorker(self.store_path)
        with self._lock:
            self._workers = [new if w is old else w for w in self._workers]
        return new

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers, self._workers = self._workers, []
        for worker in workers:
            worker.close()
        self._idle.put(None)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python -m zonegraph.sparql.worker STORE_DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(worker_main(sys.argv[1]))
