"""Apps import downwards only: companies (organisation profiles) refers to regions, so regions
must not import companies (it reaches the sector model through its relation)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_apps(app):
    """The top-level packages the modules of ``app`` import (at any level of the code)."""
    found = set()
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
    return found


def test_regions_does_not_import_companies():
    assert "regions" in imported_apps("companies")
    assert "companies" not in imported_apps("regions")
