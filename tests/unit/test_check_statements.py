"""Statements are split once per document and forgotten with it."""

from __future__ import annotations

import gc

from pipeline.checks import statements as module
from pipeline.checks.statements import statements
from pipeline.model import Document, Section


def _doc(text: str) -> Document:
    return Document("docx", [Section(id="s1", heading="Budget", level=1, paragraphs=[text])])


def test_sentences_are_split_and_folded():
    found = statements(_doc("Le CA est de 10 €. Élevé ? Oui."))
    assert [s.text for s in found] == ["Le CA est de 10 €.", "Élevé ?", "Oui."]
    assert found[1].folded == "eleve ?"


def test_a_document_is_split_once_and_its_entry_goes_with_it():
    doc = _doc("Charges fixes : 5 000 €.")
    first = statements(doc)
    assert statements(doc) is first
    key = id(doc)
    assert key in module._BUILT
    del doc, first
    gc.collect()
    assert key not in module._BUILT


def test_two_documents_do_not_share_statements():
    one, two = _doc("Un."), _doc("Deux.")
    assert [s.text for s in statements(one)] == ["Un."]
    assert [s.text for s in statements(two)] == ["Deux."]
