"""Playwright polls a wait_for_function predicate given as a bare expression by eval-ing it again
on each animation frame, outside the DevTools call; our Content Security Policy forbids eval, so
such a wait fails whenever its condition is not already true on the first look (seen in CI).
A predicate written as a function is evaluated once and then called, which the policy allows."""

import ast
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _bare_expression_waits(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "wait_for_function"):
            continue
        first = node.args[0] if node.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            text = first.value.lstrip()
            if not (text.startswith("function") or "=>" in text.split("{")[0].split("\n")[0]):
                lines.append(node.lineno)
    return lines


def test_the_rule_sees_a_bare_expression_and_passes_a_function():
    assert _bare_expression_waits('page.wait_for_function("window.ready === true")') == [1]
    assert _bare_expression_waits('page.wait_for_function("() => window.ready === true")') == []


def test_every_browser_wait_predicate_is_a_function():
    offenders = {
        path.name: found
        for path in sorted(HERE.glob("test_*.py")) + [HERE / "conftest.py"]
        if (found := _bare_expression_waits(path.read_text()))
    }
    assert offenders == {}
