"""The content sniffer: a file is what its bytes say, and only PDF, .docx, .odt and UTF-8 text
pass."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.core.testing.sample_files import (
    HTML_PAGE,
    REMOTE_TEMPLATE_RELS,
    SVG_IMAGE,
    TEXT_RESUME,
    WINDOWS_PROGRAM,
    docx_bytes,
    macro_docx_bytes,
    odt_bytes,
    pdf_bytes,
    zip_bomb_docx_bytes,
    zip_bomb_odt_bytes,
)
from azultel.core.upload_checks import (
    RESUME_UPLOADS,
    FileKind,
    UploadRefused,
    sniff,
    upload_check,
)

INSTRUCTION = "Upload a PDF, Word (.docx), OpenDocument (.odt) or plain text file of at most 5 MB."


def _refusal(content: bytes) -> UploadRefused:
    with pytest.raises(UploadRefused) as refused:
        upload_check(content, policy=RESUME_UPLOADS)
    return refused.value


def test_the_instruction_names_the_kinds_and_the_limit() -> None:
    assert RESUME_UPLOADS.instruction() == INSTRUCTION


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (pdf_bytes(), FileKind.PDF),
        (docx_bytes(), FileKind.DOCX),
        (odt_bytes(), FileKind.ODT),
        (TEXT_RESUME, FileKind.TEXT),
        (b"\xef\xbb\xbf" + "Résumé: José Núñez\r\n".encode(), FileKind.TEXT),
    ],
    ids=["pdf", "docx-with-a-hyperlink", "odt-with-a-hyperlink", "text", "utf8-text-with-bom"],
)
def test_the_accepted_kinds_are_recognised_from_their_bytes(content: bytes, kind: str) -> None:
    checked = upload_check(content, policy=RESUME_UPLOADS)

    assert checked.kind == kind
    assert checked.content == content
    assert checked.purpose == "resume"


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (WINDOWS_PROGRAM, "program", "is a program"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "program", "is a program"),
        (b"#!/bin/sh\nrm -rf ~\n", "program", "is a program"),
        (HTML_PAGE, "markup", "web page"),
        (b"  \n<html><body>hi</body></html>", "markup", "web page"),
        (SVG_IMAGE, "markup", "web page"),
        (b'<svg onload="alert(1)"/>', "markup", "web page"),
        (b"My resume\n<script>alert(1)</script>\n", "markup", "web page"),
        (macro_docx_bytes(), "docx_macros", "macros"),
        (docx_bytes(extra={"word/vbaProject.bin": b"x"}), "docx_macros", "macros"),
        (docx_bytes(extra={"word/embeddings/oleObject1.bin": b"x"}), "docx_macros", "macros"),
        (docx_bytes(extra={"word/activeX/activeX1.xml": b"<x/>"}), "docx_macros", "macros"),
        (docx_bytes(document_rels=REMOTE_TEMPLATE_RELS), "docx_external", "from the internet"),
        (zip_bomb_docx_bytes(), "zip_bomb", "unpacks to more than 50 MB"),
        (b"PK\x03\x04garbage that is not a zip", "damaged", "cannot be read"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old_office", ".doc"),
        (b"{\\rtf1\\ansi Hello}", "rtf", "Rich Text"),
        (b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>", "pdf_active", "scripts"),
        (b"%PDF-1.4\n1 0 obj << /S /J#61vaScript >>", "pdf_active", "scripts"),
        ("caf\u00e9".encode("latin-1"), "not_utf8", "UTF-8"),
        (b"plain words\x00 with a NUL", "unknown", "could not recognise"),
        (b"", "empty", "empty"),
        (b"   \n\t ", "empty", "empty"),
    ],
    ids=[
        "windows-exe", "linux-elf", "shell-script", "html", "html-after-whitespace", "svg",
        "svg-without-xml-declaration", "text-with-a-script-tag", "docm", "vbaproject-only",
        "embedded-ole-object", "activex", "remote-template", "zip-bomb", "broken-zip", "old-doc",
        "rtf", "pdf-javascript", "pdf-javascript-hex-escaped", "latin1-text", "nul-bytes", "empty",
        "blank",
    ],
)  # fmt: skip
def test_each_refused_kind_gets_a_message_saying_what_to_upload(
    content: bytes, code: str, words: str
) -> None:
    refused = _refusal(content)

    assert refused.code == code
    assert words in refused.message
    assert refused.message.endswith(INSTRUCTION)


def test_a_zip_that_is_not_a_word_document_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photos/me.jpg", b"\xff\xd8\xff")

    assert _refusal(buffer.getvalue()).code == "not_docx"


def _zip(entries: list[tuple[str, bytes, int]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, compression in entries:
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


ODT_TYPE = b"application/vnd.oasis.opendocument.text"


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (zip_bomb_odt_bytes(), "zip_bomb", "unpacks to more than 50 MB"),
        (
            odt_bytes(mimetype="application/vnd.oasis.opendocument.spreadsheet"),
            "opendocument",
            "not a text document",
        ),
        (odt_bytes(mimetype="application/vnd.oasis.opendocument.text-template"), "damaged", "cannot be read"),
        (_zip([("mimetype", ODT_TYPE, zipfile.ZIP_STORED)]), "damaged", "cannot be read"),
        (
            _zip([("mimetype", ODT_TYPE, zipfile.ZIP_STORED), ("content.xml", WINDOWS_PROGRAM, zipfile.ZIP_STORED)]),
            "odt",
            "",
        ),
        (_zip([("mimetype", ODT_TYPE, zipfile.ZIP_DEFLATED), ("content.xml", b"<x/>", 8)]), "opendocument", "not a text document"),
        (_zip([("setup.exe", WINDOWS_PROGRAM, zipfile.ZIP_STORED), ("mimetype", ODT_TYPE, 0)]), "opendocument", "not a text document"),
        (odt_bytes(extra={"Basic/Standard/Module1.xml": b"<script:module/>"}), "odt_macros", "macros"),
        (odt_bytes(extra={"Scripts/python/evil.py": b"import os"}), "odt_macros", "macros"),
        (odt_bytes(extra={"Object 1/oleObject1.bin": b"\xd0\xcf"}), "odt_macros", "macros"),
        (
            odt_bytes(body='<text:p><office:event-listeners><script:event-listener script:event-name="dom:load"/></office:event-listeners></text:p>'),
            "odt_macros",
            "macros",
        ),
        (odt_bytes(manifest="<manifest:manifest><manifest:encryption-data/></manifest:manifest>"), "odt_encrypted", "password"),
        (
            odt_bytes(body='<text:p><draw:frame><draw:image xlink:href="https://tracker.example/p.png"/></draw:frame></text:p>'),
            "odt_external",
            "from the internet",
        ),
        (
            odt_bytes(body='<text:section text:name="s"><text:section-source xlink:href="../../etc/passwd"/></text:section>'),
            "odt_external",
            "another file",
        ),
    ],
    ids=[
        "zip-bomb", "spreadsheet", "template", "no-content", "program-as-content-xml",
        "compressed-mimetype", "mimetype-not-first", "basic-macros", "python-scripts",
        "embedded-ole", "event-listener", "password", "remote-image", "outside-section",
    ],
)  # fmt: skip
def test_opendocument_files_are_checked_like_word_files(
    content: bytes, code: str, words: str
) -> None:
    if code == "odt":  # well formed as a package: the bytes of content.xml are the worker's job
        assert sniff(content) == FileKind.ODT
        return
    refused = _refusal(content)

    assert refused.code == code
    assert words in refused.message
    assert refused.message.endswith(INSTRUCTION)


def test_an_odt_with_its_own_pictures_and_web_links_is_accepted() -> None:
    body = (
        '<text:p>See <text:a xlink:href="https://example.org/me">my site</text:a>'
        '<draw:frame><draw:image xlink:href="Pictures/photo.png"/></draw:frame></text:p>'
    )
    content = odt_bytes(body=body, extra={"Pictures/photo.png": b"\x89PNG\r\n"})

    assert upload_check(content, policy=RESUME_UPLOADS).kind == FileKind.ODT


def test_a_file_over_the_limit_is_refused_before_its_content_is_looked_at() -> None:
    content = b"%PDF-" + b"a" * (5 * 1024 * 1024)

    refused = _refusal(content)

    assert refused.code == "too_large"
    assert refused.message == f"The file is 5.0 MB, more than the 5 MB limit. {INSTRUCTION}"


def test_a_file_the_upload_handler_cut_short_is_refused_as_too_large() -> None:
    with pytest.raises(UploadRefused) as refused:
        upload_check(TEXT_RESUME, policy=RESUME_UPLOADS, size=len(TEXT_RESUME) + 10)

    assert refused.value.code == "too_large"


def test_the_limit_follows_the_setting(settings: object) -> None:
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024  # type: ignore[attr-defined]

    refused = _refusal(b"a" * (2 * 1024 * 1024 + 1))

    assert "of at most 2 MB" in refused.message


def test_links_to_web_pages_in_a_word_file_are_fine() -> None:
    assert sniff(docx_bytes()) == FileKind.DOCX


# --- Hypothesis: the sniffer never crashes and never takes random bytes for a document --------


def _sniff_outcome(content: bytes) -> str:
    try:
        return sniff(content)
    except UploadRefused as refused:
        return f"refused:{refused.code}"


@given(st.binary(max_size=4096))
@settings(max_examples=400, deadline=None)
def test_the_sniffer_never_crashes_and_pdf_means_the_pdf_signature(content: bytes) -> None:
    outcome = _sniff_outcome(content)

    assert outcome in set(FileKind.values) or outcome.startswith("refused:")
    assert outcome != FileKind.PDF or content.startswith(b"%PDF-")
    assert outcome != FileKind.DOCX or content.startswith(b"PK\x03\x04")
    assert outcome != FileKind.ODT or content[30:38] == b"mimetype"


@given(st.binary(max_size=2048))
@settings(max_examples=200, deadline=None)
def test_the_sniffer_survives_anything_after_a_known_signature(tail: bytes) -> None:
    for signature in (b"%PDF-", b"PK\x03\x04", b"\xef\xbb\xbf", b"{\\rtf"):
        _sniff_outcome(signature + tail)


@given(st.data())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.parametrize("make", [docx_bytes, odt_bytes], ids=["docx", "odt"])
def test_a_damaged_word_or_odt_file_is_refused_or_read_never_a_crash(
    make: object, data: st.DataObject
) -> None:
    original = bytearray(make())  # type: ignore[operator]
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        position = data.draw(st.integers(min_value=0, max_value=len(original) - 1))
        original[position] = data.draw(st.integers(min_value=0, max_value=255))

    mutated = bytes(original)

    outcome = _sniff_outcome(mutated)

    assert outcome in set(FileKind.values) or outcome.startswith("refused:")
    assert outcome != FileKind.PDF or mutated.startswith(b"%PDF-")
