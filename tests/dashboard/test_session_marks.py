"""Sessions as ticks on the time axis and milestones as labelled markers on the progress chart,
in English and Dutch, on the therapist's page, the client's own page and the PDF."""

import datetime as dt

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone, translation

from appointments.models import Milestone
from clients.services import record_session
from dashboard import charts
from tests.dashboard.test_report_pdf import _text as pdf_text
from tests.seeding import add_scores

pytestmark = pytest.mark.django_db

D = dt.date(2026, 9, 1)


def _chart(language: str):
    marks = [charts.Milestone(D + dt.timedelta(days=20), "Told him I was scared", True),
             charts.Milestone(D + dt.timedelta(days=40), "Rupture repaired", False)]  # fmt: skip
    points = [charts.ScorePoint(D, 5.0, 4.0), charts.ScorePoint(D + dt.timedelta(days=56), 4.0, 3.5)]
    refs = {dim: charts.DimensionReference(sd=1.0, reliability=0.9) for dim in ("anxiety", "avoidance")}
    sessions = [D + dt.timedelta(weeks=w) for w in range(9)]
    with translation.override(language):
        return charts.score_timeline_chart(points, refs, sessions=sessions, milestones=marks)


@pytest.mark.parametrize(
    ("language", "session", "note"),
    [
        ("en", "Session 08/09/2026", "Milestone 1, 21/09/2026: Told him I was scared (the client's words)"),
        ("nl", "Sessie 8-9-2026", "Mijlpaal 2, 11-10-2026: Rupture repaired (klinisch)"),
    ],
)
def test_the_chart_draws_sessions_as_ticks_and_milestones_as_labelled_markers(language, session, note):
    chart = _chart(language)
    ticks = chart.find("session-tick")
    assert len(ticks) == 9 and ticks[1].title == session
    assert len(chart.find("milestone-client")) == 1 and len(chart.find("milestone-clinical")) == 1
    labels = [s.text for s in chart.find("milestone-label")]
    assert labels[0].startswith("1 Told") and labels[1].startswith("2 Rupture")
    assert note in chart.notes
    # Ticks sit on the axis at the bottom of the lower panel, in time order, inside the plot.
    xs = [float(t.attrs["x1"]) for t in ticks]
    assert xs == sorted(xs) and 44 <= xs[0] and xs[-1] <= 640


def test_the_phone_drawing_keeps_labels_inside_the_chart():
    chart = _chart("nl")
    with translation.override("nl"):
        phone = charts.score_timeline_chart(
            [charts.ScorePoint(D, 5.0, 4.0)],
            {},
            sessions=[D],
            milestones=[charts.Milestone(D + dt.timedelta(days=1), "Een heel lange mijlpaal die niet past", True)],
            layout=charts.PHONE,
        )
    assert chart.height > 0 and phone.width == 360
    (label,) = phone.find("milestone-label")
    assert float(label.attrs["x"]) + len(label.text) * 12 * 0.55 <= 360 + 1


def _seed(world):
    today = timezone.localdate()
    add_scores(world.client_a, [(today - dt.timedelta(days=50), 5.5, 5.0), (today - dt.timedelta(days=10), 4.0, 4.6)])
    record_session(world.client_a, therapist=world.therapist_a, held_on=today - dt.timedelta(days=30))
    Milestone.objects.create(
        client=world.client_a, day=today - dt.timedelta(days=20), text="Said no to my mother", by_client=True
    )
    Milestone.objects.create(
        client=world.client_a, day=today - dt.timedelta(days=15), text="Rupture and repair", by_client=False
    )
    world.client_a.results_visible_to_client = True
    world.client_a.save(update_fields=["results_visible_to_client"])


def _get(user, name, **kwargs):
    http = HttpClient()
    http.force_login(user)
    return http.get(reverse(name, kwargs=kwargs or None))


def test_the_therapist_sees_both_milestones_the_client_only_their_own_words(world):
    _seed(world)
    therapist_page = _get(world.therapist_a, "dashboard:client_progress", pk=world.client_a.pk).content.decode()
    client_page = _get(world.client_a.user, "dashboard:my_progress").content.decode()
    assert "Said no to my mother" in therapist_page and "Rupture and repair" in therapist_page
    assert "sb-session-tick" in therapist_page and "sb-session-tick" in client_page
    assert "Said no to my mother" in client_page and "Rupture and repair" not in client_page


def test_the_pdf_lists_the_milestones_in_the_therapists_language(world):
    _seed(world)
    world.therapist_a.language = "nl"
    world.therapist_a.save(update_fields=["language"])
    text = pdf_text(_get(world.therapist_a, "dashboard:report_pdf", pk=world.client_a.pk).content)
    assert "Said no to my mother" in text and "Rupture and repair" in text
    assert "Mijlpaal 1" in text and "woorden van de cli" in text
