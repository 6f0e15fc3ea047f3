"""The HTML part of every email: one shared layout (the site's name as text in the header, the
content, the company's address and, for commercial email, the unsubscribe link in the footer),
its CSS inlined with css-inline so mail clients that drop ``<style>`` still show the site's look.

Only the dark-mode media query stays in a ``<style>`` block (a media query cannot be inlined).
No image, font or stylesheet is loaded from anywhere: the email is complete as sent.

The content is ``comms/email/<template>.html`` when an email has one (a fragment, rendered with
the same values as the text part); otherwise it is written from the text part itself, so the
two parts always say the same thing.
"""

from __future__ import annotations

import html
import re

import css_inline
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

LAYOUT_TEMPLATE = "comms/email/_layout.html"

# Remote stylesheets are never fetched; @media rules (dark mode) stay in the <style> block.
_INLINER = css_inline.CSSInliner(
    load_remote_stylesheets=False, keep_at_rules=True, keep_link_tags=False
)
_URL = re.compile(r"https?://[^\s<>\"']+")
# Punctuation that ends a sentence, not the address ("... at https://x/signup/.").
_URL_TRAILING = ".,;:!?)]'\""
_LIST_ITEM = re.compile(r"^\s*[-*] +")


def _is_site_link(url: str, site_url: str) -> bool:
    return url == site_url or url.startswith(site_url + "/")


def _linked(line: str, site_url: str) -> str:
    """``line`` escaped, with addresses on this site made links. Any other address stays text:
    an email from us never makes a link out of something a person typed (a name, a note)."""
    parts: list[str] = []
    position = 0
    for match in _URL.finditer(line):
        url = match.group(0).rstrip(_URL_TRAILING)
        end = match.start() + len(url)
        parts.append(html.escape(line[position : match.start()]))
        if _is_site_link(url, site_url):
            address = html.escape(url)
            parts.append(f'<a class="link" href="{address}">{address}</a>')
        else:
            parts.append(html.escape(url))
        position = end
    parts.append(html.escape(line[position:]))
    return "".join(parts)


def _block_html(lines: list[str], site_url: str) -> str:
    """One paragraph of the text part: runs of "- item" lines become a list, the rest a <p>
    keeping its line breaks; a paragraph that is only one of our addresses stands out."""
    if len(lines) == 1 and _URL.fullmatch(lines[0].strip()):
        only = lines[0].strip()
        if _is_site_link(only, site_url):
            return f'<p class="action">{_linked(only, site_url)}</p>'
    out: list[str] = []
    text_run: list[str] = []
    items: list[str] = []

    def flush_text() -> None:
        if text_run:
            out.append("<p>" + "<br>\n".join(text_run) + "</p>")
            text_run.clear()

    def flush_items() -> None:
        if items:
            out.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            items.clear()

    for line in lines:
        if _LIST_ITEM.match(line):
            flush_text()
            items.append(_linked(_LIST_ITEM.sub("", line, count=1), site_url))
        else:
            flush_items()
            text_run.append(_linked(line.strip(), site_url))
    flush_text()
    flush_items()
    return "\n".join(out)


def text_as_html(text: str, *, site_url: str) -> SafeString:
    """The text part as HTML: paragraphs, lists, line breaks and links to this site kept; every
    character of the text escaped."""
    site_url = site_url.rstrip("/")
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    rendered = [
        _block_html([line for line in block.split("\n") if line.strip()], site_url)
        for block in blocks
        if block.strip()
    ]
    return mark_safe("\n".join(rendered))  # noqa: S308 (every piece was escaped above)


def content_html(*, template: str, values: dict[str, object], body_text: str) -> SafeString:
    """The content of the HTML part: ``<template>.html`` if it exists, else the text part."""
    try:
        fragment = get_template(f"comms/email/{template}.html")
    except TemplateDoesNotExist:
        return text_as_html(body_text, site_url=str(values["site_url"]))
    return mark_safe(fragment.render(values).strip())  # noqa: S308 (autoescaped template)


def html_document(*, values: dict[str, object], content: SafeString, subject_line: str) -> str:
    """The whole HTML part: the shared layout around ``content``, its CSS inlined."""
    page = get_template(LAYOUT_TEMPLATE).render(
        {**values, "content": content, "subject_line": subject_line}
    )
    return str(_INLINER.inline(page))
