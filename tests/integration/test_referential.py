"""The referential data must say exactly what the published referential (a PDF extraction) says.

The source is a three-column table extracted from a PDF: columns interleave, so a competency
statement is the paragraph that starts with its code. The parser below is deliberately small;
the codes found anywhere in the text must equal the data's codes, and every text in the data
must be found verbatim (after whitespace normalisation) in the source.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from portfolio.errors import NotFound
from portfolio.referential import Referential, load_referential

SOURCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "referential" / "referentiel.txt"
CODE = re.compile(r"(?<![\w.])(CR|C)(\d(?:\.\d){2,3})(?![.\d])")
PARAGRAPH_CODE = re.compile(r"^(?:A\d\.\d\b.*?\s)?(?P<code>CR?\d(?:\.\d){2,3}) (?P<text>.+)$")


def paragraphs(text: str) -> list[str]:
    """Paragraphs of the PDF text, lines joined by single spaces ("e-⏎commerce" rejoined)."""
    text = re.sub(r"(?<=\w-)[ \t]*\n[ \t]*(?=[a-zà-ÿ])", "", text)
    return [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


def coded_paragraphs(paras: list[str]) -> dict[str, str]:
    """Code -> text of the first paragraph starting with that code (later ones are modalities)."""
    found: dict[str, str] = {}
    for para in paras:
        match = PARAGRAPH_CODE.match(para)
        if match:
            found.setdefault(match["code"], match["text"])
    return found


@pytest.fixture(scope="module")
def source_paragraphs() -> list[str]:
    if not SOURCE.is_file():
        pytest.fail(f"shared referential missing: {SOURCE}")
    return paragraphs(SOURCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def source_text(source_paragraphs: list[str]) -> str:
    return " ".join(source_paragraphs)


@pytest.fixture(scope="module")
def ref() -> Referential:
    return load_referential()


def test_parser_splits_a_pdf_column_paragraph() -> None:
    text = "C9.9.9 Vendre en e-\ncommerce  et\nailleurs. \n \nCR9.9.9 Bien."
    assert coded_paragraphs(paragraphs(text)) == {
        "C9.9.9": "Vendre en e-commerce et ailleurs.",
        "CR9.9.9": "Bien.",
    }


def test_parser_reads_a_statement_sharing_its_paragraph_with_an_activity() -> None:
    assert coded_paragraphs(["A2.2 Suivi de la performance C2.2.1 Concevoir un tableau."]) == {
        "C2.2.1": "Concevoir un tableau."
    }


def test_competency_codes_equal_the_sources(ref: Referential, source_text: str) -> None:
    in_source = {m[0] + m[1] for m in CODE.findall(source_text) if m[0] == "C"}
    assert {c.code for c in ref.competencies} == in_source


def test_criterion_codes_equal_the_sources(ref: Referential, source_text: str) -> None:
    in_source = {m[0] + m[1] for m in CODE.findall(source_text) if m[0] == "CR"}
    assert {c.criterion.code for c in ref.competencies} == in_source


def test_statements_are_verbatim(ref: Referential, source_paragraphs: list[str]) -> None:
    parsed = coded_paragraphs(source_paragraphs)
    for comp in ref.competencies:
        assert comp.statement == parsed[comp.code], comp.code
        assert f"{comp.code} {comp.statement}" in " ".join(source_paragraphs)


def test_criteria_are_verbatim(ref: Referential, source_paragraphs: list[str]) -> None:
    parsed = coded_paragraphs(source_paragraphs)
    for comp in ref.competencies:
        assert comp.criterion.text == parsed[comp.criterion.code], comp.criterion.code


def test_the_sources_typos_are_kept(ref: Referential) -> None:
    assert "diagnostic commercial interne commercial" in ref.competency("C1.1.3").statement
    assert "les rations spécifiques" in ref.competency("C1.2.4").criterion.text


def test_bloc_and_activity_titles_are_verbatim(ref: Referential, source_text: str) -> None:
    for bloc in ref.blocs:
        assert f"Bloc {bloc.number} {bloc.title}" in source_text
        for activity in bloc.activities:
            assert f"{activity.code} {activity.title}" in source_text


def test_modality_texts_are_verbatim(ref: Referential, source_text: str) -> None:
    for situation in ref.situations:
        for sentence in situation.modality:
            assert " ".join(sentence.split()) in source_text, (situation.id, sentence)


def test_internship_minimum_is_the_sources(ref: Referential, source_text: str) -> None:
    days = ref.situation("E3").internship.min_working_days
    assert f"durée minimale de {days} jours ouvrés" in source_text
    assert ref.min_internship_working_days == days == 65


def test_shape_27_competencies_3_blocs_6_activities(ref: Referential) -> None:
    assert len(ref.competencies) == 27
    assert [b.number for b in ref.blocs] == [1, 2, 3]
    assert [a.code for b in ref.blocs for a in b.activities] == [
        f"A{b}.{a}" for b in (1, 2, 3) for a in (1, 2)
    ]
    assert {"C2.1.4.1", "C2.1.4.2"} <= {c.code for c in ref.competencies}


def test_each_competency_is_in_exactly_one_bloc(ref: Referential) -> None:
    for comp in ref.competencies:
        holders = [b.number for b in ref.blocs if comp in b.competencies]
        assert holders == [comp.bloc] == [ref.bloc_of(comp.code).number]


def test_e2_leaves_the_negotiation_to_the_oral(ref: Referential) -> None:
    assert "C2.1.4.1" not in {c.code for c in ref.competencies_for("E2")}
    assert [c.code for c in ref.competencies_for("ORAL_NEGOTIATION")] == ["C2.1.4.1"]
    assert ref.situation("ORAL_NEGOTIATION").kind == "oral"
    assert not any(e.competency == "C2.1.4.1" for e in ref.elements_for("E2"))


def test_written_productions_cover_their_bloc(ref: Referential) -> None:
    for production, bloc in (("E1", 1), ("E2", 2), ("E3", 3)):
        evaluated = {c.code for c in ref.competencies_for(production)}
        expected = {c.code for c in ref.bloc(bloc).competencies} - {"C2.1.4.1"}
        assert evaluated == expected


def test_e3_oral_defence_jury(ref: Referential) -> None:
    oral = ref.situation("E3_ORAL")
    assert (oral.kind, oral.defends, oral.bloc) == ("oral_defence", "E3", 3)
    assert set(oral.jury) == {"certifier_representative", "trade_professional"}


def test_criteria_for_bloc_follow_the_bloc(ref: Referential) -> None:
    criteria = ref.criteria_for_bloc(2)
    assert [c.code for c in criteria] == ["CR" + c.code[1:] for c in ref.bloc(2).competencies]
    assert all(ref.bloc_of(c.code).number == 2 for c in criteria)


def test_lookups_refuse_unknown_codes(ref: Referential) -> None:
    with pytest.raises(NotFound):
        ref.competency("C9.9.9")
    with pytest.raises(NotFound):
        ref.bloc_of("C4.1.1")
    with pytest.raises(NotFound):
        ref.elements_for("E4")
    with pytest.raises(NotFound):
        ref.criteria_for_bloc(4)
    with pytest.raises(NotFound):
        ref.element("e1.swot").part("nps")


def test_element_keys_name_the_manifest_entries(ref: Referential) -> None:
    assert ref.element("e2.context").key == "E2.context"
    assert ref.element("e3.presentation").key == "E3.presentation"
    assert ref.element("e1.swot").key == "C1.1.3"


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: how a checker compares headings."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).casefold()
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def test_hints_have_no_duplicates_after_folding(ref: Referential) -> None:
    for production in ref.productions:
        for element in ref.elements_for(production):
            for item in (element, *element.parts):
                for hints in (item.headings_fr, item.headings_en, item.keywords):
                    folded = [fold(h) for h in hints]
                    assert len(set(folded)) == len(folded), (element.id, hints)
