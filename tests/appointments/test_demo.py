"""The demo practice has planned series, a note per client's last session and milestones, once."""

from io import StringIO

from django.core.management import call_command

from appointments.models import Milestone, PlannedSession, SessionNote


def _counts():
    return PlannedSession.objects.count(), SessionNote.objects.count(), Milestone.objects.count()


def test_the_demo_plans_sessions_and_milestones_once(db):
    errors = StringIO()
    call_command("seed_demo", stdout=StringIO(), stderr=errors)
    assert "appointments" not in errors.getvalue(), errors.getvalue()
    first = _counts()
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    assert _counts() == first
    planned, notes, milestones = first
    assert planned >= 8 * 4 and notes >= 4 and milestones >= 8
    assert Milestone.objects.filter(by_client=True).count() == Milestone.objects.filter(by_client=False).count()
