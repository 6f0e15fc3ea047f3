"""What an uploaded file really is, decided from its bytes (never its name or the browser's word).

Accepted kinds: PDF, Word (.docx), OpenDocument text (.odt) and plain UTF-8 text. Everything else
is refused with a message for the person uploading, before anything is stored: programs, web pages
and SVG images (script-bearing), macro-enabled, password-protected or externally linked Word and
OpenDocument files, archives that unpack to more than ``UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES``, other
OpenDocument kinds (spreadsheets, presentations), old binary formats (.doc, RTF: each is another
parser to trust; PDF, .docx and .odt cover every word processor's "save as").

An .odt is recognised by its magic: a ZIP whose first entry is an uncompressed ``mimetype`` file
holding ``application/vnd.oasis.opendocument.text`` (the OpenDocument package rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FileKind(models.TextChoices):
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word (.docx)")
    ODT = "odt", _("OpenDocument text (.odt)")
    TEXT = "txt", _("Plain text")


class UploadPurpose(models.TextChoices):
    """Why a file was uploaded; each purpose has a policy below and a data-map entry."""

    RESUME = "resume", _("Résumé")
    AGENT_PERMISSION = "agent_permission", _("Signed permission for an authorised agent")


CONTENT_TYPES: dict[str, str] = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.ODT: "application/vnd.oasis.opendocument.text",
    FileKind.TEXT: "text/plain; charset=utf-8",
}
EXTENSIONS: dict[str, str] = {
    FileKind.PDF: ".pdf",
    FileKind.DOCX: ".docx",
    FileKind.ODT: ".odt",
    FileKind.TEXT: ".txt",
}


class UploadRefused(ValueError):
    """The content is not an acceptable file; ``message`` is written for the person uploading."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class UploadPolicy:
    purpose: str
    kinds: tuple[FileKind, ...]

    @property
    def max_bytes(self) -> int:
        return int(settings.UPLOAD_MAX_BYTES)

    def instruction(self) -> str:
        """'Upload a PDF, Word (.docx), OpenDocument (.odt) or plain text file of at most 5 MB.'"""
        names = {
            FileKind.PDF: "PDF",
            FileKind.DOCX: "Word (.docx)",
            FileKind.ODT: "OpenDocument (.odt)",
            FileKind.TEXT: "plain text",
        }
        listed = [names[kind] for kind in self.kinds]
        joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " or " + listed[-1]
        return f"Upload a {joined} file of at most {size_for_people(self.max_bytes)}."


RESUME_UPLOADS = UploadPolicy(
    purpose=UploadPurpose.RESUME,
    kinds=(FileKind.PDF, FileKind.DOCX, FileKind.ODT, FileKind.TEXT),
)

AGENT_PERMISSION_UPLOADS = UploadPolicy(
    purpose=UploadPurpose.AGENT_PERMISSION, kinds=(FileKind.PDF,)
)


@dataclass(frozen=True)
class CheckedUpload:
    """Bytes that passed every check for ``purpose``; the only thing the storage service takes."""

    content: bytes
    kind: FileKind
    purpose: str

    @property
    def size(self) -> int:
        return len(self.content)


def size_for_people(size: int) -> str:
    megabytes = size / (1024 * 1024)
    if megabytes >= 1:
        return f"{megabytes:.0f} MB" if megabytes == int(megabytes) else f"{megabytes:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def upload_check(content: bytes, *, policy: UploadPolicy, size: int | None = None) -> CheckedUpload:
    """The content as a ``CheckedUpload``, or ``UploadRefused`` with a message saying what to do.

    ``size`` is the size the upload handler counted (the content may have been cut at the limit).
    """
    instruction = policy.instruction()
    total = len(content) if size is None else size
    # A size that differs from the bytes kept means the handler stopped keeping them.
    if total > policy.max_bytes or len(content) != total:
        raise UploadRefused(
            "too_large",
            f"The file is {size_for_people(max(total, len(content)))}, more than the "
            f"{size_for_people(policy.max_bytes)} limit. {instruction}",
        )
    try:
        kind = sniff(content)
    except UploadRefused as refused:
        raise UploadRefused(refused.code, f"{refused.message} {instruction}") from None
    if kind not in policy.kinds:
        raise UploadRefused(
            "kind_not_allowed", f"This kind of file is not accepted here. {instruction}"
        )
    return CheckedUpload(content=content, kind=kind, purpose=policy.purpose)


