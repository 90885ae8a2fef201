import csv
import io

import pytest
from django.core.cache import cache
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from clients.services import record_session
from records.exporting import to_csv

from .helpers import all_text, download, logged_in, read_json


@pytest.fixture(autouse=True)
def _private_cache(settings):
    """Rate-limit counters in a cache of this test's own (never flush a shared Redis)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "trust"}}
    cache.clear()


def test_a_client_downloads_their_own_profile_as_json_and_csv(world):
    archive = download(world.client_a.user)
    names = set(archive.namelist())
    assert {"manifest.json", "json/profile.json", "csv/profile.csv", "fhir/bundle.json"} <= names
    profile = read_json(archive, "json/profile.json")[0]
    assert profile["display_name"] == "Client A"
    assert profile["email"] == world.client_a.user.email
    rows = list(csv.DictReader(io.StringIO(archive.read("csv/profile.csv").decode())))
    assert rows[0]["display_name"] == "Client A"
    assert "Client B" not in all_text(archive)


def test_a_clients_export_includes_who_looked_at_the_record(world):
    logged_in(world.therapist_a).get(reverse("client_detail", kwargs={"pk": world.client_a.pk}))
    archive = download(world.client_a.user)
    log = read_json(archive, "json/access_log.json")
    assert [(row["who"], row["action"]) for row in log] == [("Therapist A", "view")]


def test_the_export_is_on_the_audit_trail(world):
    download(world.therapist_a, world.client_a)
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.actor_id, event.client_id, event.kind) == (world.therapist_a.pk, world.client_a.pk, "export")


def test_session_notes_go_to_the_therapist_but_not_to_the_admin(world):
    record_session(world.client_a, therapist=world.therapist_a, held_on="2026-01-05", note="NOTE-MARKER-7731")
    assert "NOTE-MARKER-7731" in all_text(download(world.therapist_a, world.client_a))
    admin_text = all_text(download(world.admin, world.client_a))
    assert "NOTE-MARKER-7731" not in admin_text
    assert "2026-01-05" in admin_text


def test_nobody_outside_the_record_gets_an_export(world):
    for user in (world.therapist_other, world.therapist_x, world.admin_x, world.client_b.user):
        response = logged_in(user).post(reverse("records:client_export", kwargs={"pk": world.client_a.pk}))
        assert response.status_code == 404, user
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_assessments_come_as_fhir_questionnaire_and_questionnaire_response(world):
    models = pytest.importorskip("assessments.models")
    schedule = models.AssessmentSchedule.objects.create(
        client=world.client_a, instrument="ecr-r", start_date="2026-01-01"
    )
    request = models.AssessmentRequest.objects.create(
        schedule=schedule, client=world.client_a, instrument="ecr-r", due_date="2026-01-01"
    )
    administration = models.Administration.objects.create(
        request=request, client=world.client_a, instrument="ecr-r", instrument_version="ecr-r@1"
    )
    for number in range(1, 37):
        models.Response.objects.create(administration=administration, item_number=number, answer=(number % 7) + 1)
    archive = download(world.therapist_a, world.client_a)
    questionnaire = read_json(archive, "fhir/Questionnaire-ecr-r.json")
    assert questionnaire["resourceType"] == "Questionnaire"
    assert len(questionnaire["item"]) == 36
    assert questionnaire["item"][0]["text"].startswith("I'm afraid that I will lose")
    response = read_json(archive, f"fhir/QuestionnaireResponse-ecr-r-{administration.pk}.json")
    assert response["questionnaire"] == questionnaire["url"]
    assert response["subject"]["identifier"]["value"] == str(world.client_a.pk)
    answers = {item["linkId"]: item["answer"][0]["valueCoding"]["code"] for item in response["item"]}
    assert answers["1"] == "2" and answers["36"] == "2" and len(answers) == 36
    admin = download(world.admin, world.client_a)
    assert not [name for name in admin.namelist() if "assessment" in name or "QuestionnaireResponse" in name]
    bundle = read_json(archive, "fhir/bundle.json")
    assert {e["resource"]["resourceType"] for e in bundle["entry"]} == {"Questionnaire", "QuestionnaireResponse"}
    assert len(read_json(archive, "json/assessment_responses.json")) == 36


def test_therapist_export_carries_shared_diary_entries_only(world):
    pytest.importorskip("diary.export")
    from diary.models import DiaryEntry

    DiaryEntry.objects.create(client=world.client_a, what_happened="SHARED-MARKER-4410", shared=True)
    DiaryEntry.objects.create(client=world.client_a, what_happened="PRIVATE-MARKER-9921", shared=False)
    own = all_text(download(world.client_a.user))
    assert "SHARED-MARKER-4410" in own and "PRIVATE-MARKER-9921" in own
    therapist = all_text(download(world.therapist_a, world.client_a))
    assert "SHARED-MARKER-4410" in therapist
    assert "PRIVATE-MARKER-9921" not in therapist
    admin = all_text(download(world.admin, world.client_a))
    assert "PRIVATE-MARKER-9921" not in admin and "SHARED-MARKER-4410" not in admin


def test_exports_are_limited_per_hour_with_a_clear_message(world, settings):
    settings.EXPORT_RATE_LIMIT_PER_HOUR = 2
    http = logged_in(world.client_a.user)
    statuses = [http.post(reverse("records:my_data")).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = http.post(reverse("records:my_data"))
    assert b"too many exports" in response.content
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 2


def test_spreadsheet_formulas_in_text_are_neutralised():
    data = to_csv([{"note": '=HYPERLINK("http://evil")'}, {"note": "+1"}, {"note": "plain"}])
    rows = parse_csv(data, ",")
    assert rows[1][0].startswith("'=") and rows[2][0] == "'+1" and rows[3][0] == "plain"


def test_an_admin_export_holds_only_the_record_and_reminders(world):
    from diary.models import DiaryEntry

    DiaryEntry.objects.create(client=world.client_a, what_happened="SHARED-ADMIN-5512", shared=True)
    archive = download(world.admin, world.client_a)
    kinds = {name.split("/")[1].rsplit(".", 1)[0] for name in archive.namelist() if name.startswith("json/")}
    allowed = {"profile", "therapist_history", "sessions_held"}
    assert {k for k in kinds if not k.startswith(("reminder", "notification"))} <= allowed, kinds
    assert "SHARED-ADMIN-5512" not in all_text(archive)


def test_reminders_sent_to_the_client_are_in_every_export(world):
    from django.apps import apps
    from django.utils import timezone

    occurrence = apps.get_model("reminders", "ReminderOccurrence")
    now = timezone.now()
    occurrence.objects.create(
        recipient=world.client_a.user, kind="diary", slot=now, created_at=now, state="sent", sent_at=now
    )
    occurrence.objects.create(recipient=world.client_a.user, kind="goal_checkin", slot=now, created_at=now)
    for viewer in (world.client_a.user, world.therapist_a, world.admin):
        archive = download(viewer, None if viewer == world.client_a.user else world.client_a)
        sent = [k for k in archive.namelist() if k.startswith("json/reminders_sent")]
        assert sent, archive.namelist()
        rows = read_json(archive, sent[0])
        assert [row["kind"] for row in rows] == ["diary"]


BOM = b"\xef\xbb\xbf"


def parse_csv(data: bytes, delimiter: str) -> list[list[str]]:
    assert data.startswith(BOM)  # Excel reads UTF-8 only when the file says so
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_csv_for_an_english_user_has_a_bom_and_commas(world):
    world.client_a.display_name = "Zoë, de Vries"
    world.client_a.save()
    data = download(world.client_a.user).read("csv/profile.csv")
    header, row = parse_csv(data, ",")
    assert dict(zip(header, row, strict=True))["display_name"] == "Zoë, de Vries"


def test_csv_for_a_dutch_user_has_a_bom_and_semicolons(world):
    """Excel with Dutch regional settings splits columns on ';' and reads UTF-8 only after a BOM."""
    world.client_a.display_name = "Zoë; de Vries"
    world.client_a.save()
    world.client_a.user.language = "nl"
    world.client_a.user.save()
    data = download(world.client_a.user).read("csv/profile.csv")
    header, row = parse_csv(data, ";")
    assert "display_name" in header and "email" in header
    assert dict(zip(header, row, strict=True))["display_name"] == "Zoë; de Vries"
    assert data.count(b"\r\n") == 2  # header and one row, Excel's line ends


def test_the_exporting_users_language_decides_not_the_clients(world):
    world.therapist_a.language = "nl"
    world.therapist_a.save()
    record_session(world.client_a, therapist=world.therapist_a, held_on="2026-01-05", note="gesprek, kort")
    data = download(world.therapist_a, world.client_a).read("csv/sessions_held.csv")
    assert parse_csv(data, ";") == [["held_on", "note"], ["2026-01-05", "gesprek, kort"]]
    english = download(world.client_a.user).read("csv/sessions_held.csv")
    assert parse_csv(english, ",") == [["held_on"], ["2026-01-05"]]


def test_dutch_csv_writes_decimal_commas_and_keeps_negative_numbers_numeric():
    from decimal import Decimal

    rows = [{"score": 3.5, "weight": Decimal("1.25"), "level": -2, "note": "-2 days"}]
    assert parse_csv(to_csv(rows, language="nl"), ";") == [
        ["score", "weight", "level", "note"],
        ["3,5", "1,25", "-2", "'-2 days"],
    ]
    assert parse_csv(to_csv(rows, language="en"), ",")[1] == ["3.5", "1.25", "-2", "'-2 days"]
