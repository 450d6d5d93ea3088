"""The package's folders show its architecture, and its imports keep to it.

Read from the source (``ast``), not from ``sys.modules``, so an import inside a function
counts as much as one at the top: data flows one way, ingest → extract → graph → store →
pipeline, with the faces (sparql, views, reports, cli) on top, and no subpackage imports one
that imports it back.
"""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "zonegraph"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every ``zonegraph`` module ``path`` imports, resolved to a module (not a name)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("zonegraph")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("zonegraph"):
                continue
            for alias in node.names:  # ``from .store import access`` imports a module
                sub = f"{target}.{alias.name}"
                found.add(sub if (PACKAGE.parent / sub.replace(".", "/")).with_suffix(".py")
                          .exists() else target)
    return found


def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for path in PACKAGE.rglob("*.py"):
        graph.add_node(module_name(path))
        for target in imported_modules(path):
            graph.add_edge(module_name(path), target)
    return graph


def subpackage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (PACKAGE / parts[-1]).is_dir() else "zonegraph"


def test_few_modules_at_the_top_and_a_subpackage_per_stage_and_face():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    subpackages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    assert len(top) <= 4, top
    assert {"ingest", "extract", "graph", "store", "pipeline", "sparql", "views", "reports",
            "cli"} <= set(subpackages)


def test_every_subpackage_says_what_it_holds_and_may_import():
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and "import" in doc, f"{init.parent.name}/__init__.py needs a docstring"


def test_no_import_cycle_between_subpackages():
    between = nx.DiGraph()
    for a, b in import_graph().edges:
        if subpackage(a) != subpackage(b) and "zonegraph" not in (subpackage(a), subpackage(b)):
            between.add_edge(subpackage(a), subpackage(b))
    cycles = list(nx.simple_cycles(between))
    assert not cycles, f"subpackages import each other: {cycles}"


def test_no_import_cycle_between_modules():
    """Inside ``cli/`` and ``pipeline/`` too: shared options and per-document work sit in
    modules that import no command and no pipeline."""
    graph = import_graph()
    # a package's __init__ runs before its modules: an edge to it is no cycle of modules
    graph.remove_edges_from([(a, b) for a, b in graph.edges if (PACKAGE.parent / b.replace(
        ".", "/") / "__init__.py").exists()])
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"modules import each other: {cycles}"


def test_the_layer_order_holds():
    """The stages never import the faces, and no stage imports a later stage."""
    order = ["ingest", "extract", "graph", "store", "pipeline"]
    faces = {"sparql", "views", "reports", "cli", "api"}
    for a, b in import_graph().edges:
        sa, sb = subpackage(a), subpackage(b)
        if sa in order:
            assert sb not in faces, f"{a} (a stage) imports {b} (a face)"
            if sb in order:
                assert order.index(sb) <= order.index(sa), f"{a} imports the later stage {b}"
        if sb == "cli":
            assert sa == "cli", f"{a} imports the command line ({b})"
        if sb == "api":  # the notebook face, reached only through ``zonegraph.open``/``build``
            assert sa in ("api", "zonegraph"), f"{a} imports the Python API ({b})"
