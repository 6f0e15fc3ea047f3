"""Uploaded files stay in memory: no clear résumé is ever written to a temporary file (P24).

Django's default handlers spill uploads over 2.5 MB to a temporary file in clear. This handler
(the only one in ``FILE_UPLOAD_HANDLERS``) keeps at most ``UPLOAD_MAX_BYTES`` of each file and
at most ``MAX_FILES_KEPT`` files' worth per request, counts the rest without keeping it, and
reports the counted size, so the form field refuses an oversize file with a message instead of
the file silently disappearing.
"""

from __future__ import annotations

from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest

MAX_FILES_KEPT = 4


class MemoryOnlyUploadHandler(FileUploadHandler):
    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.per_file = int(settings.UPLOAD_MAX_BYTES)
        self.budget = self.per_file * MAX_FILES_KEPT
        self.buffer = BytesIO()
        self.received = 0

    def new_file(
        self,
        field_name: str,
        file_name: str,
        content_type: str,
        content_length: int | None,
        charset: str | None = None,
        content_type_extra: dict[str, bytes] | None = None,
    ) -> None:
        super().new_file(
            field_name, file_name, content_type, content_length, charset, content_type_extra
        )
        self.buffer = BytesIO()
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        room = min(self.per_file - self.buffer.tell(), self.budget)
        if room > 0:
            kept = raw_data[:room]
            self.buffer.write(kept)
            self.budget -= len(kept)

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.received,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
