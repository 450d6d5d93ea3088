"""``zonegraph serve`` under load: 16 clients for a short while on loopback, mixing named
queries, slow queries that must hit the timeout, malformed queries and updates
(``bench/soak.py``; ``bench/run.py`` runs the same for 60 s and reports its figures).

Every request gets an answer a client can act on, the slow ones are stopped at the
timeout, the server's memory does not grow with the requests it has served, and once it
is stopped no query worker is left running.
"""
from __future__ import annotations

import pytest

from soak import soak

SECONDS = 12
TIMEOUT = 2.0


@pytest.fixture(scope="module")
def soaked(sample_store):
    return soak(sample_store.store, clients=16, seconds=SECONDS, timeout=TIMEOUT)


def test_every_request_is_answered(soaked):
    kinds = {a.kind for a in soaked.answers}
    assert kinds == {"named", "slow", "malformed", "update"}
    assert not soaked.unanswered(), soaked.unanswered()[:5]
    assert sum(a.status == 200 for a in soaked.answers if a.kind == "named") > 16
    for a in soaked.answers:
        if a.kind == "malformed" and a.status == 400:
            assert a.message.startswith("error: malformed query"), a.message
        if a.kind == "update":
            assert "read-only" in a.message


def test_slow_queries_are_stopped_at_the_timeout(soaked):
    slow = [a for a in soaked.answers if a.kind == "slow"]
    assert len(slow) >= 4  # each client's first request: clients 1, 5, 9, 13
    timed_out = [a for a in slow if f"query timed out after {TIMEOUT:g} s" in a.message]
    busy = [a for a in slow if "busy" in a.message]
    assert timed_out and len(timed_out) + len(busy) == len(slow), [a.message for a in slow]


def test_memory_stays_flat_and_no_worker_is_left(soaked):
    s = soaked.summary()
    assert s["memory_last_third_mb"] < s["memory_first_third_mb"] * 1.25 + 50, s
    assert soaked.workers_after == []
