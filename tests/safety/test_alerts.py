import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from safety import services
from safety.models import Alert, AlertKind, AlertStatus, ClientSafetySettings, CrisisPrompt
from safety.signals import alert_created
from tests.factories import make_client

from .helpers import days_ago, submit_ecr_r, write_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def oncommit(django_capture_on_commit_callbacks):
    """Run on_commit hooks as the real request would after its transaction commits."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def test_distress_rule_is_pure_and_uses_thresholds():
    th = services.Thresholds(True, 2, 9, frozenset({"afraid"}), True, 14, 5, 5, 48, False)
    assert services.distress_reasons(2, [("calm", 3)], th) == ["low_safety"]
    assert services.distress_reasons(3, [("calm", 3)], th) == []
    assert services.distress_reasons(None, [("afraid", 9)], th) == ["alarming"]
    assert services.distress_reasons(None, [("afraid", 8)], th) == []
    # Intensity 10 of an emotion the practice does not mark as alarming does not count.
    assert services.distress_reasons(None, [("happy", 10)], th) == []
    assert services.distress_reasons(0, [("afraid", 10)], th) == ["low_safety", "alarming"]


def test_shared_entry_with_low_safety_alerts_therapist_once(world, oncommit):
    received = []
    alert_created.connect(lambda sender, alert, **kw: received.append(alert.pk), weak=False, dispatch_uid="t1")
    try:
        entry = oncommit(write_entry, world.client_a, safety=1, shared=True)
        alerts = Alert.objects.filter(client=world.client_a)
        assert [a.kind for a in alerts] == [AlertKind.SHARED_LOW_SAFETY]
        assert alerts[0].therapist == world.therapist_a
        # A retried evaluation, an edit and a periodic scan: still one alert, one signal.
        oncommit(services.evaluate_entry, entry)
        from diary import services as diary_services

        oncommit(diary_services.update_entry, entry, felt_safety=0)
        oncommit(services.scan)
        assert Alert.objects.filter(client=world.client_a).count() == 1
        assert len(received) == 1
    finally:
        alert_created.disconnect(dispatch_uid="t1")


def test_alarming_emotion_alerts_only_when_marked_alarming(world, oncommit):
    oncommit(write_entry, world.client_a, emotions=[("happy", 10)], shared=True)
    assert not Alert.objects.exists()
    oncommit(write_entry, world.client_a, emotions=[("afraid", 9)], shared=True)
    assert list(Alert.objects.values_list("kind", flat=True)) == [AlertKind.SHARED_ALARMING]


def test_unshared_entry_never_alerts_or_reveals_itself(world, oncommit, client):
    oncommit(write_entry, world.client_a, safety=0, emotions=[("afraid", 10)], shared=False, text="SECRET-TEXT")
    oncommit(services.scan)
    assert not Alert.objects.exists()
    client.force_login(world.therapist_a)
    page = client.get(reverse("safety:alerts") + "?all=1")
    assert page.status_code == 200
    assert b"SECRET-TEXT" not in page.content
    assert world.client_a.display_name.encode() not in page.content


def test_private_distress_alert_only_with_opt_in_and_without_content(world, oncommit, client):
    ClientSafetySettings.objects.create(client=world.client_a, tell_therapist_private_distress=True)
    entry = oncommit(write_entry, world.client_a, safety=1, shared=False, text="SECRET-TEXT")
    alert = Alert.objects.get()
    assert alert.kind == AlertKind.PRIVATE_DISTRESS
    assert alert.event_date == timezone.localdate(entry.occurred_at)
    client.force_login(world.therapist_a)
    page = client.get(reverse("safety:alerts"))
    assert b"SECRET-TEXT" not in page.content
    assert b"A private entry met the distress threshold" in page.content


def test_client_sees_crisis_prompt_once_after_distressing_entry(world, oncommit, client):
    client.force_login(world.client_a.user)
    oncommit(write_entry, world.client_a, safety=1, shared=False)
    assert CrisisPrompt.objects.filter(client=world.client_a).count() == 1
    first = client.get(reverse("client_home"))
    assert b'id="crisis-prompt"' in first.content
    second = client.get(reverse("client_home"))
    assert b'id="crisis-prompt"' not in second.content
    # The crisis page stays one tap away on every client page.
    assert reverse("safety:crisis").encode() in second.content


def test_calm_entry_shows_no_prompt(world, oncommit):
    oncommit(write_entry, world.client_a, safety=8, emotions=[("calm", 4)], shared=True)
    assert not CrisisPrompt.objects.exists()
    assert not Alert.objects.exists()


def test_unsharing_hides_the_alert_from_the_therapist(world, oncommit, client):
    from diary import services as diary_services

    entry = oncommit(write_entry, world.client_a, safety=1, shared=True)
    client.force_login(world.therapist_a)
    assert world.client_a.display_name.encode() in client.get(reverse("safety:alerts")).content
    diary_services.unshare_entry(entry)
    assert world.client_a.display_name.encode() not in client.get(reverse("safety:alerts")).content
    alert = Alert.objects.get()
    response = client.post(reverse("safety:acknowledge", args=[alert.pk]), {"status": "seen"})
    assert response.status_code == 404


def test_reliable_deterioration_alerts_and_prompts(world, oncommit):
    oncommit(submit_ecr_r, world.client_a, world.therapist_a, 3, 3)
    assert not Alert.objects.exists()
    score = oncommit(submit_ecr_r, world.client_a, world.therapist_a, 6, 6)
    alert = Alert.objects.get()
    assert alert.kind == AlertKind.DETERIORATION
    assert alert.event_key == f"score:{score.pk}"
    assert CrisisPrompt.objects.filter(client=world.client_a, event_key=f"score:{score.pk}").exists()


def test_improvement_does_not_alert(world, oncommit):
    oncommit(submit_ecr_r, world.client_a, world.therapist_a, 6, 6)
    oncommit(submit_ecr_r, world.client_a, world.therapist_a, 3, 3)
    assert not Alert.objects.exists()


def test_overdue_assessment_alerts_after_limit(world, oncommit):
    from assessments import services as assessment_services

    assessment_services.create_schedule(
        world.client_a,
        instrument="ecr-r",
        start_date=timezone.localdate() - dt.timedelta(days=20),
        created_by=world.therapist_a,
    )
    oncommit(services.scan, timezone.now() - dt.timedelta(days=10))
    assert not Alert.objects.exists()  # 10 days overdue: under the 14-day limit
    oncommit(services.scan)
    oncommit(services.scan)
    assert list(Alert.objects.values_list("kind", flat=True)) == [AlertKind.ASSESSMENT_OVERDUE]


def test_silence_after_daily_sharing_alerts_once(world, oncommit):
    for n in range(7, 14):
        write_entry(world.client_a, shared=True, when=days_ago(n), safety=7)
    oncommit(services.scan)
    oncommit(services.scan)
    assert list(Alert.objects.values_list("kind", flat=True)) == [AlertKind.DIARY_SILENCE]


def test_silence_of_a_private_writer_reveals_nothing(world, oncommit):
    for n in range(7, 14):
        write_entry(world.client_a, shared=False, when=days_ago(n), safety=7)
    oncommit(services.scan)
    assert not Alert.objects.exists()


def test_alerts_disabled_for_client(world, oncommit):
    ClientSafetySettings.objects.create(client=world.client_a, alerts_enabled=False)
    oncommit(write_entry, world.client_a, safety=0, shared=True)
    assert not Alert.objects.exists()
    assert CrisisPrompt.objects.exists()  # the client still sees where to get help


def test_acknowledge_and_escalation(world, oncommit, client):
    oncommit(write_entry, world.client_a, safety=0, shared=True)
    alert = Alert.objects.get()
    assert services.escalate(timezone.now() + dt.timedelta(hours=47)) == 0
    assert services.escalate(timezone.now() + dt.timedelta(hours=49)) == 1
    assert services.escalate(timezone.now() + dt.timedelta(hours=50)) == 0
    client.force_login(world.admin)
    page = client.get(reverse("safety:practice"))
    assert b'id="escalations"' in page.content and world.therapist_a.name.encode() in page.content
    # The admin sees a count, never which client.
    assert world.client_a.display_name.encode() not in page.content
    client.force_login(world.therapist_other)
    assert client.post(reverse("safety:acknowledge", args=[alert.pk]), {"status": "seen"}).status_code == 404
    client.force_login(world.therapist_a)
    client.post(reverse("safety:acknowledge", args=[alert.pk]), {"status": "acted", "note": "Called her"})
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACTED and alert.note == "Called her"
    assert alert.acknowledged_by == world.therapist_a


def test_alert_follows_no_therapist(world, oncommit):
    loner = make_client(world.practice, None, name="No therapist")
    oncommit(write_entry, loner, safety=0, shared=True)
    assert not Alert.objects.exists()


def test_entry_shared_later_alerts_once_at_sharing(world, oncommit):
    from diary import services as diary_services

    entry = oncommit(write_entry, world.client_a, safety=1, shared=False)
    assert not Alert.objects.exists()
    oncommit(diary_services.share_entry, entry)
    oncommit(diary_services.unshare_entry, entry)
    oncommit(diary_services.share_entry, entry)
    assert list(Alert.objects.values_list("kind", flat=True)) == [AlertKind.SHARED_LOW_SAFETY]


def test_admin_audit_trail_names_no_alert_kind(world, oncommit, client):
    # Regression (security review): the audit kind used to carry "alert:private_distress".
    ClientSafetySettings.objects.create(client=world.client_a, tell_therapist_private_distress=True)
    oncommit(write_entry, world.client_a, safety=0, shared=False)
    oncommit(write_entry, world.client_a, safety=0, shared=True)
    assert Alert.objects.count() == 2
    client.force_login(world.admin)
    page = client.get(reverse("records:audit_search")).content.decode()
    assert ">Alert</td>" in page  # the neutral kind, in words (the cell may carry a label)
    for kind in AlertKind.values:
        assert kind not in page


def test_private_distress_alert_disappears_when_the_client_withdraws_consent(world, oncommit, client):
    settings = ClientSafetySettings.objects.create(client=world.client_a, tell_therapist_private_distress=True)
    oncommit(write_entry, world.client_a, safety=1, shared=False)
    client.force_login(world.therapist_a)
    assert b"A private entry met" in client.get(reverse("safety:alerts")).content
    settings.tell_therapist_private_distress = False
    settings.save()
    assert b"A private entry met" not in client.get(reverse("safety:alerts") + "?all=1").content
