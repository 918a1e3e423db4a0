"""Figure statements with their verdicts: the numbers of one production, phrased by the factors.

Each builder draws the facts, computes the truth with `oracle`, writes the statements the way
the factor levels say, and returns the blocks of each figure-bearing part plus the expected
verdict of each check. A wrong figure is wrong beyond any tolerance (≥ 12 % off, or the right
answer to a wrong question); a right figure is the true value rounded to the precision written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from tests.variants import french as fr
from tests.variants import oracle
from tests.variants.bank import Bank
from tests.variants.spec import Block, Para, Table

# Checks the checker will gain (issue 14); the script reports them as "not yet checked" while
# the checker's JSON has no result with that id. Rename here if the checker picks other ids.
FUTURE_CHECKS = (
    "margin_of_safety",
    "safety_index",
    "net_margin",
    "kpi_achievement",
    "conversion_rate",
    "average_basket",
    "pricing",
)


@dataclass
class Figures:
    parts: dict[str, list[Block]] = field(default_factory=dict)  # part key -> blocks
    checks: dict[str, str] = field(default_factory=dict)  # check id -> expected verdict
    absent_parts: set[str] = field(default_factory=set)  # parts the layout leaves out
    carriers: dict[str, str] = field(default_factory=dict)  # check id -> part carrying it


def _wrong(rng: Random, value: float, low: float = 0.12, high: float = 0.35) -> float:
    """A value off by 12–35 %, either way: wrong beyond any tolerance."""
    return value * (1 + rng.choice((-1, 1)) * rng.uniform(low, high))


def _pick(rng: Random, bank: Bank, key: str) -> str:
    return rng.choice(bank.phrasings[key])


def _fill(template: str, **values) -> str:
    return template.format(**values)


# ------------------------------------------------------------------------------------ E1
def e1(rng: Random, bank: Bank, factors: dict, year: int) -> Figures:
    out = Figures()
    money = factors["money"]
    fine = factors["precision"] == "fine"
    clean = rng.random() < 0.5
    while True:
        if clean:
            ca = rng.randrange(5, 31) * 100_000
            rate = rng.choice((0.30, 0.35, 0.38, 0.40, 0.42, 0.45, 0.55, 0.58, 0.60, 0.65))
            cv = round(ca * (1 - rate))
        else:
            ca = rng.randrange(50, 300) * 10_000
            cv = rng.randrange(int(ca * 0.35) // 10_000, int(ca * 0.70) // 10_000) * 10_000
        rate = oracle.mcv_rate(ca, cv)
        if abs(rate - 0.5) < 0.04:
            continue  # CF / taux de CV must differ from the true SR beyond any tolerance
        cf = round(rate * ca * rng.uniform(0.55, 0.92) / 1000) * 1000
        sr = oracle.break_even(ca, cv, cf)
        if 0.5 < sr / ca < 0.95:
            break
    result = ca - cv - cf
    sep = rng.choice(("space", "nbsp", "narrow"))

    def m(value: float, style: str | None = None) -> str:
        return fr.money(value, style or money, sep)

    # Inputs and operands are written exactly (k€ only when the candidate counts in k€): a
    # rounded operand would make the expected answer ambiguous. `money` styles the results.
    exact = "keur" if money == "keur" else "eur"

    def x(value: float) -> str:
        return fr.money(value, exact, sep)

    rate_text = fr.percent(rate * 100, 2 if round(rate * 10_000) % 100 else 0)
    values = {"ca": x(ca), "cv": x(cv), "cf": x(cf), "mcv": x(ca - cv), "rate": rate_text}
    values["year"] = year

    # Budget table (the break-even inputs) or their absence
    sr_truth = factors["sr_truth"]
    layout = factors["budget_layout"]
    budget: list[Block] = [Para(_fill(_pick(rng, bank, "budget_lead"), year=year))]
    if sr_truth == "undetermined":
        budget += [Para(_pick(rng, bank, "no_inputs")), Table(_spend_table(rng, bank, sep))]
    elif layout == "prose_only":
        budget = [Para(_fill(_pick(rng, bank, "inputs_prose"), **values))]
        out.absent_parts.add("budget_table")
    else:
        budget.append(Table(_budget_table(rng, bank, layout, ca, cv, cf, sep), long=True))
    if sr_truth != "undetermined" and rng.random() < 0.6:
        budget.append(Para(_fill(_pick(rng, bank, "mcv"), **values)))
    out.parts["budget_table"] = budget

    # Seuil de rentabilité
    stated_sr = {
        "correct": sr,
        "wrong": _wrong(rng, sr),
        "wrong_question": cf / (1 - rate),  # CF / taux de charges variables
        "undetermined": sr,
        "not_stated": None,
    }[sr_truth]
    if not fine and stated_sr is not None and money in {"eur", "eur_word"}:
        stated_sr = fr.rounded(stated_sr, -3)  # rounded to the thousand: "1 257 000 €"
    ms_true = oracle.margin_of_safety(ca, sr)
    ratios_ok = factors["ratios_truth"] == "correct"
    ms = ms_true if ratios_ok else _wrong(rng, ms_true, 0.2, 0.5)
    values.update(sr=m(stated_sr) if stated_sr is not None else "", ms=m(ms))
    phrasing = factors["sr_phrasing"]
    if sr_truth == "undetermined" and phrasing in {"formula_chain", "margin_adjacent"}:
        phrasing = factors["sr_phrasing"] = "plain"  # those phrasings state inputs
    indicator_rows: list[list[str]] = []
    sr_blocks: list[Block] = []
    if stated_sr is not None:
        if phrasing == "table":
            label = _pick(rng, bank, "sr:table_label")
            indicator_rows.append([label, _pick(rng, bank, "sr:formula_label"), values["sr"]])
        else:
            sr_blocks.append(Para(_fill(_pick(rng, bank, f"sr:{phrasing}"), **values)))
    out.checks["break_even"] = {
        "correct": "pass",
        "wrong": "fail",
        "wrong_question": "fail",
    }.get(sr_truth, "undetermined")
    determinable = sr_truth != "undetermined"

    # Point mort
    pm_truth, pm_form = factors["pm_truth"], factors["pm_form"]
    pm_blocks: list[Block] = []
    if pm_truth != "not_stated":
        ok = pm_truth == "correct"
        start = date(year, rng.choice((1, 1, 4, 9)), 1)
        frac = sr / ca
        if pm_form in {"months", "table"}:
            months = frac * 12 if ok else frac * 12 + rng.choice((-1, 1)) * rng.uniform(1.6, 3)
            text = fr.number(fr.rounded(months, 2 if fine else 1), 2 if fine else 1)
            value = text if fine else text
        elif pm_form in {"days_360", "days_365"}:
            basis = 360 if pm_form == "days_360" else 365
            days = frac * basis if ok else frac * basis + rng.choice((-1, 1)) * rng.randint(50, 90)
            value = str(int(fr.rounded(days, 0))) if fine else str(int(fr.rounded(days / 5, 0) * 5))
            if not fine:
                value = _pick(rng, bank, "about") + " " + value
        else:  # a date, from the plan's first day
            shift = 0 if ok else rng.choice((-1, 1)) * rng.randint(55, 95)
            day = oracle.break_even_date(sr, ca, start) + timedelta(days=shift)
            value = fr.date_fr(day, "long" if fine else "numeric")
        if pm_form == "table":
            label, formula = (
                _pick(rng, bank, "pm:table_label"),
                _pick(rng, bank, "pm:formula_label"),
            )
            indicator_rows.append([label, formula, value])
        else:
            template = _pick(rng, bank, f"pm:{pm_form}")
            pm_blocks.append(Para(_fill(template, pm=value, start=fr.date_fr(start, "long"))))
        out.checks["point_mort"] = ("pass" if ok else "fail") if determinable else "undetermined"
    else:
        out.checks["point_mort"] = "undetermined"
    if indicator_rows:
        header = list(_pick(rng, bank, "indicator:headers"))
        target = sr_blocks if phrasing == "table" else pm_blocks
        target.append(Table([header, *indicator_rows]))
    out.parts["seuil_rentabilite"] = sr_blocks or [Para(_pick(rng, bank, "no_inputs"))]
    out.parts["point_mort"] = pm_blocks or [Para(_pick(rng, bank, "no_inputs"))]

    # Ratios: margin of safety, safety index, net margin
    safety = oracle.safety_index(ca, sr) if ratios_ok else _wrong(rng, oracle.safety_index(ca, sr))
    margin = oracle.net_margin(result, ca) if ratios_ok else _wrong(rng, result / ca)
    ratios = [
        Para(_fill(_pick(rng, bank, "ms"), ms=m(ms))),
        Para(_fill(_pick(rng, bank, "is"), **{"is": fr.percent(safety * 100, 1)})),
        Para(
            _fill(
                _pick(rng, bank, "net_margin"),
                result=x(result),
                ca=x(ca),
                nm=fr.percent(margin * 100, 1),
            )
        ),
    ]
    if sr_truth == "undetermined":  # no figure that would reveal CA, CV or CF
        ratios = [Para(_pick(rng, bank, "ratios_qualitative"))]
    out.parts["ratios"] = ratios
    verdict = "pass" if ratios_ok else "fail"
    if not determinable:
        verdict = "undetermined"
    out.checks.update(margin_of_safety=verdict, safety_index=verdict, net_margin=verdict)
    out.carriers = {
        "break_even": "seuil_rentabilite",
        "point_mort": "point_mort",
        "margin_of_safety": "ratios",
        "safety_index": "ratios",
        "net_margin": "ratios",
    }
    return out


def _budget_table(
    rng: Random, bank: Bank, layout: str, ca: float, cv: float, cf: float, sep: str
) -> list[list[str]]:
    """The inputs of the break-even as a table, in the layout the factor level names."""

    def n(value: float) -> str:
        return fr.number(value, 0, sep)

    labels = list(_pick(rng, bank, "budget:labels"))  # CA, CV, MCV, CF, résultat
    item, amount, euros, keur, rank, share = _pick(rng, bank, "budget:headers")
    amounts = [ca, cv, ca - cv, cf, ca - cv - cf]
    pairs = list(zip(labels, amounts, strict=True))
    if layout == "label_first":
        return [[item, amount]] + [[lab, n(v) + "\u00a0€"] for lab, v in pairs]
    if layout == "numbered_first":
        return [[rank, item, euros]] + [[str(i), lab, n(v)] for i, (lab, v) in enumerate(pairs, 1)]
    if layout == "keur_header":
        return [[item, keur]] + [[lab, n(v / 1000)] for lab, v in pairs]
    if layout == "transposed":
        return [["", *labels], [euros, *[n(v) for v in amounts]]]
    if layout == "percent_column":
        rows = [[item, share, amount]]
        rows += [[lab, fr.percent(v / ca * 100, 1), n(v) + "\u00a0€"] for lab, v in pairs]
        return rows
    if layout == "monthly_total":
        months = [m.capitalize() for m in fr.MONTHS_SHORT]
        rows = [[item, *months, _pick(rng, bank, "total")]]
        for lab, v in (pairs[0], pairs[1], pairs[3]):
            monthly = [round(v / 12 / 100) * 100] * 11
            monthly.append(v - sum(monthly))
            rows.append([lab, *[n(x) for x in monthly], n(v)])
        return rows
    raise ValueError(layout)


def _spend_table(rng: Random, bank: Bank, sep: str) -> list[list[str]]:
    """Planned spending only: a budget without the inputs of the break-even."""
    header, lines, total = _pick(rng, bank, "spend:table")
    rows = [list(header)]
    rows += [[label, fr.number(v, 0, sep) + "\u00a0€"] for label, v in lines]
    rows.append([total, fr.number(sum(v for _, v in lines), 0, sep) + "\u00a0€"])
    return rows


# ------------------------------------------------------------------------------------ E2
def e2(rng: Random, bank: Bank, factors: dict, year: int) -> Figures:
    out = Figures()
    target = rng.randrange(80, 260) * 10  # k€, semester objective
    actual = round(target * rng.uniform(0.78, 1.12))
    ach = oracle.achievement(actual, target)
    kpi_ok = factors["kpi_truth"] == "correct"
    shown = ach if kpi_ok else _wrong(rng, ach, 0.15, 0.3)
    ach_text = fr.percent(fr.rounded(shown * 100, 0), 0)
    sessions = rng.randrange(120, 900) * 100
    conv = rng.uniform(0.011, 0.035)
    orders = round(sessions * conv)
    conv = oracle.conversion(orders, sessions)
    revenue = orders * rng.uniform(60, 240)
    revenue = round(revenue / 10) * 10
    basket = oracle.average_basket(revenue, orders)
    conv_ok = factors["conversion_truth"] == "correct"
    basket_ok = factors["basket_truth"] == "correct"
    conv_shown = conv if conv_ok else _wrong(rng, conv, 0.2, 0.4)
    basket_shown = basket if basket_ok else _wrong(rng, basket, 0.15, 0.35)
    headers = _pick(rng, bank, "kpi:headers")
    rows = [list(headers)]
    rows.append([_pick(rng, bank, "kpi:ca_label"), fr.number(target), fr.number(actual), ach_text])
    rows.append(
        [
            _pick(rng, bank, "kpi:orders_label"),
            fr.number(round(orders * 1.1)),
            fr.number(orders),
            fr.percent(orders / round(orders * 1.1) * 100, 0),
        ]
    )
    out.parts["kpi_table"] = [Table(rows, long=True)]
    conv_text = fr.percent(fr.rounded(conv_shown * 100, 2), 2)
    values = dict(sessions=fr.number(sessions), orders=fr.number(orders), conv=conv_text)
    values.update(
        revenue=fr.money(revenue, "eur"),
        basket=fr.number(fr.rounded(basket_shown, 2), 2) + "\u00a0€",
    )
    out.parts["ecommerce_kpis"] = [
        Para(_fill(_pick(rng, bank, "conversion"), **values)),
        Para(_fill(_pick(rng, bank, "basket"), **values)),
    ]
    out.checks.update(
        kpi_achievement="pass" if kpi_ok else "fail",
        conversion_rate="pass" if conv_ok else "fail",
        average_basket="pass" if basket_ok else "fail",
    )

    # Pricing of the proposal
    qty = rng.randrange(20, 240)
    unit = rng.randrange(40, 400)
    disc = rng.choice((0.05, 0.08, 0.10, 0.12, 0.15))
    price = oracle.pricing(unit, qty, disc)
    price_ok = factors["pricing_truth"] == "correct"
    ttc = price["ttc"] if price_ok else _wrong(rng, price["ttc"], 0.12, 0.3)
    e = lambda v: fr.number(fr.rounded(v, 2), 2) + "\u00a0€"  # noqa: E731
    if factors["pricing_layout"] == "table":
        rows = [list(_pick(rng, bank, "pricing:headers"))]
        rows.append([_pick(rng, bank, "pricing:item"), str(qty), e(unit), e(price["gross"])])
        rebate, net, vat, total = _pick(rng, bank, "pricing:lines")
        rows.append([f"{rebate} {fr.percent(disc * 100, 0)}", "", "", "−" + e(price["discount"])])
        rows += [
            [net, "", "", e(price["net"])],
            [vat, "", "", e(price["vat"])],
            [total, "", "", e(ttc)],
        ]
        out.parts["pricing"] = [Table(rows, long=True)]
    else:
        text = _fill(
            _pick(rng, bank, "pricing:prose"),
            qty=qty,
            unit=e(unit),
            gross=e(price["gross"]),
            disc=fr.percent(disc * 100, 0),
            net=e(price["net"]),
            vat=e(price["vat"]),
            ttc=e(ttc),
        )
        out.parts["pricing"] = [Para(text)]
    out.checks["pricing"] = "pass" if price_ok else "fail"

    # Reporting, French and English
    ca_h1 = fr.money(actual * 1000, "keur")
    ca_en = f"€{actual / 1000:.2f}m" if actual >= 1000 else f"€{actual:,.0f}k"
    ach_en = f"{fr.rounded(shown * 100, 0):.0f}%"  # the reporting repeats the table's rate
    v = dict(ca_h1=ca_h1, ach=ach_text, ca_h1_en=ca_en, ach_en=ach_en)
    french = [Para(_fill(t, **v)) for t in rng.sample(bank.phrasings["reporting:fr"], 2)]
    english = [Para(_fill(t, **v)) for t in rng.sample(bank.phrasings["reporting:en"], 2)]
    out.parts["french"], out.parts["english"] = french, english
    layout = factors["reporting_layout"]
    if layout == "en_short":
        out.parts["english"] = [Para(_fill(_pick(rng, bank, "reporting:en_short"), **v))]
    if layout == "fr_only":
        out.absent_parts.add("english")
    out.checks["reporting_languages"] = "fail" if layout == "fr_only" else "pass"
    out.carriers = {
        "kpi_achievement": "kpi_table",
        "conversion_rate": "ecommerce_kpis",
        "average_basket": "ecommerce_kpis",
        "pricing": "pricing",
        "reporting_languages": "french",
    }
    return out


# ------------------------------------------------------------------------------------ E3
def e3(rng: Random, bank: Bank, factors: dict, year: int, company: dict) -> Figures:
    out = Figures()
    out.parts["presentation"] = _internship(rng, bank, factors, year, company, out.checks)
    out.parts["nps"] = _nps(rng, bank, factors, out.checks)
    out.parts["csat"] = _csat(rng, bank, factors, out.checks)
    out.carriers = {
        "internship_working_days": "presentation",
        "internship_minimum_days": "presentation",
        "nps": "nps",
        "csat": "csat",
    }
    return out


def _internship(rng, bank, factors, year, company, checks) -> list[Block]:
    start = date(year, rng.choice((1, 2, 3, 4, 9, 10)), rng.randint(1, 12))
    while start.weekday() >= 5:
        start += timedelta(days=1)
    enough = factors["internship_length"] == "enough"
    target = rng.randint(65, 80) if enough else rng.randint(52, 63)
    end = oracle.nth_working_day(start, target)
    true = oracle.working_days(start, end)
    ok = factors["internship_truth"] == "correct"
    stated = true
    if not ok:
        plain = oracle.weekdays(start, end)
        stated = plain if plain - true >= 3 else true + rng.choice((-1, 1)) * rng.randint(4, 8)
    form, style = factors["internship_form"], factors["date_style"]
    count = fr.words(stated) if form == "count_words" else str(stated)
    values = dict(start=fr.date_fr(start, style), end=fr.date_fr(end, style), count=count)
    values.update(name=company["name"], weeks=round((end - start).days / 7))
    if form == "table":
        first, last, length = _pick(rng, bank, "internship:table_labels")
        unit = _pick(rng, bank, "days_unit")
        rows = [[first, fr.date_fr(start, "numeric")], [last, fr.date_fr(end, "numeric")]]
        rows.append([length, f"{stated} {unit}"])
        blocks: list[Block] = [Table(rows, header_rows=0)]
    else:
        key = "same_sentence" if form == "count_words" else form
        blocks = [Para(_fill(_pick(rng, bank, f"internship:{key}"), **values))]
    checks["internship_working_days"] = (
        "undetermined" if form in {"no_count", "start_only"} else ("pass" if ok else "fail")
    )
    checks["internship_minimum_days"] = (
        "undetermined" if form == "start_only" else ("pass" if true >= 65 else "fail")
    )
    return blocks


def _nps(rng, bank, factors, checks) -> list[Block]:
    truth, form = factors["nps_truth"], factors["nps_form"]
    decimals = 1 if factors["precision"] == "fine" else 0
    while True:
        n = rng.randint(80, 420)
        p = round(n * rng.uniform(0.3, 0.6))
        d = round(n * rng.uniform(0.08, 0.3))
        pa = n - p - d
        true = oracle.nps(p, pa, d)
        excluded = (p - d) / (p + d) * 100
        if pa > 0.12 * n and abs(excluded - true) >= 5:
            break
    if form == "shares":  # the shares a candidate writes, and the NPS they give
        p_pct, d_pct = fr.rounded(p / n * 100, 1), fr.rounded(d / n * 100, 1)
        true = p_pct - d_pct
    stated = {"correct": true, "wrong_question": excluded, "wrong": None, "not_stated": None}
    value = stated[truth]
    if truth == "wrong":
        value = true + rng.choice((-1, 1)) * rng.uniform(8, 20)
    v = dict(n=n, p=p, pa=pa, d=d)
    v.update(p_pct=fr.percent(p / n * 100, 1), pa_pct=fr.percent(pa / n * 100, 1))
    v["d_pct"] = fr.percent(d / n * 100, 1)
    v["nps"] = fr.signed(fr.rounded(value, decimals), decimals) if value is not None else ""
    blocks: list[Block] = []
    labels = _pick(rng, bank, "nps:table_labels")
    if form == "table":
        rows = [[labels[0], labels[1]], [labels[2], str(p)], [labels[3], str(pa)]]
        rows += [[labels[4], str(d)], [_pick(rng, bank, "total"), str(n)]]
        if value is not None:
            rows.append([labels[5], v["nps"]])
        blocks.append(Table(rows, long=True))
    elif form == "transposed_table":
        head, vals = ["", labels[2], labels[3], labels[4]], [labels[1], str(p), str(pa), str(d)]
        if value is not None:
            head.append(labels[5])
            vals.append(v["nps"])
        blocks.append(Table([head, vals]))
    elif form == "shares":
        blocks.append(Para(_fill(_pick(rng, bank, "nps:shares"), **v)))
    else:
        blocks.append(Para(_fill(_pick(rng, bank, "nps:counts"), **v)))
    if value is not None and form not in {"table", "transposed_table"}:
        templates = bank.phrasings["nps:stated"]
        template = templates[-1] if form == "formula" else rng.choice(templates[:-1])
        blocks.append(Para(_fill(template, **v)))
    checks["nps"] = {"correct": "pass", "not_stated": "undetermined"}.get(truth, "fail")
    return blocks


def _csat(rng, bank, factors, checks) -> list[Block]:
    truth, form = factors["csat_truth"], factors["csat_form"]
    decimals = 1 if factors["precision"] == "fine" else 0
    while True:
        scores = {s: rng.randint(3, 90) for s in (1, 2, 3, 4, 5)}
        true = oracle.csat(scores)
        fives = scores[5] / sum(scores.values()) * 100
        if true - fives >= 10 and 40 < true < 95:
            break
    n, s = sum(scores.values()), scores[4] + scores[5]
    value = {"correct": true, "wrong_question": fives, "not_stated": None}.get(truth)
    if truth == "wrong":
        value = true + rng.choice((-1, 1)) * rng.uniform(8, 15)
    v = dict(n=n, s=s, csat=fr.percent(fr.rounded(value, decimals), decimals) if value else "")
    blocks: list[Block] = []
    if form == "table":
        head = list(_pick(rng, bank, "csat:table_labels"))
        score = _pick(rng, bank, "csat:score")
        rows = [head] + [[score.format(k=k), str(scores[k])] for k in (5, 4, 3, 2, 1)]
        blocks.append(Table(rows, long=True))
    else:
        blocks.append(Para(_fill(_pick(rng, bank, "csat:counts"), **v)))
    if form == "mean" and truth != "not_stated":
        mean = oracle.csat_mean(scores)
        if truth != "correct":
            mean = mean + rng.choice((-1, 1)) * rng.uniform(0.6, 1.0)
        blocks.insert(
            0,
            Table(
                [
                    list(_pick(rng, bank, "csat:table_labels")),
                    *[[str(k), str(scores[k])] for k in (5, 4, 3, 2, 1)],
                ]
            ),
        )
        blocks.append(
            Para(_fill(_pick(rng, bank, "csat:mean"), mean=fr.number(fr.rounded(mean, 2), 2)))
        )
    elif value is not None:
        templates = bank.phrasings["csat:stated"]
        template = templates[-1] if form == "formula" else rng.choice(templates[:-1])
        blocks.append(Para(_fill(template, **v)))
    checks["csat"] = {"correct": "pass", "not_stated": "undetermined"}.get(truth, "fail")
    return blocks
