"""The variation generator: deterministic per seed, balanced factors, every level renders a file
the real extractor accepts, and the truth follows what the document really holds."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline.extract import extract_document
from tests.variants.bank_dev import DEV
from tests.variants.compose import ELEMENTS, FACTORS, compose, generate, plan
from tests.variants.render import render
from tests.variants.spec import Heading, Para

PRODUCTIONS = ("E1", "E2", "E3")


def _texts(variant) -> list[str]:
    return [b.text for b in variant.blocks if isinstance(b, Heading | Para)]


def test_same_seed_same_document_and_bytes():
    for production in PRODUCTIONS:
        for fmt in ("docx", "pdf"):
            a = compose(DEV, production, 5, {"format": fmt})
            b = compose(DEV, production, 5, {"format": fmt})
            assert a.blocks == b.blocks and a.truth == b.truth and a.factors == b.factors
            assert render(a) == render(b)


def test_other_seed_other_document():
    a, b = compose(DEV, "E1", 1), compose(DEV, "E1", 2)
    assert _texts(a) != _texts(b)


def test_generate_follows_the_plan():
    settings = plan(DEV, "E3", 10)
    variants = generate(DEV, "E3", 10)
    for setting, variant in zip(settings, variants, strict=True):
        for factor, level in setting.items():
            rendered = variant.factors[factor]
            assert rendered == level or (factor, level) in {
                ("table_break", level),  # PDF only: None on DOCX
                ("toc", "none"),  # an element listed only in the Sommaire needs a Sommaire
            }


def test_each_level_appears_in_equal_shares():
    count = 60
    settings = plan(DEV, "E1", count)
    for name, factor in FACTORS.items():
        if "E1" not in factor.productions:
            continue
        seen = Counter(s[name] for s in settings)
        weights = Counter(factor.levels)
        for level, weight in weights.items():
            share = count * weight / len(factor.levels)
            assert abs(seen[level] - share) <= weight, (name, level, seen)


def _level_cases():
    """(production, factor, level, format): every level of every factor, rotating the
    production; layout factors in both formats, figure factors in one (alternating)."""
    cases = []
    for name, factor in FACTORS.items():
        for i, level in enumerate(dict.fromkeys(factor.levels)):
            production = factor.productions[i % len(factor.productions)]
            if name == "format":
                cases.append((production, name, level, level))
            elif len(factor.productions) == 3:
                cases += [(production, name, level, fmt) for fmt in ("docx", "pdf")]
            else:
                cases.append((production, name, level, ("docx", "pdf")[i % 2]))
    return cases


@pytest.mark.slow
@pytest.mark.parametrize(("production", "factor", "level", "fmt"), _level_cases())
def test_every_level_renders_a_file_the_extractor_accepts(production, factor, level, fmt):
    variant = compose(DEV, production, 7, {factor: level, "format": fmt})
    data = render(variant)
    document = extract_document(data, variant.filename)
    assert document.format == variant.fmt == fmt
    assert document.word_count > 400
    text = " ".join(document.text().split())
    body = [b.text for b in variant.blocks if isinstance(b, Para) and "\t" not in b.text]
    first_paragraph = body[0]  # Sommaire lines (with a tab) are skipped by the extractor
    assert " ".join(first_paragraph.split())[:40] in text


def test_absent_elements_take_their_parts_and_checks_with_them():
    seen = Counter()
    for production in PRODUCTIONS:
        for variant in generate(DEV, production, 30):
            truth, kind = variant.truth, variant.factors["absence"]
            absent = [e for e, present in truth.elements.items() if not present]
            assert len(absent) == (0 if kind == "none" else 1)
            assert set(truth.elements) == set(ELEMENTS[production])
            for element in absent:
                seen[kind] += 1
                assert not any(v for k, v in truth.parts.items() if k.startswith(element + ":"))
            if production == "E3" and not truth.elements["C3.1.3"]:
                assert truth.checks["nps"] == truth.checks["csat"] == "undetermined"
    assert set(seen) == {"removed", "placeholder", "toc_only", "passing_mention"}


def test_toc_only_lists_the_missing_section_but_the_body_lacks_it():
    for index in range(12):
        variant = compose(DEV, "E2", index, {"absence": "toc_only", "wording": "named"})
        element = variant.details["absent_element"]
        headings = [b.text for b in variant.blocks if isinstance(b, Heading)]
        assert headings[0] in DEV.toc_titles and variant.factors["toc"] == "sommaire"
        text = DEV.elements[element]
        titles = text.titles["named"] + [t for p in text.parts.values() for t in p.titles["named"]]
        titles = [t.format(name=variant.title[1]) for t in titles]
        toc_lines = [b.text for b in variant.blocks if isinstance(b, Para) and "\t" in b.text]
        assert not any(h.endswith(t) for t in titles for h in headings)
        assert any(t in line for t in titles for line in toc_lines)


def test_placeholder_keeps_the_heading_with_only_a_placeholder():
    for index in range(12):
        variant = compose(DEV, "E1", index, {"absence": "placeholder", "wording": "named"})
        element = variant.details["absent_element"]
        titles = DEV.elements[element].titles["named"] + [
            t for p in DEV.elements[element].parts.values() for t in p.titles["named"]
        ]
        blocks = variant.blocks
        at = next(
            i
            for i, b in enumerate(blocks)
            if isinstance(b, Heading) and any(t in b.text for t in titles)
        )
        following = blocks[at + 1]
        assert isinstance(following, Para | Heading)
        if isinstance(following, Para):
            assert following.text in DEV.placeholders


def test_a_missing_part_is_gone_and_the_rest_stays():
    variant = compose(DEV, "E3", 3, {"missing_part": "one", "absence": "none"})
    element, part = variant.details["missing_part"].split(":")
    assert variant.truth.parts[f"{element}:{part}"] is False
    assert variant.truth.elements[element] is True
    assert sum(not v for v in variant.truth.parts.values()) == 1


def test_reporting_in_french_only_fails_the_language_check():
    variant = compose(DEV, "E2", 4, {"reporting_layout": "fr_only", "absence": "none"})
    assert variant.truth.parts["C2.2.4:english"] is False
    assert variant.truth.checks["reporting_languages"] == "fail"
    both = compose(DEV, "E2", 4, {"reporting_layout": "interleaved", "absence": "none"})
    assert both.truth.checks["reporting_languages"] == "pass"


def test_undeterminable_break_even_states_no_input():
    variant = compose(DEV, "E1", 2, {"sr_truth": "undetermined", "absence": "none"})
    assert variant.truth.checks["break_even"] == "undetermined"
    assert variant.truth.checks["point_mort"] == "undetermined"
    text = " ".join(_texts(variant)).lower()
    assert "charges fixes" not in text.replace("charges fixes / taux", "")


def _titles(bank, level: str) -> set[str]:
    out: set[str] = set()
    for element in bank.elements.values():
        out |= set(element.titles[level])
        for part in element.parts.values():
            out |= set(part.titles[level])
    return out


def test_the_held_out_bank_has_the_same_shape_and_its_own_words():
    """Hold-out honesty: same keys, no synonym, question or phrasing shared with development
    (element names may coincide: they are the referential's own words). Counts only, so a
    failure never prints held-out wording."""
    from tests.variants.heldout import HELDOUT

    assert HELDOUT.seed != DEV.seed and HELDOUT.name != DEV.name
    assert set(HELDOUT.elements) == set(DEV.elements)
    for key, element in DEV.elements.items():
        assert set(HELDOUT.elements[key].parts) == set(element.parts), key
    assert set(HELDOUT.phrasings) == set(DEV.phrasings)
    assert set(HELDOUT.numbering) == set(DEV.numbering)
    for level in ("synonym", "question"):
        assert len(_titles(DEV, level) & _titles(HELDOUT, level)) == 0, level
    units = {"jours ouvrés"}
    dev = {str(t) for v in DEV.phrasings.values() for t in v} - units
    held = {str(t) for v in HELDOUT.phrasings.values() for t in v} - units
    assert len(dev & held) == 0
    companies = {c.name for cs in DEV.companies.values() for c in cs}
    assert not companies & {c.name for cs in HELDOUT.companies.values() for c in cs}


@pytest.mark.parametrize("production", PRODUCTIONS)
def test_held_out_variants_render_in_both_formats(production):
    from tests.variants.heldout import HELDOUT

    for index, fmt in ((0, "docx"), (1, "pdf")):
        variant = compose(HELDOUT, production, index, {"format": fmt})
        document = extract_document(render(variant), variant.filename)
        assert document.word_count > 300
