"""Exports carry ISO dates (YYYY-MM-DD, ISO 8601 times) whatever the exporting user's language."""

import datetime as dt
import re

import pytest

from clients.models import Client
from tests.assessments.helpers import completed, uniform
from tests.diary.helpers import entry

from .helpers import download

LOCAL_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_date_in_an_export_is_iso(world, language):
    Client.objects.filter(pk=world.client_a.pk).update(start_date=dt.date(2026, 3, 14))
    world.client_a.user.language = language
    world.client_a.user.save()
    entry(world.client_a, shared=True, what_happened="a day")
    completed(world.client_a, world.therapist_a, uniform("ecr-r", 4))

    archive = download(world.client_a.user)
    texts = {name: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}

    assert any("2026-03-14" in text for text in texts.values())
    for name, text in texts.items():
        assert not LOCAL_DATE.findall(text), (name, LOCAL_DATE.findall(text)[:3])
    csv_text = "".join(t for n, t in texts.items() if n.endswith(".csv"))
    assert ISO_DATE.search(csv_text)
