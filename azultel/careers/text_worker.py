"""Résumé text extraction (PDF, .docx, .odt, text), run as its own short-lived process.

The parent (``careers.services.extraction``) sends the file's bytes on standard input with the
kind and the limits as arguments, and reads the text on standard output. This module imports no
Django and touches no database, network or disk: a hostile file can only exhaust this process,
which runs under memory and CPU limits and a wall-clock timeout set by the parent.

    python -I text_worker.py <kind> <max_chars> <max_pages> <max_unpacked_bytes>
"""

from __future__ import annotations

import html
import io
import re
import sys
import zipfile
from xml.etree import ElementTree

_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODF_PARAGRAPHS = {f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"}
_ODF_SPACE = f"{{{_ODF_TEXT}}}s"
_ODF_TAB = f"{{{_ODF_TEXT}}}tab"
_ODF_LINE_BREAK = f"{{{_ODF_TEXT}}}line-break"
_ODF_SPACE_COUNT = f"{{{_ODF_TEXT}}}c"
_XML_CHUNK = 64 * 1024

_DOCX_RUN = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|</w:p>|<w:tab/>|<w:br/>")


def pdf_text(content: bytes, *, max_chars: int, max_pages: int) -> str:
    # Imported in the limited worker process only, where the untrusted file is read.
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content), strict=False)
    parts: list[str] = []
    length = 0
    for index, page in enumerate(reader.pages):
        if index >= max_pages or length >= max_chars:
            break
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
    return "\n".join(parts)


def docx_text(content: bytes, *, max_chars: int, max_unpacked: int) -> str:
    xml = _zip_part(content, "word/document.xml", max_unpacked=max_unpacked)
    # No XML parser: entities are never expanded, so no "billion laughs".
    out: list[str] = []
    length = 0
    for match in _DOCX_RUN.finditer(xml):
        token = match.group(0)
        if token == b"</w:p>" or token == b"<w:br/>":
            piece = "\n"
        elif token == b"<w:tab/>":
            piece = "\t"
        else:
            piece = html.unescape(match.group(1).decode("utf-8", "replace"))
        out.append(piece)
        length += len(piece)
        if length >= max_chars:
            break
    return "".join(out)


def _zip_part(content: bytes, name: str, *, max_unpacked: int) -> bytes:
    archive = zipfile.ZipFile(io.BytesIO(content))
    entry = archive.getinfo(name)
    if entry.file_size > max_unpacked:
        raise ValueError("document too large")
    with archive.open(entry) as handle:
        # Read no more than the cap even if the size the archive claims is a lie.
        data = handle.read(max_unpacked + 1)
    if len(data) > max_unpacked:
        raise ValueError("document too large")
    return data


def _odf_paragraph(element: ElementTree.Element) -> str:
    """The words of one paragraph or heading, with ODF's spaces, tabs and line breaks."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == _ODF_SPACE:
            count = child.get(_ODF_SPACE_COUNT, "1")
            parts.append(" " * min(int(count) if count.isdigit() else 1, 10))
        elif child.tag == _ODF_TAB:
            parts.append("\t")
        elif child.tag == _ODF_LINE_BREAK:
            parts.append("\n")
        else:
            parts.append(_odf_paragraph(child))
        parts.append(child.tail or "")
    return "".join(parts)


def odt_text(content: bytes, *, max_chars: int, max_unpacked: int) -> str:
    """The paragraphs and headings of an .odt's content.xml, read as a stream.

    A document type declaration is refused before parsing (no entity can be declared, so none is
    expanded); each paragraph is dropped from the tree once read, so memory follows the longest
    paragraph, not the document."""
    xml = _zip_part(content, "content.xml", max_unpacked=max_unpacked)
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise ValueError("document type declarations are not read")
    parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(
        events=("end",)
    )
    out: list[str] = []
    length = 0
    for start in range(0, len(xml), _XML_CHUNK):
        parser.feed(xml[start : start + _XML_CHUNK])
        for event in parser.read_events():
            element = event[-1]
            if not isinstance(element, ElementTree.Element) or element.tag not in _ODF_PARAGRAPHS:
                continue
            piece = _odf_paragraph(element) + "\n"
            tail = element.tail
            element.clear()  # a nested paragraph (in a frame) is not read twice
            element.tail = tail
            out.append(piece)
            length += len(piece)
            if length >= max_chars:
                return "".join(out)
    parser.close()
    return "".join(out)


def extract(content: bytes, *, kind: str, max_chars: int, max_pages: int, max_unpacked: int) -> str:
    if kind == "pdf":
        text = pdf_text(content, max_chars=max_chars, max_pages=max_pages)
    elif kind == "docx":
        text = docx_text(content, max_chars=max_chars, max_unpacked=max_unpacked)
    elif kind == "odt":
        text = odt_text(content, max_chars=max_chars, max_unpacked=max_unpacked)
    elif kind == "txt":
        text = content.decode("utf-8", "replace").removeprefix("\ufeff")
    else:
        raise ValueError(f"unknown kind {kind!r}")
    text = re.sub(r"[ \t\r\f\v]+", " ", text.replace("\x00", ""))
    text = re.sub(r"\n\s*\n+", "\n\n", text)
    return text.strip()[:max_chars]


def main(argv: list[str]) -> int:
    kind, max_chars, max_pages, max_unpacked = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    content = sys.stdin.buffer.read(64 * 1024 * 1024)
    try:
        text = extract(
            content, kind=kind, max_chars=max_chars, max_pages=max_pages, max_unpacked=max_unpacked
        )
    except Exception as exc:  # any failure is "could not read": the parent records it
        sys.stderr.write(type(exc).__name__)
        return 2
    sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
