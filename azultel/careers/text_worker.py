"""Résumé text extraction, run as its own short-lived process (``python -m``).

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

_DOCX_RUN = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|</w:p>|<w:tab/>|<w:br/>")


def pdf_text(content: bytes, *, max_chars: int, max_pages: int) -> str:
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
    archive = zipfile.ZipFile(io.BytesIO(content))
    entry = archive.getinfo("word/document.xml")
    if entry.file_size > max_unpacked:
        raise ValueError("document too large")
    with archive.open(entry) as handle:
        # Read no more than the cap even if the size the archive claims is a lie.
        xml = handle.read(max_unpacked + 1)
    if len(xml) > max_unpacked:
        raise ValueError("document too large")
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


def extract(content: bytes, *, kind: str, max_chars: int, max_pages: int, max_unpacked: int) -> str:
    if kind == "pdf":
        text = pdf_text(content, max_chars=max_chars, max_pages=max_pages)
    elif kind == "docx":
        text = docx_text(content, max_chars=max_chars, max_unpacked=max_unpacked)
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
