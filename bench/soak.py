"""A soak test of ``zonegraph serve``: bounded concurrent traffic on loopback.

``clients`` threads send requests for ``seconds`` seconds to a server this module starts
on 127.0.0.1 (a free port): the named queries with their example parameters, slow queries
that must hit the server's ``--timeout``, malformed queries and updates, in a seeded mix.
It records every request's status and latency, and samples the resident memory of the
server and its query workers. Used by ``tests/test_soak.py`` (short) and ``bench/run.py``
(60 s). Traffic goes to loopback only, and every loop ends by itself.
"""
from __future__ import annotations

import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
#: A cross product no store of this size answers within any sane timeout.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
MALFORMED = ["SELEKT ?x WHERE { ?x ?y ?z }", "SELECT ?x WHERE { ?x ?y ", "ASK { <not an iri> ?p ?o }"]
UPDATE = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
#: Share of each kind of request in the mix (each client's first request is of kind
#: ``client number % 4``, so even a short soak has slow queries from the start).
MIX = (("named", 0.78), ("slow", 0.02), ("malformed", 0.15), ("update", 0.05))
#: What each kind may get back: its answer, or 503 when every worker stayed busy.
EXPECTED = {"named": {200, 503}, "slow": {503}, "malformed": {400, 503}, "update": {403}}


@dataclass
class Answer:
    kind: str
    status: int  # 0: no answer (connection refused, reset, client time-out)
    seconds: float
    message: str = ""


