"""A campaign's body: plain text, paragraphs separated by a blank line, "- " lists, and links
written as full addresses on this site. No HTML: the email's HTML part is built from the text by
comms (everything escaped), so a tag in the body is refused rather than shown or run.

Links are counted without tracking anyone (P29): each address in the body is stored as a
``CampaignLink`` and the email carries ``<SITE_URL>/m/c/<link id>/`` instead, which counts and
redirects to the stored address only.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings

BODY_MAX_CHARS = 50_000
MAX_LINKS = 50
_URL = re.compile(r"https?://[^\s<>\"']+")
_URL_TRAILING = ".,;:!?)]'\""
# Anything a mail client or browser could read as markup: a tag, a comment, a doctype.
_MARKUP = re.compile(r"<\s*[/!?a-zA-Z]")
_SCRIPT_WORDS = re.compile(r"(?i)\b(?:javascript|vbscript|data)\s*:")


class BodyRejected(ValueError):
    """The body cannot be sent; the message says why in words staff can act on."""


def site_url() -> str:
    return str(settings.SITE_URL).rstrip("/")


def _is_site_link(url: str) -> bool:
    base = site_url()
    return url == base or url.startswith(base + "/")


def body_links(body: str) -> list[str]:
    """Every address in the body, in order of appearance, trailing punctuation removed."""
    return [m.group(0).rstrip(_URL_TRAILING) for m in _URL.finditer(body)]


def body_clean(body: object) -> str:
    """The body, checked: text only, at most 50,000 characters, links only to this site."""
    if not isinstance(body, str) or not body.strip():
        raise BodyRejected("Write the text of the email.")
    text = body.replace("\r\n", "\n").strip()
    if len(text) > BODY_MAX_CHARS:
        raise BodyRejected(
            f"The text is {len(text):,} characters long; an email may have at most "
            f"{BODY_MAX_CHARS:,}. Shorten it or link to a page on the site."
        )
    if _MARKUP.search(text) or _SCRIPT_WORDS.search(text):
        raise BodyRejected(
            "The text contains HTML or a script. Write plain text: paragraphs separated by a "
            "blank line, lines starting with '- ' for lists, and full links to this site."
        )
    if "\x00" in text:
        raise BodyRejected("The text contains a character that cannot be sent.")
    links = body_links(text)
    outside = [url for url in links if not _is_site_link(url)]
    if outside:
        raise BodyRejected(
            f"Links may only point to this site ({site_url()}/...); {outside[0][:80]} does not."
        )
    if len(links) > MAX_LINKS:
        raise BodyRejected(f"The text has {len(links)} links; at most {MAX_LINKS} are allowed.")
    return text


def body_with_links(body: str, replace: Callable[[int, str], str]) -> str:
    """The body with its n-th link (from 0) replaced by ``replace(n, url)``."""
    counter = iter(range(MAX_LINKS + 1))

    def swap(match: re.Match[str]) -> str:
        raw = match.group(0)
        url = raw.rstrip(_URL_TRAILING)
        return replace(next(counter), url) + raw[len(url) :]

    return _URL.sub(swap, body)
