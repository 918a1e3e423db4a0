"""French first: every page string has its French translation, and French formats."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from api.pages.i18n import LOCALE_DIR, Formats, translations

REPO = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def extracted() -> set[str | tuple[str, ...]]:
    """The msgids the pages use now, extracted as `make messages` does."""
    found = extract_from_dir(
        REPO / "api",
        method_map=[("pages/**.py", "python"), ("templates/**.html", "jinja2")],
        options_map={"templates/**.html": {"trimmed": "true"}},
        keywords={"N_": None, "_": None, "gettext": None, "ngettext": (1, 2)},
    )
    return {message[2] if isinstance(message[2], str) else tuple(message[2]) for message in found}


@pytest.fixture(scope="module")
def french():
    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale="fr")


def test_every_page_string_has_a_french_translation(french) -> None:
    catalogue = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in french if m.id}
    used = extracted()
    assert len(used) > 100  # the extraction really found the templates and modules
    missing = sorted(str(msgid) for msgid in used if msgid not in catalogue)
    untranslated = sorted(
        str(msgid)
        for msgid in used
        if msgid in catalogue
        and (catalogue[msgid].fuzzy or not all(_forms(catalogue[msgid].string)))
    )
    assert missing == [], "run `make messages` and translate the new entries"
    assert untranslated == [], "translate these entries of api/locale/fr/LC_MESSAGES/messages.po"


def _forms(string: str | tuple[str, ...]) -> tuple[str, ...]:
    return (string,) if isinstance(string, str) else tuple(string)


def test_translations_keep_their_placeholders(french) -> None:
    for message in french:
        if not message.id:
            continue
        expected = set(PLACEHOLDER.findall("".join(_forms(message.id))))
        for form in _forms(message.string):
            assert set(PLACEHOLDER.findall(form)) <= expected | {"num"}, message.id
            assert expected - {"num"} <= set(PLACEHOLDER.findall(form)), message.id


def test_french_typography_uses_no_break_spaces(french) -> None:
    """No line may break between a word and « : ; ? ! » or inside « … »."""
    for message in french:
        for form in _forms(message.string) if message.id else ():
            assert not re.search(r" [:;?!»]|« ", form), form


def test_the_catalogue_compiles_and_english_needs_none() -> None:
    assert translations("fr").gettext("Sign in") == "Se connecter"
    assert translations("en").gettext("Sign in") == "Sign in"
    assert (
        translations("fr").ngettext("%(num)d version", "%(num)d versions", 2) == "%(num)d versions"
    )


def fixed_now() -> datetime:
    return datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def test_french_dates_numbers_and_durations() -> None:
    fr, en = Formats("fr", fixed_now), Formats("en", fixed_now)
    deadline = datetime(2026, 12, 31, 22, 59, tzinfo=UTC)  # 23:59 in Paris
    assert fr.datetime(deadline) == "31 décembre 2026, 23:59"
    assert en.datetime(deadline).startswith("December 31, 2026")
    assert fr.date(datetime(2027, 1, 1, 9, tzinfo=UTC)) == "1er janvier 2027"
    assert fr.until(deadline) == "dans 34 jours"  # 33 days 13 hours: days, never « 1 mois »
    assert fr.until(datetime(2026, 11, 29, 16, tzinfo=UTC)) == "dans 30 heures"
    assert fr.until(datetime(2026, 11, 28, 10, 20, tzinfo=UTC)) == "dans 20 minutes"
    assert fr.until(datetime(2026, 11, 28, 7, tzinfo=UTC)) == "il y a 3 heures"
    assert fr.number(1140000.5) == "1\u202f140\u202f000,5"
    assert en.number(1140000.5) == "1,140,000.5"
    assert fr.percent(0.758) == "75,8\u00a0%" and en.percent(0.758) == "75.8%"
    assert fr.size(46_400) == "45,3\u202fko"
    assert (
        fr.figures("Point mort = 283.03 jours ; 02/04/2024")
        == "Point mort = 283,03 jours ; 02/04/2024"
    )
    assert en.figures("283.03 days") == "283.03 days"
    assert fr.figure(["fr", "en"]) == "français, anglais" and en.figure(["fr"]) == "French"
    assert fr.figure(301538.0) == "301\u202f538" and fr.figure("4.2 mois") == "4,2 mois"
    assert fr.figure(None) == "—" and fr.figure(["C1.1.1"]) == "C1.1.1"
