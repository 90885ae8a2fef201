"""The caseload's one SQL statement (dashboard/caseload_sql.py) against the rules it borrows:
schedules, the practice's reliability figures, ECR-R only, alert visibility, the access policy."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import AssessmentSchedule, ReliabilitySetting
from dashboard import selectors
from safety.models import Alert, AlertKind
from tests.factories import make_client
from tests.seeding import add_entry, add_open_request, add_scores

pytestmark = pytest.mark.django_db


def _row(therapist, client):
    return next(r for r in selectors.caseload(therapist) if r.client.pk == client.pk)


def test_next_due_comes_from_the_earliest_live_recurring_schedule(world):
    today = timezone.localdate()
    c = world.client_a
    # Every 4 weeks from 10 days ago: next on day 18 from now.
    AssessmentSchedule.objects.create(client=c, instrument="ecr-r", start_date=today - dt.timedelta(days=10),
                                      interval_weeks=4)  # fmt: skip
    # Earlier candidates that must not count: cancelled, ended, one-off.
    AssessmentSchedule.objects.create(client=c, instrument="ecr-r", start_date=today - dt.timedelta(days=1),
                                      interval_weeks=1, cancelled_at=timezone.now())  # fmt: skip
    AssessmentSchedule.objects.create(client=c, instrument="ecr-r", start_date=today - dt.timedelta(days=30),
                                      interval_weeks=1, end_date=today - dt.timedelta(days=2))  # fmt: skip
    AssessmentSchedule.objects.create(client=c, instrument="ecr-r", start_date=today + dt.timedelta(days=2))
    assert _row(world.therapist_a, c).next_due == today + dt.timedelta(days=18)
    # An open request wins over the schedule.
    add_open_request(c, today + dt.timedelta(days=3))
    assert _row(world.therapist_a, c).next_due == today + dt.timedelta(days=3)


def test_the_practice_reliability_figures_replace_the_instrument_defaults(world):
    today = timezone.localdate()
    add_scores(world.client_a, [(today - dt.timedelta(days=28), 4.0, 4.0), (today, 3.7, 4.0)])
    # Defaults (SD 1.15, r .92): S_diff 0.46, −0.3/0.46 = −0.65, no reliable change.
    assert _row(world.therapist_a, world.client_a).change_anxiety.label == "no_change"
    ReliabilitySetting.objects.create(practice=world.practice, instrument="ecr-r", anxiety_sd=Decimal("0.3"),
                                      anxiety_r=Decimal("0.95"), avoidance_sd=Decimal("1.0"),
                                      avoidance_r=Decimal("0.9"), source="test")  # fmt: skip
    # SD .3, r .95: S_diff = sqrt(2)·.3·sqrt(.05) = 0.0949; −0.3/0.0949 = −3.16, improved.
    row = _row(world.therapist_a, world.client_a)
    assert row.change_anxiety.label == "improved"
    assert round(row.change_anxiety.rci, 2) == -3.16
    # Another practice's figures are not used.
    ReliabilitySetting.objects.filter(practice=world.practice).update(practice=world.other_practice)
    assert _row(world.therapist_a, world.client_a).change_anxiety.label == "no_change"


def test_relationship_scores_are_not_mixed_into_the_caseload(world):
    today = timezone.localdate()
    add_scores(world.client_a, [(today - dt.timedelta(days=30), 5.0, 5.0), (today - dt.timedelta(days=20), 4.5, 4.5)])
    add_scores(world.client_a, [(today - dt.timedelta(days=1), 1.0, 1.0)], instrument="ecr-rs", target="partner")
    row = _row(world.therapist_a, world.client_a)
    assert (float(row.anxiety), float(row.avoidance)) == (4.5, 4.5)
    assert row.last_assessed.date() == today - dt.timedelta(days=20)


def test_an_alert_about_an_entry_made_private_no_longer_counts(world):
    entry = add_entry(world.client_a, timezone.now() - dt.timedelta(hours=2), shared=True, felt_safety=1)
    Alert.objects.create(client=world.client_a, therapist=world.therapist_a, kind=AlertKind.SHARED_LOW_SAFETY,
                         event_key=f"entry:{entry.pk}", entry_id=entry.pk, event_date=timezone.localdate())  # fmt: skip
    row = _row(world.therapist_a, world.client_a)
    assert row.open_alerts == 1 and row.low_safety and row.diary_recent == 1
    entry.shared = False
    entry.save()
    row = _row(world.therapist_a, world.client_a)
    assert row.open_alerts == 0 and not row.low_safety and row.diary_recent == 0
    assert row.last_shared_at is None


def test_a_private_distress_alert_counts_only_while_the_client_allows_it(world):
    from safety.models import ClientSafetySettings

    Alert.objects.create(client=world.client_a, therapist=world.therapist_a, kind=AlertKind.PRIVATE_DISTRESS,
                         event_key="private:1", event_date=timezone.localdate())  # fmt: skip
    assert _row(world.therapist_a, world.client_a).open_alerts == 0  # no consent given
    ClientSafetySettings.objects.update_or_create(client=world.client_a,
                                                  defaults={"tell_therapist_private_distress": True})  # fmt: skip
    assert _row(world.therapist_a, world.client_a).open_alerts == 1


def test_a_therapist_the_policy_does_not_clear_gets_no_rows(world):
    from allauth.mfa.models import Authenticator

    assert selectors.caseload(world.therapist_a)
    from accounts.models import User

    Authenticator.objects.filter(user=world.therapist_a).delete()
    assert selectors.caseload(User.objects.get(pk=world.therapist_a.pk)) == []


def test_the_caseload_is_one_statement(world):
    add_scores(world.client_a, [(timezone.localdate(), 3.0, 3.0)])
    selectors.caseload(world.therapist_a)  # warm the instrument registry
    with CaptureQueriesContext(connection) as ctx:
        selectors.caseload(world.therapist_a)
    assert len(ctx.captured_queries) == 1


def test_open_alerts_are_counted_per_client(world):
    other = make_client(world.practice, world.therapist_a, name="Other client")
    for n, client in enumerate((world.client_a, world.client_a, other)):
        Alert.objects.create(client=client, therapist=world.therapist_a, kind=AlertKind.DETERIORATION,
                             event_key=f"score:{n}", event_date=timezone.localdate())  # fmt: skip
    Alert.objects.create(client=other, therapist=world.therapist_a, kind=AlertKind.DETERIORATION, status="seen",
                         event_key="score:9", event_date=timezone.localdate())  # fmt: skip
    rows = {r.client.pk: r for r in selectors.caseload(world.therapist_a)}
    assert (rows[world.client_a.pk].open_alerts, rows[other.pk].open_alerts) == (2, 1)
