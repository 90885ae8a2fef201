"""Static checks of house rules that a page-by-page browser test would only catch by luck.

1. CSP is strict (script-src/style-src 'self'): no inline <script>, no on*= handlers, no
   style attributes or <style> blocks, no javascript: URLs in any template.
2. Every Dutch catalogue is complete, and the committed .mo says what its .po says
   (a forgotten compilemessages shows English to Dutch users).
3. Size: no app module over ~400 lines, no function over ~60 lines, beyond a short allow-list.
"""

import ast
import gettext
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP_DIRS = {".venv", "staticfiles", "node_modules", ".git", "test-artifacts"}


def project_files(pattern: str) -> list[Path]:
    return sorted(p for p in ROOT.rglob(pattern) if not SKIP_DIRS & set(p.relative_to(ROOT).parts))


TEMPLATES = [p for p in project_files("*.html") if "templates" in p.relative_to(ROOT).parts]
CATALOGUES = project_files("locale/nl/LC_MESSAGES/django.po")

CSP_BREAKERS = {
    # A <script> without src executes inline, unless it is a data block (json_script).
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=[\"']application/(ld\+)?json)[^>]*>", re.I),
    "inline event handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "<style> block": re.compile(r"<style\b", re.I),
    "javascript: URL": re.compile(r"\bjavascript:", re.I),
}


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_templates_are_found():
    assert len(TEMPLATES) > 5
    assert ROOT / "templates" / "base.html" in TEMPLATES


@pytest.mark.parametrize("template", TEMPLATES, ids=rel)
def test_template_has_nothing_the_content_security_policy_blocks(template):
    text = template.read_text()
    problems = [
        f"{rel(template)}:{text.count(chr(10), 0, match.start()) + 1}: {what}: {match.group(0)[:80]}"
        for what, pattern in CSP_BREAKERS.items()
        for match in pattern.finditer(text)
    ]
    assert problems == []


def msgfmt() -> str:
    path = shutil.which("msgfmt")
    if path is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("CI=true but msgfmt (GNU gettext) is missing", pytrace=False)
        pytest.skip("msgfmt (GNU gettext) is not installed")
    return path


def test_catalogues_are_found():
    assert ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("po", CATALOGUES, ids=rel)
def test_dutch_catalogue_is_complete_and_compiled(po, tmp_path):
    compiled = tmp_path / "django.mo"
    result = subprocess.run(
        [msgfmt(), "--check-format", "--statistics", "-o", str(compiled), str(po)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr.strip()

    committed = po.with_suffix(".mo")
    assert committed.is_file(), f"{rel(committed)} missing: run compilemessages and commit it"
    with open(compiled, "rb") as fresh, open(committed, "rb") as stored:
        # The "" entry is the header (revision dates and the like), not a translation.
        fresh_catalog = {k: v for k, v in gettext.GNUTranslations(fresh)._catalog.items() if k != ""}
        stored_catalog = {k: v for k, v in gettext.GNUTranslations(stored)._catalog.items() if k != ""}
    stale = sorted(str(key) for key in fresh_catalog.keys() ^ stored_catalog.keys())
    both = fresh_catalog.keys() & stored_catalog.keys()
    stale += sorted(str(key) for key in both if fresh_catalog[key] != stored_catalog[key])
    assert stale == [], f"{rel(committed)} is out of date with its .po (compilemessages): {stale[:5]}"


# --- size: no module over ~400 lines, no function over ~60 lines in app code -------------------

APP_DIRS = ("accounts", "audit", "clients", "assessments", "diary", "goals", "safety", "reminders", "dashboard")
APP_DIRS += ("records", "config")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# Migrations are generated and skipped whole. What stays over the limits, and why:
SIZE_ALLOWED = {
    # The alert scan is being rewritten around the one deterioration rule.
    "safety/services.py::scan": "being rewritten",
}


def _allowed(path: str, function: str | None = None) -> bool:
    """An entry without '::' covers a module or package and every function in it."""
    for entry in SIZE_ALLOWED:
        target, _, name = entry.partition("::")
        if (path == target or path.startswith(target + "/")) and name in ("", function):
            return True
    return False


def app_modules() -> list[Path]:
    return sorted(
        p for d in APP_DIRS for p in (ROOT / d).rglob("*.py") if "migrations" not in p.relative_to(ROOT).parts
    )


def test_app_modules_are_found():
    assert len(app_modules()) > 50


def test_no_app_module_over_400_lines():
    long = {rel(p): n for p in app_modules() if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES}
    assert {path: n for path, n in long.items() if not _allowed(path)} == {}


def test_no_app_function_over_60_lines():
    long = {}
    for path in app_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                span = node.end_lineno - node.lineno + 1
                if span > MAX_FUNCTION_LINES and not _allowed(rel(path), node.name):
                    long[f"{rel(path)}::{node.name}"] = span
    assert long == {}
