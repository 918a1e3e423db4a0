"""The sandbox: same Document as in-process, rejections carried across, and a child that runs
out of time or memory is stopped and reported — the caller never hangs or crashes."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.extract import extract_document
from pipeline.rejections import DocumentRejected, RejectionCategory
from pipeline.sandbox import extract_in_sandbox

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
BIG_PDF = "perf_E3_CARON_Emilie_HexagoneEmballages.pdf"
BIG_DOCX = "perf_E1_LEFEBVRE_Sarah_DomaineTroisCoteaux.docx"


def _read(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def _rejection(data: bytes, name: str, **limits) -> tuple[RejectionCategory, float]:
    started = time.monotonic()
    with pytest.raises(DocumentRejected) as caught:
        extract_in_sandbox(data, name, **limits)
    return caught.value.category, time.monotonic() - started


@pytest.mark.parametrize(
    "name",
    [
        "E2_BELKACEM_Ines_OptiluxPro.docx",
        "E2_GIRARD_Thomas_Fitneo.pdf",
        "E1_FONTAINE_Lea_budget_previsionnel.xlsx",
    ],
)
def test_sandbox_gives_the_same_document_as_in_process(name: str) -> None:
    data = _read(name)
    assert extract_in_sandbox(data, name).to_dict() == extract_document(data, name).to_dict()


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("E1_GARNIER_Chloe_dossier_final.docx", RejectionCategory.ZIP_BOMB),  # parent, pre-spawn
        ("E3_BLANC_Jeremy_rapport.docx", RejectionCategory.XXE),
        ("E2_ROUX_Manon_Optilux_protege.pdf", RejectionCategory.ENCRYPTED),  # raised in the child
        ("E3_FAURE_Lucas_rapport_scanne.pdf", RejectionCategory.NO_TEXT_LAYER),
    ],
)
def test_rejections_come_back_with_their_category(name: str, category: RejectionCategory) -> None:
    assert _rejection(_read(name), name)[0] is category


def test_parser_failure_in_the_child_is_corrupt() -> None:
    category, _ = _rejection(b"%PDF-1.7\n1 0 obj << /Type /Catalog", "rapport.pdf")
    assert category is RejectionCategory.CORRUPT


def test_child_over_its_time_limit_is_killed() -> None:
    category, elapsed = _rejection(_read(BIG_PDF), BIG_PDF, timeout_s=0.05)
    assert category is RejectionCategory.TIMEOUT
    assert elapsed < 5
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("name", [BIG_DOCX, BIG_PDF])
def test_child_over_its_memory_limit_is_too_large(name: str) -> None:
    category, elapsed = _rejection(_read(name), name, memory_bytes=48 << 20)
    assert category is RejectionCategory.TOO_LARGE
    assert elapsed < 30
    assert multiprocessing.active_children() == []


def test_size_limit_is_checked_before_spawning() -> None:
    category, elapsed = _rejection(_read(BIG_DOCX), BIG_DOCX, max_bytes=1024)
    assert category is RejectionCategory.TOO_LARGE
    assert elapsed < 1


def test_zip_bomb_adds_almost_no_memory() -> None:
    """Judged from its ZIP directory alone: the 1.15 GB entry is never inflated."""
    code = (
        "import resource, sys\n"
        "from pipeline.sandbox import extract_in_sandbox\n"
        "from pipeline.rejections import DocumentRejected\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n    extract_in_sandbox(data, 'dossier.docx')\n"
        "except DocumentRejected as e:\n    print(e.category.value)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n"
    )
    root = Path(__file__).resolve().parents[2]
    bomb = CORPUS / "E1_GARNIER_Chloe_dossier_final.docx"
    out = subprocess.run(
        [sys.executable, "-c", code, str(bomb)],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[0] == "zip_bomb"
    assert int(out[1]) < 100 * 1024  # ru_maxrss is in KiB on Linux
