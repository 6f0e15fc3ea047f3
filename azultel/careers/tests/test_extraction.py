"""Résumé text for HR search, read in a limited child process: PDF, .docx, .odt and text are read; a
damaged PDF, an oversized .docx part or a stall ends as "could not be read", never a hang."""

from __future__ import annotations

import io
import zipfile

import pytest

from azultel.careers.models import Application
from azultel.careers.services import resume_text_extract, text_from_bytes
from azultel.careers.tests.factories import application_make
from azultel.core.testing.sample_files import TEXT_RESUME, docx_bytes, odt_bytes, pdf_bytes
from azultel.privacy.fields import word_index_terms


def test_pdf_docx_odt_and_text_are_read() -> None:
    assert "Network engineer" in (text_from_bytes(pdf_bytes("Network engineer"), kind="pdf") or "")
    assert "Fiber splicer" in (text_from_bytes(docx_bytes("Fiber splicer"), kind="docx") or "")
    assert "Experience" in (text_from_bytes(TEXT_RESUME, kind="txt") or "")
    assert "Fiber splicer" in (text_from_bytes(odt_bytes("Fiber splicer"), kind="odt") or "")


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\n1 0 obj << /Pages 2 0 R >> garbage", b"%PDF-" + b"\x00" * 500],
    ids=["truncated", "nul-bytes"],
)
def test_a_malformed_pdf_gives_no_text_and_no_error(content: bytes) -> None:
    assert text_from_bytes(content, kind="pdf") in (None, "")


def test_a_docx_whose_text_part_unpacks_too_far_is_not_read(settings: object) -> None:
    settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES = 10_000  # type: ignore[attr-defined]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", "<w:t>a</w:t>" * 5000)

    assert text_from_bytes(buffer.getvalue(), kind="docx") is None


def test_the_text_is_capped(settings: object) -> None:
    settings.CAREERS_EXTRACT_MAX_CHARS = 20  # type: ignore[attr-defined]

    text = text_from_bytes(b"word " * 1000, kind="txt")

    assert text is not None and len(text) <= 20


def test_a_stall_ends_at_the_time_limit(settings: object) -> None:
    settings.CAREERS_EXTRACT_TIMEOUT_SECONDS = 0  # type: ignore[attr-defined]

    assert text_from_bytes(pdf_bytes(), kind="pdf") is None


@pytest.mark.django_db
def test_the_task_stores_the_text_or_records_the_failure() -> None:
    readable, _ = application_make(resume=pdf_bytes("Certified fiber splicer"))
    broken, _ = application_make(email="b@example.com", resume=b"%PDF-1.4\n garbage")

    assert resume_text_extract(application_id=readable.pk) == "done"
    outcome = resume_text_extract(application_id=broken.pk)

    assert Application.objects.get(pk=readable.pk).text_extraction == "done"
    assert (
        Application.objects.filter(
            resume_words__contains=word_index_terms(Application, "resume_text", "splicer")[0]
        ).get()
        == readable
    )
    assert outcome in ("failed", "done")
    assert Application.objects.get(pk=broken.pk).text_extraction == outcome


@pytest.mark.django_db
def test_the_sweep_reads_what_the_after_commit_task_missed() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from azultel.careers.services import resume_texts_extract_pending

    missed, _ = application_make(resume=pdf_bytes("Certified fiber splicer"))
    fresh, _ = application_make(email="new@example.com")
    Application.objects.filter(pk=missed.pk).update(created_at=timezone.now() - timedelta(hours=1))

    tried = resume_texts_extract_pending()

    assert tried == 1
    assert Application.objects.get(pk=missed.pk).text_extraction == "done"
    assert Application.objects.get(pk=fresh.pk).text_extraction == "pending"
