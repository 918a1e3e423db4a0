"""`pipeline.run.run`, the pipeline's one entry point, on real files of the shared corpus."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from pipeline.run import Checked, DocumentPipeline, Limits, Rejected, run
from portfolio.referential import PackagedReferentials

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
GOOD = "E3 HADDAD Yanis - rapport de stage.docx"
REFERENTIAL = PackagedReferentials().current()


def test_a_good_file_is_checked_with_its_summary() -> None:
    data = (CORPUS / GOOD).read_bytes()
    result = run(data, GOOD, Limits(), REFERENTIAL)
    assert isinstance(result, Checked)
    assert result.summary["format"] == "docx" and result.summary["section_count"] > 5
    assert result.summary["languages"] == result.report["languages"] != []
    assert result.report["production"] == "E3" and result.report["file"] == GOOD
    assert result.report["referential_version"] == REFERENTIAL.version
    json.dumps(result.report, allow_nan=False)


def test_a_hostile_file_is_rejected_with_a_report_not_an_exception() -> None:
    name = "E1_GARNIER_Chloe_dossier_final.docx"  # a zip bomb: refused before any parse
    result = run((CORPUS / name).read_bytes(), name, Limits(), REFERENTIAL, "E1")
    assert isinstance(result, Rejected) and result.category == "zip_bomb"
    assert result.report["status"] == "rejected" and result.report["production"] == "E1"
    assert result.report["rejection"]["category"] == "zip_bomb"


def test_the_bound_pipeline_runs_the_same_and_carries_its_version() -> None:
    pipeline = DocumentPipeline(Limits(max_bytes=10))
    result = pipeline.run((CORPUS / GOOD).read_bytes(), GOOD, REFERENTIAL)
    assert isinstance(result, Rejected) and result.category == "too_large"
    assert pipeline.version == result.report["pipeline_version"]


def test_concurrent_runs_do_not_collide_in_the_language_model() -> None:
    """Two pre-checks at once used to crash inside spaCy's memory zones."""
    data = (CORPUS / GOOD).read_bytes()
    results: list[object] = []

    def check() -> None:
        results.append(run(data, GOOD, Limits(), REFERENTIAL))

    threads = [threading.Thread(target=check) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 3 and all(isinstance(r, Checked) for r in results)
    assert len({json.dumps(r.report, sort_keys=True) for r in results}) == 1  # type: ignore[attr-defined]
