"""allauth's emails speak the recipient's language and name securebase and the practice."""

from django.core import mail
from django.test import Client as Browser
from django.urls import reverse

from accounts.models import Role
from tests.factories import make_practice, make_user


def reset_email_for(user, *, browser_language: str):
    browser = Browser(HTTP_ACCEPT_LANGUAGE=browser_language)
    browser.post(reverse("account_reset_password"), {"email": user.email})
    sent = [message for message in mail.outbox if user.email in message.to]
    assert len(sent) == 1
    return sent[0]


def test_password_reset_email_for_a_dutch_user_is_dutch_and_names_securebase_and_the_practice(db):
    practice = make_practice("Praktijk De Veilige Haven")
    user = make_user(practice, Role.CLIENT, language="nl")

    # Asked for from an English browser: the email still follows the user's own language.
    message = reset_email_for(user, browser_language="en")
    text = f"{message.subject}\n{message.body}"

    assert "securebase" in message.subject
    assert "Praktijk De Veilige Haven" in message.body
    assert "securebase" in message.body
    assert "wachtwoord" in text.lower()
    assert "Hallo" in message.body
    for wrong in ("Hello from", "Thank you for using", "127.0.0.1", "example.com", "testserver!"):
        assert wrong not in text
    assert "/accounts/password/reset/key/" in message.body


def test_password_reset_email_for_an_english_user_from_a_dutch_browser_is_english(db):
    practice = make_practice("Harbour Practice")
    user = make_user(practice, Role.THERAPIST, language="en")

    message = reset_email_for(user, browser_language="nl")

    assert "password" in message.body.lower() and "wachtwoord" not in message.body.lower()
    assert "Harbour Practice" in message.body and "securebase" in message.body


def test_the_neutral_email_to_an_unknown_address_names_securebase_not_the_host(db):
    browser = Browser(HTTP_ACCEPT_LANGUAGE="nl")
    browser.post(reverse("account_reset_password"), {"email": "nobody@example.test"})

    (message,) = mail.outbox
    assert "securebase" in message.body and "testserver" not in message.body.split("http")[0]
    assert "Hello from" not in message.body
