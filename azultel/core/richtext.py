"""A deliberately small text format for staff-edited pages (policy, FAQ answers).

Everything is escaped first; the only structure is headings (``## ``, ``### ``), bullet lists
(``- ``), paragraphs (blank line) and links written ``[words](/path)`` to this site's own paths
or ``mailto:`` addresses. No HTML from the database ever reaches a page unescaped.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# "/" followed by anything but another "/" or "\\": this site's own paths, never "//host".
_LINK = re.compile(
    r"\[([^\]\n]{1,200})\]\(((?:/(?![/\\])[^\s()]*)|(?:mailto:[^\s()@]+@[^\s()]+))\)"
)


def _inline(text: str) -> str:
    escaped = escape(text)
    return _LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', escaped)


def render_richtext(text: str, *, heading_offset: int = 0) -> SafeString:
    """Render the small format to safe HTML. ``heading_offset`` shifts heading levels down."""
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("### ") or line.startswith("## "):
            flush()
            level = (3 if line.startswith("### ") else 2) + heading_offset
            title = line.split(" ", 1)[1]
            out.append(f"<h{level}>{_inline(title)}</h{level}>")
        elif line.startswith("- "):
            if paragraph:
                flush()
            items.append(line[2:])
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return mark_safe("\n".join(out))  # noqa: S308 - every fragment above is escaped
