"""The ZIP-based kinds of ``core.upload_checks``: Word (.docx) and OpenDocument text (.odt).

Both get the same archive defences first (``_zip_open``): the archive must open, hold at most
``_ZIP_MAX_ENTRIES`` entries, unpack to at most ``UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES`` (zip bombs)
and have no ZIP-encrypted entry; every part read here is read through ``_read_part``, which stops
at a fixed size whatever the archive claims. Then:

* .odt: recognised by the OpenDocument magic (the first entry is an uncompressed ``mimetype``
  holding ``application/vnd.oasis.opendocument.text``); refused when password-protected, when it
  carries macros, scripts, event listeners or embedded OLE objects, or when it loads an image,
  object or section from outside the package (a beacon when HR opens it).
* .docx: the Word package parts; refused with macros, embedded programs or external templates.

Checks on XML are on the bytes with the usual namespace prefixes (best effort, like the PDF check);
the file is served only as an attachment, and text is extracted in a limited child process.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from django.conf import settings

from azultel.core.upload_checks import FileKind, UploadRefused, size_for_people

_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# The local header of the first entry: name length 8, no extra field, then "mimetype" and its
# stored (uncompressed) content, which is what makes the first bytes of an .odt recognisable.
_ODT_MAGIC_AT_26 = b"\x08\x00\x00\x00mimetype" + ODT_MIMETYPE
_ZIP_MAX_ENTRIES = 2000
_ZIP_PART_READ_LIMIT = 2 * 1024 * 1024
# An .odt's text is in content.xml; a long résumé is well under a megabyte of it.
_ODT_XML_READ_LIMIT = 16 * 1024 * 1024
# Embedded OLE objects (.bin: the usual carrier of Office exploits), macro-enabled documents,
# programs and pages. Embedded .docx/.xlsx (a chart's data) and images are fine.
_EMBEDDED_REFUSED = (".bin", ".docm", ".dotm", ".xlsm", ".pptm", ".exe", ".js", ".htm", ".html")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>", re.IGNORECASE)
# OpenDocument elements that load something by address (hyperlinks, text:a, are fine).
_ODT_LOADING_ELEMENT = re.compile(
    rb"<(?:draw:(?:image|object|object-ole|plugin|applet|floating-frame|fill-image)"
    rb"|text:section-source|style:background-image|office:dde-source|text:dde-connection-decl)"
    rb"\b[^>]*>"
)
_XLINK_HREF = re.compile(rb"xlink:href\s*=\s*[\"']([^\"']*)[\"']")
_ODT_SCRIPTING = re.compile(rb"<(?:\w+:)?(?:event-listener|script)\b")


def zip_document_check(content: bytes) -> FileKind:
    """The kind of a ZIP-based upload (.odt or .docx), or ``UploadRefused`` saying why not."""
    archive, entries = _zip_open(content)
    names = {entry.filename.lower(): entry for entry in entries}
    try:
        if content[26 : 26 + len(_ODT_MAGIC_AT_26)] == _ODT_MAGIC_AT_26:
            _odt_check(archive, entries, names)
            return FileKind.ODT
        if "mimetype" in names:
            raise UploadRefused(
                "opendocument",
                "This OpenDocument file is not a text document (.odt); save it as .odt, .docx "
                "or PDF.",
            )
        _docx_check(archive, names)
        return FileKind.DOCX
    except UploadRefused:
        raise
    except (
        zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError,
        ValueError, KeyError,
    ):  # fmt: skip
        raise _damaged() from None


def _damaged() -> UploadRefused:
    return UploadRefused(
        "damaged",
        "This file looks like a Word (.docx) or OpenDocument (.odt) file but cannot be read; it "
        "may be damaged.",
    )


def _zip_open(content: bytes) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _damaged() from None
    if len(entries) > _ZIP_MAX_ENTRIES:
        raise _damaged()
    limit = int(settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES)
    if sum(entry.file_size for entry in entries) > limit:
        raise UploadRefused(
            "zip_bomb",
            f"This file unpacks to more than {size_for_people(limit)}, far more than a document "
            "needs; save it as a PDF.",
        )
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise _damaged()
    return archive, entries


# --- OpenDocument text ------------------------------------------------------------------------


def _odt_check(
    archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], names: dict[str, zipfile.ZipInfo]
) -> None:
    first = entries[0]
    damaged = UploadRefused(
        "damaged", "This file looks like an OpenDocument (.odt) file but cannot be read."
    )
    # The magic is checked on the raw bytes; the archive's own view must agree with it.
    if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED:
        raise damaged
    if _read_part(archive, first) != ODT_MIMETYPE or "content.xml" not in names:
        raise damaged
    manifest = (
        _read_part(archive, names["meta-inf/manifest.xml"]).lower()
        if "meta-inf/manifest.xml" in names
        else b""
    )
    if b"encryption-data" in manifest:
        raise UploadRefused(
            "odt_encrypted",
            "This OpenDocument file is password-protected; save it without a password, or as a "
            "PDF.",
        )
    if any(_is_odt_macro_or_object(name) for name in names) or b"oleobject" in manifest:
        raise _odt_macros_refused()
    for part in ("content.xml", "styles.xml"):
        if part not in names:
            continue
        try:
            xml = _read_part(archive, names[part], limit=_ODT_XML_READ_LIMIT)
        except ValueError:
            raise UploadRefused(
                "odt_too_large",
                "This document holds far more text than a résumé needs; save it as a PDF.",
            ) from None
        if _ODT_SCRIPTING.search(xml):
            raise _odt_macros_refused()
        if _odt_loads_from_outside(xml):
            raise UploadRefused(
                "odt_external",
                "This OpenDocument file loads an image, object or section from the internet or "
                "another file; save it as a PDF.",
            )


def _is_odt_macro_or_object(name: str) -> bool:
    return name.startswith(("basic/", "scripts/")) or name.endswith(_EMBEDDED_REFUSED)


def _odt_macros_refused() -> UploadRefused:
    return UploadRefused(
        "odt_macros",
        "This OpenDocument file contains macros, scripts or embedded programs; save it without "
        "them, or as a PDF.",
    )


def _odt_loads_from_outside(xml: bytes) -> bool:
    """True when an image, object or section is loaded from outside the package."""
    for match in _ODT_LOADING_ELEMENT.finditer(xml):
        element = match[0]
        if element.startswith((b"<office:dde-source", b"<text:dde-connection-decl")):
            return True
        href = _XLINK_HREF.search(element)
        if href is None:
            continue
        target = href[1].strip()
        inside = target.removeprefix(b"./")
        if b":" in inside or inside.startswith((b"/", b"../", b"\\")) or b"%3a" in inside.lower():
            return True
    return False


# --- Word (.docx) -------------------------------------------------------------------------------


def _docx_check(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> None:
    if "[content_types].xml" not in names or "word/document.xml" not in names:
        raise UploadRefused(
            "not_docx", "This is a compressed archive (.zip), not a Word (.docx) document."
        )
    if any(_is_macro_or_object(name) for name in names):
        raise _macros_refused()
    content_types = _read_part(archive, names["[content_types].xml"]).lower()
    if b"macroenabled" in content_types or b"vbaproject" in content_types:
        raise _macros_refused()
    if _DOCX_MAIN.encode() not in content_types:
        raise UploadRefused(
            "not_docx",
            "This Office file is not a Word document (.docx); templates and other Office "
            "files are not accepted.",
        )
    for name, entry in names.items():
        if name.endswith(".rels") and _links_outside(_read_part(archive, entry)):
            raise UploadRefused(
                "docx_external",
                "This Word file loads a template, image or object from the internet; save "
                "it as a PDF.",
            )


def _macros_refused() -> UploadRefused:
    return UploadRefused(
        "docx_macros",
        "This Word file contains macros or embedded programs; save it as a .docx without macros "
        "or as a PDF.",
    )


def _is_macro_or_object(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return (
        base in {"vbaproject.bin", "vbadata.xml"}
        or "/activex/" in f"/{name}"
        or (name.startswith("word/embeddings/") and base.endswith(_EMBEDDED_REFUSED))
    )


def _read_part(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo, *, limit: int = _ZIP_PART_READ_LIMIT
) -> bytes:
    """The part's bytes, reading no more than ``limit`` even if the archive's sizes lie."""
    with archive.open(entry) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError("part too large to inspect")
    return data


def _links_outside(relationships: bytes) -> bool:
    """True when a relationship other than a plain hyperlink points outside the package."""
    for match in _RELATIONSHIP.finditer(relationships):
        element = match[0].lower()
        if b"targetmode" in element and re.search(rb"targetmode\s*=\s*[\"']external", element):
            relationship_type = re.search(rb"type\s*=\s*[\"']([^\"']*)", element)
            if relationship_type is None or not relationship_type[1].endswith(b"/hyperlink"):
                return True
    return False
