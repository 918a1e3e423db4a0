"""Damaged copies of real corpus files: whatever the damage, the sandbox answers with a
Document or a DocumentRejected — never another exception, never a hang."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline.model import Document
from pipeline.rejections import DocumentRejected
from pipeline.sandbox import extract_in_sandbox

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
SAMPLES = [
    "E2_GIRARD_Thomas_Fitneo.pdf",
    "E1_MOREAU_Kevin_CyclesArdent.docx",
    "E2_GIRARD_Thomas_tableau_de_bord_T2.xlsx",
]


def _damaged(data: bytes, seed: int) -> bytes:
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(rng.choice([1, 8, 64])):
        out[rng.randrange(16, len(out))] = rng.randrange(256)
    if rng.random() < 0.3:
        del out[rng.randrange(len(out) // 2, len(out)) :]
    return bytes(out)


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("seed", range(6))
def test_damaged_file_is_extracted_or_rejected(name: str, seed: int) -> None:
    data = _damaged((CORPUS / name).read_bytes(), seed)
    try:
        result = extract_in_sandbox(data, name, timeout_s=20)
    except DocumentRejected as rejected:
        assert rejected.message
    else:
        assert isinstance(result, Document)
