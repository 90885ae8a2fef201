import re

import pytest
from django.urls import reverse

from safety.crisis_lines import chat_href, phone_lines, tel_href
from safety.demo import CRISIS
from safety.models import CrisisInfo

pytestmark = pytest.mark.django_db


def _links(html: str, css_class: str) -> list[tuple[str, str]]:
    """(href, visible text) of each link with this class."""
    pattern = rf'<a class="[^"]*\b{css_class}\b[^"]*" href="([^"]+)"[^>]*>(.*?)</a>'
    return [(href, re.sub(r"<[^>]+>", "", text)) for href, text in re.findall(pattern, html)]


def test_crisis_numbers_are_call_buttons_in_the_readers_language(world, client):
    CrisisInfo.objects.create(practice=world.practice, **CRISIS)
    client.force_login(world.client_a.user)
    html = client.get(reverse("safety:crisis")).content.decode()
    assert _links(html, "crisis-call") == [
        ("tel:0201234567", "Practice (office hours): 020 123 45 67"),
        ("tel:08000113", "Suicide prevention line 113: 0800-0113 (free, 24/7)"),
    ]
    # Big enough to hit with a thumb: the house tap-target class (min-height 44px); the
    # number itself never breaks over two lines.
    assert '<span class="text-nowrap fw-semibold">0800-0113</span>' in html
    assert 'class="btn btn-danger btn-lg w-100 text-start tap-target crisis-call"' in html
    assert 'href="tel:112"' in html
    world.client_a.user.language = "nl"
    world.client_a.user.save()
    html = client.get(reverse("safety:crisis")).content.decode()
    assert ("tel:08000113", "113 Zelfmoordpreventie: 0800-0113 (gratis, 24/7)") in _links(html, "crisis-call")


def test_chat_addresses_are_links_as_entered_or_https(world, client):
    CrisisInfo.objects.create(
        practice=world.practice,
        text_lines_en="Chat with 113 at www.113.nl\nhttps://example.org/chat?lang=en, evenings\nText SHOUT to 85258",
    )
    client.force_login(world.client_a.user)
    html = client.get(reverse("safety:crisis")).content.decode()
    assert [href for href, _text in _links(html, "crisis-chat")] == [
        "https://www.113.nl",
        "https://example.org/chat?lang=en",
    ]
    assert "Text SHOUT to 85258" in html  # shown, not linked


@pytest.mark.parametrize(
    ("entered", "href"),
    [
        ("020 123 45 67", "tel:0201234567"),
        ("0800-0113", "tel:08000113"),
        ("+31 (0)20 123 4567", "tel:+31201234567"),
        ("(088) 123.45.67", "tel:0881234567"),
        ("112", "tel:112"),
    ],
)
def test_tel_href_keeps_only_digits_and_a_leading_plus(entered, href):
    assert tel_href(entered) == href


def test_lines_without_a_dialable_number_get_no_link():
    assert [line.href for line in phone_lines("Call 0800-HELP\nOpen 24/7\nGP post (088) 123 4567, 17:00-08:00")] == [
        "",
        "",
        "tel:0881234567",
    ]
    assert chat_href("mail help@113.nl") == ""
    assert chat_href("Chat met 113 via www.113.nl.") == "https://www.113.nl"
