"""The caseload's flag texts say the numbers the flags are judged with, not a copy of them."""

import pytest
from django.utils import translation

from dashboard import selectors
from dashboard.templatetags.dashboard_tags import flag_label


def test_flag_texts_say_the_current_thresholds():
    assert flag_label(selectors.FLAG_OVERDUE) == "Questionnaire overdue > 14 days"
    assert flag_label(selectors.FLAG_NO_DIARY) == "No shared diary entry for 10 days"
    assert flag_label(selectors.FLAG_LOW_SAFETY) == "Shared entry with felt safety 0–2"


def test_flag_texts_follow_the_constants_when_they_change(monkeypatch):
    monkeypatch.setattr(selectors, "OVERDUE_FLAG_DAYS", 21)
    monkeypatch.setattr(selectors, "NO_DIARY_FLAG_DAYS", 5)
    monkeypatch.setattr(selectors, "LOW_SAFETY_MAX", 3)
    assert flag_label(selectors.FLAG_OVERDUE) == "Questionnaire overdue > 21 days"
    assert flag_label(selectors.FLAG_NO_DIARY) == "No shared diary entry for 5 days"
    assert flag_label(selectors.FLAG_LOW_SAFETY) == "Shared entry with felt safety 0–3"
    with translation.override("nl"):
        assert flag_label(selectors.FLAG_OVERDUE) == "Vragenlijst > 21 dagen te laat"
        assert flag_label(selectors.FLAG_NO_DIARY) == "Al 5 dagen geen gedeelde dagboeknotitie"
        assert flag_label(selectors.FLAG_LOW_SAFETY) == "Gedeelde notitie met ervaren veiligheid 0–3"


@pytest.mark.parametrize("flag", selectors.FLAGS)
def test_every_flag_has_words(flag):
    assert flag_label(flag) != flag
