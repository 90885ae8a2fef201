"""The audit trail says what an event was about in words, never as a stored key."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from audit.kinds import KIND_LABELS
from audit.models import AuditAction
from audit.recorder import record
from tests.records.helpers import logged_in

KEYS = ("record", "diary", "safety_plan", "access_log", "safety_settings")


def _events(world):
    for kind in KEYS:
        record(
            AuditAction.VIEW,
            actor=world.therapist_a,
            client_id=world.client_a.pk,
            practice_id=world.practice.pk,
            kind=kind,
        )


def _cells(page: str) -> set[str]:
    # The text of every table cell, whatever attributes the cell carries.
    return {c.strip() for c in re.findall(r"<td[^>]*>([^<]*)</td>", page)}


def test_the_trail_shows_kinds_as_words_in_english(world):
    _events(world)

    page = logged_in(world.admin).get(reverse("records:audit_search")).content.decode()

    assert {"Client record", "Diary", "Safety plan", "Who looked at the record", "Safety settings"} <= _cells(page)
    assert not _cells(page) & set(KEYS)


def test_the_trail_shows_kinds_as_dutch_words_to_a_dutch_admin(world):
    world.admin.language = "nl"
    world.admin.save()
    _events(world)

    page = logged_in(world.admin).get(reverse("records:audit_search")).content.decode()

    assert {"Cliëntdossier", "Dagboek", "Veiligheidsplan", "Wie het dossier bekeek"} <= _cells(page)
    assert not _cells(page) & set(KEYS)


def test_every_kind_the_code_records_has_a_label():
    used = {"record"}  # the access policy's default
    pattern = re.compile(
        r"(?:get_client|own_client|record|_record_audit)\(.*?kind=\"(\w+)\""
        r"|_record_audit\([^,]+, \"\w+\", \"(\w+)\""
    )
    apps = [d for d in Path(settings.BASE_DIR).iterdir() if (d / "apps.py").exists()]
    for path in (p for app in apps for p in app.glob("**/*.py") if "migrations" not in p.parts):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            used.add(match.group(1) or match.group(2))
    assert {"diary", "goals", "safety_plan", "safety_alert", "export", "erasure", "client"} <= used
    assert used <= set(KIND_LABELS), used - set(KIND_LABELS)
