"""allauth's own pages speak to a Dutch user as "je", like the rest of securebase.

allauth's Dutch catalogue says "u"/"uw"; the project catalogue (locale/, first in
LOCALE_PATHS and so ahead of every app's) overrides the msgids these pages show.
"""

import re
from html.parser import HTMLParser

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.test import Client as HttpClient
from django.urls import reverse

from accounts.models import Role
from tests.factories import make_user

from .helpers import password_login

FORMAL = re.compile(r"\b(u|uw|U|Uw|uzelf)\b|a\.u\.b\.|alstublieft")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")
        for name, value in attrs:
            if name in ("placeholder", "aria-label", "title", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(response) -> str:
    parser = _Text()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


def formal_words(response) -> list[str]:
    text = visible_text(response)
    return [text[max(m.start() - 40, 0) : m.end() + 40] for m in FORMAL.finditer(text)]


ANONYMOUS_PAGES = [
    ("account_login", ()),
    ("account_reset_password", ()),
    ("account_reset_password_done", ()),
    ("account_reset_password_from_key", ("1", "bad-key")),
    ("account_confirm_email", ("bad-key",)),
    ("account_email_verification_sent", ()),
    ("account_inactive", ()),
]

SIGNED_IN_PAGES = [
    "account_logout",
    "account_change_password",
    "account_email",
    "mfa_index",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_deactivate_totp",
    "mfa_reauthenticate",
    "account_reauthenticate",
    "usersessions_list",
]


@pytest.mark.parametrize(("name", "args"), ANONYMOUS_PAGES)
def test_pages_before_signing_in_say_je_in_dutch(db, name, args):
    response = HttpClient(headers={"accept-language": "nl"}).get(reverse(name, args=args), follow=True)

    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()
    assert formal_words(response) == []


def test_the_two_factor_step_of_signing_in_says_je(world):
    therapist = make_user(world.practice, Role.THERAPIST, language="nl")
    http = HttpClient(headers={"accept-language": "nl"})
    response = password_login(http, therapist.email)
    assert response["Location"].startswith(reverse("mfa_authenticate"))

    page = http.get(response["Location"])

    assert page.status_code == 200 and '<html lang="nl">' in page.content.decode()
    assert formal_words(page) == []


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_account_and_two_factor_pages_say_je_to_a_dutch_user(world, name):
    therapist = make_user(world.practice, Role.THERAPIST, language="nl")
    RecoveryCodes.activate(therapist)
    http = HttpClient(headers={"accept-language": "en"})
    http.force_login(therapist)

    response = http.get(reverse(name), follow=True)

    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()
    assert formal_words(response) == []


def test_setting_up_two_factor_says_je_to_a_dutch_client(world):
    client = make_user(world.practice, Role.CLIENT, language="nl")
    http = HttpClient(headers={"accept-language": "en"})
    http.force_login(client)

    response = http.get(reverse("mfa_activate_totp"), follow=True)

    assert response.status_code == 200 and '<html lang="nl">' in response.content.decode()
    assert formal_words(response) == []
