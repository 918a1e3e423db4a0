"""Upload edge cases over real HTTP (uvicorn on loopback), on both deployments."""

from __future__ import annotations

import io
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
import pytest

import bootstrap
from api.app import create_app
from api.limits import ENVELOPE_BYTES
from bootstrap import Portfolio
from config import Settings
from pipeline.sniff import SNIFF_HEAD
from portfolio.domain.account import Role
from tests.e2e.serving import served

LIMIT = 256 * 1024
PDF = b"%PDF-1.4\n" + b"% evidence\n" * 50 + b"%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


@dataclass
class Live:
    base: str
    portfolio: Portfolio
    candidate_id: str
    headers: dict[str, str]

    @property
    def versions_url(self) -> str:
        return f"{self.base}/api/candidates/{self.candidate_id}/productions/E1/versions"

    def production(self) -> httpx.Response:
        url = f"{self.base}/api/candidates/{self.candidate_id}/productions/E1"
        return httpx.get(url, headers=self.headers)


@pytest.fixture
def live(backend_settings: Settings) -> Iterator[Live]:
    settings = backend_settings.model_copy(update={"max_upload_bytes": LIMIT})
    portfolio = bootstrap.build(settings)
    session = portfolio.sessions.open_session("RNCP38789", "cdc-2024.1", "Uploads", "setup")
    candidate = portfolio.sessions.add_candidate(
        session, "U-1", "Ugo", "ugo@example.org", "VAE", "x"
    )
    invitation = portfolio.accounts.invite_account(
        "ugo@example.org", "Ugo", Role.CANDIDATE, "x", candidate
    )
    portfolio.accounts.activate_account(invitation.activation_token, "candidate-pw-1")
    token = portfolio.accounts.issue_api_token(invitation.account.id, "t", "x").token
    with served(create_app(settings, portfolio)) as base:
        yield Live(base, portfolio, str(candidate), {"Authorization": f"Bearer {token}"})


def raw_request(live: Live, head: str, body_parts: list[bytes], close_early: bool = False):
    """Send a hand-made request; return the response's first bytes (or b"" if none)."""
    address = urlsplit(live.base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(head.encode())
        try:
            for part in body_parts:
                sock.sendall(part)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before the body ended
        if close_early:
            return b""
        return sock.recv(65536)


def request_head(live: Live, extra: str) -> str:
    path = urlsplit(live.versions_url).path
    token = live.headers["Authorization"]
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {token}\r\n"
        f"Content-Type: multipart/form-data; boundary=XyZ\r\n{extra}\r\n"
    )


def multipart(content: bytes, filename: str = "e1.pdf") -> bytes:
    return (
        b'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="'
        + filename.encode()
        + b'"\r\nContent-Type: application/pdf\r\n\r\n'
        + content
        + b"\r\n--XyZ--\r\n"
    )


def test_declared_oversize_is_refused_before_the_body_is_sent(live: Live) -> None:
    declared = LIMIT + ENVELOPE_BYTES + 1
    started = time.monotonic()
    answer = raw_request(live, request_head(live, f"Content-Length: {declared}\r\n"), [])
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"application/problem+json" in answer
    assert time.monotonic() - started < 5
    assert live.production().status_code == 404


def test_streamed_oversize_is_cut_while_counting(live: Live) -> None:
    envelope = multipart(b"%PDF-" + bytes(64 * 1024 - 5))
    chunk = envelope[: envelope.index(b"%PDF-")] + b"%PDF-"
    chunks = [chunk] + [bytes(64 * 1024)] * 8
    parts = [f"{len(c):x}\r\n".encode() + c + b"\r\n" for c in chunks]
    head = request_head(live, "Transfer-Encoding: chunked\r\n")
    answer = raw_request(live, head, [*parts, b"0\r\n\r\n"])
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert live.production().status_code == 404


def test_file_over_the_limit_inside_the_envelope_is_refused(live: Live) -> None:
    body = PDF + bytes(LIMIT)  # over the file limit, under limit + envelope
    response = httpx.post(live.versions_url, headers=live.headers, files={"file": ("e1.pdf", body)})
    assert response.status_code == 413, response.text
    assert live.production().status_code == 404


