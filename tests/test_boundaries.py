"""The layering rules: core knows nothing of Prefect; flows only compose tasks."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_never_imports_prefect():
    offenders = [p for p in (ROOT / "tasks" / "core").rglob("*.py") if "prefect" in _imports(p)]
    assert offenders == []


def test_flows_do_not_do_the_work_themselves():
    for path in (ROOT / "flows").glob("daily.py"):
        assert not _imports(path) & {"requests", "bs4", "jieba", "duckdb"}, path


def test_no_sql_statements_hide_in_python_outside_the_migration_runner():
    for path in (ROOT / "tasks").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for keyword in ("INSERT INTO", "CREATE VIEW", "DELETE FROM"):
            assert keyword not in text, f"{path} holds SQL; it belongs in sql/"


def test_every_sql_file_opens_with_a_comment():
    for path in (ROOT / "sql").rglob("*.sql"):
        assert path.read_text(encoding="utf-8").startswith("--"), path


def test_taxonomy_file_is_valid():
    from tasks.core.themes import load_themes

    themes = load_themes()
    assert len(themes) >= 6 and "村级工业园改造" in {t.theme_id for t in themes}
    assert yaml.safe_load((ROOT / "tasks/core/data/themes.yaml").read_text(encoding="utf-8"))
