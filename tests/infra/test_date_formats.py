"""English is shown with European dates: day before month, 24-hour clock; Dutch unchanged."""

import datetime as dt

from django import forms
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import formats, translation

from clients.models import Client

DAY = dt.date(2026, 12, 1)
MOMENT = dt.datetime(2026, 12, 1, 22, 2)


def test_english_dates_put_the_day_first_and_use_a_24_hour_clock():
    with translation.override("en"):
        assert formats.date_format(DAY) == "1 Dec 2026"
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == "01/12/2026"
        assert formats.time_format(MOMENT.time()) == "22:02"
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == "01/12/2026 22:02"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_dutch_dates_stay_dutch():
    with translation.override("nl"):
        assert formats.date_format(DAY) == "1 december 2026"
        assert formats.time_format(MOMENT.time()) == "22:02"


def test_an_english_date_typed_day_first_is_read_day_first_and_iso_still_works():
    field = forms.DateField()
    with translation.override("en"):
        assert field.clean("01/12/2026") == DAY
        assert field.clean("2026-12-01") == DAY


def test_an_english_page_shows_a_date_day_first(world):
    Client.objects.filter(pk=world.client_a.pk).update(start_date=dt.date(2026, 3, 14))
    http = HttpClient()
    http.force_login(world.therapist_a)

    page = http.get(reverse("client_detail", args=[world.client_a.pk])).content.decode()

    assert "14/03/2026" in page and "03/14/2026" not in page
