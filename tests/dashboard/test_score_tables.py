"""The "Scores per administration" tables: every column named, the change since the first
score in a therapist's words on the therapist's pages and in lay words on the client's page."""

import datetime as dt
import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tests.seeding import add_scores

pytestmark = pytest.mark.django_db


def _login(user, language="en"):
    user.language = language
    user.save()
    http = HttpClient()
    http.force_login(user)
    return http


def _seed(client):
    today = timezone.localdate()
    add_scores(client, [(today - dt.timedelta(days=60), 5.5, 5.0), (today - dt.timedelta(days=3), 3.5, 4.9)])
    add_scores(
        client,
        [(today - dt.timedelta(days=50), 4.0, 3.0), (today - dt.timedelta(days=2), 4.1, 3.1)],
        instrument="ecr-rs",
        target="partner",
    )
    type(client).objects.filter(pk=client.pk).update(results_visible_to_client=True)


def _score_tables(html: str) -> list[str]:
    captions = "Scores per administration|Scores per afname"
    return re.findall(rf"<table[^>]*>\s*<caption>(?:{captions})</caption>.*?</table>", html, re.S)


def _headers(table: str) -> list[str]:
    return [h.strip() for h in re.findall(r'<th scope="col">([^<]*)</th>', table)]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _pages(world, language="en"):
    _seed(world.client_a)
    therapist = _login(world.therapist_a, language)
    return {
        "progress": therapist.get(reverse("dashboard:client_progress", args=[world.client_a.pk])).content.decode(),
        "report": therapist.get(reverse("dashboard:report", args=[world.client_a.pk])).content.decode(),
        "mine": _login(world.client_a.user, language).get(reverse("dashboard:my_progress")).content.decode(),
    }


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_column_of_the_scores_tables_has_a_header(world, language):
    for name, html in _pages(world, language).items():
        tables = _score_tables(html)
        assert len(tables) == 2, name  # ECR-R and the partner's ECR-RS
        for table in tables:
            headers = _headers(table)
            assert len(headers) == 5 and all(headers), (name, headers)
            # on a phone each row is a card: every cell but the date says its column's name
            assert "sb-stack" in table and 'data-label=""' not in table


def test_therapist_pages_keep_the_clinical_words(world):
    pages = _pages(world)
    for name in ("progress", "report"):
        for table in _score_tables(pages[name]):
            assert _headers(table)[-1] == "Reliable change vs baseline", name
            assert ">baseline<" in table
        assert "Anxiety: reliably improved; Avoidance: no reliable change" in _text(pages[name])


def test_the_clients_page_says_the_change_in_lay_words(world):
    html = _pages(world)["mine"]
    text = _text(html)
    for table in _score_tables(html):
        assert _headers(table)[-1] == "Since the first time"
        assert ">first time<" in table
    assert "Worry about closeness: clearly better; Discomfort with closeness: no clear change" in text
    assert "Worry about closeness: no clear change; Discomfort with closeness: no clear change" in text  # ECR-RS
    for jargon in ("Reliable change", "reliably", "no reliable change", "baseline"):
        assert jargon not in text, jargon


def test_the_clients_page_in_dutch(world):
    html = _pages(world, "nl")["mine"]
    tables = _score_tables(html)
    assert tables and all(_headers(t)[-1] == "Sinds de eerste keer" for t in tables)
    assert "duidelijk beter" in _text(html) and "betrouwbaar" not in _text(html).lower()
