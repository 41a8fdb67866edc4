"""Every counted word has its plural forms: no "exercise(s)" or "set(s)" anywhere the
user reads, in the code's messages or the bundled content."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import guide_app

ROOT = Path(guide_app.__file__).parent
HALF_PLURAL = re.compile(r"[A-Za-z]\((s|es)\)")


def _messages(path: Path) -> list[tuple[int, str]]:
    """The literal texts given to tr() and ntr() in one module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("tr", "ntr"):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.append((node.lineno, arg.value))
    return found


def test_no_message_counts_with_a_half_plural() -> None:
    bad = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in sorted(ROOT.rglob("*.py"))
        for line, text in _messages(path)
        if HALF_PLURAL.search(text)
    ]
    assert not bad, "\n".join(bad)


def test_no_bundled_content_counts_with_a_half_plural() -> None:
    bad = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted(ROOT.rglob("*.yaml"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HALF_PLURAL.search(line)
    ]
    assert not bad, "\n".join(bad)


def test_the_scan_finds_a_half_plural() -> None:
    assert HALF_PLURAL.search("15 completed set(s)")
    assert not HALF_PLURAL.search("Hold (s)")


def test_one_rep_more_on_a_side_is_said_in_the_singular() -> None:
    from guide_app.core.history_records import SideTotals
    from guide_app.core.history_text import difference_text

    one_more = difference_text(SideTotals(sets=1, reps=11), SideTotals(sets=1, reps=10))
    assert one_more.startswith("+1 rep on the left"), one_more
    two_more = difference_text(SideTotals(sets=1, reps=10), SideTotals(sets=1, reps=12))
    assert two_more.startswith("+2 reps on the right"), two_more
