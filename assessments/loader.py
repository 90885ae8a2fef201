"""Instruments are versioned data files (assessments/instruments/*.json), not code.

A new instrument is a new file plus its translation: drop `<slug>.json` into the folder and
the loader validates it at start-up. A broken file raises InstrumentError naming the file and
what is wrong, so a typo in a reverse key can never silently change scores.

Each file carries its own citation (items, key, reliability figures and their sources); see
ecr-r.json (Fraley, Waller & Brennan, 2000) and ecr-rs.json (Fraley, Heffernan, Vicary &
Brumbaugh, 2011).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

INSTRUMENT_DIR = Path(__file__).resolve().parent / "instruments"
LANGUAGES = ("en", "nl")
CORNERS = ("secure", "anxious", "avoidant", "fearful")
# Corners are defined on these two dimensions; every attachment instrument here has them.
REQUIRED_DIMENSIONS = ("anxiety", "avoidance")


def _in_page_language(block: dict, key: str) -> str:
    """A data file's short sentence in the page's language: `key_nl` beside `key` where the file
    has one (citations themselves stay as published)."""
    language = (get_language() or "en")[:2]
    return str(block.get(f"{key}_{language}") or block.get(key, ""))


class InstrumentError(ValueError):
    """An instrument file is missing or inconsistent."""


@dataclass(frozen=True)
class Item:
    number: int
    subscale: str
    reversed: bool
    texts: dict[str, str]

    def text(self, language: str) -> str:
        return self.texts.get(language) or self.texts["en"]


@dataclass(frozen=True)
class Target:
    slug: str
    labels: dict[str, str]

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels["en"]


@dataclass(frozen=True)
class Instrument:
    slug: str
    version: str
    names: dict[str, str]
    citation: str
    source_of_key: str
    scale_min: int
    scale_max: int
    scale_labels: dict[int, dict[str, str]]
    dimensions: dict[str, dict]
    items: tuple[Item, ...]
    reverse_keyed: frozenset[int]
    split_point: Decimal
    corner_labels: dict[str, dict[str, str]]
    corner_source: str
    reliable_change: dict
    translation_nl: dict
    per_target: bool
    targets: tuple[Target, ...] = ()
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def version_label(self) -> str:
        """What is stored with every score: which data file produced it."""
        return f"{self.slug}@{self.version}"

    @property
    def item_numbers(self) -> list[int]:
        return [item.number for item in self.items]

    @property
    def points(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["en"]

    def item(self, number: int) -> Item:
        for item in self.items:
            if item.number == number:
                return item
        raise KeyError(number)

    def scale_label(self, point: int, language: str) -> str:
        labels = self.scale_labels[point]
        return labels.get(language) or labels["en"]

    def corner_label(self, corner: str, language: str) -> str:
        labels = self.corner_labels.get(corner, {})
        return labels.get(language) or labels.get("en", corner)

    def target(self, slug: str) -> Target | None:
        for target in self.targets:
            if target.slug == slug:
                return target
        return None

    def target_label(self, slug: str, language: str) -> str:
        target = self.target(slug)
        return target.label(language) if target else slug

    def default_reliability(self, dimension: str, target: str = "") -> tuple[Decimal, Decimal]:
        """(SD, r) of the data file; a relationship with its own r (ECR-RS test-retest per
        relationship) uses that r."""
        figures = self.reliable_change[dimension]
        own = self.reliable_change.get("by_target", {}).get(target) if target else None
        return Decimal(str(figures["sd"])), Decimal(str((own or figures)["r"]))

    def reliability_citation(self, target: str = "") -> tuple[str, bool]:
        """(the short citation shown on pages, provisional?) for the data file's figures."""
        rc = self.reliable_change
        provisional = rc.get("status", "provisional") == "provisional"
        own = rc.get("by_target", {}).get(target) if target else None
        if own:
            short = _in_page_language(own, "citation_short")
            return f"{short}; SD: {_in_page_language(rc, 'citation_short')}", provisional or own["status"] != "cited"
        return _in_page_language(rc, "citation_short") or rc.get("source", ""), provisional

    @property
    def error_correlation(self) -> tuple[float, str, bool]:
        """(ρ, short citation, provisional?): the correlation of the anxiety and avoidance
        measurement errors, for change judged on the plane."""
        block = self.reliable_change.get("error_correlation") or {}
        return float(block.get("rho", 0.0)), _in_page_language(block, "citation_short"), block.get("status") != "cited"


def _fail(path: Path | str, message: str) -> InstrumentError:
    return InstrumentError(f"{Path(path).name}: {message}")


def _texts(path, where: str, value, keys=LANGUAGES) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _fail(path, f"{where} must be an object with texts in {', '.join(keys)}")
    missing = [lang for lang in keys if not isinstance(value.get(lang), str) or not value[lang].strip()]
    if missing:
        raise _fail(path, f"{where} has no text in {', '.join(missing)}")
    return {lang: value[lang] for lang in keys}


