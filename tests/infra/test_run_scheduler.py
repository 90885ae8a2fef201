"""`make run`'s scheduler: the beat schedule's tasks in-process, without a broker."""

import zoneinfo
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from clients.management.commands import run_scheduler
from config.celery import app
from reminders.models import Kind, Notification, ReminderOccurrence, ReminderPreference, State
from tests.factories import make_client, make_practice


def test_make_run_starts_the_scheduler_next_to_the_server_and_stops_it_with_the_server():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py run_scheduler &" in recipe
    assert "trap 'kill $$scheduler" in recipe and "manage.py runserver" in recipe


def test_run_scheduler_once_sweeps_and_sends_the_reminders_due_now(db):
    client = make_client(make_practice(), language="nl")
    zone = zoneinfo.ZoneInfo(client.user.timezone)
    now_local = timezone.now().astimezone(zone).replace(second=0, microsecond=0)
    ReminderPreference.objects.filter(user=client.user, kind=Kind.DIARY).update(
        enabled=True, local_time=now_local.time(), days="1234567", quiet_start=None, quiet_end=None
    )
    out = StringIO()

    call_command("run_scheduler", "--once", stdout=out, stderr=StringIO())

    occurrence = ReminderOccurrence.objects.get(recipient=client.user, kind=Kind.DIARY)
    assert occurrence.state == State.SENT
    assert Notification.objects.filter(occurrence=occurrence, recipient=client.user).exists()
    assert [m.to for m in mail.outbox] == [[client.user.email]]
    printed = out.getvalue()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in printed  # every periodic task ran once
    assert "'created': 1" in printed


def test_run_scheduler_stops_when_the_process_that_started_it_is_gone(db, monkeypatch):
    parents = iter([100, 100, 1])  # make's shell, then (re-parented) init
    monkeypatch.setattr(run_scheduler.os, "getppid", lambda: next(parents, 1))
    ran = []
    monkeypatch.setattr(run_scheduler.Command, "_run", lambda self, task, verbose: ran.append(task))

    call_command("run_scheduler", "--tick", "0", stdout=StringIO())

    assert len(ran) >= len(settings.CELERY_BEAT_SCHEDULE)


def test_run_scheduler_refuses_to_run_when_a_broker_is_configured(db, monkeypatch):
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    with pytest.raises(CommandError, match="celery -A config worker"):
        call_command("run_scheduler", "--once", stdout=StringIO())


def test_an_entry_runs_again_once_its_interval_has_passed(db, monkeypatch):
    monkeypatch.setattr(settings, "CELERY_BEAT_SCHEDULE", {"ping": {"task": "config.ping", "schedule": 0.05}})
    parents = iter([7] * 4)
    monkeypatch.setattr(run_scheduler.os, "getppid", lambda: next(parents, 1))
    out = StringIO()

    call_command("run_scheduler", "--tick", "0.06", "-v", "2", stdout=out)

    assert out.getvalue().count("config.ping: pong") >= 2
