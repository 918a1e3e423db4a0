"""French first, English as a switch: catalogues, the reader's language, dates and numbers.

Every visible string is an English msgid translated through `api/locale/<lang>/LC_MESSAGES/
messages.po` (French is complete, English needs no catalogue). The committed `.po` files are
compiled in memory the first time a language is used, so there is no build step to forget.
The chosen language lives in a cookie; without one, pages are French. Dates are shown in
Europe/Paris time (the certification's), numbers and dates formatted by Babel for the language.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from functools import cache
from gettext import NullTranslations
from pathlib import Path
from typing import Final, Literal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time, format_timedelta, get_datetime_format
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations
from babel.units import format_unit
from starlette.requests import Request

LOCALE_DIR: Final = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES: Final = ("fr", "en")
DEFAULT_LANGUAGE: Final = "fr"
LANGUAGE_COOKIE: Final = "portfolio_lang"
LANGUAGE_NAMES: Final = {"fr": "Français", "en": "English"}
DISPLAY_ZONE: Final = ZoneInfo("Europe/Paris")
DAYS_FROM: Final = dt.timedelta(days=2)
HOURS_FROM: Final = dt.timedelta(hours=2)
DECIMAL_POINT: Final = re.compile(r"(?<![\d.,])(\d+)\.(\d+)(?![\d.,])")


def N_(message: str) -> str:
    """Mark a string for the catalogue without translating it yet (translated when shown)."""
    return message


@cache
def translations(language: str) -> NullTranslations:
    """The language's catalogue, compiled from its committed `.po` file (English: the msgids)."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return NullTranslations()
    with po.open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled)


def language_of(request: Request) -> str:
    """The reader's language: the cookie when it names a known one, else French."""
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


class Formats:
    """Dates, durations and numbers in one language (bound into each template's context)."""

    def __init__(self, language: str, now: Callable[[], dt.datetime]) -> None:
        self.language = language
        self._now = now

    def date(self, value: dt.date | dt.datetime | None) -> str:
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            value = value.astimezone(DISPLAY_ZONE)
        text = format_date(value, "long", locale=self.language)
        if self.language == "fr" and value.day == 1 and text.startswith("1 "):
            text = "1er" + text[1:]  # « 1er janvier », as French writes the first of a month
        return text

    def datetime(self, value: dt.datetime | None) -> str:
        """`31 décembre 2026, 23:59` (Paris time)."""
        if value is None:
            return ""
        local = value.astimezone(DISPLAY_ZONE)
        pattern = str(get_datetime_format("long", locale=self.language)).replace("'", "")
        time = format_time(local, "short", locale=self.language)
        return pattern.replace("{0}", time).replace("{1}", self.date(local))

    def until(self, moment: dt.datetime) -> str:
        """`dans 45 jours`, `dans 5 heures`, `il y a 20 minutes`: precise enough for a
        deadline (Babel's default would round 45 days to « 2 mois »)."""
        delta: dt.timedelta = moment - self._now()
        size = abs(delta)
        unit: Literal["day", "hour", "minute"] = (
            "day" if size >= DAYS_FROM else "hour" if size >= HOURS_FROM else "minute"
        )
        return format_timedelta(
            delta, granularity=unit, threshold=10**9, add_direction=True, locale=self.language
        )

    def number(self, value: float | int | None, digits: int = 2) -> str:
        if value is None:
            return ""
        return format_decimal(value, format="#,##0." + "#" * digits, locale=self.language)

    def figures(self, text: str) -> str:
        """Decimal points written by the checkers (`283.03 jours`) as the language writes them."""
        if self.language != "fr":
            return text
        return DECIMAL_POINT.sub(r"\1,\2", text)

    def figure(self, value: object) -> str:
        """A stated or expected value of a check: a number, a text, or a list (of languages)."""
        if value is None:
            return "—"
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int | float):
            return self.number(value)
        if isinstance(value, list | tuple):
            return ", ".join(self.language_name(str(item)) for item in value)
        return self.figures(str(value))

    def language_name(self, code: str) -> str:
        """`en` → `anglais` (in French); anything that is not a language code stays as it is."""
        names = Locale.parse(self.language).languages
        return names.get(code, code) if re.fullmatch(r"[a-z]{2,3}", code) else code

    def percent(self, value: float | None) -> str:
        if value is None:
            return ""
        pattern = Locale.parse(self.language).percent_formats[None].pattern
        return format_percent(value, format=pattern.replace("0", "0.#", 1), locale=self.language)

    def size(self, size: int) -> str:
        """A file size: `35 ko`, `1,2 Mo` in French."""
        for unit, scale in (("digital-megabyte", 1024 * 1024), ("digital-kilobyte", 1024)):
            if size >= scale:
                value = size / scale
                return format_unit(
                    value, unit, length="short", format="#,##0.#", locale=self.language
                )
        return format_unit(size, "digital-byte", length="short", locale=self.language)
