"""Compose one production from a bank and a set of factor levels, with its ground truth.

Factors are independent: `plan` shuffles each factor's levels on its own, so every level
appears about equally often and any two factors are uncorrelated over a set. A few levels
force another factor (an element "listed only in the Sommaire" needs a Sommaire); the forced
factor is then recorded as it was rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from random import Random

from tests.variants import figures
from tests.variants import french as fr
from tests.variants.bank import Bank, Body, Company
from tests.variants.spec import Block, Bullets, Heading, PageBreak, Para, Table, Truth, Variant

ELEMENTS = {
    "E1": ["C1.1.1", "C1.1.2", "C1.1.3", "C1.2.1", "C1.2.2", "C1.2.3", "C1.2.4"],
    "E2": [
        "E2.context",
        "C2.1.1",
        "C2.1.2",
        "C2.1.3",
        "C2.1.4.2",
        "C2.1.5",
        "C2.2.1",
        "C2.2.2",
        "C2.2.3",
        "C2.2.4",
    ],
    "E3": [
        "E3.presentation",
        "C3.1.1",
        "C3.1.2",
        "C3.1.3",
        "C3.2.1",
        "C3.2.2",
        "C3.2.3",
        "C3.2.4",
        "C3.2.5",
        "C3.2.6",
        "C3.2.7",
    ],
}
# Elements that the "spread" level writes as sibling top-level sections, one per part.
SPREAD = {"E1": ("C1.2.2", "C1.2.4"), "E2": ("C2.1.3",), "E3": ("C3.1.3", "C3.2.5")}
# Where each figure-bearing part lives (the figure builders fill these parts).
FIGURE_PARTS = {
    "E1": {"C1.2.4": ("budget_table", "seuil_rentabilite", "point_mort", "ratios")},
    "E2": {
        "C2.2.1": ("kpi_table", "ecommerce_kpis"),
        "C2.1.3": ("pricing",),
        "C2.2.4": ("french", "english"),
    },
    "E3": {"E3.presentation": ("presentation",), "C3.1.3": ("nps", "csat")},
}

ALL = ("E1", "E2", "E3")


@dataclass(frozen=True)
class Factor:
    levels: tuple[str, ...]
    productions: tuple[str, ...] = ALL


FACTORS: dict[str, Factor] = {
    # layout and structure, every production
    "format": Factor(("docx", "pdf")),
    "numbering": Factor(("arabic", "roman", "letters", "mixed", "keyword", "none")),
    "styling": Factor(
        ("word_styles", "custom_styles", "bold_lines", "capitals", "bold_sentence_sub")
    ),
    "wording": Factor(("named", "synonym", "question")),
    "parts_layout": Factor(("subsections", "flat")),
    "spread": Factor(("single", "spread")),
    "toc": Factor(("none", "sommaire")),
    "absence": Factor(("none", "removed", "placeholder", "toc_only", "passing_mention")),
    "missing_part": Factor(("none", "one")),
    "bullets": Factor(("punctuated", "bare")),
    "border": Factor(("single", "thick", "double", "none", "horizontal")),
    "table_break": Factor(("none", "repeat_header", "no_repeat")),  # PDF only
    "font": Factor(("sans", "serif")),
    "running_header": Factor(("none", "header_footer")),
    "precision": Factor(("fine", "coarse")),
    # E1 figures
    "budget_layout": Factor(
        (
            "label_first",
            "numbered_first",
            "keur_header",
            "transposed",
            "monthly_total",
            "percent_column",
            "prose_only",
        ),
        ("E1",),
    ),
    "money": Factor(("eur", "eur_word", "keur", "meur", "million_words"), ("E1",)),
    "sr_phrasing": Factor(
        (
            "plain",
            "formula_chain",
            "abbreviation",
            "next_sentence",
            "margin_adjacent",
            "value_first",
            "table",
        ),
        ("E1",),
    ),
    "sr_truth": Factor(
        ("correct", "correct", "wrong", "wrong_question", "not_stated", "undetermined"), ("E1",)
    ),
    "pm_form": Factor(("months", "days_360", "days_365", "date", "table"), ("E1",)),
    "pm_truth": Factor(("correct", "correct", "wrong", "not_stated"), ("E1",)),
    "ratios_truth": Factor(("correct", "wrong"), ("E1",)),
    # E2 figures and reporting
    "reporting_layout": Factor(
        (
            "subsections",
            "siblings",
            "one_section",
            "interleaved",
            "en_first",
            "en_short",
            "fr_only",
        ),
        ("E2",),
    ),
    "kpi_truth": Factor(("correct", "wrong"), ("E2",)),
    "conversion_truth": Factor(("correct", "wrong"), ("E2",)),
    "basket_truth": Factor(("correct", "wrong"), ("E2",)),
    "pricing_layout": Factor(("table", "prose"), ("E2",)),
    "pricing_truth": Factor(("correct", "wrong"), ("E2",)),
    # E3 figures
    "internship_form": Factor(
        ("same_sentence", "next_sentence", "table", "count_words", "no_count", "start_only"),
        ("E3",),
    ),
    "date_style": Factor(("long", "weekday", "short", "numeric", "iso"), ("E3",)),
    "internship_truth": Factor(("correct", "correct", "wrong"), ("E3",)),
    "internship_length": Factor(("enough", "enough", "short"), ("E3",)),
    "nps_form": Factor(("counts", "formula", "table", "transposed_table", "shares"), ("E3",)),
    "nps_truth": Factor(("correct", "correct", "wrong", "wrong_question", "not_stated"), ("E3",)),
    "csat_form": Factor(("counts", "formula", "table", "mean"), ("E3",)),
    "csat_truth": Factor(("correct", "correct", "wrong", "wrong_question", "not_stated"), ("E3",)),
}


def plan(bank: Bank, production: str, count: int) -> list[dict[str, str]]:
    """`count` factor settings: each factor's levels shuffled on their own, in equal shares."""
    rng = Random(f"{bank.seed}:{production}:plan")
    columns: dict[str, list[str]] = {}
    for name, factor in FACTORS.items():
        if production not in factor.productions:
            continue
        seq: list[str] = []
        while len(seq) < count:
            levels = list(factor.levels)
            rng.shuffle(levels)
            seq += levels
        columns[name] = seq[:count]
    return [{name: seq[i] for name, seq in columns.items()} for i in range(count)]


