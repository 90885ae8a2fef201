"""Selectors other apps rely on: summaries, batch counts, fixed query counts, the signal."""

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clients.models import Client
from diary import selectors, services
from diary.models import Emotion, Reaction
from diary.signals import entry_saved

from .helpers import entry

pytestmark = pytest.mark.django_db


def test_weekly_summary_counts_frequency_intensity_safety_and_reactions(world):
    c = world.client_a
    entry(c, emotions=[(Emotion.SAD, 4), (Emotion.LONELY, 9)], felt_safety=2, reactions=[Reaction.WITHDREW])
    entry(c, emotions=[(Emotion.SAD, 6)], felt_safety=6, reactions=[Reaction.WITHDREW, Reaction.TALKED])
    entry(c, emotions=[(Emotion.CALM, 3)], reactions=[])

    summary = selectors.weekly_summary(selectors.visible_entries(c.user, c))

    assert summary["count"] == 3
    assert [(r["emotion"], r["times"]) for r in summary["most_frequent"]][0] == (Emotion.SAD, 2)
    assert summary["most_intense"][0]["emotion"] == Emotion.LONELY
    sad = next(r for r in summary["most_frequent"] if r["emotion"] == Emotion.SAD)
    assert sad["peak"] == 6 and sad["mean"] == 5.0
    assert summary["avg_felt_safety"] == 4.0 and summary["felt_safety_n"] == 2
    assert [(r["reaction"], r["times"]) for r in summary["reactions"]] == [
        (Reaction.WITHDREW, 2),
        (Reaction.TALKED, 1),
    ]


def test_weekly_summary_of_nothing_is_empty(world):
    summary = selectors.weekly_summary(selectors.visible_entries(world.therapist_a, world.client_a))
    assert summary["count"] == 0 and summary["avg_felt_safety"] is None and summary["most_frequent"] == []


def test_weekly_summary_runs_a_fixed_number_of_queries(world):
    for i in range(5):
        entry(world.client_a, emotions=[(Emotion.SAD, i), (Emotion.HURT, 5)], shared=True, reactions=["talked"])
    visible = selectors.visible_entries(world.therapist_a, world.client_a)
    with CaptureQueriesContext(connection) as few:
        selectors.weekly_summary(visible)
    for i in range(10):
        entry(world.client_a, emotions=[(Emotion.ANGRY, i)], shared=True)
    with CaptureQueriesContext(connection) as many:
        summary = selectors.weekly_summary(visible)
    assert summary["count"] == 15
    assert len(few.captured_queries) == len(many.captured_queries) == 3


def test_week_bounds_follow_the_clients_timezone(world):
    user = world.client_a.user
    user.timezone = "America/New_York"
    user.save()
    tz = zoneinfo.ZoneInfo("America/New_York")
    monday = dt.date(2026, 3, 2)
    # Sunday 23:30 in New York is Monday in UTC and Amsterdam: it belongs to the week before.
    late_sunday = dt.datetime(2026, 3, 1, 23, 30, tzinfo=tz)
    entry(world.client_a, occurred_at=late_sunday)
    assert not selectors.in_week(selectors.visible_entries(user, world.client_a), monday, tz).exists()
    previous = monday - dt.timedelta(days=7)
    assert selectors.in_week(selectors.visible_entries(user, world.client_a), previous, tz).count() == 1


