"""Every reminder kind needs the domain functions it calls: a missing or renamed one is an
error, never a reminder that silently stops (or a digest line that silently disappears)."""

import ast
import inspect
from datetime import date, time

import pytest

from reminders import kinds
from reminders.models import Kind, ReminderOccurrence
from reminders.scheduling import LocalWindow

from .helpers import client_with_diary, utc

pytestmark = pytest.mark.django_db

DOMAIN_APPS = ("assessments", "diary", "goals", "safety")


def domain_functions() -> list[tuple[str, str]]:
    """(app, function) for every `<app>.<function>` that kinds.py reads from a domain app."""
    tree = ast.parse(inspect.getsource(kinds))
    return sorted(
        {
            (node.value.id, node.attr)
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in DOMAIN_APPS
        }
    )


def exercise_every_kind(client) -> None:
    """Run each kind's domain reads once: the digest, the still-due checks and the sweep sources."""
    slot = utc("2026-06-10T08:00")
    kinds.digest_counts(ReminderOccurrence(recipient=client.therapist, kind=Kind.THERAPIST_DIGEST, slot=slot))
    for kind, key in [(Kind.ASSESSMENT_DUE, "assessment:1:due"), (Kind.DIARY, ""), (Kind.GOAL_CHECKIN, "goals")]:
        kinds.STILL_DUE[kind](ReminderOccurrence(recipient=client.user, kind=kind, slot=slot, target_key=key))
    window = LocalWindow(day=date(2026, 6, 10), start=time(10, 0), until=time(10, 0))
    for source in kinds.all_sources():
        if source.extra is not None:
            source.extra(window, ["Europe/Amsterdam"])


def test_kinds_read_domain_functions_that_exist():
    found = domain_functions()
    assert {app for app, _name in found} == set(DOMAIN_APPS)
    for app, name in found:
        assert callable(getattr(getattr(kinds, app), name)), f"{app}.{name}"


@pytest.mark.parametrize(("app", "name"), domain_functions())
def test_a_missing_domain_function_is_an_error_not_a_silent_skip(monkeypatch, app, name):
    client = client_with_diary()
    exercise_every_kind(client)  # all present: runs
    monkeypatch.delattr(getattr(kinds, app), name)
    with pytest.raises(AttributeError, match=name):
        exercise_every_kind(client)
