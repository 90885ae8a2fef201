"""Learn cards are data files (learn/cards/*.json), not code, like the instruments.

A new card is a new file: slug, order, topic, title/body/why in English and Dutch, and the
sources it rests on (full citations). The loader refuses a card without both languages,
without a source or with a slug used twice, naming the file, so a half-translated card
can never reach a client.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CARD_DIR = Path(__file__).resolve().parent / "cards"
LANGUAGES = ("en", "nl")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class CardError(ValueError):
    """A card file is missing a field, a language or a source."""


@dataclass(frozen=True)
class Card:
    slug: str
    order: int
    topic: str
    titles: dict[str, str]
    bodies: dict[str, str]
    whys: dict[str, str]
    sources: tuple[str, ...]
    practice_id: int | None = None  # None: built in; else a practice's own card

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles["en"]

    def body(self, language: str) -> str:
        return self.bodies.get(language) or self.bodies["en"]

    def why(self, language: str) -> str:
        return self.whys.get(language, "") or self.whys.get("en", "")


def _fail(path, message: str) -> CardError:
    return CardError(f"{Path(path).name}: {message}")


def _texts(path, data: dict, key: str, required: bool = True) -> dict[str, str]:
    value = data.get(key)
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        raise _fail(path, f"'{key}' must be an object with {', '.join(LANGUAGES)}")
    for language in LANGUAGES:
        if not isinstance(value.get(language), str) or not value[language].strip():
            raise _fail(path, f"'{key}' has no {language} text")
    return {language: value[language].strip() for language in LANGUAGES}


def parse_card(data: dict, path: Path | str = "<card>") -> Card:
    if not isinstance(data, dict):
        raise _fail(path, "a card file holds one JSON object")
    slug = data.get("slug")
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise _fail(path, "'slug' must be lower-case words joined by hyphens")
    if not isinstance(data.get("order"), int):
        raise _fail(path, "'order' must be a whole number")
    sources = data.get("sources")
    if not isinstance(sources, list) or not sources or not all(isinstance(s, str) and s.strip() for s in sources):
        raise _fail(path, "'sources' must list at least one full citation")
    return Card(
        slug=slug,
        order=data["order"],
        topic=str(data.get("topic", "")),
        titles=_texts(path, data, "title"),
        bodies=_texts(path, data, "body"),
        whys=_texts(path, data, "why", required=False),
        sources=tuple(s.strip() for s in sources),
    )


def load_card(path: Path) -> Card:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise _fail(path, f"not valid JSON ({error})") from None
    return parse_card(data, path)


def load_cards(directory: Path = CARD_DIR) -> list[Card]:
    cards = [load_card(path) for path in sorted(directory.glob("*.json"))]
    seen: set[str] = set()
    for card in cards:
        if card.slug in seen:
            raise CardError(f"two cards use the slug '{card.slug}'")
        seen.add(card.slug)
    return sorted(cards, key=lambda c: (c.order, c.slug))


@cache
def builtin_cards() -> tuple[Card, ...]:
    return tuple(load_cards())


def builtin_slugs() -> frozenset[str]:
    return frozenset(card.slug for card in builtin_cards())