def generate(bank: Bank, production: str, count: int) -> list[Variant]:
    settings = plan(bank, production, count)
    return [compose(bank, production, i, settings[i]) for i in range(count)]


def compose(
    bank: Bank, production: str, index: int, levels: dict[str, str] | None = None
) -> Variant:
    """One production; `levels` fixes factor levels (missing ones are drawn from the seed)."""
    base = f"{bank.seed}:{production}:{index}"
    levels_rng = Random(base + ":levels")
    chosen = {
        name: levels_rng.choice(factor.levels)
        for name, factor in FACTORS.items()
        if production in factor.productions
    }
    chosen.update(levels or {})
    return _Composer(bank, production, index, chosen, base).build()


@dataclass
class Node:
    """A section being written: numbering is added when the outline is final."""

    title: str
    body: list[Block] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    element: str | None = None
    numbered: bool = True
    toc_only: bool = False


class _Composer:
    def __init__(self, bank: Bank, production: str, index: int, factors: dict, base: str):
        self.bank, self.production, self.index = bank, production, index
        self.f: dict[str, str | None] = dict(factors)
        # One random stream per concern, so that changing one factor's level (the wording, the
        # numbering…) leaves everything else identical: the metamorphic properties need it.
        self.rng = Random(base)  # company, year, bodies
        self.titles_rng = Random(base + ":titles")
        self.outline_rng = Random(base + ":outline")
        self.figures_rng = Random(base + ":figures")
        self.gaps_rng = Random(base + ":gaps")
        self.company: Company = self.rng.choice(bank.companies[production])
        self.year = self.rng.choice((2024, 2025, 2026))
        self.truth = Truth()
        self.details: dict[str, str] = {}  # which element / part a level picked

    # -- text helpers
    def fill(self, text: str) -> str:
        c = self.company
        return text.format(
            name=c.name,
            sector=c.sector,
            products=c.products,
            clients=c.clients,
            city=c.city,
            site=c.site,
            rival1=c.rival1,
            rival2=c.rival2,
            staff=c.staff,
            year=self.year,
        )

    def body(self, items: Body) -> list[Block]:
        out: list[Block] = []
        for item in items:
            if isinstance(item, str):
                out.append(Para(self.fill(item)))
            elif item and isinstance(item[0], list):
                out.append(Table([[self.fill(cell) for cell in row] for row in item]))
            else:
                out.append(Bullets(self._bullets([self.fill(x) for x in item])))
        return out

    def _bullets(self, items: list[str]) -> list[str]:
        if self.f["bullets"] == "bare":
            return [x.rstrip(" ;.") for x in items]
        return [
            x.rstrip(" ;.") + (" ;" if i < len(items) - 1 else ".") for i, x in enumerate(items)
        ]

    def title(self, titles: dict[str, list[str]]) -> str:
        options = titles[self.f["wording"] or "named"]
        return self.fill(options[int(self.titles_rng.random() * len(options))])  # one draw

    # -- build
    def build(self) -> Variant:
        f = self.f
        if f["format"] != "pdf":
            f["table_break"] = None
        if f["styling"] == "custom_styles":
            self.details["custom_style"] = self.outline_rng.choice(self.bank.custom_styles)
        figures_ = self._figures()
        self.missing = self._choose_missing_part()
        nodes: list[Node] = [Node(self.rng.choice(self.bank.intro_titles), numbered=False)]
        nodes[0].body = [Para(self.fill(self.rng.choice(self.bank.intros[self.production])))]
        for element in ELEMENTS[self.production]:
            self.truth.elements[element] = True
            nodes += self._element(element, figures_)
        nodes.append(
            Node(
                self.rng.choice(self.bank.conclusion_titles),
                [Para(self.fill(self.rng.choice(self.bank.conclusions)))],
                numbered=False,
            )
        )
        for part in figures_.absent_parts:
            self.truth.parts[f"{self._element_of_part(part)}:{part}"] = False
        self._absence(nodes)
        self._checks(figures_)
        blocks = self._outline(nodes)
        cover = [self.fill(line) for line in self.bank.covers[self.production]]
        cover.append(self.company.candidate)
        header = None
        if f["running_header"] == "header_footer":
            header = f"{self.company.candidate} – {self.production} – {self.company.name}"
        name = f"{self.bank.name}-{self.production}-{self.index:03d}"
        return Variant(
            name,
            self.production,
            f["format"] or "docx",
            dict(f),
            blocks,
            self.truth,
            cover,
            header,
            self.details,
        )

    def _figures(self) -> figures.Figures:
        if self.production == "E1":
            return figures.e1(self.figures_rng, self.bank, self.f, self.year)
        if self.production == "E2":
            return figures.e2(self.figures_rng, self.bank, self.f, self.year)
        name = {"name": self.company.name}
        return figures.e3(self.figures_rng, self.bank, self.f, self.year, name)

    def _element_of_part(self, part: str) -> str:
        for element, parts in FIGURE_PARTS[self.production].items():
            if part in parts:
                return element
        raise KeyError(part)

    def _element(self, element: str, figs: figures.Figures) -> list[Node]:
        text = self.bank.elements[element]
        title = self.title(text.titles)
        lead = self.body(self.rng.choice(text.bodies))
        figure_parts = FIGURE_PARTS[self.production].get(element, ())
        if element == "E3.presentation":
            return [Node(title, lead + figs.parts["presentation"], element=element)]
        if element == "C2.2.4":
            return self._reporting(title, lead, figs)
        parts: list[Node] = []
        for key, part in text.parts.items():
            self.truth.parts[f"{element}:{key}"] = self.missing != (element, key)
            if self.missing == (element, key):
                continue
            body = figs.parts[key] if key in figure_parts else []
            body = body + self.body(self.rng.choice(part.bodies)) if part.bodies else body
            parts.append(Node(self.title(part.titles), body, element=element))
        if not parts:
            return [Node(title, lead, element=element)]
        if self.f["spread"] == "spread" and element in SPREAD[self.production]:
            parts[0].body = lead + parts[0].body
            return parts
        if self.f["parts_layout"] == "flat":
            flat = lead + [block for node in parts for block in node.body]
            return [Node(title, flat, element=element)]
        return [Node(title, lead, parts, element=element)]

    def _reporting(self, title: str, lead: list[Block], figs: figures.Figures) -> list[Node]:
        text = self.bank.elements["C2.2.4"].parts
        fr_title, en_title = self.title(text["french"].titles), self.title(text["english"].titles)
        french, english = figs.parts["french"], figs.parts["english"]
        self.truth.parts["C2.2.4:french"] = True
        self.truth.parts["C2.2.4:english"] = "english" not in figs.absent_parts
        layout = self.f["reporting_layout"]
        sub = [Node(fr_title, french, element="C2.2.4"), Node(en_title, english, element="C2.2.4")]
        if layout == "subsections":
            return [Node(title, lead, sub, element="C2.2.4")]
        if layout == "siblings":
            return sub
        if layout == "interleaved":
            mixed = [b for pair in zip(french, english, strict=False) for b in pair]
            return [Node(title, lead + mixed, element="C2.2.4")]
        if layout == "en_first":
            return [Node(title, lead + english + french, element="C2.2.4")]
        if layout == "fr_only":
            return [Node(title, lead + french, element="C2.2.4")]
        return [Node(title, lead + french + english, element="C2.2.4")]  # one_section, en_short

    def _choose_missing_part(self) -> tuple[str, str] | None:
        """One part without figures, from an element that keeps other parts."""
        if self.f["missing_part"] != "one":
            return None
        fixed = {p for parts in FIGURE_PARTS[self.production].values() for p in parts}
        options = [
            (element, key)
            for element in ELEMENTS[self.production]
            for key in self.bank.elements[element].parts
            if key not in fixed and len(self.bank.elements[element].parts) >= 2
        ]
        element, key = self.gaps_rng.choice(options)
        self.details["missing_part"] = f"{element}:{key}"
        return element, key

    def _absence(self, nodes: list[Node]) -> None:
        kind = self.f["absence"]
        if kind == "none":
            return
        if kind == "toc_only":
            self.f["toc"] = "sommaire"
        element = self.gaps_rng.choice(ELEMENTS[self.production])
        owners = [n for n in nodes if n.element == element]
        self.truth.elements[element] = False
        for key in list(self.truth.parts):
            if key.startswith(element + ":"):
                self.truth.parts[key] = False
        self.details["absent_element"] = element
        if kind == "placeholder":
            first = owners[0]
            holder = self.gaps_rng.choice(self.bank.placeholders)
            if first.children:
                for child in first.children:
                    child.body = [Para(holder)]
                first.body = []
            else:
                first.body = [Para(holder)]
                first.children = []
            for extra in owners[1:]:
                nodes.remove(extra)
            return
        if kind == "toc_only":
            for node in owners:
                node.toc_only = True
            return
        for node in owners:
            nodes.remove(node)
        if kind == "passing_mention":
            mention = self.fill(self.gaps_rng.choice(self.bank.elements[element].mentions))
            host = self.gaps_rng.choice([n for n in nodes if n.body and n.element != element])
            host.body.insert(len(host.body) // 2, Para(mention))

    def _checks(self, figs: figures.Figures) -> None:
        """A check whose carrying element or part is gone has nothing to verify."""
        for check, verdict in figs.checks.items():
            part = figs.carriers.get(check)
            element = self._element_of_part(part) if part else None
            if element and not self.truth.elements[element]:
                verdict = "undetermined"
            self.truth.checks[check] = verdict
        if "break_even" in self.truth.checks and not self.truth.elements["C1.2.4"]:
            for check in figs.checks:  # the budget holds every input: nothing is computable
                self.truth.checks[check] = "undetermined"

    # -- outline: numbering, styling cues, Sommaire
    def _outline(self, nodes: list[Node]) -> list[Block]:
        family = self.f["numbering"] or "none"
        formats = self.outline_rng.choice(self.bank.numbering[family])
        keyword = self.outline_rng.choice(self.bank.keywords)
        toc: list[str] = []
        body: list[Block] = []
        counter = 0
        for node in nodes:
            if node.numbered:
                counter += 1
            number = counter if node.numbered else 0
            text = _numbered(formats[0], (number,), keyword, node.title, node.numbered)
            toc.append(text)
            for j, child in enumerate(node.children, 1):
                toc.append(_numbered(formats[1], (number, j), keyword, child.title, node.numbered))
            if node.toc_only:
                continue
            body.append(Heading(1, text))
            body += node.body
            for j, child in enumerate(node.children, 1):
                body.append(
                    Heading(
                        2, _numbered(formats[1], (number, j), keyword, child.title, node.numbered)
                    )
                )
                body += child.body
        out: list[Block] = []
        if self.f["toc"] == "sommaire":
            title = self.outline_rng.choice(self.bank.toc_titles)
            page = 3
            lines = []
            for entry in toc:
                lines.append(f"{entry}\t{page}")
                page += self.outline_rng.choice((0, 1, 1))
            out += [Heading(1, title), *[Para(line) for line in lines], PageBreak()]
            self.f["toc"] = "sommaire"
        return out + body


def _numbered(fmt: str, path: tuple[int, ...], keyword: str, title: str, numbered: bool) -> str:
    if not numbered or not fmt:
        return title
    i = path[0]
    j = path[1] if len(path) > 1 else 1
    k = path[2] if len(path) > 2 else 1
    prefix = fmt.format(
        i=i,
        j=j,
        k=k,
        I=fr.roman(i),
        J=fr.roman(j),
        K=fr.roman(k),
        A=fr.letter(i),
        B=fr.letter(j),
        C=fr.letter(k),
        a=fr.letter(i, False),
        b=fr.letter(j, False),
        c=fr.letter(k, False),
        kw=keyword,
    )
    return prefix + title