@dataclass
class SoakResult:
    answers: list[Answer]
    seconds: float
    memory_mb: list[tuple[float, float]] = field(default_factory=list)  # (time, tree RSS)
    workers_after: list[int] = field(default_factory=list)  # processes left once stopped

    def unanswered(self) -> list[Answer]:
        return [a for a in self.answers if a.status not in EXPECTED[a.kind]]

    def percentile(self, p: float, kind: str | None = None) -> float:
        times = sorted(a.seconds for a in self.answers if kind is None or a.kind == kind)
        return times[min(len(times) - 1, int(p / 100 * len(times)))] if times else 0.0

    def summary(self) -> dict:
        by_kind = {k: sum(a.kind == k for a in self.answers) for k, _ in MIX}
        statuses: dict[str, int] = {}
        for a in self.answers:  # 503 split by why: no worker free in time, or timed out
            why = (" busy" if "busy" in a.message else " timed out"
                   if "timed out" in a.message else "") if a.status == 503 else ""
            statuses[f"{a.status}{why}"] = statuses.get(f"{a.status}{why}", 0) + 1
        mem = [m for _, m in self.memory_mb]
        third = max(1, len(mem) // 3)
        return {
            "requests": len(self.answers), "per_second": len(self.answers) / self.seconds,
            "by_kind": by_kind, "statuses": statuses, "unanswered": len(self.unanswered()),
            "p50": self.percentile(50), "p90": self.percentile(90), "p99": self.percentile(99),
            "named_p50": self.percentile(50, "named"), "named_p99": self.percentile(99, "named"),
            "memory_first_third_mb": max(mem[:third]) if mem else 0.0,
            "memory_last_third_mb": max(mem[-third:]) if mem else 0.0,
            "memory_peak_mb": max(mem) if mem else 0.0,
            "workers_left": len(self.workers_after),
        }


def named_requests() -> list[str]:
    """Every named query, runnable as the query page shows it (example parameters bound)."""
    from zonegraph.sparql.serve import page_examples

    return [e["sparql"] for e in page_examples()]


def _rss_kb(pid: int) -> int:
    """Resident memory of a process in KB (0 when it is gone); bench/run.py uses it too."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, IndexError, ValueError):
        return 0


def descendants(root: int) -> list[int]:
    """Every live process below ``root`` (its query workers)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[0] != "Z":
                children.setdefault(int(fields[1]), []).append(int(entry))
    out, stack = [], list(children.get(root, []))
    while stack:
        pid = stack.pop()
        out.append(pid)
        stack += children.get(pid, [])
    return out


def start_server(store: Path, timeout: float, workers: int = 2) -> tuple[subprocess.Popen, int]:
    """``zonegraph serve`` on 127.0.0.1 and a free port; the process and the port."""
    proc = subprocess.Popen([sys.executable, "-c", "from zonegraph.cli.main import main; main()",
                             "serve", "--store", str(store), "--host", HOST, "--port", "0",
                             "--timeout", str(timeout), "--workers", str(workers)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    found = re.search(rf"at http://{re.escape(HOST)}:(\d+)/", line)
    if not found:
        proc.kill()
        raise RuntimeError(f"zonegraph serve did not start: {line!r}")
    return proc, int(found.group(1))


def _request(port: int, kind: str, query: str, client_timeout: float) -> Answer:
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=client_timeout)
    try:
        if kind == "update":
            body = urllib.parse.urlencode({"update": query})
            conn.request("POST", "/sparql", body,
                         {"Content-Type": "application/x-www-form-urlencoded"})
        else:
            conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                         headers={"Accept": "application/sparql-results+json"})
        resp = conn.getresponse()
        body = resp.read()
        message = body[:200].decode("utf-8", "replace") if resp.status != 200 else ""
        if resp.status == 200:
            json.loads(body)  # a whole answer, not a cut one
        return Answer(kind, resp.status, time.perf_counter() - started, message)
    except (OSError, http.client.HTTPException, ValueError) as exc:
        return Answer(kind, 0, time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


def soak(store: Path, clients: int = 16, seconds: float = 60.0, timeout: float = 2.0,
         workers: int = 2, seed: int = 18) -> SoakResult:
    """Start a server on ``store``, send it ``clients`` concurrent request loops for
    ``seconds``, stop it (SIGTERM) while its workers run slow queries, and report what
    came back and what was left running."""
    proc, port = start_server(store, timeout, workers)
    named = named_requests()
    answers: list[Answer] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    # a request waits for a worker (at most ``timeout``) and then runs (at most ``timeout``)
    client_timeout = 4 * timeout + 30

    def client(number: int) -> None:
        rng = random.Random(f"{seed}:{number}")
        kinds, weights = zip(*MIX)
        first = True
        while time.monotonic() < stop_at:
            kind = kinds[number % len(kinds)] if first else rng.choices(kinds, weights)[0]
            first = False
            query = {"named": lambda: rng.choice(named), "slow": lambda: SLOW,
                     "malformed": lambda: rng.choice(MALFORMED), "update": lambda: UPDATE}[kind]()
            answer = _request(port, kind, query, client_timeout)
            with lock:
                answers.append(answer)

    memory: list[tuple[float, float]] = []
    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    try:
        while any(t.is_alive() for t in threads):
            tree = [proc.pid, *descendants(proc.pid)]
            memory.append((time.monotonic() - started, sum(map(_rss_kb, tree)) / 1024))
            time.sleep(0.5)
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        # stopped while every worker runs a runaway query: they must go with the server
        for _ in range(workers):
            threading.Thread(target=_request, args=(port, "slow", SLOW, client_timeout),
                             daemon=True).start()
        time.sleep(min(timeout / 2, 1.0))
        workers_during = descendants(proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    deadline = time.monotonic() + 10
    left = [p for p in workers_during if _alive(p)]
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = [p for p in left if _alive(p)]
    for pid in left:  # reported, then not left running on the machine
        os.kill(pid, signal.SIGKILL)
    return SoakResult(answers, elapsed, memory, left)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def report(result: SoakResult) -> str:
    s = result.summary()
    return (f"{s['requests']} requests in {result.seconds:.0f} s ({s['per_second']:.1f}/s), "
            f"by kind {s['by_kind']}, statuses {s['statuses']}, unanswered {s['unanswered']}; "
            f"latency p50 {s['p50']:.3f} s, p90 {s['p90']:.3f} s, p99 {s['p99']:.3f} s "
            f"(named p50 {s['named_p50']:.3f} s, p99 {s['named_p99']:.3f} s); memory of server "
            f"and workers {s['memory_first_third_mb']:.0f} MB (first third) → "
            f"{s['memory_last_third_mb']:.0f} MB (last third); workers left: {s['workers_left']}")


if __name__ == "__main__":
    store_arg = Path(sys.argv[1])
    result = soak(store_arg, seconds=float(sys.argv[2]) if len(sys.argv) > 2 else 60.0)
    print(report(result))
