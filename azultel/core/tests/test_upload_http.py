"""Uploads over HTTP: refused content gets a message and leaves nothing behind; accepted content is
stored encrypted and comes back only through the permission-checked download."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from azultel.core.models import AuditEvent, StoredFile
from azultel.core.testing.sample_files import (
    HTML_PAGE,
    RESUME_PHRASE,
    SVG_IMAGE,
    TEXT_RESUME,
    WINDOWS_PROGRAM,
    docx_bytes,
    macro_docx_bytes,
    pdf_bytes,
    zip_bomb_docx_bytes,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("azultel.core.tests.upload_views")]

INSTRUCTION = "Upload a PDF, Word (.docx), OpenDocument (.odt) or plain text file of at most 5 MB."


@pytest.fixture(autouse=True)
def root(tmp_path: Path, settings: Any) -> Path:
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private-uploads"
    return tmp_path / "private-uploads"


@pytest.fixture
def recruiter(db: None) -> Any:
    user = get_user_model().objects.create_user(
        "recruiter@azultel.example", "x" * 14, given_name="Rita", family_name="Recruiter"
    )
    user.user_permissions.add(Permission.objects.get(codename="view_storedfile"))
    return user


@pytest.fixture
def customer(db: None) -> Any:
    return get_user_model().objects.create_user(
        "pat@example.com", "x" * 14, given_name="Pat", family_name="Customer"
    )


def _upload(client: Client, name: str, content: bytes, content_type: str) -> Any:
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post("/test-uploads/", {"resume": file})


def _stored_bytes(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.promise("P24")
@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("setup.exe", WINDOWS_PROGRAM, "application/x-msdownload", "This file is a program"),
        ("cv.pdf", HTML_PAGE, "application/pdf", "This file is a web page"),
        ("cv.svg", SVG_IMAGE, "image/svg+xml", "This file is a web page"),
        ("cv.docx", macro_docx_bytes(), "application/msword", "contains macros"),
        ("cv.docx", zip_bomb_docx_bytes(), "application/msword", "unpacks to more than 50 MB"),
        ("cv.txt", b"a" * (6 * 1024 * 1024), "text/plain", "The file is 6 MB, more than the 5 MB"),
        ("cv.pdf", b"", "application/pdf", "The file is empty."),
    ],
    ids=["exe", "html-named-pdf", "svg", "docx-with-macros", "zip-bomb", "oversize", "empty"],
)
def test_refused_content_gets_a_message_next_to_the_field_and_writes_nothing(
    client: Client, root: Path, name: str, content: bytes, content_type: str, message: str
) -> None:
    response = _upload(client, name, content, content_type)

    body = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert message in body
    assert INSTRUCTION in body
    assert StoredFile.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="stored_file").exists()
    assert _stored_bytes(root) == []


def test_no_file_at_all_asks_for_one(client: Client) -> None:
    response = client.post("/test-uploads/", {})

    assert response.status_code == 400
    assert f"Choose a file. {INSTRUCTION}" in html.unescape(response.content.decode())


@pytest.mark.promise("P24")
def test_an_accepted_file_is_stored_encrypted_with_a_record(
    client: Client, root: Path, customer: Any
) -> None:
    client.force_login(customer)
    content = pdf_bytes()

    response = _upload(client, "Mi currículum.PDF", content, "application/octet-stream")

    assert response.status_code == 201
    stored = StoredFile.objects.get(pk=response.content.decode())
    assert (stored.kind, stored.purpose, stored.size) == ("pdf", "resume", len(content))
    assert len(stored.content_digest) == 64
    [on_disk] = _stored_bytes(root)
    assert on_disk == root / stored.key
    assert RESUME_PHRASE.encode() not in on_disk.read_bytes()
    assert AuditEvent.objects.filter(
        action="stored_file.save", subject_id=str(stored.pk), actor=customer
    ).exists()


@pytest.mark.promise("P24")
def test_a_large_upload_stays_in_memory_not_in_a_temporary_file(client: Client) -> None:
    content = TEXT_RESUME + b"x" * (4 * 1024 * 1024)

    response = _upload(client, "cv.txt", content, "text/plain")

    assert response.status_code == 201
    assert response["X-Upload-Class"] == "InMemoryUploadedFile"


@pytest.mark.promise("P23")
def test_the_download_is_an_attachment_typed_by_its_content(client: Client, recruiter: Any) -> None:
    content = docx_bytes()
    stored_id = _upload(client, "cv.pdf", content, "application/pdf").content.decode()
    client.force_login(recruiter)

    response = client.get(f"/test-uploads/{stored_id}/", {"name": "José Núñez résumé.pdf"})

    assert response.status_code == 200
    assert response.content == content
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="Jose Nunez resume.docx"; '
        "filename*=UTF-8''Jos%C3%A9%20N%C3%BA%C3%B1ez%20r%C3%A9sum%C3%A9.docx"
    )
    assert response["Content-Length"] == str(len(content))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert AuditEvent.objects.filter(
        action="stored_file.serve", subject_id=stored_id, actor=recruiter
    ).exists()


def test_a_hostile_file_name_cannot_escape_the_header_or_change_the_extension(
    client: Client, recruiter: Any
) -> None:
    stored_id = _upload(client, "cv.txt", TEXT_RESUME, "text/plain").content.decode()
    client.force_login(recruiter)
    hostile = '../../evil"; filename=x.html\u202egpj.exe'

    response = client.get(f"/test-uploads/{stored_id}/", {"name": hostile})

    disposition = response["Content-Disposition"]
    ascii_name = disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert ascii_name.endswith(".txt")
    assert not set(ascii_name) & set('/\\";%')
    assert "\u202e" not in disposition and "%E2%80%AE" not in disposition
    assert disposition.count("filename=") == 1


@pytest.mark.promise("P23")
@pytest.mark.parametrize(
    ("who", "path_tail", "status"),
    [("customer", "", 404), ("anonymous", "", 404), ("customer", "strict/", 403)],
)
def test_a_request_without_permission_gets_no_bytes(
    client: Client, customer: Any, who: str, path_tail: str, status: int
) -> None:
    stored_id = _upload(client, "cv.txt", TEXT_RESUME, "text/plain").content.decode()
    if who == "customer":
        client.force_login(customer)

    response = client.get(f"/test-uploads/{stored_id}/{path_tail}")

    assert response.status_code == status
    assert RESUME_PHRASE.encode() not in response.content
    assert "attachment" not in response.get("Content-Disposition", "")
    assert AuditEvent.objects.filter(
        action="stored_file.serve_refused", subject_id=stored_id
    ).exists()


def test_an_unknown_file_is_a_plain_404(client: Client, recruiter: Any) -> None:
    client.force_login(recruiter)

    response = client.get("/test-uploads/00000000-0000-4000-8000-000000000000/")

    assert response.status_code == 404


def test_the_download_answers_only_get_and_head(client: Client, recruiter: Any) -> None:
    stored_id = _upload(client, "cv.txt", TEXT_RESUME, "text/plain").content.decode()
    client.force_login(recruiter)

    response = client.post(f"/test-uploads/{stored_id}/")

    assert response.status_code == 405
    assert RESUME_PHRASE.encode() not in response.content


def test_the_field_hints_the_accepted_kinds_to_the_file_picker() -> None:
    from azultel.core.tests.upload_views import ResumeForm

    rendered = str(ResumeForm()["resume"])

    assert 'accept=".pdf,.docx,.odt,.txt,application/pdf,' in rendered
    assert 'type="file"' in rendered
