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


def test_the_same_content_twice_in_one_build_is_built_once(run_cli, read_quads, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    text = (SAMPLES / "newsletter_2024_q1.txt").read_text(encoding="utf-8")
    (docs / "a.txt").write_text(text, encoding="utf-8")
    (docs / "b.txt").write_text(text, encoding="utf-8")
    stores = []
    for jobs in (1, 2):
        store = tmp_path / f"store-{jobs}"
        result = run_cli("build", docs, "--store", store, "--jobs", jobs)
        assert result.exit_code == 0, result.output
        assert "documents: 1 built, 1 unchanged, 0 failed" in result.output
        stores.append(read_quads(store))
    assert stores[0] == stores[1]
