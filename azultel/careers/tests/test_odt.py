"""OpenDocument text (.odt) résumés (issue 16: "PDF, DOCX, ODT or plain text, checked by content"):
a real .odt is accepted, its words read in the limited worker and found by HR's search; a program
or a plain archive named .odt, a zip bomb dressed as an .odt and a macro .odt are refused next to
the field with nothing kept, in the database or in the private storage."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from azultel.careers.models import Application, EqualOpportunityAnswer, JobListing
from azultel.careers.services import resume_text_extract, text_from_bytes
from azultel.careers.tests.factories import JobListingFactory
from azultel.comms.models import OutboxMessage
from azultel.core.models import StoredFile
from azultel.core.testing.sample_files import (
    WINDOWS_PROGRAM,
    odt_bytes,
    odt_content,
    zip_bomb_odt_bytes,
)

pytestmark = pytest.mark.django_db

ODT_TYPE = "application/vnd.oasis.opendocument.text"


@pytest.fixture(autouse=True)
def _private_root(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    return tmp_path / "private"


def _apply(client: Client, listing: JobListing, content: bytes, *, filename: str = "cv.odt") -> Any:
    return client.post(
        f"/careers/jobs/{listing.slug}/apply/",
        {
            "submission_key": "k" * 24,
            "name": "Odette Writer",
            "email": "odette@example.com",
            "phone": "",
            "cover_letter": "",
            "gender": "declined",
            "ethnicity": "declined",
            "veteran": "declined",
            "disability": "declined",
            "resume": SimpleUploadedFile(filename, content, content_type=ODT_TYPE),
        },
    )


def _files_in(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_real_odt_is_accepted_read_and_found_by_hr(
    client: Client, hr_client: Client, _private_root: Path
) -> None:
    listing = JobListingFactory()
    content = odt_bytes(
        body="<text:h>Odette Writer</text:h>"
        "<text:p>Certified <text:span>fiber</text:span> splicer,<text:s/>OSHA-10"
        "<text:tab/>Tallahassee</text:p>"
        "<table:table xmlns:table='urn:oasis:names:tc:opendocument:xmlns:table:1.0'>"
        "<table:table-row><table:table-cell><text:p>Fusion splicing</text:p></table:table-cell>"
        "</table:table-row></table:table>"
    )

    response = _apply(client, listing, content)

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.resume is not None and application.resume.kind == "odt"
    assert len(_files_in(_private_root)) == 1
    assert resume_text_extract(application_id=application.pk) == "done"
    found = hr_client.get("/staff/careers/", {"q": "fusion SPLICING osha"}).content.decode()
    missed = hr_client.get("/staff/careers/", {"q": "copper"}).content.decode()
    assert "Odette Writer" in found
    assert "Odette Writer" not in missed


def test_the_worker_reads_odt_spaces_tabs_and_line_breaks() -> None:
    text = text_from_bytes(odt_bytes("Field technician"), kind="odt")

    assert text is not None
    assert text.splitlines()[0] == "Field technician"
    assert "Experience: Network engineer, 2019-2026" in text
    assert "See my profile." in text


def test_an_odt_declaring_entities_is_not_read(settings: Any) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        "<office:document-content>&lol2;</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", ODT_TYPE)
        package.writestr("content.xml", laughs)

    assert text_from_bytes(buffer.getvalue(), kind="odt") is None


def test_an_odt_whose_text_unpacks_too_far_is_not_read(settings: Any) -> None:
    settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES = 10_000
    content = odt_bytes(body="<text:p>word</text:p>" * 2000)

    assert len(odt_content("<text:p>word</text:p>" * 2000)) > 10_000
    assert text_from_bytes(content, kind="odt") is None


def _plain_zip_named_odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("setup.exe", WINDOWS_PROGRAM)
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (WINDOWS_PROGRAM, "This file is a program, not a document."),
        (_plain_zip_named_odt(), "not a Word (.docx) document"),
        (zip_bomb_odt_bytes(), "unpacks to more than 50 MB"),
        (odt_bytes(extra={"Basic/Standard/Module1.xml": b"<x/>"}), "contains macros"),
    ],
    ids=["renamed-executable", "renamed-zip", "zip-bomb-odt", "odt-with-macros"],
)
def test_a_file_claiming_to_be_an_odt_is_refused_with_nothing_kept(
    client: Client, _private_root: Path, content: bytes, words: str
) -> None:
    listing = JobListingFactory()

    response = _apply(client, listing, content)

    assert response.status_code == 400
    page = response.content.decode()
    assert words in page
    assert "OpenDocument (.odt)" in page  # the instruction says what to upload instead
    assert not Application.objects.exists()
    assert not StoredFile.objects.exists()
    assert not EqualOpportunityAnswer.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert _files_in(_private_root) == []
