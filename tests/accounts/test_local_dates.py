from datetime import date

from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import translation

from accounts.templatetags.local_dates import day_month, day_month_year


def test_dutch_month_names_are_lower_case_and_english_ones_capitalised():
    with translation.override("nl"):
        assert day_month(date(2026, 10, 26)) == "26 okt"
        assert day_month_year(date(2026, 12, 6)) == "6 dec 2026"
    with translation.override("en"):
        assert day_month(date(2026, 10, 26)) == "26 Oct"
        assert day_month_year(date(2026, 12, 6)) == "6 Dec 2026"


def test_the_dutch_diary_week_is_written_in_lower_case(world):
    user = world.client_a.user
    user.language = "nl"
    user.save(update_fields=["language"])
    http = HttpClient()
    http.force_login(user)
    html = http.get(reverse("diary:entry_list") + "?week=2026-11-30").content.decode()
    assert "30 nov – 6 dec 2026" in html
    assert "Nov" not in html and "Dec 2026" not in html
