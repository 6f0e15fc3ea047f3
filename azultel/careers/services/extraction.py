"""Reading a résumé's words for HR search, in a separate process with limits (issue 16).

The words are stored encrypted (``Application.resume_text``, privacy's ``EncryptedTextField``)
with a blind word index (``resume_words``) that ``selectors.applications_for_hr`` searches.

``resume_text_extract`` hands the file to ``careers.text_worker`` in a child process limited in
address space (``_MEMORY_BYTES``), CPU and wall-clock time (``CAREERS_EXTRACT_TIMEOUT_SECONDS``)
and output size, so a hostile PDF, .docx or .odt can stall or exhaust only that child. It runs
from the Celery task ``careers.tasks.resume_text_extract`` after the application is committed.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from azultel.careers import text_worker
from azultel.careers.models import Application, TextExtraction
from azultel.core.file_storage import StorageError
from azultel.core.stored_files import stored_file_read

logger = logging.getLogger(__name__)

_MEMORY_BYTES = 768 * 1024 * 1024
_WORKER = Path(text_worker.__file__)


def _limit_child() -> None:  # pragma: no cover - runs in the child before exec
    import resource

    seconds = int(settings.CAREERS_EXTRACT_TIMEOUT_SECONDS)
    resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_BYTES, _MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))


def text_from_bytes(content: bytes, *, kind: str) -> str | None:
    """The document's words (capped), or None when it cannot be read within the limits."""
    max_chars = int(settings.CAREERS_EXTRACT_MAX_CHARS)
    command = [
        sys.executable,
        # Isolated: no user site, no PYTHON* variables, nothing of this project on the path; the
        # worker needs only the standard library and pypdf.
        "-I",
        str(_WORKER),
        kind,
        str(max_chars),
        str(int(settings.CAREERS_EXTRACT_MAX_PAGES)),
        str(int(settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES)),
    ]
    try:
        finished = subprocess.run(
            command,
            input=content,
            capture_output=True,
            timeout=int(settings.CAREERS_EXTRACT_TIMEOUT_SECONDS),
            preexec_fn=_limit_child,
            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        logger.warning("Résumé text extraction timed out (%s).", kind)
        return None
    if finished.returncode != 0:
        logger.warning("Résumé text extraction failed (%s, exit %s).", kind, finished.returncode)
        return None
    return finished.stdout[: max_chars * 4].decode("utf-8", "replace")[:max_chars]


def resume_text_extract(*, application_id: uuid.UUID | str) -> str:
    """Extract and store the text of one application's résumé; returns the outcome's value."""
    application = Application.objects.select_related("resume").filter(pk=application_id).first()
    if application is None or application.resume is None:
        return "gone"
    try:
        content = stored_file_read(stored_file=application.resume)
    except StorageError:
        logger.warning("Résumé of application %s could not be read for extraction.", application.pk)
        return "unreadable"
    text = text_from_bytes(content, kind=application.resume.kind)
    outcome = TextExtraction.DONE if text is not None else TextExtraction.FAILED
    with transaction.atomic():
        # Written only if the application still holds that résumé (no withdrawal meanwhile).
        current = (
            Application.objects.select_for_update(of=("self",))
            .filter(pk=application.pk, resume=application.resume)
            .first()
        )
        if current is None:
            return "gone"
        # Encrypted on save; the field's pre_save also rewrites the blind word index.
        current.resume_text = text or ""
        current.text_extraction = outcome
        current.save(update_fields=["resume_text", "resume_words", "text_extraction", "updated_at"])
    return outcome


def resume_texts_extract_pending(*, limit: int = 50, older_than_minutes: int = 5) -> int:
    """Extract what the after-commit task did not (a broker outage, a worker lost); returns how
    many were tried. Newer applications are left to their own task."""
    before = timezone.now() - timedelta(minutes=older_than_minutes)
    pending = list(
        Application.objects.filter(
            text_extraction=TextExtraction.PENDING, resume__isnull=False, created_at__lt=before
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    for application_id in pending:
        resume_text_extract(application_id=application_id)
    return len(pending)
