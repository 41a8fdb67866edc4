"""The house rules that a reader of the code relies on, checked."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "guide_app"


def test_no_module_is_over_600_lines_and_each_says_its_job() -> None:
    long = {}
    silent = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 600:
            long[str(path.relative_to(ROOT))] = text.count("\n")
        if path.name != "__init__.py" and ast.get_docstring(ast.parse(text)) is None:
            silent.append(str(path.relative_to(ROOT)))
    assert not long, f"modules over 600 lines: {long}"
    assert not silent, f"modules with no docstring naming their job: {silent}"


def test_no_test_module_imports_another_test_module() -> None:
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                parts = node.module.split(".")
                if parts[0] == "tests" and "helpers" not in parts:
                    found.append(f"{path.relative_to(ROOT)}: from {node.module}")
    assert not found, found


def test_the_old_session_driver_is_gone() -> None:
    assert not (PACKAGE / "ui" / "driver.py").exists()
    adapter = (PACKAGE / "ui" / "session_adapter.py").read_text(encoding="utf-8")
    assert adapter.count("\n") < 250, "the Qt adapter stays thin: the session is the core's"
