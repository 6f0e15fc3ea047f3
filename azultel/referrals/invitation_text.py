"""What a sender may write into an invitation: names on one line, a short plain-text note with
every link and address taken out. Used by the form (errors beside the field) and again by the
service (nothing else reaches the email)."""

from __future__ import annotations

import re

NAME_MAX_LENGTH = 100
NOTE_MAX_LENGTH = 300

# Anything that could become a header or break a line: CR, LF and other control characters.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
# Links in any spelling people use: scheme://..., www...., bare domains (name.tld/...), and
# email addresses. The note is plain text about the site, not a carrier for other addresses.
_LINK = re.compile(
    r"(?ix)"
    r"(?:\b[a-z][a-z0-9+.-]*://\S*)"
    r"|(?:\bwww\.\S*)"
    r"|(?:\S+@\S+)"
    r"|(?:\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/?#:]\S*)?)"
)
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class InvitationTextRefused(ValueError):
    """A name or note that cannot go into an email."""


def name_clean(raw: object, *, what: str) -> str:
    """One line of at most ``NAME_MAX_LENGTH`` characters; a line break is refused, not
    removed (it is how a header is injected)."""
    text = str(raw or "")
    if _CONTROL.search(text):
        raise InvitationTextRefused(f"{what} must be on one line, without line breaks.")
    text = _SPACES.sub(" ", text).strip()
    if not text:
        raise InvitationTextRefused(f"Enter {what.lower()}.")
    if len(text) > NAME_MAX_LENGTH:
        raise InvitationTextRefused(f"{what} must be {NAME_MAX_LENGTH} characters or fewer.")
    if _LINK.search(text):
        raise InvitationTextRefused(f"{what} cannot contain a web or email address.")
    return text


def note_clean(raw: object) -> str:
    """The note as plain text: links and addresses removed, spacing tidied, at most
    ``NOTE_MAX_LENGTH`` characters (a longer one is refused, not cut)."""
    text = str(raw or "").replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > NOTE_MAX_LENGTH:
        raise InvitationTextRefused(
            f"Keep the note to {NOTE_MAX_LENGTH} characters or fewer (it has {len(text)})."
        )
    text = _LINK.sub("", text)
    text = "".join(ch for ch in text if ch == "\n" or not _CONTROL.match(ch))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
