import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import DatabaseError, connection, transaction
from django.test import Client as HttpClient
from django.urls import reverse

from audit.models import AppendOnlyError, AuditAction, AuditEvent
from tests.factories import PASSWORD, TOTP_SECRET


def _as(user):
    http = HttpClient(REMOTE_ADDR="203.0.113.7")
    http.force_login(user)
    return http


def _client_events():
    return AuditEvent.objects.exclude(action__in=[AuditAction.LOGIN, AuditAction.LOGOUT])


def test_opening_a_client_record_writes_one_view_event(world):
    http = _as(world.therapist_a)
    response = http.get(reverse("client_detail", kwargs={"pk": world.client_a.pk}))
    assert response.status_code == 200
    events = list(_client_events())
    assert len(events) == 1
    event = events[0]
    assert event.action == AuditAction.VIEW
    assert event.actor_id == world.therapist_a.pk
    assert event.actor_role == "therapist"
    assert event.client_id == world.client_a.pk
    assert event.practice_id == world.practice.pk
    assert event.kind == "record"
    assert event.ip == "203.0.113.7"
    assert event.path == f"/clients/{world.client_a.pk}/"


def test_a_post_on_a_record_is_a_change(world):
    http = _as(world.therapist_a)
    http.post(reverse("client_session_add", kwargs={"pk": world.client_a.pk}), {"held_on": "2026-01-05"})
    assert list(_client_events().values_list("action", "client_id")) == [(AuditAction.CHANGE, world.client_a.pk)]


def test_a_refusal_inside_the_practice_is_recorded_but_not_across_practices(world):
    _as(world.therapist_other).get(reverse("client_detail", kwargs={"pk": world.client_a.pk}))
    _as(world.therapist_x).get(reverse("client_detail", kwargs={"pk": world.client_a.pk}))
    events = list(_client_events().values_list("action", "actor_id", "practice_id"))
    assert events == [(AuditAction.DENIED, world.therapist_other.pk, world.practice.pk)]


def test_the_clients_own_home_is_recorded_as_self_view(world):
    _as(world.client_a.user).get(reverse("client_home"))
    event = _client_events().get()
    assert (event.actor_id, event.client_id, event.action) == (world.client_a.user_id, world.client_a.pk, "view")


def test_pages_without_client_data_write_no_event(world):
    http = _as(world.therapist_a)
    http.get(reverse("dashboard:caseload"))
    http.get("/static/vendor/bootstrap/bootstrap.min.css")
    http.get(reverse("accounts:settings"))
    assert not _client_events().exists()


def test_login_and_failed_login_are_recorded_without_the_typed_address(world, client):
    client.post(reverse("account_login"), {"login": world.client_a.user.email, "password": "wrong-password-1"})
    client.post(reverse("account_login"), {"login": "nobody@example.test", "password": "wrong-password-1"})
    client.post(reverse("account_login"), {"login": world.client_a.user.email, "password": PASSWORD})
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "actor_id"))
    assert actions == [
        (AuditAction.LOGIN_FAILED, world.client_a.user_id),
        (AuditAction.LOGIN_FAILED, None),
        (AuditAction.LOGIN, world.client_a.user_id),
    ]
    assert not AuditEvent.objects.filter(path__icontains="nobody").exists()


def test_events_cannot_be_changed_or_deleted_through_the_app(world):
    _as(world.therapist_a).get(reverse("client_detail", kwargs={"pk": world.client_a.pk}))
    event = _client_events().get()
    event.kind = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(kind="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).kind == "record"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
@pytest.mark.parametrize("sql", ["UPDATE audit_auditevent SET kind = 'x'", "DELETE FROM audit_auditevent"])
def test_the_database_refuses_raw_updates_and_deletes(world, sql):
    _as(world.therapist_a).get(reverse("client_detail", kwargs={"pk": world.client_a.pk}))
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert _client_events().filter(kind="record").count() == 1


def test_admin_pages_are_read_only(world, admin_client, admin_user):
    TOTP.activate(admin_user, TOTP_SECRET)  # the admin is closed to staff without a second factor
    _as(world.therapist_a).get(reverse("client_detail", kwargs={"pk": world.client_a.pk}))
    event = _client_events().get()
    assert admin_client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    assert (
        admin_client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    )
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_view_can_name_a_deletion_in_the_kind(world, rf):
    from audit import recorder
    from clients.access import get_client

    request = rf.post("/diary/entries/1/delete/")
    request.user = world.client_a.user
    token = recorder.enter(request)
    try:
        get_client(world.client_a.user, world.client_a.pk, kind="diary:delete")
    finally:
        recorder.leave(token)
    event = AuditEvent.objects.get(client_id=world.client_a.pk)
    assert (event.action, event.kind, event.path) == (AuditAction.DELETE, "diary", "/diary/entries/1/delete/")


def test_outside_a_request_the_policy_records_nothing(world):
    from clients.access import get_client

    get_client(world.therapist_a, world.client_a.pk)
    assert not _client_events().exists()


def test_the_sessions_page_speaks_dutch(world):
    world.therapist_a.language = "nl"
    world.therapist_a.save()
    page = _as(world.therapist_a).get(reverse("audit:sessions")).content.decode()
    assert "Overal uitloggen" in page and "Je sessies" in page


def test_the_devices_page_is_one_click_from_each_persons_settings(world):
    for user in (world.client_a.user, world.therapist_a, world.admin):
        page = _as(user).get(reverse("accounts:settings")).content.decode()
        assert f'href="{reverse("audit:sessions")}"' in page, user
