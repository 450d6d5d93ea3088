"""``zonegraph build --jobs N``: worker processes extract, the parent writes the same graph."""
from __future__ import annotations

from conftest import SAMPLES


def test_jobs_2_writes_the_same_graph_as_jobs_1(sample_store, run_cli, read_quads, tmp_path):
    store = tmp_path / "store"
    result = run_cli("build", SAMPLES, "--store", store, "--jobs", 2)
    assert result.exit_code == 0, result.output
    # the same report, line for line, as the serial build of the session's sample store
    assert result.output.splitlines()[:3] == sample_store.output.splitlines()[:3]
    assert read_quads(store) == read_quads(sample_store.store)

    again = run_cli("build", SAMPLES, "--store", store, "--jobs", 2)
    assert "documents: 0 built, 5 unchanged, 0 failed" in again.output
