"""Learn cards are data: every card in English and Dutch with sources; a broken file is refused."""

import json

import pytest

from goals.templates_data import TEMPLATES
from learn.loader import CardError, builtin_cards, load_cards, parse_card

GOOD = {
    "slug": "sample",
    "order": 1,
    "title": {"en": "Title", "nl": "Titel"},
    "body": {"en": "Body", "nl": "Tekst"},
    "sources": ["Bowlby, J. (1988). A secure base. New York: Basic Books."],
}


def test_every_card_has_english_and_dutch_title_and_body_and_a_source():
    cards = builtin_cards()
    assert len(cards) >= 12
    for card in cards:
        for language in ("en", "nl"):
            assert card.titles[language].strip() and card.bodies[language].strip(), card.slug
        assert card.titles["en"] != card.titles["nl"] or card.slug == "style-secure", card.slug
        assert card.bodies["en"] != card.bodies["nl"], card.slug
        assert card.sources and all(s.strip() for s in card.sources), card.slug


def test_the_topics_the_practice_teaches_each_have_a_card():
    slugs = {card.slug for card in builtin_cards()}
    wanted = {
        "what-is-attachment",
        "two-dimensions",
        "style-secure",
        "style-anxious",
        "style-avoidant",
        "style-fearful",
        "how-common",
        "myth-only-babies",
        "myth-cannot-change",
        "secure-base",
        "name-your-feelings",
        "stress-and-your-pattern",
        "small-steps",
        "diary-helps",
    }
    assert wanted <= slugs


def test_every_goal_template_has_its_card():
    slugs = {card.slug for card in builtin_cards()}
    missing = [t["slug"] for t in TEMPLATES if f"goal-{t['slug']}" not in slugs]
    assert not missing


def test_every_corner_has_its_style_card():
    from assessments.loader import CORNERS

    slugs = {card.slug for card in builtin_cards()}
    assert {f"style-{corner}" for corner in CORNERS} <= slugs


@pytest.mark.parametrize(
    "broken, message",
    [
        ({**GOOD, "title": {"en": "Title"}}, "'title' has no nl text"),
        ({**GOOD, "body": {"en": "Body", "nl": "  "}}, "'body' has no nl text"),
        ({**GOOD, "sources": []}, "'sources' must list"),
        ({k: v for k, v in GOOD.items() if k != "sources"}, "'sources' must list"),
        ({**GOOD, "slug": "Not a slug"}, "'slug'"),
    ],
)
def test_the_loader_refuses_a_broken_card(broken, message):
    with pytest.raises(CardError, match=message):
        parse_card(broken, "broken.json")


def test_the_loader_refuses_a_card_file_with_a_missing_language(tmp_path):
    (tmp_path / "good.json").write_text(json.dumps(GOOD), encoding="utf-8")
    (tmp_path / "half.json").write_text(json.dumps({**GOOD, "slug": "half", "body": {"en": "x"}}), encoding="utf-8")
    with pytest.raises(CardError, match="half.json"):
        load_cards(tmp_path)


def test_the_loader_refuses_two_cards_with_one_slug(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(GOOD), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(GOOD), encoding="utf-8")
    with pytest.raises(CardError, match="two cards"):
        load_cards(tmp_path)