def parse_instrument(data: dict, path: Path | str = "<data>") -> Instrument:
    """Validate one instrument's data and build the Instrument, or raise InstrumentError."""
    _check_header(data, path)
    low, high, scale_labels = _parse_scale(data["scale"], path)
    dimensions = _check_dimensions(data["dimensions"], path)
    items = _parse_items(data["items"], dimensions, path)
    flagged = _check_reverse_keys(data["reverse_keyed"], items, path)
    split, corner_labels = _parse_corners(data["corners"], low, high, path)
    rc = _check_reliable_change(data["reliable_change"], path)
    translation = data["translation_nl"]
    if not isinstance(translation, dict) or not str(translation.get("status", "")).strip():
        raise _fail(path, "translation_nl.status (published or project translation) is missing")
    names = _texts(path, "name", data["name"])
    per_target = bool(data.get("per_target", False))
    targets = _parse_targets(data.get("targets"), path) if per_target else []
    slug = data["slug"]
    corners = data["corners"]
    return Instrument(
        slug=slug,
        version=str(data["version"]),
        names=names,
        citation=data["citation"],
        source_of_key=data["source_of_key"],
        scale_min=low,
        scale_max=high,
        scale_labels=scale_labels,
        dimensions=dimensions,
        items=tuple(items),
        reverse_keyed=frozenset(flagged),
        split_point=Decimal(str(split)),
        corner_labels=corner_labels,
        corner_source=corners["source"],
        reliable_change=rc,
        translation_nl=translation,
        per_target=per_target,
        targets=tuple(targets),
        raw=data,
    )


def _check_header(data: dict, path: Path | str) -> None:
    if not isinstance(data, dict):
        raise _fail(path, "the file must hold one JSON object")
    for key in ("slug", "version", "citation", "source_of_key", "scale", "dimensions", "items", "reverse_keyed"):
        if key not in data:
            raise _fail(path, f"missing '{key}'")
    for key in ("corners", "reliable_change", "translation_nl", "name"):
        if key not in data:
            raise _fail(path, f"missing '{key}'")
    slug = data["slug"]
    if not isinstance(slug, str) or not slug or Path(path).stem not in (slug, "<data>"):
        raise _fail(path, f"slug '{slug}' must match the file name")
    if not str(data["version"]).strip():
        raise _fail(path, "empty 'version'")
    if not str(data["citation"]).strip():
        raise _fail(path, "empty 'citation'")


def _parse_scale(scale: dict, path: Path | str) -> tuple[int, int, dict[int, dict[str, str]]]:
    low, high = scale.get("min"), scale.get("max")
    if not isinstance(low, int) or not isinstance(high, int) or low >= high:
        raise _fail(path, f"scale min/max must be integers with min < max (got {low!r}, {high!r})")
    labels_raw = scale.get("labels") or {}
    scale_labels: dict[int, dict[str, str]] = {}
    for point in range(low, high + 1):
        if str(point) not in labels_raw:
            raise _fail(path, f"scale has no response label for point {point}")
        scale_labels[point] = _texts(path, f"scale label {point}", labels_raw[str(point)])
    extra_points = set(labels_raw) - {str(p) for p in range(low, high + 1)}
    if extra_points:
        raise _fail(path, f"scale labels for points outside the scale: {sorted(extra_points)}")
    return low, high, scale_labels


def _check_dimensions(dimensions: dict, path: Path | str) -> dict:
    if not isinstance(dimensions, dict) or any(d not in dimensions for d in REQUIRED_DIMENSIONS):
        raise _fail(path, f"dimensions must include {', '.join(REQUIRED_DIMENSIONS)}")
    for name, info in dimensions.items():
        if not isinstance(info, dict) or not isinstance(info.get("size"), int) or info["size"] < 1:
            raise _fail(path, f"dimension '{name}' needs a positive integer 'size'")
        _texts(path, f"dimension '{name}' label", info)
    return dimensions


def _parse_items(items_raw: list, dimensions: dict, path: Path | str) -> list[Item]:
    if not isinstance(items_raw, list) or not items_raw:
        raise _fail(path, "'items' must be a non-empty list")
    items: list[Item] = []
    for position, raw in enumerate(items_raw, start=1):
        if not isinstance(raw, dict):
            raise _fail(path, f"item at position {position} is not an object")
        number = raw.get("number")
        if not isinstance(number, int) or isinstance(number, bool):
            raise _fail(path, f"item at position {position} has no integer 'number'")
        if raw.get("subscale") not in dimensions:
            raise _fail(path, f"item {number} has unknown subscale {raw.get('subscale')!r}")
        if not isinstance(raw.get("reversed"), bool):
            raise _fail(path, f"item {number} has no reverse key ('reversed': true/false)")
        texts = _texts(path, f"item {number}", {lang: raw.get(f"text_{lang}") for lang in LANGUAGES})
        items.append(Item(number=number, subscale=raw["subscale"], reversed=raw["reversed"], texts=texts))

    numbers = [item.number for item in items]
    if len(set(numbers)) != len(numbers):
        duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
        raise _fail(path, f"duplicate item numbers {duplicates}")
    if sorted(numbers) != list(range(1, len(items) + 1)):
        raise _fail(path, f"item numbers must be 1..{len(items)} (got {sorted(numbers)})")
    expected_total = sum(info["size"] for info in dimensions.values())
    if len(items) != expected_total:
        raise _fail(path, f"{len(items)} items, but the dimension sizes add up to {expected_total}")
    for name, info in dimensions.items():
        count = sum(1 for item in items if item.subscale == name)
        if count != info["size"]:
            raise _fail(path, f"dimension '{name}' has {count} items, expected {info['size']}")
    return items


