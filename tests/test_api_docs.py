"""``docs/api.md`` is generated from the API's docstrings and documents every public name.

``scripts/make_api_docs.py`` writes the page; these tests fail when the page differs from
what the docstrings give now (a signature or docstring changed without regenerating it)
or when a public function lacks a docstring with an example.
"""
from __future__ import annotations

import importlib.util
import inspect

import pytest

from zonegraph import api

from conftest import REPO

DOCS = REPO / "docs" / "api.md"


def make_api_docs():
    spec = importlib.util.spec_from_file_location("make_api_docs",
                                                  REPO / "scripts" / "make_api_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def public_functions() -> list[tuple[str, object]]:
    """Every public function of the API: the module's names and the classes' methods."""
    found = []
    for name in api.__all__:
        obj = getattr(api, name)
        found.append((name, obj))
        if inspect.isclass(obj):
            found += [(f"{name}.{m}", getattr(obj, m)) for m in make_api_docs().public_methods(obj)]
    return found


def test_the_api_page_is_what_the_docstrings_give():
    assert DOCS.read_text(encoding="utf-8") == make_api_docs().render(), \
        "docs/api.md is stale: run .venv/bin/python scripts/make_api_docs.py"


@pytest.mark.parametrize("name,obj", public_functions(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_public_name_is_documented_with_an_example(name, obj):
    doc = inspect.getdoc(obj) or ""
    assert len(doc) > 40, f"{name} needs a docstring"
    if name != "ZoneGraph.close":  # closing needs no example
        assert "Example::" in doc, f"{name}'s docstring needs an example"
    headings = [line for line in DOCS.read_text(encoding="utf-8").splitlines()
                if line.startswith("#")]
    short = name if "." in name or name in ("ZoneGraph", "View") else f"zonegraph.{name}"
    assert any(f"`{short}" in h for h in headings), f"docs/api.md has no section for {name}"