def test_precheck_refuses_what_the_upload_would_refuse_as_too_large(live: Live) -> None:
    body = PDF + bytes(LIMIT)  # over the file limit, under limit + envelope
    url = f"{live.base}/api/precheck"
    response = httpx.post(url, headers=live.headers, files={"file": ("e1.pdf", body)})
    assert response.status_code == 413, response.text


def test_precheck_judges_the_size_past_the_first_megabyte(backend_settings: Settings) -> None:
    limit = SNIFF_HEAD + 1024  # the sniffer reads only the first megabyte of a PDF
    settings = backend_settings.model_copy(update={"max_upload_bytes": limit})
    portfolio = bootstrap.build(settings)
    admin = portfolio.accounts.create_administrator("root@example.org", "Root", "root-password-1")
    token = portfolio.accounts.issue_api_token(admin.id, "t", "x").token
    body = PDF + bytes(limit)  # over the file limit, under limit + envelope
    with served(create_app(settings, portfolio)) as base:
        response = httpx.post(
            f"{base}/api/precheck",
            headers={"Authorization": f"Bearer {token}"},
            files={"file": ("e1.pdf", body)},
        )
    assert response.status_code == 413, response.text


@pytest.mark.parametrize(
    ("name", "content"),
    [("e1.pdf", PNG), ("notes.txt", b"plain text notes"), ("e1.docx", PDF)],
)
def test_wrong_content_type_is_refused(live: Live, name: str, content: bytes) -> None:
    response = httpx.post(
        live.versions_url,
        headers=live.headers,
        files={"file": (name, content, "application/pdf")},
    )
    assert response.status_code == 415, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert live.production().status_code == 404


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system.pdf", "system.pdf"),
        ("/abs/path/..pdf", "pdf"),
        ("ré sumé<script>.pdf", "ré sumé_script_.pdf"),
    ],
)
def test_file_names_are_made_safe(live: Live, raw: str, safe: str) -> None:
    response = httpx.post(
        live.versions_url, headers=live.headers, files={"file": (raw, PDF, "application/pdf")}
    )
    assert response.status_code == 201, response.text
    assert response.json()["filename"] == safe
    download = httpx.get(live.versions_url + "/1/content", headers=live.headers)
    assert download.content == PDF
    assert "/" not in download.headers["content-disposition"].split("filename=")[1]


def test_interrupted_upload_records_nothing(live: Live) -> None:
    body = multipart(PDF * 100)
    head = request_head(live, f"Content-Length: {len(body)}\r\n")
    raw_request(live, head, [body[: len(body) // 2]], close_early=True)
    time.sleep(0.5)
    assert live.production().status_code == 404
    complete = raw_request(live, head, [body])
    assert complete.startswith(b"HTTP/1.1 201"), complete[:200]
    assert [v["version"] for v in live.production().json()["versions"]] == [1]


def test_concurrent_uploads_number_versions_without_gaps_or_twins(live: Live) -> None:
    def upload(n: int) -> int:
        content = PDF + f"% copy {n}\n".encode()
        response = httpx.post(
            live.versions_url,
            headers=live.headers,
            files={"file": (f"v{n}.pdf", content, "application/pdf")},
            timeout=30,
        )
        assert response.status_code == 201, response.text
        return response.json()["version"]

    with ThreadPoolExecutor(max_workers=6) as pool:
        numbers = list(pool.map(upload, range(12)))
    assert sorted(numbers) == list(range(1, 13))
    recorded = [v["version"] for v in live.production().json()["versions"]]
    assert recorded == list(range(1, 13))


def test_download_returns_the_exact_bytes_and_records_the_view(live: Live) -> None:
    uploaded = httpx.post(
        live.versions_url, headers=live.headers, files={"file": ("e1.pdf", io.BytesIO(PDF))}
    )
    assert uploaded.status_code == 201
    download = httpx.get(live.versions_url + "/1/content", headers=live.headers)
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"].startswith("application/pdf")
    missing = httpx.get(live.versions_url + "/2/content", headers=live.headers)
    assert missing.status_code == 404
