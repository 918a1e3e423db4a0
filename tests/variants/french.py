"""How French candidates write numbers, amounts, rates and dates.

Formatting only: which value is written is decided by the composer; this module decides how it
looks ("1 260 000 €", "1,26 M€", "soixante-neuf", "06/01/2025"...).
"""

from __future__ import annotations

from datetime import date

SPACES = {"space": " ", "nbsp": "\u00a0", "narrow": "\u202f", "none": ""}

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
MONTHS_SHORT = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def number(value: float, decimals: int = 0, sep: str = "space") -> str:
    """French grouping (space family) and decimal comma; `decimals` fixes the precision."""
    value = rounded(value, decimals)
    text = f"{abs(value):,.{decimals}f}"
    whole, _, frac = text.partition(".")
    whole = whole.replace(",", SPACES[sep])
    sign = "−" if value < 0 and round(abs(value), decimals) != 0 else ""
    return sign + whole + ("," + frac if frac else "")


def signed(value: float, decimals: int = 0) -> str:
    """NPS style: "+25,7", "−4", "0"."""
    text = number(value, decimals)
    return text if text.startswith("−") or round(value, decimals) == 0 else "+" + text


def percent(value: float, decimals: int = 0, tight: bool = False) -> str:
    """`value` in percent points (35.0 -> "35 %")."""
    return number(value, decimals) + ("%" if tight else "\u00a0%")


def rounded(value: float, decimals: int) -> float:
    """Half-up rounding, as people round by hand (Python's round() is half-even); a
    negative `decimals` rounds to tens, hundreds, thousands."""
    factor = 10.0**decimals
    whole = int(abs(value) * factor + 0.5 + 1e-9)
    return (whole / factor) * (1 if value >= 0 else -1)


def money(value: float, style: str, sep: str = "space") -> str:
    """An amount in euros written the way `style` says; the value is rounded to what is shown.

    styles: eur ("1 260 000 €"), eur_word ("1 260 000 euros"), keur ("1 260 k€"),
    meur ("1,26 M€"), million_words ("1,26 million d’euros"), eur_prefix ("€1,260,000").
    """
    if style == "eur":
        return number(rounded(value, 0), 0, sep) + "\u00a0€"
    if style == "eur_word":
        return number(rounded(value, 0), 0, sep) + " euros"
    if style == "keur":
        return number(rounded(value / 1000, 0), 0, sep) + "\u00a0k€"
    if style == "meur":
        return number(rounded(value / 1e6, 2), 2) + "\u00a0M€"
    if style == "million_words":
        amount = rounded(value / 1e6, 2)
        unit = "million" if amount < 2 else "millions"
        return f"{number(amount, 2)} {unit} d’euros"
    if style == "eur_prefix":
        return f"€{rounded(value, 0):,.0f}"
    raise ValueError(style)


def money_value(value: float, style: str) -> float:
    """The value a reader takes from `money(value, style)` (what was actually written)."""
    if style == "keur":
        return rounded(value / 1000, 0) * 1000
    if style in {"meur", "million_words"}:
        return rounded(value / 1e6, 2) * 1e6
    return rounded(value, 0)


def date_fr(day: date, style: str) -> str:
    """styles: long ("6 janvier 2025"), weekday ("lundi 6 janvier 2025"), short ("6 janv.
    2025"), numeric ("06/01/2025"), iso ("2025-01-06"), dashed ("06-01-2025")."""
    d = "1er" if day.day == 1 else str(day.day)
    if style == "long":
        return f"{d} {MONTHS[day.month - 1]} {day.year}"
    if style == "weekday":
        return f"{WEEKDAYS[day.weekday()]} {d} {MONTHS[day.month - 1]} {day.year}"
    if style == "short":
        return f"{d} {MONTHS_SHORT[day.month - 1]} {day.year}"
    if style == "numeric":
        return day.strftime("%d/%m/%Y")
    if style == "iso":
        return day.isoformat()
    if style == "dashed":
        return day.strftime("%d-%m-%Y")
    if style == "month_year":
        return f"{MONTHS[day.month - 1]} {day.year}"
    raise ValueError(style)


_UNITS = [
    *("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"),
    *("onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit"),
    "dix-neuf",
]
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def words(n: int) -> str:
    """French number words, 0–999 (1990 spelling: hyphens everywhere except "et un")."""
    if not 0 <= n <= 999:
        raise ValueError(n)
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        if tens in (7, 9):  # soixante-dix…, quatre-vingt-dix…
            head = "soixante" if tens == 7 else "quatre-vingt"
            if tens == 7 and unit == 1:
                return "soixante et onze"
            return f"{head}-{_UNITS[10 + unit]}"
        if tens == 8:
            return "quatre-vingts" if unit == 0 else f"quatre-vingt-{_UNITS[unit]}"
        head = _TENS[tens]
        if unit == 0:
            return head
        return f"{head} et un" if unit == 1 else f"{head}-{_UNITS[unit]}"
    hundreds, rest = divmod(n, 100)
    head = "cent" if hundreds == 1 else f"{_UNITS[hundreds]} cent" + ("s" if rest == 0 else "")
    return head if rest == 0 else f"{head} {words(rest)}"


def roman(n: int) -> str:
    out = []
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def letter(n: int, upper: bool = True) -> str:
    text = chr(ord("a") + n - 1)
    return text.upper() if upper else text
