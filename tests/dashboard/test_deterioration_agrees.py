"""One deterioration rule (assessments.change.reliable_deterioration) on every page and job.

The client whose anxiety went 4.0 → 2.0 → 3.5 improved and then relapsed: no reliable change
since the baseline (−0.50), reliably worse since the previous score (+1.50, RCI 3.26). The
caseload flag (judged in SQL), the therapist digest, the safety alert, the history page and
the PDF must all say so.
"""

import datetime as dt

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from assessments import change
from assessments.models import ReliabilitySetting, Score
from assessments.selectors import latest_changes, reliability_for
from dashboard import selectors
from dashboard.caseload_sql import caseload_records
from reminders.kinds import digest_counts
from reminders.models import Kind, ReminderOccurrence
from safety.models import Alert, AlertKind
from safety.services import evaluate_score
from tests.dashboard.test_report_pdf import _text as pdf_text
from tests.factories import make_client
from tests.seeding import add_scores

pytestmark = pytest.mark.django_db


def _days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def relapse(client) -> list[Score]:
    return add_scores(client, [(_days_ago(60), 4.0, 3.0), (_days_ago(30), 2.0, 3.0), (_days_ago(2), 3.5, 3.0)])


def _records(therapist):
    now = timezone.now()
    today = timezone.localdate()
    records = caseload_records(
        therapist,
        since=now - dt.timedelta(days=7),
        recent_from=today - dt.timedelta(days=6),
        today=today,
        low_safety_max=selectors.LOW_SAFETY_MAX,
    )
    return {r.client_id: r for r in records}


def _http(user) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def test_the_rule_says_the_relapse_is_a_deterioration_since_the_previous_score(world):
    scores = relapse(world.client_a)
    result = change.series_deterioration(scores, reliability_for(world.practice, "ecr-r"))
    assert result == change.Deterioration(since_baseline=(), since_previous=("anxiety",))


def test_caseload_sql_digest_alert_history_and_pdf_agree_on_the_relapse(world):
    scores = relapse(world.client_a)
    therapist = world.therapist_a

    assert _records(therapist)[world.client_a.pk].deteriorated is True

    occurrence = ReminderOccurrence(recipient=therapist, kind=Kind.THERAPIST_DIGEST, slot=timezone.now())
    assert digest_counts(occurrence)["deteriorations"] == 1

    evaluate_score(scores[-1])
    assert Alert.objects.filter(client=world.client_a, kind=AlertKind.DETERIORATION).count() == 1

    history = _http(therapist).get(reverse("assessments:client_history", kwargs={"pk": world.client_a.pk}))
    assert history.content.decode().count('class="badge text-bg-danger sb-deterioration"') == 1

    pdf = pdf_text(_http(therapist).get(reverse("dashboard:report_pdf", args=[world.client_a.pk])).content)
    pdf = pdf.replace("\\267", "·")  # the PDF writes the middle dot as an octal escape
    assert "Anxiety: 3.50 · since baseline -0.50 (no reliable change) · since previous +1.50 (reliably worse)" in pdf
    assert (
        "Avoidance: 3.00 · since baseline 0.00 (no reliable change) · since previous 0.00 (no reliable change)" in pdf
    )


def test_an_improvement_is_flagged_nowhere(world):
    scores = add_scores(world.client_a, [(_days_ago(60), 4.0, 3.0), (_days_ago(2), 2.0, 3.0)])
    assert _records(world.therapist_a)[world.client_a.pk].deteriorated is False
    occurrence = ReminderOccurrence(recipient=world.therapist_a, kind=Kind.THERAPIST_DIGEST, slot=timezone.now())
    assert digest_counts(occurrence)["deteriorations"] == 0
    evaluate_score(scores[-1])
    assert not Alert.objects.filter(kind=AlertKind.DETERIORATION).exists()
    history = _http(world.therapist_a).get(reverse("assessments:client_history", kwargs={"pk": world.client_a.pk}))
    assert "sb-deterioration" not in history.content.decode()


def test_the_caseload_page_flags_the_relapse(world):
    relapse(world.client_a)
    row = next(r for r in selectors.caseload(world.therapist_a) if r.client.pk == world.client_a.pk)
    assert selectors.FLAG_DETERIORATION in row.flags


# Series (oldest first) covering every branch of the rule: none, one, two, three or more
# scores; rises against the baseline, the previous score, both, neither; each dimension.
SERIES = {
    "no scores": [],
    "one score": [(4.0, 3.0)],
    "two, worse on anxiety": [(2.0, 2.0), (3.5, 2.1)],
    "two, improved": [(5.0, 5.0), (3.0, 3.0)],
    "relapse since previous": [(4.0, 3.0), (2.0, 3.0), (3.5, 3.0)],
    "slow slide since baseline": [(3.0, 2.0), (3.0, 2.5), (3.0, 3.0), (3.0, 3.0)],
    "just under the threshold": [(3.0, 3.0), (3.0, 3.0), (3.9, 3.0)],
    "just over the threshold": [(3.0, 3.0), (3.0, 3.0), (3.91, 3.0)],
    "avoidance relapse": [(3.0, 5.0), (3.0, 2.0), (3.0, 3.2)],
    "better than previous, worse than baseline": [(2.0, 2.0), (4.0, 2.0), (3.2, 2.0)],
}


@pytest.mark.parametrize("override", [None, ("0.9", "0.85", "1.3", "0.95")], ids=["defaults", "practice figures"])
def test_the_sql_flag_agrees_with_the_python_rule_on_every_series(world, override):
    if override:
        sd_a, r_a, sd_v, r_v = override
        ReliabilitySetting.objects.create(
            practice=world.practice, instrument="ecr-r", anxiety_sd=sd_a, anxiety_r=r_a, avoidance_sd=sd_v,
            avoidance_r=r_v, source="practice sample",
        )  # fmt: skip
    clients = {}
    for name, pairs in SERIES.items():
        client = make_client(world.practice, world.therapist_a, name=name)
        clients[name] = client
        if pairs:
            add_scores(client, [(_days_ago(100 - 10 * i), a, v) for i, (a, v) in enumerate(pairs)])
    records = _records(world.therapist_a)
    python = latest_changes([c.pk for c in clients.values()])
    figures = reliability_for(world.practice, "ecr-r")
    assert figures["anxiety"].overridden is bool(override)
    verdicts = {}
    for name, client in clients.items():
        by_sql = records[client.pk].deteriorated
        row = python.get(client.pk)
        by_python = bool(row.deterioration) if row else False
        scores = list(Score.objects.filter(client=client).order_by("submitted_at", "id"))
        assert by_sql == by_python == bool(change.series_deterioration(scores, figures)), name
        verdicts[name] = by_sql
    assert any(verdicts.values()) and not all(verdicts.values())
    if not override:
        assert verdicts == {
            "no scores": False,
            "one score": False,
            "two, worse on anxiety": True,
            "two, improved": False,
            "relapse since previous": True,
            "slow slide since baseline": True,
            "just under the threshold": False,
            "just over the threshold": True,
            "avoidance relapse": True,
            "better than previous, worse than baseline": True,
        }
