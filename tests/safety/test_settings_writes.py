"""Safety-net settings and crisis information are written by safety.services, never by the
views' forms: the practice's crisis lines (with who changed them) and thresholds, the
client's opt-in and the therapist's per-client settings."""

import pytest
from django.urls import reverse

from safety import services
from safety.models import ClientSafetySettings, CrisisInfo, PracticeSafetySettings

pytestmark = pytest.mark.django_db

CRISIS = {
    "crisis": "1",
    "crisis-phone_lines_en": "Call 0800-HELP",
    "crisis-phone_lines_nl": "Bel 0800-HULP",
    **{f"crisis-{name}": "" for name in ("text_lines_en", "text_lines_nl", "opening_hours_en", "opening_hours_nl")},
    **{f"crisis-{name}": "" for name in ("out_of_hours_en", "out_of_hours_nl")},
}
THRESHOLDS = {
    "thresholds": "1",
    "th-low_safety_max": "3",
    "th-alarming_intensity_min": "9",
    "th-overdue_days": "14",
    "th-silence_days": "5",
    "th-daily_writer_min_entries": "5",
    "th-escalate_after_hours": "48",
    "th-alarming_emotions": ["afraid"],
}


def spy(monkeypatch, name: str) -> list:
    calls, real = [], getattr(services, name)

    def wrapper(*args, **kwargs):
        calls.append((args, kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(services, name, wrapper)
    return calls


def test_crisis_information_goes_through_save_crisis_info_and_names_who(world, client, monkeypatch):
    calls = spy(monkeypatch, "save_crisis_info")
    client.force_login(world.admin)
    assert client.post(reverse("safety:practice"), CRISIS).status_code == 302
    assert len(calls) == 1
    info = CrisisInfo.objects.get(practice=world.practice)
    assert (info.phone_lines_en, info.updated_by) == ("Call 0800-HELP", world.admin)


def test_practice_thresholds_go_through_update_settings(world, client, monkeypatch):
    calls = spy(monkeypatch, "update_settings")
    client.force_login(world.admin)
    assert client.post(reverse("safety:practice"), THRESHOLDS).status_code == 302
    assert len(calls) == 1
    saved = PracticeSafetySettings.objects.get(practice=world.practice)
    assert (saved.low_safety_max, saved.alarming_emotions) == (3, ["afraid"])


def test_the_clients_opt_in_and_the_therapists_settings_go_through_update_settings(world, client, monkeypatch):
    calls = spy(monkeypatch, "update_settings")
    client.force_login(world.client_a.user)
    response = client.post(reverse("safety:my_settings"), {"tell_therapist_private_distress": "on"})
    assert response.status_code == 302
    client.force_login(world.therapist_a)
    url = reverse("safety:client_settings", args=[world.client_a.pk])
    assert client.post(url, {"alerts_enabled": "on", "silence_days": "4"}).status_code == 302
    assert len(calls) == 2
    saved = ClientSafetySettings.objects.get(client=world.client_a)
    assert (saved.tell_therapist_private_distress, saved.silence_days) == (True, 4)
