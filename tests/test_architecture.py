"""The project's shape: apps import downwards only, and home/ holds the home page.

The import graph is read from the source (every import statement, also inside functions), so
a cycle between two apps fails here before it becomes an import-order bug.
"""

import ast
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent


def project_apps():
    """The labels of the project's own apps (those whose code lives in this repository)."""
    return {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == ROOT
    } | {"cms"}


def imports_of(app):
    """The project apps that the modules of ``app`` import (migrations left out)."""
    found = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top != app:
                    found.setdefault(top, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def find_cycle(graph):
    """One cycle of ``graph`` as a list of nodes, or None."""
    state = {}
    stack = []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = "done"
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_apps_import_downwards_only():
    names = project_apps()
    edges = {}
    where = {}
    for app in names:
        imported = imports_of(app)
        edges[app] = {other for other in imported if other in names}
        for other, place in imported.items():
            where[(app, other)] = place
    cycle = find_cycle(edges)
    assert cycle is None, (
        "import cycle between apps: "
        + " -> ".join(cycle)
        + " ("
        + ", ".join(where[(a, b)] for a, b in zip(cycle, cycle[1:], strict=False))
        + ")"
    )


def test_home_holds_the_home_page_only():
    modules = sorted(
        str(path.relative_to(ROOT / "home"))
        for path in (ROOT / "home").rglob("*.py")
        if "migrations" not in path.parts
    )
    assert modules == ["__init__.py", "api.py", "apps.py", "models.py"]