def _check_reverse_keys(reverse_keyed: list, items: list[Item], path: Path | str) -> list[int]:
    flagged = sorted(item.number for item in items if item.reversed)
    if not isinstance(reverse_keyed, list) or sorted(reverse_keyed) != flagged:
        # Keys are written twice on purpose (list + per item): a typo in one shows up here.
        raise _fail(path, f"'reverse_keyed' {reverse_keyed} does not match the items flagged reversed {flagged}")
    return flagged


def _parse_corners(corners: dict, low: int, high: int, path: Path | str) -> tuple[int | float, dict]:
    split = corners.get("split_point") if isinstance(corners, dict) else None
    if not isinstance(split, int | float) or isinstance(split, bool) or not (low < split <= high):
        raise _fail(path, f"corners.split_point must be a number inside the scale ({low}..{high}), got {split!r}")
    if not str(corners.get("source", "")).strip():
        raise _fail(path, "corners.source (where the split point comes from) is missing")
    corner_labels = {}
    for corner in CORNERS:
        corner_labels[corner] = _texts(path, f"corner label '{corner}'", (corners.get("labels") or {}).get(corner))
    return split, corner_labels


def _check_reliable_change(rc: dict, path: Path | str) -> dict:
    if not isinstance(rc, dict) or not str(rc.get("source", "")).strip():
        raise _fail(path, "reliable_change.source (where SD and r come from) is missing")
    if not str(rc.get("citation_short", "")).strip():
        raise _fail(path, "reliable_change.citation_short (the author-year citation shown on pages) is missing")
    for dimension in REQUIRED_DIMENSIONS:
        figures = rc.get(dimension)
        if not isinstance(figures, dict):
            raise _fail(path, f"reliable_change has no figures for '{dimension}'")
        sd, r = figures.get("sd"), figures.get("r")
        if not isinstance(sd, int | float) or sd <= 0:
            raise _fail(path, f"reliable_change.{dimension}.sd must be a positive number")
        if not isinstance(r, int | float) or not (0 <= r < 1):
            raise _fail(path, f"reliable_change.{dimension}.r must be in [0, 1)")
    for target, own in (rc.get("by_target") or {}).items():
        r = own.get("r") if isinstance(own, dict) else None
        if not isinstance(r, int | float) or not (0 <= r < 1) or not str(own.get("citation_short", "")).strip():
            raise _fail(path, f"reliable_change.by_target.{target} needs r in [0, 1) and a citation_short")
        if own.get("status") not in ("cited", "provisional"):
            raise _fail(path, f"reliable_change.by_target.{target}.status must be 'cited' or 'provisional'")
    block = rc.get("error_correlation")
    if block is not None:
        rho = block.get("rho") if isinstance(block, dict) else None
        if not isinstance(rho, int | float) or not (-1 < rho < 1) or not str(block.get("citation_short", "")).strip():
            raise _fail(path, "reliable_change.error_correlation needs rho in (-1, 1) and a citation_short")
    return rc


def _parse_targets(raw_targets, path: Path | str) -> list[Target]:
    targets: list[Target] = []
    if not isinstance(raw_targets, list) or not raw_targets:
        raise _fail(path, "per_target instruments need a non-empty 'targets' list")
    for raw in raw_targets:
        if not isinstance(raw, dict) or not raw.get("slug"):
            raise _fail(path, "every target needs a 'slug'")
        targets.append(Target(slug=raw["slug"], labels=_texts(path, f"target '{raw['slug']}'", raw)))
    slugs = [t.slug for t in targets]
    if len(set(slugs)) != len(slugs):
        raise _fail(path, "duplicate target slugs")
    return targets


def load_instrument(path: Path | str) -> Instrument:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _fail(path, "file not found") from None
    except json.JSONDecodeError as error:
        raise _fail(path, f"not valid JSON ({error})") from None
    return parse_instrument(data, path)


def load_directory(directory: Path | str = INSTRUMENT_DIR) -> dict[str, Instrument]:
    instruments = {}
    for path in sorted(Path(directory).glob("*.json")):
        instrument = load_instrument(path)
        instruments[instrument.slug] = instrument
    if not instruments:
        raise InstrumentError(f"no instrument files in {directory}")
    return instruments


@cache
def _registry() -> dict[str, Instrument]:
    return load_directory(INSTRUMENT_DIR)


def all_instruments() -> list[Instrument]:
    return list(_registry().values())


def get_instrument(slug: str) -> Instrument:
    try:
        return _registry()[slug]
    except KeyError:
        raise InstrumentError(f"unknown instrument '{slug}'") from None
