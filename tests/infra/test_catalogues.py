"""Every Dutch translation in our catalogues is the one Django shows.

Django merges all catalogues into one and takes the first translation of a msgid it
finds (the project's locale/ first, then the apps in INSTALLED_APPS order, Django's
own last), so a msgid that Django admin, allauth or another of our apps translates
differently silently loses. Domain words therefore carry a pgettext context.
"""

import re
from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)


def our_catalogues():
    paths = [Path(p) / "nl" / "LC_MESSAGES" / "django.po" for p in settings.LOCALE_PATHS]
    paths += sorted(ROOT.glob("*/locale/nl/LC_MESSAGES/django.po"))
    return [p for p in paths if p.exists() and ".venv" not in p.parts]


def live_entries():
    for path in our_catalogues():
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                yield path.relative_to(ROOT), entry


def running_translation(entry, n=None):
    if entry.msgid_plural:
        if entry.msgctxt:
            return translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
        return translation.ngettext(entry.msgid, entry.msgid_plural, n)
    if entry.msgctxt:
        return translation.pgettext(entry.msgctxt, entry.msgid)
    return translation.gettext(entry.msgid)


def test_we_have_catalogues_to_check():
    names = {str(p.relative_to(ROOT)) for p in our_catalogues()}
    assert "locale/nl/LC_MESSAGES/django.po" in names
    assert "diary/locale/nl/LC_MESSAGES/django.po" in names
    assert len(names) >= 10


def test_no_entry_is_fuzzy_or_untranslated():
    bad = []
    for path, entry in live_entries():
        if "fuzzy" in entry.flags:
            bad.append(f"{path}: fuzzy {entry.msgid!r}")
        elif entry.msgid_plural and not all(entry.msgstr_plural.values()):
            bad.append(f"{path}: untranslated plural {entry.msgid!r}")
        elif not entry.msgid_plural and not entry.msgstr:
            bad.append(f"{path}: untranslated {entry.msgid!r}")
    assert not bad, "\n".join(bad)


def test_every_dutch_translation_reaches_the_screen():
    lost = []
    with translation.override("nl"):
        for path, entry in live_entries():
            if "fuzzy" in entry.flags:
                continue
            if entry.msgid_plural:
                # Dutch: index 0 for one, index 1 for any other count.
                for n, index in ((1, 0), (2, 1), (5, 1)):
                    want = entry.msgstr_plural.get(index)
                    got = running_translation(entry, n)
                    if want and got != want:
                        lost.append(f"{path}: {entry.msgctxt or ''}|{entry.msgid!r} n={n}: {got!r} != {want!r}")
            elif entry.msgstr:
                got = running_translation(entry)
                if got != entry.msgstr:
                    where = f"{path}: {entry.msgctxt or ''}|{entry.msgid!r}"
                    lost.append(f"{where}: shows {got!r}, catalogue {entry.msgstr!r}")
    assert not lost, f"{len(lost)} translations never reach the screen:\n" + "\n".join(lost)


FORMAL = re.compile(r"\b(u|uw|U|Uw|uzelf)\b|a\.u\.b\.|alstublieft")
BERICHT = re.compile(r"bericht", re.IGNORECASE)


def test_our_dutch_says_je_and_calls_a_diary_entry_a_notitie():
    bad = []
    for path, entry in live_entries():
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if FORMAL.search(text):
                bad.append(f"{path}: formal address in {text!r}")
            if "entr" in entry.msgid.lower() and BERICHT.search(text):
                bad.append(f"{path}: a diary entry is a notitie, not {text!r}")
    assert not bad, "\n".join(bad)


def test_the_i_feel_helper_reads_as_natural_dutch():
    with translation.override("nl"):
        assert translation.gettext("I feel …") == "Ik voel me …"
        assert translation.gettext("I need …") == "Ik heb … nodig"
        helper = translation.gettext("“I feel … when … because … I need …” instead of “you always …”.")
    assert "Ik voel me … wanneer … omdat … Ik heb … nodig" in helper
