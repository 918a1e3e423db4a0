"""Independent answers to the figures a candidate states: the yardstick's own arithmetic.

Written from ../shared/DOMAIN.md only, never from `pipeline/`, so that a shared mistake cannot
make both the checker and its measure agree. Every function is small enough to check by eye.
"""

from __future__ import annotations

from datetime import date, timedelta


def easter(year: int) -> date:
    """Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def french_holidays(year: int) -> set[date]:
    """Metropolitan public holidays (Code du travail L3133-1), Whit Monday included."""
    sunday = easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    movable = [sunday + timedelta(days=n) for n in (1, 39, 50)]  # Monday, Ascension, Whit Monday
    return {date(year, m, d) for m, d in fixed} | set(movable)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in french_holidays(day.year)


def working_days(start: date, end: date) -> int:
    """Jours ouvrés from start to end, both included."""
    count, day = 0, start
    while day <= end:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def weekdays(start: date, end: date) -> int:
    """Monday–Friday days, holidays NOT removed (the classic mistake)."""
    return sum((start + timedelta(days=n)).weekday() < 5 for n in range((end - start).days + 1))


def nth_working_day(start: date, n: int) -> date:
    """The date of the n-th jour ouvré counting `start` as the first when it is one."""
    if n < 1:
        raise ValueError("n starts at 1")
    day, seen = start, 0
    while True:
        if is_working_day(day):
            seen += 1
            if seen == n:
                return day
        day += timedelta(days=1)


def mcv_rate(ca: float, cv: float) -> float:
    """Taux de marge sur coût variable = (CA − CV) / CA."""
    return (ca - cv) / ca


def break_even(ca: float, cv: float, cf: float) -> float:
    """Seuil de rentabilité = CF / taux de MCV."""
    return cf / mcv_rate(ca, cv)


def break_even_units(cf: float, price: float, unit_cost: float) -> float:
    return cf / (price - unit_cost)


def break_even_months(sr: float, ca: float) -> float:
    return sr / ca * 12


def break_even_days(sr: float, ca: float, year_days: int) -> float:
    return sr / ca * year_days


def break_even_date(sr: float, ca: float, start: date, year_days: int = 365) -> date:
    """The day the cumulated (evenly spread) turnover reaches SR, from the plan's first day."""
    return start + timedelta(days=int(break_even_days(sr, ca, year_days)))


def margin_of_safety(ca: float, sr: float) -> float:
    return ca - sr


def safety_index(ca: float, sr: float) -> float:
    return (ca - sr) / ca


def operating_leverage(ca: float, sr: float) -> float:
    return 1 / safety_index(ca, sr)


def nps(promoters: int, passives: int, detractors: int) -> float:
    """% promoters − % detractors over all respondents (passives count in the total)."""
    return (promoters - detractors) / (promoters + passives + detractors) * 100


def csat(scores: dict[int, int]) -> float:
    """Share (%) of 4 and 5 answers on a 1–5 scale."""
    total = sum(scores.values())
    return (scores.get(4, 0) + scores.get(5, 0)) / total * 100


def csat_mean(scores: dict[int, int]) -> float:
    total = sum(scores.values())
    return sum(score * n for score, n in scores.items()) / total


def net_margin(result: float, ca: float) -> float:
    return result / ca


def achievement(actual: float, target: float) -> float:
    return actual / target


def conversion(orders: int, sessions: int) -> float:
    return orders / sessions


def average_basket(revenue: float, orders: int) -> float:
    return revenue / orders


def pricing(
    unit_price: float, quantity: int, discount: float, vat: float = 0.20
) -> dict[str, float]:
    """HT brut, remise, HT net, TVA and TTC of a quotation line."""
    gross = unit_price * quantity
    rebate = gross * discount
    net = gross - rebate
    tax = net * vat
    return {"gross": gross, "discount": rebate, "net": net, "vat": tax, "ttc": net + tax}
