"""Every reminder opens the page it names: its first choice of page exists (first_url no longer
falls back to the home page in silence, so a renamed page would otherwise fail at send time)."""

import ast
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

from reminders.kinds import first_url

ROOT = Path(__file__).resolve().parents[2]


def _first_choices() -> list[tuple[str, str, list[str]]]:
    found = []
    for path in sorted((ROOT / "reminders").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            name = getattr(node, "func", None)
            if not (isinstance(node, ast.Call) and getattr(name, "id", getattr(name, "attr", "")) == "first_url"):
                continue
            first = node.args[0]
            kwargs = [k.value for k in first.elts[1].keys] if isinstance(first.elts[1], ast.Dict) else []
            found.append((path.name, first.elts[0].value, kwargs))
    return found


def test_reminder_links_are_found():
    assert len(_first_choices()) >= 8


@pytest.mark.parametrize(("module", "name", "kwargs"), _first_choices())
def test_every_reminders_first_choice_of_page_exists(module, name, kwargs):
    assert reverse(name, kwargs={key: 1 for key in kwargs} or None)


def test_a_page_that_does_not_exist_is_an_error_not_the_home_page():
    assert first_url(("no-such-page", {}), ("client_home", {})) == reverse("client_home")
    with pytest.raises(NoReverseMatch):
        first_url(("no-such-page", {}))
