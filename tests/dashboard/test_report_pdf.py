"""The progress report as a PDF download: the same content as the printable page."""

import base64
import datetime as dt
import re
import zlib

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tests.seeding import add_entry, add_scores

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    """The strings a PDF draws (its content streams, inflated), enough to check what it says."""
    out = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\n?endstream", pdf, re.S):
        if stream.rstrip().endswith(b"~>"):  # ASCII85, then Flate
            stream = zlib.decompress(base64.a85decode(stream.rstrip()[:-2]))
        out += [m.decode("latin-1") for m in re.findall(rb"\((.*?)(?<!\\)\)\s*Tj", stream, re.S)]
    return "\n".join(out).replace("\\(", "(").replace("\\)", ")")


def _pdf(user, client, **params):
    http = HttpClient()
    http.force_login(user)
    return http.get(reverse("dashboard:report_pdf", args=[client.pk]), params)


def test_report_downloads_as_a_pdf_with_scores_charts_and_tables(world):
    today = timezone.localdate()
    add_scores(world.client_a, [(today - dt.timedelta(days=56), 5.5, 5.0), (today - dt.timedelta(days=28), 4.0, 4.6)])
    response = _pdf(world.therapist_a, world.client_a)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="progress-report-')
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF-")
    text = _text(response.content)
    assert "Progress report: Client A" in text
    assert "Confidential" in text
    assert "Anxiety: 4.00" in text and "reliably improved" in text  # −1.5 on anxiety, as on the page
    assert "Attachment scores" in text and "Goals" in text
    assert "Avoidance ->" in text  # the plane's axis label, drawn from the chart's shapes


def test_the_pdf_counts_shared_entries_only(world):
    now = timezone.now()
    add_entry(world.client_a, now - dt.timedelta(days=1), shared=True, emotions=(("sad", 5),))
    add_entry(world.client_a, now - dt.timedelta(days=1, hours=2), shared=False, emotions=(("ashamed", 7),))
    text = _text(_pdf(world.therapist_a, world.client_a).content)
    assert "Sad" in text
    assert "Ashamed" not in text


def test_the_pdf_is_in_the_therapists_language(world):
    world.therapist_a.language = "nl"
    world.therapist_a.save()
    text = _text(_pdf(world.therapist_a, world.client_a).content)
    assert "Voortgangsverslag: Client A" in text
    assert "Vertrouwelijk" in text


def test_the_report_page_links_to_the_pdf(world):
    http = HttpClient()
    http.force_login(world.therapist_a)
    html = http.get(reverse("dashboard:report", args=[world.client_a.pk])).content.decode()
    assert reverse("dashboard:report_pdf", args=[world.client_a.pk]) in html
