"""``examples/explore.ipynb`` runs from top to bottom, and is committed with its outputs.

The notebook is executed here with nbclient in a real Jupyter kernel, as a researcher would
run it (from ``examples/``), so a change that breaks it fails the tests. Its committed
outputs must be those of a run: the same cells give the same kinds of output (tables,
printed text, the plot, the inline view). Refresh them after changing the notebook or the
API with ``cd examples && ../.venv/bin/jupyter-execute --inplace explore.ipynb``.
"""
from __future__ import annotations

import copy

import nbformat
from nbclient import NotebookClient

from conftest import REPO

NOTEBOOK = REPO / "examples" / "explore.ipynb"


def output_kinds(cell) -> list[tuple[str, ...]]:
    """What a cell showed: printed text, or the formats of a displayed value (stderr,
    which holds only warnings, is left out)."""
    kinds = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            if out["name"] == "stdout":
                kinds.append(("stream",))
        elif out["output_type"] == "error":
            kinds.append(("error", out["ename"]))
        else:
            kinds.append(tuple(sorted(out.get("data", {}))))
    return kinds


def test_the_notebook_runs_and_shows_what_it_was_committed_with(tmp_path, monkeypatch):
    committed = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert all(c.get("outputs") for c in code), "commit the notebook with its outputs"
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the kernel's tempfile folder
    ran = copy.deepcopy(committed)
    NotebookClient(ran, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    fresh = [c for c in ran.cells if c.cell_type == "code"]
    assert [output_kinds(c) for c in fresh] == [output_kinds(c) for c in code]
    shown = [kind for c in fresh for kind in output_kinds(c)]
    assert ("image/png", "text/plain") in shown  # the cooperation plot
    assert any("text/html" in kind for kind in shown)  # tables and the inline view
    assert any("<iframe srcdoc=" in o.get("data", {}).get("text/html", "")
               for c in fresh for o in c.outputs)
    assert list(tmp_path.glob("zonegraph-*/snapshot-2024-01/report.md"))
