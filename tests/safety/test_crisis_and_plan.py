import pytest
from django.urls import reverse

from safety.models import CrisisInfo, SafetyPlan

pytestmark = pytest.mark.django_db


def test_admin_sets_crisis_info_in_both_languages_and_client_sees_own_language(world, client):
    client.force_login(world.admin)
    response = client.post(
        reverse("safety:practice"),
        {
            "crisis": "1",
            "crisis-phone_lines_en": "Call 0800-HELP",
            "crisis-phone_lines_nl": "Bel 0800-HULP",
            "crisis-text_lines_en": "",
            "crisis-text_lines_nl": "",
            "crisis-opening_hours_en": "9-17",
            "crisis-opening_hours_nl": "9-17 uur",
            "crisis-out_of_hours_en": "Call your GP post",
            "crisis-out_of_hours_nl": "Bel de huisartsenpost",
        },
    )
    assert response.status_code == 302
    assert CrisisInfo.objects.get(practice=world.practice).phone_lines_nl == "Bel 0800-HULP"
    client.force_login(world.client_a.user)
    page = client.get(reverse("safety:crisis"))
    assert b"Call 0800-HELP" in page.content and b'id="not-monitored"' in page.content
    world.client_a.user.language = "nl"
    world.client_a.user.save()
    page = client.get(reverse("safety:crisis"))
    assert b"Bel 0800-HULP" in page.content
    assert b"niet in real time" in page.content


def test_other_practice_crisis_info_is_not_shown(world, client):
    CrisisInfo.objects.create(practice=world.other_practice, phone_lines_en="OTHER-PRACTICE-LINE")
    client.force_login(world.client_a.user)
    assert b"OTHER-PRACTICE-LINE" not in client.get(reverse("safety:crisis")).content


def test_threshold_form_rejects_out_of_range_and_keeps_input(world, client):
    client.force_login(world.admin)
    response = client.post(
        reverse("safety:practice"),
        {
            "thresholds": "1",
            "th-low_safety_max": "11",
            "th-alarming_intensity_min": "9",
            "th-overdue_days": "14",
            "th-silence_days": "5",
            "th-daily_writer_min_entries": "5",
            "th-escalate_after_hours": "48",
            "th-alarming_emotions": ["afraid"],
        },
    )
    assert response.status_code == 400
    assert "Use a number from 0 to 10." in response.content.decode()
    assert 'value="11"' in response.content.decode()


def test_plan_is_written_by_both_and_stale_edit_loses_nothing(world, client):
    client.force_login(world.client_a.user)
    url = reverse("safety:my_plan")
    assert client.post(url, {"version": 0, "warning_signs": "I stop answering texts"}).status_code == 302
    client.force_login(world.therapist_a)
    t_url = reverse("safety:client_plan", args=[world.client_a.pk])
    assert b"I stop answering texts" in client.get(t_url).content
    assert (
        client.post(
            t_url, {"version": 1, "warning_signs": "I stop answering texts", "professionals": "Practice 020-123"}
        ).status_code
        == 302
    )
    # The client's form was opened at version 1: saving it now must not overwrite.
    client.force_login(world.client_a.user)
    response = client.post(url, {"version": 1, "warning_signs": "MY NEW TEXT"})
    assert response.status_code == 409
    assert b"MY NEW TEXT" in response.content
    plan = SafetyPlan.objects.get(client=world.client_a)
    assert plan.professionals == "Practice 020-123" and plan.warning_signs == "I stop answering texts"


def test_other_therapist_cannot_open_plan(world, client):
    client.force_login(world.therapist_other)
    assert client.get(reverse("safety:client_plan", args=[world.client_a.pk])).status_code == 404
    client.force_login(world.therapist_x)
    assert client.get(reverse("safety:client_plan", args=[world.client_a.pk])).status_code == 404


def test_client_opt_in_defaults_off(world, client):
    client.force_login(world.client_a.user)
    page = client.get(reverse("safety:my_settings"))
    assert b'name="tell_therapist_private_distress"' in page.content
    assert b"checked" not in page.content


def test_export_rows_and_erase(world):
    from safety import export
    from safety.models import Alert

    SafetyPlan.objects.create(client=world.client_a, warning_signs="UNIQUE-PLAN-TEXT")
    Alert.objects.create(
        client=world.client_a,
        therapist=world.therapist_a,
        kind="deterioration",
        event_key="score:1",
        event_date="2026-11-01",
        note="UNIQUE-NOTE",
    )
    mine = export.export_rows(world.client_a, world.client_a.user)
    assert mine["safety_plan"][0]["warning_signs"] == "UNIQUE-PLAN-TEXT"
    assert export.export_rows(world.client_a, world.therapist_other) == {}
    assert export.export_rows(world.client_a, world.admin) == {}
    export.erase(world.client_a)
    assert not SafetyPlan.objects.filter(client=world.client_a).exists()
    assert Alert.objects.get(client=world.client_a).note == ""
