"""A full upload store: the visitor gets a clear page (503), and nothing is saved."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from azultel.core.models import StoredFile
from azultel.core.testing.sample_files import pdf_bytes
from azultel.privacy import file_storage

pytestmark = [pytest.mark.django_db, pytest.mark.urls("azultel.core.tests.upload_views")]


def test_a_full_upload_store_answers_a_clear_503_and_saves_nothing(
    client: Client, settings: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    # Given an upload store whose disk is full
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"

    def disk_full(*args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(file_storage.os, "open", disk_full)
    user = get_user_model().objects.create_user(
        "pat@example.com", "x" * 14, given_name="Pat", family_name="Customer"
    )
    client.force_login(user)
    client.raise_request_exception = False

    # When a file is uploaded
    upload = SimpleUploadedFile("cv.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post("/test-uploads/", {"resume": upload})

    # Then the page says plainly that nothing was saved, and nothing was
    assert response.status_code == 503
    assert b"Your file was not saved" in response.content
    assert b"nothing from this form was saved" in response.content
    assert StoredFile.objects.count() == 0
    assert not any(p.is_file() for p in (tmp_path / "uploads").rglob("*"))
