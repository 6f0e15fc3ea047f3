"""Inline SVG icons from the vendored Lucide set (``azultel/core/icons/``, ISC licence).

``{% icon "phone" %}`` renders a decorative icon (hidden from assistive technology);
``{% icon "phone" label="Call us" %}`` renders one that is announced with its label. Icons are
inlined, so a page makes no extra request for them and they take the text colour.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ICON_DIR = Path(__file__).resolve().parent.parent / "icons"
_INNER = re.compile(r"<svg[^>]*>(?P<inner>.*)</svg>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_NAME = re.compile(r"^[a-z0-9-]+$")


@cache
def _icon_inner(name: str) -> str:
    """The shapes inside one vendored icon, read once per process."""
    if not _NAME.match(name):
        raise template.TemplateSyntaxError(f"Bad icon name {name!r}.")
    path = ICON_DIR / f"{name}.svg"
    if not path.is_file():
        raise template.TemplateSyntaxError(f"No icon named {name!r} in {ICON_DIR}.")
    match = _INNER.search(_COMMENT.sub("", path.read_text()))
    if match is None:
        raise template.TemplateSyntaxError(f"Icon {name!r} is not an SVG.")
    return " ".join(match.group("inner").split())


def icon_names() -> list[str]:
    """Every vendored icon, for the style guide."""
    return sorted(p.stem for p in ICON_DIR.glob("*.svg"))


@register.simple_tag
def icon(name: str, label: str = "", size: str = "") -> SafeString:
    return _icon_markup(name, str(label), str(size))


@lru_cache(maxsize=1024)
def _icon_markup(name: str, label: str, size: str) -> SafeString:
    """The whole ``<svg>``, built once per worker for each name, label and size (about twenty
    icons on every page; labels are the site's own words, never a person's data)."""
    inner = mark_safe(_icon_inner(name))  # noqa: S308 - our own vendored files, read from disk
    size_class = f" icon--{size}" if size in {"sm", "lg", "xl"} else ""
    if label:
        return format_html(
            '<svg class="icon{}" viewBox="0 0 24 24" role="img" aria-label="{}" focusable="false" '
            'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
            'stroke-linejoin="round"><title>{}</title>{}</svg>',
            size_class,
            label,
            label,
            inner,
        )
    return format_html(
        '<svg class="icon{}" viewBox="0 0 24 24" aria-hidden="true" focusable="false" '
        'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
        'stroke-linejoin="round">{}</svg>',
        size_class,
        inner,
    )
