"""PV rendering: French content in DOCX and PDF, identical bytes on every render."""

from __future__ import annotations

import io
import zipfile

import docx
import pdfplumber

from rendering import render_pv

CONTENT = {
    "title": "Chargé·e du développement commercial",
    "listing": "RNCP38700",
    "referential_version": "cdc-2024.1",
    "blocs": [
        {"number": n, "code": f"Bloc {n}", "title": f"Intitulé {n} – l’œuvre"} for n in (1, 2, 3)
    ],
    "session": {"id": "s", "label": "2026-juin", "held_on": "2026-07-03", "mode": "hybride"},
    "number": 2,
    "corrects": {"pv_id": "abc", "number": 1, "reason": "coquille"},
    "members": [
        {"account_id": "m", "name": "Zoé Faure", "capacity": "présidente", "external": True}
    ],
    "rules": {
        "scale": "mark20",
        "pass_mark": 10.0,
        "compensation": "within_bloc",
        "discrepancy_threshold": 3.0,
    },
    "candidates": [
        {
            "candidate_id": "c",
            "ref": "C-007",
            "route": "VAE",
            "outcome": "ajourné",
            "blocs": [
                {
                    "number": n,
                    "result": "non validé",
                    "proposal": "validé",
                    "reasons": "oral insuffisant",
                    "departs": True,
                }
                for n in (1, 2, 3)
            ],
        }
    ],
    "incidents": [],
    "generated_at": "2026-07-03T18:30:00+00:00",
}


def test_same_content_same_bytes() -> None:
    assert render_pv(CONTENT) == render_pv(dict(CONTENT))
    other = render_pv({**CONTENT, "generated_at": "2026-07-04T18:30:00+00:00"})
    assert other[0] != render_pv(CONTENT)[0] and other[1] != render_pv(CONTENT)[1]


def test_docx_entries_have_fixed_dates_and_french_text() -> None:
    data, _ = render_pv(CONTENT)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "rectifie le procès-verbal n° 1" in text and "Motif : coquille" in text
    assert "oral insuffisant" in text and "Néant." in text
    assert document.core_properties.created.year == 2026


def test_pdf_lists_results_rules_and_departures() -> None:
    _, data = render_pv(CONTENT)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    for expected in (
        "C-007",
        "VAE",
        "ajourné",
        "non validé",
        "10/20",
        "hybride",
        "Zoé Faure",
        "l'oeuvre",
        "compensation à l'intérieur d'un bloc",
    ):
        assert expected in text