# --- The sniffer ------------------------------------------------------------------------------

_PROGRAM_MAGIC = (
    b"MZ",  # Windows programs and libraries
    b"\x7fELF",  # Linux programs
    b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe",  # Mach-O
    b"\xca\xfe\xba\xbe",  # Mach-O universal (also Java classes)
    b"#!",  # scripts
    b"\x00asm",  # WebAssembly
)  # fmt: skip
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, encrypted Office files
_RTF_MAGIC = b"{\\rtf"
_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF-"

# Tags that make a browser run or fetch something, written as a browser reads them (no space
# after "<"). A text whose first character is "<" is refused as markup whatever follows.
_MARKUP_TAG = re.compile(r"</?(?:script|svg|html|iframe|object|embed|img)[\s/>]", re.IGNORECASE)
# C0 controls other than tab, line feed, form feed and carriage return; DEL; C1 controls.
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

# PDF names that run code, open other files or carry files inside (best effort: see _pdf_check).
_PDF_ACTIVE_NAMES = frozenset(
    {
        b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"EmbeddedFiles", b"RichMedia",
        b"XFA", b"SubmitForm", b"ImportData",
    }
)  # fmt: skip
_PDF_NAME = re.compile(rb"/((?:[A-Za-z0-9_.+-]|#[0-9A-Fa-f]{2})+)")
_PDF_STREAM_START = re.compile(rb"stream\r?\n")


def sniff(content: bytes) -> FileKind:
    """The kind of ``content``, or ``UploadRefused`` saying what it is instead. Never crashes."""
    if not content:
        raise UploadRefused("empty", "The file is empty.")
    if content.startswith(_PROGRAM_MAGIC):
        raise UploadRefused("program", "This file is a program, not a document.")
    if content.startswith(_PDF_MAGIC):
        _pdf_check(content)
        return FileKind.PDF
    if content.startswith(_ZIP_MAGIC):
        # .docx and .odt live in core.office_checks, which imports this module's types.
        from azultel.core.office_checks import zip_document_check

        return zip_document_check(content)
    if content.startswith(_OLE_MAGIC):
        raise UploadRefused(
            "old_office",
            "This is an older Office file (.doc) or a password-protected one; save it as .docx "
            "(without a password) or as a PDF.",
        )
    if content.startswith(_RTF_MAGIC):
        raise UploadRefused("rtf", "Rich Text (.rtf) files are not accepted; save it as a PDF.")
    return _text_check(content)


def _pdf_check(content: bytes) -> None:
    # Only names outside streams are read: stream bytes are compressed and would match by chance.
    # Names inside compressed object streams are not seen; the serving headers (attachment,
    # sandbox, nosniff) are what keeps a PDF's script from running in our origin.
    outside_streams = _outside_streams(content)
    for match in _PDF_NAME.finditer(outside_streams):
        name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), match[1])
        if name in _PDF_ACTIVE_NAMES:
            raise UploadRefused(
                "pdf_active",
                "This PDF contains scripts, attachments or form actions; print it to a new PDF "
                "and upload that.",
            )


def _outside_streams(content: bytes) -> bytes:
    """The PDF without its stream bodies, in one pass (a stream left open runs to the end)."""
    kept = []
    position = 0
    while (start := _PDF_STREAM_START.search(content, position)) is not None:
        kept.append(content[position : start.start()])
        end = content.find(b"endstream", start.end())
        if end < 0:
            return b" ".join(kept)
        position = end + len(b"endstream")
    kept.append(content[position:])
    return b" ".join(kept)


def _text_check(content: bytes) -> FileKind:
    body = content.removeprefix(b"\xef\xbb\xbf")
    if b"\x00" in body:
        raise UploadRefused("unknown", "We could not recognise this file as a document.")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise UploadRefused(
            "not_utf8",
            "We could not recognise this file; if it is a text file, save it as UTF-8 text.",
        ) from None
    if _BINARY_CONTROLS.search(text):
        raise UploadRefused("unknown", "We could not recognise this file as a document.")
    if text.lstrip().startswith("<") or _MARKUP_TAG.search(text):
        raise UploadRefused(
            "markup",
            "This file is a web page or an image with markup (HTML, SVG or XML), not a document.",
        )
    if not text.strip():
        raise UploadRefused("empty", "The file is empty.")
    return FileKind.TEXT
