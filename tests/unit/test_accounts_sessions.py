"""Browser-session cookies and upload file names: the pure parts of the HTTP edge."""

from __future__ import annotations

import time
from uuid import uuid4

import pytest
from fastapi import Response
from pydantic import SecretStr

from api import security
from api.files import MAX_NAME, safe_filename
from config import Settings


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(environment="test", data_dir=tmp_path, secret_key=SecretStr("k" * 32))


def cookie_value(response: Response, name: str) -> str:
    for header in response.headers.getlist("set-cookie"):
        if header.startswith(name + "="):
            return header.split(";")[0].split("=", 1)[1].strip('"')
    raise AssertionError(f"no {name} cookie")


def test_a_signed_session_reads_back_with_its_csrf_token(settings: Settings) -> None:
    response, account = Response(), uuid4()
    opened = security.open_session(settings, response, account)
    read = security.read_session(settings, cookie_value(response, security.SESSION_COOKIE))
    assert read is not None and read.account_id == account
    assert read.csrf_token == opened.csrf_token == cookie_value(response, security.CSRF_COOKIE)
    assert security.csrf_matches(read, opened.csrf_token)
    assert not security.csrf_matches(read, None)
    assert not security.csrf_matches(read, opened.csrf_token[:-1] + "x")


def test_another_secret_or_an_old_cookie_is_refused(settings: Settings, monkeypatch) -> None:
    response = Response()
    security.open_session(settings, response, uuid4())
    value = cookie_value(response, security.SESSION_COOKIE)
    other = settings.model_copy(update={"secret_key": SecretStr("z" * 32)})
    assert security.read_session(other, value) is None
    later = time.time() + security.SESSION_SECONDS + 1
    monkeypatch.setattr(security.time, "time", lambda: later)
    assert security.read_session(settings, value) is None


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("rapport.pdf", "rapport.pdf"),
        ("../../../etc/passwd", "passwd"),
        ("C:\\Users\\lea\\E1 final.docx", "E1 final.docx"),
        ("...", "upload"),
        ("", "upload"),
        (None, "upload"),
        ("a\x00b\r\nc.pdf", "a_b__c.pdf"),
        (".htaccess", "htaccess"),
    ],
)
def test_file_names_keep_only_a_harmless_last_segment(raw: str | None, safe: str) -> None:
    assert safe_filename(raw) == safe


def test_long_names_keep_their_extension() -> None:
    name = safe_filename("x" * 500 + ".docx")
    assert len(name) <= MAX_NAME and name.endswith(".docx")
