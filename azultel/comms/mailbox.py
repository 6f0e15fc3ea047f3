"""The local mailbox: the embedded default delivers each email as one ``.eml`` file.

Files live in ``EMAIL_FILE_PATH`` (``var/mail/`` by default) and are named
``<UTC time of the email's Date>-<outbox message id>.eml``, so names sort by time and a
delivery retried after a crash rewrites the same file instead of adding a second one.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage as ParsedEmail
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

FILENAME = re.compile(r"^(?P<stamp>\d{8}T\d{6}\d{6}Z)-(?P<uid>[0-9a-f]{32})\.eml$")
_MESSAGE_ID_UUID = re.compile(r"^<?([0-9a-f]{32})@", re.IGNORECASE)


def mailbox_dir() -> Path:
    return Path(settings.EMAIL_FILE_PATH)


def _filename_for(raw: bytes) -> str:
    parsed = BytesParser(policy=policy.default).parsebytes(raw, headersonly=True)
    when = datetime.now(UTC)
    date_header = parsed.get("Date")
    if date_header:
        with contextlib.suppress(TypeError, ValueError):
            when = parsedate_to_datetime(str(date_header)).astimezone(UTC)
    match = _MESSAGE_ID_UUID.match(str(parsed.get("Message-ID", "")).strip())
    uid = match.group(1).lower() if match else uuid.uuid4().hex
    return f"{when.strftime('%Y%m%dT%H%M%S%f')}Z-{uid}.eml"


class MailboxBackend(BaseEmailBackend):
    """Writes every message into the local mailbox instead of handing it to a mail server."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        folder = mailbox_dir()
        folder.mkdir(parents=True, exist_ok=True)
        written = 0
        for message in email_messages:
            try:
                raw = message.message().as_bytes()
                target = folder / _filename_for(raw)
                # Write then rename: the staff page never reads half a message.
                handle, temp_name = tempfile.mkstemp(dir=folder, suffix=".part")
                with os.fdopen(handle, "wb") as stream:
                    stream.write(raw)
                Path(temp_name).replace(target)
                written += 1
            except Exception:
                if not self.fail_silently:
                    raise
        return written


@dataclass(frozen=True)
class MailboxEntry:
    name: str
    received_at: datetime
    sender: str
    to: str
    subject: str


@dataclass(frozen=True)
class MailboxMessage:
    entry: MailboxEntry
    headers: list[tuple[str, str]]
    text: str
    has_html: bool
    raw: bytes


def _entry(name: str, parsed: ParsedEmail | Any) -> MailboxEntry:
    stamp = FILENAME.match(name)
    assert stamp is not None
    received = datetime.strptime(stamp.group("stamp"), "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
    return MailboxEntry(
        name=name,
        received_at=received,
        sender=str(parsed.get("From", "")),
        to=str(parsed.get("To", "")),
        subject=str(parsed.get("Subject", "")),
    )


def mailbox_names() -> list[str]:
    """Every message file name, newest first."""
    folder = mailbox_dir()
    if not folder.is_dir():
        return []
    names = [p.name for p in folder.iterdir() if FILENAME.match(p.name)]
    return sorted(names, reverse=True)


def mailbox_entries(names: list[str]) -> list[MailboxEntry]:
    """The envelope of each named message (headers only)."""
    folder = mailbox_dir()
    entries = []
    parser = BytesParser(policy=policy.default)
    for name in names:
        try:
            with (folder / name).open("rb") as stream:
                parsed = parser.parse(stream, headersonly=True)
        except FileNotFoundError:
            continue
        entries.append(_entry(name, parsed))
    return entries


def mailbox_message(name: str) -> MailboxMessage | None:
    """One message by file name; None for an unknown or malformed name (no path tricks)."""
    if not isinstance(name, str) or not FILENAME.match(name):
        return None
    path = mailbox_dir() / name
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    text_part = parsed.get_body(preferencelist=("plain",))
    text = str(text_part.get_content()) if text_part is not None else ""
    html_part = parsed.get_body(preferencelist=("html",))
    return MailboxMessage(
        entry=_entry(name, parsed),
        headers=[(k, str(v)) for k, v in parsed.items()],
        text=text,
        has_html=html_part is not None,
        raw=raw,
    )


def mailbox_purge(*, before: Any) -> int:
    """Delete local-mailbox files written before ``before`` (B3: contents kept 90 days)."""
    folder = mailbox_dir()
    if not folder.is_dir():
        return 0
    cutoff = before.timestamp()
    removed = 0
    for path in folder.glob("*.eml"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
