"""Lemma keys: inflection, accents, case and numbering do not change a match."""

from pipeline.nlp import covers, forms, get_nlp, lemma_keys, phrase_key


def test_model_is_loaded_once_without_parser_or_ner():
    nlp = get_nlp()
    assert nlp is get_nlp()
    assert "parser" not in nlp.pipe_names and "ner" not in nlp.pipe_names


def test_inflected_capitalised_numbered_heading_covers_the_hint():
    heading = forms(lemma_keys(["5) PLANS D’ACTION COMMERCIAUX"])[0])
    assert covers(heading, phrase_key("plan d’actions commerciales"))
    assert covers(forms(lemma_keys(["3. Diagnostic interne"])[0]), phrase_key("diagnostic interne"))


def test_function_words_and_numbers_do_not_count_but_missing_words_do():
    heading = forms(lemma_keys(["Partie 9 – Le reporting au comité"])[0])
    assert not covers(heading, phrase_key("reporting au comité de direction"))
    assert not covers(heading, ())
    assert "partie" not in heading and "le" not in heading


def test_phrase_without_content_words_keeps_its_text():
    assert phrase_key("20/80") == (("20/80",),)