def test_batch_selectors_answer_for_many_clients_in_one_query(world):
    a, b, x = world.client_a, world.client_b, world.client_x
    old_shared = entry(a, shared=True, days_ago=20)
    new_shared = entry(a, shared=True, days_ago=1)
    private_latest = entry(a, shared=False)
    entry(b, shared=False, days_ago=2)
    since = timezone.localdate() - dt.timedelta(days=7)

    fresh = list(Client.objects.filter(pk__in=[a.pk, b.pk, x.pk]).order_by("pk"))  # users not loaded
    with CaptureQueriesContext(connection) as queries:
        counts = selectors.shared_counts_since(fresh, since)
    assert len(queries.captured_queries) == 2  # timezones + counts, whatever the number of clients
    assert counts == {a.pk: 1, b.pk: 0, x.pk: 0}
    per_client = selectors.shared_counts_since([a, b], {a.pk: None, b.pk: since})
    assert per_client == {a.pk: 2, b.pk: 0}

    with CaptureQueriesContext(connection) as queries:
        last = selectors.last_entry_at_for([a, b, x])
    assert len(queries.captured_queries) == 1
    assert last == {a.pk: new_shared.occurred_at, b.pk: None, x.pk: None}
    last_all = selectors.last_entry_at_for([a, b], include_private=True)
    assert last_all[a.pk] == private_latest.occurred_at and last_all[b.pk] is not None
    assert old_shared not in selectors.shared_entries_since(a, since)


def test_entry_saved_signal_on_create_and_update_but_not_on_duplicate(world):
    seen = []

    def receiver(sender, entry, created, **kwargs):
        seen.append((entry.pk, created, entry.emotions.count()))

    entry_saved.connect(receiver)
    try:
        made, _ = services.create_entry(
            world.client_a,
            emotions=[(Emotion.SAD, 3), (Emotion.HURT, 9)],
            idempotency_key="1f0e1b9e-0000-4000-8000-000000000001",
        )
        services.create_entry(
            world.client_a, emotions=[(Emotion.SAD, 3)], idempotency_key="1f0e1b9e-0000-4000-8000-000000000001"
        )
        services.update_entry(made, what_happened="more")
    finally:
        entry_saved.disconnect(receiver)
    assert seen == [(made.pk, True, 2), (made.pk, False, 2)]


def test_editing_a_private_entry_does_not_mark_it_edited(world):
    made = entry(world.client_a, shared=False)
    services.update_entry(made, what_happened="changed")
    assert made.edited_at is None
    services.update_entry(made, what_happened="changed and shared", shared=True)
    made.refresh_from_db()
    assert made.shared and made.edited_at is None
    services.update_entry(made, what_happened="changed after sharing")
    made.refresh_from_db()
    assert made.edited_at is not None and made.shows_edited


def test_entry_saved_receivers_see_new_emotions_after_an_edit_through_the_selector(world):
    made = entry(world.client_a, emotions=[(Emotion.SAD, 3)])
    loaded = selectors.get_visible_entry(world.client_a.user, made.pk)  # emotions prefetched
    assert [e.emotion for e in loaded.emotions.all()] == [Emotion.SAD]
    seen = []

    def receiver(sender, entry, created, **kwargs):
        seen.append([(e.emotion, e.intensity) for e in entry.emotions.all()])

    entry_saved.connect(receiver)
    try:
        services.update_entry(loaded, emotions=[(Emotion.AFRAID, 9)])
    finally:
        entry_saved.disconnect(receiver)
    assert seen == [[(Emotion.AFRAID, 9)]]


def test_sharing_changed_signal_reports_what_became_shared_or_private(world):
    from diary.signals import sharing_changed

    older = entry(world.client_a, days_ago=10)
    recent = entry(world.client_a, days_ago=1)
    seen = []

    def receiver(sender, client, entry_ids, shared, **kwargs):
        seen.append((client.pk, sorted(entry_ids), shared))

    sharing_changed.connect(receiver)
    try:
        services.share_entry(older)
        services.share_entry(older)  # already shared: nothing to report
        services.share_from(world.client_a, timezone.localdate() - dt.timedelta(days=3))
        services.unshare_entry(recent)
        services.update_entry(older, shared=False)
    finally:
        sharing_changed.disconnect(receiver)
    a = world.client_a.pk
    assert seen == [(a, [older.pk], True), (a, [recent.pk], True), (a, [recent.pk], False), (a, [older.pk], False)]
