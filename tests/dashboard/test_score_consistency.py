"""One score reads the same on every page that shows it, in English and in Dutch.

Scores with a third decimal (4.6667) are where the pages used to disagree: 4.67 on the
caseload, 4.66 on the progress page, session preparation, report and PDF (cut off, not
rounded) and 4,7 on the client's own page.
"""

import datetime as dt
import html
import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tests.dashboard.test_report_pdf import _text as pdf_text
from tests.seeding import add_scores

pytestmark = pytest.mark.django_db

# Baseline 2.8889 / 4.8889, latest 4.6667 / 3.1111: changes +1.7778 / −1.7778.
EXPECTED = {
    "en": {"scores": ["4.67", "3.11"], "changes": ["+1.78", "−1.78"], "wrong": ["4.66", "4.7 ", "+1.77", "-1.77"]},
    "nl": {"scores": ["4,67", "3,11"], "changes": ["+1,78", "−1,78"], "wrong": ["4,66", "4,7 ", "+1,77", "-1,77"]},
}


def _visible_text(body: str) -> str:
    """What a reader sees: tags (and so SVG coordinates) dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.fixture
def scored(world):
    today = timezone.localdate()
    add_scores(
        world.client_a,
        [(today - dt.timedelta(days=28), 2.8889, 4.8889), (today - dt.timedelta(days=2), 4.6667, 3.1111)],
    )
    type(world.client_a).objects.filter(pk=world.client_a.pk).update(results_visible_to_client=True)
    return world


def _pages(world, language):
    therapist, client_user = world.therapist_a, world.client_a.user
    for user in (therapist, client_user):
        user.language = language
        user.save(update_fields=["language"])
    staff, own = HttpClient(), HttpClient()
    staff.force_login(therapist)
    own.force_login(client_user)
    pk = world.client_a.pk
    pages = {}
    for name, url in {
        "caseload": reverse("dashboard:caseload"),
        "client page": reverse("client_detail", args=[pk]),
        "progress page": reverse("dashboard:client_progress", args=[pk]),
        "assessment history": reverse("assessments:client_history", args=[pk]),
        "session preparation": reverse("dashboard:session_prep", args=[pk]),
        "printable report": reverse("dashboard:report", args=[pk]),
    }.items():
        response = staff.get(url)
        assert response.status_code == 200, name
        pages[name] = _visible_text(response.content.decode())
    pdf = staff.get(reverse("dashboard:report_pdf", args=[pk]))
    pages["PDF"] = pdf_text(pdf.content)
    for name, url in {
        "client's own progress": reverse("dashboard:my_progress"),
        "client's own results": reverse("assessments:my_results"),
    }.items():
        response = own.get(url, follow=True)  # one page for the client: the other URL redirects to it
        assert response.status_code == 200, name
        pages[name] = _visible_text(response.content.decode())
    return pages


CHANGE_PAGES = ("caseload", "progress page", "assessment history", "session preparation", "printable report")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_score_reads_the_same_on_every_page(scored, language):
    expected = EXPECTED[language]
    pages = _pages(scored, language)
    problems = []
    for name, text in pages.items():
        for wanted in expected["scores"]:
            if wanted not in text:
                problems.append(f"{name}: score {wanted!r} missing")
        for wrong in expected["wrong"]:
            if wrong in text:
                problems.append(f"{name}: shows {wrong!r}")
        if name in CHANGE_PAGES:
            for wanted in expected["changes"]:
                if wanted not in text:
                    problems.append(f"{name}: change {wanted!r} missing")
    assert not problems, "\n".join(problems)
