"""What a therapist reads on the dashboard pages and in the PDF: clinical words, no developer notes.

Provisional reference figures are explained in one short translated sentence with a citation,
never by pointing at a source file or a setting.
"""

import datetime as dt
import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tests.seeding import add_entry, add_goal, add_open_request, add_scores

from .test_report_pdf import _text as pdf_text

pytestmark = pytest.mark.django_db

DEVELOPER_TEXT = re.compile(r"\.py\b|\bsettings\.|\bTODO\b|FIXME|XXX|\.json\b|[A-Z]{3,}_[A-Z_]{3,}|\bsee [a-z_]+/")


def _seed(world):
    today = timezone.localdate()
    add_scores(world.client_a, [(today - dt.timedelta(days=56), 5.5, 5.0), (today - dt.timedelta(days=28), 4.0, 4.6)])
    add_scores(world.client_a, [(today - dt.timedelta(days=30), 4.5, 3.5)], instrument="ecr-rs", target="partner")
    add_entry(world.client_a, timezone.now() - dt.timedelta(days=1), shared=True, emotions=(("sad", 5),))
    add_goal(world.client_a, start=today - dt.timedelta(days=40))
    add_open_request(world.client_a, today - dt.timedelta(days=20))
    world.client_a.results_visible_to_client = True
    world.client_a.save()


def _visible_text(html: str) -> str:
    """The page without its markup, scripts and attribute values (class names may say anything)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _pages(world):
    pk = world.client_a.pk
    therapist = [
        reverse("dashboard:caseload"),
        reverse("dashboard:client_progress", args=[pk]),
        reverse("dashboard:session_prep", args=[pk]),
        reverse("dashboard:report", args=[pk]),
        reverse("client_detail", args=[pk]),
        reverse("assessments:client_history", args=[pk]),
    ]
    return [
        (world.therapist_a, therapist),
        (world.admin, [reverse("dashboard:overview")]),
        (world.client_a.user, [reverse("dashboard:my_progress")]),
    ]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_no_dashboard_page_or_pdf_shows_file_paths_settings_or_developer_notes(world, language):
    _seed(world)
    for user, urls in _pages(world):
        user.language = language
        user.save()
        http = HttpClient()
        http.force_login(user)
        for url in urls:
            response = http.get(url)
            assert response.status_code == 200, url
            found = DEVELOPER_TEXT.findall(_visible_text(response.content.decode()))
            assert not found, (url, found)
    http = HttpClient()
    http.force_login(world.therapist_a)
    text = pdf_text(http.get(reverse("dashboard:report_pdf", args=[world.client_a.pk])).content)
    assert "Attachment" in text or "Hechting" in text
    assert not DEVELOPER_TEXT.findall(text), DEVELOPER_TEXT.findall(text)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_provisional_figures_are_one_translated_sentence_with_a_citation(world, language):
    _seed(world)
    world.therapist_a.language = language
    world.therapist_a.save()
    http = HttpClient()
    http.force_login(world.therapist_a)
    html = http.get(reverse("dashboard:client_progress", args=[world.client_a.pk])).content.decode()
    figures = re.findall(r"<figure\b.*?</figure>", html, re.S)
    explained = 0
    for figure in figures:
        notes = [
            _visible_text(n).strip() for n in re.findall(r'<p class="small text-muted[^"]*">.*?</p>', figure, re.S)
        ]
        sentences = [n for n in notes if re.search(r"provisional|voorlopig", n, re.I)]
        assert len(sentences) <= 1, sentences  # one sentence per chart, not one per figure or band
        for sentence in sentences:
            explained += 1
            assert "Fraley" in sentence and re.search(r"\b(19|20)\d\d\b", sentence), sentence
            assert len(sentence) < 200, sentence
            if language == "nl":
                assert "voorlopig" in sentence.lower()
    assert explained == 2  # the ECR-R chart and the partner's ECR-RS chart
