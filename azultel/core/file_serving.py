"""Handing a private upload to someone allowed to read it: the only way its bytes reach a browser.

There is no URL for a stored file. An app's own view finds the row through its scoped selector,
decides access, and returns ``stored_file_response``::

    @require_safe
    @permission_required("careers.view_application", raise_exception=True)
    def resume_download(request, application_id):
        application = application_get_for_staff(user=request.user, application_id=application_id)
        return stored_file_response(
            request,
            stored_file=application.resume if application else None,
            allowed=application is not None,
            filename=f"{application.name} résumé" if application else None,
        )

The response is a download (``Content-Disposition: attachment``), typed by the kind detected at
upload (never the uploader's word), never sniffed, cached or rendered in our origin.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal
from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed

from azultel.core.audit import CoreAudit, audit_record
from azultel.core.models import StoredFile
from azultel.core.stored_files import stored_file_read
from azultel.core.upload_checks import CONTENT_TYPES, EXTENSIONS

# A downloaded file must not run in, or be framed by, our origin even if a browser ignores the
# attachment disposition: no source at all, and a sandbox (no scripts, no same-origin).
DOWNLOAD_CSP = "default-src 'none'; sandbox"
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|;%\s]+')


def stored_file_response(
    request: HttpRequest,
    *,
    stored_file: StoredFile | None,
    allowed: bool,
    filename: str | None = None,
    deny_as: Literal[403, 404] = 404,
) -> HttpResponse:
    """The file as a download when ``allowed is True``; otherwise 404 (or 403) and no bytes.

    ``allowed`` is the caller's access decision for this request's user and this file; anything
    but ``True`` refuses. ``filename`` is a name for people (any language); the extension always
    follows the detected kind. Every download and every refusal of a known file is audited.
    """
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    actor = getattr(request, "user", None)
    if allowed is not True or stored_file is None:
        if stored_file is not None:
            audit_record(
                actor=actor, action=CoreAudit.STORED_FILE_SERVE_REFUSED, subject=stored_file
            )
        if deny_as == 403:
            raise PermissionDenied
        raise Http404
    content = stored_file_read(stored_file=stored_file)
    audit_record(actor=actor, action=CoreAudit.STORED_FILE_SERVE, subject=stored_file)
    ascii_name, unicode_name = download_names(filename, kind=stored_file.kind, fallback="file")
    response = HttpResponse(content, content_type=CONTENT_TYPES[stored_file.kind])
    response["Content-Length"] = str(len(content))
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(unicode_name, safe='')}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def download_names(requested: str | None, *, kind: str, fallback: str) -> tuple[str, str]:
    """(plain ASCII name, Unicode name) for RFC 6266's ``filename`` and ``filename*``.

    Path separators, quotes, control and bidirectional-override characters are dropped, so a name
    cannot escape the header, hide its real extension or climb directories; the extension is the
    detected kind's, whatever the requested name ends with.
    """
    extension = EXTENSIONS[kind]
    stem = unicodedata.normalize("NFC", requested or "")
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] not in {"C", "Z"} or ch == " ")
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", stem.strip())
    stem = _UNSAFE_IN_NAMES.sub(" ", stem).strip(" .-_")[:80].strip(" .-_") or fallback
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    ascii_stem = re.sub(r"[^A-Za-z0-9 ._-]+", "", ascii_stem)
    ascii_stem = re.sub(r"\s+", " ", ascii_stem).strip(" .-_") or fallback
    return ascii_stem + extension, stem + extension
