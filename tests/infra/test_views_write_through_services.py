"""House rule: views read and decide, services write. No view saves a model itself (form.save(),
instance.save(), Model.objects.create(...)), so every write keeps its service's rules."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "audit", "clients", "assessments", "diary", "goals", "safety", "reminders", "dashboard", "records"]
VIEW_FILES = sorted(p for app in APPS for p in (ROOT / app).rglob("*views*.py"))
DIRECT_WRITE = re.compile(r"\.save\(|\.objects\.(create|get_or_create|update_or_create|bulk_create)\(|\.delete\(\)")


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_view_files_are_found():
    assert {"goals/views.py", "clients/views.py", "safety/views.py"} <= {rel(p) for p in VIEW_FILES}


@pytest.mark.parametrize("path", VIEW_FILES, ids=rel)
def test_views_leave_writes_to_services(path):
    lines = path.read_text().splitlines()
    found = [f"{rel(path)}:{n}: {line.strip()}" for n, line in enumerate(lines, 1) if DIRECT_WRITE.search(line)]
    assert found == []
